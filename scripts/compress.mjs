// The one setting for precompressed copies, shared by the build (scripts/precompress.mjs) and the
// benchmark (bench/): what is served is what is measured. gzip -9 and brotli 11, except pages.
//
// Pages (.html) get brotli 8. A build prerenders a page per article, 10,000 and more, and brotli
// 10 and 11 spend far more time on them than they save. Measured with scripts/precompress.mjs
// on 10,000 generated pages of 15,436 bytes on average (the shell's head, header and nav, an
// article of demo-feed paragraphs, the rail, the footer), 2 cores, gzip -9 included; CPU time
// is user + system, wall time with another build running on the machine:
//   brotli 11: 4,842 bytes a page (31.4 %), 191 s CPU, 160 s wall
//   brotli 10: 4,796 bytes a page (31.1 %),  92 s CPU,  47 s wall
//   brotli  8: 5,460 bytes a page (35.4 %),  26 s CPU,  15 s wall   <- pages
//   gzip -9:   6,086 bytes a page (39.4 %)
// (brotli 9 is as slow as 10 and no smaller than 8.) 8 costs 664 bytes a page over 10 and
// leaves the step well under a minute as the site grows; either size fits the first round
// trip of a new connection. The app's files (wasm, JS, CSS) and the feed are few and large and
// keep 11.
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

const GZIP = { level: 9 };
const BROTLI_QUALITY = 11;
const PAGE_BROTLI_QUALITY = 8;

/** Brotli's options for the file at `path` (without one: an asset's). */
const brotliOptions = (path = '') => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: path.endsWith('.html') ? PAGE_BROTLI_QUALITY : BROTLI_QUALITY },
});

/** `data`, the content of the file at `path`, as gzip and as brotli. */
export function compress(data, path) {
  return {
    gzip: gzipSync(data, GZIP),
    brotli: brotliCompressSync(data, brotliOptions(path)),
  };
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The same, compressed on libuv's threadpool: several files at once use every core. */
export async function compressAsync(data, path) {
  const [gzipped, brotli] = await Promise.all([gzipAsync(data, GZIP), brotliAsync(data, brotliOptions(path))]);
  return { gzip: gzipped, brotli };
}

/** Writes `path.gz` and `path.br` beside a file holding `data`. */
export function writeCompressed(path, data) {
  const { gzip, brotli } = compress(data, path);
  writeFileSync(`${path}.gz`, gzip);
  writeFileSync(`${path}.br`, brotli);
}
