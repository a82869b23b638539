//! Leptos components. They read the shared feed and route parameters and render what the pure
//! modules compute; browser calls stay in `browser` and in effects.

pub mod article;
pub mod attachments;
pub mod card;
pub mod consent;
pub mod embed;
pub mod layout;
pub mod listing;
pub mod search;
pub mod status;

use crate::browser::show_page_meta;
use crate::page_meta::{MetaSink, PageMeta};
use crate::store::use_feed_store;
use leptos::prelude::*;

/// Tells the document about the view shown: at build time through the prerenderer's sink;
/// in the browser by keeping the head's tags true, after takeover and on every route change.
/// Direct DOM writes rather than leptos_meta, whose tags would sit beside the prerendered ones;
/// measured on the release wasm, leptos_meta's `Title`, `Meta` and `Link` for the same tags
/// cost 555,017 B (184,402 brotli) against 544,465 B (182,078 brotli) this way.
fn use_page_meta(meta: impl Fn() -> PageMeta + 'static) {
    keep_page_meta(Box::new(meta));
}

/// [`use_page_meta`]'s work, one copy for its seven callers: an effect per closure type cost
/// the wasm 954 B brotli.
fn keep_page_meta(meta: Box<dyn Fn() -> PageMeta>) {
    if let Some(sink) = use_context::<MetaSink>() {
        sink.put(meta());
        return;
    }
    let store = use_feed_store();
    Effect::new(move |_| {
        let site = store
            .config
            .with(|config| config.as_ref().and_then(|config| config.url.clone()));
        show_page_meta(&meta(), site.as_ref());
    });
}
