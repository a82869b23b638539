import { defineConfig } from '@playwright/test';
import { writeE2eSites } from './scripts/nginx-local.mjs';

// The suite runs against the release builds, served by real nginx with the server blocks the
// build ships: dist/ at the root of one port, dist-news/ under /news/ on the next.
export const port = Number(process.env.E2E_PORT ?? 4807);
export const newsPort = port + 1;
// A partner's site on another loopback address, embedding the widget.
export const partnerOrigin = `http://127.0.0.2:${port + 2}`;
// A host whose build the tests replace, as a publisher deploys (tests/e2e/offline.spec.ts).
export const deployPort = port + 4; // port + 3 is WebKitWebDriver's (tests/journey/run.mjs)
const run = writeE2eSites('tests/e2e/artifacts', port);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/e2e/artifacts/results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A Ukrainian reader's browser: the demo offers both languages and follows the browser's
    // (tests/e2e/language.spec.ts covers the others).
    locale: 'uk-UA',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `nginx -p ${run} -c ${run}/nginx.conf`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 900 } } },
  ],
});
