// Offline reading's figures (issue 16; README.md, "Offline reading"), reported, not asserted:
// - the service worker's size, as written and as served (brotli);
// - the front page's first online visit, cold cache and no worker (what every reader who has
//   not asked for offline reading gets), at 4× CPU: this build beside an earlier one, so a
//   change can be seen to cost nothing there;
// - the front page offline from a cold start at 4× CPU: a browser profile in which the reader
//   turned offline reading on, the browser started afresh with the network cut, the front page
//   opened; until the first item shows and until the app runs.
// Each build is served by nginx with the server block it ships. Medians of --runs, in ms from
// navigation start, printed as a Markdown table and saved to bench/out/offline.md.
//
//   node bench/offline.mjs --after dist --before bench/out/before [--runs 7] [--port 4960]
//
// bench/offline.sh builds both (the earlier one from a git revision) and runs this.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compress } from '../scripts/compress.mjs';
import { writeLocalSite, writeMainConfig } from '../scripts/nginx-local.mjs';
import { loadOnce, measureLoad } from './probe.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : [])),
);
const runs = Number(args.runs ?? 7);
const port = Number(args.port ?? 4960);
const builds = { before: args.before, after: args.after ?? 'dist' };
if (!builds.before) throw new Error('usage: node bench/offline.mjs --after dist --before <dist of an earlier build> [--runs 7]');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const THROTTLE = 4;
const MARKS = ['firstItem', 'takeover'];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function serve() {
  const run = resolve('bench/out/offline-nginx');
  rmSync(run, { recursive: true, force: true });
  mkdirSync(run, { recursive: true });
  Object.values(builds).forEach((dist, i) => writeLocalSite(run, dist, port + i, resolve(dist)));
  writeMainConfig(run);
  return spawn('nginx', ['-p', run, '-c', `${run}/nginx.conf`], { stdio: 'inherit' });
}
const address = (i) => `http://127.0.0.1:${port + i}/`;

async function answering(url) {
  for (let tries = 0; tries < 100; tries++) {
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bench: ${url} does not answer`);
}

// The first online visit: a fresh context each run, nothing cached, no worker; the builds in
// turn, run by run, so a slower minute of the machine weighs on both alike.
async function firstVisits(browser) {
  const samples = Object.fromEntries(Object.keys(builds).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [i, name] of Object.keys(builds).entries()) {
      const { context, times } = await loadOnce(browser, address(i), MARKS, THROTTLE);
      await context.close();
      samples[name].push(times);
    }
  }
  return samples;
}

// Offline from a cold start: turns offline reading on in a profile of its own, then opens the
// front page in that profile with a browser started afresh and the network cut, each run.
async function offlineStarts(url) {
  const profile = mkdtempSync(join(tmpdir(), 'vistka-offline-'));
  const options = { executablePath: CHROMIUM, args: FLAGS, locale: 'uk-UA', viewport: { width: 412, height: 823 } };
  try {
    const setup = await chromium.launchPersistentContext(profile, options);
    const page = setup.pages()[0] ?? (await setup.newPage());
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.classList.contains('app'));
    await page.getByLabel('Читати без мережі').check();
    await page.locator('.offline-stored', { hasText: 'Збережено' }).waitFor();
    await setup.close();
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const context = await chromium.launchPersistentContext(profile, { ...options, offline: true });
      const page = context.pages()[0] ?? (await context.newPage());
      samples.push((await measureLoad(page, url, MARKS, THROTTLE)).times);
      await context.close();
    }
    return samples;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const nginx = serve();
try {
  await Promise.all(Object.keys(builds).map((_, i) => answering(address(i))));
  const worker = readFileSync(join(builds.after, 'sw.js'));
  const lines = [
    `Offline reading, ${runs} runs, medians in ms from navigation start, ${THROTTLE}× CPU; the front page.`,
    '',
    `Service worker (${builds.after}/sw.js): ${worker.length} B, ${compress(worker, 'sw.js').brotli.length} B brotli.`,
    '',
    '| visit | build | first item | app running |',
    '|---|---|---:|---:|',
  ];
  const row = (visit, name, samples) =>
    lines.push(`| ${visit} | ${name} (${builds[name]}) | ${median(samples.map((s) => s.firstItem)).toFixed(0)} | ${median(samples.map((s) => s.takeover)).toFixed(0)} |`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const visits = await firstVisits(browser);
    for (const name of Object.keys(builds)) row('first online visit', name, visits[name]);
  } finally {
    await browser.close();
  }
  row('offline, cold start', 'after', await offlineStarts(address(1)));
  const table = lines.join('\n');
  console.log(table);
  writeFileSync('bench/out/offline.md', `${table}\n`);
} finally {
  nginx.kill();
}
