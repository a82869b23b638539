//! The calls into browser APIs: fetching the config and the feed (with a timeout), reading and
//! writing the consent record and the language choice, the browser's languages, the analytics
//! script, click-to-load embeds and media players, scroll positions across back and forward,
//! the reader's place during a refresh, focus, colours and the page's description. Nothing here
//! renders; views call these from effects and event handlers.

use crate::config::{Colors, SiteAddress, SiteConfig, SourceKind};
use crate::consent::{standing_choices, Choices, ConsentPolicy, ConsentRecord, STORAGE_KEY};
use crate::embed::player_for;
use crate::feed::{
    parse_source, parse_wordpress_index, wordpress_index_request, wordpress_next_page, Feed,
    FeedError, WordPressSite,
};
use crate::i18n::{Lang, ReaderLanguages};
use crate::page_meta::{self, PageMeta};
use crate::routes::{article_path, query_param, without_param};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The site configuration, beside `index.html`.
pub const CONFIG_URL: &str = "config.json";

/// Fetches and parses one page of the configured source, giving up after its timeout. What
/// had to be repaired or skipped is summed up in the console for the publisher; the reader
/// sees every item that could be shown.
pub async fn fetch_feed(config: &SiteConfig, url: &str) -> Result<Feed, FeedError> {
    fetch_feed_or_saved(config, url).await.map(|(feed, _)| feed)
}

/// [`fetch_feed`], and when the feed is offline reading's saved copy (src/offline.rs), the
/// time that copy arrived, in milliseconds since the epoch.
pub async fn fetch_feed_or_saved(
    config: &SiteConfig,
    url: &str,
) -> Result<(Feed, Option<i64>), FeedError> {
    let source = &config.source;
    let (text, headers) = fetch_text(url, source.timeout_seconds).await?;
    let saved_at = headers
        .get(crate::offline::SAVED_AT)
        .and_then(|at| at.trim().parse::<i64>().ok());
    let feed =
        parse_source(source.kind, &text, &config.read_options(url)).map(|feed| match source.kind {
            SourceKind::JsonFeed => feed,
            SourceKind::WordPress => {
                let total_pages = headers
                    .get("X-WP-TotalPages")
                    .and_then(|pages| pages.trim().parse().ok());
                let next_url = total_pages.and_then(|total| wordpress_next_page(url, total));
                Feed { next_url, ..feed }
            }
        });
    match &feed {
        Ok(feed) => {
            if let Some(summary) = feed.report.summary() {
                leptos::logging::warn!("Vistka: {summary}");
            }
        }
        Err(error) => leptos::logging::error!("Vistka: the feed could not be used: {error:?}"),
    }
    feed.map(|feed| (feed, saved_at))
}

/// The longest wait for a WordPress site's REST API index: its name is a nicety, and a
/// prerendered page waits for it before the app takes over.
const SITE_INDEX_TIMEOUT_SECONDS: u32 = 5;

/// The name and description of the WordPress site the configured source belongs to, from its
/// REST API index (`/wp-json/`); `None` on any failure, which the caller passes over in
/// silence: the configuration may name the publication instead.
pub async fn fetch_site_index(config: &SiteConfig) -> Option<WordPressSite> {
    let url = wordpress_index_request(&config.source.url)?;
    let timeout = config
        .source
        .timeout_seconds
        .min(SITE_INDEX_TIMEOUT_SECONDS);
    let (text, _) = fetch_text(&url, timeout).await.ok()?;
    parse_wordpress_index(&text)
}

