//! The real-world corpus, `tests/fixtures/feeds/` (where each file comes from and the quirks it
//! holds: its `SOURCES.md`): every file read through the parser the app uses, as if fetched
//! from its own address. Per file, the posts it holds are counted again here with serde_json,
//! and the goal of issue 14 is asserted: every post that has a title or content is shown.
//! `scripts/feed-corpus-report.sh` prints the measurement table this test computes.

use super::{parse_source, Feed, FeedError, ReadOptions};
use crate::config::SourceKind;
use crate::links::{is_web_address, resolve};
use chrono::{Offset, Utc};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The JSON Feeds and the posts in each.
const JSON_FEEDS: [(&str, usize); 28] = [
    ("docc-brunow-1.1-huge.json", 651),
    ("eleventy-jkc-codes-1.1.json", 3),
    ("feedextractor-adactio-naive-dates.json", 10),
    ("feedextractor-jsonfeed.org-microblog.json", 2),
    ("feedrs-jsonfeed_elastic_1.1.json", 3),
    ("feedrs-jsonfeed_example_1.json", 2),
    ("feedrs-jsonfeed_spec_1.json", 1),
    ("hugo-strad-fr-broken-dates.json", 4),
    ("hugo-tonyscookbook-uk-localhost-broken-dates.json", 2),
    ("jsonfeednet-HyperCriticalBlog.json", 35),
    ("jsonfeednet-MaybePizzaBlog.json", 10),
    ("jsonfeednet-Simple.json", 2),
    ("jsonfeednet-TheRecordPodcast.json", 11),
    ("jsonfeednet-TimeTablePodcast.json", 45),
    ("jsonfeednet-json_v1.1.json", 48),
    ("microblog-nikokultalahti.json", 52),
    ("nextjs-mcansh-content_text-nodates.json", 10),
    ("publii-nicolinuxfr-fr.json", 4),
    ("publii-prolinux-crlf.json", 5),
    ("rsparser-3960.json", 20),
    ("rsparser-DaringFireball.json", 48),
    ("rsparser-allthis.json", 12),
    ("rsparser-curt.json", 26),
    ("rsparser-inessential.json", 20),
    ("rsparser-pxlnv.json", 20),
    ("rsparser-rose.json", 84),
    ("vuepress-hope-ru-1.1.json", 100),
    ("vuepress1-blogplugin-wizardcm-nocontent.json", 2),
];

/// The WordPress REST responses (eight lists of posts, two single post objects) and the posts
/// in each.
const WORDPRESS: [(&str, usize); 10] = [
    ("click9ja-ng-10posts-jetpack.json", 10),
    ("click9ja-ng-embed-3posts-from-js.json", 3),
    ("frontity-demo.worona.org-posts-from-category-7.json", 5),
    ("frontity-frontity.test-posts.json", 3),
    ("izquierdahispanica-es-373posts-sortedkeys.json", 373),
    ("kcua-musicology-ja-simplystatic-posts.json", 1),
    ("tryghost-migrate-co-authors-post.json", 1),
    ("tryghost-migrate-single-post-html-in-title.json", 1),
    ("webaquebec2016-fr-restv2beta-posts.json", 35),
    ("wpdevelop-wp-api-generated-PostsCollection.json", 1),
];

/// JSON documents that are feeds of another format: refused as JSON Feeds.
const NEGATIVE: [&str; 2] = [
    "rsparser-ScriptingNews-rss-in-json.json",
    "tgrss-telegram-uk-not-jsonfeed.json",
];

/// Where the parser falls short of the goal today: the file, the posts it shows and why the
/// others are not. Each entry is held to its count, so a fix fails this test until its entry
/// is removed here: the table shrinks only by reaching the goal.
const SHORTFALLS: [(&str, usize, &str); 0] = [];

/// One file of the corpus, as the test reads it.
struct Case {
    /// The path under `tests/fixtures/feeds/`.
    path: String,
    kind: SourceKind,
    /// The posts the table says the file holds.
    listed: usize,
}

fn cases() -> Vec<Case> {
    let case = |folder: &str, kind, (name, listed): (&str, usize)| Case {
        path: format!("{folder}/{name}"),
        kind,
        listed,
    };
    JSON_FEEDS
        .into_iter()
        .map(|entry| case("jsonfeed", SourceKind::JsonFeed, entry))
        .chain(
            WORDPRESS
                .into_iter()
                .map(|entry| case("wordpress", SourceKind::WordPress, entry)),
        )
        .collect()
}

