import type { APIRequestContext, Page } from '@playwright/test';
import { newsPort, port } from '../../playwright.config';
import { demoFeed, expect, takenOver, test } from './fixtures';

// Link previews, structured data and discovery (issue 13): each prerendered page's head read
// the way Telegram, Facebook, X and search engines read it (the HTML as served, parsed, no
// JavaScript), the site files they ask for, and the head the app keeps as the reader moves.

const SITE = 'https://vistka.example'; // publication.url in public/config.json
const PUBLICATION = 'Вістка';
// The demo's article with a picture of its own (a JPEG) and quotes in its title.
const REGATTA = {
  path: 'article/verbolozka-tykha-vyhrala-kubok-oblasti-z-vesluvannia',
  title: '«Верболозька Тиха» виграла кубок області з веслування',
  summary: 'Екіпаж четвірки вперше за десять років привіз кубок додому.',
};
// An English article without a picture.
const NIGHT_BUS = { path: 'article/verbolozys-night-bus-gets-a-second-route', title: "Verbolozy's night bus gets a second route" };
// The time scripts/test.sh builds "at" (SOURCE_DATE_EPOCH): noon of 24 November 2024, Kyiv.
const BUILT_AT = Date.parse('2024-11-24T12:00:00+02:00');
// Some preview bots read only this much of a page.
const PREVIEW_BYTES = 32 * 1024;

const sites = [
  { name: 'at the root', origin: `http://127.0.0.1:${port}`, base: '/' },
  { name: 'under /news/', origin: `http://127.0.0.1:${newsPort}`, base: '/news/' },
];

/** What a preview bot takes from a page: its head's tags, parsed as HTML. */
type Head = {
  title: string;
  tags: Record<string, string[]>;
  canonical: string[];
  alternates: { type: string; href: string }[];
  jsonLd: unknown[];
  /** Bytes before the end of the last preview tag. */
  previewEnd: number;
};

/** Parses documents in the browser's own HTML parser, as the services' parsers do. */
async function readHeads(page: Page, documents: string[]): Promise<Head[]> {
  const heads = await page.evaluate((documents) => {
    return documents.map((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const tags: Record<string, string[]> = {};
      for (const meta of doc.head.querySelectorAll('meta[property], meta[name]')) {
        const key = meta.getAttribute('property') ?? meta.getAttribute('name') ?? '';
        (tags[key] ??= []).push(meta.getAttribute('content') ?? '');
      }
      const scripts = [...doc.querySelectorAll('script[type="application/ld+json"]')];
      const lastTag = html.lastIndexOf('<meta property="og:');
      return {
        title: doc.title,
        tags,
        canonical: [...doc.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute('href') ?? ''),
        alternates: [...doc.querySelectorAll('link[rel="alternate"]')].map((l) => ({
          type: l.getAttribute('type') ?? '',
          href: l.getAttribute('href') ?? '',
        })),
        jsonLd: scripts.map((s) => s.textContent ?? ''),
        lastTag,
        html,
      };
    });
  }, documents);
  return heads.map(({ jsonLd, lastTag, html, ...head }) => ({
    ...head,
    jsonLd: jsonLd.map((text) => JSON.parse(text)),
    previewEnd: Buffer.byteLength(html.slice(0, html.indexOf('>', lastTag) + 1)),
  }));
}

/** The one value of a tag, failing on none or on a duplicate. */
function one(head: Head, key: string): string {
  expect(head.tags[key], key).toHaveLength(1);
  return head.tags[key][0];
}

/** Every page a crawler reaches from the front page by following the site's own links. */
async function crawl(request: APIRequestContext, base: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const queue = [base];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    pages.set(path, html);
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"#?]+)"/g)) {
      const isPage = href.startsWith(base) && !/\.\w+$/.test(href);
      if (isPage && !pages.has(href) && !queue.includes(href)) queue.push(href);
    }
  }
  return pages;
}

/** The demo's articles as the test build's feed has them. */
const articles = () => demoFeed().items as { title: string; date_published: string; image?: string }[];

