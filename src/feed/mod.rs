//! The feed as the views see it: articles newest first, each with a slug and a category.
//! Sources (JSON Feed, WordPress) are parsed into this model in their own modules.

#[cfg(test)]
mod corpus_tests;
mod json_feed;
mod wordpress;

pub use json_feed::parse_json_feed;
pub use wordpress::{
    parse_wordpress, parse_wordpress_index, with_site, wordpress_index_request,
    wordpress_index_url, wordpress_next_page, wordpress_slug_url, WordPressSite,
};

use crate::config::SourceKind;
use crate::html;
use crate::i18n::Lang;
use crate::slug::{percent_decode, short_hash, slugify};
#[cfg(test)]
use chrono::Offset;
use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

/// Parses one page of a source of `kind`. The app, the build's prerenderer and
/// `scripts/check-feed.sh` read feeds through this one door.
pub fn parse_source(
    kind: SourceKind,
    text: &str,
    options: &ReadOptions,
) -> Result<Feed, FeedError> {
    match kind {
        SourceKind::JsonFeed => parse_json_feed(text, options),
        SourceKind::WordPress => parse_wordpress(text, options),
    }
}

/// What reading a feed needs besides its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOptions {
    /// The feed's own address, as it was fetched: the last base of its relative URLs. A
    /// relative one (`feed.json` beside the site) keeps them relative to the site.
    pub feed_url: String,
    /// The publisher's offset, for dates written without one.
    pub utc_offset: FixedOffset,
}

/// A publication and its articles, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    pub title: String,
    /// What the publication is about, in its own words (JSON Feed's `description`, a WordPress
    /// site's tagline from its REST API index).
    pub description: Option<String>,
    pub home_page_url: Option<String>,
    /// The feed's language, where it names one Vistka speaks.
    pub lang: Option<Lang>,
    pub articles: Vec<Article>,
    /// Categories by number of articles, most used first.
    pub categories: Vec<Category>,
    /// What reading the feed repaired and left out, for the publisher.
    pub report: FeedReport,
    /// The next page of a paged JSON Feed.
    pub next_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    /// The article's URL segment: `readable_slug`, or that with a hash of the id where two
    /// articles would share it.
    pub slug: String,
    /// From the permalink or the title; empty if neither has letters or digits.
    pub readable_slug: String,
    pub url: Option<String>,
    /// The headline: the item's title, or for an item without one (a micro-post) the start
    /// of its text; see [`untitled_heading`].
    pub title: String,
    /// The item has no title of its own: its card leads with its text.
    pub untitled: bool,
    pub body: Body,
    pub summary: Option<String>,
    pub image: Option<String>,
    /// `None` for an item without a readable date: shown without a date line, after the dated
    /// ones, in feed order.
    pub published: Option<DateTime<FixedOffset>>,
    pub modified: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    pub category: Option<Category>,
    /// The item's own language tag (or the feed's), for its `lang` attribute.
    pub language: Option<String>,
    /// The language its dates and labels are written in, where the item or its feed names
    /// one Vistka speaks; else they follow the reader's UI language ([`Article::lang_in`]).
    pub lang: Option<Lang>,
    /// The absolute address the relative URLs in its content are resolved against: its own
    /// `url`, else the publisher's site or the feed's; `None` for a feed served beside the
    /// site, whose relative URLs are the site's.
    pub base: Option<String>,
    /// Audio, video and other files the item carries (podcast episodes).
    pub attachments: Vec<Attachment>,
}

/// A file an item carries: JSON Feed's `attachments`.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub url: String,
    /// `audio/mpeg`, `video/mp4`…
    pub mime_type: String,
    pub title: Option<String>,
    pub size_in_bytes: Option<u64>,
    pub duration_in_seconds: Option<u64>,
}

/// What reading a feed repaired, left out and would have the publisher know: each entry names
/// the item (its position and title) and what was done. Shown by `scripts/check-feed.sh`;
/// the browser console gets [`FeedReport::summary`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeedReport {
    pub repaired: Vec<String>,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
}

