// Finishes the site roots bench/run.sh built (one release build per feed size, prerendered
// from that size's feed, in bench/out/site-<N>; bench/layout.mjs) and writes the nginx
// configuration that serves them:
// - checks that each build prerendered the article bench/measure.mjs opens;
// - lays out the static floor beside each, bench/out/static-<N> (bench/static-site.mjs);
// - puts the plain-JS baseline in each site root's /baseline/, with the build's stylesheet,
//   precompressed like the build's own files;
// - one server block per root, the one the build ships, each on its own port.
//   node bench/prepare.mjs <sizes, e.g. 30,1000> <first port>
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeCompressed } from '../scripts/compress.mjs';
import { writeLocalSite, writeMainConfig } from '../scripts/nginx-local.mjs';
import { ARTICLE_PATH, OUT, ports, siteRoot, staticRoot } from './layout.mjs';
import { makeStaticSite } from './static-site.mjs';

const [sizesArg, portArg] = process.argv.slice(2);
const sizes = sizesArg.split(',').map(Number);
const firstPort = Number(portArg);
const run = resolve(`${OUT}/nginx`);
rmSync(run, { recursive: true, force: true });
mkdirSync(run, { recursive: true });

for (const [i, size] of sizes.entries()) {
  const root = resolve(siteRoot(size));
  const front = `${root}/index.html`;
  if (!existsSync(front) || !readFileSync(front, 'utf8').includes('data-prerendered="page"')) {
    throw new Error(`${front} is not a prerendered page: did scripts/build.sh run for ${size} items?`);
  }
  const article = `${root}${ARTICLE_PATH}/index.html`;
  if (!existsSync(article)) {
    const built = existsSync(`${root}/article`) ? readdirSync(`${root}/article`).slice(0, 5).join(', ') : 'none';
    throw new Error(`${article} was not prerendered (articles built: ${built}…): update ARTICLE_SLUG in bench/layout.mjs`);
  }

  const started = Date.now();
  const floor = resolve(staticRoot(size));
  const pages = await makeStaticSite(root, floor);
  console.log(`prepare: ${size} items: ${pages} pages without scripts in ${floor}, ${((Date.now() - started) / 1000).toFixed(1)} s`);

  rmSync(`${root}/baseline`, { recursive: true, force: true });
  cpSync('bench/baseline', `${root}/baseline`, { recursive: true });
  const css = readdirSync(root).find((f) => /^main-.*\.css$/.test(f));
  if (!css) throw new Error(`${root} has no main-*.css`);
  cpSync(`${root}/${css}`, `${root}/baseline/main.css`);
  for (const file of readdirSync(`${root}/baseline`)) {
    writeCompressed(`${root}/baseline/${file}`, readFileSync(`${root}/baseline/${file}`));
  }

  const port = ports(firstPort, i);
  writeLocalSite(run, root, port.site, root);
  writeLocalSite(run, root, port.static, floor);
}
writeMainConfig(run);
