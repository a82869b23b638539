//! WordPress REST API v2 (`/wp-json/wp/v2/posts?_embed`): the JSON article feed most
//! publishers already have, read as liberally as JSON Feed. Every post with a title, content
//! or an excerpt is shown (one without a title is headed by the start of its text); one
//! without a readable date is shown undated; what had to be repaired is reported, and a post
//! that cannot be shown is skipped with its reason.
//!
//! Shapes read: a list of posts (`/posts`), one post object (`/posts/<id>`, a feed of one),
//! the REST API's 2.0 betas (`featured_image`, full-URI relations such as
//! `https://api.w.org/featuredmedia` in `_embedded`), `title`, `content` and `excerpt` as plain
//! strings rather than `{"rendered": …}`, and the build's bundle (`scripts/build-feed.mjs`):
//! `{"site": {"name", "description"}, "posts": [...]}`, the posts with the site's name and
//! description from its REST API index.
//!
//! Dates: `date` is the site's local time without an offset and `date_gmt` the same instant in
//! UTC, so their difference is the publisher's offset, which the shown date keeps.
//!
//! The site's name and description are not in the posts: where `publication.name` is not
//! configured they are read once from the REST API index (`/wp-json/`,
//! [`wordpress_index_url`], [`parse_wordpress_index`]).

use super::{
    read_json, untitled_heading, usable_articles, Article, Body, Category, Feed, FeedError,
    ItemNotes, ReadOptions,
};
use crate::dates::{parse_feed_date, DateForm};
use crate::html::{
    collapse_whitespace, decode_entities, html_document_body, image_with_class, is_safe_url,
    to_text,
};
use crate::links::{is_web_address, resolve};
use crate::slug::percent_decode;
use chrono::{DateTime, FixedOffset, Offset, Utc};
use serde_json::{Map, Value};

/// Parses one page of `/wp/v2/posts` (or one post, or the build's bundle) read from
/// `options.feed_url`. The posts do not name the site or its language: the configuration or
/// the site's index names the publication, and posts follow the reader's language.
pub fn parse_wordpress(text: &str, options: &ReadOptions) -> Result<Feed, FeedError> {
    let mut feed_repairs = Vec::new();
    let document = read_json(text, &mut feed_repairs)?;
    let (posts, site) = posts_of(document)?;
    let context = PostContext {
        base: &options.feed_url,
        utc_offset: options.utc_offset,
    };
    let (articles, mut report) = usable_articles(posts, |post, notes| match post {
        Value::Object(post) => parse_post(post, &context, notes),
        _ => Err("not a JSON object"),
    })?;
    report.repaired.splice(0..0, feed_repairs);
    let feed = Feed {
        title: String::new(),
        description: None,
        home_page_url: None,
        lang: None,
        articles,
        categories: Vec::new(),
        report,
        next_url: None,
    }
    .finished();
    Ok(with_site(feed, site.as_ref()))
}

/// The posts a response holds: a list (`/posts`), one post (`/posts/<id>`), or the build's
/// bundle with the site's name. An error object (`{"code": "rest_no_route", …}`) is none.
fn posts_of(document: Value) -> Result<(Vec<Value>, Option<WordPressSite>), FeedError> {
    let mut object = match document {
        Value::Array(posts) => return Ok((posts, None)),
        Value::Object(object) => object,
        _ => return Err(FeedError::Shape(EXPECTED.into())),
    };
    if matches!(object.get("posts"), Some(Value::Array(_))) {
        let site = object.get("site").and_then(site_from_index);
        let Some(Value::Array(posts)) = object.get_mut("posts").map(Value::take) else {
            return Err(FeedError::Shape(EXPECTED.into()));
        };
        return Ok((posts, site));
    }
    if ["id", "title", "content"]
        .iter()
        .any(|key| object.contains_key(*key))
    {
        return Ok((vec![Value::Object(object)], None));
    }
    let text = |key: &str| object.get(key).and_then(Value::as_str).unwrap_or_default();
    Err(FeedError::Shape(match text("code") {
        "" => EXPECTED.into(),
        code => format!("{EXPECTED}; WordPress answered {code}: {}", text("message")),
    }))
}

const EXPECTED: &str = "a JSON array of WordPress posts, or one post";

/// What every post of a response is read with.
struct PostContext<'a> {
    /// The address the response was fetched from: the base of a post's relative URLs when
    /// it has no `link` of its own.
    base: &'a str,
    /// The publisher's offset, for a local `date` without a `date_gmt`.
    utc_offset: FixedOffset,
}

