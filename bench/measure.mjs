// Measures the three variants side by side in headless Chromium (bench/layout.mjs): Vistka
// (prerendered pages the app takes over), the static floor (the same pages with their scripts
// removed: nothing can paint sooner) and the plain-JS baseline. Run by bench/run.sh, which
// builds and serves them. Prints Markdown tables of medians with the ratios Vistka / static and
// Vistka / baseline, and the issue-12 budgets met or not, and saves every sample to
// bench/out/results.json (and the tables to results.md).
//
//   node bench/measure.mjs --origin-port 4950 --sizes 30,1000,10000 --runs 7 [--no-lighthouse]
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { compress } from '../scripts/compress.mjs';
import { OUT, VARIANTS, ports, siteRoot } from './layout.mjs';
import { loadOnce } from './probe.mjs';

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
const NAMES = Object.keys(VARIANTS);

/** Size i's URL of `view` ('listing' or 'article') in `variant`. */
function url(i, variant, view) {
  const port = ports(firstPort, i)[VARIANTS[variant].root];
  return `http://127.0.0.1:${port}${VARIANTS[variant][view]}`;
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mostCommon = (values) => {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

// Transfer sizes of the front page's document and of what each app loads: wasm, JS, CSS,
// compressed as the build compresses them (scripts/compress.mjs picks the setting by file).
function compressed(path) {
  const bytes = readFileSync(path);
  const { gzip, brotli } = compress(bytes, path);
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
      html: compressed(`${root}/index.html`),
    },
    baseline: {
      wasm: { raw: 0, gzip: 0, brotli: 0 },
      js: compressed(`${root}/baseline/baseline.js`),
      css: compressed(`${root}/baseline/main.css`),
      html: compressed(`${root}/baseline/index.html`),
    },
  };
}

// What each size's build wrote (the baseline aside): its pages and their bytes, raw and as the
// .br copies served; and how long scripts/build.sh took, as bench/run.sh timed it.
function buildFigures(size) {
  const figures = { seconds: NaN, pages: 0, html: 0, htmlBrotli: 0 };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (path !== `${siteRoot(size)}/baseline`) walk(path);
      } else if (entry.name.endsWith('.html')) {
        figures.pages += 1;
        figures.html += statSync(path).size;
      } else if (entry.name.endsWith('.html.br')) {
        figures.htmlBrotli += statSync(path).size;
      }
    }
  };
  walk(siteRoot(size));
  const times = existsSync(`${OUT}/build-times.txt`) ? readFileSync(`${OUT}/build-times.txt`, 'utf8') : '';
  for (const line of times.split('\n')) {
    const [items, seconds] = line.split(' ').map(Number);
    if (items === size) figures.seconds = seconds;
  }
  return figures;
}

// Before measuring: every URL answers with what it should, so a wrong layout or server block
// fails here with its URL rather than as a two-minute wait in the browser.
async function checkSites() {
  for (const i of sizes.keys()) {
    for (const name of NAMES) {
      for (const view of ['listing', 'article']) {
        const address = url(i, name, view);
        const response = await fetch(address);
        const html = await response.text();
        const problem =
          !response.ok ? `answered ${response.status}`
          : name !== 'baseline' && !html.includes('data-prerendered="page"') ? 'is not a prerendered page'
          : name !== 'baseline' && view === 'article' && !html.includes('article-body') ? 'is not the prerendered article'
          : name === 'static' && /<script\b/i.test(html) ? 'still has a script'
          : name === 'vistka' && !/<script\b/i.test(html) ? 'has no script'
          : null;
        if (problem) throw new Error(`bench: ${address} (${name}, ${view}) ${problem}`);
      }
    }
  }
}

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

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? 0);
  return { jsHeap: usedSize, wasmMemory: wasm, total: usedSize + wasm };
}

