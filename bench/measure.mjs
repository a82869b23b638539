// Measures Vistka and the plain-JS baseline side by side in headless Chromium; run by
// bench/run.sh, which builds the sites and serves them. Prints a Markdown table of medians
// with the ratio Vistka / baseline and saves every sample to bench/out/results.json.
//
//   node bench/measure.mjs --origin-port 4950 --sizes 30,1000,10000 --runs 7 [--no-lighthouse]
//
// Sizes are served on consecutive ports from --origin-port, one site root per feed size.
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { compress } from '../scripts/compress.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]?.startsWith('--') ? true : all[i + 1] ?? true]);
    return pairs;
  }, []),
);
const runs = Number(args.runs ?? 7);
const sizes = String(args.sizes ?? '30,1000,10000').split(',').map(Number);
const firstPort = Number(args['origin-port'] ?? 4950);
const lighthouseRuns = args['no-lighthouse'] ? 0 : runs;
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// The two sites: where each shows the listing and the newest article.
const SITES = {
  vistka: { listing: '/', article: '/article/mist-cherez-tykhu-vidkryiut-do-zymy' },
  baseline: { listing: '/baseline/index.html', article: '/baseline/index.html?a=bench-0' },
};

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Transfer sizes of what each site loads before its first item: wasm, JS, CSS.
function compressed(path) {
  const bytes = readFileSync(path);
  const { gzip, brotli } = compress(bytes);
  return { raw: bytes.length, gzip: gzip.length, brotli: brotli.length };
}
function sum(list) {
  return list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}
function transferSizes(root) {
  const files = readdirSync(root);
  const pick = (test) => files.filter((f) => test(f) && !/\.(br|gz)$/.test(f)).map((f) => compressed(`${root}/${f}`));
  return {
    vistka: {
      wasm: sum(pick((f) => f.endsWith('.wasm'))),
      js: sum(pick((f) => f.endsWith('.js') && f !== 'embed.js')),
      css: sum(pick((f) => f.endsWith('.css'))),
    },
    baseline: {
      wasm: { raw: 0, gzip: 0, brotli: 0 },
      js: compressed(`${root}/baseline/baseline.js`),
      css: compressed(`${root}/baseline/main.css`),
    },
  };
}

// Records, in page time, when the first listing item and an article body are in the DOM at
// the next animation frame, and the wasm memory once the app has started.
const PAGE_PROBE = () => {
  const marks = (window.__bench = {});
  const atNextFrame = (name) => requestAnimationFrame(() => (marks[name] ??= performance.now()));
  new MutationObserver(() => {
    if (!marks.pendingItem && document.querySelector('main .card-title a')) {
      marks.pendingItem = true;
      atNextFrame('firstItem');
    }
    if (!marks.pendingBody && document.querySelector('main .article-body')?.textContent.trim()) {
      marks.pendingBody = true;
      atNextFrame('articleBody');
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('TrunkApplicationStarted', (event) => (marks.wasm = event.detail.wasm));
};

// Clicks the first «Свіжі дописи» link and resolves when the new headline is in the DOM.
const ROUTE_CHANGE = () =>
  new Promise((resolve) => {
    const link = document.querySelector('.fresh-posts a');
    const title = link.textContent.trim();
    const start = performance.now();
    const done = () => document.querySelector('main h1')?.textContent.trim() === title;
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
    link.click();
    if (done()) resolve(performance.now() - start);
  });

async function loadOnce(browser, origin, path, mark, throttle) {
  const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(PAGE_PROBE);
  await page.goto(origin + path);
  await page.waitForFunction((name) => window.__bench?.[name] !== undefined, mark, { timeout: 120_000 });
  const time = await page.evaluate((name) => window.__bench[name], mark);
  return { context, page, cdp, time };
}

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? 0);
  return { jsHeap: usedSize, wasmMemory: wasm, total: usedSize + wasm };
}

async function browserSamples(size, origin) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const samples = {};
  const add = (site, key, value) => ((samples[site] ??= {})[key] ??= []).push(value);
  try {
    for (let run = 0; run < runs; run++) {
      for (const [site, paths] of Object.entries(SITES)) {
        for (const throttle of [1, 4]) {
          const listing = await loadOnce(browser, origin, paths.listing, 'firstItem', throttle);
          add(site, `firstItem_x${throttle}`, listing.time);
          if (throttle === 1) {
            const used = await memory(listing.page, listing.cdp);
            add(site, 'jsHeap', used.jsHeap);
            add(site, 'wasmMemory', used.wasmMemory);
            add(site, 'memory', used.total);
          }
          await listing.context.close();

          const article = await loadOnce(browser, origin, paths.article, 'articleBody', throttle);
          add(site, `articleBody_x${throttle}`, article.time);
          add(site, `routeChange_x${throttle}`, await article.page.evaluate(ROUTE_CHANGE));
          await article.context.close();
        }
      }
      process.stderr.write(`  ${size} items: run ${run + 1}/${runs} done\n`);
    }
  } finally {
    await browser.close();
  }
  return samples;
}

