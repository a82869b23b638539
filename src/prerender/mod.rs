//! Build-time rendering: the same `App` the browser runs, rendered natively to HTML (Leptos
//! `ssr`) for every view of the feed, and put into the page Trunk built (`dist/index.html`).
//! Native only: none of this reaches the wasm.

mod head;
mod site;
mod site_files;
mod template;

pub use head::{head_tags, script_json, SiteFacts};
pub use site::{build_site, BuildInput, BuildReport};
pub use site_files::{site_files, SiteFile};
pub use template::{PageRole, PageTemplate, TemplateError};

use crate::app::App;
use crate::config::SiteConfig;
use crate::feed::Feed;
use crate::i18n::ReaderLanguages;
use crate::page_meta::{MetaSink, PageMeta};
use crate::store::FeedStore;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// One view rendered: what goes into `<html lang>`, the head's tags and `<body>`.
#[derive(Debug)]
pub struct RenderedPage {
    pub lang: &'static str,
    /// What the view said about itself; `None` only for a view that says nothing (none does
    /// once the feed is loaded).
    pub meta: Option<PageMeta>,
    pub body: String,
}

/// Renders the view at `path` (with the base, as a browser would ask for it) as a reader who
/// has told the site nothing about languages would see it once the feed is loaded: the
/// publisher's `default_language`, else the feed's language, else the first offered.
pub fn render_page(config: &Arc<SiteConfig>, feed: &Arc<Feed>, path: &str) -> RenderedPage {
    let owner = Owner::new();
    let page = owner.with(|| {
        provide_context(RequestUrl::new(path));
        let sink = MetaSink::default();
        provide_context(sink.clone());
        let store = FeedStore::ready(
            Arc::clone(config),
            Arc::clone(feed),
            ReaderLanguages::default(),
            0.0,
        );
        let body = view! { <App store /> }.to_html();
        RenderedPage {
            lang: store.ui_lang().code(),
            meta: sink.take(),
            body,
        }
    });
    owner.cleanup();
    page
}

/// Where a site path is written under the output folder: `DIR/<path>/index.html`, so any
/// static host serves it without rewrites. `None` for a path outside `base` or one that could
/// leave the folder.
pub fn output_file(path: &str, base: &str) -> Option<String> {
    let inside = path.strip_prefix(base)?.trim_end_matches('/');
    let safe = inside.split('/').all(|segment| {
        !segment.is_empty()
            && segment != ".."
            && segment != "."
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
    });
    match inside {
        "" => Some("index.html".to_owned()),
        inside if safe => Some(format!("{inside}/index.html")),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