fn corpus_dir() -> String {
    format!("{}/tests/fixtures/feeds", env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    let path = format!("{}/{path}", corpus_dir());
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The document as serde_json reads it, past the byte-order mark one file starts with.
fn json(text: &str) -> Value {
    serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("every corpus file is JSON")
}

/// The posts in a document, as a list: a JSON Feed's `items`, a WordPress list of posts, or a
/// single WordPress post object.
fn posts(document: &Value, kind: SourceKind) -> Vec<&Value> {
    match (kind, document) {
        (SourceKind::JsonFeed, _) => document["items"]
            .as_array()
            .map(|items| items.iter().collect())
            .unwrap_or_default(),
        (SourceKind::WordPress, Value::Array(posts)) => posts.iter().collect(),
        (SourceKind::WordPress, post) => vec![post],
    }
}

/// Whether a post has a title or content (or a summary, its short form) to show: counted here
/// from the JSON, not by the parser.
fn has_title_or_content(post: &Value, kind: SourceKind) -> bool {
    let filled = |value: &Value| value.as_str().is_some_and(|text| !text.trim().is_empty());
    match kind {
        SourceKind::JsonFeed => ["title", "content_html", "content_text", "summary"]
            .iter()
            .any(|key| filled(&post[key])),
        SourceKind::WordPress => ["title", "content", "excerpt"]
            .iter()
            .any(|key| filled(&post[key]["rendered"])),
    }
}

/// A plausible address each file was fetched from: a JSON Feed's own `feed_url` (else beside its
/// `home_page_url`), a WordPress site's posts endpoint beside its first post's permalink.
fn feed_url(document: &Value, kind: SourceKind) -> String {
    let absolute = |value: &Value| {
        value
            .as_str()
            .filter(|url| is_web_address(url))
            .map(str::to_owned)
    };
    let found = match kind {
        SourceKind::JsonFeed => absolute(&document["feed_url"]).or_else(|| {
            absolute(&document["home_page_url"]).map(|home| resolve(&home, "feed.json"))
        }),
        SourceKind::WordPress => posts(document, kind)
            .first()
            .and_then(|post| absolute(&post["link"]))
            .map(|link| resolve(&link, "/wp-json/wp/v2/posts?_embed&per_page=100")),
    };
    found.unwrap_or_else(|| "https://example.org/feed.json".to_owned())
}

fn options(feed_url: String) -> ReadOptions {
    ReadOptions {
        feed_url,
        utc_offset: Utc.fix(),
    }
}

/// What reading one file gave, for the assertions and the table.
struct Measure {
    path: String,
    listed: usize,
    in_file: usize,
    goal: usize,
    outcome: Result<Feed, FeedError>,
}

fn measure(case: Case) -> Measure {
    let text = read(&case.path);
    let document = json(&text);
    let posts = posts(&document, case.kind);
    let outcome = parse_source(case.kind, &text, &options(feed_url(&document, case.kind)));
    Measure {
        in_file: posts.len(),
        goal: posts
            .iter()
            .filter(|post| has_title_or_content(post, case.kind))
            .count(),
        outcome,
        path: case.path,
        listed: case.listed,
    }
}

impl Measure {
    fn shown(&self) -> usize {
        self.outcome.as_ref().map_or(0, |feed| feed.articles.len())
    }

    /// The row of the measurement table.
    fn row(&self) -> String {
        let file = self.path.rsplit('/').next().unwrap_or(&self.path);
        let feed = match &self.outcome {
            Ok(feed) => feed,
            Err(error) => {
                return format!(
                    "| {file} | {} | 0 | – | – | – | – | refused: {error:?} |",
                    self.in_file
                )
            }
        };
        let undated = feed.articles.iter().filter(|a| a.published.is_none());
        let untitled = feed.articles.iter().filter(|a| a.untitled);
        let report = &feed.report;
        let items_repaired: BTreeSet<&str> = report
            .repaired
            .iter()
            .filter_map(|entry| entry.split_once(':').map(|(item, _)| item))
            .filter(|item| item.starts_with("item "))
            .collect();
        format!(
            "| {file} | {} | {} | {} | {} | {} | {} | {} |",
            self.in_file,
            feed.articles.len(),
            undated.count(),
            untitled.count(),
            items_repaired.len(),
            kinds(&report.repaired),
            match report.skipped.is_empty() {
                true => "0".to_owned(),
                false => format!("{}: {}", report.skipped.len(), kinds(&report.skipped)),
            },
        )
    }
}

/// Distinct notes of a report list with how often each occurs: «2 × no date …».
fn kinds(entries: &[String]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for entry in entries {
        // «item 3 (“Title”): note», «item 3: note» or «the feed: note»; the notes hold no «”».
        let note = entry
            .rsplit_once("”): ")
            .or_else(|| entry.split_once(": "))
            .map_or(entry.as_str(), |(_, note)| note);
        match counts.iter_mut().find(|(known, _)| *known == note) {
            Some((_, count)) => *count += 1,
            None => counts.push((note, 1)),
        }
    }
    let listed: Vec<String> = counts
        .into_iter()
        .map(|(note, count)| format!("{count} × {note}"))
        .collect();
    match listed.is_empty() {
        true => "–".to_owned(),
        false => listed.join("; "),
    }
}

#[test]
fn every_file_of_the_corpus_is_in_the_tables() {
    let mut on_disk = BTreeSet::new();
    for folder in ["jsonfeed", "wordpress", "negative"] {
        let dir = format!("{}/{folder}", corpus_dir());
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{dir}: {error}")) {
            let name = entry.expect("a directory entry").file_name();
            on_disk.insert(format!("{folder}/{}", name.to_string_lossy()));
        }
    }
    let listed: BTreeSet<String> = cases()
        .into_iter()
        .map(|case| case.path)
        .chain(NEGATIVE.iter().map(|name| format!("negative/{name}")))
        .collect();
    assert_eq!(on_disk, listed);
    assert_eq!(listed.len(), 40, "38 feeds and 2 negative files");
}

/// Every post with a title or content is shown, in every file; the table of the measurement is
/// printed (`scripts/feed-corpus-report.sh`, or this test with `--nocapture`).
#[test]
fn every_post_with_a_title_or_content_is_shown() {
    let mut table = String::from(
        "| file | posts in file | shown | undated | untitled | posts repaired | repairs | skipped (why) |\n\
         |---|---:|---:|---:|---:|---:|---|---|\n",
    );
    let mut failures = Vec::new();
    let mut shortfalls_seen = 0;
    for measure in cases().into_iter().map(measure) {
        let _ = writeln!(table, "{}", measure.row());
        let (path, shown) = (measure.path.as_str(), measure.shown());
        if measure.in_file != measure.listed {
            failures.push(format!(
                "{path}: {} posts in the file, the table says {}",
                measure.in_file, measure.listed
            ));
        }
        if let Ok(feed) = &measure.outcome {
            // Every post is accounted for: shown, or skipped with its reason.
            let skipped = feed.report.skipped.len();
            if shown + skipped != measure.in_file {
                failures.push(format!(
                    "{path}: {shown} shown and {skipped} skipped of {} posts",
                    measure.in_file
                ));
            }
        }
        match SHORTFALLS.iter().find(|(file, ..)| *file == path) {
            Some((_, today, why)) => {
                shortfalls_seen += 1;
                if shown == measure.goal {
                    failures.push(format!(
                        "{path}: now meets the goal ({shown} shown): remove it from SHORTFALLS"
                    ));
                } else if shown != *today {
                    failures.push(format!(
                        "{path}: {shown} shown, SHORTFALLS says {today} ({why}); goal {}",
                        measure.goal
                    ));
                }
            }
            None if shown != measure.goal => failures.push(format!(
                "{path}: {shown} of {} posts with a title or content shown ({:?})",
                measure.goal,
                measure.outcome.as_ref().map(|feed| &feed.report.skipped)
            )),
            None => {}
        }
    }
    println!("{table}");
    assert_eq!(
        shortfalls_seen,
        SHORTFALLS.len(),
        "a SHORTFALLS entry names no file"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn feeds_of_another_format_are_refused_as_an_unexpected_format() {
    for name in NEGATIVE {
        let text = read(&format!("negative/{name}"));
        let outcome = parse_source(
            SourceKind::JsonFeed,
            &text,
            &options("https://example.org/feed.json".into()),
        );
        assert!(
            matches!(outcome, Err(FeedError::Shape(_))),
            "{name}: {:?}",
            outcome.map(|feed| feed.articles.len())
        );
    }
}

#[test]
fn the_goal_counts_posts_with_a_title_or_content_only() {
    let kind = SourceKind::JsonFeed;
    assert!(has_title_or_content(
        &serde_json::json!({"title": "T"}),
        kind
    ));
    assert!(has_title_or_content(
        &serde_json::json!({"content_text": "x"}),
        kind
    ));
    assert!(!has_title_or_content(
        &serde_json::json!({"title": " ", "url": "u"}),
        kind
    ));
    let kind = SourceKind::WordPress;
    assert!(has_title_or_content(
        &serde_json::json!({"content": {"rendered": "<p>x</p>"}}),
        kind
    ));
    assert!(!has_title_or_content(
        &serde_json::json!({"title": {"rendered": ""}}),
        kind
    ));
}