impl FeedReport {
    /// One line for the console, when anything was repaired or left out.
    pub fn summary(&self) -> Option<String> {
        let (repaired, skipped) = (self.repaired.len(), self.skipped.len());
        (repaired + skipped > 0).then(|| {
            format!("{repaired} feed item repair(s), {skipped} item(s) skipped: scripts/check-feed.sh lists them")
        })
    }

    fn extend(&mut self, other: FeedReport) {
        self.repaired.extend(other.repaired);
        self.skipped.extend(other.skipped);
        self.warnings.extend(other.warnings);
    }
}

/// An article's text as the feed gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Html(String),
    Text(String),
    Empty,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Category {
    pub name: String,
    pub slug: String,
}

impl Category {
    pub fn new(name: &str) -> Option<Category> {
        let name = html::collapse_whitespace(name);
        let slug = slugify(&name);
        (!slug.is_empty()).then_some(Category { name, slug })
    }
}

/// Why a feed could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedError {
    /// The request did not reach the server or was cut off.
    Network(String),
    /// No answer within the configured time.
    Timeout,
    /// The server answered with this HTTP status.
    Http(u16),
    /// The body is not JSON.
    Json(String),
    /// JSON, but not a feed: what was expected.
    Shape(String),
    /// A feed with no item that could be shown.
    Empty,
}

/// Length of a listing excerpt in characters, before the ellipsis.
pub const EXCERPT_LEN: usize = 220;

/// Words read in a minute, for the reading-time label: a common figure for adult readers
/// of running text in either language.
pub const WORDS_PER_MINUTE: usize = 200;

impl Article {
    /// The language its dates and labels are written in for a reader of the UI in `ui`.
    pub fn lang_in(&self, ui: Lang) -> Lang {
        self.lang.unwrap_or(ui)
    }

    /// Minutes it takes to read the body, rounded up; at least one.
    pub fn reading_minutes(&self) -> u64 {
        let words = match &self.body {
            Body::Html(body) => html::to_text(body).split_whitespace().count(),
            Body::Text(body) => body.split_whitespace().count(),
            Body::Empty => 0,
        };
        words.div_ceil(WORDS_PER_MINUTE).max(1) as u64
    }

    /// The picture shown above the article: the feed's `image`, unless the body already
    /// opens with it.
    pub fn lead_image(&self) -> Option<&str> {
        let image = self.image.as_deref()?;
        let in_body = matches!(&self.body, Body::Html(html) if html.contains(image));
        (!in_body).then_some(image)
    }

    /// The listing's excerpt: the item's summary, else the start of its text cut at a word.
    pub fn excerpt(&self) -> String {
        if let Some(summary) = self.summary.as_deref().map(html::to_text) {
            if !summary.is_empty() {
                return summary;
            }
        }
        truncate_at_word(&self.body_text(), EXCERPT_LEN)
    }

    /// The body as plain text on one line.
    pub fn body_text(&self) -> String {
        match &self.body {
            Body::Html(body) => html::to_text(body),
            Body::Text(body) => html::collapse_whitespace(body),
            Body::Empty => String::new(),
        }
    }
}

/// A plain-text body's paragraphs: its blocks between blank lines.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
}

/// Cuts text to at most `max` characters at a word boundary and adds «…» when anything was cut.
pub fn truncate_at_word(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_owned();
    };
    let head = text.get(..cut).unwrap_or(text);
    // If the cut fell between two words, keep the whole of the last one.
    let next_is_space = text
        .get(cut..)
        .is_some_and(|rest| rest.starts_with(char::is_whitespace));
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if !next_is_space && space > 0 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    let head = head
        .trim_end()
        .trim_end_matches([',', ';', ':', '—', '–', '-', '.']);
    format!("{head}…")
}

