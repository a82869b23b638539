//! The site's URLs: building them for links and reading their parameters.
//!
//! Pages are path segments (`/page/2`, `/category/sport/page/2`) rather than query strings:
//! every page is a plain cacheable URL a static host and a crawler treat as its own document.
//!
//! The site may live under a sub-path (`/news/`), fixed at build time by `VISTKA_BASE`
//! (`scripts/build.sh --base /news/`): a constant rather than a runtime lookup, so links are
//! plain strings and views can be rendered ahead of time.

/// The path the site is served under, with a trailing slash: `/` or `/news/`.
pub const BASE: &str = match option_env!("VISTKA_BASE") {
    Some(base) => base,
    None => "/",
};

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn reads_page_numbers() {
        assert_eq!(page_number(None), Some(1));
        assert_eq!(page_number(Some("2")), Some(2));
        assert_eq!(page_number(Some("120")), Some(120));
        for bad in ["0", "02", "-1", "2x", "", "1.5", "99999999999999999999999"] {
            assert_eq!(page_number(Some(bad)), None, "{bad}");
        }
    }
}
