// Serving a build locally with the server block it ships (dist/nginx.conf), for the e2e suite
// (playwright.config.ts) and the benchmark (bench/prepare.mjs): one server block per site on a
// loopback port, included by tests/e2e/nginx.conf.template.
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

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

/**
 * Writes everything the end-to-end suites serve into `<artifacts>/`: `dist/` at the root of
 * 127.0.0.1:`port`, `dist-news/` under /news/ on `port + 1`, a partner's page embedding
 * the widget on 127.0.0.2:`port + 2` (tests/e2e/partner.html), and a host to deploy builds
 * onto on `port + 4`. Used by playwright.config.ts
 * (Chromium) and tests/journey/run.mjs (Firefox, WebKit). Returns the nginx run folder, to
 * start `nginx -p <run> -c <run>/nginx.conf`.
 */
export function writeE2eSites(artifacts, port) {
  const newsPort = port + 1;
  const run = resolve(artifacts, 'nginx');
  mkdirSync(run, { recursive: true });
  rmSync(`${run}/site-${port}.conf`, { force: true });
  rmSync(`${run}/site-${newsPort}.conf`, { force: true });
  rmSync(`${run}/site-partner.conf`, { force: true });
  if (existsSync('dist/nginx.conf')) writeLocalSite(run, 'dist', port, resolve('dist'));
  if (existsSync('dist-news/nginx.conf')) {
    // nginx serves /news/ from <root>/news: a folder whose news/ is the sub-path build.
    const www = resolve(artifacts, 'www');
    mkdirSync(www, { recursive: true });
    // Every Playwright worker process loads its config too: link once, and let a worker that
    // loses the race to another find the link in place.
    const link = `${www}/news`;
    const target = resolve('dist-news');
    if (linkTarget(link) !== target) {
      rmSync(link, { force: true });
      try {
        symlinkSync(target, link);
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
      }
    }
    writeLocalSite(run, 'dist-news', newsPort, www);
  }
  // A host a new build is deployed onto while a reader has the old one (tests/e2e/offline.spec.ts):
  // dist/'s server block on `port + 4`, serving whichever build <artifacts>/deploy/live links to.
  rmSync(`${run}/site-${port + 4}.conf`, { force: true });
  if (existsSync('dist/nginx.conf')) writeLocalSite(run, 'dist', port + 4, resolve(artifacts, 'deploy', 'live'));
  const partner = resolve(artifacts, 'partner');
  mkdirSync(partner, { recursive: true });
  writeFileSync(
    `${partner}/index.html`,
    readFileSync('tests/e2e/partner.html', 'utf8').replaceAll('@SITE@', `http://127.0.0.1:${port}/`),
  );
  writeFileSync(`${run}/site-partner.conf`, `server {\n    listen 127.0.0.2:${port + 2};\n    root ${partner};\n}\n`);
  writeMainConfig(run);
  return run;
}

function linkTarget(path) {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
