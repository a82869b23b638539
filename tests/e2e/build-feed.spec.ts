import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

// scripts/build-feed.mjs: the feed a build prerenders, fetched from a publisher's WordPress with
// all its pages (and the site's name from its REST API index), as scripts/build.sh runs it.

test.describe('the build reads a WordPress source', () => {
  test.skip(({ isMobile }) => isMobile, 'a build step does not depend on the screen width');

  /** A WordPress-like server: three pages of two posts, and a REST API index or none. */
  async function wordpress(index: 'named' | 'missing', asked: string[]) {
    const post = (id: number) => ({ id, slug: `post-${id}`, title: { rendered: `Post ${id}` } });
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      asked.push(url.pathname + url.search);
      response.setHeader('Content-Type', 'application/json');
      if (url.pathname === '/wp-json/') {
        if (index === 'missing') response.statusCode = 404;
        const site = { name: 'Вісті &amp; події', description: 'Міські новини', url: 'http://127.0.0.1' };
        response.end(JSON.stringify(index === 'named' ? site : { code: 'rest_no_route' }));
        return;
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      response.setHeader('X-WP-TotalPages', '3');
      response.end(JSON.stringify([post(page * 10 + 1), post(page * 10 + 2)]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }

  /** Runs the build's feed step in a fresh folder with this config; the file it wrote, parsed. */
  async function buildFeed(name: string, config: object) {
    const dist = `tests/e2e/artifacts/${name}`;
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    writeFileSync(`${dist}/config.json`, JSON.stringify(config));
    // Asynchronous, so this process's server can answer while the script runs.
    const { stdout } = await promisify(execFile)('node', ['scripts/build-feed.mjs', dist]);
    return JSON.parse(readFileSync(stdout.trim(), 'utf8'));
  }

  const ids = (posts: { id: number }[]) => posts.map((p) => p.id);

  test('every page of posts is fetched and joined, with the site named by its REST API index', async () => {
    const asked: string[] = [];
    const { server, port } = await wordpress('named', asked);
    const source = `http://127.0.0.1:${port}/wp-json/wp/v2/posts?_embed&per_page=2`;
    try {
      const feed = await buildFeed('build-feed', { source: { type: 'wordpress', url: source } });
      expect(feed.site).toEqual({ name: 'Вісті &amp; події', description: 'Міські новини' });
      expect(ids(feed.posts)).toEqual([11, 12, 21, 22, 31, 32]);
      expect(asked).toEqual([
        '/wp-json/wp/v2/posts?_embed&per_page=2',
        '/wp-json/wp/v2/posts?_embed&per_page=2&page=2',
        '/wp-json/wp/v2/posts?_embed&per_page=2&page=3',
        '/wp-json/?_fields=name,description',
      ]);
    } finally {
      server.close();
    }
  });

  test('a configured name skips the index, and an index that fails leaves the posts alone', async () => {
    const asked: string[] = [];
    const { server, port } = await wordpress('missing', asked);
    const source = { type: 'wordpress', url: `http://127.0.0.1:${port}/wp-json/wp/v2/posts` };
    try {
      const named = await buildFeed('build-feed-named', { publication: { name: 'Вістка' }, source });
      expect(ids(named)).toEqual([11, 12, 21, 22, 31, 32]);
      expect(asked.filter((path) => path.startsWith('/wp-json/?'))).toEqual([]);
      const unnamed = await buildFeed('build-feed-no-index', { source });
      expect(ids(unnamed)).toEqual([11, 12, 21, 22, 31, 32]);
      expect(asked.filter((path) => path.startsWith('/wp-json/?'))).toEqual(['/wp-json/?_fields=name,description']);
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
