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

/// A podcast's feed: an episode on a podcast host and a short version on the site itself.
const PODCAST_FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Подкаст","language":"uk","items":[
    {"id":"45","title":"Епізод 45","date_published":"2024-11-23T10:00:00+02:00","content_html":"<p>Нотатки.</p>",
     "attachments":[
       {"url":"http://podcasts.example/45.m4a","mime_type":"audio/x-m4a","size_in_bytes":75344101,"duration_in_seconds":3900},
       {"url":"media/45-short.mp3","mime_type":"audio/mpeg","duration_in_seconds":125}
     ]}]}"#;

/// The other host's player, on HTTPS.
const EXTERNAL_PLAYER: &str = "audio[src=\"https://podcasts.example/45.m4a\"]";

/// The whole app showing the podcast's article, with `consent` stored beforehand (`None`: a
/// first visit). Dropping it unmounts the app and puts back the runner's address and storage.
struct PodcastArticle {
    host: web_sys::HtmlElement,
    store: FeedStore,
    app: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
    came_from: String,
}

impl PodcastArticle {
    async fn open(consent: Option<vistka::consent::Choices>) -> PodcastArticle {
        use std::sync::Arc;
        use vistka::config::SiteConfig;
        use vistka::consent::{ConsentPolicy, STORAGE_KEY};
        use vistka::feed::parse_json_feed;
        use vistka::i18n::ReaderLanguages;
        use vistka::routes::article_path;

        let config = Arc::new(SiteConfig::default());
        let feed = parse_json_feed(PODCAST_FEED, &config.read_options("feed.json"))
            .expect("the feed parses");
        let slug = feed
            .articles
            .first()
            .map(|article| article.slug.clone())
            .expect("an article");
        let window = web_sys::window().expect("a window");
        if let Some(storage) = window.local_storage().ok().flatten() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        if let Some(choices) = consent {
            vistka::browser::store_consent(choices, &ConsentPolicy::default());
        }
        let came_from = window.location().href().expect("the runner's address");
        window
            .history()
            .expect("history")
            .push_state_with_url(&JsValue::NULL, "", Some(&article_path(&slug)))
            .expect("the article's address");
        let store = FeedStore::ready(
            config,
            Arc::new(feed),
            ReaderLanguages::default(),
            js_sys::Date::now(),
        );
        let host = host_element();
        let app = leptos::mount::mount_to(host.clone(), move || view! { <App store /> }.into_any());
        let page = PodcastArticle {
            host,
            store,
            app: Some(app),
            came_from,
        };
        wait_until("the article is drawn", || page.find("article h1").is_some()).await;
        page
    }

    fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.host.query_selector(selector).ok().flatten()
    }

    /// The first button in `scope` whose text is `text`.
    fn button(&self, scope: &str, text: &str) -> web_sys::HtmlElement {
        let buttons = self
            .host
            .query_selector_all(&format!("{scope} button"))
            .expect("a selector");
        (0..buttons.length())
            .filter_map(|index| buttons.item(index))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|button| button.text_content().as_deref() == Some(text))
            .unwrap_or_else(|| panic!("no button «{text}» in {scope}"))
    }
}

impl Drop for PodcastArticle {
    fn drop(&mut self) {
        drop(self.app.take());
        self.host.remove();
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(storage) = window.local_storage().ok().flatten() {
            let _ = storage.remove_item(vistka::consent::STORAGE_KEY);
        }
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&self.came_from));
        }
    }
}

