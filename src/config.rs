//! The publisher's runtime configuration, `config.json` beside `index.html`. Every key is
//! optional and documented in the README; a key of the wrong type is an error that names it.

use crate::consent::ConsentPolicy;
use crate::dates::parse_utc_offset;
use crate::feed::{Feed, ReadOptions};
use crate::i18n::{Lang, ReaderLanguages};
use chrono::{FixedOffset, Offset, Utc};
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct SiteConfig {
    /// Overrides the feed's title.
    pub name: Option<String>,
    pub description: Option<String>,
    pub logo: Option<String>,
    /// The site's public address, which makes the URLs in link previews, structured data and
    /// site files absolute; without it those that must be absolute are left out.
    pub url: Option<SiteAddress>,
    /// The picture a shared link shows when its article has none (the logo otherwise).
    pub share_image: Option<String>,
    /// The publisher's offset from UTC, for feed dates written without one; UTC if unset.
    pub utc_offset: Option<FixedOffset>,
    pub colors: Colors,
    /// Languages offered to readers, in order; the first is the default unless
    /// `default_language` says otherwise.
    pub languages: Vec<Lang>,
    pub default_language: Option<Lang>,
    pub source: Source,
    pub page_size: usize,
    pub consent: ConsentPolicy,
    /// A script URL inserted only after the reader consents to analytics.
    pub analytics_script: Option<String>,
    /// The web search engine the search form uses without JavaScript: its query parameters
    /// become hidden fields, `{site}` in them the site's host and path (`search.engine_url`).
    pub search_engine_url: String,
}

/// DuckDuckGo: no account, no tracking, and its `sites` parameter restricts results to a site.
pub const DEFAULT_SEARCH_ENGINE_URL: &str = "https://duckduckgo.com/?sites={site}";

/// Accent colours for light and dark schemes, as `#rgb` or `#rrggbb`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Colors {
    pub accent: Option<String>,
    pub accent_dark: Option<String>,
}

/// Where the articles come from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub kind: SourceKind,
    pub url: String,
    /// How long a request may take before the reader is told and offered a retry.
    pub timeout_seconds: u32,
    /// After the tab has been hidden this long, the feed is fetched again when it is shown.
    pub refresh_minutes: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    JsonFeed,
    WordPress,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            name: None,
            description: None,
            logo: None,
            url: None,
            share_image: None,
            utc_offset: None,
            colors: Colors::default(),
            languages: Lang::ALL.to_vec(),
            default_language: None,
            source: Source {
                kind: SourceKind::JsonFeed,
                url: "feed.json".into(),
                timeout_seconds: 20,
                refresh_minutes: 5,
            },
            page_size: 20,
            consent: ConsentPolicy::default(),
            analytics_script: None,
            search_engine_url: DEFAULT_SEARCH_ENGINE_URL.to_owned(),
        }
    }
}

/// The largest page a publisher may ask for: beyond it the first page stops being fast.
const MAX_PAGE_SIZE: u32 = 100;

