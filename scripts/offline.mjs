// Writes what offline reading and installing the site need, after the prerenderer:
//   node scripts/offline.mjs <dist> <base>
// - manifest.webmanifest, from the build's config.json: name, short name, description,
//   colours, start URL and scope at the base path, the icons (public/icons/, made by
//   scripts/make-icons.sh), the language. Every page links it (index.html).
// - sw.js, the service worker (scripts/sw.template.js), with this build's own files written
//   into it: the content-hashed app files, the app shell (404.html, which starts the app at
//   once on any path) and the icons. Its version is the hash of exactly those files and of the
//   worker's code, so a new deploy is a new worker and an unchanged one is byte-for-byte the
//   same file.
// Nothing here registers the worker: the app does, only when the reader asks (src/offline.js).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const base = process.argv[3] ?? '/';
const config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'));
const publication = config.publication ?? {};
const name = publication.name ?? 'Vistka';
// Launchers show about 12 characters under an icon.
const shortName = publication.short_name ?? ([...name].length <= 12 ? name : [...name].slice(0, 12).join('').trim());
const accent = config.colors?.accent ?? '#9b1c1f';
const lang = config.default_language ?? config.languages?.[0] ?? 'uk';
const manifest = {
  name,
  short_name: shortName,
  ...(publication.description ? { description: publication.description } : {}),
  lang,
  id: base,
  start_url: base,
  scope: base,
  display: 'standalone',
  theme_color: accent,
  background_color: '#ffffff',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
writeFileSync(join(dist, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2) + '\n');

const files = (dir) =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [relative(dist, path)];
  });
const all = files(dist).map((path) => path.split('\\').join('/'));
const hashed = all.filter(
  (path) => /^(vistka-[0-9a-f]+(_bg\.wasm|\.js)|main-[0-9a-f]+\.css)$/.test(path) || (path.startsWith('snippets/') && path.endsWith('.js')),
);
if (!hashed.some((path) => path.endsWith('.wasm'))) throw new Error('offline: no hashed wasm in the build');
const precache = [...hashed, '404.html', 'config.json', 'favicon.svg', 'manifest.webmanifest', ...all.filter((path) => path.startsWith('icons/'))].sort();
const template = readFileSync(new URL('./sw.template.js', import.meta.url), 'utf8');
const digest = createHash('sha256').update(template);
for (const path of precache) digest.update(path).update('\0').update(readFileSync(join(dist, path)));
const version = digest.digest('hex').slice(0, 16);
const worker = template
  .replace('__VERSION__', version)
  .replace('__PRECACHE__', JSON.stringify(precache));
writeFileSync(join(dist, 'sw.js'), worker);
console.log(`offline: ${dist}/manifest.webmanifest and sw.js (${worker.length} bytes, ${precache.length} files, version ${version})`);