/// Gives every article a slug: readable (the publisher's permalink, else the title) and
/// unique (where two would collide, both get a short hash of their id). A link made before or
/// during a collision keeps working: see [`Feed::article`].
fn assign_slugs(articles: &mut [Article]) {
    for article in articles.iter_mut() {
        article.readable_slug = readable_slug(article);
    }
    let mut uses: HashMap<String, usize> = HashMap::new();
    for article in articles.iter() {
        *uses.entry(article.readable_slug.clone()).or_default() += 1;
    }
    for article in articles.iter_mut() {
        let unique =
            !article.readable_slug.is_empty() && uses.get(&article.readable_slug) == Some(&1);
        article.slug = match unique {
            true => article.readable_slug.clone(),
            false => suffixed_slug(article),
        };
    }
}

fn suffixed_slug(article: &Article) -> String {
    match article.readable_slug.as_str() {
        "" => short_hash(&article.id),
        readable => format!("{readable}-{}", short_hash(&article.id)),
    }
}

fn readable_slug(article: &Article) -> String {
    let from_permalink = article
        .url
        .as_deref()
        .and_then(permalink_slug)
        .filter(|slug| slug.bytes().any(|b| b.is_ascii_alphabetic()));
    from_permalink.unwrap_or_else(|| slugify(&article.title))
}

/// The last path segment of a permalink, as a slug: `…/2024/11/rada-vyrishyla/` → `rada-vyrishyla`.
fn permalink_slug(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    let segment = segment.rsplit_once('.').map_or(segment, |(stem, _)| stem);
    Some(slugify(&percent_decode(segment))).filter(|slug| !slug.is_empty())
}

/// A feed's text as JSON. A byte-order mark is no JSON, but editors on Windows write one: it
/// is passed over and noted in `repairs`.
fn read_json(text: &str, repairs: &mut Vec<String>) -> Result<Value, FeedError> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(text) => {
            repairs.push("the feed: a byte-order mark before the JSON, ignored".to_owned());
            text
        }
        None => text,
    };
    serde_json::from_str(text).map_err(|error| FeedError::Json(error.to_string()))
}

/// What a parser noted about one item while reading it: what it repaired and what the
/// publisher should know.
#[derive(Default)]
struct ItemNotes {
    repaired: Vec<&'static str>,
    warnings: Vec<&'static str>,
}

/// Keeps the items a parser could read, the first of each id; the rest are reported as
/// skipped, each with its reason. A list in which no item could be read is
/// [`FeedError::Empty`]; an empty list is an empty feed.
fn usable_articles(
    items: Vec<Value>,
    mut read: impl FnMut(Value, &mut ItemNotes) -> Result<Article, &'static str>,
) -> Result<(Vec<Article>, FeedReport), FeedError> {
    let total = items.len();
    let mut seen_ids = HashSet::new();
    let mut report = FeedReport::default();
    let mut articles = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let mut notes = ItemNotes::default();
        match read(item, &mut notes) {
            Ok(article) if seen_ids.insert(article.id.clone()) => {
                let name = item_name(index, &article.title);
                let named = |list: Vec<&str>| {
                    list.into_iter()
                        .map(|note| format!("{name}: {note}"))
                        .collect::<Vec<_>>()
                };
                report.repaired.extend(named(notes.repaired));
                report.warnings.extend(named(notes.warnings));
                articles.push(article);
            }
            Ok(article) => {
                let name = item_name(index, &article.title);
                report
                    .skipped
                    .push(format!("{name}: repeats the id of an earlier item"));
            }
            Err(reason) => report.skipped.push(format!("item {}: {reason}", index + 1)),
        }
    }
    if articles.is_empty() && total > 0 {
        return Err(FeedError::Empty);
    }
    Ok((articles, report))
}

/// An item as the report names it: «item 3 (“Title”)», the title cut short.
fn item_name(index: usize, title: &str) -> String {
    format!("item {} (“{}”)", index + 1, truncate_at_word(title, 50))
}

/// The longest heading made from an untitled item's text, before «…».
const UNTITLED_HEADING_LEN: usize = 80;

