import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

// scripts/build-feed.mjs: the feed a build prerenders, fetched from a publisher's WordPress with
// all its pages, as scripts/build.sh runs it.

test.describe('the build reads a WordPress source', () => {
  test.skip(({ isMobile }) => isMobile, 'a build step does not depend on the screen width');

  test('every page of posts is fetched and joined, up to the total the server states', async () => {
    const post = (id: number) => ({ id, slug: `post-${id}`, title: { rendered: `Post ${id}` } });
    const asked: string[] = [];
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      asked.push(url.search);
      const page = Number(url.searchParams.get('page') ?? '1');
      response.setHeader('Content-Type', 'application/json');
      response.setHeader('X-WP-TotalPages', '3');
      response.end(JSON.stringify([post(page * 10 + 1), post(page * 10 + 2)]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dist = 'tests/e2e/artifacts/build-feed';
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    const source = `http://127.0.0.1:${port}/wp-json/wp/v2/posts?_embed&per_page=2`;
    writeFileSync(`${dist}/config.json`, JSON.stringify({ source: { type: 'wordpress', url: source } }));
    try {
      // Asynchronous, so this process's server can answer while the script runs.
      const { stdout } = await promisify(execFile)('node', ['scripts/build-feed.mjs', dist]);
      const posts = JSON.parse(readFileSync(stdout.trim(), 'utf8'));
      expect(posts.map((p: { id: number }) => p.id)).toEqual([11, 12, 21, 22, 31, 32]);
      expect(asked).toEqual(['?_embed&per_page=2', '?_embed&per_page=2&page=2', '?_embed&per_page=2&page=3']);
    } finally {
      server.close();
    }
  });

  test('a source that is down stops the build with a message naming it', async () => {
    const dist = 'tests/e2e/artifacts/build-feed-down';
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    writeFileSync(`${dist}/config.json`, JSON.stringify({ source: { type: 'wordpress', url: 'http://127.0.0.1:9/wp-json/wp/v2/posts' } }));
    let message = '';
    try {
      execFileSync('node', ['scripts/build-feed.mjs', dist], { stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr?: Buffer }).stderr);
    }
    expect(message).toContain('the feed at http://127.0.0.1:9/wp-json/wp/v2/posts cannot be fetched');
  });
});
