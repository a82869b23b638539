// Finishes the release build in dist/ for a strict Content Security Policy:
// - moves the loader Trunk writes inline into index.html into a hashed file of its own, so no
//   script needs 'unsafe-inline';
// - puts the policy into index.html as a <meta> tag, and writes the host header files that
//   carry it with the other security headers: _headers (Netlify, Cloudflare Pages) and
//   security-headers.conf (nginx `add_header` lines).
// The policy and headers are defined once, here.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const dist = process.argv[2] ?? 'dist';

// Feed images, WordPress sources and video players live on other hosts: images and fetches
// may use any https origin; frames only the allowed players (src/embed.rs); scripts only
// this origin plus the wasm compile permission.
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self' https:",
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// frame-ancestors only works as a header; the embed view (/embed) will get its own rule.
const headers = {
  'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-Frame-Options': 'DENY',
};

const indexPath = `${dist}/index.html`;
let html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const loader = html.match(inline);
if (loader) {
  const code = loader[1].trim() + '\n';
  const name = `loader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  writeFileSync(`${dist}/${name}`, code);
  html = html.replace(inline, `<script type="module" src="/${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  throw new Error('index.html still has an inline script: the CSP would block it');
}
if (!html.includes('http-equiv="Content-Security-Policy"')) {
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
}
writeFileSync(indexPath, html);

const lines = Object.entries(headers);
writeFileSync(`${dist}/_headers`, `/*\n${lines.map(([name, value]) => `  ${name}: ${value}`).join('\n')}\n`);
writeFileSync(
  `${dist}/security-headers.conf`,
  lines.map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n') + '\n',
);
console.log(`postbuild: loader externalised, CSP in index.html, ${lines.length} headers in _headers and security-headers.conf`);
