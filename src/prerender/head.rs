//! The head of a prerendered page, as link-preview bots (Telegram, Viber, Facebook, X) and
//! search engines read it: title, description, canonical address, Open Graph and Twitter
//! tags, the feeds, and one JSON-LD block. They read only the head, and some only its first
//! kilobytes, so the template puts these right after `<meta charset>` and `<base>`.

use crate::config::{SiteAddress, SiteConfig, SourceKind};
use crate::feed::{truncate_at_word, Feed};
use crate::html::escape_into;
use crate::page_meta::{ArticleFacts, PageKind, PageMeta};
use crate::routes::RSS_FILE;
use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde_json::{json, Value};

/// The longest headline Google shows for a `NewsArticle`.
const HEADLINE_LEN: usize = 110;

/// What every page's head says about the publication, read once per build.
#[derive(Debug)]
pub struct SiteFacts {
    pub name: String,
    pub url: Option<SiteAddress>,
    /// The picture a page without its own shows when shared: `share_image`, else the logo.
    pub picture: Option<String>,
    pub logo: Option<String>,
    /// The feeds offered to readers' apps: type, address, name.
    pub feeds: Vec<(&'static str, String, &'static str)>,
}

impl SiteFacts {
    /// `rss` says whether the build writes [`RSS_FILE`].
    pub fn new(config: &SiteConfig, feed: &Feed, rss: bool) -> SiteFacts {
        let json_feed = (config.source.kind == SourceKind::JsonFeed).then(|| {
            (
                "application/feed+json",
                config.source.url.clone(),
                "JSON Feed",
            )
        });
        let rss = rss.then(|| ("application/rss+xml", RSS_FILE.to_owned(), "RSS"));
        SiteFacts {
            name: config.publication_name(feed).to_owned(),
            url: config.url.clone(),
            picture: config.share_image.clone().or(config.logo.clone()),
            logo: config.logo.clone(),
            feeds: json_feed.into_iter().chain(rss).collect(),
        }
    }

    /// `url` absolute, where the site's address is known or it already is.
    fn absolute(&self, url: &str) -> Option<String> {
        match &self.url {
            Some(site) => Some(site.absolute(url)),
            None => is_absolute(url).then(|| url.to_owned()),
        }
    }

    /// `url` absolute where possible, else as it is (root-relative for site paths): for the
    /// formats that resolve relative addresses (`<link>`, JSON-LD).
    fn best(&self, url: &str) -> String {
        self.absolute(url).unwrap_or_else(|| url.to_owned())
    }
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// A picture preview cards can show: Facebook, X and Telegram show no SVG.
fn previewable(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    !path.to_ascii_lowercase().ends_with(".svg")
}

/// The tags for a view's head, from `<title>` to its structured data.
pub fn head_tags(meta: &PageMeta, site: &SiteFacts) -> String {
    let mut out = String::with_capacity(2048);
    element(&mut out, "title", &meta.title);
    let canonical = meta.listed().then(|| site.best(&meta.path));
    let og_url = meta.listed().then(|| site.absolute(&meta.path)).flatten();
    let image = picture(meta, site);
    let article = match &meta.kind {
        PageKind::Article(facts) => Some(facts),
        _ => None,
    };
    let tags: [(&str, &str, Option<&str>); 11] = [
        ("name", "description", meta.description.as_deref()),
        ("name", "robots", (!meta.listed()).then_some("noindex")),
        ("property", "og:site_name", Some(&site.name)),
        ("property", "og:title", Some(&meta.headline)),
        ("property", "og:description", meta.description.as_deref()),
        ("property", "og:url", og_url.as_deref()),
        (
            "property",
            "og:type",
            Some(article.map_or("website", |_| "article")),
        ),
        ("property", "og:locale", Some(meta.lang.locale())),
        (
            "property",
            "og:image",
            image.as_ref().map(|(url, _)| url.as_str()),
        ),
        (
            "property",
            "og:image:alt",
            image.as_ref().map(|(_, alt)| alt.as_str()),
        ),
        (
            "name",
            "twitter:card",
            Some(match image {
                Some(_) => "summary_large_image",
                None => "summary",
            }),
        ),
    ];
    if let Some(canonical) = &canonical {
        link(&mut out, &[("rel", "canonical"), ("href", canonical)]);
    }
    for (key, name, value) in tags {
        if let Some(value) = value {
            meta_tag(&mut out, key, name, value);
        }
    }
    if let Some(facts) = article {
        article_tags(&mut out, facts);
    }
    for (kind, href, title) in &site.feeds {
        let href = site.best(href);
        link(
            &mut out,
            &[
                ("rel", "alternate"),
                ("type", kind),
                ("href", &href),
                ("title", title),
            ],
        );
    }
    if let Some(data) = structured_data(meta, site, canonical.as_deref(), image.as_ref()) {
        out.push_str("<script type=\"application/ld+json\">");
        out.push_str(&script_json(&data));
        out.push_str("</script>");
    }
    out
}

/// The picture a shared link shows, with its description: the article's, else the
/// publication's; only where it has an absolute address and a format previews show.
fn picture(meta: &PageMeta, site: &SiteFacts) -> Option<(String, String)> {
    let own = match &meta.kind {
        PageKind::Article(facts) => facts.image.as_deref().filter(|url| previewable(url)),
        _ => None,
    };
    let (url, alt) = match own {
        Some(url) => (url, &meta.headline),
        None => (
            site.picture.as_deref().filter(|url| previewable(url))?,
            &site.name,
        ),
    };
    Some((site.absolute(url)?, alt.clone()))
}

fn article_tags(out: &mut String, facts: &ArticleFacts) {
    if let Some(published) = &facts.published {
        meta_tag(
            out,
            "property",
            "article:published_time",
            &iso_date(published),
        );
    }
    if let Some(modified) = facts.modified.as_ref().or(facts.published.as_ref()) {
        meta_tag(
            out,
            "property",
            "article:modified_time",
            &iso_date(modified),
        );
    }
    if let Some(section) = &facts.section {
        meta_tag(out, "property", "article:section", section);
    }
    for author in &facts.authors {
        meta_tag(out, "property", "article:author", author);
    }
}

/// ISO 8601 with the publisher's offset, as Open Graph and schema.org expect.
fn iso_date(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A `NewsArticle` for an article, a `WebSite` for the front page, a `BreadcrumbList` for
/// the other listing pages; nothing for unlisted views.
fn structured_data(
    meta: &PageMeta,
    site: &SiteFacts,
    canonical: Option<&str>,
    image: Option<&(String, String)>,
) -> Option<Value> {
    let page = canonical?;
    Some(strip_nulls(match &meta.kind {
        PageKind::Article(facts) => news_article(meta, facts, site, page, image),
        PageKind::Front => json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.name,
            "url": page,
            "inLanguage": meta.lang.code(),
            "description": meta.description,
        }),
        PageKind::Listing { trail } => json!({
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": trail.iter().enumerate().map(|(index, (name, path))| json!({
                "@type": "ListItem",
                "position": index + 1,
                "name": name,
                "item": site.best(path),
            })).collect::<Vec<_>>(),
        }),
        PageKind::Unlisted => return None,
    }))
}

