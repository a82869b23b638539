//! The application shell: the page frame and the routes around the views, given the store.
//! The same `App` renders in the browser and, at build time, to HTML (src/bin/prerender.rs).

use crate::browser::{announce_new_view, apply_colors, set_document_lang};
use crate::i18n::Lang;
use crate::routes::{embed_path, is_search_path, router_base};
use crate::store::{use_feed_store, FeedStore};
use crate::views::article::ArticlePage;
use crate::views::consent::{use_consent, ConsentBanner, ConsentDialog, ConsentStore};
use crate::views::embed::EmbedView;
use crate::views::layout::{ScrollRestoration, SiteFooter, SiteHeader, SkipLink};
use crate::views::listing::{CategoryPage, HomePage};
use crate::views::search::SearchPage;
use crate::views::status::NotFound;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The partners' widget on its own, or the site: its frame (consent, skip link, header,
/// footer) around the routed views. Flat routes and one branch here, rather than nested
/// routes, keep the router's share of the wasm small.
#[component]
fn Shell() -> impl IntoView {
    let location = use_location();
    let store = use_feed_store();
    Effect::new(move |_| {
        let asked = location
            .query
            .with(|query| query.get_str("lang").and_then(Lang::from_tag));
        if let Some(lang) = asked {
            store.choose_lang_for_visit(lang);
        }
    });
    let embed = Memo::new(move |_| {
        location
            .pathname
            .with(|path| path.trim_end_matches('/') == embed_path())
    });
    move || match embed.get() {
        // No site frame, no consent banner, nothing stored.
        true => Either::Left(view! { <EmbedView /> }),
        false => Either::Right(view! { <Site /> }),
    }
}

#[component]
fn Site() -> impl IntoView {
    let consent = use_consent();
    Effect::new(move |_| consent.apply());
    // On every route change after the first page: focus the new headline, announce the title.
    // Not for the search view: the reader is typing in the header's field, focus stays there
    // and the view announces its results.
    let location = use_location();
    Effect::new(move |first_done: Option<bool>| {
        let searching = location.pathname.with(|path| is_search_path(path));
        if first_done == Some(true) && !searching {
            announce_new_view(ROUTE_ANNOUNCER);
        }
        true
    });
    view! {
        // The banner comes first in the focus order, the skip link right after it; CSS shows
        // the banner at the foot of the screen.
        <ConsentBanner />
        <SkipLink />
        <SiteHeader />
        <main id="main" tabindex="-1">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/page/:page") view=HomePage />
                <Route path=path!("/article/:slug") view=ArticlePage />
                <Route path=path!("/category/:slug") view=CategoryPage />
                <Route path=path!("/category/:slug/page/:page") view=CategoryPage />
                <Route path=path!("/search") view=SearchPage />
            </Routes>
        </main>
        <SiteFooter />
        <ConsentDialog />
        <p id=ROUTE_ANNOUNCER class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
    }
}

/// The live region that says each new page's title.
pub(crate) const ROUTE_ANNOUNCER: &str = "route-announcer";

/// The whole page for `store`, which the caller has made ready or set loading.
#[component]
pub fn App(store: FeedStore) -> impl IntoView {
    provide_context(store);
    let consent = ConsentStore::new(store.config);
    provide_context(consent);
    Effect::new(move |_| {
        if let Some(config) = store.config.get() {
            apply_colors(&config.colors);
        }
    });
    Effect::new(move |_| set_document_lang(store.ui_lang()));

    view! {
        <Router base=router_base()>
            <ScrollRestoration />
            <Shell />
        </Router>
    }
}
