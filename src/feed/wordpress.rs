//! WordPress REST API v2 (`/wp-json/wp/v2/posts?_embed`): the JSON article feed most
//! publishers already have. Read as leniently as JSON Feed: a post that cannot be shown is
//! skipped and counted.
//!
//! Dates: `date` is the site's local time without an offset and `date_gmt` the same instant in
//! UTC, so their difference is the publisher's offset, which the shown date keeps.

use super::{
    untitled_heading, usable_articles, Article, Body, Category, Feed, FeedError, ItemNotes,
    ReadOptions,
};
use crate::html::{decode_entities, to_text};
use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

/// Parses one page of `/wp/v2/posts`. The site's name and language are not part of the
/// response: the configuration names the publication, and posts are taken to be in `lang`.
pub fn parse_wordpress(text: &str, _options: &ReadOptions) -> Result<Feed, FeedError> {
    let document: Value =
        serde_json::from_str(text).map_err(|error| FeedError::Json(error.to_string()))?;
    let Value::Array(posts) = document else {
        return Err(FeedError::Shape("a JSON array of WordPress posts".into()));
    };
    let (articles, report) = usable_articles(posts, |post, notes| match post.as_object() {
        Some(post) => parse_post(post, notes),
        None => Err("not a JSON object"),
    })?;
    Ok(Feed {
        title: String::new(),
        description: None,
        home_page_url: None,
        lang: None,
        articles,
        categories: Vec::new(),
        report,
        next_url: None,
    }
    .finished())
}

fn parse_post(post: &Map<String, Value>, notes: &mut ItemNotes) -> Result<Article, &'static str> {
    let id = post
        .get("id")
        .and_then(Value::as_u64)
        .ok_or("no numeric id")?
        .to_string();
    let body = rendered(post, "content").map_or(Body::Empty, Body::Html);
    let title = rendered(post, "title")
        .map(|title| to_text(&title))
        .filter(|t| !t.is_empty());
    let (title, untitled) = match title {
        Some(title) => (title, false),
        None => {
            let text = match &body {
                Body::Html(html) => to_text(html),
                _ => String::new(),
            };
            (untitled_heading(&text).ok_or("no title or text")?, true)
        }
    };
    let published = wordpress_date(post, "date", "date_gmt");
    if published.is_none() {
        notes
            .warnings
            .push("no date: shown undated, after the dated items");
    }
    let embedded = post.get("_embedded").and_then(Value::as_object);
    let slug = post.get("slug").and_then(Value::as_str).unwrap_or_default();
    Ok(Article {
        id,
        slug: String::new(),
        readable_slug: String::new(),
        // The permalink carries the post's own slug, which the slug assignment prefers.
        url: post
            .get("link")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| (!slug.is_empty()).then(|| format!("/{slug}/"))),
        title,
        untitled,
        body,
        summary: rendered(post, "excerpt")
            .map(|excerpt| to_text(&excerpt))
            .filter(|e| !e.is_empty()),
        image: embedded.and_then(featured_image),
        published,
        modified: wordpress_date(post, "modified", "modified_gmt"),
        authors: embedded.and_then(author).into_iter().collect(),
        category: embedded.and_then(first_category),
        language: None,
        lang: None,
        base: None,
        attachments: Vec::new(),
    })
}

/// The URL of the page after `url`, given the `X-WP-TotalPages` header: the same query with
/// `page` one higher, or `None` on the last page.
pub fn wordpress_next_page(url: &str, total_pages: u32) -> Option<String> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut current = 1;
    let mut params: Vec<&str> = Vec::new();
    for param in query.split('&').filter(|param| !param.is_empty()) {
        match param.strip_prefix("page=") {
            Some(number) => current = number.parse().ok()?,
            None => params.push(param),
        }
    }
    if current >= total_pages {
        return None;
    }
    let next = format!("page={}", current + 1);
    params.push(&next);
    Some(format!("{base}?{}", params.join("&")))
}

/// The URL that asks the posts endpoint for the post with this slug: the configured URL's
/// other parameters (`_embed`) kept, its paging dropped.
pub fn wordpress_slug_url(url: &str, slug: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let slug: String = slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let mut params: Vec<String> = query
        .split('&')
        .filter(|param| {
            !param.is_empty() && !param.starts_with("page=") && !param.starts_with("per_page=")
        })
        .map(str::to_owned)
        .collect();
    params.push(format!("slug={slug}"));
    format!("{base}?{}", params.join("&"))
}

