//! The publisher's report on a feed (`scripts/check-feed.sh`, `src/bin/check_feed.rs`): what
//! Vistka will show of it, read by the same parser the app and the prerenderer use. The posts
//! shown, each repair and each skip with its reason (the parser's [`FeedReport`]), and the
//! warnings: the parser's (undated posts, dates that are no dates) and what is checked here on
//! the articles as shown (relative URLs left, addresses on localhost).

use crate::config::SourceKind;
use crate::embed::Embeds;
use crate::feed::{parse_source, truncate_at_word, Article, Body, Feed, FeedError, ReadOptions};
use crate::html::sanitize;
use crate::i18n::Lang;
use crate::links::{has_scheme, is_web_address};
use std::collections::HashSet;
use std::fmt::Write;

/// What to check and how to read it.
pub struct CheckRequest<'a> {
    pub text: &'a str,
    pub kind: SourceKind,
    pub options: ReadOptions,
    /// The configured `publication.name`, which names a feed without a title.
    pub name: Option<&'a str>,
    /// List every entry of the report on a line of its own, rather than grouped by what was done.
    pub each: bool,
}

/// Posts named in a group of [`relative`] or [`localhost`] warnings before «and N more».
const NAMED_POSTS: usize = 5;

/// The report, or why Vistka refuses the feed (the message the reader would see, with the
/// parser's detail).
pub fn check_feed(request: &CheckRequest) -> Result<String, String> {
    let feed = parse_source(request.kind, request.text, &request.options)
        .map_err(|error| refusal(&error, request))?;
    Ok(describe(&feed, request))
}

/// The reader's message for a refused feed, the parser's detail and, where the text reads as
/// the other kind of source, a hint to read it as that.
fn refusal(error: &FeedError, request: &CheckRequest) -> String {
    let strings = Lang::En.strings();
    let mut message = match error {
        FeedError::Json(detail) => format!("{} ({detail})", strings.error_json),
        FeedError::Shape(expected) => format!("{}: expected {expected}.", strings.error_shape),
        FeedError::Empty => format!(
            "{} Not one post could be read: each needs an id, and a title or some text.",
            strings.error_empty
        ),
        FeedError::Network(detail) => format!("{} ({detail})", strings.error_network),
        FeedError::Timeout => strings.error_timeout.to_owned(),
        FeedError::Http(status) => format!("{} ({status}).", strings.error_http),
    };
    let (other, flag) = match request.kind {
        SourceKind::JsonFeed => (SourceKind::WordPress, "with --wordpress"),
        SourceKind::WordPress => (SourceKind::JsonFeed, "without --wordpress"),
    };
    // A JSON Feed read as WordPress reads as one post object without an id: no usable posts.
    if matches!(error, FeedError::Shape(_) | FeedError::Empty)
        && parse_source(other, request.text, &request.options).is_ok()
    {
        let _ = write!(
            message,
            " It reads as the other kind of source: check it {flag}."
        );
    }
    message
}

/// The report on a feed read from `request`.
pub fn describe(feed: &Feed, request: &CheckRequest) -> String {
    let mut out = String::new();
    let articles = &feed.articles;
    let kind = match request.kind {
        SourceKind::JsonFeed => "JSON Feed",
        SourceKind::WordPress => "WordPress posts",
    };
    let title = request
        .name
        .or((!feed.title.is_empty()).then_some(feed.title.as_str()));
    let _ = match title {
        Some(title) => writeln!(out, "{kind} “{title}”"),
        None => writeln!(
            out,
            "{kind} without a title (publication.name in config.json names it)"
        ),
    };
    let feed_url = &request.options.feed_url;
    let _ = match is_web_address(feed_url) {
        true => writeln!(out, "read as fetched from {feed_url}"),
        false => writeln!(
            out,
            "read as the site's own {feed_url}, beside index.html (give the feed's address with --feed-url if it lives elsewhere)"
        ),
    };
    let report = &feed.report;
    let count = |test: fn(&Article) -> bool| articles.iter().filter(|a| test(a)).count();
    let _ = writeln!(
        out,
        "\nPosts shown: {} of {} ({} dated, {} undated, {} untitled: headed by the start of their text)",
        articles.len(),
        articles.len() + report.skipped.len(),
        count(|a| a.published.is_some()),
        count(|a| a.published.is_none()),
        count(|a| a.untitled),
    );
    section(&mut out, "Repaired", &report.repaired, request.each);
    section(&mut out, "Skipped", &report.skipped, request.each);
    let shown: Vec<Shown> = articles
        .iter()
        .map(|article| (article, shown_urls(article)))
        .collect();
    let checks = [relative(&shown, feed_url), localhost(&shown, feed_url)];
    let found: usize = checks.iter().map(|check| check.posts.len()).sum();
    heading(&mut out, "Warnings", report.warnings.len() + found);
    entries(&mut out, &report.warnings, request.each);
    for check in checks.iter().filter(|check| !check.posts.is_empty()) {
        check.write(&mut out, request.each);
    }
    let console = report.summary();
    let _ = writeln!(
        out,
        "\nBrowser console: {}",
        console.as_deref().unwrap_or("nothing (no repair, no skip)")
    );
    out
}

