//! The files crawlers and feed readers ask for beside the pages: `robots.txt`, the sitemaps
//! and `rss.xml`. Written with quick-xml (native only; none of it reaches the wasm), whose
//! writer escapes every text and attribute value: a headline cannot end an element.
//!
//! Every file is a function of the configuration, the feed and the build's time alone, and
//! the build's time only decides which articles are recent news: the dates written come from
//! the articles, so the same feed builds the same sitemap and RSS.

use crate::config::{SiteAddress, SiteConfig};
use crate::embed::Embeds;
use crate::feed::{paragraphs, Article, Body, Feed};
use crate::html::{decode_entities, escape_into, sanitize};
use crate::i18n::{Lang, ReaderLanguages};
use crate::links::has_scheme;
use crate::paging::page_count;
use crate::routes::{
    article_path, category_path, embed_path, listing_path, search_path, site_paths, BASE, RSS_FILE,
};
use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat, TimeDelta};
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::io;

/// One file to write under the output folder.
#[derive(Debug, PartialEq)]
pub struct SiteFile {
    /// Its name in the output folder: `sitemap.xml`.
    pub name: String,
    pub text: String,
}

const ROBOTS: &str = "robots.txt";
const SITEMAP: &str = "sitemap.xml";
const NEWS_SITEMAP: &str = "news-sitemap.xml";

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// How much one sitemap file may hold.
#[derive(Clone, Copy, Debug)]
struct SitemapLimits {
    urls: usize,
    bytes: usize,
}

/// The protocol's limits for one sitemap (<https://www.sitemaps.org/protocol.html>): "no more
/// than 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)", uncompressed. The
/// protocol spells the megabytes out as 50 × 2²⁰ bytes, so that is the figure used.
const PROTOCOL_LIMITS: SitemapLimits = SitemapLimits {
    urls: 50_000,
    bytes: 52_428_800,
};

/// Google News reads articles "created in the last two days" from a news sitemap
/// (<https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap>)...
const NEWS_WINDOW_HOURS: i64 = 48;
/// ... and at most 1,000 `news:news` entries in one.
const NEWS_MAX_ARTICLES: usize = 1_000;

/// Items in `rss.xml`: a feed reader polls often and keeps what it has already seen, so the
/// newest 50 are plenty and keep the file small.
const RSS_MAX_ITEMS: usize = 50;

/// How embedded players are written into `content:encoded`: as the players themselves. The
/// placeholder the site shows before consent is a button only the site's own script turns into
/// a player, and a feed reader runs no script: it would be a dead button forever. The player
/// markup is already the careful one (youtube-nocookie, sandboxed, lazy), and whether an
/// iframe is shown at all is the feed reader's policy, in an app the reader chose: most drop
/// iframes, some show the player.
const FEED_EMBEDS: Embeds<'static> = Embeds::Load;

/// `robots.txt`; and, when the configuration has the site's address (`publication.url`),
/// `sitemap.xml` (an index of parts past the protocol's limits), `news-sitemap.xml` and
/// `rss.xml`. `now` is the build's time, which decides what is recent news.
pub fn site_files(config: &SiteConfig, feed: &Feed, now: DateTime<FixedOffset>) -> Vec<SiteFile> {
    let robots = SiteFile {
        name: ROBOTS.to_owned(),
        text: robots_txt(config.url.as_ref()),
    };
    // Sitemaps and RSS are lists of absolute URLs: without the address there are none to
    // write (the caller warns about it).
    let Some(site) = config.url.as_ref() else {
        return vec![robots];
    };
    let publication = publication_name(config, feed, site);
    let mut files = vec![robots];
    // The XML is written into memory, whose `io::Write` never fails; should quick-xml report
    // an error all the same, that file is left out rather than the build stopped.
    if let Ok(sitemaps) = sitemaps(site, feed, config.page_size, PROTOCOL_LIMITS) {
        files.extend(sitemaps);
    }
    // The front page's language, for items that state none: the publisher's, else the
    // feed's, else the first offered.
    let lang = config.ui_lang(&ReaderLanguages::default(), feed.lang);
    let news = news_sitemap(site, &publication, lang, feed, now);
    files.extend(file(NEWS_SITEMAP, news));
    files.extend(file(RSS_FILE, rss(site, config, &publication, lang, feed)));
    files
}

fn file(name: &str, text: io::Result<String>) -> Option<SiteFile> {
    text.ok().map(|text| SiteFile {
        name: name.to_owned(),
        text,
    })
}

/// Lets every crawler read everything and, with the site's address, names both sitemaps.
/// Crawlers read `robots.txt` only at the host's root: on a site under a sub-path (`/news/`)
/// this one is for the host's own file to take its lines from.
fn robots_txt(site: Option<&SiteAddress>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(site) = site {
        text.push('\n');
        for name in [SITEMAP, NEWS_SITEMAP] {
            text.push_str(&format!("Sitemap: {}\n", file_url(site, name)));
        }
    }
    text
}

/// The absolute URL of a file written beside the pages, at the site's base.
fn file_url(site: &SiteAddress, name: &str) -> String {
    site.absolute(&format!("{BASE}{name}"))
}

/// The publication's name, never empty: a feed may have no title and the configuration no
/// name, and an empty RSS title or `news:name` names nothing; the address does.
fn publication_name(config: &SiteConfig, feed: &Feed, site: &SiteAddress) -> String {
    match config.publication_name(feed).trim() {
        "" => site.to_string(),
        name => name.to_owned(),
    }
}

// ---- Dates -------------------------------------------------------------------------------

/// When an article last changed: its modification, else its publication (the later of the
/// two, should a feed say it was modified before it was published).
fn last_change(article: &Article) -> Option<DateTime<FixedOffset>> {
    article.modified.max(article.published)
}

/// The newest change among `articles`, in its own offset.
fn newest_change<'a>(articles: impl Iterator<Item = &'a Article>) -> Option<DateTime<FixedOffset>> {
    articles.filter_map(last_change).max()
}

/// chrono's RFC 3339 and RFC 2822 writers panic on a year they cannot write in four digits.
/// The feed parsers read only four-digit years, but `Article` is plain data: a date from
/// elsewhere must cost its element, not the build.
fn writable(date: &DateTime<FixedOffset>) -> bool {
    (0..=9999).contains(&date.year())
}

/// A W3C datetime with the date's own offset (`2024-11-23T10:00:00+02:00`), as sitemaps and
/// Google News want it.
fn w3c_date(date: &DateTime<FixedOffset>) -> Option<String> {
    writable(date).then(|| date.to_rfc3339_opts(SecondsFormat::Secs, false))
}

/// An RFC 822 date (`Sat, 23 Nov 2024 10:00:00 +0200`), as RSS 2.0 wants it.
fn rss_date(date: &DateTime<FixedOffset>) -> Option<String> {
    writable(date).then(|| date.to_rfc2822())
}

/// `articles`, newest first (by publication), at most `max`.
fn newest_first<'a>(articles: impl Iterator<Item = &'a Article>, max: usize) -> Vec<&'a Article> {
    let mut articles: Vec<&Article> = articles.collect();
    articles.sort_by_key(|article| Reverse(article.published));
    articles.truncate(max);
    articles
}

// ---- Writing XML ---------------------------------------------------------------------------

type Xml = Writer<Vec<u8>>;

/// A whole document, indented: the declaration, then what `body` writes.
fn xml_document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> io::Result<String> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    declaration(&mut xml)?;
    body(&mut xml)?;
    let mut text = into_text(xml)?;
    text.push('\n');
    Ok(text)
}

