//! The calls into browser APIs that the views need: loading the feed and keeping scroll
//! positions across back and forward. Nothing here renders.

use crate::feed::{parse_json_feed, Feed, FeedError};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The feed, relative to the document's `<base href>`, so a site under a sub-path finds its own.
pub const FEED_URL: &str = "feed.json";

/// Fetches and parses the feed. Items that had to be skipped are reported in the console for
/// the publisher; the reader sees the rest.
pub async fn fetch_feed() -> Result<Feed, FeedError> {
    let response = gloo_net::http::Request::get(FEED_URL)
        .send()
        .await
        .map_err(|error| FeedError::Network(error.to_string()))?;
    if !response.ok() {
        return Err(FeedError::Http(response.status()));
    }
    let text = response
        .text()
        .await
        .map_err(|error| FeedError::Network(error.to_string()))?;
    let feed = parse_json_feed(&text);
    match &feed {
        Ok(feed) if feed.skipped > 0 => leptos::logging::warn!(
            "Vistka: skipped {} feed item(s) without a usable id, title or date, or with a repeated id",
            feed.skipped
        ),
        Err(error) => leptos::logging::error!("Vistka: the feed could not be used: {error:?}"),
        Ok(_) => {}
    }
    feed
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
/// reader scrolls and put back one frame after `popstate`, once the view is in place.
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
            on_click.borrow_mut().leaving = true;
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

/// Removes the static placeholder `index.html` paints before the app starts.
pub fn remove_boot_screen() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

fn current_url_key() -> Option<String> {
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
