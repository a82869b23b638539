//! What the views and the publisher's report compute from a parsed feed, run on fuzzed feeds
//! too; and how each input is read.
use chrono::FixedOffset;
use vistka::config::SourceKind;
use vistka::dates::long_date;
use vistka::embed::Embeds;
use vistka::feed::{parse_source, Body, Feed, ReadOptions};
use vistka::feed_check::{check_feed, describe, CheckRequest};
use vistka::html::sanitize;
use vistka::i18n::Lang;
use vistka::paging::page;

/// Reads `text` as a source of `kind` as the app and `scripts/check-feed.sh` would, from one of
/// three addresses chosen by the input's length (so mutations reach all three): beside the
/// site (relative URLs stay relative), a publisher's site (they are resolved against it) and a
/// development server; each with its own offset for dates written without one.
pub fn read(text: &str, kind: SourceKind) {
    let (feed_url, hours) = match text.len() % 3 {
        0 => ("feed.json", 0),
        1 => ("https://news.example/feeds/feed.json?page=2", 2),
        _ => ("http://localhost:1313/uk/", -5),
    };
    let Some(utc_offset) = FixedOffset::east_opt(hours * 3600) else {
        return;
    };
    let request = CheckRequest {
        text,
        kind,
        options: ReadOptions {
            feed_url: feed_url.to_owned(),
            utc_offset,
        },
        name: None,
        each: text.len() % 2 == 0,
    };
    match parse_source(kind, text, &request.options) {
        Ok(feed) => {
            exercise(&feed);
            let report = describe(&feed, &request);
            assert!(report.contains("Posts shown: "), "{report}");
        }
        Err(_) => assert!(
            check_feed(&request).is_err(),
            "a refused feed is refused again"
        ),
    }
}

pub fn exercise(feed: &Feed) {
    for article in &feed.articles {
        assert!(
            !article.title.trim().is_empty(),
            "every article has a heading"
        );
        let _ = article.excerpt();
        let _ = article.reading_minutes();
        let _ = article.lead_image();
        if let Some(published) = &article.published {
            let _ = long_date(published, Lang::Uk);
            let _ = long_date(published, Lang::En);
        }
        if let Body::Html(html) = &article.body {
            let _ = sanitize(html, Embeds::Load, article.base.as_deref());
        }
        assert!(
            feed.article(&article.slug).is_some(),
            "every slug must open an article"
        );
    }
    for category in &feed.categories {
        assert!(feed.in_category(&category.slug).next().is_some());
    }
    let _ = feed.report.summary();
    let _ = page(&feed.articles, 1, 20);
}