/// `{"rendered": "…"}`, the way WordPress wraps title, excerpt and content.
fn rendered(post: &Map<String, Value>, key: &str) -> Option<String> {
    let text = post.get(key)?.get("rendered")?.as_str()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn wordpress_date(
    post: &Map<String, Value>,
    local: &str,
    gmt: &str,
) -> Option<DateTime<FixedOffset>> {
    let parse = |key: &str| {
        let text = post.get(key)?.as_str()?;
        // WordPress writes both as `2024-11-23T10:00:00`, without an offset: read here as UTC
        // by the RFC 3339 parser JSON Feed dates use. chrono's general parser (a format
        // string, or NaiveDateTime's FromStr) would add 6 to 14 KB of wasm.
        DateTime::parse_from_rfc3339(&format!("{}Z", text.trim())).ok()
    };
    let utc = parse(gmt)?;
    let offset_seconds = parse(local).map_or(0, |local| (local - utc).num_seconds());
    // Real offsets are whole minutes within ±18 h; anything else means the two disagree.
    let offset = i32::try_from(offset_seconds)
        .ok()
        .filter(|seconds| seconds % 60 == 0)
        .and_then(FixedOffset::east_opt)
        .unwrap_or(FixedOffset::east_opt(0)?);
    Some(utc.with_timezone(&offset))
}

/// Embedded objects come as one-element lists; a failed embed is an object with a `code`.
fn first_embedded<'a>(
    embedded: &'a Map<String, Value>,
    key: &str,
) -> Option<&'a Map<String, Value>> {
    embedded
        .get(key)?
        .as_array()?
        .first()?
        .as_object()
        .filter(|object| !object.contains_key("code"))
}

fn featured_image(embedded: &Map<String, Value>) -> Option<String> {
    let media = first_embedded(embedded, "wp:featuredmedia")?;
    media.get("source_url")?.as_str().map(str::to_owned)
}

fn author(embedded: &Map<String, Value>) -> Option<String> {
    let author = first_embedded(embedded, "author")?;
    let name = decode_entities(author.get("name")?.as_str()?)
        .trim()
        .to_owned();
    (!name.is_empty()).then_some(name)
}