async function lighthouseSamples(size, origin) {
  const port = firstPort + 100;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, `--remote-debugging-port=${port}`] });
  const samples = {};
  const add = (site, key, value) => ((samples[site] ??= {})[key] ??= []).push(value);
  try {
    for (let run = 0; run < lighthouseRuns; run++) {
      for (const [site, paths] of Object.entries(SITES)) {
        for (const view of ['listing', 'article']) {
          // The article is audited on the 30-item feed only: its page does not grow with the feed.
          if (view === 'article' && size !== sizes[0]) continue;
          const result = await lighthouse(origin + paths[view], {
            port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility', 'best-practices'],
          });
          const { categories, audits } = result.lhr;
          add(site, `${view}_lhPerformance`, categories.performance.score * 100);
          add(site, `${view}_lhAccessibility`, categories.accessibility.score * 100);
          add(site, `${view}_lhBestPractices`, categories['best-practices'].score * 100);
          add(site, `${view}_lhFCP`, audits['first-contentful-paint'].numericValue);
          add(site, `${view}_lhLCP`, audits['largest-contentful-paint'].numericValue);
          add(site, `${view}_lhTBT`, audits['total-blocking-time'].numericValue);
          add(site, `${view}_lhCLS`, audits['cumulative-layout-shift'].numericValue);
        }
      }
      process.stderr.write(`  ${size} items: Lighthouse run ${run + 1}/${lighthouseRuns} done\n`);
    }
  } finally {
    await browser.close();
  }
  return samples;
}

const LABELS = {
  firstItem_x1: ['first item on screen', 'ms'],
  firstItem_x4: ['first item on screen, 4× CPU', 'ms'],
  articleBody_x1: ['article body on screen', 'ms'],
  articleBody_x4: ['article body on screen, 4× CPU', 'ms'],
  routeChange_x1: ['route change between articles', 'ms'],
  routeChange_x4: ['route change between articles, 4× CPU', 'ms'],
  jsHeap: ['JS heap after load', 'KB'],
  wasmMemory: ['wasm memory after load', 'KB'],
  memory: ['JS heap + wasm memory', 'KB'],
  listing_lhPerformance: ['Lighthouse mobile performance, listing', ''],
  listing_lhFCP: ['  FCP, listing', 'ms'],
  listing_lhLCP: ['  LCP, listing', 'ms'],
  listing_lhTBT: ['  TBT, listing', 'ms'],
  listing_lhCLS: ['  CLS, listing', ''],
  listing_lhAccessibility: ['Lighthouse accessibility, listing', ''],
  listing_lhBestPractices: ['Lighthouse best practices, listing', ''],
  article_lhPerformance: ['Lighthouse mobile performance, article', ''],
  article_lhFCP: ['  FCP, article', 'ms'],
  article_lhLCP: ['  LCP, article', 'ms'],
  article_lhTBT: ['  TBT, article', 'ms'],
  article_lhCLS: ['  CLS, article', ''],
  article_lhAccessibility: ['Lighthouse accessibility, article', ''],
  article_lhBestPractices: ['Lighthouse best practices, article', ''],
};

function format(value, unit) {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'KB') return `${(value / 1024).toFixed(0)} KB`;
  if (unit === 'ms') return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
  return value < 1 ? value.toFixed(3) : value.toFixed(0);
}
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–');

async function main() {
  const results = { date: new Date().toISOString(), runs, sizes: {}, transfer: null };
  const lines = [];
  for (const [i, size] of sizes.entries()) {
    const origin = `http://127.0.0.1:${firstPort + i}`;
    const root = `bench/out/site-${size}`;
    results.transfer ??= transferSizes(root);
    const samples = await browserSamples(size, origin);
    if (lighthouseRuns > 0) {
      for (const [site, metrics] of Object.entries(await lighthouseSamples(size, origin))) Object.assign(samples[site], metrics);
    }
    results.sizes[size] = { feed: compressed(`${root}/feed.json`), samples, medians: {} };
    lines.push('', `### ${size} items (feed ${format(results.sizes[size].feed.raw, 'KB')} raw, ${format(results.sizes[size].feed.brotli, 'KB')} brotli), median of ${runs}`, '', '| measure | Vistka | baseline | ratio |', '|---|---:|---:|---:|');
    for (const [key, [label, unit]] of Object.entries(LABELS)) {
      const vistka = median(samples.vistka?.[key] ?? []);
      const baseline = median(samples.baseline?.[key] ?? []);
      if (!Number.isFinite(vistka) && !Number.isFinite(baseline)) continue;
      results.sizes[size].medians[key] = { vistka, baseline };
      lines.push(`| ${label} | ${format(vistka, unit)} | ${format(baseline, unit)} | ${ratio(vistka, baseline)} |`);
    }
  }
  const t = results.transfer;
  const head = ['### Transfer before the first item (wasm + JS + CSS)', '', '| file | Vistka raw | gzip | brotli | baseline raw | gzip | brotli |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const kind of ['wasm', 'js', 'css']) {
    const v = t.vistka[kind];
    const b = t.baseline[kind];
    head.push(`| ${kind} | ${v.raw} | ${v.gzip} | ${v.brotli} | ${b.raw} | ${b.gzip} | ${b.brotli} |`);
  }
  const vt = sum(Object.values(t.vistka));
  const bt = sum(Object.values(t.baseline));
  head.push(`| **total** | ${vt.raw} | ${vt.gzip} | **${vt.brotli}** | ${bt.raw} | ${bt.gzip} | ${bt.brotli} |`);
  const report = [...head, ...lines].join('\n');
  console.log(report);
  writeFileSync('bench/out/results.json', JSON.stringify(results, null, 2));
  writeFileSync('bench/out/results.md', `${report}\n`);
  console.log('\nSaved bench/out/results.json and bench/out/results.md');
}

await main();