/// A list of the report under its heading: grouped by what was done, each group naming its
/// items by number, or (`each`) every entry on its own line.
fn section(out: &mut String, name: &str, list: &[String], each: bool) {
    heading(out, name, list.len());
    entries(out, list, each);
}

/// «Skipped: none», «Skipped: 3».
fn heading(out: &mut String, name: &str, count: usize) {
    let _ = match count {
        0 => writeln!(out, "{name}: none"),
        count => writeln!(out, "{name}: {count}"),
    };
}

fn entries(out: &mut String, entries: &[String], each: bool) {
    if each {
        for entry in entries {
            let _ = writeln!(out, "  - {entry}");
        }
        return;
    }
    for (note, items) in grouped(entries) {
        let _ = match items.len() {
            0 => writeln!(out, "  - {note}"),
            count => writeln!(out, "  - {count} × {note}: {}", item_ranges(&items)),
        };
    }
}

/// The entries grouped by their note, in order of first appearance, with the item numbers of
/// each: «item 3 (“Title”): note» and «item 3: note» are item 3's; any other entry (the feed's
/// own, «the feed: …») stands alone.
fn grouped(entries: &[String]) -> Vec<(&str, Vec<usize>)> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for entry in entries {
        let Some((number, note)) = item_entry(entry) else {
            groups.push((entry.as_str(), Vec::new()));
            continue;
        };
        match groups
            .iter_mut()
            .find(|(known, items)| *known == note && !items.is_empty())
        {
            Some((_, items)) => items.push(number),
            None => groups.push((note, vec![number])),
        }
    }
    groups
}

/// The item number and the note of an entry about one item.
fn item_entry(entry: &str) -> Option<(usize, &str)> {
    let rest = entry.strip_prefix("item ")?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    let number = rest.get(..digits)?.parse().ok()?;
    let after = rest.get(digits..)?;
    // The notes are the parser's own words, which hold no «”»; a title may hold anything.
    let note = match after.strip_prefix(": ") {
        Some(note) => note,
        None => after.rsplit_once("”): ")?.1,
    };
    Some((number, note))
}

/// «item 4», «items 1–3, 7, 9–12».
fn item_ranges(items: &[usize]) -> String {
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for number in sorted {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == number => *end = number,
            _ => ranges.push((number, number)),
        }
    }
    let listed: Vec<String> = ranges
        .iter()
        .map(|&(start, end)| match start == end {
            true => start.to_string(),
            false => format!("{start}–{end}"),
        })
        .collect();
    let word = match listed.as_slice() {
        [one] if !one.contains('–') => "item",
        _ => "items",
    };
    format!("{word} {}", listed.join(", "))
}

/// One warning checked here, and the posts it concerns with the addresses that raised it.
struct Check {
    what: String,
    posts: Vec<(String, Vec<String>)>,
}

