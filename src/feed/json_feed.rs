//! JSON Feed 1.0 and 1.1 (<https://www.jsonfeed.org/version/1.1/>), read as liberally as the
//! best feed readers do: an item is shown if it has an id (or a `url` to stand for one) and
//! anything to show (content, a title or a summary); an item without a title gets one from its
//! text, one without a readable date is shown undated. What had to be repaired is reported
//! ([`super::FeedReport`]); what cannot be shown is skipped with its reason, never allowed to take the
//! whole feed down. Unknown and `_`-prefixed fields are ignored.

use super::{
    read_json, untitled_heading, usable_articles, Article, Attachment, Body, Category, Feed,
    FeedError, ItemNotes, ReadOptions,
};
use crate::dates::{parse_feed_date, DateForm};
use crate::html::{collapse_whitespace, decode_entities, html_document_body, to_text};
use crate::i18n::Lang;
use crate::links::{is_web_address, resolve};
use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

/// Parses a JSON Feed document read from `options.feed_url`.
pub fn parse_json_feed(text: &str, options: &ReadOptions) -> Result<Feed, FeedError> {
    let mut feed_repairs = Vec::new();
    let document = read_json(text, &mut feed_repairs)?;
    let Value::Object(mut feed) = document else {
        return Err(FeedError::Shape("a JSON object at the top level".into()));
    };
    feed_repairs.extend(check_version(&feed)?);
    let Some(Value::Array(items)) = feed.get_mut("items").map(Value::take) else {
        return Err(FeedError::Shape("an \"items\" array".into()));
    };
    let language = take_string(&mut feed, "language");
    let home_page_url = take_string(&mut feed, "home_page_url");
    // Relative addresses in the feed are relative to the publisher's site, else to the feed.
    let base = home_page_url
        .as_deref()
        .filter(|url| is_web_address(url))
        .unwrap_or(&options.feed_url)
        .to_owned();
    let context = ItemContext {
        feed_language: language.as_deref(),
        base: &base,
        utc_offset: options.utc_offset,
    };
    let (articles, mut report) = usable_articles(items, |item, notes| match item {
        Value::Object(item) => parse_item(item, &context, notes),
        _ => Err("not a JSON object"),
    })?;
    report.repaired.splice(0..0, feed_repairs);
    Ok(Feed {
        title: take_string(&mut feed, "title")
            .map(|title| plain_text(&title))
            .unwrap_or_default(),
        description: take_string(&mut feed, "description")
            .map(|text| to_text(&text))
            .filter(|text| !text.is_empty()),
        home_page_url,
        lang: language.as_deref().and_then(Lang::from_tag),
        articles,
        categories: Vec::new(),
        report,
        next_url: take_string(&mut feed, "next_url").filter(|url| crate::html::is_safe_url(url)),
    }
    .finished())
}

/// A `version` names JSON Feed (`https://jsonfeed.org/version/1.1`); `http://` is repaired,
/// a missing one accepted, any other refused: a document that says it is another format (RSS
/// converted to JSON, a Telegram export with `"version": "1.0"`) is not read as a feed.
fn check_version(feed: &Map<String, Value>) -> Result<Option<String>, FeedError> {
    let Some(version) = feed.get("version").and_then(Value::as_str) else {
        return Ok(None);
    };
    let version = version.trim();
    if version.starts_with("https://jsonfeed.org/version/") {
        return Ok(None);
    }
    if version.starts_with("http://jsonfeed.org/version/") {
        return Ok(Some(
            "the feed: version written with http://, read as JSON Feed".to_owned(),
        ));
    }
    Err(FeedError::Shape(format!(
        "a JSON Feed (\"version\": \"https://jsonfeed.org/version/1.1\"), not version {version}"
    )))
}

/// What every item of a feed is read with.
struct ItemContext<'a> {
    feed_language: Option<&'a str>,
    /// The address relative URLs are resolved against when the item gives none of its own.
    base: &'a str,
    utc_offset: FixedOffset,
}