/// Resolves after `wait`.
pub async fn sleep(wait: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = set_timeout_with_handle(
            move || {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            },
            wait,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// GETs a URL as text (with the response headers), aborting the request after
/// `timeout_seconds`.
async fn fetch_text(
    url: &str,
    timeout_seconds: u32,
) -> Result<(String, gloo_net::http::Headers), FeedError> {
    let controller = web_sys::AbortController::new()
        .map_err(|_| FeedError::Network("no AbortController".into()))?;
    let abort = {
        let controller = controller.clone();
        set_timeout_with_handle(
            move || controller.abort(),
            Duration::from_secs(u64::from(timeout_seconds)),
        )
        .ok()
    };
    let signal = controller.signal();
    let outcome = async {
        let response = gloo_net::http::Request::get(url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|error| FeedError::Network(error.to_string()))?;
        if !response.ok() {
            return Err(FeedError::Http(response.status()));
        }
        let headers = response.headers();
        // The bytes, decoded here: `text()` would decode UTF-8 into a JS string only for
        // wasm-bindgen to encode it back into UTF-8, twice over a 10 MB feed.
        let bytes = response
            .binary()
            .await
            .map_err(|error| FeedError::Network(error.to_string()))?;
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
        Ok((text, headers))
    }
    .await;
    if let Some(abort) = abort {
        abort.clear();
    }
    match outcome {
        Err(FeedError::Network(_)) if signal.aborted() => Err(FeedError::Timeout),
        outcome => outcome,
    }
}

/// Calls `shown` each time the page becomes visible again (the reader returns to the tab).
pub fn on_page_shown(shown: impl Fn() + 'static) {
    let handler = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            shown();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", handler.as_ref().unchecked_ref());
    // Lives as long as the page.
    handler.forget();
}

/// What the reader is looking at: the first article link at or below the top of the screen
/// (which of the links to that article, as one card links to it several times), and how far
/// down the screen it is.
pub struct ReadingAnchor {
    href: String,
    occurrence: u32,
    top: f64,
}

/// Notes the reader's place before the view is rebuilt with fresh content.
pub fn reading_anchor() -> Option<ReadingAnchor> {
    let selector = format!("main a[href^='{}']", article_path(""));
    let links = document().query_selector_all(&selector).ok()?;
    let links: Vec<web_sys::Element> = (0..links.length())
        .filter_map(|index| links.item(index)?.dyn_into().ok())
        .collect();
    let (position, link) = links
        .iter()
        .enumerate()
        .find(|(_, link)| link.get_bounding_client_rect().top() >= 0.0)?;
    let href = link.get_attribute("href")?;
    let earlier = links.iter().take(position);
    let occurrence = earlier
        .filter(|other| other.get_attribute("href").as_deref() == Some(&href))
        .count();
    Some(ReadingAnchor {
        top: link.get_bounding_client_rect().top(),
        occurrence: u32::try_from(occurrence).ok()?,
        href,
    })
}

impl ReadingAnchor {
    /// Once the rebuilt view is in place (before it is painted), scrolls so the same link is
    /// where it was on screen: items added above do not push the reader's place away.
    pub fn keep(self) {
        request_animation_frame(move || {
            // Slugs are ASCII letters, digits and hyphens: safe inside the quoted selector.
            let selector = format!("main a[href='{}']", self.href);
            let link = document()
                .query_selector_all(&selector)
                .ok()
                .and_then(|links| links.item(self.occurrence))
                .and_then(|link| link.dyn_into::<web_sys::Element>().ok());
            if let Some(link) = link {
                let moved = link.get_bounding_client_rect().top() - self.top;
                window().scroll_by_with_x_and_y(0.0, moved);
            }
        });
    }
}

/// Puts the publisher's description in the page's `<meta name="description">`.
/// Keeps the head true to the view shown: its language, title, description, canonical
/// address and the Open Graph tags a share sheet or reader extension reads. What only the
/// build writes for its own view (an article's dates and picture, structured data) is
/// removed once another view is shown, rather than left describing the page before.
pub fn show_page_meta(meta: &PageMeta, site: Option<&SiteAddress>) {
    let document = document();
    document.set_title(&meta.title);
    let canonical = meta.listed().then(|| match site {
        Some(site) => site.absolute(&meta.path),
        None => meta.path.clone(),
    });
    let built_for =
        head_tag("link", "rel", "canonical").and_then(|link| link.get_attribute("href"));
    if built_for != canonical {
        if let Ok(stale) = document.query_selector_all(BUILT_VIEW_ONLY) {
            for node in (0..stale.length()).filter_map(|index| stale.item(index)) {
                if let Ok(element) = node.dyn_into::<web_sys::Element>() {
                    element.remove();
                }
            }
        }
    }
    let og_type = match meta.kind {
        page_meta::PageKind::Article(_) => "article",
        _ => "website",
    };
    for (tag, key, name, value) in [
        ("meta", "name", "description", meta.description.as_deref()),
        ("link", "rel", "canonical", canonical.as_deref()),
        (
            "meta",
            "name",
            "robots",
            (!meta.listed()).then_some("noindex"),
        ),
        ("meta", "property", "og:title", Some(meta.headline.as_str())),
        (
            "meta",
            "property",
            "og:description",
            meta.description.as_deref(),
        ),
        (
            "meta",
            "property",
            "og:url",
            canonical.as_deref().filter(|_| site.is_some()),
        ),
        ("meta", "property", "og:type", Some(og_type)),
        ("meta", "property", "og:locale", Some(meta.lang.locale())),
    ] {
        set_head_tag(tag, key, name, value);
    }
}

/// The language of the site's own words, on `<html>`; an article in another carries its own.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Head tags that describe only the view the build wrote the document for.
const BUILT_VIEW_ONLY: &str = "meta[property^='article:'],meta[property^='og:image'],\
    meta[name^='twitter:'],script[type='application/ld+json']";

/// The head's `<tag key="name">`.
fn head_tag(tag: &str, key: &str, name: &str) -> Option<web_sys::Element> {
    let selector = format!("head > {tag}[{key}='{name}']");
    document().query_selector(&selector).ok().flatten()
}

/// Sets the value (`content`, or `href` of a link) of the head's `<tag key="name">`, adding the
/// tag if it is missing; `None` removes it.
fn set_head_tag(tag: &str, key: &str, name: &str, value: Option<&str>) {
    let attribute = match tag {
        "link" => "href",
        _ => "content",
    };
    match (head_tag(tag, key, name), value) {
        (Some(element), Some(value)) => {
            if element.get_attribute(attribute).as_deref() != Some(value) {
                let _ = element.set_attribute(attribute, value);
            }
        }
        (Some(element), None) => element.remove(),
        (None, Some(value)) => {
            let head = document().query_selector("head").ok().flatten();
            if let (Some(head), Ok(element)) = (head, document().create_element(tag)) {
                let _ = element.set_attribute(key, name);
                let _ = element.set_attribute(attribute, value);
                let _ = head.append_child(&element);
            }
        }
        (None, None) => {}
    }
}

/// Applies the publisher's accent colours; the stylesheet falls back to its own.
pub fn apply_colors(colors: &Colors) {
    let Some(root) = document()
        .document_element()
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    for (property, value) in [
        ("--brand", &colors.accent),
        ("--brand-dark", &colors.accent_dark),
    ] {
        if let Some(value) = value {
            let _ = root.style().set_property(property, value);
        }
    }
}

/// Loads `config.json`. No file means the defaults; a broken one is reported in the console
/// with the field at fault, and the defaults are used so the site still works.
pub async fn fetch_config() -> SiteConfig {
    let text = fetch_text(CONFIG_URL, SiteConfig::default().source.timeout_seconds)
        .await
        .ok()
        .map(|(text, _)| text);
    match text.map(|text| SiteConfig::parse(&text)) {
        Some(Ok(config)) => config,
        Some(Err(error)) => {
            leptos::logging::error!("Vistka: {error}; using the defaults");
            SiteConfig::default()
        }
        None => SiteConfig::default(),
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // Both the getter and the storage itself throw where storage is blocked.
    window().local_storage().ok().flatten()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The reader's standing consent choices, if a valid stored record has them.
pub fn stored_consent(policy: &ConsentPolicy) -> Option<Choices> {
    let stored = local_storage().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    standing_choices(stored.as_deref(), policy, now())
}

/// Stores the reader's choices. Where storage is refused the choice still holds for this
/// page session (the caller keeps it in memory) and the banner returns on the next visit.
pub fn store_consent(choices: Choices, policy: &ConsentPolicy) {
    let id = window()
        .crypto()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|_| format!("{:x}", js_sys::Math::random().to_bits()));
    let record = ConsentRecord::new(choices, policy, now(), id).to_json();
    let stored = local_storage().map(|storage| storage.set_item(STORAGE_KEY, &record));
    if !matches!(stored, Some(Ok(()))) {
        leptos::logging::warn!(
            "Vistka: the consent choice could not be stored; it holds until the page is closed"
        );
    }
}

/// Where the reader's language choice is kept. A setting the reader asked for, so it is
/// stored without consent, like the consent record itself (ePrivacy Directive art. 5(3):
/// strictly necessary for a service the user explicitly requested).
const LANG_KEY: &str = "vistka.lang";

/// What the reader has said about languages: a `?lang=` link, the saved choice, the browser's
/// languages.
pub fn reader_languages() -> ReaderLanguages {
    let saved = local_storage()
        .and_then(|storage| storage.get_item(LANG_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag));
    let browser = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string().and_then(|tag| Lang::from_tag(&tag)))
        .collect();
    // A `?lang=` link: for this visit only.
    let chosen = window()
        .location()
        .search()
        .ok()
        .and_then(|search| query_param(&search, "lang").and_then(Lang::from_tag));
    ReaderLanguages {
        chosen,
        saved,
        browser,
    }
}

/// Saves the reader's language choice. Where storage is refused the choice still holds for
/// this page session (the caller keeps it in memory).
pub fn save_lang(lang: Lang) {
    let stored = local_storage().map(|storage| storage.set_item(LANG_KEY, lang.code()));
    if !matches!(stored, Some(Ok(()))) {
        leptos::logging::warn!(
            "Vistka: the language choice could not be stored; it holds until the page is closed"
        );
    }
}

/// Takes `?lang=` out of the address once the reader has chosen in the switch, so a reload
/// keeps their choice rather than the link's.
pub fn drop_lang_param() {
    let location = window().location();
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let kept = without_param(&search, "lang");
    if kept != search {
        let history = window().history();
        if let Ok(history) = history {
            let state = history.state().unwrap_or(JsValue::NULL);
            let _ =
                history.replace_state_with_url(&state, "", Some(&format!("{path}{kept}{hash}")));
        }
    }
}

/// Inserts the publisher's analytics script once, or removes it when consent is withdrawn.
pub fn set_analytics_script(src: &str, wanted: bool) {
    const ID: &str = "vistka-analytics";
    let existing = document().get_element_by_id(ID);
    match (existing, wanted) {
        (None, true) => {
            if let Ok(script) = document().create_element("script") {
                script.set_id(ID);
                let _ = script.set_attribute("src", src);
                let _ = script.set_attribute("async", "");
                if let Some(head) = document().head() {
                    let _ = head.append_child(&script);
                }
            }
        }
        (Some(script), false) => script.remove(),
        _ => {}
    }
}

/// Scroll positions of the pages the reader has seen, by URL, and the URL now shown.
#[derive(Default)]
pub struct ScrollMemory {
    positions: HashMap<String, f64>,
    shown: String,
    /// Between a link click and the router showing the new page. The old page is being
    /// replaced then, and the browser fires scroll events with positions clamped to the
    /// shrinking document while the URL still names the old page: those are not the reader's.
    leaving: bool,
}

impl ScrollMemory {
    /// Records the URL (path and query) the router now shows.
    pub fn showing(&mut self, url: String) {
        self.shown = url;
        self.leaving = false;
    }

    fn scrolled(&mut self, url: String, y: f64) {
        if !self.leaving && url == self.shown {
            self.positions.insert(url, y);
        }
    }
}

/// Back and forward return the reader to where they were on that page.
///
/// The browser's own restoration runs at `popstate`, before the router has rendered the
/// previous view, so it scrolls a half-built page. Instead each page's position is kept as the
/// reader scrolls (and at each click on a link) and put back one frame after `popstate`, once
/// the view is in place.
/// The caller reports each URL the router shows through [`ScrollMemory::showing`].
pub fn keep_scroll_positions() -> Rc<RefCell<ScrollMemory>> {
    if let Ok(history) = window().history() {
        // If the browser refuses, it restores scroll itself: good enough.
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let memory = Rc::new(RefCell::new(ScrollMemory::default()));

    let on_scroll = Rc::clone(&memory);
    window_event_listener(leptos::ev::scroll, move |_| {
        if let Some(url) = current_url_key() {
            on_scroll
                .borrow_mut()
                .scrolled(url, window().scroll_y().unwrap_or_default());
        }
    });
    // In the capture phase, before the router's own click handler starts the navigation.
    let on_click = Rc::clone(&memory);
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        let on_link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .is_some();
        if on_link {
            let mut memory = on_click.borrow_mut();
            // The position as of the click: scroll events come at the browser's next
            // rendering update, which WebKit may hold back for hundreds of milliseconds, so a
            // scroll just before the click would otherwise be lost.
            if let Some(url) = current_url_key() {
                memory.scrolled(url, window().scroll_y().unwrap_or_default());
            }
            memory.leaving = true;
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        click.as_ref().unchecked_ref(),
        true,
    );
    // The listeners live as long as the page: the app is never unmounted.
    click.forget();

    let on_popstate = Rc::clone(&memory);
    window_event_listener(leptos::ev::popstate, move |_| {
        let y = current_url_key()
            .and_then(|url| on_popstate.borrow().positions.get(&url).copied())
            .unwrap_or_default();
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    });
    memory
}

/// Click-to-load: swaps the clicked placeholder for its player, for this embed only.
pub fn load_clicked_embed(event: web_sys::MouseEvent) {
    let placeholder = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .filter(|element| {
            element
                .closest("[data-load-embed]")
                .ok()
                .flatten()
                .is_some()
        })
        .and_then(|element| element.closest(".embed-placeholder").ok().flatten());
    let Some(placeholder) = placeholder else {
        return;
    };
    let attribute = |name| placeholder.get_attribute(name).unwrap_or_default();
    if let Some(player) = player_for(&attribute("data-embed-src"), &attribute("data-embed-title")) {
        placeholder.set_outer_html(&player);
    }
}

/// A click in an attachment: on its placeholder's button (`data-load-media`), runs `load`,
/// which has the player drawn in the placeholder's place, then moves focus to the player, so
/// keyboard and screen-reader users are where they meant to be rather than at the top of the
/// page. Any other click (on the player, on the link) is left alone.
pub fn load_clicked_player(event: &web_sys::MouseEvent, load: impl FnOnce()) {
    // The target, not the current target: Leptos delegates clicks to the document.
    let attachment = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .filter(|element| {
            element
                .closest("[data-load-media]")
                .ok()
                .flatten()
                .is_some()
        })
        .and_then(|button| button.closest(".attachment").ok().flatten());
    let Some(attachment) = attachment else {
        return;
    };
    load();
    request_animation_frame(move || {
        let player = attachment.query_selector("audio, video").ok().flatten();
        if let Some(player) =
            player.and_then(|player| player.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = player.focus();
        }
    });
}

/// Tells the page that frames the embed how tall the widget is, now and whenever the frame's
/// width changes, as `{type: "vistka:height", id, height}`. The height is no secret, so any
/// parent may read it; the partner's loader checks that it comes from this site.
pub fn report_embed_height(id: String) {
    let send = move || {
        let Some(widget) = document().query_selector(".embed-widget").ok().flatten() else {
            return;
        };
        let height = widget.get_bounding_client_rect().height().ceil();
        let message = js_sys::Object::new();
        for (key, value) in [
            ("type", JsValue::from_str("vistka:height")),
            ("id", JsValue::from_str(&id)),
            ("height", JsValue::from_f64(height)),
        ] {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &value);
        }
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&message, "*");
        }
    };
    let on_resize = send.clone();
    window_event_listener(leptos::ev::resize, move |_| on_resize());
    request_animation_frame(send);
}