impl Check {
    fn write(&self, out: &mut String, each: bool) {
        let _ = writeln!(out, "  - {} with {}:", posts(self.posts.len()), self.what);
        let named = match each {
            true => self.posts.len(),
            false => NAMED_POSTS,
        };
        for (title, urls) in self.posts.iter().take(named) {
            let more = match urls.len() {
                0 | 1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            let first = urls.first().map(String::as_str).unwrap_or_default();
            let _ = writeln!(out, "      “{title}”: {first}{more}");
        }
        if self.posts.len() > named {
            let _ = writeln!(
                out,
                "      and {} more (--each names every one)",
                self.posts.len() - named
            );
        }
    }
}

/// «1 post», «3 posts».
fn posts(count: usize) -> String {
    match count {
        1 => "1 post".to_owned(),
        count => format!("{count} posts"),
    }
}

/// Posts whose addresses, as shown, are still relative: the browser resolves them against the
/// news site. Right for a feed served beside the site; for one fetched from elsewhere, each is
/// a picture or link that points at the wrong host.
fn relative(shown: &[Shown], feed_url: &str) -> Check {
    let what = match is_web_address(feed_url) {
        true => "relative URLs left, which the browser resolves against the news site, not the publisher's",
        false => "relative URLs, read as the news site's own (if they are the publisher's, check the feed by its address)",
    };
    let is_relative = |url: &str| {
        let url = url.trim();
        !url.is_empty() && !has_scheme(url) && !url.starts_with("//") && !url.starts_with('#')
    };
    Check {
        what: what.to_owned(),
        posts: flagged(shown, is_relative),
    }
}

/// Posts with addresses on the publisher's own machine (`http://localhost:1313/…`): a feed
/// generated with a development address, which no reader can open. Not checked for a feed
/// fetched from such an address: that is a publisher trying out their own machine.
fn localhost(shown: &[Shown], feed_url: &str) -> Check {
    Check {
        what: "addresses on localhost (the feed was generated with a development address)"
            .to_owned(),
        posts: match on_localhost(feed_url) {
            true => Vec::new(),
            false => flagged(shown, on_localhost),
        },
    }
}

/// Whether `url` is an absolute address on this machine: `localhost`, `127.*`, `0.0.0.0`, `::1`.
fn on_localhost(url: &str) -> bool {
    let Some((_, rest)) = url.trim().split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let name = match host.strip_prefix('[') {
        Some(ipv6) => ipv6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    }
    .to_ascii_lowercase();
    name == "localhost" || name.starts_with("127.") || name == "0.0.0.0" || name == "::1"
}

/// An article and the addresses it is shown with.
type Shown<'a> = (&'a Article, Vec<String>);

/// Each post with an address that `test` flags, and those addresses, each once.
fn flagged(shown: &[Shown], test: impl Fn(&str) -> bool) -> Vec<(String, Vec<String>)> {
    shown
        .iter()
        .filter_map(|(article, urls)| {
            let mut seen = HashSet::new();
            let flagged: Vec<String> = urls
                .iter()
                .filter(|url| test(url) && seen.insert(url.as_str()))
                .cloned()
                .collect();
            let title = truncate_at_word(&article.title, 50);
            (!flagged.is_empty()).then_some((title, flagged))
        })
        .collect()
}

/// The addresses an article is shown with: its own url, image and attachments, and the links
/// and pictures of its content as the sanitiser writes them.
fn shown_urls(article: &Article) -> Vec<String> {
    let mut urls: Vec<String> = article
        .url
        .iter()
        .chain(&article.image)
        .cloned()
        .chain(article.attachments.iter().map(|file| file.url.clone()))
        .collect();
    if let Body::Html(html) = &article.body {
        let clean = sanitize(html, Embeds::Load, article.base.as_deref());
        urls.extend(attribute_urls(&clean));
    }
    urls
}