/// The heading of an item without a title: the first sentence of its text, cut at a word
/// within [`UNTITLED_HEADING_LEN`] characters with «…»; `None` for an item without text.
pub fn untitled_heading(text: &str) -> Option<String> {
    let text = text.trim();
    let sentence_end = text
        .char_indices()
        .find(|&(at, c)| {
            matches!(c, '.' | '!' | '?' | '…')
                && text
                    .get(at + c.len_utf8()..)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        })
        .map_or(text.len(), |(at, c)| at + c.len_utf8());
    let sentence = text.get(..sentence_end).unwrap_or(text);
    let heading = truncate_at_word(sentence, UNTITLED_HEADING_LEN);
    (!heading.is_empty()).then_some(heading)
}

fn count_categories(articles: &[Article]) -> Vec<Category> {
    let mut counts: Vec<(Category, usize)> = Vec::new();
    for category in articles.iter().filter_map(|a| a.category.as_ref()) {
        match counts
            .iter_mut()
            .find(|(known, _)| known.slug == category.slug)
        {
            Some((_, count)) => *count += 1,
            None => counts.push((category.clone(), 1)),
        }
    }
    // Most used first; equal counts keep the order of first appearance (the newest first).
    // An insertion sort: a feed has a few dozen categories at most, and a second use of the
    // standard sort would add a second copy of it (7 KB) to the wasm.
    let mut ordered: Vec<(Category, usize)> = Vec::with_capacity(counts.len());
    for entry in counts {
        let at = ordered
            .iter()
            .position(|(_, count)| *count < entry.1)
            .unwrap_or(ordered.len());
        ordered.insert(at, entry);
    }
    ordered.into_iter().map(|(category, _)| category).collect()
}

impl Feed {
    /// Orders articles newest first, assigns slugs and collects categories.
    fn finished(mut self) -> Feed {
        self.articles
            .sort_by_key(|article| Reverse(article.published));
        assign_slugs(&mut self.articles);
        self.categories = count_categories(&self.articles);
        self
    }

    /// This feed with the items of its next page added; repeated ids keep the first.
    pub fn followed_by(self, next: Feed) -> Feed {
        let next_url = next.next_url.clone();
        self.merged(next, next_url)
    }

    /// This feed with some articles found elsewhere (a lookup by slug) added; its paging
    /// stays as it was.
    pub fn including(self, found: Feed) -> Feed {
        let next_url = self.next_url.clone();
        self.merged(found, next_url)
    }

    fn merged(self, other: Feed, next_url: Option<String>) -> Feed {
        let mut seen: HashSet<String> = self
            .articles
            .iter()
            .map(|article| article.id.clone())
            .collect();
        let mut articles = self.articles;
        let mut report = self.report;
        report.extend(other.report);
        for article in other.articles {
            if seen.insert(article.id.clone()) {
                articles.push(article);
            } else {
                let title = truncate_at_word(&article.title, 50);
                report.skipped.push(format!(
                    "“{title}”: repeats the id of an item on an earlier page"
                ));
            }
        }
        Feed {
            articles,
            report,
            next_url,
            ..self
        }
        .finished()
    }

    /// The article a URL names: by its slug; else, for a link made before two articles
    /// shared a readable slug, the newest of them; else, for a link made while they did, the
    /// one whose id it carries.
    pub fn article(&self, slug: &str) -> Option<&Article> {
        let articles = &self.articles;
        articles
            .iter()
            .find(|article| article.slug == slug)
            .or_else(|| {
                articles
                    .iter()
                    .find(|article| article.readable_slug == slug)
            })
            .or_else(|| {
                articles
                    .iter()
                    .find(|article| suffixed_slug(article) == slug)
            })
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories
            .iter()
            .find(|category| category.slug == slug)
    }

    pub fn in_category<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a Article> + 'a {
        self.articles
            .iter()
            .filter(move |article| article.category.as_ref().is_some_and(|c| c.slug == slug))
    }

    /// The newest articles other than `slug`, for the «Свіжі дописи» rail.
    pub fn fresh_posts<'a>(
        &'a self,
        slug: &'a str,
        count: usize,
    ) -> impl Iterator<Item = &'a Article> + 'a {
        self.articles
            .iter()
            .filter(move |article| article.slug != slug)
            .take(count)
    }
}