async function browserSamples(size, i) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const samples = {};
  const add = (site, key, value) => ((samples[site] ??= {})[key] ??= []).push(value);
  try {
    for (let run = 0; run < runs; run++) {
      for (const name of NAMES) {
        // Vistka is loaded until the app has taken over, so that memory and the route change
        // are the app's (before, the prerendered links are real page loads); the static floor
        // has no app, so no memory or route change.
        const app = name === 'vistka';
        const withApp = (mark) => (app ? [mark, 'takeover'] : [mark]);
        for (const throttle of [1, 4]) {
          const listing = await loadOnce(browser, url(i, name, 'listing'), withApp('firstItem'), throttle);
          add(name, `firstItem_x${throttle}`, listing.times.firstItem);
          if (app) add(name, `takeover_x${throttle}`, listing.times.takeover);
          if (throttle === 1 && name !== 'static') {
            const used = await memory(listing.page, listing.cdp);
            add(name, 'jsHeap', used.jsHeap);
            add(name, 'wasmMemory', used.wasmMemory);
            add(name, 'memory', used.total);
          }
          await listing.context.close();

          const article = await loadOnce(browser, url(i, name, 'article'), withApp('articleBody'), throttle);
          add(name, `articleBody_x${throttle}`, article.times.articleBody);
          if (app) add(name, `articleTakeover_x${throttle}`, article.times.takeover);
          if (name !== 'static') add(name, `routeChange_x${throttle}`, await article.page.evaluate(ROUTE_CHANGE));
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

// Lighthouse's LCP element and its render delay (LCP minus the end of the element's own load,
// or minus TTFB for text): where a takeover repaints the largest element, this is what grows.
function lcpDetails(audit) {
  const [elements, phases] = audit?.details?.items ?? [];
  const node = elements?.items?.[0]?.node;
  // Phases in order: TTFB, load delay, load time, render delay (labels may be localised).
  const renderDelay = (phases?.items?.find((item) => /render delay/i.test(String(item.phase))) ?? phases?.items?.[3])?.timing;
  return { element: node ? (node.selector || node.snippet || '').slice(0, 100) : undefined, renderDelay };
}

async function lighthouseSamples(size, i) {
  const port = firstPort + 100;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, `--remote-debugging-port=${port}`] });
  const samples = {};
  const add = (site, key, value) => ((samples[site] ??= {})[key] ??= []).push(value);
  try {
    for (let run = 0; run < lighthouseRuns; run++) {
      for (const name of NAMES) {
        for (const view of ['listing', 'article']) {
          const result = await lighthouse(url(i, name, view), {
            port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility', 'best-practices'],
          });
          const { categories, audits } = result.lhr;
          const score = (category) => (category.score === null ? NaN : category.score * 100);
          add(name, `${view}_lhPerformance`, score(categories.performance));
          add(name, `${view}_lhAccessibility`, score(categories.accessibility));
          add(name, `${view}_lhBestPractices`, score(categories['best-practices']));
          add(name, `${view}_lhFCP`, audits['first-contentful-paint'].numericValue);
          add(name, `${view}_lhLCP`, audits['largest-contentful-paint'].numericValue);
          add(name, `${view}_lhTBT`, audits['total-blocking-time'].numericValue);
          add(name, `${view}_lhCLS`, audits['cumulative-layout-shift'].numericValue);
          const lcp = lcpDetails(audits['largest-contentful-paint-element']);
          add(name, `${view}_lhLCPRenderDelay`, lcp.renderDelay ?? NaN);
          add(name, `${view}_lhLCPElement`, lcp.element ?? '?');
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
  takeover_x1: ['app took over the listing', 'ms'],
  takeover_x4: ['app took over the listing, 4× CPU', 'ms'],
  articleTakeover_x1: ['app took over the article', 'ms'],
  articleTakeover_x4: ['app took over the article, 4× CPU', 'ms'],
  routeChange_x1: ['route change between articles', 'ms'],
  routeChange_x4: ['route change between articles, 4× CPU', 'ms'],
  jsHeap: ['JS heap after load', 'KB'],
  wasmMemory: ['wasm memory after load', 'KB'],
  memory: ['JS heap + wasm memory', 'KB'],
  listing_lhPerformance: ['Lighthouse mobile performance, listing', ''],
  listing_lhFCP: ['  FCP, listing', 'ms'],
  listing_lhLCP: ['  LCP, listing', 'ms'],
  listing_lhLCPRenderDelay: ['  LCP render delay, listing', 'ms'],
  listing_lhTBT: ['  TBT, listing', 'ms'],
  listing_lhCLS: ['  CLS, listing', ''],
  listing_lhAccessibility: ['Lighthouse accessibility, listing', ''],
  listing_lhBestPractices: ['Lighthouse best practices, listing', ''],
  article_lhPerformance: ['Lighthouse mobile performance, article', ''],
  article_lhFCP: ['  FCP, article', 'ms'],
  article_lhLCP: ['  LCP, article', 'ms'],
  article_lhLCPRenderDelay: ['  LCP render delay, article', 'ms'],
  article_lhTBT: ['  TBT, article', 'ms'],
  article_lhCLS: ['  CLS, article', ''],
  article_lhAccessibility: ['Lighthouse accessibility, article', ''],
  article_lhBestPractices: ['Lighthouse best practices, article', ''],
};

// Issue 12's goals, each checked on the medians of every size: Vistka's value against a limit
// made from the static floor's or the baseline's, or a fixed one.
const BUDGETS = [
  { goal: 'first item on screen, 4× CPU ≤ 1.1× static', key: 'firstItem_x4', against: 'static', factor: 1.1, unit: 'ms' },
  { goal: 'first item on screen, 4× CPU ≤ baseline', key: 'firstItem_x4', against: 'baseline', factor: 1, unit: 'ms' },
  { goal: 'article body on screen, 4× CPU ≤ 1.1× static', key: 'articleBody_x4', against: 'static', factor: 1.1, unit: 'ms' },
  { goal: 'article body on screen, 4× CPU ≤ baseline', key: 'articleBody_x4', against: 'baseline', factor: 1, unit: 'ms' },
  { goal: 'Lighthouse mobile performance, listing ≥ 98', key: 'listing_lhPerformance', atLeast: 98, unit: '' },
  { goal: 'Lighthouse mobile performance, article ≥ 98', key: 'article_lhPerformance', atLeast: 98, unit: '' },
  { goal: 'Lighthouse LCP, listing ≤ 1.2× static', key: 'listing_lhLCP', against: 'static', factor: 1.2, unit: 'ms' },
  { goal: 'Lighthouse LCP, article ≤ 1.2× static', key: 'article_lhLCP', against: 'static', factor: 1.2, unit: 'ms' },
];

function format(value, unit) {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'KB') return `${(value / 1024).toFixed(0)} KB`;
  if (unit === 'ms') return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
  return value < 1 ? value.toFixed(3) : value.toFixed(0);
}
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–');

function budgetRows(size, medians) {
  return BUDGETS.map(({ goal, key, against, factor, atLeast, unit }) => {
    const vistka = medians[key]?.vistka ?? NaN;
    const limit = atLeast ?? (medians[key]?.[against] ?? NaN) * factor;
    const verdict = !Number.isFinite(vistka) || !Number.isFinite(limit) ? 'not measured'
      : (atLeast !== undefined ? vistka >= limit : vistka <= limit) ? 'met'
      : '**not met**';
    const reference = atLeast !== undefined ? String(atLeast)
      : factor === 1 ? `${against} ${format(limit, unit)}`
      : `${format(limit, unit)} (${factor}× ${against} ${format(medians[key]?.[against], unit)})`;
    return `| ${size} | ${goal} | ${format(vistka, unit)} | ${reference} | ${verdict} |`;
  });
}

async function main() {
  await checkSites();
  const results = { date: new Date().toISOString(), runs, sizes: {}, transfer: null, builds: {} };
  const builds = ['### The builds (scripts/build.sh per feed)', '', '| items | build time | pages | HTML raw | HTML brotli |', '|---:|---:|---:|---:|---:|'];
  for (const size of sizes) {
    const b = (results.builds[size] = buildFigures(size));
    builds.push(`| ${size} | ${Number.isFinite(b.seconds) ? `${b.seconds} s` : '–'} | ${b.pages} | ${(b.html / 1e6).toFixed(1)} MB | ${(b.htmlBrotli / 1e6).toFixed(1)} MB |`);
  }
  const lines = [];
  const budgets = ['### Budgets (issue 12), on the medians', '', '| items | goal | Vistka | limit | |', '|---:|---|---:|---:|---|'];
  for (const [i, size] of sizes.entries()) {
    const root = siteRoot(size);
    results.transfer ??= transferSizes(root);
    const samples = await browserSamples(size, i);
    if (lighthouseRuns > 0) {
      for (const [site, metrics] of Object.entries(await lighthouseSamples(size, i))) Object.assign(samples[site], metrics);
    }
    const result = (results.sizes[size] = { feed: compressed(`${root}/feed.json`), samples, medians: {}, lcpElements: {} });
    lines.push(
      '',
      `### ${size} items (feed ${format(result.feed.raw, 'KB')} raw, ${format(result.feed.brotli, 'KB')} brotli), median of ${runs}`,
      '',
      '| measure | Vistka | static | baseline | Vistka/static | Vistka/baseline |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const [key, [label, unit]] of Object.entries(LABELS)) {
      const m = Object.fromEntries(NAMES.map((name) => [name, median(samples[name]?.[key] ?? [])]));
      if (NAMES.every((name) => !Number.isFinite(m[name]))) continue;
      result.medians[key] = m;
      lines.push(`| ${label} | ${format(m.vistka, unit)} | ${format(m.static, unit)} | ${format(m.baseline, unit)} | ${ratio(m.vistka, m.static)} | ${ratio(m.vistka, m.baseline)} |`);
    }
    if (lighthouseRuns > 0) {
      lines.push('', 'Lighthouse LCP element (most frequent): ');
      for (const view of ['listing', 'article']) {
        for (const name of NAMES) {
          const element = mostCommon(samples[name]?.[`${view}_lhLCPElement`] ?? []);
          (result.lcpElements[name] ??= {})[view] = element;
          lines.push(`- ${view}, ${name}: \`${element ?? '?'}\``);
        }
      }
    }
    budgets.push(...budgetRows(size, result.medians));
  }
  const t = results.transfer;
  const head = ['### Transfer (the front page, and what each app loads)', '', '| file | Vistka raw | gzip | brotli | baseline raw | gzip | brotli |', '|---|---:|---:|---:|---:|---:|---:|'];
  const row = (label, v, b) => `| ${label} | ${v.raw} | ${v.gzip} | ${v.brotli} | ${b.raw} | ${b.gzip} | ${b.brotli} |`;
  for (const kind of ['wasm', 'js', 'css']) head.push(row(kind, t.vistka[kind], t.baseline[kind]));
  const app = (side) => sum(['wasm', 'js', 'css'].map((kind) => side[kind]));
  const vt = app(t.vistka);
  const bt = app(t.baseline);
  head.push(`| **wasm + JS + CSS** | ${vt.raw} | ${vt.gzip} | **${vt.brotli}** | ${bt.raw} | ${bt.gzip} | ${bt.brotli} |`);
  head.push(row(`front page HTML (${sizes[0]} items)`, t.vistka.html, t.baseline.html));
  const report = [...head, '', ...builds, ...lines, '', ...budgets].join('\n');
  console.log(report);
  writeFileSync(`${OUT}/results.json`, JSON.stringify(results, null, 2));
  writeFileSync(`${OUT}/results.md`, `${report}\n`);
  console.log(`\nSaved ${OUT}/results.json and ${OUT}/results.md`);
}

await main();
