// The static floor: a copy of a built site whose pages load nothing for the app. Every .html
// file loses its <script> elements and the preloads only a script could use (modulepreload,
// and preload as fetch or script: the wasm, its JS glue, config.json, feed.json); what the page
// itself needs (the stylesheet, the icon, images) stays. Its .br and .gz copies are written
// again with scripts/compress.mjs; every other file is hard-linked (copied where links fail).
// The pages are many (one per article), so they are rewritten on one worker thread per core.
import { copyFileSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { writeCompressed } from '../scripts/compress.mjs';

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>\s*/gi;
const LINK = /<link\b[^>]*>\s*/gi;
const APP_ONLY_LINK = /\brel=["']?modulepreload\b|\brel=["']?preload\b[^>]*\bas=["']?(fetch|script)\b|\bas=["']?(fetch|script)\b[^>]*\brel=["']?preload\b/i;

/** `html` without its scripts and the preloads that only scripts use. */
export function stripScripts(html) {
  const stripped = html.replace(SCRIPT, '').replace(LINK, (link) => (APP_ONLY_LINK.test(link) ? '' : link));
  if (/<script\b/i.test(stripped)) throw new Error('a <script> is left after stripping');
  return stripped;
}

/** Lays out `to` as `from` without scripts; resolves to the number of pages rewritten. */
export async function makeStaticSite(from, to) {
  rmSync(to, { recursive: true, force: true });
  const pages = [];
  const walk = (relative) => {
    mkdirSync(join(to, relative), { recursive: true });
    for (const entry of readdirSync(join(from, relative), { withFileTypes: true })) {
      const path = join(relative, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) pages.push(path);
      else if (!/\.html\.(br|gz)$/.test(entry.name)) {
        try {
          linkSync(join(from, path), join(to, path));
        } catch {
          copyFileSync(join(from, path), join(to, path));
        }
      }
    }
  };
  walk('');
  const workers = Math.max(1, Math.min(availableParallelism(), pages.length));
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const share = pages.filter((_, i) => i % workers === w);
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { from, to, pages: share } });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`static site worker exited with ${code}`)));
      });
    }),
  );
  return pages.length;
}

if (!isMainThread && workerData?.pages) {
  const { from, to, pages } = workerData;
  for (const path of pages) {
    const html = Buffer.from(stripScripts(readFileSync(join(from, path), 'utf8')));
    writeFileSync(join(to, path), html);
    writeCompressed(join(to, path), html);
  }
  parentPort.postMessage(pages.length);
}