/// How the tests read feeds: served beside the site, dates without a zone in UTC.
#[cfg(test)]
pub fn test_options() -> ReadOptions {
    ReadOptions {
        feed_url: "feed.json".into(),
        utc_offset: chrono::Utc.fix(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untitled_item_is_headed_by_its_first_sentence() {
        assert_eq!(
            untitled_heading("Сьогодні відкрили міст. Завтра — ярмарок.").as_deref(),
            Some("Сьогодні відкрили міст.")
        );
        assert_eq!(
            untitled_heading("Just a note").as_deref(),
            Some("Just a note")
        );
        assert_eq!(
            untitled_heading("v1.2 is out! Get it.").as_deref(),
            Some("v1.2 is out!")
        );
        let long = "Слово ".repeat(30);
        let heading = untitled_heading(&long).expect("a heading");
        assert!(
            heading.chars().count() <= UNTITLED_HEADING_LEN + 1,
            "{heading}"
        );
        assert!(heading.ends_with("Слово…"), "{heading}");
        assert_eq!(untitled_heading("   "), None);
    }

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(truncate_at_word("Коротко.", 20), "Коротко.");
    }

    #[test]
    fn long_text_is_cut_at_a_word_with_an_ellipsis() {
        let text = "Перше друге третє четверте";
        assert_eq!(truncate_at_word(text, 15), "Перше друге…");
        assert_eq!(truncate_at_word(text, 11), "Перше друге…");
        assert_eq!(truncate_at_word("Так, ні, можливо", 6), "Так…");
    }

    #[test]
    fn one_long_word_is_cut_inside() {
        assert_eq!(truncate_at_word("Надзвичайно", 5), "Надзв…");
    }

    #[test]
    fn permalink_slugs() {
        assert_eq!(
            permalink_slug("https://example.com/2024/11/rada-vyrishyla/").as_deref(),
            Some("rada-vyrishyla")
        );
        assert_eq!(
            permalink_slug("https://example.com/news/post.html?ref=x").as_deref(),
            Some("post")
        );
        assert_eq!(
            permalink_slug("https://example.com/%d0%ba%d0%b8%d1%97%d0%b2/").as_deref(),
            Some("kyiv")
        );
        assert_eq!(permalink_slug("https://example.com/").as_deref(), None);
        assert_eq!(permalink_slug("https://example.com").as_deref(), None);
        assert_eq!(
            permalink_slug("/relative/path-here").as_deref(),
            Some("path-here")
        );
    }

    fn article_with(body: &str) -> Article {
        let feed = format!(
            r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
                {{"id": "1", "title": "A", "date_published": "2024-11-23T10:00:00+02:00", {body}}}
            ]}}"#
        );
        let feed = parse_json_feed(&feed, &crate::feed::test_options()).expect("a valid feed");
        feed.articles.into_iter().next().expect("one article")
    }

    #[test]
    fn reading_time_counts_words_and_rounds_up() {
        let words = |n: usize| vec!["слово"; n].join(" ");
        for (n, minutes) in [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5), (1001, 6)] {
            let text = article_with(&format!(r#""content_text": "{}""#, words(n)));
            assert_eq!(text.reading_minutes(), minutes, "{n} words of text");
            let html = article_with(&format!(
                r#""content_html": "<p>{}</p><p>{}</p>""#,
                words(n / 2),
                words(n - n / 2)
            ));
            assert_eq!(html.reading_minutes(), minutes, "{n} words of HTML");
        }
    }

    #[test]
    fn reading_time_skips_markup_and_scripts() {
        let article = article_with(
            r#""content_html": "<p>два слова</p><script>var not, words, that, a, reader, sees;</script><img src='x.png' alt=''>""#,
        );
        assert_eq!(article.reading_minutes(), 1);
    }
}
