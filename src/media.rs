//! An item's attachments (JSON Feed `attachments`: podcast episodes, videos, documents) as the
//! article shows them: which get a player, where that player may fetch its file from, and the
//! words around it. Pure; the component is `views::attachments`.
//!
//! Where a file plays from is a consent question. Playing a file on another host is a request
//! to that host, with the reader's address, browser and (by the site's referrer policy) the
//! site's origin, and the answer may set cookies (the element sends credentials) and log who
//! listened to what: what an embedded player does. So it follows the rules of the players
//! (`crate::embed`), under the "external media" category:
//!
//! - the site's own files (a relative URL, or one on `publication.url`'s origin) play at once:
//!   nobody else hears of it;
//! - a file on another host gets its player when the reader allows external media; until then
//!   a placeholder names the host, with a button that loads this one player without changing
//!   the consent. A player loaded that way stays while the reader is on the article, whatever
//!   they then answer about consent (withdrawing it turns back the players it had allowed, not
//!   the ones the reader asked for by name: stopping an episode mid-sentence because the banner
//!   was answered would punish the reader for answering);
//! - every player has a download link beside it, with or without consent: following a link is
//!   the reader's own, knowing act, as with any link to another site in an article;
//! - every player is `preload="none"`: a 75 MB episode must not start downloading on page
//!   view. With it, even an allowed player asks its host for nothing until play is pressed;
//!   but `preload` is a hint a browser may ignore, so the consent does not rest on it.
//!
//! The markup is written here as strings, as `crate::embed` writes its players, every text and
//! address escaped: the component (`views::attachments`) is one element per attachment whose
//! inside follows the reader's consent. Measured on the release wasm, a Leptos view per
//! element for the same markup (figure, caption, facts, slot, link) cost about 4.5 KB more
//! (brotli).
//!
//! A player for another host's file asks for it over HTTPS: an HTTPS page's `http:` media is
//! mixed content, and the policy (`media-src 'self' https:`, scripts/postbuild.mjs) allows
//! HTTPS only. The download link keeps the address the feed gave.

use crate::config::SiteAddress;
use crate::feed::Attachment;
use crate::html::{collapse_whitespace, escape_into, is_safe_url};
use crate::i18n::{Lang, Strings};
use crate::slug::percent_decode;

/// How an attachment is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownAttachment {
    /// Its own title, else what it is («Аудіо») or, for another file, its file name.
    pub title: String,
    /// Running time, format and size, where the feed gives them.
    pub facts: Vec<Fact>,
    /// The address the feed gave: the download link, or the link of a file without a player.
    pub href: String,
    /// Another host's name, shown on the placeholder; `None` for the site's own file.
    pub host: Option<String>,
    /// `None` for a file browsers do not play (anything but `audio/*` and `video/*`).
    pub player: Option<Player>,
}

/// A native `<audio>` or `<video>` player.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    pub video: bool,
    /// The player's `src`: the feed's address, on HTTPS for another host.
    pub src: String,
}

/// One fact about a file, as text; a running time also as a valid duration string for
/// `<time datetime>` (`PT3900S`).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub text: String,
    pub datetime: Option<String>,
}

/// How `attachment` is shown to a reader of `lang` on the site at `site`; `None` for one
/// whose address cannot be offered (another scheme than http(s), or a host hidden behind
/// credentials).
pub fn shown_attachment(
    attachment: &Attachment,
    site: Option<&SiteAddress>,
    lang: Lang,
) -> Option<ShownAttachment> {
    let strings = lang.strings();
    let href = attachment.url.trim();
    let place = place(href, site)?;
    let mime = attachment.mime_type.trim().to_ascii_lowercase();
    let video = mime.starts_with("video/");
    let playable = video || mime.starts_with("audio/");
    let title = attachment
        .title
        .as_deref()
        .map(collapse_whitespace)
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| match (playable, video) {
            (true, true) => strings.video.to_owned(),
            (true, false) => strings.audio.to_owned(),
            (false, _) => file_name(href).unwrap_or_else(|| strings.file.to_owned()),
        });
    // Feeds write 0 for "unknown": no file is empty and no episode lasts no time.
    let duration = attachment
        .duration_in_seconds
        .filter(|seconds| *seconds > 0)
        .map(|seconds| Fact {
            text: lang.duration(seconds),
            datetime: Some(format!("PT{seconds}S")),
        });
    let text = |text: String| Fact {
        text,
        datetime: None,
    };
    let format = format_label(&mime).map(|label| text(label.to_owned()));
    let size = attachment
        .size_in_bytes
        .filter(|bytes| *bytes > 0)
        .map(|bytes| text(lang.file_size(bytes)));
    let (host, src) = match place {
        Place::Own => (None, href.to_owned()),
        Place::Other { host, https } => (Some(host), https),
    };
    Some(ShownAttachment {
        title,
        facts: [duration, format, size].into_iter().flatten().collect(),
        href: href.to_owned(),
        host,
        player: playable.then_some(Player { video, src }),
    })
}