fn parse_post(
    mut post: Map<String, Value>,
    context: &PostContext,
    notes: &mut ItemNotes,
) -> Result<Article, &'static str> {
    let link = take_string(&mut post, "link").map(|link| resolve(context.base, &link));
    let id = match post.get("id") {
        Some(Value::Number(id)) if id.is_u64() => id.to_string(),
        Some(Value::String(id)) if is_number(id) => {
            notes
                .repaired
                .push("the id is a number written as a string, read");
            id.trim().to_owned()
        }
        _ => {
            notes
                .repaired
                .push("no numeric id: its link stands for one");
            link.clone().ok_or("no id and no link")?
        }
    };
    // The post's permalink is the base of the relative URLs in it, else the response's address.
    let base = link
        .as_deref()
        .filter(|link| is_web_address(link))
        .unwrap_or(context.base)
        .to_owned();
    let body = match rendered(&mut post, "content") {
        Some(html) => match html_document_body(&html) {
            Some(inner) => {
                notes
                    .repaired
                    .push("the content is a whole HTML document: its body is shown");
                Body::Html(inner.to_owned())
            }
            None => Body::Html(html),
        },
        None => Body::Empty,
    };
    let summary = rendered(&mut post, "excerpt")
        .map(|excerpt| to_text(&excerpt))
        .filter(|excerpt| !excerpt.is_empty());
    let (title, untitled) =
        match rendered(&mut post, "title").and_then(|title| title_text(&title, notes)) {
            Some(title) => (title, false),
            None => {
                let text = match &body {
                    Body::Html(html) => to_text(html),
                    _ => String::new(),
                };
                let heading = untitled_heading(&text)
                    .or_else(|| untitled_heading(summary.as_deref()?))
                    .ok_or("no title, content or excerpt")?;
                (heading, true)
            }
        };
    let published = match post_date(&post, "date", "date_gmt", context.utc_offset) {
        PostDate::Read(date, note) => {
            notes.repaired.extend(note);
            Some(date)
        }
        PostDate::Unreadable => {
            notes.warnings.push("a date that is no date: shown undated");
            None
        }
        PostDate::Absent => {
            notes
                .warnings
                .push("no date: shown undated, after the dated items");
            None
        }
    };
    let modified = match post_date(&post, "modified", "modified_gmt", context.utc_offset) {
        PostDate::Read(date, _) => Some(date),
        _ => None,
    };
    let embedded = post.get("_embedded").and_then(Value::as_object);
    let image = featured_image(&post, embedded, &body)
        .map(|image| resolve(&base, &image))
        .filter(|image| is_safe_url(image));
    let slug = post.get("slug").and_then(Value::as_str).unwrap_or_default();
    Ok(Article {
        id,
        slug: String::new(),
        readable_slug: String::new(),
        // The permalink carries the post's own slug, which the slug assignment prefers.
        url: link.or_else(|| (!slug.is_empty()).then(|| format!("/{slug}/"))),
        title,
        untitled,
        body,
        summary,
        image,
        published,
        modified,
        authors: embedded.map(authors).unwrap_or_default(),
        category: embedded.and_then(first_category),
        language: None,
        lang: None,
        base: is_web_address(&base).then_some(base),
        attachments: Vec::new(),
    })
}

/// A WordPress id written as a string of digits (`"4"`).
fn is_number(id: &str) -> bool {
    let id = id.trim();
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
}

/// A title as plain text: WordPress titles may hold markup (`<b>`, `<br>`, `<em>`), which
/// a heading shows as its words; entities are decoded. `None` for a title with no text.
fn title_text(title: &str, notes: &mut ItemNotes) -> Option<String> {
    let text = to_text(title);
    if text.is_empty() {
        return None;
    }
    if text != collapse_whitespace(&decode_entities(title)) {
        notes.repaired.push("markup in the title, reduced to text");
    }
    Some(text)
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

/// A WordPress site as its REST API index describes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordPressSite {
    /// The site's title (Settings → General).
    pub name: Option<String>,
    /// Its tagline.
    pub description: Option<String>,
}

/// The REST API index (`/wp-json/`) of the site whose posts are at `posts_url`: the part of
/// the address before `wp/v2/`, or with plain permalinks (`?rest_route=/wp/v2/posts`) the
/// same page with `rest_route=/`. `None` for an address that names no `wp/v2` route.
pub fn wordpress_index_url(posts_url: &str) -> Option<String> {
    let url = posts_url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let plain = query.split('&').any(|param| {
        param.split_once('=').is_some_and(|(key, route)| {
            key == "rest_route" && percent_decode(route).starts_with("/wp/v2/")
        })
    });
    if plain {
        return Some(format!("{path}?rest_route=/"));
    }
    let at = path.find("/wp/v2/")?;
    path.get(..=at).map(str::to_owned)
}

/// The index as the app and the build ask for it: only the fields read, so that WordPress
/// (4.9.8 and later) leaves out its list of routes, which runs to hundreds of kilobytes.
pub fn wordpress_index_request(posts_url: &str) -> Option<String> {
    let index = wordpress_index_url(posts_url)?;
    let joiner = if index.contains('?') { '&' } else { '?' };
    Some(format!("{index}{joiner}_fields=name,description"))
}

