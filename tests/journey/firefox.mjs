// The journey's adapter for Firefox: Debian's firefox-esr, driven by puppeteer-core over
// WebDriver BiDi (no geckodriver, no download: puppeteer-core brings no browser).
import puppeteer from 'puppeteer-core';

const CSP_MARK = 'vistka-csp-violation:';

/** Starts headless Firefox with a Ukrainian reader's languages and returns the adapter. */
export async function startFirefox({ executablePath = process.env.FIREFOX ?? '/usr/bin/firefox-esr', viewport }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: viewport,
    // Firefox follows this pref, not the process's locale, for navigator.languages and
    // Accept-Language (Playwright's `locale: 'uk-UA'` in Chromium).
    extraPrefsFirefox: { 'intl.accept_languages': 'uk-UA, uk' },
  });
  // A tab of our own: the tab Firefox starts with is not the focused one under puppeteer
  // (document.hasFocus() is false there, and Enter or Space on a focused button does not
  // activate it), where a new tab is.
  const page = await browser.newPage();
  const errors = [];
  const violations = [];
  page.on('pageerror', (error) => errors.push(`${error.message} on ${page.url()}`));
  page.on('console', (message) => {
    if (message.text().startsWith(CSP_MARK)) violations.push(message.text());
  });
  // A script that runs in every document before the page's own (BiDi's preload scripts):
  // Firefox reports CSP violations to the page's securitypolicyviolation listeners and to the
  // console in its own words, so the listener reports them in ours.
  await page.evaluateOnNewDocument((mark) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.warn(`${mark} ${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`);
    });
  }, CSP_MARK);

  const frame = async (index) => {
    const handle = await page.evaluateHandle((i) => document.querySelectorAll('iframe')[i], index);
    try {
      const frame = await handle.asElement()?.contentFrame();
      if (!frame) throw new Error(`no iframe number ${index}`);
      return frame;
    } finally {
      await handle.dispose();
    }
  };

  return {
    engine: 'firefox',
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    url: async () => page.url(),
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    click: async (fn, ...args) => {
      const handle = await page.evaluateHandle(fn, ...args);
      try {
        const element = handle.asElement();
        if (!element) throw new Error(`nothing to click: ${fn}`);
        await element.click();
      } finally {
        await handle.dispose();
      }
    },
    press: (key) => page.keyboard.press(key),
    evaluateInFrame: async (index, fn, ...args) => (await frame(index)).evaluate(fn, ...args),
    problems: async () => ({ errors: [...errors], violations: [...violations] }),
    forgetProblems: () => {
      errors.length = 0;
      violations.length = 0;
    },
    close: () => browser.close(),
  };
}
