//! How the app starts in the browser: taking over a page the build prerendered, or mounting
//! into one it did not (`404.html` for a path the build did not know, `trunk serve`).
//!
//! Taking over is a clean replace, not hydration. The prerendered page stays on screen, fully
//! readable, while the wasm boots and the feed arrives (the loader starts both once the page has
//! loaded: scripts/postbuild.mjs says why); then the app renders the same page from the same
//! feed and swaps it in before the browser paints again: no blank frame, no placeholder, no
//! shift, and focus is carried over. Measured (bench/, 30 items, medians of 3): the swap is
//! done 0.22–0.27 s after navigation, 0.77–0.87 s at 4× CPU; until then the reader has the
//! page as built, painted as soon as the page with its scripts removed (0.9–1.4× its time to
//! the first item at 4× CPU over three runs, within that page's own run-to-run spread). Hydration would reuse the nodes instead, but Leptos 0.8's `hydrate` costs
//! 11–25 % more wasm than `csr`, and a news feed that changed since the build is exactly the
//! mismatch hydration breaks on; a replace simply shows the newer text.
//!
//! A prerendered page whose live feed cannot be read stays as it was built: complete, its
//! links real pages, the controls that need the app still hidden (style/main.css,
//! `.needs-js`). That beats replacing readable news with an error.

use crate::app::App;
use crate::browser::{
    fetch_config, fetch_feed, mark_app_running, on_page_shown, page_kind, reader_languages,
    replace_content, PageKind,
};
use crate::offline;
use crate::store::FeedStore;
use any_spawner::Executor;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Starts the app on the page the browser has.
pub fn start() {
    // Mounting would set up the async executor, but a prerendered page fetches before it
    // mounts. An error only says it is set up already.
    let _ = Executor::init_wasm_bindgen();
    let reader = reader_languages();
    match page_kind() {
        PageKind::Prerendered => spawn_local(async move {
            let config = Arc::new(fetch_config().await);
            match fetch_feed(&config, &config.source.url).await {
                Ok(feed) => {
                    let store =
                        FeedStore::ready(config, Arc::new(feed), reader, js_sys::Date::now());
                    // A WordPress source without `publication.name`: the page as built is
                    // named after the site, so the app reads its name before taking over
                    // (one small request, at most a few seconds) rather than show it unnamed.
                    store.read_site_index().await;
                    run(store);
                    store.follow_next_pages().await;
                }
                Err(_) => leptos::logging::warn!(
                    "Vistka: the live feed could not be read; this page stays as it was built"
                ),
            }
        }),
        PageKind::Fallback => {
            let store = FeedStore::loading(reader);
            run(store);
            store.start();
        }
    }
}

/// Puts the app in place of what the page shows, and keeps the feed fresh from then on.
fn run(store: FeedStore) {
    if let Some(body) = document().body() {
        replace_content(body, move || view! { <App store /> });
    }
    mark_app_running();
    on_page_shown(move || store.refresh_if_stale());
    offline::on_online(move || store.back_online());
    // Installing the site as an app asks for offline reading; so does running as one.
    let installed = offline::on_install(move || {
        spawn_local(async move {
            store.set_offline(true).await;
        });
    });
    spawn_local(async move {
        if offline::is_on().await {
            // On from an earlier visit: the worker is there and saved the feed as it came.
            store.offline_on.set(true);
            store.prefetch().await;
        } else if installed {
            store.set_offline(true).await;
        }
    });
}