/// The site's name and description from its REST API index
/// (`{"name": …, "description": …, "url": …, "routes": …}`), entities decoded; `None` for
/// anything else, or an index with neither.
pub fn parse_wordpress_index(text: &str) -> Option<WordPressSite> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let index: Value = serde_json::from_str(text).ok()?;
    site_from_index(&index)
}

fn site_from_index(index: &Value) -> Option<WordPressSite> {
    let field = |key: &str| {
        let text = to_text(index.get(key)?.as_str()?);
        (!text.is_empty()).then_some(text)
    };
    let site = WordPressSite {
        name: field("name"),
        description: field("description"),
    };
    (site.name.is_some() || site.description.is_some()).then_some(site)
}

/// `feed` named by its site, where the site's index was read; as it was otherwise.
pub fn with_site(feed: Feed, site: Option<&WordPressSite>) -> Feed {
    let Some(site) = site else {
        return feed;
    };
    Feed {
        title: site.name.clone().unwrap_or(feed.title),
        description: site.description.clone().or(feed.description),
        ..feed
    }
}

/// `{"rendered": "…"}`, the way WordPress wraps title, excerpt and content, taken out of the
/// post; a plain string (the v1 API, some plugins) is read the same way. `None` if empty.
fn rendered(post: &mut Map<String, Value>, key: &str) -> Option<String> {
    let value = post.get_mut(key)?;
    let text = match value {
        Value::Object(wrapped) => wrapped.get_mut("rendered")?.take(),
        value => value.take(),
    };
    match text {
        Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        _ => None,
    }
}

/// A non-empty string field, taken out of `post`.
fn take_string(post: &mut Map<String, Value>, key: &str) -> Option<String> {
    match post.get_mut(key)?.take() {
        Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        _ => None,
    }
}

/// How a post's date was read.
enum PostDate {
    /// With what had to be repaired to read it.
    Read(DateTime<FixedOffset>, Option<&'static str>),
    Unreadable,
    Absent,
}

/// A post's date: `gmt` (UTC) shown in the offset that `local` differs from it by; `gmt` in
/// another form, read; without a usable `gmt`, `local` in the publisher's `zone`.
fn post_date(post: &Map<String, Value>, local: &str, gmt: &str, zone: FixedOffset) -> PostDate {
    let text = |key: &str| {
        post.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|text| !text.is_empty())
    };
    let (local, gmt) = (text(local), text(gmt));
    if local.is_none() && gmt.is_none() {
        return PostDate::Absent;
    }
    if let Some(utc) = gmt.and_then(wordpress_form) {
        return PostDate::Read(in_local_offset(utc, local), None);
    }
    if let Some((utc, _)) = gmt.and_then(|gmt| parse_feed_date(gmt, Utc.fix())) {
        return PostDate::Read(
            in_local_offset(utc, local),
            Some("date_gmt not in WordPress's form, read"),
        );
    }
    match local.and_then(|local| parse_feed_date(local, zone)) {
        Some((date, DateForm::Zoneless)) => PostDate::Read(
            date,
            Some("no usable date_gmt: the local date read in the publisher's offset (publication.utc_offset)"),
        ),
        Some((date, _)) => PostDate::Read(
            date,
            Some("no usable date_gmt: the local date read with its own offset"),
        ),
        None => PostDate::Unreadable,
    }
}

/// A date as WordPress writes both `date` and `date_gmt` (`2024-11-23T10:00:00`, no offset),
/// read as UTC by the RFC 3339 parser: the quick path, before the general one.
fn wordpress_form(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(&format!("{text}Z")).ok()
}

/// `utc` in the publisher's offset: the difference between the local date and `utc`.
fn in_local_offset(utc: DateTime<FixedOffset>, local: Option<&str>) -> DateTime<FixedOffset> {
    let local = local.and_then(|local| {
        wordpress_form(local)
            .map(|date| (date, DateForm::Zoneless))
            .or_else(|| parse_feed_date(local, Utc.fix()))
    });
    let offset = match local {
        // Read as UTC: the difference is the offset. Real offsets are whole minutes within
        // ±18 h; anything else means the two disagree.
        Some((local, DateForm::Zoneless)) => i32::try_from((local - utc).num_seconds())
            .ok()
            .filter(|seconds| seconds % 60 == 0)
            .and_then(FixedOffset::east_opt),
        // A local date with an offset of its own: that offset, if it is the same instant.
        Some((local, _)) if local == utc => Some(*local.offset()),
        _ => None,
    };
    utc.with_timezone(&offset.unwrap_or(Utc.fix()))
}

/// The embedded objects of a link relation: `wp:featuredmedia`, or in the REST API's 2.0
/// betas the full URI, `https://api.w.org/featuredmedia`.
fn embedded_list<'a>(embedded: &'a Map<String, Value>, relation: &str) -> Option<&'a [Value]> {
    embedded
        .get(&format!("wp:{relation}"))
        .or_else(|| embedded.get(&format!("https://api.w.org/{relation}")))?
        .as_array()
        .map(Vec::as_slice)
}

