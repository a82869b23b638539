//! JSON Feed 1.0 and 1.1 (<https://www.jsonfeed.org/version/1.1/>), read leniently: an item
//! that cannot be shown (no id, no title, no valid date, a repeated id) is skipped and counted,
//! never allowed to take the whole feed down. Unknown and `_`-prefixed fields are ignored.

use super::{usable_articles, Article, Body, Category, Feed, FeedError};
use crate::html::collapse_whitespace;
use crate::i18n::Lang;
use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

/// Parses a JSON Feed document. Items in no stated language (neither theirs nor the feed's)
/// are taken to be in `fallback`, the site's default language.
pub fn parse_json_feed(text: &str, fallback: Lang) -> Result<Feed, FeedError> {
    let document: Value =
        serde_json::from_str(text).map_err(|error| FeedError::Json(error.to_string()))?;
    let Value::Object(mut feed) = document else {
        return Err(FeedError::Shape("a JSON object at the top level".into()));
    };
    let Some(Value::Array(items)) = feed.get_mut("items").map(Value::take) else {
        return Err(FeedError::Shape("an \"items\" array".into()));
    };
    let language = take_string(&mut feed, "language");
    let feed_lang = language.as_deref().and_then(Lang::from_tag);

    let (articles, skipped) = usable_articles(items, |item| match item {
        Value::Object(item) => parse_item(item, language.as_deref(), fallback),
        _ => None,
    })?;
    Ok(Feed {
        title: take_string(&mut feed, "title").unwrap_or_default(),
        description: take_string(&mut feed, "description")
            .map(|text| crate::html::to_text(&text))
            .filter(|text| !text.is_empty()),
        home_page_url: take_string(&mut feed, "home_page_url"),
        lang: feed_lang,
        articles,
        categories: Vec::new(),
        skipped,
        next_url: take_string(&mut feed, "next_url").filter(|url| crate::html::is_safe_url(url)),
    }
    .finished())
}

/// Reads one item, taking its strings out of the parsed document rather than copying them:
/// a large feed is megabytes of article text.
fn parse_item(
    mut item: Map<String, Value>,
    feed_language: Option<&str>,
    fallback: Lang,
) -> Option<Article> {
    let id = match item.get_mut("id")?.take() {
        Value::String(id) if !id.trim().is_empty() => trimmed(id),
        // JSON Feed 1.0 publishers sometimes wrote numeric ids; the spec says to coerce them.
        Value::Number(id) => id.to_string(),
        _ => return None,
    };
    let title = take_string(&mut item, "title")
        .map(|title| collapse_whitespace(&title))
        .filter(|t| !t.is_empty())?;
    let modified = date(&item, "date_modified");
    let published = date(&item, "date_published").or(modified)?;
    let language = take_string(&mut item, "language").or_else(|| feed_language.map(str::to_owned));
    let lang = language
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or(fallback);
    let body = match take_string(&mut item, "content_html") {
        Some(html) => Body::Html(html),
        None => take_string(&mut item, "content_text").map_or(Body::Empty, Body::Text),
    };
    let image = take_string(&mut item, "image").or_else(|| take_string(&mut item, "banner_image"));
    Some(Article {
        id,
        slug: String::new(),
        readable_slug: String::new(),
        url: take_string(&mut item, "url"),
        title,
        body,
        summary: take_string(&mut item, "summary"),
        image,
        published,
        modified,
        authors: authors(&mut item),
        category: first_tag(&item),
        language,
        lang,
    })
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

fn date(object: &Map<String, Value>, key: &str) -> Option<DateTime<FixedOffset>> {
    let text = object.get(key)?.as_str()?;
    DateTime::parse_from_rfc3339(text.trim()).ok()
}

/// 1.1 `authors` (a list), else 1.0 `author` (one object); names only.
fn authors(item: &mut Map<String, Value>) -> Vec<String> {
    let mut field = |key| item.get_mut(key).map(Value::take);
    let list = match (field("authors"), field("author")) {
        (Some(Value::Array(list)), _) => list,
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

fn first_tag(item: &Map<String, Value>) -> Option<Category> {
    item.get("tags")?
        .as_array()?
        .iter()
        .find_map(|tag| Category::new(tag.as_str()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Body;
    use serde_json::json;
    use std::collections::HashSet;

    fn parse(text: &str) -> Result<Feed, FeedError> {
        parse_json_feed(text, Lang::Uk)
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
        assert_eq!(feed.skipped, 0);
        let article = &feed.articles[0];
        assert_eq!(article.slug, "rada-vyrishyla");
        assert_eq!(article.body, Body::Html("<p>Тіло</p>".into()));
        assert_eq!(article.summary.as_deref(), Some("Коротко"));
        assert_eq!(article.image.as_deref(), Some("/media/rada.svg"));
        assert_eq!(article.authors, ["Олена Коваль"]);
        assert_eq!(
            article.category.as_ref().map(|c| c.slug.as_str()),
            Some("hromada")
        );
        assert_eq!(article.language.as_deref(), Some("uk-UA"));
        assert_eq!(article.lang, Lang::Uk);
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
            article.lang,
            Lang::Uk,
            "no language anywhere falls back to the default"
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
        .expect("the good item is enough");
        assert_eq!(feed.articles.len(), 1);
        assert_eq!(feed.articles[0].title, "Добре");
        assert_eq!(feed.skipped, 9);
    }

    #[test]
    fn wrong_types_in_optional_fields_count_as_absent() {
        let feed = feed(json!([{
            "id": "x", "title": "Т", "date_published": "2024-11-23T10:00:00+02:00",
            "image": 5, "summary": ["no"], "tags": "not-a-list", "authors": { "name": "not a list" },
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
        assert_eq!(joined.skipped, 1);
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
}
