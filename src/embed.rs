//! Third-party embeds (video players) in article bodies: which are allowed, and how they are
//! written — as the player itself once the reader allows external media, else as a
//! click-to-load placeholder that contacts nobody.

use crate::html::escape;
use std::fmt::Write;

/// Players an article may embed: HTTPS only, matched on host and path prefix. YouTube's
/// privacy-enhanced host is listed; plain youtube.com embeds are rewritten to it.
const PROVIDERS: [(&str, &str); 3] = [
    ("www.youtube-nocookie.com", "/embed/"),
    ("www.youtube.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
];

/// How embeds are written.
#[derive(Clone, Copy, Debug)]
pub enum Embeds<'a> {
    /// The reader allows external media: the player itself.
    Load,
    /// No consent yet: a placeholder with this notice and button text.
    Placeholder { notice: &'a str, load: &'a str },
}

/// The embed URL to use for an iframe `src`, or `None` if it is not an allowed player.
pub fn embed_url(src: &str) -> Option<String> {
    let rest = src.trim().strip_prefix("https://")?;
    let (host, path) = rest.split_at(rest.find('/')?);
    let (_, prefix) = PROVIDERS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(host))?;
    let id_and_query = path.strip_prefix(prefix)?;
    let id_ok = id_and_query.split(['?', '#']).next().is_some_and(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if !id_ok || id_and_query.contains(['"', '\'', '<', '>', '\\', ' ']) {
        return None;
    }
    let host = if host.eq_ignore_ascii_case("www.youtube.com") {
        "www.youtube-nocookie.com"
    } else {
        host
    };
    Some(format!("https://{host}{prefix}{id_and_query}"))
}

/// The provider's host, as the placeholder names it.
pub fn embed_host(url: &str) -> &str {
    url.strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(url)
}

/// Writes the player, or its placeholder, for an allowed embed URL from [`embed_url`].
pub fn write_embed(url: &str, title: &str, embeds: Embeds<'_>, out: &mut String) {
    let url = escape(url);
    let title = escape(title);
    match embeds {
        Embeds::Load => out.push_str(&player_html(&url, &title)),
        Embeds::Placeholder { notice, load } => {
            let _ = write!(
                out,
                "<div class=\"embed embed-placeholder\" data-embed-src=\"{url}\" data-embed-title=\"{title}\">\
                 <p>{} <strong>{}</strong></p>\
                 <button type=\"button\" class=\"button needs-js\" data-load-embed>{}</button></div>",
                escape(notice),
                escape(embed_host(&url)),
                escape(load),
            );
        }
    }
}

/// The player markup: sandboxed, lazy, sending only the origin as referrer. Both arguments
/// must already be escaped.
fn player_html(url: &str, title: &str) -> String {
    format!(
        "<div class=\"embed\"><iframe src=\"{url}\" title=\"{title}\" loading=\"lazy\" \
         allow=\"fullscreen; picture-in-picture\" referrerpolicy=\"strict-origin-when-cross-origin\" \
         sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\"></iframe></div>"
    )
}

/// The player for one placeholder the reader clicked, or `None` if the URL is not allowed.
pub fn player_for(src: &str, title: &str) -> Option<String> {
    let url = embed_url(src)?;
    Some(player_html(&escape(&url), &escape(title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_players() {
        assert_eq!(
            embed_url("https://www.youtube.com/embed/dQw4w9WgXcQ?start=30").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30")
        );
        assert_eq!(
            embed_url("https://player.vimeo.com/video/76979871").as_deref(),
            Some("https://player.vimeo.com/video/76979871")
        );
    }

    #[test]
    fn everything_else_is_refused() {
        for src in [
            "http://www.youtube.com/embed/abc",
            "https://evil.example/embed/abc",
            "https://www.youtube.com.evil.example/embed/abc",
            "https://www.youtube.com/watch?v=abc",
            "https://www.youtube.com/embed/",
            "https://www.youtube.com/embed/a\"onload=\"x",
            "javascript:alert(1)",
            "//www.youtube.com/embed/abc",
            "https://www.youtube.com",
        ] {
            assert_eq!(embed_url(src), None, "{src}");
        }
    }

    #[test]
    fn placeholder_contacts_nobody_until_asked() {
        let mut out = String::new();
        let url = "https://player.vimeo.com/video/1";
        write_embed(
            url,
            "Відео <1>",
            Embeds::Placeholder {
                notice: "Вміст із",
                load: "Показати",
            },
            &mut out,
        );
        assert!(!out.contains("<iframe"));
        assert!(out.contains("data-embed-src=\"https://player.vimeo.com/video/1\""));
        assert!(out.contains("data-embed-title=\"Відео &lt;1&gt;\""));
        assert!(out.contains("<strong>player.vimeo.com</strong>"));
        let mut loaded = String::new();
        write_embed(url, "Відео", Embeds::Load, &mut loaded);
        assert!(loaded.contains("<iframe src=\"https://player.vimeo.com/video/1\" title=\"Відео\""));
        assert!(loaded.contains("sandbox="));
        assert_eq!(player_for(url, "Відео").as_deref(), Some(loaded.as_str()));
        assert_eq!(player_for("https://evil.example/video/1", "x"), None);
    }
}
