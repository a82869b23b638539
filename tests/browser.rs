//! Tests that need a real browser, run by `wasm-bindgen-test` in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use vistka::app::App;
use vistka::embed::Embeds;
use vistka::html::sanitize;
use vistka::i18n::Lang;
use vistka::store::FeedStore;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const XSS_CORPUS: &str = include_str!("fixtures/xss/dompurify-payloads.json");

/// An empty element of its own for a test to render into, at the end of the runner's page.
fn host_element() -> web_sys::HtmlElement {
    let host = document()
        .create_element("div")
        .expect("a div")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("an HTML element");
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("appended");
    host
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Resolves on the next animation frame: lets the browser load, fail and fire events.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits, frame by frame, until `condition` holds; fails after about ten seconds.
async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..600 {
        if condition() {
            return;
        }
        next_frame().await;
    }
    panic!("gave up waiting until {what}");
}

/// What the real HTML parser makes of the sanitiser's output: no element may carry an event
/// handler or a script URL, and no scriptable element may exist, for any corpus payload.
#[wasm_bindgen_test]
async fn sanitised_corpus_is_inert_in_the_real_dom() {
    let payloads: Vec<serde_json::Value> = serde_json::from_str(XSS_CORPUS).expect("corpus");
    let body = document().body().expect("a body");
    // A canary the payloads' alert()/prompt() calls would trip if anything ran.
    js_sys::eval("window.__xssRan = false; window.alert = window.prompt = window.confirm = () => { window.__xssRan = true; };")
        .expect("install canary");
    let host = document().create_element("div").expect("div");
    body.append_child(&host).expect("attach");
    for entry in &payloads {
        let payload = entry["payload"].as_str().unwrap_or_default();
        host.set_inner_html(&sanitize(
            payload,
            Embeds::Placeholder {
                notice: "n",
                load: "l",
            },
            None,
        ));
        let all = host.query_selector_all("*").expect("query");
        for index in 0..all.length() {
            let Some(element) = all
                .item(index)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let tag = element.tag_name().to_ascii_lowercase();
            assert!(
                !matches!(
                    tag.as_str(),
                    "script"
                        | "iframe"
                        | "object"
                        | "embed"
                        | "svg"
                        | "math"
                        | "style"
                        | "link"
                        | "meta"
                        | "base"
                        | "form"
                ),
                "<{tag}> in the DOM from {payload}"
            );
            let attributes = element.attributes();
            for a in 0..attributes.length() {
                let Some(attribute) = attributes.item(a) else {
                    continue;
                };
                let name = attribute.name().to_ascii_lowercase();
                let value: String = attribute
                    .value()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(!name.starts_with("on"), "{name} in the DOM from {payload}");
                assert!(
                    !(value.starts_with("javascript:")
                        || value.starts_with("data:")
                        || value.starts_with("vbscript:")),
                    "{name}={value} in the DOM from {payload}"
                );
            }
        }
    }
    // Give failing images a few frames to fire any error handler that slipped through.
    for _ in 0..10 {
        next_frame().await;
    }
    let ran = js_sys::Reflect::get(&web_sys::window().expect("window"), &"__xssRan".into())
        .expect("canary");
    assert_eq!(ran.as_bool(), Some(false), "a payload ran script");
    host.remove();
}