impl SiteConfig {
    /// Reads `config.json`; an error names the key at fault.
    pub fn parse(text: &str) -> Result<SiteConfig, String> {
        let value: Value = serde_json::from_str(text)
            .map_err(|error| format!("config.json is not valid JSON: {error}"))?;
        let root = value
            .as_object()
            .ok_or("config.json must hold a JSON object")?;
        let defaults = SiteConfig::default();
        let publication = object(root, "publication")?;
        let colors = object(root, "colors")?;
        let source = object(root, "source")?;
        let consent = object(root, "consent")?;
        let search = object(root, "search")?;
        Ok(SiteConfig {
            name: text_field(publication, "name", "publication.name")?,
            description: text_field(publication, "description", "publication.description")?,
            logo: url_field(publication, "logo", "publication.logo")?,
            url: text_field(publication, "url", "publication.url")?
                .map(|url| SiteAddress::parse(&url))
                .transpose()?,
            share_image: url_field(publication, "share_image", "publication.share_image")?,
            utc_offset: text_field(publication, "utc_offset", "publication.utc_offset")?
                .map(|zone| {
                    parse_utc_offset(&zone)
                        .ok_or("publication.utc_offset must be an offset like +02:00")
                })
                .transpose()?,
            colors: Colors {
                accent: color_field(colors, "accent", "colors.accent")?,
                accent_dark: color_field(colors, "accent_dark", "colors.accent_dark")?,
            },
            languages: languages(root)?.unwrap_or(defaults.languages),
            default_language: text_field(root, "default_language", "default_language")?
                .map(|tag| Lang::from_tag(&tag).ok_or("default_language must be \"uk\" or \"en\""))
                .transpose()?,
            source: Source {
                kind: match text_field(source, "type", "source.type")?.as_deref() {
                    None | Some("json_feed") => SourceKind::JsonFeed,
                    Some("wordpress") => SourceKind::WordPress,
                    Some(_) => {
                        return Err("source.type must be \"json_feed\" or \"wordpress\"".into())
                    }
                },
                url: url_field(source, "url", "source.url")?.unwrap_or(defaults.source.url),
                timeout_seconds: number(
                    source,
                    "timeout_seconds",
                    "source.timeout_seconds",
                    1,
                    300,
                )?
                .unwrap_or(defaults.source.timeout_seconds),
                refresh_minutes: number(
                    source,
                    "refresh_minutes",
                    "source.refresh_minutes",
                    0,
                    24 * 60,
                )?
                .unwrap_or(defaults.source.refresh_minutes),
            },
            page_size: number(root, "page_size", "page_size", 1, MAX_PAGE_SIZE)?
                .map_or(defaults.page_size, |n| n as usize),
            consent: ConsentPolicy {
                revision: number(consent, "revision", "consent.revision", 1, u32::MAX)?
                    .unwrap_or(defaults.consent.revision),
                lifetime_days: number(consent, "lifetime_days", "consent.lifetime_days", 1, 3650)?
                    .unwrap_or(defaults.consent.lifetime_days),
            },
            analytics_script: url_field(consent, "analytics_script", "consent.analytics_script")?,
            search_engine_url: url_field(search, "engine_url", "search.engine_url")?
                .unwrap_or(defaults.search_engine_url),
        })
    }

    /// The publication's name: the configured one, else the feed's title.
    pub fn publication_name<'a>(&'a self, feed: &'a Feed) -> &'a str {
        self.name.as_deref().unwrap_or(&feed.title)
    }

    /// What the publication is about: the configured description, else the feed's.
    pub fn publication_description<'a>(&'a self, feed: &'a Feed) -> Option<&'a str> {
        self.description.as_deref().or(feed.description.as_deref())
    }

    /// The no-JavaScript search form: the engine's address without its query, and its query
    /// parameters as hidden fields with `{site}` replaced by the site's host and path. Without
    /// a site address the fields naming `{site}` are left out (the engine searches the web).
    pub fn search_form(&self) -> (String, Vec<(String, String)>) {
        let (action, query) = self
            .search_engine_url
            .split_once('?')
            .unwrap_or((self.search_engine_url.as_str(), ""));
        let site = self.url.as_ref().map(SiteAddress::site);
        let fields = query
            .split('&')
            .filter_map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                let value = crate::slug::query_decode(value);
                let value = match (value.contains("{site}"), &site) {
                    (false, _) => value,
                    (true, Some(site)) => value.replace("{site}", site),
                    (true, None) => return None,
                };
                (!name.is_empty()).then(|| (crate::slug::percent_decode(name), value))
            })
            .collect();
        (action.to_owned(), fields)
    }

    /// How to read the feed fetched from `feed_url`.
    pub fn read_options(&self, feed_url: &str) -> ReadOptions {
        ReadOptions {
            feed_url: feed_url.to_owned(),
            utc_offset: self.utc_offset.unwrap_or(Utc.fix()),
        }
    }

    /// The language the site speaks to this reader; see [`choose_ui_lang`].
    pub fn ui_lang(&self, reader: &ReaderLanguages, feed_lang: Option<Lang>) -> Lang {
        choose_ui_lang(&self.languages, self.default_language, reader, feed_lang)
    }
}

/// The first language `offered` of: the reader's choice in this visit, their saved choice, the
/// publisher's `default`, the browser's languages and the feed's own language; else the
/// first offered.
pub fn choose_ui_lang(
    offered: &[Lang],
    default: Option<Lang>,
    reader: &ReaderLanguages,
    feed_lang: Option<Lang>,
) -> Lang {
    reader
        .chosen
        .into_iter()
        .chain(reader.saved)
        .chain(default)
        .chain(reader.browser.iter().copied())
        .chain(feed_lang)
        .find(|lang| offered.contains(lang))
        .or(offered.first().copied())
        .unwrap_or_default()
}

