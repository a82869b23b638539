// The plain-JS baseline for bench/run.sh: fetch the feed, render the same listing and article
// markup as Vistka with template strings and innerHTML, the simplest way a person would write
// it. It does less than Vistka (no sanitising, no slugs, no consent, no paging), which is the
// point: it is the floor to measure against. /baseline/ is the listing, /baseline/?a=<id> an
// article; links inside the page change views with pushState.
const PAGE_SIZE = 20;
const FRESH_POSTS = 5;
const dateFormat = new Intl.DateTimeFormat('uk', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const plain = (html) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
const articleHref = (item) => `/baseline/index.html?a=${encodeURIComponent(item.id)}`;
const date = (item) => `<time datetime="${escape(item.date_published)}">${escape(dateFormat.format(new Date(item.date_published)))}</time>`;
const badge = (item) => (item.tags?.[0] ? `<a class="badge" href="/baseline/index.html">${escape(item.tags[0])}</a>` : '');

function excerpt(item) {
  const text = item.summary || plain(item.content_html || item.content_text || '');
  return text.length > 220 ? `${text.slice(0, 220)}…` : text;
}

function card(item) {
  const href = articleHref(item);
  const image = item.image
    ? `<a class="card-image" href="${href}" tabindex="-1" aria-hidden="true"><img src="${escape(item.image)}" alt="" width="640" height="360" loading="lazy" decoding="async"></a>`
    : '';
  return `<li class="card" lang="${escape(item.language || 'uk')}">${image}<div class="card-text">${badge(item)}
    <h2 class="card-title"><a href="${href}">${escape(item.title)}</a></h2>
    <p class="date">${date(item)}</p>
    <p class="excerpt">${escape(excerpt(item))} <a class="read-more" href="${href}">Читати більше<span class="visually-hidden">: ${escape(item.title)}</span></a></p>
  </div></li>`;
}

function listing(items) {
  return `<div class="wrap"><h1 class="page-title">Останні новини</h1><ul class="cards">${items.slice(0, PAGE_SIZE).map(card).join('')}</ul></div>`;
}

function article(items, item) {
  const fresh = items.filter((other) => other !== item).slice(0, FRESH_POSTS);
  return `<div class="wrap article-layout"><article class="article" lang="${escape(item.language || 'uk')}">
    <header class="article-header">${badge(item)}<h1>${escape(item.title)}</h1><p class="byline">${date(item)}</p></header>
    <div class="article-body">${item.content_html || escape(item.content_text || '')}</div></article>
    <aside class="fresh-posts"><h2>Свіжі дописи</h2><ul>${fresh.map((other) => `<li><a href="${articleHref(other)}">${escape(other.title)}</a><p class="date">${date(other)}</p></li>`).join('')}</ul></aside></div>`;
}

let items = [];
function render() {
  const id = new URLSearchParams(location.search).get('a');
  const item = id && items.find((candidate) => String(candidate.id) === id);
  document.getElementById('main').innerHTML = item ? article(items, item) : listing(items);
  document.title = item ? `${item.title} — Вістка` : 'Вістка';
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/baseline/"]');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  render();
});
addEventListener('popstate', render);

fetch('/feed.json')
  .then((response) => response.json())
  .then((feed) => {
    items = feed.items;
    render();
  })
  .catch(() => {
    document.getElementById('main').textContent = 'Не вдалося завантажити новини.';
  });