/// A piece of a document, unindented, for the sitemaps, which are put together piece by
/// piece to keep each file inside the protocol's limits.
fn xml_piece(write: impl FnOnce(&mut Xml) -> io::Result<()>) -> io::Result<String> {
    let mut xml = Writer::new(Vec::new());
    write(&mut xml)?;
    into_text(xml)
}

fn declaration(xml: &mut Xml) -> io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
}

fn into_text(xml: Xml) -> io::Result<String> {
    String::from_utf8(xml.into_inner())
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))
}

/// `<name>text</name>`.
fn text_element(xml: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(text_node(text))?;
    Ok(())
}

/// `text` as XML text: escaped (`<`, `>`, `&`), which is all text needs. Quotes need escaping
/// only in attribute values; left as they are, they keep `content:encoded`, whose every
/// attribute is quoted, readable and smaller.
fn text_node(text: &str) -> BytesText<'_> {
    BytesText::from_escaped(partial_escape(xml_chars(text)))
}

/// `text` without the characters XML 1.0 forbids: the C0 controls but tab, newline and
/// carriage return, and U+FFFE and U+FFFF. No escape makes them legal (`&#1;` is as
/// ill-formed as the character itself), and one stray control character from a pasted
/// headline would make a strict reader refuse the whole file.
fn xml_chars(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    match text.contains(forbidden) {
        true => Cow::Owned(text.chars().filter(|&c| !forbidden(c)).collect()),
        false => Cow::Borrowed(text),
    }
}

// ---- sitemap.xml ---------------------------------------------------------------------------

/// One `<url>` (or, in an index, `<sitemap>`) as written, with its date.
struct SitemapEntry {
    xml: String,
    lastmod: Option<DateTime<FixedOffset>>,
}

/// `sitemap.xml` with every page; past `limits`, `sitemap.xml` is an index of `sitemap-1.xml`,
/// `sitemap-2.xml`…, as the protocol requires.
fn sitemaps(
    site: &SiteAddress,
    feed: &Feed,
    page_size: usize,
    limits: SitemapLimits,
) -> io::Result<Vec<SiteFile>> {
    let entries = sitemap_pages(feed, page_size)
        .into_iter()
        .map(|(path, lastmod)| sitemap_entry("url", &site.absolute(&path), lastmod))
        .collect::<io::Result<Vec<_>>>()?;
    let urlset = Frame::new("urlset")?;
    let parts = pack(entries, urlset.overhead(), limits);
    if let [only] = parts.as_slice() {
        return Ok(vec![SiteFile {
            name: SITEMAP.to_owned(),
            text: urlset.around(only),
        }]);
    }
    sitemap_index(site, &urlset, &parts)
}

/// Every page the build writes that a search engine should list, with when it last changed:
/// all of `site_paths` but the embed view, which is there for partners' iframes, and the
/// empty search page.
fn sitemap_pages(feed: &Feed, page_size: usize) -> Vec<(String, Option<DateTime<FixedOffset>>)> {
    let changes = page_changes(feed, page_size);
    let unlisted = [embed_path(), search_path("", 1)];
    site_paths(feed, page_size)
        .filter(|path| !unlisted.contains(path))
        .map(|path| {
            let lastmod = changes.get(&path).copied();
            (path, lastmod)
        })
        .collect()
}

/// When each page's content last changed. An article page: the article's last change. A
/// page of a listing (the front page's or a category's): the newest change among the articles
/// of that whole listing, because a new article moves every page of its listing on by one.
/// An edit to an older article changes only its own page, so this may date a page later than
/// its last real change; as a crawl hint, too late costs a needless visit and too early a
/// missed update, so later is the safe side.
fn page_changes(feed: &Feed, page_size: usize) -> HashMap<String, DateTime<FixedOffset>> {
    let mut changes = HashMap::new();
    for article in &feed.articles {
        if let Some(change) = last_change(article) {
            changes.insert(article_path(&article.slug), change);
        }
    }
    if let Some(newest) = newest_change(feed.articles.iter()) {
        for page in 1..=page_count(feed.articles.len(), page_size) {
            changes.insert(listing_path(page), newest);
        }
    }
    for category in &feed.categories {
        let articles: Vec<&Article> = feed.in_category(&category.slug).collect();
        if let Some(newest) = newest_change(articles.iter().copied()) {
            for page in 1..=page_count(articles.len(), page_size) {
                changes.insert(category_path(&category.slug, page), newest);
            }
        }
    }
    changes
}

/// `<url><loc>…</loc><lastmod>…</lastmod></url>` (or `<sitemap>…` in an index).
fn sitemap_entry(
    element: &str,
    loc: &str,
    lastmod: Option<DateTime<FixedOffset>>,
) -> io::Result<SitemapEntry> {
    let xml = xml_piece(|xml| {
        xml.create_element(element).write_inner_content(|xml| {
            text_element(xml, "loc", loc)?;
            match lastmod.as_ref().and_then(w3c_date) {
                Some(date) => text_element(xml, "lastmod", &date),
                None => Ok(()),
            }
        })?;
        Ok(())
    })?;
    Ok(SitemapEntry { xml, lastmod })
}

/// What every sitemap file has around its entries: the declaration and the root element.
struct Frame {
    open: String,
    close: String,
}

impl Frame {
    fn new(root: &str) -> io::Result<Frame> {
        let declaration = xml_piece(declaration)?;
        let start = BytesStart::new(root).with_attributes([("xmlns", SITEMAP_NS)]);
        let start = xml_piece(|xml| xml.write_event(Event::Start(start)))?;
        let end = xml_piece(|xml| xml.write_event(Event::End(BytesEnd::new(root))))?;
        Ok(Frame {
            open: format!("{declaration}\n{start}\n"),
            close: format!("{end}\n"),
        })
    }

    /// The bytes a file has besides its entries.
    fn overhead(&self) -> usize {
        self.open.len() + self.close.len()
    }

    /// The file: one entry a line, so its size is the frame's plus each entry's and a newline.
    fn around(&self, entries: &[SitemapEntry]) -> String {
        let size = self.overhead() + entries.iter().map(|e| e.xml.len() + 1).sum::<usize>();
        let mut text = String::with_capacity(size);
        text.push_str(&self.open);
        for entry in entries {
            text.push_str(&entry.xml);
            text.push('\n');
        }
        text.push_str(&self.close);
        text
    }
}

/// Splits `entries`, in order, into runs that each fit one file with `overhead` bytes besides:
/// at most `limits.urls` entries and `limits.bytes` bytes. An entry too large for any file
/// (no real URL is megabytes long) gets a file of its own rather than being lost.
fn pack(
    entries: Vec<SitemapEntry>,
    overhead: usize,
    limits: SitemapLimits,
) -> Vec<Vec<SitemapEntry>> {
    let mut parts = Vec::new();
    let mut part: Vec<SitemapEntry> = Vec::new();
    let mut bytes = overhead;
    for entry in entries {
        let size = entry.xml.len() + 1;
        let full = part.len() >= limits.urls || bytes + size > limits.bytes;
        if full && !part.is_empty() {
            parts.push(std::mem::take(&mut part));
            bytes = overhead;
        }
        bytes += size;
        part.push(entry);
    }
    parts.push(part);
    parts
}

/// `sitemap.xml` as a `<sitemapindex>` of the parts, and the parts as `sitemap-N.xml`. An
/// index may name 50,000 parts, 2.5 billion URLs at the protocol's limits: one is enough.
fn sitemap_index(
    site: &SiteAddress,
    urlset: &Frame,
    parts: &[Vec<SitemapEntry>],
) -> io::Result<Vec<SiteFile>> {
    let mut files = Vec::with_capacity(parts.len() + 1);
    let mut named = Vec::with_capacity(parts.len());
    for (number, part) in (1..).zip(parts) {
        let name = format!("sitemap-{number}.xml");
        let lastmod = part.iter().filter_map(|entry| entry.lastmod).max();
        named.push(sitemap_entry("sitemap", &file_url(site, &name), lastmod)?);
        files.push(SiteFile {
            name,
            text: urlset.around(part),
        });
    }
    let index = SiteFile {
        name: SITEMAP.to_owned(),
        text: Frame::new("sitemapindex")?.around(&named),
    };
    files.insert(0, index);
    Ok(files)
}