/// Moves focus to the main content, e.g. when the consent banner it was in goes away.
pub fn focus_main() {
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

/// After an in-app navigation, once the new view is drawn: moves focus to its headline (without
/// scrolling: scroll position is the scroll memory's business) and has the live region say
/// the new page's title, so keyboard and screen-reader users know the page changed.
pub fn announce_new_view(live_region_id: &'static str) {
    request_animation_frame(move || {
        if let Ok(Some(heading)) = document().query_selector("main h1") {
            let _ = heading.set_attribute("tabindex", "-1");
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = heading.focus_with_options(&options);
            }
        }
        if let Some(region) = document().get_element_by_id(live_region_id) {
            region.set_text_content(Some(&document().title()));
        }
    });
}

/// Has the live region `live_region_id` say `text` (search results as they change).
pub fn announce(live_region_id: &str, text: &str) {
    if let Some(region) = document().get_element_by_id(live_region_id) {
        region.set_text_content(Some(text));
    }
}

/// The path the browser shows now.
pub fn current_path() -> Option<String> {
    window().location().pathname().ok()
}

/// Runs `work` in a task of its own once the browser has drawn the next frame: work the reader
/// does not wait for, kept out of the frame that shows what they asked for.
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}

/// What the browser was served for this URL.
pub enum PageKind {
    /// The build's document for this very view (`data-prerendered="page"` on `<body>`).
    Prerendered,
    /// Anything else: `404.html`, which a static host serves for paths the build did not know
    /// (an article published since), or the unbuilt `index.html` of `trunk serve`.
    Fallback,
}