/// An article with a podcast episode, in the whole app: the site's own file has its player at
/// once; another host's has a placeholder until the reader asks, then its player, focused, on
/// HTTPS; neither answering the consent banner afterwards nor a refresh of the feed draws the
/// players again (either may be playing).
#[wasm_bindgen_test]
async fn a_podcast_player_loads_on_request_and_plays_on_through_consent_and_refresh() {
    use std::sync::Arc;
    use vistka::config::SiteConfig;
    use vistka::feed::parse_json_feed;
    use vistka::store::FeedState;

    let page = PodcastArticle::open(None).await;
    let find = |selector: &str| page.find(selector);
    let own = find("audio[src=\"media/45-short.mp3\"]").unwrap_or_else(|| {
        panic!(
            "the site's own file has no player: {}",
            page.host.inner_html()
        )
    });
    assert_eq!(own.get_attribute("preload").as_deref(), Some("none"));
    assert!(
        find("audio[src*=\"podcasts.example\"]").is_none(),
        "nothing asked of the other host"
    );
    let button = find(".media-placeholder button")
        .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("the placeholder's button");
    assert!(page
        .host
        .text_content()
        .unwrap_or_default()
        .contains("podcasts.example"));

    button.click();
    let external = EXTERNAL_PLAYER;
    wait_until("the other host's player is drawn", || {
        find(external).is_some()
    })
    .await;
    let player = find(external).expect("the player");
    assert_eq!(player.get_attribute("preload").as_deref(), Some("none"));
    assert!(find(".media-placeholder").is_none());
    wait_until("the player has focus", || {
        document()
            .active_element()
            .is_some_and(|active| active == player)
    })
    .await;

    // Answering the banner now changes the consent, but not this player.
    page.button(".consent-banner", "Відхилити все").click();
    wait_until("the banner is answered", || {
        find(".consent-banner").is_none()
    })
    .await;
    next_frame().await;
    assert!(
        player.is_connected(),
        "the player the reader asked for was rebuilt"
    );
    assert!(own.is_connected(), "the site's own player was rebuilt");

    // A background refresh of the feed (the reader back in the tab) that brings a new item but
    // leaves this article as it was updates the rail, and leaves the players alone.
    let refreshed = PODCAST_FEED.replace(
        r#""items":["#,
        r#""items":[{"id":"46","title":"Епізод 46","date_published":"2024-11-30T10:00:00+02:00","content_text":"Новий."},"#,
    );
    let refreshed = parse_json_feed(&refreshed, &SiteConfig::default().read_options("feed.json"))
        .expect("the refreshed feed parses");
    page.store.state.set(FeedState::Ready(Arc::new(refreshed)));
    wait_until("the rail lists the new item", || {
        find(".fresh-posts")
            .and_then(|rail| rail.text_content())
            .is_some_and(|rail| rail.contains("Епізод 46"))
    })
    .await;
    assert!(
        own.is_connected(),
        "the site's own player was drawn again by the refresh"
    );
    assert!(
        player.is_connected(),
        "the loaded player was drawn again by the refresh"
    );
}

/// A reader who allows external media gets the other host's player without asking; withdrawing
/// the consent in the settings dialog turns it back into its placeholder at once, and leaves
/// the site's own player alone.
#[wasm_bindgen_test]
async fn external_media_consent_draws_the_player_and_withdrawing_it_the_placeholder() {
    use vistka::consent::Choices;

    let page = PodcastArticle::open(Some(Choices::ALL)).await;
    wait_until("the stored consent is read", || {
        page.find(EXTERNAL_PLAYER).is_some()
    })
    .await;
    assert!(page.find(".media-placeholder").is_none());
    assert!(page.find(".consent-banner").is_none());
    let own = page
        .find("audio[src=\"media/45-short.mp3\"]")
        .expect("the site's own player");

    page.button(".site-footer", "Налаштування cookies").click();
    wait_until("the settings dialog is open", || {
        page.find(".consent-dialog")
            .is_some_and(|dialog| dialog.has_attribute("open"))
    })
    .await;
    page.find("#consent-media")
        .and_then(|checkbox| checkbox.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("the external media checkbox")
        .click();
    page.button(".consent-dialog", "Зберегти вибір").click();
    wait_until("the placeholder is back", || {
        page.find(".media-placeholder").is_some()
    })
    .await;
    assert!(page.find(EXTERNAL_PLAYER).is_none());
    assert!(own.is_connected(), "the site's own player was drawn again");
}