/// Where a file is.
#[derive(Debug, PartialEq)]
enum Place {
    /// On the site itself: a relative URL (resolved by the page's `<base>`), or one on the
    /// origin of `publication.url`.
    Own,
    /// On another host: its name, and the file's address on HTTPS.
    Other { host: String, https: String },
}

fn place(url: &str, site: Option<&SiteAddress>) -> Option<Place> {
    if url.is_empty() || !is_safe_url(url) || url.to_ascii_lowercase().starts_with("mailto:") {
        return None;
    }
    // A protocol-relative address takes the page's scheme: HTTPS, on a site worth the name.
    let lower = url.to_ascii_lowercase();
    let absolute = [
        ("https://", "https://"),
        ("http://", "http://"),
        ("//", "https://"),
    ]
    .into_iter()
    .find(|(prefix, _)| lower.starts_with(prefix));
    let Some((prefix, scheme)) = absolute else {
        return Some(Place::Own);
    };
    let after_scheme = url.get(prefix.len()..)?;
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(authority_end);
    if authority.is_empty() || authority.contains(['@', '\\']) {
        return None;
    }
    let host = authority.to_ascii_lowercase();
    if site.is_some_and(|site| {
        site.origin()
            .eq_ignore_ascii_case(&format!("{scheme}{host}"))
    }) {
        return Some(Place::Own);
    }
    Some(Place::Other {
        https: format!("https://{host}{rest}"),
        host,
    })
}

/// The file name at the end of a URL's path, decoded: `…/Report%202024.pdf` → `Report 2024.pdf`.
fn file_name(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, path)| path)
    });
    let name = collapse_whitespace(&percent_decode(path.rsplit('/').next()?));
    (!name.is_empty()).then_some(name)
}

/// The format as readers know it from file names: `audio/mpeg` → MP3, `audio/x-m4a` → M4A,
/// `application/pdf` → PDF; `None` for a type with no short name.
fn format_label(mime: &str) -> Option<&'static str> {
    let essence = mime.split(';').next()?.trim();
    let (kind, subtype) = essence.split_once('/')?;
    let subtype = subtype.strip_prefix("x-").unwrap_or(subtype);
    let label = match (kind, subtype) {
        ("audio", "mpeg" | "mp3" | "mpeg3") => "MP3",
        ("audio", "m4a" | "mp4" | "aac") => "M4A",
        ("audio", "ogg" | "vorbis") | ("application", "ogg") => "OGG",
        ("audio", "opus") => "OPUS",
        ("audio", "wav" | "wave") => "WAV",
        ("audio", "flac") => "FLAC",
        ("video", "mp4") => "MP4",
        ("video", "webm") | ("audio", "webm") => "WEBM",
        ("video", "quicktime") => "MOV",
        ("application", "pdf") => "PDF",
        ("application", "epub+zip") => "EPUB",
        ("application", "zip") => "ZIP",
        _ => return None,
    };
    Some(label)
}

