//! The application shell: the shared feed, the page frame and the routes.

use crate::browser::{fetch_feed, remove_boot_screen};
use crate::feed::{Feed, FeedError};
use crate::i18n::Lang;
use crate::views::article::ArticlePage;
use crate::views::consent::{ConsentBanner, ConsentDialog, ConsentStore};
use crate::views::layout::{ScrollRestoration, SiteFooter, SiteHeader, SkipLink};
use crate::views::listing::{CategoryPage, HomePage};
use crate::views::status::NotFound;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::sync::Arc;

/// Where the feed is in its life.
#[derive(Clone, Debug)]
pub enum FeedState {
    Loading,
    Ready(Arc<Feed>),
    Failed(FeedError),
}

/// The one feed all views share: fetched once, not again on each route change.
#[derive(Clone, Copy)]
pub struct FeedStore {
    pub state: RwSignal<FeedState>,
}

impl FeedStore {
    fn new() -> Self {
        FeedStore {
            state: RwSignal::new(FeedState::Loading),
        }
    }

    /// Fetches the feed (again, after a failure), showing the loading state meanwhile.
    pub fn load(self) {
        self.state.set(FeedState::Loading);
        spawn_local(async move {
            let state = match fetch_feed().await {
                Ok(feed) => FeedState::Ready(Arc::new(feed)),
                Err(error) => FeedState::Failed(error),
            };
            self.state.set(state);
        });
    }

    /// The loaded feed, if any.
    pub fn feed(self) -> Option<Arc<Feed>> {
        match self.state.get() {
            FeedState::Ready(feed) => Some(feed),
            _ => None,
        }
    }

    /// The UI language; Ukrainian until the feed says otherwise.
    pub fn ui_lang(self) -> Lang {
        self.feed().map(|feed| feed.ui_lang()).unwrap_or_default()
    }

    /// The publication's name, empty until the feed has loaded.
    pub fn publication(self) -> String {
        self.feed()
            .map(|feed| feed.title.clone())
            .unwrap_or_default()
    }
}

/// The store `App` provides to every view.
pub fn use_feed_store() -> FeedStore {
    expect_context::<FeedStore>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let store = FeedStore::new();
    provide_context(store);
    let consent = ConsentStore::new();
    provide_context(consent);
    Effect::new(move |_| {
        remove_boot_screen();
        store.load();
        consent.load();
    });
    let lang = move || store.ui_lang().code();

    view! {
        <Html {..} lang=lang />
        <Router>
            <ScrollRestoration />
            // The banner comes first in the focus order, the skip link right after it; CSS
            // shows the banner at the foot of the screen.
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
                </Routes>
            </main>
            <SiteFooter />
            <ConsentDialog />
        </Router>
    }
}