for (const site of sites) {
  test.describe(`link previews ${site.name}`, () => {
    test.use({ baseURL: site.origin });
    test.skip(({ isMobile }) => isMobile, 'the served HTML does not depend on the screen');

    test('every page has one complete card within its first 32 KB', async ({ page, request }) => {
      const pages = await crawl(request, site.base);
      const articleCount = articles().length;
      expect([...pages.keys()].filter((path) => path.includes('/article/'))).toHaveLength(articleCount);
      const heads = await readHeads(page, [...pages.values()]);
      for (const [index, path] of [...pages.keys()].entries()) {
        const head = heads[index];
        const url = `${SITE}${path}`;
        expect(head.canonical, path).toEqual([url]);
        expect(one(head, 'og:url'), path).toBe(url);
        expect(one(head, 'og:site_name'), path).toBe(PUBLICATION);
        expect(one(head, 'og:title').length, path).toBeGreaterThan(0);
        expect(head.title, path).toContain(PUBLICATION);
        const description = one(head, 'description');
        expect(description.length, path).toBeGreaterThan(0);
        expect([...description].length, path).toBeLessThanOrEqual(200);
        expect(one(head, 'og:description'), path).toBe(description);
        const image = one(head, 'og:image');
        expect(image, path).toMatch(/^https:\/\/.+\.(png|jpe?g|webp)$/);
        expect(one(head, 'twitter:card'), path).toBe('summary_large_image');
        expect(one(head, 'og:locale'), path).toMatch(/^(uk_UA|en_US)$/);
        expect(head.tags['robots'], path).toBeUndefined();
        expect(head.alternates, path).toEqual([
          { type: 'application/feed+json', href: `${SITE}${site.base}feed.json` },
          { type: 'application/rss+xml', href: `${SITE}${site.base}rss.xml` },
        ]);
        expect(head.jsonLd, path).toHaveLength(1);
        expect(head.previewEnd, path).toBeLessThan(PREVIEW_BYTES);
      }
    });

    test('an article with its own picture and quotes in its title', async ({ page, request }) => {
      const html = await (await request.get(`${site.base}${REGATTA.path}`)).text();
      const [head] = await readHeads(page, [html]);
      const url = `${SITE}${site.base}${REGATTA.path}`;
      // Telegram, Facebook and X all show these four.
      expect(one(head, 'og:title')).toBe(REGATTA.title);
      expect(one(head, 'og:description')).toBe(REGATTA.summary);
      expect(one(head, 'og:image')).toBe(`${SITE}${site.base}media/regatta.jpg`);
      expect(one(head, 'og:url')).toBe(url);
      expect(one(head, 'og:image:alt')).toBe(REGATTA.title);
      expect(one(head, 'og:type')).toBe('article');
      expect(one(head, 'og:locale')).toBe('uk_UA');
      expect(head.title).toBe(`${REGATTA.title} — ${PUBLICATION}`);
      expect(one(head, 'article:published_time')).toBe('2024-11-22T19:28:00+02:00');
      expect(one(head, 'article:modified_time')).toBe('2024-11-22T19:28:00+02:00');
      expect(one(head, 'article:section')).toBe('Спорт');
      expect(one(head, 'article:author')).toBe('Богдан Савчук');

      const [data] = head.jsonLd as Record<string, any>[];
      expect(data['@context']).toBe('https://schema.org');
      expect(data['@type']).toBe('NewsArticle');
      expect(data.headline).toBe(REGATTA.title);
      expect(data.datePublished).toBe('2024-11-22T19:28:00+02:00');
      expect(data.dateModified).toBe('2024-11-22T19:28:00+02:00');
      expect(data.author).toEqual([{ '@type': 'Person', name: 'Богдан Савчук' }]);
      expect(data.image).toEqual([`${SITE}${site.base}media/regatta.jpg`]);
      expect(data.publisher).toEqual({
        '@type': 'Organization',
        name: PUBLICATION,
        logo: { '@type': 'ImageObject', url: `${SITE}${site.base}favicon.svg` },
      });
      expect(data.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': url });
      expect(data.inLanguage).toBe('uk');
      expect(data.articleSection).toBe('Спорт');
    });

    test('an article without a picture shows the publication’s', async ({ page, request }) => {
      const html = await (await request.get(`${site.base}${NIGHT_BUS.path}`)).text();
      const [head] = await readHeads(page, [html]);
      expect(one(head, 'og:title')).toBe(NIGHT_BUS.title);
      expect(one(head, 'og:image')).toBe(`${SITE}${site.base}media/share.png`);
      expect(one(head, 'og:image:alt')).toBe(PUBLICATION);
      expect(one(head, 'og:locale')).toBe('en_US');
      expect(one(head, 'description')).toBe('From December, the night bus will also serve the hill district.');
      const [data] = head.jsonLd as Record<string, any>[];
      expect(data.headline).toBe(NIGHT_BUS.title);
      expect(data.inLanguage).toBe('en');
    });

    test('the front page is the publication, a category a step on a trail', async ({ page, request }) => {
      const front = await (await request.get(site.base)).text();
      const category = await (await request.get(`${site.base}category/sport`)).text();
      const [frontHead, categoryHead] = await readHeads(page, [front, category]);
      expect(one(frontHead, 'og:title')).toBe(PUBLICATION);
      expect(one(frontHead, 'og:type')).toBe('website');
      expect(frontHead.jsonLd).toEqual([
        expect.objectContaining({ '@type': 'WebSite', name: PUBLICATION, url: `${SITE}${site.base}` }),
      ]);
      const [trail] = categoryHead.jsonLd as Record<string, any>[];
      expect(trail['@type']).toBe('BreadcrumbList');
      expect(trail.itemListElement).toEqual([
        { '@type': 'ListItem', position: 1, name: PUBLICATION, item: `${SITE}${site.base}` },
        { '@type': 'ListItem', position: 2, name: 'Спорт', item: `${SITE}${site.base}category/sport` },
      ]);
    });
  });
}

/** Parses XML as a feed reader or crawler does: any error fails. */
async function parseXml(page: Page, text: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const all = (name: string) => [...doc.getElementsByTagName(name)].map((e) => e.textContent ?? '');
    const channel = doc.querySelector('channel');
    const child = (parent: Element | null, name: string) =>
      parent ? [...parent.children].filter((e) => e.tagName === name).map((e) => e.textContent ?? '') : [];
    const items = [...doc.getElementsByTagName('item')].map((item) => ({
      title: child(item, 'title')[0],
      link: child(item, 'link')[0],
      guid: child(item, 'guid')[0],
      pubDate: child(item, 'pubDate')[0],
      content: child(item, 'content:encoded')[0],
    }));
    const self = doc.getElementsByTagName('atom:link')[0];
    return {
      error,
      root: doc.documentElement.tagName,
      locs: all('loc'),
      lastmods: all('lastmod'),
      newsTitles: all('news:title'),
      newsNames: all('news:name'),
      channel: {
        title: child(channel, 'title'),
        link: child(channel, 'link'),
        description: child(channel, 'description'),
        language: child(channel, 'language'),
      },
      self: self ? { rel: self.getAttribute('rel'), href: self.getAttribute('href') } : null,
      items,
    };
  }, text);
}


