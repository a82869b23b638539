//! The site's URLs: building them for links and reading their parameters.
//!
//! Pages are path segments (`/page/2`, `/category/sport/page/2`) rather than query strings:
//! every page is a plain cacheable URL a static host and a crawler treat as its own document.
//!
//! The site may live under a sub-path (`/news/`), fixed at build time by `VISTKA_BASE`
//! (`scripts/build.sh --base /news/`): a constant rather than a runtime lookup, so links are
//! plain strings and views can be rendered ahead of time.

use crate::feed::Feed;
use crate::paging::page_count;
use crate::slug::query_decode;

/// The path the site is served under, with a trailing slash: `/` or `/news/`.
pub const BASE: &str = match option_env!("VISTKA_BASE") {
    Some(base) => base,
    None => "/",
};

/// The RSS file the build writes beside the pages where it knows the site's address
/// (src/prerender/site_files.rs), offered in every page's head and footer.
pub const RSS_FILE: &str = "rss.xml";

/// [`BASE`] as the router wants it: without the trailing slash, empty at the root.
pub fn router_base() -> &'static str {
    BASE.trim_end_matches('/')
}

pub fn listing_path(page: usize) -> String {
    match page {
        0 | 1 => BASE.to_owned(),
        n => format!("{BASE}page/{n}"),
    }
}

pub fn article_path(slug: &str) -> String {
    format!("{BASE}article/{slug}")
}

pub fn category_path(slug: &str, page: usize) -> String {
    match page {
        0 | 1 => format!("{BASE}category/{slug}"),
        n => format!("{BASE}category/{slug}/page/{n}"),
    }
}

/// The search view: `/search`, with `?q=` the query and `&page=` its page.
pub fn search_path(query: &str, page: usize) -> String {
    let mut path = format!("{BASE}search");
    if !query.trim().is_empty() {
        path.push_str("?q=");
        path.push_str(&encode_component(query.trim()));
        if page > 1 {
            path.push_str(&format!("&page={page}"));
        }
    }
    path
}

/// Whether `path` (with the base, as the browser has it) is the search page's.
pub fn is_search_path(path: &str) -> bool {
    path.trim_end_matches('/') == search_path("", 1)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(char::from(byte))
            }
            byte => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The value of the query string parameter `name`, decoded once ([`query_decode`]). The
/// router's query map decodes twice (the browser's `URLSearchParams`, then
/// `decodeURIComponent` again), which read a query «%41», written `q=%2541`, back as «A».
pub fn query_value(search: &str, name: &str) -> Option<String> {
    query_param(search, name).map(query_decode)
}

/// The embed view's path: what partners' iframes load.
pub fn embed_path() -> String {
    format!("{BASE}embed")
}

/// What a partner asked the embed to show, read from its query string
/// (`?count=5&category=sport&theme=dark&id=w0`; `lang=en` is read for every view, by the
/// app). Anything unreadable falls back to the
/// default: a partner's typo shows a working widget, not an error.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    pub count: usize,
    pub category: Option<String>,
    pub dark: bool,
    /// Names the widget in its height messages to the partner page.
    pub id: String,
}

/// The most items an embed lists.
pub const MAX_EMBED_COUNT: usize = 20;

impl EmbedOptions {
    pub fn from_query(param: impl Fn(&str) -> Option<String>) -> EmbedOptions {
        let count = param("count")
            .and_then(|count| count.parse::<usize>().ok())
            .filter(|count| (1..=MAX_EMBED_COUNT).contains(count))
            .unwrap_or(5);
        let id: String = param("id")
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(64)
            .collect();
        EmbedOptions {
            count,
            category: param("category").filter(|slug| !slug.is_empty()),
            dark: param("theme").as_deref() == Some("dark"),
            id,
        }
    }
}

/// The value of the parameter `name` in a query string (`?a=1&lang=en`), undecoded: the
/// values read this way are short codes.
pub fn query_param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// A query string (`?a=1&lang=en`) without the parameter `name`; empty when nothing is left.
pub fn without_param(search: &str, name: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .collect();
    match kept.is_empty() {
        true => String::new(),
        false => format!("?{}", kept.join("&")),
    }
}

/// Reads a page number from a URL segment. `None` (the route has no page segment) is page 1;
/// anything but a plain positive number (`0`, `-1`, `02`, `2x`) is no page at all, so the
/// view shows "not found" rather than guessing.
pub fn page_number(segment: Option<&str>) -> Option<usize> {
    let Some(segment) = segment else {
        return Some(1);
    };
    if segment.starts_with('0') || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}

