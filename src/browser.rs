//! The calls into browser APIs that the views need: loading the feed and keeping scroll
//! positions across back and forward. Nothing here renders.

use crate::feed::{parse_json_feed, Feed, FeedError};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

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

/// Back and forward return the reader to where they were on that page.
///
/// The browser's own restoration runs at `popstate`, before the router has rendered the
/// previous view, so it scrolls a half-built page. Instead we remember each URL's position as
/// the reader scrolls and put it back one frame after `popstate`, once the view is in place.
pub fn keep_scroll_positions() {
    if let Ok(history) = window().history() {
        // Ignoring the error is right: if the browser refuses, it restores scroll itself.
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let positions: Rc<RefCell<HashMap<String, f64>>> = Rc::default();

    let remembered = Rc::clone(&positions);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if let Some(key) = current_url_key() {
            let y = window().scroll_y().unwrap_or_default();
            remembered.borrow_mut().insert(key, y);
        }
    });
    let on_popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let y = current_url_key()
            .and_then(|key| positions.borrow().get(&key).copied())
            .unwrap_or_default();
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_popstate.remove();
    });
}

/// Removes the static placeholder `index.html` paints before the app starts.
pub fn remove_boot_screen() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

fn current_url_key() -> Option<String> {
    let location = window().location();
    Some(location.pathname().ok()? + &location.search().ok()?)
}
