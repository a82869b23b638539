/*
 * Vistka embed loader: turns each <div data-vistka-embed> on a partner's page into an iframe
 * of this site's /embed view, sized to its content. Options, all optional, as data attributes:
 * data-count (1-20, default 5), data-category (a category slug), data-lang ("uk" or "en"),
 * data-theme ("light" or "dark"), data-title (the frame's accessible name).
 * The div's own content (a link to the site) stays for readers without JavaScript.
 */
(() => {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const site = new URL('.', script.src);
  const frames = new Map();
  const registry = (window.__vistkaEmbeds = window.__vistkaEmbeds || { next: 0 });

  for (const host of document.querySelectorAll('div[data-vistka-embed]')) {
    if (host.hasAttribute('data-vistka-ready')) continue;
    host.setAttribute('data-vistka-ready', '');
    const id = `vistka-${registry.next++}`;
    const params = new URLSearchParams({ id });
    for (const key of ['count', 'category', 'lang', 'theme']) {
      if (host.dataset[key]) params.set(key, host.dataset[key]);
    }
    const frame = document.createElement('iframe');
    frame.src = new URL(`embed?${params}`, site).href;
    frame.title = host.dataset.title || (host.dataset.lang === 'en' ? 'Latest news' : 'Останні новини');
    frame.loading = 'lazy';
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-top-navigation-by-user-activation');
    frame.style.cssText = 'display:block;width:100%;height:320px;border:0;';
    host.replaceChildren(frame);
    frames.set(id, frame);
  }

  // Heights come only from this site, only from the frame they name, and only as numbers.
  window.addEventListener('message', (event) => {
    if (event.origin !== site.origin) return;
    const data = event.data;
    if (!data || data.type !== 'vistka:height' || typeof data.id !== 'string') return;
    const frame = frames.get(data.id);
    if (!frame || event.source !== frame.contentWindow) return;
    const height = Number(data.height);
    if (Number.isFinite(height) && height > 0 && height <= 10000) frame.style.height = `${Math.ceil(height)}px`;
  });
})();