/// The whole app in a real page: the test server has no feed.json, so the app must end in
/// the failure view with a retry button, not a blank page or a panic.
#[wasm_bindgen_test]
async fn the_app_shows_a_retry_when_the_feed_is_missing() {
    // The reader chose Ukrainian on an earlier visit: it wins over the browser's English.
    vistka::browser::save_lang(Lang::Uk);
    // As the app starts on a page the build did not prerender (src/boot.rs), into a host of
    // its own so the test runner's page stays.
    let store = FeedStore::loading(vistka::browser::reader_languages());
    let host = host_element();
    leptos::mount::mount_to(host, move || view! { <App store /> }).forget();
    store.start();
    wait_until("the failure view shows", || {
        document()
            .query_selector("[role=alert] button")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let alert = document()
        .query_selector("[role=alert]")
        .ok()
        .flatten()
        .and_then(|alert| alert.text_content())
        .unwrap_or_default();
    assert!(alert.contains("Не вдалося завантажити новини"), "{alert}");
    assert!(alert.contains("(404)"), "{alert}");
    assert_eq!(document().title(), "Не вдалося завантажити новини");
    let html_lang = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"));
    assert_eq!(html_lang.as_deref(), Some("uk"));
}

/// Taking over a prerendered page: the app's nodes replace the old ones in the same task, and
/// a focused control stays focused (its twin in the app's markup).
#[wasm_bindgen_test]
async fn the_app_replaces_the_prerendered_nodes_and_keeps_focus() {
    let host = host_element();
    host.set_inner_html("<header><a href=\"/\">Home</a></header><main><p>Old</p><a href=\"/x\" id=\"old-link\">X</a></main>");
    let old_link = document()
        .get_element_by_id("old-link")
        .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("the old link");
    old_link.focus().expect("focusable");
    vistka::browser::replace_content(host.clone(), || {
        view! {
            <header><a href="/">"Home"</a></header>
            <main><p>"New"</p><a href="/x" id="new-link">"X"</a></main>
        }
    });
    assert_eq!(host.children().length(), 2, "only the app's nodes remain");
    assert_eq!(host.text_content().as_deref(), Some("HomeNewX"));
    next_frame().await;
    let focused = document().active_element().map(|element| element.id());
    assert_eq!(focused.as_deref(), Some("new-link"));
    host.remove();
}

/// The saved choice and `navigator.languages` are read back as the reader left them.
#[wasm_bindgen_test]
fn reads_the_saved_language_and_the_browsers() {
    for lang in [Lang::En, Lang::Uk] {
        vistka::browser::save_lang(lang);
        assert_eq!(vistka::browser::reader_languages().saved, Some(lang));
    }
    let navigator: Vec<Option<Lang>> = web_sys::window()
        .expect("a window")
        .navigator()
        .languages()
        .iter()
        .map(|tag| tag.as_string().and_then(|tag| Lang::from_tag(&tag)))
        .collect();
    let expected: Vec<Lang> = navigator.into_iter().flatten().collect();
    assert_eq!(vistka::browser::reader_languages().browser, expected);
}

#[wasm_bindgen_test]
fn the_head_follows_the_view_with_one_tag_of_each() {
    use chrono::DateTime;
    use vistka::browser::show_page_meta;
    use vistka::config::SiteAddress;
    use vistka::page_meta::{ArticleFacts, PageKind, PageMeta};
    let head = document()
        .query_selector("head")
        .ok()
        .flatten()
        .expect("a head");
    // As the build wrote it for an article.
    head.insert_adjacent_html(
        "beforeend",
        "<link rel=\"canonical\" href=\"https://vistka.example/article/a\">\
         <meta property=\"article:section\" content=\"Спорт\">\
         <meta property=\"og:image\" content=\"https://vistka.example/a.jpg\">\
         <script type=\"application/ld+json\">{}</script>",
    )
    .expect("inserted");
    let site = SiteAddress::parse("https://vistka.example/").expect("an address");
    let published = DateTime::parse_from_rfc3339("2024-11-23T10:00:00+02:00").expect("a date");
    let article = PageMeta {
        title: "A — Вістка".into(),
        headline: "A".into(),
        description: Some("Про «А».".into()),
        path: "/article/a".into(),
        lang: Lang::Uk,
        kind: PageKind::Article(ArticleFacts {
            published: Some(published),
            modified: None,
            section: Some("Спорт".into()),
            authors: Vec::new(),
            image: None,
        }),
    };
    let count = |selector: &str| {
        head.query_selector_all(selector)
            .expect("a selector")
            .length()
    };
    let content = |selector: &str| {
        head.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|tag| tag.get_attribute("content"))
    };
    // Takeover of the article's own page: what the build wrote stays.
    show_page_meta(&article, Some(&site));
    assert_eq!(document().title(), "A — Вістка");
    assert_eq!(count("meta[property='article:section']"), 1);
    assert_eq!(count("script[type='application/ld+json']"), 1);
    assert_eq!(
        content("meta[property='og:url']").as_deref(),
        Some("https://vistka.example/article/a")
    );
    // Another view: its own tags, once each; the article's are gone.
    let missing = PageMeta {
        title: "Не знайдено".into(),
        headline: "Не знайдено".into(),
        description: None,
        path: String::new(),
        lang: Lang::Uk,
        kind: PageKind::Unlisted,
    };
    show_page_meta(&missing, Some(&site));
    show_page_meta(&missing, Some(&site));
    assert_eq!(document().title(), "Не знайдено");
    for gone in [
        "link[rel='canonical']",
        "meta[property='og:url']",
        "meta[name='description']",
        "meta[property^='article:']",
        "meta[property='og:image']",
        "script[type='application/ld+json']",
    ] {
        assert_eq!(count(gone), 0, "{gone}");
    }
    assert_eq!(count("meta[name='robots']"), 1);
    assert_eq!(count("meta[property='og:title']"), 1);
    // And back: the canonical address returns, once.
    show_page_meta(&article, Some(&site));
    assert_eq!(count("link[rel='canonical']"), 1);
    assert_eq!(count("meta[name='robots']"), 0);
    assert_eq!(
        content("meta[name='description']").as_deref(),
        Some("Про «А».")
    );
}