impl ShownAttachment {
    /// The attachment's markup, in the language of `strings`: a file without a player as a
    /// link; a player with its caption, the player itself when `player_shown` (else, for
    /// another host's file, its placeholder) and the download link under it. Placeholder and
    /// player sit in one box of one size (`.media-slot`), so nothing moves when the app, taking
    /// over a page prerendered without anyone's consent, finds the reader allows external media.
    pub fn html(&self, strings: &Strings, player_shown: bool) -> String {
        let Some(player) = &self.player else {
            let mut out = String::from("<p class=\"attachment-file\">");
            self.write_link(&self.title, &mut out);
            self.write_facts(&mut out);
            out.push_str("</p>");
            return out;
        };
        let mut out = String::from("<figure><figcaption><span class=\"attachment-title\">");
        escape_into(&self.title, &mut out);
        out.push_str("</span>");
        self.write_facts(&mut out);
        out.push_str(match player.video {
            true => "</figcaption><div class=\"media-slot media-video\">",
            false => "</figcaption><div class=\"media-slot\">",
        });
        match (&self.host, player_shown) {
            (Some(host), false) => {
                out.push_str("<div class=\"media-placeholder\"><p>");
                escape_into(strings.media_notice, &mut out);
                out.push_str(" <strong>");
                escape_into(host, &mut out);
                // The button needs the app: it is hidden until the app runs.
                out.push_str("</strong></p><button type=\"button\" class=\"button needs-js\" data-load-media>");
                escape_into(strings.media_load, &mut out);
                out.push_str("</button></div>");
            }
            _ => player.write(&mut out),
        }
        out.push_str("</div>");
        self.write_link(strings.download, &mut out);
        out.push_str("</figure>");
        out
    }

    /// The link to the file as the feed gave it, with `text`. The `download` attribute saves
    /// the site's own file rather than opening it; browsers ignore it for other hosts.
    fn write_link(&self, text: &str, out: &mut String) {
        out.push_str(match self.player {
            Some(_) => "<a class=\"attachment-download\" href=\"",
            None => "<a href=\"",
        });
        escape_into(&self.href, out);
        out.push('"');
        // Links to other sites are written as the article body's are.
        if self.host.is_some() {
            out.push_str(" rel=\"noopener noreferrer\"");
        }
        out.push_str(" download>");
        escape_into(text, out);
        out.push_str("</a>");
    }

    /// « <span class="attachment-facts"><time datetime="PT3900S">1 година 5 хвилин</time> ·
    /// M4A · 75,3 МБ</span>», or nothing without facts.
    fn write_facts(&self, out: &mut String) {
        if self.facts.is_empty() {
            return;
        }
        out.push_str(" <span class=\"attachment-facts\">");
        for (index, fact) in self.facts.iter().enumerate() {
            if index > 0 {
                out.push_str(" · ");
            }
            match &fact.datetime {
                Some(datetime) => {
                    out.push_str("<time datetime=\"");
                    escape_into(datetime, out);
                    out.push_str("\">");
                    escape_into(&fact.text, out);
                    out.push_str("</time>");
                }
                None => escape_into(&fact.text, out),
            }
        }
        out.push_str("</span>");
    }
}

