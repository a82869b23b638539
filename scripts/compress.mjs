// The one setting for precompressed copies, shared by the build (scripts/postbuild.mjs) and the
// benchmark (bench/): what is served is what is measured. gzip -9 and brotli 11.
import { writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** `data` as gzip and as brotli. */
export function compress(data) {
  return {
    gzip: gzipSync(data, { level: 9 }),
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

/** Writes `path.gz` and `path.br` beside a file holding `data`. */
export function writeCompressed(path, data) {
  const { gzip, brotli } = compress(data);
  writeFileSync(`${path}.gz`, gzip);
  writeFileSync(`${path}.br`, brotli);
}
