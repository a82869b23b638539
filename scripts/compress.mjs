// The one setting for precompressed copies, shared by the build (scripts/precompress.mjs) and the
// benchmark (bench/): what is served is what is measured. gzip -9 and brotli 11, except pages.
//
// Pages (.html) get brotli 10. A build prerenders one page per article, 10,000 and more, and
// quality 11 costs too much time for what it saves on them. Measured on 10,000 generated pages
// of 15.1 KB (the shell's head, the header, an article of demo-feed paragraphs, the rail, the
// footer), node scripts/precompress.mjs on 2 cores, gzip -9 included:
//   brotli 11: 4,852 B a page (31.4 %), 93 s
//   brotli 10: 4,806 B a page (31.1 %), 38 s     <- pages
//   brotli  9: 5,473 B a page (35.4 %), 38 s
//   brotli  8: 5,470 B a page (35.4 %),  6 s
// (gzip -9 alone: 5,642 B a page.) On pages this small 10 compresses as well as 11 at 2.4 times
// the speed; 9 and below give up 14 % of size. The app's files (wasm, JS, CSS) and the feed
// are few and large and keep 11.
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

const GZIP = { level: 9 };
const BROTLI_QUALITY = 11;
const PAGE_BROTLI_QUALITY = 10;

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