// ---- news-sitemap.xml ----------------------------------------------------------------------

/// Google News's sitemap: the articles published in the two days before `now`, the newest
/// 1,000. With none, an empty `urlset`, which Google accepts ("Empty Sitemap" is a warning).
fn news_sitemap(
    site: &SiteAddress,
    publication: &str,
    lang: Lang,
    feed: &Feed,
    now: DateTime<FixedOffset>,
) -> io::Result<String> {
    let recent = recent_articles(feed, now);
    xml_document(|xml| {
        xml.create_element("urlset")
            .with_attributes([("xmlns", SITEMAP_NS), ("xmlns:news", NEWS_NS)])
            .write_inner_content(|xml| {
                for article in recent {
                    news_entry(xml, site, publication, lang, article)?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// Published from 48 hours before `now` up to `now`, newest first, at most 1,000. An article
/// dated after the build is left out: Google takes the date as the publication's and would
/// see it published in the future.
fn recent_articles(feed: &Feed, now: DateTime<FixedOffset>) -> Vec<&Article> {
    let since =
        TimeDelta::try_hours(NEWS_WINDOW_HOURS).and_then(|window| now.checked_sub_signed(window));
    let recent = feed.articles.iter().filter(|article| {
        article.published.is_some_and(|published| {
            published <= now && since.is_none_or(|since| published >= since) && writable(&published)
        })
    });
    newest_first(recent, NEWS_MAX_ARTICLES)
}

fn news_entry(
    xml: &mut Xml,
    site: &SiteAddress,
    publication: &str,
    lang: Lang,
    article: &Article,
) -> io::Result<()> {
    xml.create_element("url").write_inner_content(|xml| {
        text_element(xml, "loc", &site.absolute(&article_path(&article.slug)))?;
        xml.create_element("news:news").write_inner_content(|xml| {
            xml.create_element("news:publication")
                .write_inner_content(|xml| {
                    text_element(xml, "news:name", publication)?;
                    text_element(xml, "news:language", article.lang_in(lang).code())
                })?;
            let date = article
                .published
                .as_ref()
                .and_then(w3c_date)
                .unwrap_or_default();
            text_element(xml, "news:publication_date", &date)?;
            text_element(xml, "news:title", &article.title)
        })?;
        Ok(())
    })?;
    Ok(())
}

// ---- rss.xml -------------------------------------------------------------------------------

/// What the `<channel>` says of itself.
struct Channel {
    title: String,
    link: String,
    description: String,
    language: &'static str,
    /// The newest item's last change, not the build's time: the same feed builds the same
    /// file, and a feed reader sees a change only when there is one.
    last_build: Option<String>,
    self_url: String,
}

/// RSS 2.0 (<https://www.rssboard.org/rss-specification>) with the newest 50 articles, each
/// with its whole body in `content:encoded`.
fn rss(
    site: &SiteAddress,
    config: &SiteConfig,
    publication: &str,
    lang: Lang,
    feed: &Feed,
) -> io::Result<String> {
    let items = newest_first(feed.articles.iter(), RSS_MAX_ITEMS);
    let description = config
        .publication_description(feed)
        .map(str::trim)
        .filter(|description| !description.is_empty())
        .unwrap_or(publication);
    let channel = Channel {
        title: publication.to_owned(),
        link: site.absolute(&listing_path(1)),
        description: description.to_owned(),
        language: lang.code(),
        last_build: newest_change(items.iter().copied())
            .as_ref()
            .and_then(rss_date),
        self_url: file_url(site, RSS_FILE),
    };
    xml_document(|xml| {
        xml.create_element("rss")
            .with_attributes([
                ("version", "2.0"),
                ("xmlns:atom", ATOM_NS),
                ("xmlns:content", CONTENT_NS),
                ("xmlns:dc", DC_NS),
            ])
            .write_inner_content(|xml| {
                xml.create_element("channel").write_inner_content(|xml| {
                    channel_head(xml, &channel)?;
                    for article in items {
                        rss_item(xml, site, lang, article)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

fn channel_head(xml: &mut Xml, channel: &Channel) -> io::Result<()> {
    text_element(xml, "title", &channel.title)?;
    text_element(xml, "link", &channel.link)?;
    text_element(xml, "description", &channel.description)?;
    text_element(xml, "language", channel.language)?;
    if let Some(date) = &channel.last_build {
        text_element(xml, "lastBuildDate", date)?;
    }
    text_element(
        xml,
        "generator",
        concat!("Vistka ", env!("CARGO_PKG_VERSION")),
    )?;
    // The feed's own address, which the RSS Advisory Board recommends and validators expect.
    xml.create_element("atom:link")
        .with_attributes([
            ("href", channel.self_url.as_str()),
            ("rel", "self"),
            ("type", "application/rss+xml"),
        ])
        .write_empty()?;
    Ok(())
}

fn rss_item(xml: &mut Xml, site: &SiteAddress, lang: Lang, article: &Article) -> io::Result<()> {
    let link = site.absolute(&article_path(&article.slug));
    xml.create_element("item").write_inner_content(|xml| {
        text_element(xml, "title", &article.title)?;
        text_element(xml, "link", &link)?;
        xml.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(text_node(&link))?;
        if let Some(date) = article.published.as_ref().and_then(rss_date) {
            text_element(xml, "pubDate", &date)?;
        }
        let excerpt = article.excerpt();
        if !excerpt.is_empty() {
            // An item's description is HTML to a feed reader (the RSS Advisory Board's profile:
            // "suitable for presentation as HTML"), so the excerpt's text is escaped for HTML
            // too: "a <b> tag" is shown as written, not in bold.
            let mut html = String::with_capacity(excerpt.len());
            escape_into(&excerpt, &mut html);
            text_element(xml, "description", &html)?;
        }
        if let Some(category) = &article.category {
            text_element(xml, "category", &category.name)?;
        }
        // RSS's own `author` must be an e-mail address; a feed has names.
        for author in &article.authors {
            text_element(xml, "dc:creator", author)?;
        }
        text_element(xml, "dc:language", article.lang_in(lang).code())?;
        let body = feed_body(article, site);
        if !body.is_empty() {
            text_element(xml, "content:encoded", &body)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The article as a feed reader shows it: its picture, where the article page shows one, and
/// its body, sanitised as for the page, with every URL absolute (a feed reader has no base to
/// resolve `media/x.svg` against).
fn feed_body(article: &Article, site: &SiteAddress) -> String {
    let mut html = String::new();
    if let Some(image) = article.lead_image() {
        // Through the sanitiser with the body: it checks the URL like any other.
        html.push_str("<figure><img src=\"");
        escape_into(image, &mut html);
        html.push_str("\" alt=\"\"></figure>");
    }
    match &article.body {
        Body::Html(body) => html.push_str(body),
        Body::Text(text) => text_paragraphs(text, &mut html),
        Body::Empty => {}
    }
    absolute_urls(&sanitize(&html, FEED_EMBEDS, article.base.as_deref()), site)
}

/// A text body as the article page shows it: a paragraph for each blank-line-separated block.
fn text_paragraphs(text: &str, html: &mut String) {
    for paragraph in paragraphs(text) {
        html.push_str("<p>");
        escape_into(paragraph, html);
        html.push_str("</p>");
    }
}

/// The attributes whose values the sanitiser writes as URLs (`a href`, `img src`, `cite`;
/// and an embedded player's `src`, already absolute).
const URL_ATTRIBUTES: [&str; 3] = ["href", "src", "cite"];

/// Sanitised HTML with its relative URLs made absolute. Read this way rather than parsed
/// again because the sanitiser's output is its own, predictable form: text and attribute
/// values escape `<`, `>` and `"`, so every `<` opens a tag, the next `>` closes it, and in
/// a tag every value is written ` name="value"`.
fn absolute_urls(html: &str, site: &SiteAddress) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some((text, from_tag)) = rest.split_once('<') {
        out.push_str(text);
        out.push('<');
        let Some((tag, after)) = from_tag.split_once('>') else {
            out.push_str(from_tag);
            return out;
        };
        absolute_urls_in_tag(tag, site, &mut out);
        out.push('>');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// One tag's inside (`a href="…" rel="…"`), its URL attributes made absolute.
fn absolute_urls_in_tag(tag: &str, site: &SiteAddress, out: &mut String) {
    let mut rest = tag;
    while let Some((before, from_value)) = rest.split_once("=\"") {
        out.push_str(before);
        out.push_str("=\"");
        let Some((value, after)) = from_value.split_once('"') else {
            out.push_str(from_value);
            return;
        };
        let name = before.rsplit(' ').next().unwrap_or_default();
        match URL_ATTRIBUTES.contains(&name) {
            true => escape_into(&absolute_url(&decode_entities(value), site), out),
            false => out.push_str(value),
        }
        out.push('"');
        rest = after;
    }
    out.push_str(rest);
}

/// `url` as the site's pages resolve it (they have `<base href>` at the site's base), except
/// what needs no base: a URL with a scheme (`https:`, `HTTPS:`, `mailto:`) and a reference
/// into the item itself (`#note-1`), which `SiteAddress::absolute` would send to the front
/// page.
fn absolute_url(url: &str, site: &SiteAddress) -> String {
    // As a browser reads it: tabs and newlines anywhere are dropped, and spaces and control
    // characters at either end (https://url.spec.whatwg.org/#concept-basic-url-parser).
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.is_empty() || url.starts_with('#') || has_scheme(url) {
        return url.to_owned();
    }
    site.absolute(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_json_feed;
    use crate::i18n::Lang;
    use chrono::NaiveDate;
    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::{Reader, XmlVersion};
    use serde_json::{json, Value};
    use std::collections::HashSet;

    // ---- Reading the files back, as a consumer would ----

    /// An element as read back: its name, attributes, child elements and text.
    #[derive(Debug, Default)]
    struct Node {
        name: String,
        attributes: Vec<(String, String)>,
        children: Vec<Node>,
        text: String,
    }

    impl Node {
        fn open(start: &BytesStart) -> Node {
            let attributes = start
                .attributes()
                .map(|attribute| {
                    let attribute = attribute.expect("a well-formed attribute");
                    let value = attribute
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("a well-formed value");
                    (attribute.key.as_ref().to_owned(), value.into_owned())
                })
                .collect();
            Node {
                name: start.name().as_ref().to_owned(),
                attributes,
                ..Node::default()
            }
        }

        fn attribute(&self, name: &str) -> Option<&str> {
            self.attributes
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        }

        fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
            self.children.iter().filter(move |child| child.name == name)
        }

        fn child(&self, name: &str) -> &Node {
            let mut found = self.children.iter().filter(|child| child.name == name);
            let child = found
                .next()
                .unwrap_or_else(|| panic!("no <{name}> in <{}>", self.name));
            assert!(found.next().is_none(), "two <{name}> in <{}>", self.name);
            child
        }

        fn text_of(&self, name: &str) -> &str {
            &self.child(name).text
        }

        fn has(&self, name: &str) -> bool {
            self.children.iter().any(|child| child.name == name)
        }
    }

    /// Reads a whole document with quick-xml's reader, every check on, to its end: one root
    /// element, every element closed, every reference known. Panics with the position of the
    /// first error.
    fn parse(xml: &str) -> Node {
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{xml}"
        );
        let mut reader = Reader::from_str(xml);
        reader.config_mut().enable_all_checks(true);
        let mut open = vec![Node::default()];
        loop {
            let event = reader.read_event().unwrap_or_else(|error| {
                panic!("not well-formed at {}: {error}", reader.error_position())
            });
            let current = open.last_mut().expect("the document");
            match event {
                Event::Start(start) => open.push(Node::open(&start)),
                Event::Empty(start) => current.children.push(Node::open(&start)),
                Event::End(_) => {
                    let node = open.pop().expect("an open element");
                    let parent = open.last_mut().expect("a parent");
                    parent.children.push(node);
                }
                Event::Text(text) => current.text.push_str(&text.xml10_content()),
                Event::CData(text) => current.text.push_str(&text.xml10_content()),
                Event::GeneralRef(reference) => match reference.resolve_char_ref() {
                    Ok(Some(c)) => current.text.push(c),
                    _ => current.text.push_str(
                        resolve_predefined_entity(&reference).expect("a predefined entity"),
                    ),
                },
                Event::Eof => break,
                _ => {}
            }
        }
        let mut document = open.pop().expect("the document");
        assert!(open.is_empty(), "an element left open");
        assert!(document.text.trim().is_empty(), "text outside the root");
        assert_eq!(document.children.len(), 1, "one root element");
        document.children.pop().expect("the root")
    }

    // ---- Feeds and configurations ----

    const ORIGIN: &str = "https://vistka.example";
    const NOW: &str = "2024-11-23T12:00:00+02:00";

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("a test date")
    }

    fn now() -> DateTime<FixedOffset> {
        at(NOW)
    }

    /// `now` less some minutes, as a feed writes it.
    fn minutes_ago(minutes: i64) -> String {
        (now() - TimeDelta::minutes(minutes)).to_rfc3339()
    }

    fn address() -> SiteAddress {
        SiteAddress::parse(&format!("{ORIGIN}/")).expect("an address")
    }

    fn config() -> SiteConfig {
        SiteConfig {
            name: Some("Вістка".into()),
            description: Some("Новини Верболозів".into()),
            url: Some(address()),
            ..SiteConfig::default()
        }
    }

    /// The absolute URL of a site path (which has the base in it).
    fn url(path: &str) -> String {
        format!("{ORIGIN}{path}")
    }

    fn item(id: usize, title: &str, published: &str) -> Value {
        json!({"id": id.to_string(), "title": title, "date_published": published,
               "content_html": format!("<p>Текст {id}</p>")})
    }

    fn feed_of(items: Vec<Value>) -> Feed {
        let feed = json!({"version": "https://jsonfeed.org/version/1.1", "title": "Вістка",
                          "items": items});
        parse_json_feed(&feed.to_string(), &crate::feed::test_options()).expect("a valid feed")
    }

    /// `count` articles, one a minute back from `now`.
    fn feed_of_many(count: usize) -> Feed {
        feed_of(
            (0..count)
                .map(|n| item(n, &format!("Новина {n}"), &minutes_ago(n as i64)))
                .collect(),
        )
    }

    fn demo() -> Feed {
        parse_json_feed(
            include_str!("../../public/feed.json"),
            &crate::feed::test_options(),
        )
        .expect("the demo")
    }

    fn file<'a>(files: &'a [SiteFile], name: &str) -> &'a SiteFile {
        files
            .iter()
            .find(|file| file.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    }

    fn names(files: &[SiteFile]) -> Vec<&str> {
        files.iter().map(|file| file.name.as_str()).collect()
    }

    fn locs<'a>(root: &'a Node, entry: &'a str) -> Vec<&'a str> {
        root.all(entry).map(|entry| entry.text_of("loc")).collect()
    }

    fn w3c(date: &DateTime<FixedOffset>) -> String {
        date.to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// The pages a crawler should know: every listing page, article and category page.
    fn expected_pages(feed: &Feed, page_size: usize) -> Vec<String> {
        let unlisted = [embed_path(), search_path("", 1)];
        site_paths(feed, page_size)
            .filter(|path| !unlisted.contains(path))
            .map(|path| url(&path))
            .collect()
    }

    // ---- robots.txt and which files there are ----

    #[test]
    fn without_an_address_only_robots_txt_without_sitemaps() {
        let files = site_files(&SiteConfig::default(), &demo(), now());
        assert_eq!(names(&files), ["robots.txt"]);
        let robots = &file(&files, "robots.txt").text;
        assert!(robots.contains("User-agent: *\nAllow: /\n"), "{robots}");
        assert!(!robots.to_lowercase().contains("sitemap"), "{robots}");
        assert!(!robots.contains("Disallow"), "{robots}");
    }

    #[test]
    fn robots_txt_allows_all_and_names_both_sitemaps_by_absolute_url() {
        let files = site_files(&config(), &demo(), now());
        assert_eq!(
            file(&files, "robots.txt").text,
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {ORIGIN}{BASE}sitemap.xml\n\
                 Sitemap: {ORIGIN}{BASE}news-sitemap.xml\n"
            )
        );
    }

    #[test]
    fn with_an_address_every_file_is_written_and_every_xml_file_reads_back() {
        let config = SiteConfig {
            page_size: 3,
            ..config()
        };
        let files = site_files(&config, &demo(), now());
        assert_eq!(
            names(&files),
            ["robots.txt", "sitemap.xml", "news-sitemap.xml", "rss.xml"]
        );
        for file in files.iter().filter(|file| file.name.ends_with(".xml")) {
            parse(&file.text);
            assert!(file.text.ends_with('\n'), "{}", file.name);
        }
    }

    #[test]
    fn the_files_are_the_same_for_the_same_feed() {
        let feed = demo();
        let first = site_files(&config(), &feed, now());
        assert_eq!(first, site_files(&config(), &feed, now()));
        // The build's time decides only what is recent news.
        let later = site_files(&config(), &feed, now() + TimeDelta::days(30));
        for name in ["robots.txt", "sitemap.xml", "rss.xml"] {
            assert_eq!(file(&first, name), file(&later, name), "{name}");
        }
    }

    // ---- sitemap.xml ----

    #[test]
    fn the_sitemap_lists_every_page_but_the_embed() {
        let feed = demo();
        let page_size = 3;
        let config = SiteConfig {
            page_size,
            ..config()
        };
        let files = site_files(&config, &feed, now());
        let sitemap = parse(&file(&files, "sitemap.xml").text);
        assert_eq!(sitemap.name, "urlset");
        assert_eq!(sitemap.attribute("xmlns"), Some(SITEMAP_NS));
        let listed = locs(&sitemap, "url");
        assert_eq!(listed, expected_pages(&feed, page_size));
        // Counted from the feed itself, not from `site_paths`.
        let listing_pages = feed.articles.len().div_ceil(page_size);
        let category_pages: usize = feed
            .categories
            .iter()
            .map(|category| feed.in_category(&category.slug).count().div_ceil(page_size))
            .sum();
        assert!(category_pages > feed.categories.len(), "some have pages");
        assert_eq!(
            listed.len(),
            listing_pages + feed.articles.len() + category_pages
        );
        assert_eq!(listed.iter().collect::<HashSet<_>>().len(), listed.len());
        for article in &feed.articles {
            assert!(listed.contains(&url(&article_path(&article.slug)).as_str()));
        }
        for page in 1..=listing_pages {
            assert!(listed.contains(&url(&listing_path(page)).as_str()));
        }
        assert!(!listed.contains(&url(&embed_path()).as_str()));
        assert!(listed.iter().all(|loc| loc.starts_with(ORIGIN)));
    }

    #[test]
    fn lastmod_is_the_modification_else_the_publication_with_its_offset() {
        let feed = feed_of(vec![
            json!({"id": "a", "title": "Змінена", "date_published": "2024-11-22T10:00:00+02:00",
                   "date_modified": "2024-11-22T11:30:00+02:00", "tags": ["Спорт"]}),
            json!({"id": "b", "title": "Спортивна", "date_published": "2024-11-22T09:00:00Z",
                   "tags": ["Спорт"]}),
            json!({"id": "c", "title": "Культурна", "date_published": "2024-11-21T08:00:00-05:00",
                   "tags": ["Культура"]}),
        ]);
        let sitemap = parse(&file(&site_files(&config(), &feed, now()), "sitemap.xml").text);
        let lastmod = |path: String| {
            let entry = sitemap
                .all("url")
                .find(|entry| entry.text_of("loc") == url(&path))
                .unwrap_or_else(|| panic!("{path} listed"));
            entry.text_of("lastmod").to_owned()
        };
        let slug = |title: &str| {
            let article = feed.articles.iter().find(|a| a.title == title);
            article.expect("the article").slug.clone()
        };
        let category = |name: &str| {
            let category = feed.categories.iter().find(|c| c.name == name);
            category_path(&category.expect("the category").slug, 1)
        };
        assert_eq!(
            lastmod(article_path(&slug("Змінена"))),
            "2024-11-22T11:30:00+02:00"
        );
        assert_eq!(
            lastmod(article_path(&slug("Спортивна"))),
            "2024-11-22T09:00:00+00:00"
        );
        assert_eq!(
            lastmod(article_path(&slug("Культурна"))),
            "2024-11-21T08:00:00-05:00"
        );
        // A listing changes when any of its articles does.
        assert_eq!(lastmod(listing_path(1)), "2024-11-22T11:30:00+02:00");
        assert_eq!(lastmod(category("Спорт")), "2024-11-22T11:30:00+02:00");
        assert_eq!(lastmod(category("Культура")), "2024-11-21T08:00:00-05:00");
        for entry in sitemap.all("url") {
            DateTime::parse_from_rfc3339(entry.text_of("lastmod")).expect("a W3C datetime");
        }
    }

    #[test]
    fn a_sitemap_over_the_url_limit_becomes_an_index_of_parts() {
        let feed = demo();
        let limits = SitemapLimits {
            urls: 4,
            bytes: PROTOCOL_LIMITS.bytes,
        };
        let files = sitemaps(&address(), &feed, 3, limits).expect("written");
        let expected = expected_pages(&feed, 3);
        let part_count = expected.len().div_ceil(4);
        assert!(part_count > 2);
        let part_names: Vec<String> = (1..=part_count)
            .map(|n| format!("sitemap-{n}.xml"))
            .collect();
        let mut all_names = vec!["sitemap.xml"];
        all_names.extend(part_names.iter().map(String::as_str));
        assert_eq!(names(&files), all_names);

        let index = parse(&files[0].text);
        assert_eq!(index.name, "sitemapindex");
        assert_eq!(index.attribute("xmlns"), Some(SITEMAP_NS));
        let part_urls: Vec<String> = part_names
            .iter()
            .map(|name| url(&format!("{BASE}{name}")))
            .collect();
        assert_eq!(locs(&index, "sitemap"), part_urls);

        let mut listed = Vec::new();
        for (part, named) in files[1..].iter().zip(index.all("sitemap")) {
            let urlset = parse(&part.text);
            assert_eq!(urlset.name, "urlset");
            let urls = locs(&urlset, "url");
            assert!((1..=4).contains(&urls.len()), "{}", part.name);
            // The index dates each part by its newest page.
            let newest = urlset
                .all("url")
                .map(|entry| at(entry.text_of("lastmod")))
                .max()
                .expect("dated pages");
            assert_eq!(at(named.text_of("lastmod")), newest);
            listed.extend(urls.into_iter().map(str::to_owned));
        }
        // Every page exactly once, in order.
        assert_eq!(listed, expected);
    }

    #[test]
    fn a_sitemap_over_the_size_limit_becomes_an_index_of_parts_within_it() {
        let feed = demo();
        let bytes = 1_000;
        let limits = SitemapLimits {
            urls: PROTOCOL_LIMITS.urls,
            bytes,
        };
        let files = sitemaps(&address(), &feed, 3, limits).expect("written");
        assert!(files.len() > 3, "{:?}", names(&files));
        assert_eq!(parse(&files[0].text).name, "sitemapindex");
        let mut listed = Vec::new();
        for part in &files[1..] {
            assert!(
                part.text.len() <= bytes,
                "{}: {}",
                part.name,
                part.text.len()
            );
            let urlset = parse(&part.text);
            listed.extend(locs(&urlset, "url").into_iter().map(str::to_owned));
        }
        assert_eq!(listed, expected_pages(&feed, 3));
    }

    #[test]
    fn a_part_may_fill_its_limit_to_the_byte() {
        let feed = feed_of_many(10);
        let whole = sitemaps(&address(), &feed, 20, PROTOCOL_LIMITS).expect("written");
        let lines: Vec<&str> = whole[0].text.lines().collect();
        // The declaration, the root, 11 pages (listing and articles), the end.
        assert_eq!(lines.len(), 14);
        let three_pages = lines
            .iter()
            .take(5)
            .map(|line| line.len() + 1)
            .sum::<usize>()
            + "</urlset>\n".len();
        let limits = SitemapLimits {
            urls: PROTOCOL_LIMITS.urls,
            bytes: three_pages,
        };
        let files = sitemaps(&address(), &feed, 20, limits).expect("written");
        let first = file(&files, "sitemap-1.xml");
        assert_eq!(first.text.len(), three_pages);
        assert_eq!(parse(&first.text).all("url").count(), 3);
        let one_byte_less = SitemapLimits {
            bytes: three_pages - 1,
            ..limits
        };
        let files = sitemaps(&address(), &feed, 20, one_byte_less).expect("written");
        assert_eq!(
            parse(&file(&files, "sitemap-1.xml").text)
                .all("url")
                .count(),
            2
        );
    }

    #[test]
    fn an_entry_larger_than_any_file_gets_a_file_of_its_own() {
        let entry = |size: usize| SitemapEntry {
            xml: "x".repeat(size),
            lastmod: None,
        };
        let limits = SitemapLimits {
            urls: 10,
            bytes: 100,
        };
        let parts = pack(
            vec![entry(10), entry(500), entry(10), entry(10)],
            20,
            limits,
        );
        let sizes: Vec<Vec<usize>> = parts
            .iter()
            .map(|part| part.iter().map(|entry| entry.xml.len()).collect())
            .collect();
        assert_eq!(sizes, [vec![10], vec![500], vec![10, 10]]);
    }

    #[test]
    fn the_protocols_limits_keep_a_feed_in_one_sitemap() {
        assert_eq!(PROTOCOL_LIMITS.urls, 50_000);
        assert_eq!(PROTOCOL_LIMITS.bytes, 50 * 1024 * 1024);
        let files = sitemaps(&address(), &feed_of_many(300), 1, PROTOCOL_LIMITS).expect("written");
        assert_eq!(names(&files), ["sitemap.xml"]);
        assert_eq!(parse(&files[0].text).all("url").count(), 300 + 300);
    }

    #[test]
    fn an_empty_feed_has_its_front_page_in_the_sitemap_and_an_empty_rss() {
        let files = site_files(&config(), &feed_of(Vec::new()), now());
        let sitemap = parse(&file(&files, "sitemap.xml").text);
        assert_eq!(locs(&sitemap, "url"), [url(&listing_path(1))]);
        assert!(
            !sitemap.child("url").has("lastmod"),
            "nothing has changed yet"
        );
        let channel = rss_channel(&files);
        assert_eq!(channel.all("item").count(), 0);
        assert!(!channel.has("lastBuildDate"), "no item, no date");
        assert_eq!(channel.text_of("title"), "Вістка");
        assert_eq!(
            parse(&file(&files, "news-sitemap.xml").text).children.len(),
            0
        );
    }

    // ---- news-sitemap.xml ----

    #[test]
    fn the_news_sitemap_holds_the_last_48_hours_only() {
        let feed = feed_of(vec![
            item(1, "Щойно", &minutes_ago(60)),
            json!({"id": "2", "title": "Almost two days", "language": "en",
                   "date_published": (now() - TimeDelta::minutes(47 * 60 + 59)).to_utc().to_rfc3339()}),
            item(3, "Рівно дві доби", &minutes_ago(48 * 60)),
            item(
                4,
                "На секунду старша",
                &(now() - TimeDelta::seconds(48 * 3600 + 1)).to_rfc3339(),
            ),
            item(5, "Позавчорашня", &minutes_ago(5 * 24 * 60)),
            item(6, "Із майбутнього", &minutes_ago(-60)),
        ]);
        let files = site_files(&config(), &feed, now());
        let news = parse(&file(&files, "news-sitemap.xml").text);
        assert_eq!(news.name, "urlset");
        assert_eq!(news.attribute("xmlns"), Some(SITEMAP_NS));
        assert_eq!(news.attribute("xmlns:news"), Some(NEWS_NS));
        let titles: Vec<&str> = news
            .all("url")
            .map(|entry| entry.child("news:news").text_of("news:title"))
            .collect();
        assert_eq!(titles, ["Щойно", "Almost two days", "Рівно дві доби"]);
        for entry in news.all("url") {
            let news_news = entry.child("news:news");
            let article = feed
                .articles
                .iter()
                .find(|article| article.title == news_news.text_of("news:title"))
                .expect("an article of the feed");
            assert_eq!(entry.text_of("loc"), url(&article_path(&article.slug)));
            let publication = news_news.child("news:publication");
            assert_eq!(publication.text_of("news:name"), "Вістка");
            assert_eq!(
                publication.text_of("news:language"),
                article.lang_in(Lang::Uk).code()
            );
            let date = news_news.text_of("news:publication_date");
            assert_eq!(Some(date.to_owned()), article.published.as_ref().map(w3c));
            assert_eq!(Some(at(date)), article.published);
        }
        let languages: Vec<&str> = news
            .all("url")
            .map(|entry| {
                let news_news = entry.child("news:news");
                news_news.child("news:publication").text_of("news:language")
            })
            .collect();
        assert_eq!(languages, ["uk", "en", "uk"]);
    }

    #[test]
    fn the_news_sitemap_keeps_the_newest_thousand() {
        let feed = feed_of_many(1_005);
        let files = site_files(&config(), &feed, now());
        let news = parse(&file(&files, "news-sitemap.xml").text);
        let titles: Vec<&str> = news
            .all("url")
            .map(|entry| entry.child("news:news").text_of("news:title"))
            .collect();
        let newest: Vec<String> = (0..1_000).map(|n| format!("Новина {n}")).collect();
        assert_eq!(titles, newest);
    }

    #[test]
    fn without_recent_news_the_news_sitemap_is_an_empty_urlset() {
        let feed = feed_of(vec![item(1, "Давня", "2020-01-01T10:00:00+02:00")]);
        let files = site_files(&config(), &feed, now());
        let news = parse(&file(&files, "news-sitemap.xml").text);
        assert_eq!(news.name, "urlset");
        assert_eq!(news.attribute("xmlns:news"), Some(NEWS_NS));
        assert!(news.children.is_empty());
    }

    // ---- rss.xml ----

    fn rss_channel(files: &[SiteFile]) -> Node {
        let mut rss = parse(&file(files, "rss.xml").text);
        assert_eq!(rss.name, "rss");
        assert_eq!(rss.attribute("version"), Some("2.0"));
        assert_eq!(rss.attribute("xmlns:atom"), Some(ATOM_NS));
        assert_eq!(rss.attribute("xmlns:content"), Some(CONTENT_NS));
        assert_eq!(rss.attribute("xmlns:dc"), Some(DC_NS));
        assert_eq!(rss.children.len(), 1);
        rss.children.pop().expect("the channel")
    }

    #[test]
    fn the_rss_channel_has_the_required_elements() {
        let feed = demo();
        let channel = rss_channel(&site_files(&config(), &feed, now()));
        assert_eq!(channel.name, "channel");
        assert_eq!(channel.text_of("title"), "Вістка");
        assert_eq!(channel.text_of("link"), url(&listing_path(1)));
        assert_eq!(channel.text_of("description"), "Новини Верболозів");
        assert_eq!(channel.text_of("language"), "uk");
        assert!(channel.text_of("generator").starts_with("Vistka "));
        let self_link = channel.child("atom:link");
        assert_eq!(self_link.attribute("rel"), Some("self"));
        assert_eq!(self_link.attribute("type"), Some("application/rss+xml"));
        assert_eq!(
            self_link.attribute("href"),
            Some(url(&format!("{BASE}rss.xml")).as_str())
        );
        // The newest item's date, not the build's time.
        let built =
            DateTime::parse_from_rfc2822(channel.text_of("lastBuildDate")).expect("RFC 822");
        let newest = feed
            .articles
            .iter()
            .filter_map(|a| a.published)
            .max()
            .expect("articles");
        assert_eq!(built, newest);
        assert_eq!(channel.all("item").count(), feed.articles.len());
    }

    #[test]
    fn the_rss_description_is_never_empty() {
        let feed = feed_of(vec![item(1, "Одна", &minutes_ago(5))]);
        let unnamed = SiteConfig {
            description: None,
            ..config()
        };
        let channel = rss_channel(&site_files(&unnamed, &feed, now()));
        assert_eq!(channel.text_of("description"), "Вістка", "the name");
        let mut untitled = feed.clone();
        untitled.title = String::new();
        let bare = SiteConfig {
            url: Some(address()),
            ..SiteConfig::default()
        };
        let files = site_files(&bare, &untitled, now());
        let channel = rss_channel(&files);
        assert_eq!(channel.text_of("title"), format!("{ORIGIN}/"));
        assert_eq!(channel.text_of("description"), format!("{ORIGIN}/"));
        let news = parse(&file(&files, "news-sitemap.xml").text);
        let news_news = news.child("url").child("news:news");
        assert_eq!(
            news_news.child("news:publication").text_of("news:name"),
            format!("{ORIGIN}/")
        );
    }

    #[test]
    fn the_rss_has_the_newest_fifty_items_newest_first() {
        let feed = feed_of_many(60);
        let channel = rss_channel(&site_files(&config(), &feed, now()));
        let items: Vec<&Node> = channel.all("item").collect();
        assert_eq!(items.len(), 50);
        let dates: Vec<DateTime<FixedOffset>> = items
            .iter()
            .map(|item| DateTime::parse_from_rfc2822(item.text_of("pubDate")).expect("RFC 822"))
            .collect();
        assert!(
            dates.windows(2).all(|pair| pair[0] >= pair[1]),
            "newest first"
        );
        let newest: Vec<String> = feed.articles[..50]
            .iter()
            .map(|article| url(&article_path(&article.slug)))
            .collect();
        let links: Vec<&str> = items.iter().map(|item| item.text_of("link")).collect();
        assert_eq!(links, newest);
        for (item, article) in items.iter().zip(&feed.articles) {
            assert_eq!(item.text_of("title"), article.title);
            let guid = item.child("guid");
            assert_eq!(guid.attribute("isPermaLink"), Some("true"));
            assert_eq!(guid.text, item.text_of("link"));
            assert_eq!(
                DateTime::parse_from_rfc2822(item.text_of("pubDate")).ok(),
                article.published
            );
        }
    }

    #[test]
    fn an_rss_item_has_its_excerpt_category_authors_and_body() {
        let feed = feed_of(vec![json!({
            "id": "1", "title": "Рада вирішила", "date_published": minutes_ago(10),
            "summary": "Коротко <b>про</b> головне", "tags": ["Громада"],
            "authors": [{"name": "Олена Коваль"}, {"name": "Andrii Melnyk"}],
            "content_html": "<p>Перший абзац.</p><script>alert(1)</script><p onclick=\"x()\">Другий.</p>"
        })]);
        let article = feed.articles.first().expect("an article");
        let channel = rss_channel(&site_files(&config(), &feed, now()));
        let item = channel.child("item");
        assert_eq!(article.excerpt(), "Коротко про головне");
        assert_eq!(item.text_of("description"), article.excerpt());
        assert_eq!(item.text_of("category"), "Громада");
        let authors: Vec<&str> = item.all("dc:creator").map(|a| a.text.as_str()).collect();
        assert_eq!(authors, ["Олена Коваль", "Andrii Melnyk"]);
        assert!(!item.has("author"), "RSS's author is an e-mail address");
        assert_eq!(item.text_of("dc:language"), "uk");
        assert_eq!(
            item.text_of("content:encoded"),
            "<p>Перший абзац.</p><p>Другий.</p>"
        );
    }

    #[test]
    fn a_hostile_title_round_trips_as_text() {
        let hostile = "</script><b>\"Q\" & «Ukr» — ‘Київ’ 'з' <![CDATA[x]]> &amp;amp;";
        let feed = feed_of(vec![json!({
            "id": "1", "title": hostile, "date_published": minutes_ago(10),
            "authors": [{"name": "Ім'я <admin@x> & Co"}], "tags": ["A & <B>"],
            "content_text": "Про тег <b> & «лапки»"
        })]);
        let config = SiteConfig {
            name: Some("<Вістка> & «Ко»".into()),
            ..config()
        };
        let files = site_files(&config, &feed, now());
        for name in ["rss.xml", "news-sitemap.xml"] {
            let text = &file(&files, name).text;
            assert!(!text.contains("</script>"), "{name}: {text}");
            assert!(!text.contains("<b>"), "{name}: {text}");
            assert!(!text.contains("<Вістка>"), "{name}: {text}");
        }
        let channel = rss_channel(&files);
        assert_eq!(channel.text_of("title"), "<Вістка> & «Ко»");
        let item = channel.child("item");
        // The feed's title had an entity, which feed readers show as its character.
        let shown = hostile.replace("&amp;amp;", "&amp;");
        assert_eq!(item.text_of("title"), shown);
        assert_eq!(item.text_of("dc:creator"), "Ім'я <admin@x> & Co");
        assert_eq!(item.text_of("category"), "A & <B>");
        // The description is HTML to a feed reader: the text is escaped for it.
        assert_eq!(
            item.text_of("description"),
            "Про тег &lt;b&gt; &amp; «лапки»"
        );
        assert_eq!(
            item.text_of("content:encoded"),
            "<p>Про тег &lt;b&gt; &amp; «лапки»</p>"
        );
        let news = parse(&file(&files, "news-sitemap.xml").text);
        let news_news = news.child("url").child("news:news");
        assert_eq!(news_news.text_of("news:title"), shown);
        assert_eq!(
            news_news.child("news:publication").text_of("news:name"),
            "<Вістка> & «Ко»"
        );
    }

    #[test]
    fn characters_xml_forbids_are_left_out() {
        let feed = feed_of(vec![item(
            1,
            "Рада\u{1}вирішила\u{1f} \u{fffe}сьогодні",
            &minutes_ago(5),
        )]);
        let files = site_files(&config(), &feed, now());
        for file in &files {
            assert!(
                !file.text.contains(['\u{1}', '\u{1f}', '\u{fffe}']),
                "{}",
                file.name
            );
        }
        let channel = rss_channel(&files);
        assert_eq!(
            channel.child("item").text_of("title"),
            "Радавирішила сьогодні"
        );
    }

    #[test]
    fn relative_urls_in_bodies_become_absolute() {
        let body = concat!(
            "<p><img src=\"media/x.svg\" alt=\"src=&quot;y&quot;\"> ",
            "<a href=\"article/other\">a</a> <a href=\"/elsewhere/page\">b</a> ",
            "<a href=\"https://other.example/p?a=1&amp;b=2\">c</a> ",
            "<a href=\"mailto:ed@vistka.example\">d</a> <a href=\"#note\">e</a> ",
            "<a href=\"//cdn.example/y.png\">f</a> <a href=\"HTTPS://UP.example/\">g</a> ",
            "<a href=\" media/z.svg?x=1&amp;y=2 \">h</a> ",
            "<a href=\"java\tscript:alert(1)\">i</a> ",
            "write href=\"media/kept.svg\" as text</p>",
            "<blockquote cite=\"quotes/1\"><p>q</p></blockquote>",
            "<iframe src=\"https://www.youtube.com/embed/abc123\" title=\"Відео\"></iframe>"
        );
        let feed = feed_of(vec![json!({"id": "1", "title": "Посилання",
            "date_published": minutes_ago(5), "content_html": body})]);
        let channel = rss_channel(&site_files(&config(), &feed, now()));
        let html = channel.child("item").text_of("content:encoded").to_owned();
        for expected in [
            format!("<img src=\"{ORIGIN}{BASE}media/x.svg\" alt=\"src=&quot;y&quot;\""),
            format!("href=\"{ORIGIN}{BASE}article/other\""),
            format!("href=\"{ORIGIN}/elsewhere/page\""),
            "href=\"https://other.example/p?a=1&amp;b=2\"".to_owned(),
            "href=\"mailto:ed@vistka.example\"".to_owned(),
            "href=\"#note\"".to_owned(),
            "href=\"https://cdn.example/y.png\"".to_owned(),
            "href=\"HTTPS://UP.example/\"".to_owned(),
            format!("href=\"{ORIGIN}{BASE}media/z.svg?x=1&amp;y=2\""),
            "write href=&quot;media/kept.svg&quot; as text".to_owned(),
            format!("<blockquote cite=\"{ORIGIN}{BASE}quotes/1\">"),
            "<iframe src=\"https://www.youtube-nocookie.com/embed/abc123\"".to_owned(),
        ] {
            assert!(html.contains(&expected), "{expected} in {html}");
        }
        assert!(!html.contains("script:"), "{html}");
        assert!(
            !html.contains("data-load-embed"),
            "a player, not a dead button: {html}"
        );
        // Nothing relative is left.
        for attribute in ["src=\"", "href=\"", "cite=\""] {
            for value in html.split(attribute).skip(1) {
                let value = value.split('"').next().unwrap_or_default();
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("HTTPS://")
                        || value.starts_with("mailto:")
                        || value.starts_with('#'),
                    "{attribute}{value}"
                );
            }
        }
    }

    #[test]
    fn absolute_urls_leave_everything_but_url_values_alone() {
        let site = address();
        let clean = sanitize(
            "<p title=\"a\">x=\"1\" <a href=\"a.html\" title=\"b.html\">y</a></p><img src=\"\">",
            Embeds::Load,
            None,
        );
        assert_eq!(
            absolute_urls(&clean, &site),
            clean.replace("href=\"a.html\"", &format!("href=\"{ORIGIN}{BASE}a.html\""))
        );
        assert_eq!(absolute_urls("no tags & «text»", &site), "no tags & «text»");
        assert_eq!(absolute_urls("<a href=\"x", &site), "<a href=\"x");
        assert!(has_scheme("mailto:x") && has_scheme("HTTPS://x") && has_scheme("a+b.c-d:x"));
        assert!(!has_scheme("media/a:b") && !has_scheme("1http://x") && !has_scheme("x"));
    }

    #[test]
    fn a_text_body_is_escaped_paragraphs() {
        let feed = feed_of(vec![json!({"id": "1", "title": "Текст",
            "date_published": minutes_ago(5),
            "content_text": "Перший <абзац> & «лапки»\nі <b>рядок</b>.\n\n\n  Другий.  \n\n"})]);
        let channel = rss_channel(&site_files(&config(), &feed, now()));
        assert_eq!(
            channel.child("item").text_of("content:encoded"),
            "<p>Перший &lt;абзац&gt; &amp; «лапки»\nі &lt;b&gt;рядок&lt;/b&gt;.</p><p>Другий.</p>"
        );
    }

    #[test]
    fn the_lead_image_comes_first_unless_the_body_has_it() {
        let feed = feed_of(vec![
            json!({"id": "1", "title": "З картинкою", "date_published": minutes_ago(5),
                   "image": "media/lead.jpg", "content_html": "<p>Текст</p>"}),
            json!({"id": "2", "title": "Картинка в тексті", "date_published": minutes_ago(6),
                   "image": "media/in.jpg", "content_html": "<p><img src=\"media/in.jpg\" alt=\"\"></p>"}),
            json!({"id": "3", "title": "Без тексту", "date_published": minutes_ago(7)}),
        ]);
        let channel = rss_channel(&site_files(&config(), &feed, now()));
        let bodies: Vec<Option<&str>> = channel
            .all("item")
            .map(|item| {
                item.all("content:encoded")
                    .next()
                    .map(|body| body.text.as_str())
            })
            .collect();
        let lead = bodies[0].expect("a body");
        assert!(
            lead.starts_with(&format!(
                "<figure><img src=\"{ORIGIN}{BASE}media/lead.jpg\" alt=\"\""
            )),
            "{lead}"
        );
        assert!(lead.ends_with("</figure><p>Текст</p>"), "{lead}");
        assert_eq!(bodies[1].expect("a body").matches("<img").count(), 1);
        assert_eq!(bodies[2], None, "no body, no content:encoded");
    }

    #[test]
    fn a_date_chrono_cannot_write_costs_its_element_not_the_build() {
        let mut feed = feed_of(vec![
            item(1, "Нормальна", &minutes_ago(5)),
            item(2, "Дивна", &minutes_ago(6)),
        ]);
        let far = NaiveDate::from_ymd_opt(12_000, 1, 1)
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .expect("a date");
        let odd = feed
            .articles
            .iter_mut()
            .find(|a| a.title == "Дивна")
            .expect("it");
        odd.published = Some(DateTime::from_naive_utc_and_offset(
            far,
            FixedOffset::east_opt(0).expect("UTC"),
        ));
        let odd_url = url(&article_path(&odd.slug));
        let files = site_files(&config(), &feed, now());
        let sitemap = parse(&file(&files, "sitemap.xml").text);
        let entry = sitemap
            .all("url")
            .find(|e| e.text_of("loc") == odd_url)
            .expect("listed");
        assert!(!entry.has("lastmod"));
        let channel = rss_channel(&files);
        assert!(!channel.has("lastBuildDate"));
        let items: Vec<&Node> = channel.all("item").collect();
        assert_eq!(items.len(), 2);
        assert!(!items[0].has("pubDate"), "the far one sorts first");
        assert!(items[1].has("pubDate"));
    }
}