/// Where the site is published: `https://vistka.example/` or `https://example.com/news/`.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteAddress {
    /// `https://example.com`, without a slash.
    origin: String,
    /// `/news/`: with slashes at both ends.
    path: String,
}

impl SiteAddress {
    /// An absolute http(s) address with a host and nothing after its path.
    pub fn parse(text: &str) -> Result<SiteAddress, String> {
        const ERROR: &str =
            "publication.url must be the site's absolute address, like https://example.com/news/";
        let (scheme, rest) = ["https://", "http://"]
            .into_iter()
            .find_map(|scheme| Some((scheme, text.strip_prefix(scheme)?)))
            .ok_or(ERROR)?;
        if text.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
            return Err(ERROR.into());
        }
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() || host.contains('@') {
            return Err(ERROR.into());
        }
        let path = path.trim_matches('/');
        Ok(SiteAddress {
            origin: format!("{scheme}{host}"),
            path: match path {
                "" => "/".to_owned(),
                path => format!("/{path}/"),
            },
        })
    }

    /// The scheme and host, `https://example.com`: what tells the site's own files from others'.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The host and path a `site:` search names: `example.com/news`.
    pub fn site(&self) -> String {
        let host = self
            .origin
            .split_once("://")
            .map_or(self.origin.as_str(), |(_, host)| host);
        format!("{host}{}", self.path.trim_end_matches('/'))
    }

    /// The path the address names, `/` or `/news/`: the build's base should be the same.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The absolute URL of `url` as a page under the site's base would resolve it: a site path
    /// (`/news/article/x`), a path relative to the base (`media/x.jpg`) or an absolute URL.
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("https://") || url.starts_with("http://") {
            url.to_owned()
        } else if let Some(host_relative) = url.strip_prefix("//") {
            format!("https://{host_relative}")
        } else if url.starts_with('/') {
            format!("{}{url}", self.origin)
        } else {
            format!("{}{}{url}", self.origin, crate::routes::BASE)
        }
    }
}

impl std::fmt::Display for SiteAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

type Object = Map<String, Value>;

static EMPTY: std::sync::LazyLock<Object> = std::sync::LazyLock::new(Object::new);

/// A nested object; absent or `null` reads as empty.
fn object<'a>(parent: &'a Object, key: &str) -> Result<&'a Object, String> {
    match parent.get(key) {
        None | Some(Value::Null) => Ok(&EMPTY),
        Some(Value::Object(object)) => Ok(object),
        Some(_) => Err(format!("{key} must be an object")),
    }
}

fn text_field(object: &Object, key: &str, name: &str) -> Result<Option<String>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(Some(text.trim().to_owned())),
        Some(_) => Err(format!("{name} must be a non-empty string")),
    }
}

fn url_field(object: &Object, key: &str, name: &str) -> Result<Option<String>, String> {
    match text_field(object, key, name)? {
        Some(url) if !crate::html::is_safe_url(&url) || url.starts_with("mailto:") => {
            Err(format!("{name} must be an http(s) or relative URL"))
        }
        url => Ok(url),
    }
}

/// `#rgb` or `#rrggbb` only: the value goes into a CSS custom property.
fn color_field(object: &Object, key: &str, name: &str) -> Result<Option<String>, String> {
    match text_field(object, key, name)? {
        Some(color) if is_hex_color(&color) => Ok(Some(color)),
        Some(_) => Err(format!("{name} must be a colour like #9b1c1f")),
        None => Ok(None),
    }
}

fn is_hex_color(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn number(
    object: &Object,
    key: &str,
    name: &str,
    min: u32,
    max: u32,
) -> Result<Option<u32>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (min..=max).contains(n))
            .map(Some)
            .ok_or_else(|| format!("{name} must be a whole number from {min} to {max}")),
    }
}