/// Reads one item, taking its strings out of the parsed document rather than copying them:
/// a large feed is megabytes of article text.
fn parse_item(
    mut item: Map<String, Value>,
    context: &ItemContext,
    notes: &mut ItemNotes,
) -> Result<Article, &'static str> {
    let url = take_string(&mut item, "url").map(|url| resolve(context.base, &url));
    let id = match item.get_mut("id").map(Value::take) {
        Some(Value::String(id)) if !id.trim().is_empty() => trimmed(id),
        // JSON Feed 1.0 publishers sometimes wrote numeric ids; the spec says to coerce them.
        Some(Value::Number(id)) => id.to_string(),
        _ => {
            notes.repaired.push("no id: its url stands for one");
            url.clone().ok_or("no id and no url")?
        }
    };
    // The item's own address is the base of its content's relative URLs.
    let base = url
        .as_deref()
        .filter(|url| is_web_address(url))
        .unwrap_or(context.base)
        .to_owned();
    let title = take_string(&mut item, "title").map(|title| plain_text(&title));
    let summary = take_string(&mut item, "summary");
    let body = body(&mut item, notes, summary.as_deref());
    let (published, modified) = dates(&item, context.utc_offset, notes);
    let (title, untitled) = match title.filter(|title| !title.is_empty()) {
        Some(title) => (title, false),
        None => (
            heading_from(&body, summary.as_deref()).ok_or("no title, text or summary")?,
            true,
        ),
    };
    let language =
        take_string(&mut item, "language").or_else(|| context.feed_language.map(str::to_owned));
    let image = take_string(&mut item, "image")
        .or_else(|| take_string(&mut item, "banner_image"))
        .map(|image| resolve(&base, &image));
    Ok(Article {
        id,
        slug: String::new(),
        readable_slug: String::new(),
        url,
        title,
        untitled,
        body,
        summary,
        image,
        published,
        modified,
        authors: authors(&mut item, notes),
        category: first_tag(&item, notes),
        lang: language.as_deref().and_then(Lang::from_tag),
        language,
        attachments: attachments(&mut item, &base),
        base: is_web_address(&base).then_some(base),
    })
}

/// `content_html`, else `content_text`, else the summary as text. A `content_html` that is a
/// whole HTML document (some generators write one per item) gives its body only: nothing of
/// its head (title, scripts, styles) belongs in the article.
fn body(item: &mut Map<String, Value>, notes: &mut ItemNotes, summary: Option<&str>) -> Body {
    if let Some(html) = take_string(item, "content_html") {
        return match html_document_body(&html) {
            Some(inner) => {
                notes
                    .repaired
                    .push("content_html is a whole HTML document: its body is shown");
                Body::Html(inner.to_owned())
            }
            None => Body::Html(html),
        };
    }
    if let Some(text) = take_string(item, "content_text") {
        if !text.contains('\r') {
            return Body::Text(text);
        }
        notes
            .repaired
            .push("CRLF line ends in content_text, read as paragraphs");
        return Body::Text(text.replace("\r\n", "\n"));
    }
    match summary {
        Some(summary) => {
            notes
                .repaired
                .push("no content: its summary is shown as the text");
            Body::Text(to_text(summary))
        }
        None => Body::Empty,
    }
}

/// The heading of an item without a title: its text's first sentence, else its summary's.
fn heading_from(body: &Body, summary: Option<&str>) -> Option<String> {
    let text = match body {
        Body::Html(html) => to_text(html),
        Body::Text(text) => collapse_whitespace(text),
        Body::Empty => String::new(),
    };
    untitled_heading(&text).or_else(|| untitled_heading(&to_text(summary?)))
}

/// The item's dates: `date_published`, else `date_modified`; a missing or impossible one
/// leaves the item undated rather than unshown.
fn dates(
    item: &Map<String, Value>,
    zone: FixedOffset,
    notes: &mut ItemNotes,
) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
    let (mut dated, mut unreadable) = (false, false);
    let mut read = |key: &str| {
        let text = item.get(key)?.as_str()?;
        dated = true;
        let Some((date, form)) = parse_feed_date(text, zone) else {
            unreadable = true;
            return None;
        };
        match form {
            DateForm::Standard => {}
            DateForm::Repaired => notes.repaired.push("a date not in RFC 3339 form, read"),
            DateForm::Zoneless => notes.repaired.push(
                "a date without a time zone, read in the publisher's (publication.utc_offset)",
            ),
        }
        Some(date)
    };
    let published = read("date_published");
    let modified = read("date_modified");
    let warning = match (dated, unreadable, published.or(modified)) {
        (false, _, _) => Some("no date: shown undated, after the dated items"),
        (true, true, None) => Some("a date that is no date: shown undated"),
        (true, true, Some(_)) => Some("one of its dates is no date: the other is read"),
        (true, false, _) => None,
    };
    notes.warnings.extend(warning);
    (published.or(modified), modified)
}

