// Lays out one site root per feed size under bench/out/ (the release dist/, its feed replaced,
// the baseline beside it in /baseline/) and the nginx configuration that serves them with the
// server block the build ships, each on its own port.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { makeFeed } from './make-feed.mjs';

const [sizesArg, portArg] = process.argv.slice(2);
const sizes = sizesArg.split(',').map(Number);
const firstPort = Number(portArg);
const out = resolve('bench/out');
const run = `${out}/nginx`;
mkdirSync(run, { recursive: true });
const shipped = readFileSync('dist/nginx.conf', 'utf8');
const css = readdirSync('dist').find((f) => /^main-.*\.css$/.test(f));

for (const [i, size] of sizes.entries()) {
  const root = `${out}/site-${size}`;
  rmSync(root, { recursive: true, force: true });
  cpSync('dist', root, { recursive: true });
  const feed = Buffer.from(makeFeed(size));
  // Replaced together: nginx's gzip_static and brotli_static would serve the demo's copies.
  writeFileSync(`${root}/feed.json`, feed);
  writeFileSync(`${root}/feed.json.gz`, gzipSync(feed, { level: 9 }));
  writeFileSync(`${root}/feed.json.br`, brotliCompressSync(feed, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  cpSync('bench/baseline', `${root}/baseline`, { recursive: true });
  cpSync(`dist/${css}`, `${root}/baseline/main.css`);
  const site = shipped
    .replace('listen 80;', `listen 127.0.0.1:${firstPort + i};`)
    .replace('root /var/www/vistka;', `root ${root};`);
  if (site === shipped) throw new Error('dist/nginx.conf: listen or root not found');
  writeFileSync(`${run}/site-${size}.conf`, site);
}
writeFileSync(`${run}/nginx.conf`, readFileSync('tests/e2e/nginx.conf.template', 'utf8').replaceAll('@RUN@', run));