pub fn page_kind() -> PageKind {
    let kind = document()
        .body()
        .and_then(|body| body.get_attribute("data-prerendered"));
    match kind.as_deref() {
        Some("page") => PageKind::Prerendered,
        _ => PageKind::Fallback,
    }
}

/// Mounts `app` in place of everything `parent` shows (the page's `<body>`), before the browser
/// paints again. Focus on a prerendered control moves to the same control in the app's markup
/// (found by its position: both are the same components' output); the scroll position stays,
/// as the page keeps its height.
pub fn replace_content<V: IntoView + 'static>(
    parent: web_sys::HtmlElement,
    app: impl FnOnce() -> V + 'static,
) {
    let shown = element_children(&parent);
    let focus_path = document()
        .active_element()
        .and_then(|focused| position_in(&parent, &focused));
    // Appends; lives as long as the page.
    leptos::mount::mount_to(parent.clone(), app).forget();
    for element in shown {
        element.remove();
    }
    // The router fills `<main>` in a microtask after mounting: refocus once it has, still
    // before the next paint (measured: at once, `<main>` is still empty).
    let Some(place) = focus_path else {
        return;
    };
    request_animation_frame(move || {
        let refocus = element_at(&parent, &place)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = refocus {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = element.focus_with_options(&options);
        }
    });
}

