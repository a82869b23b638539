// Offline reading in the browser: registering and removing the service worker (sw.js, written
// by scripts/offline.mjs), what it has stored, and telling it which articles to keep. Called
// only from src/offline.rs. The worker's registration is the one record of the reader's
// choice: nothing is registered or stored until they ask.
const supported = () => 'serviceWorker' in navigator && 'caches' in self;
const base = () => new URL('./', document.baseURI);

export async function offline_is_on() {
  if (!supported()) return false;
  try {
    return (await navigator.serviceWorker.getRegistration(base().href)) !== undefined;
  } catch {
    return false;
  }
}

export function offline_supported() {
  return supported();
}

export async function offline_turn_on() {
  if (!supported()) return false;
  try {
    const registration = await navigator.serviceWorker.register(new URL('sw.js', base()).href, { scope: base().pathname });
    // On once the worker has stored this build's files, and controls the page (it claims it).
    await new Promise((resolve, reject) => {
      const settle = () => {
        if (registration.active && navigator.serviceWorker.controller) return resolve();
        const worker = registration.installing ?? registration.waiting;
        if (!worker && registration.active) return navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
        worker?.addEventListener('statechange', () => (worker.state === 'redundant' ? reject(new Error('install failed')) : settle()), { once: true });
      };
      settle();
    });
    return true;
  } catch {
    // Its files could not all be stored (the browser's quota, or the network went): nothing
    // half-done is left behind.
    await offline_turn_off();
    return false;
  }
}

export async function offline_turn_off() {
  if (!supported()) return;
  try {
    const registrations = await navigator.serviceWorker.getRegistrations();
    const scope = base().href;
    await Promise.all(registrations.filter((r) => r.scope === scope).map((r) => r.unregister()));
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key.startsWith('vistka-')).map((key) => caches.delete(key)));
  } catch {
    // Storage already gone or refused: nothing is left to remove.
  }
}

// [articles, bytes] the worker keeps (its index, scripts/sw.template.js).
export async function offline_stored() {
  try {
    const saved = await caches.match(new URL('__vistka/index.json', base()).href, { cacheName: 'vistka-data' });
    const index = saved ? await saved.json() : {};
    const entries = Object.values(index);
    return [entries.length, entries.reduce((sum, entry) => sum + (entry.bytes ?? 0), 0)];
  } catch {
    return [0, 0];
  }
}

// The browser marks the connection as costly: the newest articles wait for a better one.
function metered() {
  const connection = navigator.connection;
  return !!connection && (connection.saveData === true || connection.metered === true);
}

// Tells the worker about articles, [[path, base, [image, …]], …]: `read` (the reader opened them) or `prefetch` (the newest,
// fetched in the background, not on a metered or save-data connection). Resolves when the
// worker has stored them.
export async function offline_keep(kind, articles) {
  if (!supported() || (kind === 'prefetch' && metered())) return;
  const registration = await navigator.serviceWorker.getRegistration(base().href);
  const worker = registration && (registration.active ?? registration.waiting ?? registration.installing);
  if (!worker) return;
  const parsed = articles.map(([path, base, images]) => ({
    path,
    images: images.flatMap((src) => {
      try {
        return [new URL(src, base ?? document.baseURI).href];
      } catch {
        return [];
      }
    }),
  }));
  await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    worker.postMessage({ type: kind, articles: parsed }, [channel.port2]);
    setTimeout(resolve, 30000);
  });
}

// Calls `changed` when the network comes back.
export function offline_on_online(changed) {
  addEventListener('online', () => changed());
}

// Calls `installed` when the reader installs the site as an app; true at once if this page
// runs as the installed app.
export function offline_on_install(installed) {
  addEventListener('appinstalled', () => installed());
  return matchMedia('(display-mode: standalone)').matches;
}