for (const site of sites) {
  test.describe(`site files for crawlers and feed readers ${site.name}`, () => {
    test.use({ baseURL: site.origin });
    test.skip(({ isMobile }) => isMobile, 'the served files do not depend on the screen');

    const articleUrls = async (request: APIRequestContext) => {
      const pages = await crawl(request, site.base);
      return [...pages.keys()].filter((path) => path.includes('/article/')).map((path) => `${SITE}${path}`);
    };

    test('sitemap.xml lists every article and listing page', async ({ page, request }) => {
      const sitemap = await parseXml(page, await (await request.get(`${site.base}sitemap.xml`)).text());
      expect(sitemap.error).toBeNull();
      expect(sitemap.root).toBe('urlset');
      const urls = await articleUrls(request);
      const listed = sitemap.locs.filter((loc) => loc.includes('/article/'));
      expect(listed.sort()).toEqual(urls.sort());
      expect(sitemap.locs).toContain(`${SITE}${site.base}`);
      expect(sitemap.locs).toContain(`${SITE}${site.base}page/2`);
      expect(sitemap.locs).toContain(`${SITE}${site.base}category/sport`);
      expect(sitemap.locs).not.toContain(`${SITE}${site.base}embed`);
      expect(new Set(sitemap.locs).size).toBe(sitemap.locs.length);
      for (const lastmod of sitemap.lastmods) expect(lastmod).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    });

    test('news-sitemap.xml lists the articles of the 48 hours before the build', async ({ page, request }) => {
      const news = await parseXml(page, await (await request.get(`${site.base}news-sitemap.xml`)).text());
      expect(news.error).toBeNull();
      const recent = articles().filter((a) => BUILT_AT - Date.parse(a.date_published) <= 48 * 3600 * 1000);
      expect(recent.length).toBeGreaterThan(3);
      expect(recent.length).toBeLessThan(articles().length);
      expect(news.newsTitles.sort()).toEqual(recent.map((a) => a.title).sort());
      expect(new Set(news.newsNames)).toEqual(new Set([PUBLICATION]));
      for (const loc of news.locs) expect(loc).toMatch(new RegExp(`^${SITE}${site.base}article/`));
    });

    test('rss.xml is RSS 2.0 with every article, full text and RFC 822 dates', async ({ page, request }) => {
      const response = await request.get(`${site.base}rss.xml`);
      expect(response.status()).toBe(200);
      const rss = await parseXml(page, await response.text());
      expect(rss.error).toBeNull();
      expect(rss.root).toBe('rss');
      expect(rss.channel.title).toEqual([PUBLICATION]);
      expect(rss.channel.link).toEqual([`${SITE}${site.base}`]);
      expect(rss.channel.description[0].length).toBeGreaterThan(0);
      expect(rss.channel.language).toHaveLength(1);
      expect(rss.self).toEqual({ rel: 'self', href: `${SITE}${site.base}rss.xml` });
      const urls = await articleUrls(request);
      expect(rss.items.map((item) => item.link).sort()).toEqual(urls.sort());
      const day = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
      const month = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
      const rfc822 = new RegExp(`^${day}, \\d{1,2} ${month} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}$`);
      for (const item of rss.items) {
        expect(item.pubDate, item.title).toMatch(rfc822);
        expect(item.guid, item.title).toBe(item.link);
        expect(item.content, item.title).toBeTruthy();
        expect(item.content, item.title).not.toMatch(/<script|onerror=/i);
      }
      const regatta = rss.items.find((item) => item.title === REGATTA.title);
      expect(regatta?.pubDate).toBe('Fri, 22 Nov 2024 19:28:00 +0200');
      expect(regatta?.content).toContain('<h2>Склад екіпажу</h2>');
    });

    test('robots.txt names both sitemaps', async ({ request }) => {
      const robots = await (await request.get(`${site.base}robots.txt`)).text();
      expect(robots).toContain(`Sitemap: ${SITE}${site.base}sitemap.xml`);
      expect(robots).toContain(`Sitemap: ${SITE}${site.base}news-sitemap.xml`);
    });
  });
}

