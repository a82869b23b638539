// Serving a build locally with the server block it ships (dist/nginx.conf), for the e2e suite
// (playwright.config.ts) and the benchmark (bench/prepare.mjs): one server block per site on a
// loopback port, included by tests/e2e/nginx.conf.template.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `<run>/site-<port>.conf`: `dist`'s server block, listening on `port`, serving `root`. */
export function writeLocalSite(run, dist, port, root) {
  const shipped = readFileSync(`${dist}/nginx.conf`, 'utf8');
  const local = shipped
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('root /var/www/vistka;', `root ${root};`);
  if (local === shipped) throw new Error(`${dist}/nginx.conf: listen or root not found`);
  writeFileSync(`${run}/site-${port}.conf`, local);
}

/** Writes `<run>/nginx.conf`, the main configuration that includes `<run>/site-*.conf`. */
export function writeMainConfig(run) {
  writeFileSync(`${run}/nginx.conf`, readFileSync('tests/e2e/nginx.conf.template', 'utf8').replaceAll('@RUN@', run));
}