/// Feed titles are plain text, but many generators write HTML entities into them
/// (`&amp;`, `&#8211;`), and feed readers show the character.
fn plain_text(title: &str) -> String {
    collapse_whitespace(&decode_entities(title))
}

/// A non-empty string field, taken out of `object` (leaving `null`); any other type counts as
/// absent. Taken with `get_mut` rather than `remove`: the map's removal code costs 8 KB of wasm.
fn take_string(object: &mut Map<String, Value>, key: &str) -> Option<String> {
    match object.get_mut(key)?.take() {
        Value::String(text) if !text.trim().is_empty() => Some(trimmed(text)),
        _ => None,
    }
}

/// `text` without surrounding whitespace, copied only when there is some.
fn trimmed(text: String) -> String {
    match text.trim() {
        inner if inner.len() == text.len() => text,
        inner => inner.to_owned(),
    }
}

/// 1.1 `authors` (a list), else 1.0 `author` (one object); names only.
fn authors(item: &mut Map<String, Value>, notes: &mut ItemNotes) -> Vec<String> {
    let mut field = |key| item.get_mut(key).map(Value::take);
    let list = match (field("authors"), field("author")) {
        (Some(Value::Array(list)), Some(_)) => {
            notes
                .repaired
                .push("both `authors` and 1.0's `author`: `authors` read");
            list
        }
        (Some(Value::Array(list)), None) => list,
        (_, Some(author)) => vec![author],
        _ => Vec::new(),
    };
    list.into_iter()
        .filter_map(|author| match author {
            Value::Object(mut author) => take_string(&mut author, "name"),
            _ => None,
        })
        .collect()
}

/// The first tag is the item's category. `tags` should be a list; a comma-separated string
/// (`"workflow,omnifocus"`) is read as one.
fn first_tag(item: &Map<String, Value>, notes: &mut ItemNotes) -> Option<Category> {
    match item.get("tags")? {
        Value::Array(tags) => tags.iter().find_map(|tag| Category::new(tag.as_str()?)),
        Value::String(tags) => {
            notes
                .repaired
                .push("tags as one comma-separated string, split");
            tags.split(',').find_map(Category::new)
        }
        _ => None,
    }
}

