import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { newsPort, partnerOrigin, port } from '../../playwright.config';
// Plain JavaScript, shared with the Firefox and WebKit runner (tests/journey/run.mjs).
import { runJourney } from '../journey/journey.mjs';
import { watchPage } from './fixtures';

// The reader's journey that Firefox and WebKit run (tests/journey/, scripts/test.sh), here in
// Chromium through a Playwright adapter: the same steps, so a difference between the engines
// shows as one step failing in one column, not as two suites disagreeing. It uses
// @playwright/test's own `test`, not fixtures.ts's: its last step injects a CSP violation on
// purpose, and its own step checks uncaught errors and violations, collected as the suite does
// (fixtures.ts's watchPage).

/** `fn(...args)` as an expression Playwright evaluates in the page (awaiting a promise). */
const call = (fn: Function, args: unknown[]) => `(${fn})(...${JSON.stringify(args)})`;

async function adapter(page: Page) {
  const { errors, violations } = await watchPage(page);
  const frame = async (index: number) => {
    const frame = await (await page.$$('iframe'))[index]?.contentFrame();
    if (!frame) throw new Error(`no iframe number ${index}`);
    return frame;
  };
  return {
    engine: 'chromium',
    goto: async (url: string) => {
      await page.goto(url);
    },
    reload: async () => {
      await page.reload();
    },
    url: async () => page.url(),
    evaluate: (fn: Function, ...args: unknown[]) => page.evaluate(call(fn, args)),
    click: async (fn: Function, ...args: unknown[]) => {
      const element = (await page.evaluateHandle(call(fn, args))).asElement();
      if (!element) throw new Error(`nothing to click: ${fn}`);
      await element.click();
    },
    press: (key: string) => page.keyboard.press(key),
    evaluateInFrame: async (index: number, fn: Function, ...args: unknown[]) => (await frame(index)).evaluate(call(fn, args)),
    problems: async () => ({ errors: [...errors], violations: [...violations] }),
    forgetProblems: () => {
      errors.length = 0;
      violations.length = 0;
    },
  };
}

test('the reader journey that Firefox and WebKit run', async ({ page, isMobile }) => {
  test.skip(isMobile, 'the journey is the desktop one in every engine (the partner page has fixed columns)');
  test.setTimeout(120_000);
  const results: { name: string; ok: boolean; error?: string }[] = await runJourney(
    await adapter(page),
    { site: `http://127.0.0.1:${port}`, news: `http://127.0.0.1:${newsPort}/news/`, partner: partnerOrigin },
    () => {},
  );
  // Beside the runner's tests/journey/artifacts/<engine>.json, for the table across engines.
  writeFileSync('tests/e2e/artifacts/journey-chromium.json', JSON.stringify({ engine: 'chromium', results }, null, 2));
  for (const { name, ok, error } of results) expect.soft(ok, `${name}: ${error}`).toBe(true);
});
