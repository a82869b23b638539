//! Offline reading (issue 16): off until the reader asks, by the footer's «Читати без мережі»
//! control or by installing the site as an app. On, a service worker (sw.js, written at build
//! time by scripts/offline.mjs) keeps this build's files, the last feed that arrived, the
//! articles the reader opened and the newest [`PREFETCH`] with their pictures, within 50 MB or
//! 200 articles. The browser side is src/offline.js; this module gives it to the views, and
//! holds what can be said without a browser: which pictures an article has, how the stored
//! amount and the feed's time read.

use crate::feed::{Article, Body};
use crate::i18n::Lang;
use crate::routes::article_path;
use chrono::{DateTime, FixedOffset, Timelike};

/// How many of the newest articles are fetched in the background.
pub const PREFETCH: usize = 20;

/// The response header the worker puts on a saved copy of the feed: when it arrived, in
/// milliseconds since the epoch. A response without it came from the network.
pub const SAVED_AT: &str = "X-Vistka-Saved-At";

/// The pictures an article shows: its lead image and every `<img src>` of its content, as
/// written (the browser resolves them against the article's address).
pub fn article_images(article: &Article) -> Vec<String> {
    let mut images: Vec<String> = article.image.iter().cloned().collect();
    if let Body::Html(html) = &article.body {
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<img") {
            rest = rest.get(start + 4..).unwrap_or_default();
            let tag_end = rest.find('>').unwrap_or(rest.len());
            let tag = rest.get(..tag_end).unwrap_or_default();
            if let Some(src) = attribute(tag, "src") {
                if !images.contains(&src) {
                    images.push(src);
                }
            }
        }
    }
    images
}

/// A double-quoted attribute's value in the inside of a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let value = tag.get(start..)?;
    let end = value.find('"')?;
    Some(crate::html::decode_entities(value.get(..end)?).into_owned())
}

/// One article for the worker to keep: its page, and its pictures as written, to resolve
/// against `base` (the article's address), else the page's.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub path: String,
    pub images: Vec<String>,
    pub base: Option<String>,
}

/// What the worker keeps of each of `articles`.
pub fn kept<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Kept> {
    articles
        .into_iter()
        .map(|article| Kept {
            path: article_path(&article.slug),
            images: article_images(article),
            base: article.base.clone(),
        })
        .collect()
}

/// «Збережено 37 дописів, 12 МБ» / "37 articles saved, 12 MB".
pub fn stored_text(lang: Lang, articles: u64, bytes: u64) -> String {
    let strings = lang.strings();
    // Whole megabytes, rounded, in integers: float formatting would add ~11 KB to the wasm.
    let megabytes = (bytes + 524_288) / 1_048_576;
    let size = if bytes > 0 && megabytes < 1 {
        strings.offline_under_one_mb.to_owned()
    } else {
        format!("{megabytes} {}", strings.offline_mb)
    };
    let count = lang.count(articles, &strings.offline_articles);
    format!("{} {count}, {size}", strings.offline_stored)
}

/// The time the saved feed arrived, in the publisher's time (`publication.utc_offset`, else
/// UTC): «14:32».
pub fn saved_time(saved_at_ms: i64, zone: Option<FixedOffset>) -> Option<String> {
    let instant = DateTime::from_timestamp_millis(saved_at_ms)?;
    let zone = zone.or_else(|| FixedOffset::east_opt(0))?;
    // By hand, like src/dates.rs: chrono's `format` brings its strftime machinery into the wasm.
    let local = instant.with_timezone(&zone);
    Some(format!("{:02}:{:02}", local.hour(), local.minute()))
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/offline.js")]
    extern "C" {
        pub fn offline_supported() -> bool;
        pub fn offline_is_on() -> js_sys::Promise;
        pub fn offline_turn_on() -> js_sys::Promise;
        pub fn offline_turn_off() -> js_sys::Promise;
        pub fn offline_stored() -> js_sys::Promise;
        pub fn offline_keep(kind: &str, articles: js_sys::Array) -> js_sys::Promise;
        pub fn offline_on_online(changed: &js_sys::Function);
        pub fn offline_on_install(installed: &js_sys::Function) -> bool;
    }
}

/// Whether this browser can read offline (service workers and Cache Storage).
pub fn supported() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        js::offline_supported()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

