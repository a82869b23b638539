// Puts the feed the build prerenders into a file and prints its path. Run by scripts/build.sh:
//   node scripts/build-feed.mjs <dist> [<file or URL>]
// Without a feed named, the one the site's config.json (already in <dist>) points to: for a
// JSON Feed source at a relative URL, public/<that URL>; else the URL, fetched. A JSON Feed
// source at a relative URL is then written to <dist>/<that URL>, so the prerendered pages and
// the app's first fetch read the same feed. A WordPress source is fetched with all its pages
// (X-WP-TotalPages, at most 20, as the app does) and joined into one array of posts; where
// config.json has no publication.name, the site's name and description are read from its REST
// API index (/wp-json/) as the app reads them, and the file is {"site": {name, description},
// "posts": [...]}, a shape the Rust parser reads (src/feed/wordpress.rs). An index that cannot
// be read leaves the file the plain array.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const MAX_PAGES = 20;
const TIMEOUT_MS = 60_000;
const INDEX_TIMEOUT_MS = 10_000;
const [dist, named] = process.argv.slice(2);
const fail = (message) => {
  console.error(`build: ${message}`);
  process.exit(1);
};

let config = {};
try {
  config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'));
} catch (error) {
  fail(`config.json cannot be read: ${error.message}`);
}
const source = config?.source ?? {};
const type = source.type ?? 'json_feed';
const url = typeof source.url === 'string' ? source.url : 'feed.json';
const remote = (value) => /^https?:\/\//i.test(value);

async function get(address) {
  const response = await fetch(address, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((error) =>
    fail(`the feed at ${address} cannot be fetched: ${error.message}`),
  );
  if (!response.ok) fail(`the feed at ${address} answered ${response.status}`);
  return response;
}

/** `address` asking for page `page`, its other parameters as written (`_embed` stays bare). */
function withPage(address, page) {
  const [path, query = ''] = address.split('?');
  const kept = query.split('&').filter((pair) => pair && pair.split('=')[0] !== 'page');
  return `${path}?${[...kept, `page=${page}`].join('&')}`;
}

async function wordpressPosts(address) {
  const first = await get(address);
  const posts = await first.json().catch(() => fail(`the feed at ${address} is not JSON`));
  if (!Array.isArray(posts)) fail(`the WordPress source at ${address} did not answer with a list of posts`);
  const total = Math.min(Number(first.headers.get('x-wp-totalpages')) || 1, MAX_PAGES);
  for (let page = 2; page <= total; page += 1) {
    const more = await (await get(withPage(address, page))).json().catch(() => []);
    if (Array.isArray(more)) posts.push(...more);
  }
  return posts;
}

/**
 * The REST API index of the site whose posts are at `address`, asked for the two fields read:
 * as wordpress_index_request in src/feed/wordpress.rs. `null` for an address with no wp/v2 route.
 */
function indexUrl(address) {
  const [url] = address.trim().split('#');
  const [path, query = ''] = url.split('?');
  const plain = query.split('&').some((pair) => {
    const [key, route = ''] = pair.split('=');
    try {
      return key === 'rest_route' && decodeURIComponent(route).startsWith('/wp/v2/');
    } catch {
      return false;
    }
  });
  if (plain) return `${path}?rest_route=/&_fields=name,description`;
  const route = path.indexOf('/wp/v2/');
  return route < 0 ? null : `${path.slice(0, route + 1)}?_fields=name,description`;
}

/** The site's name and description (as WordPress wrote them), or `null`: never a failure. */
async function siteIndex(address) {
  const url = indexUrl(address);
  if (!url) return null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(INDEX_TIMEOUT_MS) });
    const index = response.ok ? await response.json() : null;
    if (!index || typeof index !== 'object' || Array.isArray(index)) return null;
    const site = {};
    for (const key of ['name', 'description']) {
      if (typeof index[key] === 'string' && index[key].trim()) site[key] = index[key];
    }
    return Object.keys(site).length > 0 ? site : null;
  } catch {
    return null;
  }
}

// Beside the build, not in it: only what the site serves goes into <dist>.
mkdirSync('target', { recursive: true });
const out = join('target', `prerender-feed-${basename(dist)}.json`);
const chosen = named || (type === 'json_feed' && !remote(url) ? join('public', url) : url);
if (type === 'wordpress' && remote(chosen)) {
  const posts = await wordpressPosts(chosen);
  const named = typeof config?.publication?.name === 'string' && config.publication.name.trim() !== '';
  const site = named ? null : await siteIndex(chosen);
  writeFileSync(out, JSON.stringify(site ? { site, posts } : posts));
} else if (remote(chosen)) {
  writeFileSync(out, Buffer.from(await (await get(chosen)).arrayBuffer()));
} else if (existsSync(chosen)) {
  copyFileSync(chosen, out);
} else {
  fail(`no feed at ${chosen}`);
}
if (type === 'json_feed' && !remote(url)) copyFileSync(out, join(dist, url));
console.log(out);