test.describe('the head follows the reader', () => {
  /** The head as the app has it now. */
  const liveHead = (page: Page) =>
    page.evaluate(() => {
      const all = (selector: string, attribute: string) =>
        [...document.head.querySelectorAll(selector)].map((e) => e.getAttribute(attribute));
      return {
        title: document.title,
        description: all('meta[name="description"]', 'content'),
        canonical: all('link[rel="canonical"]', 'href'),
        ogUrl: all('meta[property="og:url"]', 'content'),
        ogTitle: all('meta[property="og:title"]', 'content'),
        ogType: all('meta[property="og:type"]', 'content'),
        articleTags: document.head.querySelectorAll('meta[property^="article:"]').length,
        jsonLd: document.head.querySelectorAll('script[type="application/ld+json"]').length,
      };
    });

  test('after takeover and on every route change, one true set of tags', async ({ page }) => {
    await page.goto(`/${REGATTA.path}`);
    await takenOver(page);
    const built = await liveHead(page);
    expect(built.canonical).toEqual([`${SITE}/${REGATTA.path}`]);
    expect(built.ogUrl).toEqual(built.canonical);
    expect(built.articleTags).toBe(4);
    expect(built.jsonLd).toBe(1);
    expect(built.title).toBe(`${REGATTA.title} — ${PUBLICATION}`);

    // To the front page, by the site's own link.
    await page.locator('.site-name').click();
    await expect(page).toHaveTitle(`Останні новини — ${PUBLICATION}`);
    const front = await liveHead(page);
    expect(front.canonical).toEqual([`${SITE}/`]);
    expect(front.ogUrl).toEqual([`${SITE}/`]);
    expect(front.ogTitle).toEqual([PUBLICATION]);
    expect(front.ogType).toEqual(['website']);
    expect(front.description).toEqual([expect.stringContaining('Верболози')]);
    expect(front.articleTags, 'the article’s dates and section are gone').toBe(0);
    expect(front.jsonLd, 'the article’s structured data is gone').toBe(0);

    // On to an English article, then back.
    await page.getByRole('link', { name: NIGHT_BUS.title }).first().click();
    await expect(page).toHaveTitle(`${NIGHT_BUS.title} — ${PUBLICATION}`);
    const article = await liveHead(page);
    expect(article.canonical).toEqual([`${SITE}/${NIGHT_BUS.path}`]);
    expect(article.ogUrl).toEqual(article.canonical);
    expect(article.ogTitle).toEqual([NIGHT_BUS.title]);
    expect(article.ogType).toEqual(['article']);
    expect(article.description).toEqual(['From December, the night bus will also serve the hill district.']);

    await page.evaluate(() => history.back());
    await expect(page).toHaveTitle(`Останні новини — ${PUBLICATION}`);
    expect((await liveHead(page)).canonical).toEqual([`${SITE}/`]);

    // A view that is no page: not to be indexed, no canonical address.
    await page.goto('/no-such-page');
    await takenOver(page);
    const missing = await liveHead(page);
    expect(missing.canonical).toEqual([]);
    expect(missing.ogUrl).toEqual([]);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  });

  test('the footer offers the RSS feed beside the JSON Feed', async ({ page, request }) => {
    await page.goto('/');
    const feeds = page.locator('.site-footer .feeds a');
    await expect(feeds).toHaveText(['Стрічка JSON Feed', 'Стрічка RSS']);
    const rss = await feeds.nth(1).getAttribute('href');
    const response = await request.get(`/${rss}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('<rss');
  });
});
