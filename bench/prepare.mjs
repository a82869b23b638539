// Lays out one site root per feed size under bench/out/ (the release dist/, its feed replaced,
// the baseline beside it in /baseline/) and the nginx configuration that serves them with the
// server block the build ships, each on its own port.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeCompressed } from '../scripts/compress.mjs';
import { writeLocalSite, writeMainConfig } from '../scripts/nginx-local.mjs';
import { makeFeed } from './make-feed.mjs';

const [sizesArg, portArg] = process.argv.slice(2);
const sizes = sizesArg.split(',').map(Number);
const firstPort = Number(portArg);
const out = resolve('bench/out');
const run = `${out}/nginx`;
rmSync(run, { recursive: true, force: true });
mkdirSync(run, { recursive: true });
const css = readdirSync('dist').find((f) => /^main-.*\.css$/.test(f));

for (const [i, size] of sizes.entries()) {
  const root = `${out}/site-${size}`;
  rmSync(root, { recursive: true, force: true });
  cpSync('dist', root, { recursive: true });
  const feed = Buffer.from(makeFeed(size));
  // Replaced together: nginx's gzip_static and brotli_static would serve the demo's copies.
  writeFileSync(`${root}/feed.json`, feed);
  writeCompressed(`${root}/feed.json`, feed);
  cpSync('bench/baseline', `${root}/baseline`, { recursive: true });
  cpSync(`dist/${css}`, `${root}/baseline/main.css`);
  writeLocalSite(run, 'dist', firstPort + i, root);
}
writeMainConfig(run);
