// Finishes a release build for static hosts. Run by scripts/build.sh after Trunk, before the
// prerenderer (which takes the index.html this leaves as the template of every page):
//   node scripts/postbuild.mjs <dist> <base> [<config.json>]
// - replaces Trunk's loader with one that starts the app after a prerendered page has loaded,
//   inline and allowed by its hash, so no script needs 'unsafe-inline', and puts the Content
//   Security Policy into a <meta> tag;
// - writes the host files: _redirects and _headers (Netlify, Cloudflare Pages) and nginx.conf
//   (self-hosting), all for the site's base path. Every view is a prerendered file, DIR/<path>/
//   index.html, served as it is; a path that is no view gets 404.html (the prerenderer writes
//   it) with status 404.
// Precompressed copies are written last, by scripts/precompress.mjs, once every page exists.
// The policy, the security headers and the caching rules are defined once, here.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const base = process.argv[3] ?? '/';
const configFile = process.argv[4] ?? 'public/config.json';
if (!/^\/([\w.-]+\/)*$/.test(base)) throw new Error(`the base path must look like / or /news/, not ${base}`);

// 1. The loader.
// Trunk's inline loader imports the JS glue and starts the wasm at once, and Trunk preloads
// both in <head>. On a prerendered page the reader already has the whole view, so the app's
// downloads wait for the page's own (the `load` event): they no longer compete with the page's
// images for the network and the CPU, and the first paint does not wait for the glue to be
// evaluated. The loader itself stays inline, allowed by its hash in the policy, so no request
// at all starts before the first paint that the static page would not make. Measured (bench/,
// 30 items, 4x CPU) with the preloads in <head> and the loader in a file: first item 1.43x the
// static page's, Lighthouse LCP 2.4x (its simulation counts every request that started before
// the largest paint); waiting for `load`, loader in a file: 0.88x and 1.34x. 404.html (an
// unknown path, or an article newer than the build) has nothing to show until the app runs:
// there it starts at once, preloading config.json and feed.json to download beside the wasm.
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const trunkLoader = html.match(inline)?.[1] ?? '';
const glue = trunkLoader.match(/from '([^']+\.js)'/)?.[1];
const wasm = trunkLoader.match(/module_or_path: '([^']+\.wasm)'/)?.[1];
if (!glue || !wasm) throw new Error("Trunk's loader in index.html no longer names its glue and wasm: update scripts/postbuild.mjs");
const loader = `
async function start() {
  const bindings = await import('${glue}');
  const wasm = await bindings.default({ module_or_path: '${wasm}' });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
if (document.body.dataset.prerendered === 'page') {
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
} else {
  for (const href of ['config.json', 'feed.json']) {
    const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href, crossOrigin: 'anonymous' });
    document.head.append(link);
  }
  start();
}
`;
const loaderHash = `'sha256-${createHash('sha256').update(loader).digest('base64')}'`;

// Feed images, WordPress sources, video players and podcast files live on other hosts: images,
// fetches and audio and video may use any https origin; frames only the allowed players
// (src/embed.rs); scripts only this origin, the wasm compile permission and the one inline
// script, the loader, by its hash. Media hosts are whatever the feed names, so no list could
// be written here: a file on another host gets its player only after the reader allows
// external media (src/media.rs), and over HTTPS, which is all `https:` lets through.
// The web search engine the search form sends the query to where JavaScript does not run
// (`search.engine_url`; the default is src/config.rs's DEFAULT_SEARCH_ENGINE_URL): its origin,
// and only it, is added to form-action. An unreadable config or address adds nothing; the
// prerenderer then stops the build with a message naming it.
function searchEngineOrigin() {
  try {
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    const url = new URL(config?.search?.engine_url ?? 'https://duckduckgo.com/?sites={site}');
    return /^https?:$/.test(url.protocol) ? ` ${url.origin}` : '';
  } catch {
    return '';
  }
}

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${loaderHash}`,
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self' https:",
  "media-src 'self' https:",
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  // Offline reading's service worker (sw.js, only once the reader asks for it) and the web app
  // manifest, both from this origin (scripts/offline.mjs).
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  `form-action 'self'${searchEngineOrigin()}`,
].join('; ');

// Every response gets these.
const commonHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
// The site's pages may not be framed (frame-ancestors only works as a header)...
const securityHeaders = {
  'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
  ...commonHeaders,
  'X-Frame-Options': 'DENY',
};
// ...except the embed view, which partners frame.
const embedHeaders = {
  'Content-Security-Policy': `${policy}; frame-ancestors *`,
  ...commonHeaders,
};
// Hashed names never change content: cache for a year. Everything else (the pages, the feed,
// config.json, media) is revalidated on every visit, so an edit or a rebuild shows at once.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const hashedPrefixes = ['vistka-', 'main-'];

// 2. The policy in index.html, and the loader inline in place of Trunk's.
html = html
  .replace(inline, () => `<script type="module">${loader}</script>`)
  .replace(/<link rel="(modulepreload|preload)" href="[^"]*\.(js|wasm)"[^>]*>/g, '');
if (html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)?.length !== 1) {
  throw new Error('index.html has an inline script besides the loader: the CSP would block it');
}
if (!html.includes('http-equiv="Content-Security-Policy"')) {
  html = html.replace(
    '<meta charset="utf-8" />',
    `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  );
}
writeFileSync(indexPath, html);

// 3. Host files. Each view is a folder with an index.html (the prerenderer's), which every host
// serves without a rule; what is left to say is where the not-found page is, and the headers.

