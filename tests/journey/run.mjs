#!/usr/bin/env node
// Runs the reader's journey (journey.mjs) against the release builds, one engine at a time:
//   node tests/journey/run.mjs [firefox] [webkit]      (both when none is named)
// Serves dist/ and dist-news/ with nginx exactly as the Playwright suite does
// (scripts/nginx-local.mjs): 127.0.0.1:$E2E_PORT (default 4807), /news/ on the next port, the
// partner page on 127.0.0.2 the port after. WEBKIT_DRIVER_PORT (default E2E_PORT + 3) is
// WebKitWebDriver's. Prints each step, then one summary line per engine, and exits non-zero
// if any step failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeE2eSites } from '../../scripts/nginx-local.mjs';
import { runJourney, STEPS, VIEWPORT as viewport } from './journey.mjs';
import { startFirefox } from './firefox.mjs';
import { startWebKit } from './webkit.mjs';

const ENGINES = { firefox: startFirefox, webkit: startWebKit };
const port = Number(process.env.E2E_PORT ?? 4807);
const site = { site: `http://127.0.0.1:${port}`, news: `http://127.0.0.1:${port + 1}/news/`, partner: `http://127.0.0.2:${port + 2}` };
// A whole journey takes well under a minute; this only ends a driver that hangs.
const ENGINE_LIMIT = 5 * 60_000;
const ARTIFACTS = 'tests/journey/artifacts';

const names = process.argv.slice(2);
for (const name of names) if (!ENGINES[name]) throw new Error(`unknown engine ${name}: firefox or webkit`);
const engines = names.length ? names : Object.keys(ENGINES);
for (const dist of ['dist', 'dist-news']) {
  if (!existsSync(`${dist}/nginx.conf`)) throw new Error(`${dist}/ is not built: see scripts/test.sh`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function answers(url) {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

async function startNginx() {
  // Another server on these ports (a Playwright run, another checkout's) would answer in place
  // of ours: refuse, as Playwright does.
  for (const url of Object.values(site)) {
    if (await answers(url)) throw new Error(`${url} is already in use: stop that server, or set E2E_PORT`);
  }
  const run = writeE2eSites(ARTIFACTS, port);
  const nginx = spawn('nginx', ['-p', run, '-c', `${run}/nginx.conf`], { stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${site.site}/`)).ok) return nginx;
    } catch {
      // Not listening yet.
    }
    if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}`);
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${site.site}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function withLimit(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: over ${seconds(ms)}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

const nginx = await startNginx();
mkdirSync(ARTIFACTS, { recursive: true });
let passed = 0;
let failed = 0;
const summaries = [];
try {
  for (const engine of engines) {
    const started = Date.now();
    console.log(`\njourney in ${engine}:`);
    let page;
    let results;
    try {
      page = await withLimit(
        ENGINES[engine]({ viewport, port: Number(process.env.WEBKIT_DRIVER_PORT ?? port + 3) }),
        60_000,
        `starting ${engine}`,
      );
      console.log(`  ${page.version}, started in ${seconds(Date.now() - started)}`);
      results = await withLimit(runJourney(page, site), ENGINE_LIMIT, `the journey in ${engine}`);
    } catch (error) {
      console.log(`  ✗ ${error.message}`);
      results = STEPS.map(([name]) => ({ name, ok: false, error: 'not run: ' + error.message }));
    } finally {
      if (page) await withLimit(page.close(), 20_000, `closing ${engine}`).catch((error) => console.log(`  ${error.message}`));
    }
    const ok = results.filter((result) => result.ok).length;
    const ms = Date.now() - started;
    passed += ok;
    failed += results.length - ok;
    writeFileSync(`${ARTIFACTS}/${engine}.json`, JSON.stringify({ engine, version: page?.version, ms, results }, null, 2));
    summaries.push(`${engine}: ${ok} passed, ${results.length - ok} failed (${seconds(ms)}, ${page?.version ?? 'not started'})`);
    console.log(summaries.at(-1));
  }
} finally {
  nginx.kill('SIGQUIT');
}
if (engines.length > 1) {
  console.log();
  for (const line of summaries) console.log(line);
  console.log(`journeys: ${passed} passed, ${failed} failed`);
}
process.exit(failed ? 1 : 0);
