// The in-page probe the benchmarks add to every page they open, and the page loads they time
// with it (bench/measure.mjs, bench/offline.mjs).

// Records, in page time (from navigation start): when the first listing item and an article
// body are in the DOM, at the next animation frame; when the app has taken over the page (the
// moment `html` gets the class `app`, src/boot.rs); and the wasm memory once the app started.
export const PAGE_PROBE = () => {
  const marks = (window.__bench = {});
  const atNextFrame = (name) => requestAnimationFrame(() => (marks[name] ??= performance.now()));
  const tookOver = () => {
    if (marks.takeover === undefined && document.documentElement?.classList.contains('app')) marks.takeover = performance.now();
  };
  let watchingRoot = false;
  const watchRoot = () => {
    if (watchingRoot || !document.documentElement) return;
    watchingRoot = true;
    new MutationObserver(tookOver).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    tookOver();
  };
  watchRoot();
  new MutationObserver(() => {
    watchRoot();
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

// Opens `address` in `page` at `throttle`× CPU and waits for every mark in `marks`; returns
// the marks' times and the DevTools session.
export async function measureLoad(page, address, marks, throttle) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(PAGE_PROBE);
  await page.goto(address);
  try {
    await page.waitForFunction((names) => names.every((name) => window.__bench?.[name] !== undefined), marks, { timeout: 120_000 });
  } catch (error) {
    const got = await page.evaluate(() => Object.keys(window.__bench ?? {})).catch(() => []);
    throw new Error(`${address} at ${throttle}× CPU: waited for ${marks.join(', ')}, got ${got.join(', ') || 'nothing'} (${error.message})`);
  }
  const times = await page.evaluate((names) => Object.fromEntries(names.map((name) => [name, window.__bench[name]])), marks);
  return { cdp, times };
}

// Opens `address` in a fresh context of `browser` (cold cache): measureLoad's figures, and the
// context and page, to go on with or close.
export async function loadOnce(browser, address, marks, throttle) {
  const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  return { context, page, ...(await measureLoad(page, address, marks, throttle)) };
}
