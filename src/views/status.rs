//! What the reader sees when there is nothing to read yet: loading, failure, not found.

use super::use_page_meta;
use crate::feed::{Feed, FeedError};
use crate::i18n::Lang;
use crate::offline::saved_time;
use crate::page_meta::{PageKind, PageMeta};
use crate::routes::listing_path;
use crate::store::{use_feed_store, FeedState, FeedStore};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Renders `ready` with the loaded feed, or the loading or failure state in its place.
#[component]
pub fn WithFeed<F>(ready: F) -> impl IntoView
where
    F: Fn(Arc<Feed>) -> AnyView + Send + Sync + 'static,
{
    feed_or_status(Box::new(ready))
}

/// [`WithFeed`] for any `ready`: one copy of it in the wasm rather than one for each view
/// that waits for the feed (5 of them: 480 B brotli).
fn feed_or_status(ready: Box<dyn Fn(Arc<Feed>) -> AnyView + Send + Sync>) -> impl IntoView {
    let store = use_feed_store();
    move || match store.state.get() {
        FeedState::Loading => view! { <Loading /> }.into_any(),
        FeedState::Failed(error) => view! { <FeedFailure error /> }.into_any(),
        FeedState::Ready(feed) => ready(feed),
    }
}

/// How long loading may take before the reader is told it is slow.
const SLOW_AFTER: Duration = Duration::from_secs(5);

/// Placeholder cards shaped like the listing, so nothing jumps when the news arrives.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_feed_store().ui_lang();
    // After a while, say so: a reader on a slow network should know the page is not stuck.
    let slow = RwSignal::new(false);
    Effect::new(move |_| {
        let timer = set_timeout_with_handle(move || slow.set(true), SLOW_AFTER).ok();
        on_cleanup(move || {
            if let Some(timer) = timer {
                timer.clear();
            }
        });
    });
    let message = move || match slow.get() {
        true => lang.strings().loading_slow,
        false => lang.strings().loading,
    };
    view! {
        <div class="wrap loading" aria-busy="true">
            <p role="status" class:visually-hidden=move || !slow.get() class="loading-slow">{message}</p>
            <div class="skeleton-title" aria-hidden="true"></div>
            <ul class="cards" aria-hidden="true">
                {(0..6).map(|_| view! { <li class="card skeleton"></li> }).collect_view()}
            </ul>
        </div>
    }
}

fn error_message(error: &FeedError, lang: Lang) -> String {
    let strings = lang.strings();
    match error {
        FeedError::Network(_) => strings.error_network.to_owned(),
        FeedError::Timeout => strings.error_timeout.to_owned(),
        FeedError::Http(status) => format!("{} ({status}).", strings.error_http),
        FeedError::Json(_) => strings.error_json.to_owned(),
        FeedError::Shape(_) => format!("{}.", strings.error_shape),
        FeedError::Empty => strings.error_empty.to_owned(),
    }
}

#[component]
fn FeedFailure(error: FeedError) -> impl IntoView {
    let store = use_feed_store();
    let strings = store.ui_lang().strings();
    let message = error_message(&error, store.ui_lang());
    use_page_meta(move || failure_meta(store));
    view! {
        <section class="wrap status" role="alert">
            <h1>{strings.load_failed}</h1>
            <p>{message}</p>
            <button class="button needs-js" type="button" on:click=move |_| store.retry()>
                {strings.retry}
            </button>
        </section>
    }
}

/// The view for any URL that names nothing: an unknown path, article, category or page.
#[component]
pub fn NotFound() -> impl IntoView {
    let store = use_feed_store();
    let strings = move || store.ui_lang().strings();
    use_page_meta(move || unlisted(strings().not_found, &store.publication(), store.ui_lang()));
    view! {
        <section class="wrap status">
            <h1>{store.text(|strings| strings.not_found)}</h1>
            <p>{store.text(|strings| strings.not_found_text)}</p>
            <a class="button" href=listing_path(1)>{store.text(|strings| strings.back_home)}</a>
        </section>
    }
}

/// An article asked for while the reader is offline that offline reading did not keep: said
/// plainly, with the way back to the saved news, never the browser's error page.
#[component]
pub fn NotSaved() -> impl IntoView {
    let store = use_feed_store();
    let strings = move || store.ui_lang().strings();
    use_page_meta(move || unlisted(strings().not_saved, &store.publication(), store.ui_lang()));
    view! {
        <section class="wrap status not-saved">
            <h1>{store.text(|strings| strings.not_saved)}</h1>
            <p>{store.text(|strings| strings.not_saved_text)}</p>
            <a class="button" href=listing_path(1)>{store.text(|strings| strings.back_home)}</a>
        </section>
    }
}

/// «Немає мережі. Новини станом на 14:32» over a feed from offline reading's saved copy, in
/// the publisher's time; gone once the network is back and the feed refreshed.
#[component]
pub fn OfflineNotice() -> AnyView {
    let store = use_feed_store();
    (move || {
        let saved_at = store.saved_at.get()?;
        let zone = store
            .config
            .with(|config| config.as_ref().and_then(|config| config.utc_offset));
        let time = saved_time(saved_at, zone)?;
        let notice = store.ui_lang().strings().offline_notice;
        Some(view! { <p class="offline-notice wrap" role="status">{notice} " " {time} "."</p> })
    })
    .into_any()
}

/// The title and head tags of the view saying the feed could not be loaded: also the search
/// page's, whose own follow the address, while the feed has failed.
pub fn failure_meta(store: FeedStore) -> PageMeta {
    let lang = store.ui_lang();
    unlisted(lang.strings().load_failed, "", lang)
}

/// The meta of a view that is no page of the publication's own.
fn unlisted(heading: &str, publication: &str, lang: Lang) -> PageMeta {
    PageMeta::section(
        heading,
        publication,
        None,
        String::new(),
        lang,
        PageKind::Unlisted,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_has_a_message_in_both_languages() {
        let errors = [
            FeedError::Network("reset".into()),
            FeedError::Timeout,
            FeedError::Http(503),
            FeedError::Json("eof".into()),
            FeedError::Shape("items".into()),
            FeedError::Empty,
        ];
        for lang in [Lang::Uk, Lang::En] {
            for error in &errors {
                assert!(!error_message(error, lang).is_empty());
            }
        }
        assert_eq!(
            error_message(&FeedError::Http(503), Lang::En),
            "The server answered with an error (503)."
        );
    }
}
