// Vistka's service worker: offline reading, registered only when the reader asks for it
// (src/offline.js). scripts/offline.mjs writes this file into the build as sw.js, with the
// build's own files in place of PRECACHE and VERSION; see the README, "Offline reading".
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const APP = `vistka-app-${VERSION}`;
const DATA = 'vistka-data';
const MEDIA = 'vistka-media';
const INDEX = new URL('__vistka/index.json', self.registration.scope).href;
const SHELL = new URL('404.html', self.registration.scope).href;
const MAX_ARTICLES = 200;
const MAX_BYTES = 50 * 1024 * 1024;
// What an opaque (other host, no CORS) picture is taken to weigh: its size cannot be read.
const OPAQUE_BYTES = 200 * 1024;
const SAVED_AT = 'X-Vistka-Saved-At';

self.addEventListener('install', (event) => {
  // Like cache.addAll, all or nothing, except that the shell may come with status 404: hosts
  // serve the not-found page so even when it is asked for by name (nginx.conf).
  event.waitUntil(
    (async () => {
      const responses = await Promise.all(
        PRECACHE.map(async (path) => {
          const url = new URL(path, self.registration.scope).href;
          const response = await fetch(url, { cache: 'reload' });
          if (!response.ok && !(url === SHELL && response.status === 404)) throw new Error(`${url}: ${response.status}`);
          return [url, response];
        }),
      );
      const cache = await caches.open(APP);
      await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('vistka-app-') && key !== APP).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Pages: the network; without it, this build's app shell, which reads the saved feed. A page
// is never served from an older build: the shell and the files it loads are one build's.
async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(SHELL, { cacheName: APP });
    if (shell) return new Response(shell.body, { status: 200, headers: shell.headers });
    throw error;
  }
}

// The feed, its pages and config.json: the network, saved on each success with the time it
// arrived; without the network, the last saved copy, marked with that time.
async function data(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      const body = await copy.arrayBuffer();
      const headers = new Headers(copy.headers);
      headers.set(SAVED_AT, String(Date.now()));
      caches.open(DATA).then((cache) => cache.put(request.url, new Response(body, { status: 200, headers }))).catch(() => {});
    }
    return response;
  } catch (error) {
    // The last copy that arrived, else (config.json) the build's own.
    const saved = (await caches.match(request.url, { cacheName: DATA })) ?? (await caches.match(request.url, { cacheName: APP }));
    if (saved) return saved;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (url.href.startsWith(self.registration.scope)) event.respondWith(page(request));
    return;
  }
  if (request.destination === 'image') {
    event.respondWith(caches.match(request.url, { cacheName: MEDIA }).then((saved) => saved ?? fetch(request)));
    return;
  }
  if (request.destination === '' && (url.protocol === 'https:' || url.origin === self.location.origin)) {
    if (url.origin === self.location.origin && url.pathname.endsWith('sw.js')) return;
    event.respondWith(data(request));
    return;
  }
  // This build's files: from its cache, else the network (an open page of a newer build).
  event.respondWith(caches.match(request, { cacheName: APP }).then((saved) => saved ?? fetch(request)));
});

// The index of saved articles: { path: { at, bytes, images } }, kept in the data cache.
async function readIndex() {
  const saved = await caches.match(INDEX, { cacheName: DATA });
  try {
    return saved ? await saved.json() : {};
  } catch {
    return {};
  }
}
async function writeIndex(index) {
  const cache = await caches.open(DATA);
  await cache.put(INDEX, new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } }));
}

async function saveImage(cache, url) {
  const saved = await cache.match(url);
  if (saved) return saved.type === 'opaque' ? OPAQUE_BYTES : (await saved.clone().arrayBuffer()).byteLength;
  const sameOrigin = new URL(url).origin === self.location.origin;
  const response = await fetch(url, { mode: sameOrigin ? 'same-origin' : 'no-cors' });
  if (response.type !== 'opaque' && !response.ok) return 0;
  const bytes = response.type === 'opaque' ? OPAQUE_BYTES : (await response.clone().arrayBuffer()).byteLength;
  await cache.put(url, response);
  return bytes;
}

// Saves articles' pictures and records the articles, newest reading last; then drops the
// least recently read until the store is within its bounds. `read` articles count as read now;
// prefetched ones keep their earlier reading time, or count as read just before now.
let queue = Promise.resolve();
function keep(articles, read) {
  queue = queue.then(() => keepNow(articles, read)).catch(() => {});
  return queue;
}
async function keepNow(articles, read) {
  const index = await readIndex();
  const cache = await caches.open(MEDIA);
  let now = Date.now();
  for (const { path, images } of articles) {
    const old = index[path];
    let bytes = 0;
    for (const image of images ?? []) {
      try {
        bytes += await saveImage(cache, image);
      } catch {
        // Offline, a refused picture, or the browser's quota: the article is still kept.
      }
    }
    index[path] = { at: read ? now : (old?.at ?? now - 1), bytes, images: images ?? [] };
    now += 1;
  }
  await trim(index, cache);
}
async function trim(index, cache) {
  const byAge = Object.entries(index).sort(([, a], [, b]) => a.at - b.at);
  let total = byAge.reduce((sum, [, entry]) => sum + entry.bytes, 0);
  while (byAge.length > MAX_ARTICLES || (total > MAX_BYTES && byAge.length > 0)) {
    const [path, entry] = byAge.shift();
    delete index[path];
    total -= entry.bytes;
    const stillUsed = new Set(byAge.flatMap(([, other]) => other.images));
    for (const image of entry.images) if (!stillUsed.has(image)) await cache.delete(image);
  }
  try {
    await writeIndex(index);
  } catch {
    // Over quota: the previous index stays; the site keeps working.
  }
}

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  const kinds = { read: true, prefetch: false };
  if (!(message.type in kinds) || !Array.isArray(message.articles)) return;
  const done = keep(message.articles, kinds[message.type]).then(() => event.ports[0]?.postMessage('kept'));
  event.waitUntil(done);
});