/// Embedded objects come as one-element lists; a failed embed is an object with a `code`.
fn first_embedded(list: Option<&[Value]>) -> Option<&Map<String, Value>> {
    list?
        .first()?
        .as_object()
        .filter(|object| !object.contains_key("code"))
}

/// The post's featured image: the embedded media's address; Jetpack's
/// `jetpack_featured_media_url`; the v1 API's `featured_image` object; else the picture in the
/// content that WordPress marked as the featured attachment (`featured_media`, or the 2.0
/// betas' `featured_image`, as `wp-image-<id>`).
fn featured_image(
    post: &Map<String, Value>,
    embedded: Option<&Map<String, Value>>,
    body: &Body,
) -> Option<String> {
    let string = |value: Option<&Value>| {
        value
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .map(str::to_owned)
    };
    let media =
        first_embedded(embedded.and_then(|embedded| embedded_list(embedded, "featuredmedia")));
    if let Some(media) = media {
        let full = media
            .get("media_details")
            .and_then(|details| details.get("sizes")?.get("full")?.get("source_url"));
        if let Some(url) = string(media.get("source_url")).or_else(|| string(full)) {
            return Some(url);
        }
    }
    if let Some(url) = string(post.get("jetpack_featured_media_url")) {
        return Some(url);
    }
    let featured = post
        .get("featured_media")
        .or_else(|| post.get("featured_image"));
    if let Some(Value::Object(image)) = featured {
        return string(image.get("source")).or_else(|| string(image.get("source_url")));
    }
    let id = featured.and_then(Value::as_u64).filter(|id| *id > 0)?;
    match body {
        Body::Html(html) => image_with_class(html, &format!("wp-image-{id}")),
        _ => None,
    }
}

/// The byline: the Co-Authors Plus authors (the `wp:term` group of taxonomy `author`) where
/// the site has them, in their order; else the embedded post author.
fn authors(embedded: &Map<String, Value>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in terms(embedded, "author").filter_map(term_name) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if !names.is_empty() {
        return names;
    }
    first_embedded(
        embedded
            .get("author")
            .and_then(Value::as_array)
            .map(Vec::as_slice),
    )
    .and_then(term_name)
    .into_iter()
    .collect()
}

/// A term's or a user's `name`, entities decoded; `None` if it has none.
fn term_name(object: &Map<String, Value>) -> Option<String> {
    let name = to_text(object.get("name")?.as_str()?);
    (!name.is_empty()).then_some(name)
}

/// The embedded terms of one taxonomy: `wp:term` is a list of lists, one per taxonomy.
fn terms<'a>(
    embedded: &'a Map<String, Value>,
    taxonomy: &'a str,
) -> impl Iterator<Item = &'a Map<String, Value>> + 'a {
    embedded_list(embedded, "term")
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .filter(move |term| term.get("taxonomy").and_then(Value::as_str) == Some(taxonomy))
}