#[cfg(target_arch = "wasm32")]
async fn wait(promise: js_sys::Promise) -> wasm_bindgen::JsValue {
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// Whether the reader has turned offline reading on (its worker is registered).
pub async fn is_on() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        wait(js::offline_is_on()).await.is_truthy()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Registers the worker; whether that worked.
pub async fn turn_on() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        wait(js::offline_turn_on()).await.is_truthy()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Unregisters the worker and deletes everything it stored.
pub async fn turn_off() {
    #[cfg(target_arch = "wasm32")]
    wait(js::offline_turn_off()).await;
}

/// How many articles, and how many bytes of pictures, are stored.
pub async fn stored() -> (u64, u64) {
    #[cfg(target_arch = "wasm32")]
    {
        let pair = js_sys::Array::from(&wait(js::offline_stored()).await);
        // Whole numbers from the worker's own index; anything else counts as none.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = |value: wasm_bindgen::JsValue| value.as_f64().unwrap_or(0.0).max(0.0) as u64;
        (whole(pair.get(0)), whole(pair.get(1)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        (0, 0)
    }
}

/// Tells the worker to keep `articles`: `read` ones the reader opened, or the newest,
/// prefetched (not on a metered or save-data connection). Waits until kept.
pub async fn keep(read: bool, articles: Vec<Kept>) {
    #[cfg(target_arch = "wasm32")]
    {
        // [[path, base, [image, …]], …]: plain arrays, no JSON (serde's serialiser is not in
        // the wasm, and need not be for this).
        let list: js_sys::Array = articles
            .into_iter()
            .map(|kept| {
                let images: js_sys::Array = kept
                    .images
                    .iter()
                    .map(|src| wasm_bindgen::JsValue::from_str(src))
                    .collect();
                let base = kept
                    .base
                    .as_deref()
                    .map_or(wasm_bindgen::JsValue::NULL, wasm_bindgen::JsValue::from_str);
                js_sys::Array::of3(&kept.path.into(), &base, &images)
            })
            .collect();
        wait(js::offline_keep(
            if read { "read" } else { "prefetch" },
            list,
        ))
        .await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (read, articles);
}

/// Calls `changed` each time the network comes back.
pub fn on_online(changed: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let handler = wasm_bindgen::closure::Closure::<dyn Fn()>::new(changed);
        js::offline_on_online(handler.as_ref().unchecked_ref());
        handler.forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = changed;
}

/// Calls `installed` when the reader installs the site; true if this page is the installed app.
pub fn on_install(installed: impl Fn() + 'static) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let handler = wasm_bindgen::closure::Closure::<dyn Fn()>::new(installed);
        let standalone = js::offline_on_install(handler.as_ref().unchecked_ref());
        handler.forget();
        standalone
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = installed;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Article;

    fn article(image: Option<&str>, html: &str) -> Article {
        Article {
            id: "1".into(),
            slug: "one".into(),
            readable_slug: "one".into(),
            url: None,
            title: "One".into(),
            untitled: false,
            body: Body::Html(html.into()),
            summary: None,
            image: image.map(Into::into),
            published: None,
            modified: None,
            authors: vec![],
            category: None,
            language: None,
            lang: None,
            base: None,
            attachments: vec![],
        }
    }

    #[test]
    fn images_are_the_lead_and_the_content_ones_once_each() {
        let article = article(
            Some("media/a.jpg"),
            r#"<p>x</p><img alt="" src="media/b.jpg?w=1&amp;h=2"><img src="media/a.jpg"><img alt="no src">"#,
        );
        assert_eq!(
            article_images(&article),
            vec!["media/a.jpg", "media/b.jpg?w=1&h=2"]
        );
    }

    #[test]
    fn the_stored_amount_reads_in_both_languages() {
        assert_eq!(
            stored_text(Lang::Uk, 37, 12 * 1_048_576),
            "Збережено 37 дописів, 12 МБ"
        );
        assert_eq!(
            stored_text(Lang::En, 1, 1000),
            "Saved: 1 article, under 1 MB"
        );
    }

    #[test]
    fn the_saved_time_is_the_publishers() {
        let kyiv = FixedOffset::east_opt(2 * 3600);
        // 2024-11-24 12:32 UTC.
        assert_eq!(
            saved_time(1_732_451_520_000, kyiv).as_deref(),
            Some("14:32")
        );
        assert_eq!(
            saved_time(1_732_451_520_000, None).as_deref(),
            Some("12:32")
        );
    }
}