// Netlify serves a 404.html at the site's root, with status 404, for any path that is no file,
// without a rule ("Custom 404 page handling" in its redirect options); under a sub-path it
// needs one, and a rule without `!` never shadows a file that exists, so the pages are
// untouched. Cloudflare Pages reads the same file, but it permits only 200 and 3xx codes there:
// it skips this line with a warning and finds the 404.html itself, looking up the folders from
// the path asked for (its "Serving Pages": "Not Found behavior"; with a top-level 404.html it
// also stops treating the site as a single-page app). At the root no rule is needed: an empty
// file, so no stale one is left.
writeFileSync(join(dist, '_redirects'), base === '/' ? '' : `${base}*  ${base}404.html  404\n`);

// Netlify and Cloudflare Pages apply every rule that matches a path, so each header is set by
// exactly one rule per path: pages by their route prefixes, the embed view by its own paths.
// The embed view is embed/index.html: Cloudflare serves it only at /embed/ (it redirects /embed
// and /embed/index.html there) and matches rules exactly; Netlify matches a rule with or
// without the trailing slash, so `embed/` alone covers /embed and /embed/ there, and an `embed`
// rule beside it would match the same requests twice. No page pattern matches an embed path.
// These hosts match rules against the path asked for: an unknown path's 404 response gets none
// of them, only the policy in 404.html's <meta> (without frame-ancestors).
const headerBlock = (headers) => Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`).join('\n');
const pagePaths = ['', 'index.html', '404.html', 'page/*', 'article/*', 'category/*'];
const embedPaths = ['embed/', 'embed/index.html'];
// sw.js and the manifest are revalidated too: a new deploy's worker reaches readers on their next
// load (browsers also skip the HTTP cache for the worker after 24 hours, not sooner).
const revalidatedFiles = ['feed.json', 'config.json', 'embed.js', 'sw.js', 'manifest.webmanifest'];
writeFileSync(
  join(dist, '_headers'),
  [
    ...pagePaths.map((path) => `${base}${path}\n${headerBlock({ ...securityHeaders, 'Cache-Control': REVALIDATE })}`),
    ...embedPaths.map((path) => `${base}${path}\n${headerBlock({ ...embedHeaders, 'Cache-Control': REVALIDATE })}`),
    ...revalidatedFiles.map((path) => `${base}${path}\n${headerBlock({ ...commonHeaders, 'Cache-Control': REVALIDATE })}`),
    ...hashedPrefixes.map((prefix) => `${base}${prefix}*\n${headerBlock({ ...commonHeaders, 'Cache-Control': IMMUTABLE })}`),
  ].join('\n') + '\n',
);

// nginx: `always`, so the headers are sent with the 404 too.
const addHeaders = (headers, indent) =>
  Object.entries(headers).map(([name, value]) => `${indent}add_header ${name} "${value}" always;`).join('\n');
const escaped = base.replace(/[.]/g, '\\.');
writeFileSync(
  join(dist, 'nginx.conf'),
  `# Vistka on nginx: this server block goes inside http {} (on Debian, into
# /etc/nginx/sites-enabled/). Set root to the folder that holds the site${base === '/' ? '' : ` (the parent of ${base})`}.
# .br files need the brotli static module (Debian: libnginx-mod-http-brotli-static); without it,
# delete the brotli_static line and gzip_static still serves the .gz copies.
server {
    listen 80;
    server_name _;
    root /var/www/vistka;
    charset utf-8;
    charset_types application/json text/css application/javascript;
    gzip_static on;
    brotli_static on;

    # A path that is no file: the not-found page, with status 404. With JavaScript the app
    # still routes it, so an article published after the build opens by its link.
    error_page 404 ${base}404.html;

    # Content-hashed files: cached for a year.
    location ~ ^${escaped}(${hashedPrefixes.join('|')})[^/]+$ {
${addHeaders({ ...securityHeaders, 'Cache-Control': IMMUTABLE }, '        ')}
    }

    # The embed view, at /embed, /embed/ and /embed/index.html: the one page partners may frame.
    location ~ ^${escaped}embed(/|/index\\.html)?$ {
        try_files ${base}embed/index.html =404;
${addHeaders({ ...embedHeaders, 'Cache-Control': REVALIDATE }, '        ')}
    }

    # Offline reading's service worker and the web app manifest: always revalidated, so a new
    # deploy reaches readers on their next load.
    location = ${base}sw.js {
${addHeaders({ ...commonHeaders, 'Cache-Control': REVALIDATE }, '        ')}
    }
    location = ${base}manifest.webmanifest {
        types { application/manifest+json webmanifest; }
${addHeaders({ ...commonHeaders, 'Cache-Control': REVALIDATE }, '        ')}
    }

    # The not-found page answers 404 also when asked for by name.
    location = ${base}404.html {
        internal;
${addHeaders({ ...securityHeaders, 'Cache-Control': REVALIDATE }, '        ')}
    }

    # Every other view is a file: /article/x and /article/x/ are article/x/index.html (the
    # slash is the form GitHub Pages and Cloudflare Pages redirect to). Not \`$uri/\`, which would
    # redirect /article/x to /article/x/. Revalidated, as are the feed, config.json and media.
    location ${base} {
        try_files $uri $uri/index.html =404;
${addHeaders({ ...securityHeaders, 'Cache-Control': REVALIDATE }, '        ')}
    }
}
`,
);
console.log(`postbuild: ${dist} for ${base}: loader externalised, CSP in index.html, host files written`);
