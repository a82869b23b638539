// Writes a .br and a .gz copy beside every text file of a finished build, for hosts that serve
// precompressed files as they are (nginx's brotli_static and gzip_static). Run by
// scripts/build.sh last, once the prerenderer has written every page:
//   node scripts/precompress.mjs <dist>
// A build holds one page per article, 10,000 and more, so the files are compressed on libuv's
// threadpool, a few at a time: every core works, and memory holds only the files in flight.
// A file whose two copies are both newer than it is skipped, so a second run costs only what
// changed. The compression settings are in scripts/compress.mjs.
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compressAsync } from './compress.mjs';

const dist = process.argv[2] ?? 'dist';
const textFile = /\.(html|js|wasm|css|json|svg|txt|xml|webmanifest)$/;
// Files in flight: enough to keep the threadpool's 4 threads busy while others are read and written.
const IN_FLIGHT = 8;

/** Every text file under `dir`, as it is found. */
async function* textFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (entry.isFile() && textFile.test(entry.name)) yield path;
  }
}

const modified = (path) => stat(path).then((s) => s.mtimeMs, () => -Infinity);

/** Written beside and renamed into place: a run cut short leaves no truncated copy that a later
 *  run would take for up to date. */
async function replace(path, data) {
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

/** Compresses one file unless its copies are up to date; its sizes, raw and brotli. */
async function precompress(path) {
  const [source, br, gz] = await Promise.all([stat(path), modified(`${path}.br`), modified(`${path}.gz`)]);
  if (br > source.mtimeMs && gz > source.mtimeMs) {
    return { raw: source.size, brotli: (await stat(`${path}.br`)).size, skipped: true };
  }
  const data = await readFile(path);
  const { gzip, brotli } = await compressAsync(data, path);
  await Promise.all([replace(`${path}.gz`, gzip), replace(`${path}.br`, brotli)]);
  return { raw: data.length, brotli: brotli.length, skipped: false };
}

const started = performance.now();
const totals = { files: 0, skipped: 0, raw: 0, brotli: 0 };
const queue = textFiles(dist);
// Each worker takes the next file from the one walk until none is left.
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    for await (const path of queue) {
      const { raw, brotli, skipped } = await precompress(path);
      totals.files += 1;
      totals.skipped += skipped ? 1 : 0;
      totals.raw += raw;
      totals.brotli += brotli;
    }
  }),
);
const n = (count) => count.toLocaleString('en');
console.log(
  `precompress: ${dist}: ${n(totals.files)} files (${n(totals.skipped)} already up to date), ` +
    `${n(totals.raw)} bytes, ${n(totals.brotli)} as brotli, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
