// Writes a JSON Feed of N items made from the demo feed's 33: item i is demo item i mod 33
// with its own id, a numbered title after the first 33, and a date an hour older than the one
// before, so every feed is newest-first with distinct slugs. bench/run.sh builds one site from
// each such feed:
//   node bench/make-feed.mjs <N> <file>
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function makeFeed(count) {
  const demo = JSON.parse(readFileSync(new URL('../public/feed.json', import.meta.url), 'utf8'));
  const newest = Date.parse(demo.items[0].date_published);
  const items = Array.from({ length: count }, (_, i) => {
    const source = demo.items[i % demo.items.length];
    const round = Math.floor(i / demo.items.length);
    return {
      ...source,
      id: `bench-${i}`,
      url: `${demo.home_page_url ?? 'https://example.org/'}?p=${i}`,
      title: round === 0 ? source.title : `${source.title} (${round + 1})`,
      date_published: new Date(newest - i * 3_600_000).toISOString(),
    };
  });
  return JSON.stringify({ ...demo, next_url: undefined, items });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, file] = process.argv.slice(2);
  if (!(Number(count) > 0) || !file) {
    console.error('usage: node bench/make-feed.mjs <N> <file>');
    process.exit(2);
  }
  writeFileSync(file, makeFeed(Number(count)));
}