/// The first term of the `category` taxonomy in `wp:term` (a list of lists, one per taxonomy).
fn first_category(embedded: &Map<String, Value>) -> Option<Category> {
    embedded
        .get("wp:term")?
        .as_array()?
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .filter(|term| term.get("taxonomy").and_then(Value::as_str) == Some("category"))
        .find_map(|term| Category::new(&decode_entities(term.get("name")?.as_str()?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> Result<Feed, FeedError> {
        parse_wordpress(text, &crate::feed::test_options())
    }

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/wordpress/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    #[test]
    fn reads_a_real_posts_response_with_content() {
        let feed = parse(&fixture("webaquebec-posts.json")).expect("valid");
        assert_eq!(feed.articles.len(), 35);
        assert_eq!(feed.report.skipped.len(), 0);
        let first = &feed.articles[0];
        assert_eq!(first.id, "3578");
        assert_eq!(
            first.title,
            "Le numérique public : des passionnés et des projets de grande envergure!"
        );
        assert_eq!(
            first.slug,
            "le-numerique-public-des-passionnes-et-des-projets-de-grande-envergure"
        );
        // 2016-04-06T12:29:28 local, 11:29:28 GMT: the publisher was at UTC+01:00.
        assert_eq!(
            first
                .published
                .map(|date| date.to_rfc3339())
                .unwrap_or_default(),
            "2016-04-06T12:29:28+01:00"
        );
        assert!(matches!(&first.body, Body::Html(html) if html.contains("Gouvernement du Québec")));
        assert!(
            first
                .summary
                .as_deref()
                .is_some_and(|s| s.ends_with("explorer le […]")),
            "{:?}",
            first.summary
        );
        // Entities in titles are decoded: "Web à Québec 2016 &#8211; opération : oiseau de nuit".
        assert!(feed
            .articles
            .iter()
            .any(|a| a.title == "Web à Québec 2016 – opération : oiseau de nuit"));
        let newest_first = feed
            .articles
            .windows(2)
            .all(|pair| pair[0].published >= pair[1].published);
        assert!(newest_first);
    }

    #[test]
    fn reads_a_real_trimmed_response_without_content() {
        let feed = parse(&fixture("softconcis-posts.json")).expect("valid");
        assert_eq!(feed.articles.len(), 76);
        let first = &feed.articles[0];
        assert_eq!(
            first.title,
            "Was ist Spend Transparenz im Einkaufscontrolling?"
        );
        assert_eq!(
            first.slug,
            "was-ist-spend-transparenz-im-einkaufscontrolling"
        );
        assert_eq!(
            first
                .published
                .map(|date| date.to_rfc3339())
                .unwrap_or_default(),
            "2026-07-29T08:20:55+02:00"
        );
        assert_eq!(first.body, Body::Empty);
        assert!(first.excerpt().starts_with("Viele Unternehmen verfügen"));
    }

    #[test]
    fn reads_embedded_author_image_and_category() {
        let feed = parse(
            &json!([{
                "id": 7, "date": "2024-11-23T10:00:00", "date_gmt": "2024-11-23T08:00:00",
                "slug": "%d0%ba%d0%b8%d1%97%d0%b2", "link": "https://news.example/%d0%ba%d0%b8%d1%97%d0%b2/",
                "title": {"rendered": "Київ &#8211; столиця"},
                "content": {"rendered": "<p>Текст</p>", "protected": false},
                "excerpt": {"rendered": "<p>Коротко&hellip;</p>", "protected": false},
                "_embedded": {
                    "author": [{"id": 1, "name": "Олена &amp; Ко"}],
                    "wp:featuredmedia": [{"id": 9, "source_url": "https://news.example/kyiv.jpg"}],
                    "wp:term": [[], [{"taxonomy": "post_tag", "name": "Тег"}], [{"taxonomy": "category", "name": "Новини &amp; події"}]]
                }
            }])
            .to_string(),
        )
        .expect("valid");
        let article = &feed.articles[0];
        assert_eq!(article.title, "Київ – столиця");
        assert_eq!(article.slug, "kyiv");
        assert_eq!(article.authors, ["Олена & Ко"]);
        assert_eq!(
            article.image.as_deref(),
            Some("https://news.example/kyiv.jpg")
        );
        assert_eq!(
            article.category.as_ref().map(|c| c.name.as_str()),
            Some("Новини & події")
        );
        assert_eq!(article.summary.as_deref(), Some("Коротко…"));
        assert_eq!(
            article
                .published
                .map(|date| date.to_rfc3339())
                .unwrap_or_default(),
            "2024-11-23T10:00:00+02:00"
        );
    }

    #[test]
    fn failed_embeds_are_ignored() {
        let feed = parse(
            &json!([{
                "id": 1, "date": "2024-11-23T10:00:00", "date_gmt": "2024-11-23T10:00:00",
                "title": {"rendered": "T"},
                "_embedded": {
                    "author": [{"code": "rest_user_cannot_view", "message": "…", "data": {"status": 401}}],
                    "wp:featuredmedia": [{"code": "rest_forbidden"}],
                    "wp:term": "nonsense"
                }
            }])
            .to_string(),
        )
        .expect("valid");
        let article = &feed.articles[0];
        assert!(article.authors.is_empty());
        assert_eq!(article.image, None);
        assert_eq!(article.category, None);
    }

    #[test]
    fn skips_posts_that_cannot_be_shown() {
        let feed = parse(
            &json!([
                {"id": 1, "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": "Добре"}},
                {"id": 2, "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": ""}},
                {"id": 3, "title": {"rendered": "Без дати"}},
                {"id": "4", "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": "id рядком"}},
                {"id": 5, "date_gmt": "23.11.2024", "title": {"rendered": "Погана дата"}},
                {"id": 1, "date_gmt": "2024-11-24T10:00:00", "title": {"rendered": "Повтор"}},
                7
            ])
            .to_string(),
        )
        .expect("one good post");
        let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Добре", "Без дати", "Погана дата"],
            "undated after dated"
        );
        assert_eq!(feed.articles[1].published, None);
        assert_eq!(feed.report.skipped.len(), 4, "{:?}", feed.report.skipped);
    }

    #[test]
    fn pages_through_x_wp_totalpages() {
        let url = "https://news.example/wp-json/wp/v2/posts?_embed&per_page=100";
        assert_eq!(
            wordpress_next_page(url, 3).as_deref(),
            Some("https://news.example/wp-json/wp/v2/posts?_embed&per_page=100&page=2")
        );
        assert_eq!(
            wordpress_next_page("https://news.example/wp-json/wp/v2/posts?page=2&_embed", 3)
                .as_deref(),
            Some("https://news.example/wp-json/wp/v2/posts?_embed&page=3")
        );
        assert_eq!(
            wordpress_next_page("https://news.example/wp-json/wp/v2/posts?page=3", 3),
            None
        );
        assert_eq!(
            wordpress_next_page("https://news.example/wp-json/wp/v2/posts", 1),
            None
        );
        assert_eq!(
            wordpress_next_page("https://news.example/wp-json/wp/v2/posts", 0),
            None
        );
        assert_eq!(
            wordpress_next_page("/wp-json/wp/v2/posts", 2).as_deref(),
            Some("/wp-json/wp/v2/posts?page=2")
        );
        assert_eq!(wordpress_next_page("/posts?page=x", 5), None);
    }

    #[test]
    fn asks_for_one_post_by_slug() {
        assert_eq!(
            wordpress_slug_url(
                "https://news.example/wp-json/wp/v2/posts?_embed&per_page=100&page=3",
                "rada-vyrishyla"
            ),
            "https://news.example/wp-json/wp/v2/posts?_embed&slug=rada-vyrishyla"
        );
        assert_eq!(wordpress_slug_url("/posts", "a&b=c#d"), "/posts?slug=abcd");
    }

    #[test]
    fn an_error_object_is_the_wrong_shape() {
        let error = parse(r#"{"code":"rest_no_route","message":"No route","data":{"status":404}}"#);
        assert!(matches!(error, Err(FeedError::Shape(_))));
        assert!(matches!(parse("<html>"), Err(FeedError::Json(_))));
    }
}