fn languages(root: &Object) -> Result<Option<Vec<Lang>>, String> {
    let Some(value) = root.get("languages").filter(|value| !value.is_null()) else {
        return Ok(None);
    };
    let error = || "languages must be a non-empty list of \"uk\" and \"en\"".to_owned();
    let list = value
        .as_array()
        .filter(|list| !list.is_empty())
        .ok_or_else(error)?;
    list.iter()
        .map(|tag| tag.as_str().and_then(Lang::from_tag).ok_or_else(error))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::BASE;

    #[test]
    fn an_empty_config_is_all_defaults() {
        let config = SiteConfig::parse("{}").expect("valid");
        assert_eq!(config, SiteConfig::default());
        assert_eq!(
            config.consent,
            ConsentPolicy {
                revision: 1,
                lifetime_days: 182
            }
        );
        assert_eq!(config.page_size, 20);
        assert_eq!(config.source.url, "feed.json");
        assert_eq!(config.source.kind, SourceKind::JsonFeed);
    }

    #[test]
    fn reads_every_key() {
        let config = SiteConfig::parse(
            r##"{
                "publication": {"name": "Вістка", "description": "Новини", "logo": "media/logo.svg"},
                "colors": {"accent": "#123456", "accent_dark": "#abc"},
                "languages": ["en", "uk"],
                "default_language": "en",
                "source": {"type": "wordpress", "url": "https://news.example/wp-json/wp/v2/posts", "timeout_seconds": 5, "refresh_minutes": 0},
                "page_size": 10,
                "consent": {"revision": 3, "lifetime_days": 90, "analytics_script": "/stats.js"}
            }"##,
        )
        .expect("valid");
        assert_eq!(config.name.as_deref(), Some("Вістка"));
        assert_eq!(config.description.as_deref(), Some("Новини"));
        assert_eq!(config.logo.as_deref(), Some("media/logo.svg"));
        assert_eq!(config.colors.accent.as_deref(), Some("#123456"));
        assert_eq!(config.colors.accent_dark.as_deref(), Some("#abc"));
        assert_eq!(config.languages, [Lang::En, Lang::Uk]);
        assert_eq!(config.default_language, Some(Lang::En));
        assert_eq!(config.source.kind, SourceKind::WordPress);
        assert_eq!(
            config.source.url,
            "https://news.example/wp-json/wp/v2/posts"
        );
        assert_eq!(
            (config.source.timeout_seconds, config.source.refresh_minutes),
            (5, 0)
        );
        assert_eq!(config.page_size, 10);
        assert_eq!(
            config.consent,
            ConsentPolicy {
                revision: 3,
                lifetime_days: 90
            }
        );
        assert_eq!(config.analytics_script.as_deref(), Some("/stats.js"));
    }

    #[test]
    fn reads_the_site_address() {
        let config = SiteConfig::parse(
            r#"{"publication": {"url": "https://example.com/news", "share_image": "media/share.png"}}"#,
        )
        .expect("valid");
        let url = config.url.expect("an address");
        assert_eq!(url.to_string(), "https://example.com/news/");
        assert_eq!(url.path(), "/news/");
        assert_eq!(config.share_image.as_deref(), Some("media/share.png"));
        assert_eq!(
            url.absolute("/news/article/x"),
            "https://example.com/news/article/x"
        );
        assert_eq!(
            url.absolute("media/a.png"),
            format!("https://example.com{BASE}media/a.png")
        );
        assert_eq!(
            url.absolute("https://cdn.example/a.png"),
            "https://cdn.example/a.png"
        );
        assert_eq!(
            url.absolute("//cdn.example/a.png"),
            "https://cdn.example/a.png"
        );
        let root = SiteAddress::parse("http://localhost:8080").expect("valid");
        assert_eq!(root.to_string(), "http://localhost:8080/");
        for bad in [
            "example.com",
            "/news/",
            "https://",
            "https:///news/",
            "https://example.com/?page=1",
            "https://example.com/#top",
            "https://user@example.com/",
            "javascript:alert(1)",
        ] {
            assert!(SiteAddress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        for (text, field) in [
            (r#"{"consent": {"revision": "2"}}"#, "consent.revision"),
            (
                r#"{"consent": {"lifetime_days": -5}}"#,
                "consent.lifetime_days",
            ),
            (
                r#"{"consent": {"lifetime_days": 0}}"#,
                "consent.lifetime_days",
            ),
            (
                r#"{"consent": {"analytics_script": "javascript:alert(1)"}}"#,
                "consent.analytics_script",
            ),
            (r#"{"consent": []}"#, "consent"),
            (r#"{"publication": {"name": 5}}"#, "publication.name"),
            (r#"{"publication": {"url": "news"}}"#, "publication.url"),
            (
                r#"{"publication": {"share_image": "javascript:x"}}"#,
                "publication.share_image",
            ),
            (
                r#"{"publication": {"logo": "data:image/svg+xml,x"}}"#,
                "publication.logo",
            ),
            (
                r##"{"colors": {"accent": "red; background: url(x)"}}"##,
                "colors.accent",
            ),
            (
                r##"{"colors": {"accent_dark": "#12345"}}"##,
                "colors.accent_dark",
            ),
            (r#"{"languages": ["uk", "de"]}"#, "languages"),
            (r#"{"languages": []}"#, "languages"),
            (r#"{"default_language": "fr"}"#, "default_language"),
            (r#"{"source": {"type": "rss"}}"#, "source.type"),
            (r#"{"source": {"url": "javascript:x"}}"#, "source.url"),
            (
                r#"{"source": {"timeout_seconds": 0}}"#,
                "source.timeout_seconds",
            ),
            (r#"{"page_size": 0}"#, "page_size"),
            (r#"{"page_size": 1000}"#, "page_size"),
        ] {
            let error = SiteConfig::parse(text).expect_err(text);
            assert!(error.contains(field), "{text}: {error}");
        }
        assert!(SiteConfig::parse("{")
            .expect_err("broken")
            .contains("not valid JSON"));
        assert!(SiteConfig::parse("[]")
            .expect_err("array")
            .contains("object"));
    }

    #[test]
    fn the_ui_language_follows_the_reader_then_the_publisher() {
        let config = SiteConfig {
            languages: Lang::ALL.to_vec(),
            default_language: Some(Lang::Uk),
            ..SiteConfig::default()
        };
        let reader = |chosen, saved, browser: &[Lang]| ReaderLanguages {
            chosen,
            saved,
            browser: browser.to_vec(),
        };
        let en = Some(Lang::En);
        let uk = Some(Lang::Uk);
        assert_eq!(
            config.ui_lang(&reader(en, uk, &[]), None),
            Lang::En,
            "chosen in this visit"
        );
        assert_eq!(
            config.ui_lang(&reader(None, en, &[]), None),
            Lang::En,
            "saved"
        );
        assert_eq!(
            config.ui_lang(&reader(None, None, &[Lang::En]), en),
            Lang::Uk,
            "the publisher's default before the browser's languages"
        );
        let no_default = SiteConfig {
            default_language: None,
            ..config.clone()
        };
        assert_eq!(
            no_default.ui_lang(&reader(None, None, &[Lang::En, Lang::Uk]), uk),
            Lang::En,
            "the browser's first language the site speaks"
        );
        assert_eq!(
            no_default.ui_lang(&reader(None, None, &[]), en),
            Lang::En,
            "the feed's"
        );
        assert_eq!(
            no_default.ui_lang(&ReaderLanguages::default(), None),
            Lang::Uk,
            "the first offered"
        );
    }

    #[test]
    fn a_language_the_site_does_not_offer_is_passed_over() {
        let config = SiteConfig {
            languages: vec![Lang::Uk],
            ..SiteConfig::default()
        };
        let reader = ReaderLanguages {
            chosen: Some(Lang::En),
            saved: Some(Lang::En),
            browser: vec![Lang::En],
        };
        assert_eq!(config.ui_lang(&reader, Some(Lang::En)), Lang::Uk);
    }

    #[test]
    fn the_search_form_restricts_the_engine_to_the_site() {
        let config = SiteConfig::parse(r#"{"publication": {"url": "https://example.com/news/"}}"#)
            .expect("valid");
        assert_eq!(
            config.search_form(),
            (
                "https://duckduckgo.com/".to_owned(),
                vec![("sites".to_owned(), "example.com/news".to_owned())]
            )
        );
        let google = SiteConfig::parse(
            r#"{"publication": {"url": "https://example.com/"}, "search": {"engine_url": "https://www.google.com/search?as_sitesearch={site}&hl=uk"}}"#,
        )
        .expect("valid");
        assert_eq!(
            google.search_form(),
            (
                "https://www.google.com/search".to_owned(),
                vec![
                    ("as_sitesearch".to_owned(), "example.com".to_owned()),
                    ("hl".to_owned(), "uk".to_owned())
                ]
            )
        );
        let nowhere = SiteConfig::default();
        assert_eq!(
            nowhere.search_form(),
            ("https://duckduckgo.com/".to_owned(), Vec::new())
        );
        assert!(SiteConfig::parse(r#"{"search": {"engine_url": "javascript:x"}}"#).is_err());
    }
}
