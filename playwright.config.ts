import { defineConfig } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The suite runs against the release build in dist/, served by real nginx with the history
// fallback, started here and stopped when the run ends.
const port = Number(process.env.E2E_PORT ?? 4807);
const run = resolve('tests/e2e/artifacts/nginx');
mkdirSync(run, { recursive: true });
const conf = readFileSync('tests/e2e/nginx.conf.template', 'utf8')
  .replaceAll('@RUN@', run)
  .replaceAll('@PORT@', String(port))
  .replaceAll('@DIST@', resolve('dist'));
writeFileSync(`${run}/nginx.conf`, conf);

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