/// The first term of the `category` taxonomy.
fn first_category(embedded: &Map<String, Value>) -> Option<Category> {
    terms(embedded, "category").find_map(|term| Category::new(&term_name(term)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::FeedReport;
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
                {"id": "4", "date_gmt": "2024-11-22T10:00:00", "title": {"rendered": "id рядком"}},
                {"id": 5, "date_gmt": "23.11.2024", "title": {"rendered": "Погана дата"}},
                {"id": 1, "date_gmt": "2024-11-24T10:00:00", "title": {"rendered": "Повтор"}},
                {"title": {"rendered": "Без id і посилання"}},
                7
            ])
            .to_string(),
        )
        .expect("one good post");
        let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Добре", "id рядком", "Без дати", "Погана дата"],
            "undated after dated"
        );
        assert_eq!(feed.articles[1].id, "4");
        assert_eq!(feed.articles[2].published, None);
        let skipped = &feed.report.skipped;
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert!(
            skipped[0].starts_with("item 2: no title, content or excerpt"),
            "{skipped:?}"
        );
        assert!(skipped[1].contains("repeats the id"), "{skipped:?}");
        assert!(
            skipped[2].starts_with("item 7: no id and no link"),
            "{skipped:?}"
        );
        assert!(
            skipped[3].starts_with("item 8: not a JSON object"),
            "{skipped:?}"
        );
        assert_eq!(
            feed.report.repaired,
            ["item 4 (“id рядком”): the id is a number written as a string, read"]
        );
        assert_eq!(
            feed.report.warnings,
            [
                "item 3 (“Без дати”): no date: shown undated, after the dated items",
                "item 5 (“Погана дата”): a date that is no date: shown undated"
            ]
        );
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
        assert!(
            matches!(&error, Err(FeedError::Shape(what)) if what.contains("rest_no_route: No route")),
            "{error:?}"
        );
        assert!(matches!(parse("{}"), Err(FeedError::Shape(_))));
        assert!(matches!(parse("5"), Err(FeedError::Shape(_))));
        assert!(matches!(parse("<html>"), Err(FeedError::Json(_))));
        assert_eq!(parse("[]").map(|feed| feed.articles.len()), Ok(0));
        assert_eq!(parse("[7]"), Err(FeedError::Empty));
    }

    fn corpus(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/feeds/wordpress/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    fn corpus_feed(name: &str) -> Feed {
        parse(&corpus(name)).unwrap_or_else(|error| panic!("{name}: {error:?}"))
    }

    fn only_article(feed: &Feed) -> &Article {
        assert_eq!(feed.articles.len(), 1, "{:?}", feed.report);
        &feed.articles[0]
    }

    /// Every real response in tests/fixtures/feeds/wordpress shows every post it has (all of
    /// them have content or a title): (file, posts in it, shown, repaired, skipped, with a
    /// picture).
    #[test]
    fn every_real_response_shows_every_post() {
        let expected = [
            ("click9ja-ng-10posts-jetpack.json", 10, 10, 0, 0, 8),
            ("click9ja-ng-embed-3posts-from-js.json", 3, 3, 0, 0, 3),
            (
                "frontity-demo.worona.org-posts-from-category-7.json",
                5,
                5,
                0,
                0,
                5,
            ),
            ("frontity-frontity.test-posts.json", 3, 3, 0, 0, 2),
            (
                "izquierdahispanica-es-373posts-sortedkeys.json",
                373,
                373,
                0,
                0,
                4,
            ),
            ("kcua-musicology-ja-simplystatic-posts.json", 1, 1, 0, 0, 1),
            ("tryghost-migrate-co-authors-post.json", 1, 1, 0, 0, 0),
            (
                "tryghost-migrate-single-post-html-in-title.json",
                1,
                1,
                1,
                0,
                1,
            ),
            ("webaquebec2016-fr-restv2beta-posts.json", 35, 35, 0, 0, 9),
            (
                "wpdevelop-wp-api-generated-PostsCollection.json",
                1,
                1,
                0,
                0,
                0,
            ),
        ];
        let directory = format!(
            "{}/tests/fixtures/feeds/wordpress",
            env!("CARGO_MANIFEST_DIR")
        );
        let files = std::fs::read_dir(&directory).map_or(0, |entries| entries.count());
        assert_eq!(
            files,
            expected.len(),
            "a file in {directory} without an expectation"
        );
        for (name, in_file, shown, repaired, skipped, pictured) in expected {
            let text = corpus(name);
            let document: Value = serde_json::from_str(&text).expect("JSON");
            let posts = document.as_array().map_or(1, Vec::len);
            assert_eq!(posts, in_file, "{name}: posts in the file");
            let feed = corpus_feed(name);
            let report = &feed.report;
            assert_eq!(feed.articles.len(), shown, "{name}: shown; {report:?}");
            assert_eq!(
                report.repaired.len(),
                repaired,
                "{name}: {:?}",
                report.repaired
            );
            assert_eq!(
                report.skipped.len(),
                skipped,
                "{name}: {:?}",
                report.skipped
            );
            assert_eq!(report.warnings, Vec::<String>::new(), "{name}");
            let with_picture = feed.articles.iter().filter(|a| a.image.is_some()).count();
            assert_eq!(with_picture, pictured, "{name}: posts with a picture");
            for article in &feed.articles {
                assert!(
                    !article.title.is_empty() && !article.untitled,
                    "{name}: {article:?}"
                );
                assert!(article.published.is_some(), "{name}: {}", article.title);
                assert!(
                    article.base.as_deref().is_some_and(is_web_address),
                    "{name}: {}",
                    article.title
                );
            }
        }
    }

    #[test]
    fn a_single_post_object_is_a_feed_of_one() {
        let feed = corpus_feed("tryghost-migrate-co-authors-post.json");
        let article = only_article(&feed);
        assert_eq!(article.id, "99999");
        assert_eq!(article.slug, "multi-author-post");
        assert_eq!(
            article.published.map(|date| date.to_rfc3339()).as_deref(),
            Some("2024-11-07T10:36:54-05:00")
        );
        assert_eq!(
            article.base.as_deref(),
            Some("https://mysite.com/2024/11/07/multi-author-post")
        );
        let feed = corpus_feed("tryghost-migrate-single-post-html-in-title.json");
        assert_eq!(only_article(&feed).id, "12345");
    }

    #[test]
    fn co_authors_plus_authors_are_the_byline() {
        let feed = corpus_feed("tryghost-migrate-co-authors-post.json");
        let article = only_article(&feed);
        // `_embedded.author` holds Alice alone; the `author` taxonomy has both.
        assert_eq!(article.authors, ["Alice Smith", "Bob Jones"]);
        assert_eq!(
            article.category.as_ref().map(|c| c.name.as_str()),
            Some("Uncategorized")
        );
        // Without Co-Authors Plus, the embedded author.
        let feed = corpus_feed("tryghost-migrate-single-post-html-in-title.json");
        assert_eq!(only_article(&feed).authors, ["Guest Writer"]);
    }

    #[test]
    fn markup_in_the_title_is_reduced_to_text() {
        let feed = corpus_feed("tryghost-migrate-single-post-html-in-title.json");
        let article = only_article(&feed);
        assert_eq!(
            article.title,
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor \
             incididunt ut labore et dolore magna aliqua"
        );
        assert!(!article.untitled);
        assert_eq!(feed.report.repaired.len(), 1);
        assert!(feed.report.repaired[0].ends_with("markup in the title, reduced to text"));
        assert_eq!(
            article.image.as_deref(),
            Some("https://mysite.com/wp-content/uploads/2019/11/BOOP.jpg")
        );
        assert_eq!(
            article.category.as_ref().map(|c| c.name.as_str()),
            Some("Boop")
        );
        // Entities alone are no repair.
        let feed =
            parse(&json!([{"id": 1, "title": {"rendered": "A &amp; B &#8211; C"}}]).to_string())
                .expect("valid");
        assert_eq!(feed.articles[0].title, "A & B – C");
        assert!(
            feed.report.repaired.is_empty(),
            "{:?}",
            feed.report.repaired
        );
    }

    #[test]
    fn the_v2_beta_shape_keeps_its_featured_images() {
        let feed = corpus_feed("webaquebec2016-fr-restv2beta-posts.json");
        let pictured: Vec<&str> = feed
            .articles
            .iter()
            .filter(|a| a.image.is_some())
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(
            pictured,
            ["2370", "2179", "2148", "2116", "2111", "2114", "1993", "1911", "1835"]
        );
        let article = feed
            .articles
            .iter()
            .find(|a| a.id == "2370")
            .expect("post 2370");
        // `featured_image: 2372`, the content's `<img class="… wp-image-2372 …">`.
        assert_eq!(
            article.image.as_deref(),
            Some("http://api.webaquebec.org/wp-content/uploads/2016/03/UX-design.jpg")
        );
        assert_eq!(article.lead_image(), None, "the body shows it already");

        // With `_embed`, the betas named the relations by full URI.
        let feed = parse(
            &json!([{
                "id": 9, "date": "2016-04-06T12:29:28", "date_gmt": "2016-04-06T11:29:28",
                "link": "https://beta.example/2016/04/post/",
                "title": {"rendered": "Beta"}, "featured_image": 12,
                "_embedded": {
                    "author": [{"name": "Marie"}],
                    "https://api.w.org/featuredmedia": [{"id": 12, "source_url": "/uploads/photo.jpg"}],
                    "https://api.w.org/term": [[{"taxonomy": "category", "name": "Conférences"}], []]
                }
            }])
            .to_string(),
        )
        .expect("valid");
        let article = &feed.articles[0];
        assert_eq!(
            article.image.as_deref(),
            Some("https://beta.example/uploads/photo.jpg")
        );
        assert_eq!(
            article.category.as_ref().map(|c| c.name.as_str()),
            Some("Conférences")
        );
        assert_eq!(article.authors, ["Marie"]);
    }

    #[test]
    fn jetpack_featured_media_url_is_a_fallback() {
        let feed = corpus_feed("click9ja-ng-10posts-jetpack.json");
        let article = feed
            .articles
            .iter()
            .find(|a| a.id == "15061")
            .expect("post");
        assert_eq!(
            article.image.as_deref(),
            Some("https://click9ja.com/wp-content/uploads/2018/12/all-networks.jpg")
        );
        // An empty one (`""`, with `featured_media: 0`) is none.
        let article = feed
            .articles
            .iter()
            .find(|a| a.id == "15054")
            .expect("post");
        assert_eq!(article.image, None);
        // The embedded media come first.
        let feed = parse(
            &json!([{
                "id": 1, "title": "T",
                "jetpack_featured_media_url": "https://cdn.example/jetpack.jpg",
                "_embedded": {"wp:featuredmedia": [{"source_url": "https://cdn.example/embedded.jpg"}]}
            }])
            .to_string(),
        )
        .expect("valid");
        assert_eq!(
            feed.articles[0].image.as_deref(),
            Some("https://cdn.example/embedded.jpg")
        );
    }

    #[test]
    fn untitled_posts_are_headed_by_their_text() {
        let feed = parse(
            &json!([
                {"id": 1, "date_gmt": "2024-11-23T10:00:00", "title": {"rendered": "  "},
                 "content": {"rendered": "<p>Перше речення. Друге речення.</p>"}},
                {"id": 2, "date_gmt": "2024-11-22T10:00:00",
                 "excerpt": {"rendered": "<p>Лише уривок.</p>"}},
                {"id": 3, "date_gmt": "2024-11-21T10:00:00", "title": {"rendered": "<br>"},
                 "content": {"rendered": "", "protected": true}}
            ])
            .to_string(),
        )
        .expect("valid");
        let headings: Vec<(&str, bool)> = feed
            .articles
            .iter()
            .map(|a| (a.title.as_str(), a.untitled))
            .collect();
        assert_eq!(headings, [("Перше речення.", true), ("Лише уривок.", true)]);
        assert_eq!(feed.report.skipped.len(), 1);
    }

    fn published(post: Value, options: &ReadOptions) -> (Option<String>, FeedReport) {
        let feed = parse_wordpress(&json!([post]).to_string(), options).expect("valid");
        let date = feed.articles[0].published.map(|date| date.to_rfc3339());
        (date, feed.report)
    }

    #[test]
    fn dates_without_a_usable_date_gmt_are_read_leniently() {
        let kyiv = ReadOptions {
            feed_url: "https://news.example/wp-json/wp/v2/posts".into(),
            utc_offset: FixedOffset::east_opt(2 * 3600).expect("an offset"),
        };
        // The usual pair: UTC, shown in the site's offset.
        let (date, report) = published(
            json!({"id": 1, "title": "T", "date": "2024-11-23T12:00:00", "date_gmt": "2024-11-23T10:00:00"}),
            &kyiv,
        );
        assert_eq!(date.as_deref(), Some("2024-11-23T12:00:00+02:00"));
        assert!(report.repaired.is_empty());
        // No date_gmt (null, as for drafts and some plugins): the local date in the
        // publisher's offset.
        let (date, report) = published(
            json!({"id": 1, "title": "T", "date": "2024-11-23T12:00:00", "date_gmt": null}),
            &kyiv,
        );
        assert_eq!(date.as_deref(), Some("2024-11-23T12:00:00+02:00"));
        assert!(
            report.repaired[0].contains("publication.utc_offset"),
            "{report:?}"
        );
        // date_gmt without seconds: read as UTC, shown in the offset `date` gives.
        let (date, report) = published(
            json!({"id": 1, "title": "T", "date": "2024-11-23 13:00:00", "date_gmt": "2024-11-23T10:00"}),
            &kyiv,
        );
        assert_eq!(date.as_deref(), Some("2024-11-23T13:00:00+03:00"));
        assert!(report.repaired[0].ends_with("date_gmt not in WordPress's form, read"));
        // A local date with an offset of its own, no date_gmt.
        let (date, _) = published(
            json!({"id": 1, "title": "T", "date": "2024-11-23T12:00:00-05:00"}),
            &kyiv,
        );
        assert_eq!(date.as_deref(), Some("2024-11-23T12:00:00-05:00"));
        // A local date that disagrees with date_gmt by no real offset: shown in UTC.
        let (date, _) = published(
            json!({"id": 1, "title": "T", "date": "2024-11-23T12:00:30", "date_gmt": "2024-11-23T10:00:00"}),
            &kyiv,
        );
        assert_eq!(date.as_deref(), Some("2024-11-23T10:00:00+00:00"));
        // Neither readable: undated, and said so.
        let (date, report) = published(
            json!({"id": 1, "title": "T", "date": "вчора", "date_gmt": "0000-00-00 00:00:00"}),
            &kyiv,
        );
        assert_eq!(date, None);
        assert_eq!(report.warnings.len(), 1, "{report:?}");
    }

    #[test]
    fn relative_urls_resolve_against_the_post_else_the_feed() {
        let options = ReadOptions {
            feed_url: "https://news.example/wp-json/wp/v2/posts?_embed".into(),
            utc_offset: Utc.fix(),
        };
        let feed = parse_wordpress(
            &json!([
                {"id": 1, "title": "З посиланням", "link": "/2024/11/rada/",
                 "content": {"rendered": "<img src=\"photo.jpg\">"},
                 "jetpack_featured_media_url": "/wp-content/uploads/lead.jpg"},
                {"id": 2, "title": "Без посилання", "slug": "bez",
                 "_embedded": {"wp:featuredmedia": [{"source_url": "//cdn.example/b.jpg"}]}},
                {"id": 3, "title": "Небезпечне", "jetpack_featured_media_url": "javascript:alert(1)"}
            ])
            .to_string(),
            &options,
        )
        .expect("valid");
        let by_id = |id: &str| feed.articles.iter().find(|a| a.id == id).expect("article");
        let first = by_id("1");
        assert_eq!(
            first.url.as_deref(),
            Some("https://news.example/2024/11/rada/")
        );
        assert_eq!(
            first.base.as_deref(),
            Some("https://news.example/2024/11/rada/")
        );
        assert_eq!(
            first.image.as_deref(),
            Some("https://news.example/wp-content/uploads/lead.jpg")
        );
        assert_eq!(first.slug, "rada");
        let second = by_id("2");
        assert_eq!(
            second.url.as_deref(),
            Some("/bez/"),
            "the slug stands for the link"
        );
        assert_eq!(second.base.as_deref(), Some(options.feed_url.as_str()));
        assert_eq!(second.image.as_deref(), Some("https://cdn.example/b.jpg"));
        assert_eq!(by_id("3").image, None);
        // A feed served beside the site keeps its relative URLs relative.
        let feed =
            parse(&json!([{"id": 1, "title": "T", "link": "/p/"}]).to_string()).expect("valid");
        assert_eq!(feed.articles[0].base, None);
        assert_eq!(feed.articles[0].url.as_deref(), Some("/p/"));
    }

    #[test]
    fn the_rest_index_is_beside_the_posts_route() {
        for (posts, index) in [
            (
                "https://x.example/wp-json/wp/v2/posts?_embed",
                Some("https://x.example/wp-json/"),
            ),
            (
                "https://x.example/blog/wp-json/wp/v2/posts?_embed&per_page=100&page=2#top",
                Some("https://x.example/blog/wp-json/"),
            ),
            // A site that moved the REST prefix.
            (
                "https://x.example/api/wp/v2/posts",
                Some("https://x.example/api/"),
            ),
            ("/wp-json/wp/v2/posts", Some("/wp-json/")),
            // Plain permalinks: the route is a parameter, written as is or encoded.
            (
                "https://x.example/?rest_route=/wp/v2/posts&_embed",
                Some("https://x.example/?rest_route=/"),
            ),
            (
                "http://example.org/index.php?_embed&rest_route=%2Fwp%2Fv2%2Fposts",
                Some("http://example.org/index.php?rest_route=/"),
            ),
            ("https://x.example/feed.json", None),
            ("https://x.example/?rest_route=/other/v1/items", None),
            ("", None),
        ] {
            assert_eq!(wordpress_index_url(posts).as_deref(), index, "{posts}");
        }
        assert_eq!(
            wordpress_index_request("https://x.example/wp-json/wp/v2/posts?_embed").as_deref(),
            Some("https://x.example/wp-json/?_fields=name,description")
        );
        assert_eq!(
            wordpress_index_request("https://x.example/?rest_route=/wp/v2/posts").as_deref(),
            Some("https://x.example/?rest_route=/&_fields=name,description")
        );
        assert_eq!(wordpress_index_request("feed.json"), None);
    }

    #[test]
    fn the_rest_index_names_the_site() {
        let index = json!({
            "name": "Новини &amp; Події", "description": "  Міські &#8220;новини&#8221; ",
            "url": "https://x.example", "home": "https://x.example",
            "namespaces": ["wp/v2"], "routes": {"/": {}}
        });
        assert_eq!(
            parse_wordpress_index(&index.to_string()),
            Some(WordPressSite {
                name: Some("Новини & Події".into()),
                description: Some("Міські “новини”".into()),
            })
        );
        assert_eq!(
            parse_wordpress_index(r#"{"name": "Site", "description": ""}"#),
            Some(WordPressSite {
                name: Some("Site".into()),
                description: None
            })
        );
        for broken in [
            "",
            "<!doctype html><title>Not found</title>",
            "[]",
            r#"{"code": "rest_disabled", "message": "The REST API is disabled"}"#,
            r#"{"name": "  ", "description": null}"#,
            r#"{"name": 5}"#,
        ] {
            assert_eq!(parse_wordpress_index(broken), None, "{broken}");
        }
    }

    #[test]
    fn a_failing_index_leaves_the_feed_as_it_was() {
        let feed = corpus_feed("frontity-frontity.test-posts.json");
        assert_eq!(feed.title, "");
        let unnamed = with_site(feed.clone(), parse_wordpress_index("<html>").as_ref());
        assert_eq!(unnamed, feed);
        let named = with_site(
            feed.clone(),
            parse_wordpress_index(r#"{"name": "Frontity Test"}"#).as_ref(),
        );
        assert_eq!(named.title, "Frontity Test");
        assert_eq!(named.description, None);
        assert_eq!(named.articles, feed.articles);
    }

    #[test]
    fn the_builds_bundle_carries_the_sites_name() {
        let posts: Value =
            serde_json::from_str(&corpus("frontity-frontity.test-posts.json")).expect("JSON");
        let plain = parse(&posts.to_string()).expect("valid");
        let bundle = json!({
            "site": {"name": "Frontity &amp; Co", "description": "A test site"},
            "posts": posts
        });
        let feed = parse(&bundle.to_string()).expect("valid");
        assert_eq!(feed.title, "Frontity & Co");
        assert_eq!(feed.description.as_deref(), Some("A test site"));
        assert_eq!(feed.articles, plain.articles);
        // A bundle whose site says nothing is the posts alone.
        let bundle = json!({"site": {"name": ""}, "posts": posts});
        assert_eq!(parse(&bundle.to_string()), Ok(plain));
    }
}
