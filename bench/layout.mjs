// Where the benchmark's sites live and are served, shared by bench/prepare.mjs (which lays
// them out) and bench/measure.mjs (which opens them).
//
// Every feed size gets two site roots: bench/out/site-<N>, the release build prerendered from
// that size's feed with the plain-JS baseline in its /baseline/, and bench/out/static-<N>, the
// same build with its scripts removed (the static floor). Size i's site root is served on
// firstPort + 2i, its static root on firstPort + 2i + 1, each with the server block the build
// ships (its nginx.conf).

export const OUT = 'bench/out';
export const siteRoot = (size) => `${OUT}/site-${size}`;
export const staticRoot = (size) => `${OUT}/static-${size}`;
export const feedFile = (size) => `${OUT}/feeds/feed-${size}.json`;
export const ports = (firstPort, i) => ({ site: firstPort + 2 * i, static: firstPort + 2 * i + 1 });

// The newest item's article: demo item 0 keeps its title in every generated feed
// (bench/make-feed.mjs), so its slug, and its prerendered page, are the same at every size.
// bench/prepare.mjs checks that the page exists in each build.
export const ARTICLE_SLUG = 'mist-cherez-tykhu-vidkryiut-do-zymy';
export const ARTICLE_PATH = `/article/${ARTICLE_SLUG}`;

// The three variants measured: which root serves each, and where it shows the listing and the
// newest article.
export const VARIANTS = {
  vistka: { root: 'site', listing: '/', article: ARTICLE_PATH },
  static: { root: 'static', listing: '/', article: ARTICLE_PATH },
  baseline: { root: 'site', listing: '/baseline/index.html', article: '/baseline/index.html?a=bench-0' },
};