/// The URLs in the sanitiser's output: every `href`, `src`, `cite` and `srcset` candidate.
/// The sanitiser writes each value in double quotes and escapes `"` in text and values, so a
/// ` src="` is always an attribute.
fn attribute_urls(clean: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attribute in [" href=\"", " src=\"", " cite=\"", " srcset=\""] {
        let mut rest = clean;
        while let Some(at) = rest.find(attribute) {
            let value_start = at + attribute.len();
            let value = rest.get(value_start..).unwrap_or_default();
            let value_end = value.find('"').unwrap_or(value.len());
            let raw = value
                .get(..value_end)
                .unwrap_or_default()
                .replace("&amp;", "&");
            match attribute {
                " srcset=\"" => urls.extend(
                    raw.split(',')
                        .filter_map(|candidate| candidate.split_whitespace().next())
                        .map(str::to_owned),
                ),
                _ => urls.push(raw),
            }
            rest = value.get(value_end..).unwrap_or_default();
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Offset, Utc};
    use serde_json::json;

    fn check(text: &str, kind: SourceKind, feed_url: &str) -> Result<String, String> {
        check_feed(&CheckRequest {
            text,
            kind,
            options: ReadOptions {
                feed_url: feed_url.into(),
                utc_offset: Utc.fix(),
            },
            name: None,
            each: false,
        })
    }

    fn json_feed(items: serde_json::Value) -> String {
        json!({"version": "https://jsonfeed.org/version/1.1", "title": "Вістка", "items": items})
            .to_string()
    }

    #[test]
    fn reports_posts_repairs_skips_and_warnings() {
        let feed = json_feed(json!([
            {"id": "1", "title": "Перший", "date_published": "2024-11-23 10:00", "content_html": "<p>a</p>"},
            {"id": "2", "title": "Другий", "date_published": "2024-11-22 10:00", "content_html": "<p>b</p>"},
            {"id": "3", "content_text": "Без назви. Текст."},
            {"id": "4"},
            {"title": "no id"},
        ]));
        let report = check(
            &feed,
            SourceKind::JsonFeed,
            "https://news.example/feed.json",
        )
        .expect("a usable feed");
        assert!(
            report.starts_with(
                "JSON Feed “Вістка”\nread as fetched from https://news.example/feed.json\n"
            ),
            "{report}"
        );
        assert!(
            report.contains("Posts shown: 3 of 5 (2 dated, 1 undated, 1 untitled"),
            "{report}"
        );
        assert!(report.contains("Repaired: 2\n  - 2 × a date without a time zone, read in the publisher's (publication.utc_offset): items 1–2\n"), "{report}");
        assert!(report.contains("Skipped: 2\n  - 1 × no title, text or summary: item 4\n  - 1 × no id and no url: item 5\n"), "{report}");
        assert!(
            report.contains(
                "Warnings: 1\n  - 1 × no date: shown undated, after the dated items: item 3\n"
            ),
            "{report}"
        );
        assert!(
            report.contains("Browser console: 2 feed item repair(s), 2 item(s) skipped"),
            "{report}"
        );
    }

    #[test]
    fn lists_each_entry_on_request() {
        let feed = json_feed(json!([{"id": "1", "title": "Т", "content_text": "x"}]));
        let report = check_feed(&CheckRequest {
            text: &feed,
            kind: SourceKind::JsonFeed,
            options: crate::feed::test_options(),
            name: Some("Назва з config.json"),
            each: true,
        })
        .expect("a usable feed");
        assert!(
            report.starts_with("JSON Feed “Назва з config.json”\nread as the site's own feed.json"),
            "{report}"
        );
        assert!(
            report.contains(
                "Warnings: 1\n  - item 1 (“Т”): no date: shown undated, after the dated items\n"
            ),
            "{report}"
        );
        assert!(
            report.contains("Repaired: none\nSkipped: none\n"),
            "{report}"
        );
        assert!(report.contains("Browser console: nothing"), "{report}");
    }

    #[test]
    fn refusals_say_what_the_reader_would_see_and_why() {
        let refused = |text: &str, kind| check(text, kind, "https://news.example/feed.json");
        let not_json = refused("<rss>", SourceKind::JsonFeed).expect_err("not JSON");
        assert!(
            not_json.starts_with("The news feed is damaged: it is not valid JSON. ("),
            "{not_json}"
        );
        let other = refused(r#"{"version": "1.0", "items": []}"#, SourceKind::JsonFeed)
            .expect_err("another format");
        assert!(
            other.starts_with("The news feed has an unexpected format: expected a JSON Feed"),
            "{other}"
        );
        let empty = refused(
            &json_feed(json!([{"title": "no id"}])),
            SourceKind::JsonFeed,
        )
        .expect_err("nothing usable");
        assert!(
            empty.starts_with("The feed holds no usable posts."),
            "{empty}"
        );
        let posts = json!([{"id": 1, "title": {"rendered": "T"}}]).to_string();
        let wrong_kind = refused(&posts, SourceKind::JsonFeed).expect_err("an array");
        assert!(
            wrong_kind.ends_with("check it with --wordpress."),
            "{wrong_kind}"
        );
        let feed = json_feed(json!([{"id": "1", "title": "T"}]));
        let wrong_kind = refused(&feed, SourceKind::WordPress).expect_err("an object");
        assert!(
            wrong_kind.ends_with("check it without --wordpress."),
            "{wrong_kind}"
        );
    }

    #[test]
    fn warns_of_addresses_on_localhost_and_leaves_no_relative_url() {
        let posts = json!([
            {"id": 1, "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": "Relative"},
             "link": "https://blog.example/relative/",
             "content": {"rendered": "<p><img src=\"/a.jpg\" srcset=\"/a-small.jpg 1x, https://cdn.example/a2.jpg 2x\"><a href=\"#note\">1</a><a href=\"https://ok.example/?a=1&amp;b=2\">ok</a></p>"}},
            {"id": 2, "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": "Local"},
             "link": "http://localhost:1313/local/", "content": {"rendered": "<p>x</p>"}},
            {"id": 3, "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": "Fine"},
             "link": "https://blog.example/fine/", "content": {"rendered": "<p><a href=\"//cdn.example/x\">x</a></p>"}},
        ])
        .to_string();
        let report = check(
            &posts,
            SourceKind::WordPress,
            "https://blog.example/wp-json/wp/v2/posts",
        )
        .expect("usable");
        // The parser resolves the relative ones against each post's link: none is left.
        assert!(report.contains("Warnings: 1\n"), "{report}");
        assert!(!report.contains("relative URLs left"), "{report}");
        assert!(report.contains("  - 1 post with addresses on localhost (the feed was generated with a development address):\n      “Local”: http://localhost:1313/local/\n"), "{report}");
        assert!(!report.contains("Fine"), "{report}");
    }

    #[test]
    fn a_feed_fetched_from_its_address_has_no_relative_urls_left() {
        let feed = json!({"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "items": [{"id": "1", "title": "P", "date_published": "2024-11-23T10:00:00Z",
                       "url": "/p/", "image": "/i.jpg", "content_html": "<img src=\"../x.png\">"}]})
        .to_string();
        let report = check(
            &feed,
            SourceKind::JsonFeed,
            "https://blog.example/feeds/feed.json",
        )
        .expect("usable");
        assert!(report.contains("Warnings: none"), "{report}");
        let beside = check(&feed, SourceKind::JsonFeed, "feed.json").expect("usable");
        assert!(
            beside.contains("1 post with relative URLs, read as the news site's own"),
            "{beside}"
        );
        assert!(beside.contains("“P”: /p/ and 2 more"), "{beside}");
    }

    #[test]
    fn item_numbers_are_written_as_ranges() {
        assert_eq!(item_ranges(&[4]), "item 4");
        assert_eq!(item_ranges(&[4, 4]), "item 4");
        assert_eq!(item_ranges(&[4, 5]), "items 4–5");
        assert_eq!(item_ranges(&[9, 1, 2, 3, 7, 10, 11]), "items 1–3, 7, 9–11");
        assert_eq!(
            item_entry("item 12 (“A title”): with”): inside”): the note"),
            Some((12, "the note"))
        );
        assert_eq!(
            item_entry("item 3: no id and no url"),
            Some((3, "no id and no url"))
        );
        assert_eq!(item_entry("the feed: a byte-order mark"), None);
    }

    #[test]
    fn localhost_is_this_machine() {
        assert!(on_localhost("http://localhost:1313/uk/posts/"));
        assert!(on_localhost("HTTP://LocalHost/"));
        assert!(on_localhost("http://127.0.0.1:8080/a"));
        assert!(on_localhost("http://user@[::1]:80/"));
        assert!(!on_localhost("https://localhost.example/"));
        assert!(!on_localhost("/localhost/"));
        let posts = json!([{"id": 1, "title": {"rendered": "Local"}, "link": "http://localhost:1313/local/"}])
            .to_string();
        let on_the_dev_server = check(
            &posts,
            SourceKind::WordPress,
            "http://localhost:1313/wp-json/wp/v2/posts",
        )
        .expect("usable");
        assert!(
            !on_the_dev_server.contains("addresses on localhost"),
            "{on_the_dev_server}"
        );
    }
}
