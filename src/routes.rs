//! The site's URLs: building them for links and reading their parameters.
//!
//! Pages are path segments (`/page/2`, `/category/sport/page/2`) rather than query strings:
//! every page is a plain cacheable URL a static host and a crawler treat as its own document.

pub fn listing_path(page: usize) -> String {
    match page {
        0 | 1 => "/".to_owned(),
        n => format!("/page/{n}"),
    }
}

pub fn article_path(slug: &str) -> String {
    format!("/article/{slug}")
}

pub fn category_path(slug: &str, page: usize) -> String {
    match page {
        0 | 1 => format!("/category/{slug}"),
        n => format!("/category/{slug}/page/{n}"),
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
    fn builds_paths() {
        assert_eq!(listing_path(1), "/");
        assert_eq!(listing_path(3), "/page/3");
        assert_eq!(article_path("rada-vyrishyla"), "/article/rada-vyrishyla");
        assert_eq!(category_path("sport", 1), "/category/sport");
        assert_eq!(category_path("sport", 2), "/category/sport/page/2");
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