/// Every view of `feed` with `page_size` items a page, as the paths a static host serves:
/// the listing's pages, every article, every category and its pages, and the embed. The
/// build's prerenderer writes one document for each; any other path is not found.
pub fn site_paths(feed: &Feed, page_size: usize) -> impl Iterator<Item = String> + '_ {
    let pages = move |len: usize| 1..=page_count(len, page_size);
    let listing = pages(feed.articles.len()).map(listing_path);
    let articles = feed
        .articles
        .iter()
        .map(|article| article_path(&article.slug));
    let categories = feed.categories.iter().flat_map(move |category| {
        let count = feed.in_category(&category.slug).count();
        pages(count).map(|n| category_path(&category.slug, n))
    });
    listing
        .chain(articles)
        .chain(categories)
        .chain(std::iter::once(embed_path()))
        .chain(std::iter::once(search_path("", 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_query_reads_back_from_its_address_as_typed() {
        for query in [
            "%41",
            "50%",
            "a+b c",
            "пам'ять",
            "#&=?/",
            "%E2%82",
            "🙂 עברית",
        ] {
            let path = search_path(query, 1);
            let search = path.split_once('?').map_or("", |(_, search)| search);
            assert_eq!(query_value(search, "q").as_deref(), Some(query), "{path}");
        }
        // Written by other software: `+` for a space, lower-case escapes, a broken escape, bytes
        // that are not UTF-8 (kept as they were written).
        assert_eq!(
            query_value("?q=a+b%2c%zz&page=2", "q").as_deref(),
            Some("a b,%zz")
        );
        assert_eq!(query_value("q=%FF", "q").as_deref(), Some("%FF"));
        assert_eq!(query_value("page=2", "q"), None);
    }

    fn options(query: &[(&str, &str)]) -> EmbedOptions {
        EmbedOptions::from_query(|key| {
            query
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn embed_options_with_defaults() {
        let defaults = options(&[]);
        assert_eq!(
            defaults,
            EmbedOptions {
                count: 5,
                category: None,
                dark: false,
                id: String::new()
            }
        );
        let asked = options(&[
            ("count", "3"),
            ("category", "sport"),
            ("theme", "dark"),
            ("id", "w1"),
        ]);
        assert_eq!(
            asked,
            EmbedOptions {
                count: 3,
                category: Some("sport".into()),
                dark: true,
                id: "w1".into()
            }
        );
    }

    #[test]
    fn embed_options_ignore_what_they_cannot_read() {
        for count in ["0", "-1", "21", "many", ""] {
            assert_eq!(options(&[("count", count)]).count, 5, "{count}");
        }
        assert!(!options(&[("theme", "purple")]).dark);
        assert_eq!(options(&[("id", "w1\"><script>")]).id, "w1script");
    }

    #[test]
    fn the_base_is_a_path_with_slashes_at_both_ends() {
        assert!(BASE.starts_with('/') && BASE.ends_with('/'), "{BASE}");
        assert_eq!(format!("{}/", router_base()), BASE);
    }

    #[test]
    fn builds_paths() {
        assert_eq!(listing_path(1), BASE);
        assert_eq!(listing_path(3), format!("{BASE}page/3"));
        assert_eq!(
            article_path("rada-vyrishyla"),
            format!("{BASE}article/rada-vyrishyla")
        );
        assert_eq!(category_path("sport", 1), format!("{BASE}category/sport"));
        assert_eq!(
            category_path("sport", 2),
            format!("{BASE}category/sport/page/2")
        );
    }

    #[test]
    fn reads_one_query_parameter() {
        assert_eq!(query_param("?lang=en", "lang"), Some("en"));
        assert_eq!(query_param("a=1&lang=uk&lang=en", "lang"), Some("uk"));
        assert_eq!(query_param("?language=en&lang", "lang"), None);
        assert_eq!(query_param("", "lang"), None);
    }

    #[test]
    fn drops_one_query_parameter() {
        assert_eq!(without_param("?lang=en", "lang"), "");
        assert_eq!(without_param("?a=1&lang=en&b=2", "lang"), "?a=1&b=2");
        assert_eq!(
            without_param("?a=1&language=en", "lang"),
            "?a=1&language=en"
        );
        assert_eq!(without_param("?lang&a=1&lang=uk", "lang"), "?a=1");
        assert_eq!(without_param("", "lang"), "");
        assert_eq!(without_param("?", "lang"), "");
    }

    #[test]
    fn reads_page_numbers() {
        assert_eq!(page_number(None), Some(1));
        assert_eq!(page_number(Some("2")), Some(2));
        assert_eq!(page_number(Some("120")), Some(120));
        for bad in ["0", "02", "-1", "2x", "", "1.5", "99999999999999999999999"] {
            assert_eq!(page_number(Some(bad)), None, "{bad}");
        }
    }
}