fn news_article(
    meta: &PageMeta,
    facts: &ArticleFacts,
    site: &SiteFacts,
    page: &str,
    image: Option<&(String, String)>,
) -> Value {
    let authors: Vec<Value> = facts
        .authors
        .iter()
        .map(|name| json!({ "@type": "Person", "name": name }))
        .collect();
    let logo = site
        .logo
        .as_deref()
        .map(|logo| json!({ "@type": "ImageObject", "url": site.best(logo) }));
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": truncate_at_word(&meta.headline, HEADLINE_LEN - 1),
        "datePublished": facts.published.as_ref().map(iso_date),
        "dateModified": facts.modified.as_ref().or(facts.published.as_ref()).map(iso_date),
        "author": authors,
        "publisher": { "@type": "Organization", "name": site.name, "logo": logo },
        "mainEntityOfPage": { "@type": "WebPage", "@id": page },
        "inLanguage": meta.lang.code(),
        "articleSection": facts.section,
        "description": meta.description,
    });
    // Google wants the article's own picture; any picture beats none for the card.
    let own = facts.image.as_deref().map(|url| site.best(url));
    if let Some(url) = own.or_else(|| image.map(|(url, _)| url.clone())) {
        article["image"] = json!([url]);
    }
    article
}

/// Leaves out the fields that have no value rather than writing `null`.
fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (key, strip_nulls(value)))
                .collect(),
        ),
        other => other,
    }
}

/// JSON for a `<script>` element: with every `<` escaped, no string in it can end the
/// element (`</script>`) or open a comment (`<!--`).
pub fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape_into(text, out);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn meta_tag(out: &mut String, key: &str, name: &str, content: &str) {
    out.push_str("<meta ");
    out.push_str(key);
    out.push_str("=\"");
    out.push_str(name);
    out.push_str("\" content=\"");
    escape_into(content, out);
    out.push_str("\">");
}