/// Tells the stylesheet the app runs: the controls that need it (`.needs-js`) may show.
pub fn mark_app_running() {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("app");
    }
}

fn element_children(parent: &web_sys::Element) -> Vec<web_sys::Element> {
    let children = parent.children();
    (0..children.length())
        .filter_map(|index| children.item(index))
        .collect()
}

/// Where an element sits under `root`: the tag of the child of `root` it is in, then the child
/// indices down to it. The top level is named by tag, not counted: the app may insert the
/// consent banner first in `<body>` before focus is restored, and each of the page's top-level
/// parts (skip link, header, main, footer, dialog, live region) has a tag of its own.
struct Place {
    top: String,
    path: Vec<u32>,
}

fn position_in(root: &web_sys::Element, element: &web_sys::Element) -> Option<Place> {
    let mut path = Vec::new();
    let mut current = element.clone();
    loop {
        let parent = current.parent_element()?;
        if parent == *root {
            path.reverse();
            return Some(Place {
                top: current.local_name(),
                path,
            });
        }
        let siblings = element_children(&parent);
        let index = siblings.iter().position(|sibling| *sibling == current)?;
        path.push(u32::try_from(index).ok()?);
        current = parent;
    }
}

fn element_at(root: &web_sys::Element, place: &Place) -> Option<web_sys::Element> {
    let top = element_children(root)
        .into_iter()
        .find(|child| child.local_name() == place.top)?;
    place
        .path
        .iter()
        .try_fold(top, |element, index| element.children().item(*index))
}

/// The page the browser shows now, as [`url_key`] names it.
pub fn current_url_key() -> Option<String> {
    let location = window().location();
    Some(url_key(
        &location.pathname().ok()?,
        &location.search().ok()?,
    ))
}

/// How a page is named in the scroll memory: its path and query.
pub fn url_key(path: &str, search: &str) -> String {
    match search {
        "" | "?" => path.to_owned(),
        search if search.starts_with('?') => format!("{path}{search}"),
        search => format!("{path}?{search}"),
    }
}