/// Files the item carries, each with an address and a type; their URLs resolved as the
/// item's links are.
fn attachments(item: &mut Map<String, Value>, base: &str) -> Vec<Attachment> {
    let Some(Value::Array(list)) = item.get_mut("attachments").map(Value::take) else {
        return Vec::new();
    };
    list.into_iter()
        .filter_map(|attachment| {
            let Value::Object(mut attachment) = attachment else {
                return None;
            };
            let number = |key: &str| {
                attachment
                    .get(key)
                    .and_then(Value::as_f64)
                    .filter(|n| *n >= 0.0)
                    .map(|n| n as u64)
            };
            let (size_in_bytes, duration_in_seconds) =
                (number("size_in_bytes"), number("duration_in_seconds"));
            Some(Attachment {
                url: resolve(base, &take_string(&mut attachment, "url")?),
                mime_type: take_string(&mut attachment, "mime_type")?,
                title: take_string(&mut attachment, "title"),
                size_in_bytes,
                duration_in_seconds,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Body;
    use serde_json::json;
    use std::collections::HashSet;

    fn parse(text: &str) -> Result<Feed, FeedError> {
        parse_json_feed(text, &crate::feed::test_options())
    }

    fn feed(items: Value) -> Result<Feed, FeedError> {
        parse(
            &json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Вістка",
                "home_page_url": "https://vistka.example/",
                "language": "uk",
                "items": items
            })
            .to_string(),
        )
    }

    fn item(id: &str, title: &str, date: &str) -> Value {
        json!({ "id": id, "title": title, "date_published": date, "content_html": "<p>Текст</p>" })
    }

    #[test]
    fn reads_a_full_item() {
        let feed = feed(json!([{
            "id": "1",
            "url": "https://vistka.example/rada-vyrishyla/",
            "title": "Рада вирішила",
            "content_html": "<p>Тіло</p>",
            "content_text": "Тіло",
            "summary": "Коротко",
            "image": "/media/rada.svg",
            "date_published": "2024-11-23T10:00:00+02:00",
            "date_modified": "2024-11-23T12:00:00+02:00",
            "authors": [{ "name": "Олена Коваль" }, { "url": "no-name" }],
            "tags": ["Громада", "Бюджет"],
            "language": "uk-UA",
            "_vistka": { "ignored": true },
            "unknown_field": 5
        }]))
        .expect("valid feed");
        assert_eq!(feed.title, "Вістка");
        assert_eq!(
            feed.home_page_url.as_deref(),
            Some("https://vistka.example/")
        );
        assert_eq!(feed.lang, Some(Lang::Uk));
        assert_eq!(feed.report.skipped.len(), 0);
        let article = &feed.articles[0];
        assert_eq!(article.slug, "rada-vyrishyla");
        assert_eq!(article.body, Body::Html("<p>Тіло</p>".into()));
        assert_eq!(article.summary.as_deref(), Some("Коротко"));
        assert_eq!(
            article.image.as_deref(),
            Some("https://vistka.example/media/rada.svg"),
            "relative to the publisher's site"
        );
        assert_eq!(article.authors, ["Олена Коваль"]);
        assert_eq!(
            article.category.as_ref().map(|c| c.slug.as_str()),
            Some("hromada")
        );
        assert_eq!(article.language.as_deref(), Some("uk-UA"));
        assert_eq!(article.lang, Some(Lang::Uk));
        assert!(article.modified.is_some());
    }

    #[test]
    fn accepts_json_feed_1_0_author_and_numeric_ids() {
        let feed = parse(
            &json!({
                "version": "https://jsonfeed.org/version/1",
                "title": "Old",
                "items": [{
                    "id": 42,
                    "title": "Hello",
                    "content_text": "Plain text body",
                    "date_published": "2020-01-02T03:04:05Z",
                    "author": { "name": "Ann" }
                }]
            })
            .to_string(),
        )
        .expect("valid 1.0 feed");
        let article = &feed.articles[0];
        assert_eq!(article.id, "42");
        assert_eq!(article.authors, ["Ann"]);
        assert_eq!(article.body, Body::Text("Plain text body".into()));
        assert_eq!(feed.lang, None);
        assert_eq!(
            article.lang, None,
            "no language anywhere: it follows the reader's"
        );
    }

    #[test]
    fn items_come_newest_first_whatever_the_offsets() {
        let feed = feed(json!([
            item("a", "Старе", "2024-11-22T23:00:00+00:00"),
            item("b", "Нове", "2024-11-23T00:30:00+02:00"),
            item("c", "Найновіше", "2024-11-23T10:00:00+02:00"),
        ]))
        .expect("valid feed");
        // b is 2024-11-22T22:30Z: older than a.
        let ids: Vec<_> = feed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn skips_and_counts_items_that_cannot_be_shown() {
        let feed = feed(json!([
            item("ok", "Добре", "2024-11-23T10:00:00+02:00"),
            { "title": "Без id", "date_published": "2024-11-23T10:00:00+02:00" },
            { "id": "no-title", "date_published": "2024-11-23T10:00:00+02:00" },
            { "id": "no-date", "title": "Без дати" },
            item("bad-date", "Погана дата", "23.11.2024"),
            item("ok", "Повтор id", "2024-11-24T10:00:00+02:00"),
            { "id": ["wrong"], "title": "Id масивом", "date_published": "2024-11-23T10:00:00+02:00" },
            { "id": "t", "title": 5, "date_published": "2024-11-23T10:00:00+02:00" },
            "not an object",
            null
        ]))
        .expect("the good items are enough");
        let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Добре", "Без дати", "Погана дата"],
            "undated after dated"
        );
        assert_eq!(feed.articles[2].published, None);
        let skipped = &feed.report.skipped;
        assert_eq!(skipped.len(), 7, "{skipped:?}");
        assert!(
            skipped[0].starts_with("item 2: no id and no url"),
            "{skipped:?}"
        );
        assert!(
            skipped[1].starts_with("item 3: no title, text or summary"),
            "{skipped:?}"
        );
        assert!(skipped[2].contains("repeats the id"), "{skipped:?}");
        assert_eq!(feed.report.warnings.len(), 2, "{:?}", feed.report.warnings);
    }

    #[test]
    fn wrong_types_in_optional_fields_count_as_absent() {
        let feed = feed(json!([{
            "id": "x", "title": "Т", "date_published": "2024-11-23T10:00:00+02:00",
            "image": 5, "summary": ["no"], "tags": 5, "authors": { "name": "not a list" },
            "content_html": null, "language": 7
        }]))
        .expect("valid feed");
        let article = &feed.articles[0];
        assert_eq!(article.image, None);
        assert_eq!(article.summary, None);
        assert_eq!(article.category, None);
        assert!(article.authors.is_empty());
        assert_eq!(article.body, Body::Empty);
        assert_eq!(
            article.language.as_deref(),
            Some("uk"),
            "falls back to the feed's language"
        );
    }

    #[test]
    fn falls_back_to_date_modified() {
        let feed = feed(
            json!([{ "id": "x", "title": "Т", "date_modified": "2024-11-23T10:00:00+02:00" }]),
        )
        .expect("valid feed");
        assert_eq!(feed.articles.len(), 1);
    }

    #[test]
    fn reports_what_is_wrong_with_the_document() {
        assert!(matches!(parse("{not json"), Err(FeedError::Json(_))));
        assert!(matches!(parse(""), Err(FeedError::Json(_))));
        assert!(matches!(parse("[1,2]"), Err(FeedError::Shape(_))));
        assert!(matches!(parse("{\"items\": {}}"), Err(FeedError::Shape(_))));
        assert!(matches!(
            parse("{\"title\": \"x\"}"),
            Err(FeedError::Shape(_))
        ));
        assert_eq!(feed(json!([{ "title": "no id" }])), Err(FeedError::Empty));
    }

    #[test]
    fn an_empty_items_list_is_a_valid_empty_feed() {
        let feed = feed(json!([])).expect("valid feed");
        assert!(feed.articles.is_empty());
    }

    #[test]
    fn slugs_are_unique_readable_and_stable() {
        let items = json!([
            item("1", "Рада схвалила бюджет", "2024-11-23T10:00:00+02:00"),
            item("2", "Рада схвалила бюджет", "2024-11-22T10:00:00+02:00"),
            item("3", "Футбол", "2024-11-21T10:00:00+02:00"),
            item("4", "!!!", "2024-11-20T10:00:00+02:00"),
        ]);
        let first = feed(items.clone()).expect("valid feed");
        let slugs: Vec<_> = first.articles.iter().map(|a| a.slug.clone()).collect();
        assert_eq!(slugs[2], "futbol");
        assert!(
            slugs[0].starts_with("rada-skhvalyla-biudzhet-"),
            "{slugs:?}"
        );
        assert!(
            slugs[1].starts_with("rada-skhvalyla-biudzhet-"),
            "{slugs:?}"
        );
        assert_ne!(slugs[0], slugs[1]);
        assert_eq!(
            slugs[3].len(),
            6,
            "a title without letters still gets a slug"
        );
        let unique: HashSet<_> = slugs.iter().collect();
        assert_eq!(unique.len(), slugs.len());

        // The same items in another order, with another item added, keep their slugs.
        let mut reordered = items.as_array().cloned().unwrap_or_default();
        reordered.reverse();
        reordered.push(item("5", "Нове", "2024-11-24T10:00:00+02:00"));
        let second = feed(Value::Array(reordered)).expect("valid feed");
        for article in &first.articles {
            let again = second
                .articles
                .iter()
                .find(|a| a.id == article.id)
                .map(|a| &a.slug);
            assert_eq!(again, Some(&article.slug));
        }
    }

    #[test]
    fn links_keep_working_when_a_later_item_shares_the_readable_slug() {
        let before =
            feed(json!([item("1", "Футбол", "2024-11-21T10:00:00+02:00")])).expect("valid");
        let link = before.articles[0].slug.clone();
        assert_eq!(link, "futbol");
        let after = feed(json!([
            item("1", "Футбол", "2024-11-21T10:00:00+02:00"),
            item("2", "Футбол", "2024-11-20T10:00:00+02:00"),
        ]))
        .expect("valid");
        assert_eq!(
            after.article(&link).map(|a| a.id.as_str()),
            Some("1"),
            "the newest of the two"
        );
        // A link made during the collision still finds its item once the collision is gone.
        let during = after
            .articles
            .iter()
            .find(|a| a.id == "2")
            .map(|a| a.slug.clone())
            .unwrap_or_default();
        let later = feed(json!([item("2", "Футбол", "2024-11-20T10:00:00+02:00")])).expect("valid");
        assert_eq!(later.article(&during).map(|a| a.id.as_str()), Some("2"));
        assert_eq!(later.article("no-such-slug"), None);
    }

    #[test]
    fn pages_of_a_paged_feed_join_up() {
        let first = parse(
            &json!({"next_url": "https://news.example/feed-2.json", "items": [item("a", "А", "2024-11-23T10:00:00+02:00"), item("b", "Б", "2024-11-22T10:00:00+02:00")]})
                .to_string(),
        )
        .expect("valid");
        assert_eq!(
            first.next_url.as_deref(),
            Some("https://news.example/feed-2.json")
        );
        let second = parse(
            &json!({"items": [item("b", "Б повтор", "2024-11-22T10:00:00+02:00"), item("c", "В", "2024-11-21T10:00:00+02:00")]}).to_string(),
        )
        .expect("valid");
        let joined = first.followed_by(second);
        let ids: Vec<_> = joined.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(joined.report.skipped.len(), 1);
        assert_eq!(joined.next_url, None);
        let hostile = parse(r#"{"next_url": "javascript:alert(1)", "items": []}"#).expect("valid");
        assert_eq!(hostile.next_url, None);
    }

    #[test]
    fn categories_used_equally_keep_the_order_of_the_newest_use() {
        let items = ["Альфа", "Бета", "Бета", "Альфа", "Гама"]
            .iter()
            .enumerate()
            .map(|(n, tag)| {
                let mut entry = item(
                    &n.to_string(),
                    &format!("Допис {n}"),
                    &format!("2024-11-{:02}T10:00:00+02:00", 10 + n),
                );
                entry["tags"] = json!([tag]);
                entry
            })
            .collect();
        let feed = feed(Value::Array(items)).expect("valid feed");
        let names: Vec<_> = feed.categories.iter().map(|c| c.name.as_str()).collect();
        // Newest first the tags run Гама, Альфа, Бета, Бета, Альфа.
        assert_eq!(names, ["Альфа", "Бета", "Гама"]);
    }

    #[test]
    fn categories_come_from_the_first_tag_most_used_first() {
        let mut items = Vec::new();
        for (n, tag) in ["Культура", "Спорт", "Спорт", "Наука", "Спорт", "Культура"]
            .iter()
            .enumerate()
        {
            let mut entry = item(
                &n.to_string(),
                &format!("Допис {n}"),
                &format!("2024-11-{:02}T10:00:00+02:00", 10 + n),
            );
            entry["tags"] = json!([tag, "інше"]);
            items.push(entry);
        }
        let feed = feed(Value::Array(items)).expect("valid feed");
        let names: Vec<_> = feed.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Спорт", "Культура", "Наука"]);
        assert_eq!(feed.in_category("sport").count(), 3);
        assert_eq!(
            feed.category("kultura").map(|c| c.name.as_str()),
            Some("Культура")
        );
    }

    #[test]
    fn excerpts_prefer_the_summary_then_cut_the_text() {
        let long_body = format!("<p>{}</p>", "слово ".repeat(100));
        let feed = feed(json!([
            { "id": "s", "title": "З резюме", "summary": "Резюме", "content_html": long_body, "date_published": "2024-11-23T10:00:00+02:00" },
            { "id": "h", "title": "Без резюме", "content_html": long_body, "date_published": "2024-11-22T10:00:00+02:00" },
            { "id": "t", "title": "Текст", "content_text": "Короткий текст", "date_published": "2024-11-21T10:00:00+02:00" },
        ]))
        .expect("valid feed");
        assert_eq!(feed.articles[0].excerpt(), "Резюме");
        let cut = feed.articles[1].excerpt();
        assert!(cut.ends_with("слово…"), "{cut}");
        assert!(cut.chars().count() <= crate::feed::EXCERPT_LEN + 1);
        assert_eq!(feed.articles[2].excerpt(), "Короткий текст");
    }

    #[test]
    fn fresh_posts_leave_out_the_open_article() {
        let items: Vec<_> = (0..8)
            .map(|n| {
                item(
                    &n.to_string(),
                    &format!("Допис {n}"),
                    &format!("2024-11-{:02}T10:00:00+02:00", 10 + n),
                )
            })
            .collect();
        let feed = feed(Value::Array(items)).expect("valid feed");
        let newest = feed.articles[0].slug.clone();
        let rail: Vec<_> = feed
            .fresh_posts(&newest, 5)
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(rail, ["6", "5", "4", "3", "2"]);
    }

    #[test]
    fn what_publishers_really_write_is_repaired_and_counted() {
        let text = format!(
            "\u{feff}{}",
            json!({
                "version": "http://jsonfeed.org/version/1",
                "home_page_url": "https://blog.example/",
                "items": [
                    {"url": "/posts/one/", "content_text": "Перший абзац.\r\n\r\nДругий.",
                     "date_published": "2018-01-06T08:00", "tags": "Громада, Бюджет",
                     "author": {"name": "Олена"}, "authors": [{"name": "Олена Коваль"}], "image": "/img/one.jpg"},
                    {"id": 7, "title": "AT&amp;T &#8211; news", "content_html":
                        "<!DOCTYPE html><html><head><title>Leak</title><script>x()</script></head><body class=\"x\"><p>Тіло <img src=\"pic.png\"></p></body></html>",
                     "url": "https://blog.example/2024/seven/", "date_published": "Fri, 31 May 2019 12:17:58 -0700"}
                ]
            })
        );
        let feed = parse_json_feed(&text, &crate::feed::test_options()).expect("repaired");
        let [one, seven] = [&feed.articles[1], &feed.articles[0]];
        assert_eq!(
            one.id, "https://blog.example/posts/one/",
            "the url stands for the id"
        );
        assert_eq!(one.url.as_deref(), Some("https://blog.example/posts/one/"));
        assert_eq!(
            one.image.as_deref(),
            Some("https://blog.example/img/one.jpg")
        );
        assert_eq!(one.body, Body::Text("Перший абзац.\n\nДругий.".into()));
        assert!(one.untitled);
        assert_eq!(one.title, "Перший абзац.");
        assert_eq!(one.authors, ["Олена Коваль"]);
        assert_eq!(
            one.category.as_ref().map(|c| c.name.as_str()),
            Some("Громада")
        );
        assert_eq!(
            one.published.map(|date| date.to_rfc3339()).as_deref(),
            Some("2018-01-06T08:00:00+00:00"),
            "a zoneless date in the publisher's offset (UTC in the tests)"
        );
        assert_eq!(seven.id, "7");
        assert_eq!(seven.title, "AT&T – news");
        assert_eq!(
            seven.body,
            Body::Html("<p>Тіло <img src=\"pic.png\"></p>".into())
        );
        assert_eq!(
            seven.base.as_deref(),
            Some("https://blog.example/2024/seven/")
        );
        assert_eq!(
            seven.published.map(|date| date.to_rfc3339()).as_deref(),
            Some("2019-05-31T12:17:58-07:00")
        );
        let repaired = feed.report.repaired.join("\n");
        for repair in [
            "byte-order mark",
            "http://",
            "its url stands for one",
            "tags as one comma-separated string",
            "both `authors` and 1.0's `author`",
            "CRLF",
            "without a time zone",
            "whole HTML document",
            "not in RFC 3339 form",
        ] {
            assert!(repaired.contains(repair), "{repair} in {repaired}");
        }
        assert!(feed.report.skipped.is_empty());
    }

    #[test]
    fn a_document_that_names_another_format_is_refused() {
        for version in ["1.0", "https://example.com/rss"] {
            let text = json!({"version": version, "items": [{"id": "1", "title": "T"}]});
            assert!(
                matches!(parse(&text.to_string()), Err(FeedError::Shape(_))),
                "{version}"
            );
        }
        let no_version = json!({"items": [{"id": "1", "title": "T"}]});
        assert!(
            parse(&no_version.to_string()).is_ok(),
            "a missing version is forgiven"
        );
    }

    #[test]
    fn an_item_in_no_stated_language_follows_the_reader() {
        let feed = parse(&json!({"items": [{"id": "1", "title": "T"}]}).to_string()).expect("ok");
        let article = &feed.articles[0];
        assert_eq!(article.lang, None);
        assert_eq!(article.lang_in(Lang::En), Lang::En);
        assert_eq!(article.lang_in(Lang::Uk), Lang::Uk);
    }
}
