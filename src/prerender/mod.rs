//! Build-time rendering: the same `App` the browser runs, rendered natively to HTML (Leptos
//! `ssr`) for every view of the feed, and put into the page Trunk built (`dist/index.html`).
//! Native only: none of this reaches the wasm.

mod site;
mod site_files;
mod template;

pub use site::{build_site, BuildInput, BuildReport};
pub use site_files::{site_files, SiteFile};
pub use template::{PageRole, PageTemplate, TemplateError};

use crate::app::App;
use crate::config::SiteConfig;
use crate::feed::Feed;
use crate::i18n::ReaderLanguages;
use crate::store::FeedStore;
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::{ServerMetaContext, ServerMetaContextOutput};
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// One view rendered: what goes into `<html lang>`, `<title>` and `<body>`.
#[derive(Debug)]
pub struct RenderedPage {
    pub lang: &'static str,
    /// As the app sets `document.title`: plain text, escaped when written.
    pub title: String,
    pub body: String,
}

/// Renders the view at `path` (with the base, as a browser would ask for it) as a reader who
/// has told the site nothing about languages would see it once the feed is loaded: the
/// publisher's `default_language`, else the feed's language, else the first offered.
pub fn render_page(config: &Arc<SiteConfig>, feed: &Arc<Feed>, path: &str) -> RenderedPage {
    // `inject_meta_context` waits one tick of the async executor; set up once per process.
    let _ = any_spawner::Executor::init_futures_executor();
    let owner = Owner::new();
    let page = owner.with(|| {
        provide_context(RequestUrl::new(path));
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        let store = FeedStore::ready(
            Arc::clone(config),
            Arc::clone(feed),
            ReaderLanguages::default(),
            0.0,
        );
        let body = view! { <App store /> }.to_html();
        RenderedPage {
            lang: store.ui_lang().code(),
            title: collected_title(meta_output),
            body,
        }
    });
    owner.cleanup();
    page
}

/// The `<title>` the views set through `leptos_meta`. Leptos hands it out only by injecting it
/// into the head of an HTML stream, unescaped (leptos_meta 0.8.7); so it is injected into an
/// empty head here, taken out again, and escaped by the template.
fn collected_title(output: ServerMetaContextOutput) -> String {
    const EMPTY_HEAD: &str = "<head></head>";
    let head = futures::executor::block_on(async {
        let stream = futures::stream::iter([EMPTY_HEAD.to_owned()]);
        let mut injected = Box::pin(output.inject_meta_context(stream).await);
        injected.next().await.unwrap_or_default()
    });
    head.split_once("<title>")
        .and_then(|(_, rest)| rest.strip_suffix("</title></head>"))
        .unwrap_or_default()
        .to_owned()
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