fn link(out: &mut String, attributes: &[(&str, &str)]) {
    out.push_str("<link");
    for (name, value) in attributes {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_into(value, out);
        out.push('"');
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_json_feed;
    use crate::i18n::Lang;
    use crate::routes::{article_path, category_path, listing_path, BASE};

    const FEED: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Вістка",
        "description": "Новини містечка", "items": [
        {"id": "1", "title": "Рада сказала «так» і \"ні\" </script><!--", "url": "https://vistka.example/rada/",
         "date_published": "2024-11-23T10:00:00+02:00", "date_modified": "2024-11-23T12:30:00+02:00",
         "summary": "Коротко про рішення.", "image": "https://cdn.example/rada.jpg",
         "authors": [{"name": "Олена Коваль"}], "tags": ["Громада"], "content_html": "<p>Текст</p>"},
        {"id": "2", "title": "Without a picture", "language": "en",
         "date_published": "2024-11-22T10:00:00Z", "image": "media/river.svg", "content_text": "Words."}]}"#;

    fn site(url: Option<&str>) -> (SiteConfig, Feed) {
        let config = SiteConfig {
            url: url.map(|url| SiteAddress::parse(url).expect("an address")),
            logo: Some("favicon.svg".into()),
            share_image: Some("media/share.png".into()),
            ..SiteConfig::default()
        };
        (
            config,
            parse_json_feed(FEED, &crate::feed::test_options()).expect("parses"),
        )
    }

    fn article_head(url: Option<&str>, index: usize) -> String {
        let (config, feed) = site(url);
        let article = feed.articles.get(index).expect("an article");
        let meta = PageMeta::article(article, article_path(&article.slug), "Вістка", Lang::Uk);
        head_tags(&meta, &SiteFacts::new(&config, &feed, url.is_some()))
    }

    /// The value of `<meta key="name" content="…">`, as written.
    fn content<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        let start = format!("=\"{name}\" content=\"");
        let (_, rest) = head.split_once(&start)?;
        rest.split_once('"').map(|(value, _)| value)
    }

    fn json_ld(head: &str) -> Value {
        let (_, rest) = head
            .split_once("<script type=\"application/ld+json\">")
            .expect("structured data");
        let (json, _) = rest.split_once("</script>").expect("closed");
        serde_json::from_str(json).expect("valid JSON")
    }

    #[test]
    fn an_article_with_a_picture_is_a_large_card() {
        let head = article_head(Some("https://vistka.example/"), 0);
        let page = format!("https://vistka.example{BASE}article/rada");
        assert_eq!(
            content(&head, "og:title"),
            Some("Рада сказала «так» і &quot;ні&quot; &lt;/script&gt;&lt;!--")
        );
        assert_eq!(content(&head, "og:url"), Some(page.as_str()));
        assert!(head.contains(&format!("<link rel=\"canonical\" href=\"{page}\">")));
        assert_eq!(content(&head, "og:type"), Some("article"));
        assert_eq!(content(&head, "og:locale"), Some("uk_UA"));
        assert_eq!(
            content(&head, "og:description"),
            Some("Коротко про рішення.")
        );
        assert_eq!(content(&head, "description"), Some("Коротко про рішення."));
        assert_eq!(
            content(&head, "og:image"),
            Some("https://cdn.example/rada.jpg")
        );
        assert_eq!(content(&head, "twitter:card"), Some("summary_large_image"));
        assert_eq!(
            content(&head, "article:published_time"),
            Some("2024-11-23T10:00:00+02:00")
        );
        assert_eq!(
            content(&head, "article:modified_time"),
            Some("2024-11-23T12:30:00+02:00")
        );
        assert_eq!(content(&head, "article:section"), Some("Громада"));
        assert_eq!(content(&head, "article:author"), Some("Олена Коваль"));
        assert_eq!(content(&head, "robots"), None);
        assert!(head.starts_with("<title>Рада сказала «так» і &quot;ні&quot; &lt;/script&gt;"));
    }

    #[test]
    fn structured_data_cannot_end_its_script_element() {
        let head = article_head(Some("https://vistka.example/"), 0);
        let (_, data) = head.split_once("application/ld+json\">").expect("data");
        let (data, _) = data.split_once("</script>").expect("closed");
        assert!(!data.contains('<'), "{data}");
        let article = json_ld(&head);
        assert_eq!(article["@type"], "NewsArticle");
        assert_eq!(
            article["headline"],
            "Рада сказала «так» і \"ні\" </script><!--"
        );
        assert_eq!(article["datePublished"], "2024-11-23T10:00:00+02:00");
        assert_eq!(article["dateModified"], "2024-11-23T12:30:00+02:00");
        assert_eq!(article["author"][0]["@type"], "Person");
        assert_eq!(article["author"][0]["name"], "Олена Коваль");
        assert_eq!(article["image"][0], "https://cdn.example/rada.jpg");
        assert_eq!(article["publisher"]["@type"], "Organization");
        assert_eq!(article["publisher"]["name"], "Вістка");
        assert_eq!(
            article["publisher"]["logo"]["url"],
            format!("https://vistka.example{BASE}favicon.svg")
        );
        assert_eq!(
            article["mainEntityOfPage"]["@id"],
            format!("https://vistka.example{BASE}article/rada")
        );
        assert_eq!(article["inLanguage"], "uk");
        assert_eq!(article["articleSection"], "Громада");
    }

    #[test]
    fn headlines_in_structured_data_stop_at_110_characters() {
        let (config, feed) = site(None);
        let article = feed.articles.first().expect("an article");
        let mut meta = PageMeta::article(article, article_path("a"), "Вістка", Lang::Uk);
        meta.headline = "слово ".repeat(40);
        let head = head_tags(&meta, &SiteFacts::new(&config, &feed, false));
        let headline = json_ld(&head)["headline"].as_str().map(str::to_owned);
        let headline = headline.expect("a headline");
        assert!(headline.chars().count() <= HEADLINE_LEN, "{headline}");
        assert!(headline.ends_with("слово…"));
    }

    #[test]
    fn an_svg_picture_gives_way_to_the_publications() {
        let head = article_head(Some("https://vistka.example/"), 1);
        assert_eq!(
            content(&head, "og:image"),
            Some(format!("https://vistka.example{BASE}media/share.png").as_str())
        );
        assert_eq!(content(&head, "og:image:alt"), Some("Вістка"));
        assert_eq!(content(&head, "og:locale"), Some("en_US"));
        assert_eq!(content(&head, "article:author"), None);
        assert_eq!(content(&head, "description"), Some("Words."));
    }

    #[test]
    fn without_the_sites_address_what_must_be_absolute_is_left_out() {
        let head = article_head(None, 1);
        assert_eq!(content(&head, "og:url"), None);
        assert_eq!(
            content(&head, "og:image"),
            None,
            "media/share.png is relative"
        );
        assert_eq!(content(&head, "twitter:card"), Some("summary"));
        let path = format!("{BASE}article/without-a-picture");
        assert!(head.contains(&format!("<link rel=\"canonical\" href=\"{path}\">")));
        assert_eq!(json_ld(&head)["mainEntityOfPage"]["@id"], path);
        assert!(!head.contains("rss.xml"));
        // An absolute picture from the feed still makes a large card.
        let head = article_head(None, 0);
        assert_eq!(
            content(&head, "og:image"),
            Some("https://cdn.example/rada.jpg")
        );
    }

    #[test]
    fn every_page_offers_the_feeds() {
        let (config, feed) = site(Some("https://vistka.example/"));
        let meta = PageMeta::section(
            "Останні новини",
            "Вістка",
            Some("Новини"),
            listing_path(1),
            Lang::Uk,
            PageKind::Front,
        );
        let head = head_tags(&meta, &SiteFacts::new(&config, &feed, true));
        let base = format!("https://vistka.example{BASE}");
        assert!(head.contains(&format!(
            "<link rel=\"alternate\" type=\"application/feed+json\" href=\"{base}feed.json\" title=\"JSON Feed\">"
        )));
        assert!(head.contains(&format!(
            "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{base}rss.xml\" title=\"RSS\">"
        )));
        let website = json_ld(&head);
        assert_eq!(website["@type"], "WebSite");
        assert_eq!(website["name"], "Вістка");
        assert_eq!(website["url"], base);
        assert_eq!(content(&head, "og:type"), Some("website"));
    }

    #[test]
    fn a_category_page_has_its_trail() {
        let (config, feed) = site(Some("https://vistka.example/"));
        let trail = vec![
            ("Вістка".to_owned(), listing_path(1)),
            ("Громада".to_owned(), category_path("gromada", 1)),
        ];
        let meta = PageMeta::section(
            "Громада",
            "Вістка",
            None,
            category_path("gromada", 1),
            Lang::Uk,
            PageKind::Listing { trail },
        );
        let crumbs = json_ld(&head_tags(&meta, &SiteFacts::new(&config, &feed, true)));
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        let items = crumbs["itemListElement"].as_array().expect("items");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1]["position"], 2);
        assert_eq!(items[1]["name"], "Громада");
        assert_eq!(
            items[1]["item"],
            format!("https://vistka.example{BASE}category/gromada")
        );
    }

    #[test]
    fn unlisted_views_ask_not_to_be_indexed() {
        let (config, feed) = site(Some("https://vistka.example/"));
        let meta = PageMeta::section(
            "Не знайдено",
            "Вістка",
            None,
            String::new(),
            Lang::Uk,
            PageKind::Unlisted,
        );
        let head = head_tags(&meta, &SiteFacts::new(&config, &feed, true));
        assert_eq!(content(&head, "robots"), Some("noindex"));
        assert!(!head.contains("canonical"));
        assert_eq!(content(&head, "og:url"), None);
        assert!(!head.contains("ld+json"));
    }
}