impl Player {
    /// The native player: controls, nothing fetched before play (`preload="none"`), a video
    /// inline on phones rather than full screen.
    fn write(&self, out: &mut String) {
        out.push_str(match self.video {
            true => "<video controls preload=\"none\" playsinline src=\"",
            false => "<audio controls preload=\"none\" src=\"",
        });
        escape_into(&self.src, out);
        out.push_str(match self.video {
            true => "\"></video>",
            false => "\"></audio>",
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(url: &str, mime_type: &str) -> Attachment {
        Attachment {
            url: url.into(),
            mime_type: mime_type.into(),
            title: None,
            size_in_bytes: None,
            duration_in_seconds: None,
        }
    }

    fn site(url: &str) -> SiteAddress {
        SiteAddress::parse(url).expect("a site address")
    }

    fn texts(shown: &ShownAttachment) -> Vec<&str> {
        shown.facts.iter().map(|fact| fact.text.as_str()).collect()
    }

    #[test]
    fn a_podcast_episode_on_another_host_plays_from_https_after_consent() {
        // The Record's first item (tests/fixtures/feeds/jsonfeed/jsonfeednet-TheRecordPodcast.json).
        let episode = Attachment {
            size_in_bytes: Some(75_344_101),
            duration_in_seconds: Some(3900),
            ..attachment(
                "http://therecord.co/downloads/TheRecord-sp1e2-BrentSimmons.m4a",
                "audio/x-m4a",
            )
        };
        let shown = shown_attachment(&episode, None, Lang::Uk).expect("shown");
        assert_eq!(shown.title, "Аудіо");
        assert_eq!(texts(&shown), ["1 година 5 хвилин", "M4A", "75,3\u{a0}МБ"]);
        assert_eq!(shown.facts[0].datetime.as_deref(), Some("PT3900S"));
        assert_eq!(shown.host.as_deref(), Some("therecord.co"));
        assert_eq!(
            shown.href, "http://therecord.co/downloads/TheRecord-sp1e2-BrentSimmons.m4a",
            "the link keeps the feed's address"
        );
        assert_eq!(
            shown.player,
            Some(Player {
                video: false,
                src: "https://therecord.co/downloads/TheRecord-sp1e2-BrentSimmons.m4a".into()
            })
        );
        let english = shown_attachment(&episode, None, Lang::En).expect("shown");
        assert_eq!(english.title, "Audio");
        assert_eq!(texts(&english), ["1 hour 5 minutes", "M4A", "75.3\u{a0}MB"]);
    }

    #[test]
    fn the_sites_own_files_play_at_once() {
        let own = shown_attachment(
            &attachment("media/episode.mp3", "audio/mpeg"),
            None,
            Lang::Uk,
        )
        .expect("shown");
        assert_eq!(own.host, None);
        assert_eq!(
            own.player.map(|player| player.src).as_deref(),
            Some("media/episode.mp3")
        );
        let address = site("https://Vistka.example/news/");
        for url in [
            "https://vistka.example/news/media/clip.mp4",
            "HTTPS://VISTKA.EXAMPLE/media/clip.mp4",
        ] {
            let shown = shown_attachment(&attachment(url, "video/mp4"), Some(&address), Lang::Uk)
                .expect("shown");
            assert_eq!(shown.host, None, "{url}");
            assert_eq!(shown.title, "Відео");
            assert_eq!(
                shown.player,
                Some(Player {
                    video: true,
                    src: url.into()
                })
            );
        }
        for (url, host) in [
            ("http://vistka.example/media/clip.mp4", "vistka.example"),
            ("https://cdn.vistka.example/clip.mp4", "cdn.vistka.example"),
            (
                "https://vistka.example.evil.test/clip.mp4",
                "vistka.example.evil.test",
            ),
            (
                "https://vistka.example:8443/clip.mp4",
                "vistka.example:8443",
            ),
            ("//media.example/clip.mp4", "media.example"),
        ] {
            let shown = shown_attachment(&attachment(url, "video/mp4"), Some(&address), Lang::Uk)
                .expect("shown");
            assert_eq!(shown.host.as_deref(), Some(host), "{url}");
            assert!(shown
                .player
                .is_some_and(|player| player.src.starts_with("https://")));
        }
    }

    #[test]
    fn only_audio_and_video_get_a_player() {
        let pdf = Attachment {
            size_in_bytes: Some(2_100_000),
            ..attachment(
                "https://example.com/files/Report%202024.pdf?download=1",
                "application/pdf",
            )
        };
        let shown = shown_attachment(&pdf, None, Lang::Uk).expect("shown");
        assert_eq!(shown.player, None);
        assert_eq!(shown.title, "Report 2024.pdf");
        assert_eq!(texts(&shown), ["PDF", "2,1\u{a0}МБ"]);
        let nameless = shown_attachment(
            &attachment("https://example.com/", "text/html"),
            None,
            Lang::En,
        )
        .expect("shown");
        assert_eq!(nameless.title, "File");
        assert!(nameless.facts.is_empty());
        let audio =
            shown_attachment(&attachment("a.ogg", " Audio/OGG "), None, Lang::En).expect("shown");
        assert!(audio.player.is_some_and(|player| !player.video));
    }

    #[test]
    fn the_feeds_own_title_is_kept() {
        let titled = Attachment {
            title: Some("  Епізод 45:\n запуск  ".into()),
            ..attachment("https://cdn.example/45.mp3", "audio/mpeg")
        };
        let shown = shown_attachment(&titled, None, Lang::Uk).expect("shown");
        assert_eq!(shown.title, "Епізод 45: запуск");
        let blank = Attachment {
            title: Some(" ".into()),
            ..titled
        };
        assert_eq!(
            shown_attachment(&blank, None, Lang::Uk).map(|shown| shown.title),
            Some("Аудіо".into())
        );
    }

    #[test]
    fn missing_or_zero_facts_are_left_out() {
        let unknown = Attachment {
            size_in_bytes: Some(0),
            duration_in_seconds: Some(0),
            ..attachment("https://cdn.example/x", "audio/x-unknown")
        };
        let shown = shown_attachment(&unknown, None, Lang::Uk).expect("shown");
        assert!(shown.facts.is_empty(), "{:?}", shown.facts);
        let short = Attachment {
            duration_in_seconds: Some(21),
            ..unknown
        };
        let shown = shown_attachment(&short, None, Lang::Uk).expect("shown");
        assert_eq!(texts(&shown), ["21 секунда"]);
    }

    #[test]
    fn addresses_that_cannot_be_offered_are_dropped() {
        for url in [
            "",
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:audio/mpeg;base64,AAAA",
            "mailto:a@example.com",
            "https://user:secret@evil.example/a.mp3",
            "https:///a.mp3",
            "https://a.example\\@b.example/a.mp3",
        ] {
            assert_eq!(
                shown_attachment(&attachment(url, "audio/mpeg"), None, Lang::Uk),
                None,
                "{url:?}"
            );
        }
    }

    #[test]
    fn the_markup_escapes_what_the_feed_wrote() {
        let hostile = Attachment {
            title: Some("<img src=x onerror=alert(1)> & \"Епізод\"".into()),
            duration_in_seconds: Some(3900),
            size_in_bytes: Some(75_344_101),
            ..attachment(
                "https://cdn.example/a.mp3?x=\"><script>alert(1)</script>",
                "audio/mpeg",
            )
        };
        let strings = Lang::Uk.strings();
        let shown = shown_attachment(&hostile, None, Lang::Uk).expect("shown");
        let caption = "<figure><figcaption><span class=\"attachment-title\">\
            &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Епізод&quot;</span> \
            <span class=\"attachment-facts\"><time datetime=\"PT3900S\">1 година 5 хвилин</time> · MP3 · 75,3\u{a0}МБ</span>\
            </figcaption><div class=\"media-slot\">";
        let escaped_url =
            "https://cdn.example/a.mp3?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
        let link = format!(
            "<a class=\"attachment-download\" href=\"{escaped_url}\" rel=\"noopener noreferrer\" download>Завантажити файл</a></figure>"
        );
        assert_eq!(
            shown.html(strings, false),
            format!(
                "{caption}<div class=\"media-placeholder\"><p>Файл розміщено на сайті <strong>cdn.example</strong></p>\
                 <button type=\"button\" class=\"button needs-js\" data-load-media>Увімкнути програвач</button></div></div>{link}"
            )
        );
        assert_eq!(
            shown.html(strings, true),
            format!("{caption}<audio controls preload=\"none\" src=\"{escaped_url}\"></audio></div>{link}")
        );
    }

    #[test]
    fn the_sites_own_file_never_waits_and_other_files_are_links() {
        let strings = Lang::En.strings();
        let own = shown_attachment(&attachment("media/a.mp4", "video/mp4"), None, Lang::En)
            .expect("shown");
        let html = "<figure><figcaption><span class=\"attachment-title\">Video</span> \
            <span class=\"attachment-facts\">MP4</span></figcaption><div class=\"media-slot media-video\">\
            <video controls preload=\"none\" playsinline src=\"media/a.mp4\"></video></div>\
            <a class=\"attachment-download\" href=\"media/a.mp4\" download>Download the file</a></figure>";
        assert_eq!(own.html(strings, false), html);
        assert_eq!(own.html(strings, true), html);
        let pdf = Attachment {
            title: Some("Звіт <2024>".into()),
            size_in_bytes: Some(512_000),
            ..attachment("https://cdn.example/report.pdf", "application/pdf")
        };
        let pdf = shown_attachment(&pdf, None, Lang::Uk).expect("shown");
        assert_eq!(
            pdf.html(Lang::Uk.strings(), false),
            "<p class=\"attachment-file\"><a href=\"https://cdn.example/report.pdf\" rel=\"noopener noreferrer\" download>\
             Звіт &lt;2024&gt;</a> <span class=\"attachment-facts\">PDF · 512\u{a0}КБ</span></p>"
        );
    }

    #[test]
    fn format_labels() {
        for (mime, label) in [
            ("audio/mpeg", Some("MP3")),
            ("audio/x-m4a", Some("M4A")),
            ("audio/mp4; codecs=mp4a.40.2", Some("M4A")),
            ("video/mp4", Some("MP4")),
            ("video/quicktime", Some("MOV")),
            ("application/pdf", Some("PDF")),
            ("application/octet-stream", None),
            ("audio", None),
        ] {
            assert_eq!(format_label(mime), label, "{mime}");
        }
    }
}
