//! Resolving the relative URLs feeds carry (`/2016/12/photo.jpg`, `../css/site.css`) the way a
//! browser resolves a link on the page they came from (RFC 3986, section 5.2), so a picture
//! from the publisher's blog is fetched from the blog, not from the news site's own host.
//! A few dozen lines rather than the `url` crate, whose IDNA tables would weigh on the wasm.

/// Whether `url` starts with a scheme: a letter, then letters, digits, `+`, `-` or `.`, then
/// `:` (RFC 3986, section 3.1).
pub fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether `url` is an absolute http(s) address: a base other URLs can be resolved against.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `reference` resolved against `base`. With an absolute base the result is absolute (or
/// another scheme's URL, left as it is); with a relative one (a feed served beside the site,
/// `feed.json`) it stays relative to the same place.
pub fn resolve(base: &str, reference: &str) -> String {
    let reference = reference.trim();
    if has_scheme(reference) {
        return reference.to_owned();
    }
    let base = base.trim();
    let (scheme, after_scheme) = match base.split_once("://") {
        Some((scheme, rest)) if has_scheme(&format!("{scheme}:")) => (Some(scheme), rest),
        _ => (None, base),
    };
    if let Some(network_path) = reference.strip_prefix("//") {
        return match scheme {
            Some(scheme) => format!("{scheme}://{network_path}"),
            None => reference.to_owned(),
        };
    }
    let (origin, base_path) = match scheme {
        Some(scheme) => {
            let host_end = after_scheme
                .find(['/', '?', '#'])
                .unwrap_or(after_scheme.len());
            let (host, path) = after_scheme.split_at(host_end);
            (format!("{scheme}://{host}"), path)
        }
        None => (String::new(), after_scheme),
    };
    let (base_path, base_query) = split_query(base_path);
    if reference.is_empty() || reference.starts_with('#') {
        return format!("{origin}{base_path}{base_query}{reference}");
    }
    if reference.starts_with('?') {
        return format!("{origin}{base_path}{reference}");
    }
    let merged = match reference.starts_with('/') {
        true => reference.to_owned(),
        false => {
            let directory = base_path
                .rfind('/')
                .and_then(|at| base_path.get(..=at))
                .unwrap_or("");
            let directory = match (directory, scheme) {
                ("", Some(_)) => "/",
                (directory, _) => directory,
            };
            format!("{directory}{reference}")
        }
    };
    format!("{origin}{}", without_dot_segments(&merged))
}

/// A path and its query, without any fragment: `/a/b?x#y` → (`/a/b`, `?x`).
fn split_query(path: &str) -> (&str, &str) {
    let path = path.split('#').next().unwrap_or(path);
    match path.find('?') {
        Some(at) => path.split_at(at),
        None => (path, ""),
    }
}

/// `/a/b/../c/./d` → `/a/c/d`, leaving any query or fragment as it is.
fn without_dot_segments(path: &str) -> String {
    let (path, rest) = match path.find(['?', '#']) {
        Some(at) => path.split_at(at),
        None => (path, ""),
    };
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (index, segment) in parts.iter().enumerate() {
        let last = index + 1 == parts.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." && segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            segment => segments.push(segment),
        }
    }
    format!("{}{rest}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_as_a_browser_does() {
        let base = "https://hypercritical.co/2016/12/06/review?x=1#top";
        for (reference, expected) in [
            (
                "/2016/12/photo.jpg",
                "https://hypercritical.co/2016/12/photo.jpg",
            ),
            ("photo.jpg", "https://hypercritical.co/2016/12/06/photo.jpg"),
            (
                "../css/site.css",
                "https://hypercritical.co/2016/12/css/site.css",
            ),
            ("../../../../up.png", "https://hypercritical.co/up.png"),
            ("./a/./b", "https://hypercritical.co/2016/12/06/a/b"),
            ("//cdn.example/a.png", "https://cdn.example/a.png"),
            ("https://other.example/a", "https://other.example/a"),
            ("mailto:someone@example.com", "mailto:someone@example.com"),
            (
                "#note-1",
                "https://hypercritical.co/2016/12/06/review?x=1#note-1",
            ),
            (
                "?page=2",
                "https://hypercritical.co/2016/12/06/review?page=2",
            ),
            ("", "https://hypercritical.co/2016/12/06/review?x=1"),
        ] {
            assert_eq!(resolve(base, reference), expected, "{reference}");
        }
        assert_eq!(
            resolve("https://example.com", "a.png"),
            "https://example.com/a.png"
        );
        assert_eq!(
            resolve("HTTPS://Example.com/blog/", "a.png"),
            "HTTPS://Example.com/blog/a.png"
        );
    }

    #[test]
    fn a_relative_base_keeps_the_result_relative() {
        assert_eq!(resolve("feed.json", "media/a.svg"), "media/a.svg");
        assert_eq!(resolve("feed.json", "/media/a.svg"), "/media/a.svg");
        assert_eq!(resolve("/feeds/feed.json", "a.svg"), "/feeds/a.svg");
        assert_eq!(resolve("", "a.svg"), "a.svg");
    }

    #[test]
    fn knows_a_scheme_and_a_web_address() {
        assert!(has_scheme("https://a"));
        assert!(has_scheme("mailto:x"));
        assert!(!has_scheme("/a:b"));
        assert!(!has_scheme("1http://a"));
        assert!(is_web_address("HTTP://example.com/"));
        assert!(!is_web_address("//example.com/"));
        assert!(!is_web_address("feed.json"));
    }
}
