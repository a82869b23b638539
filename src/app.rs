//! The application shell: the shared feed, the page frame and the routes.

use crate::browser::{
    announce_new_view, apply_colors, drop_lang_param, fetch_config, fetch_feed, on_page_shown,
    reader_languages, reading_anchor, remove_boot_screen, save_lang, set_description,
};
use crate::config::{choose_ui_lang, SiteConfig, SourceKind};
use crate::feed::{wordpress_slug_url, Feed, FeedError};
use crate::i18n::{Lang, ReaderLanguages};
use crate::routes::{embed_path, router_base};
use crate::views::article::ArticlePage;
use crate::views::consent::{use_consent, ConsentBanner, ConsentDialog, ConsentStore};
use crate::views::embed::EmbedView;
use crate::views::layout::{ScrollRestoration, SiteFooter, SiteHeader, SkipLink};
use crate::views::listing::{CategoryPage, HomePage};
use crate::views::status::NotFound;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use std::sync::Arc;

/// The most pages of a paged feed loaded: enough for any reader's browsing, bounded so a
/// feed of endless pages cannot keep the tab busy.
const MAX_FEED_PAGES: usize = 20;

/// Where the feed is in its life.
#[derive(Clone, Debug)]
pub enum FeedState {
    Loading,
    Ready(Arc<Feed>),
    Failed(FeedError),
}

/// A WordPress post asked for by slug because it was not among the loaded pages.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Idle,
    Pending(String),
    Done(String),
}

/// The site's configuration and the one feed all views share: fetched once, not again on
/// each route change, and refreshed in the background when the reader comes back to the tab.
#[derive(Clone, Copy)]
pub struct FeedStore {
    pub state: RwSignal<FeedState>,
    /// `None` until `config.json` has been read.
    pub config: RwSignal<Option<Arc<SiteConfig>>>,
    /// When the feed last arrived, in milliseconds since the epoch.
    loaded_at: StoredValue<f64>,
    pub lookup: RwSignal<Lookup>,
    /// What the reader has said about languages; see [`choose_ui_lang`].
    pub reader: RwSignal<ReaderLanguages>,
}

impl FeedStore {
    fn new() -> Self {
        FeedStore {
            state: RwSignal::new(FeedState::Loading),
            config: RwSignal::new(None),
            loaded_at: StoredValue::new(0.0),
            lookup: RwSignal::new(Lookup::Idle),
            reader: RwSignal::new(ReaderLanguages::default()),
        }
    }

    /// Reads the configuration, then the feed it names.
    fn start(self) {
        spawn_local(async move {
            self.config.set(Some(Arc::new(fetch_config().await)));
            self.fetch(true).await;
        });
    }

    /// Fetches the feed again after a failure, showing the loading state meanwhile.
    pub fn retry(self) {
        spawn_local(self.fetch(true));
    }

    /// Fetches a fresh copy if the one shown is older than the configured refresh interval.
    /// The reader keeps what they see while it loads, and keeps it if the fetch fails.
    pub fn refresh_if_stale(self) {
        let Some(config) = self.config.get_untracked() else {
            return;
        };
        let age_ms = js_sys::Date::now() - self.loaded_at.get_value();
        let ready = matches!(self.state.get_untracked(), FeedState::Ready(_));
        if ready && age_ms >= f64::from(config.source.refresh_minutes) * 60_000.0 {
            spawn_local(self.fetch(false));
        }
    }

    async fn fetch(self, show_loading: bool) {
        let Some(config) = self.config.get_untracked() else {
            return;
        };
        if show_loading {
            self.state.set(FeedState::Loading);
        }
        match fetch_feed(&config, &config.source.url).await {
            Ok(feed) => {
                self.loaded_at.set_value(js_sys::Date::now());
                self.show(feed, !show_loading);
                self.follow_next_pages(&config).await;
            }
            Err(error) if show_loading => self.state.set(FeedState::Failed(error)),
            Err(_) => {}
        }
    }

    /// Shows a new version of the feed; `keep_place` holds the reader's place on the page.
    fn show(self, feed: Feed, keep_place: bool) {
        let place = keep_place.then(reading_anchor).flatten();
        self.state.set(FeedState::Ready(Arc::new(feed)));
        if let Some(place) = place {
            place.keep();
        }
    }

    /// Loads the following pages of a paged JSON Feed (`next_url`) in the background, the
    /// first page already on screen: each page once, up to [`MAX_FEED_PAGES`].
    async fn follow_next_pages(self, config: &SiteConfig) {
        let mut visited = vec![config.source.url.clone()];
        for _ in 1..MAX_FEED_PAGES {
            let FeedState::Ready(feed) = self.state.get_untracked() else {
                return;
            };
            let Some(next_url) = feed.next_url.clone() else {
                return;
            };
            if visited.contains(&next_url) {
                return;
            }
            visited.push(next_url.clone());
            match fetch_feed(config, &next_url).await {
                Ok(page) => self.show(Feed::clone(&feed).followed_by(page), true),
                Err(error) => {
                    leptos::logging::warn!(
                        "Vistka: the next page of the feed ({next_url}) failed: {error:?}"
                    );
                    return;
                }
            }
        }
    }

    /// Whether articles missing from the loaded pages can be asked for by slug.
    pub fn can_look_up(self) -> bool {
        self.config.with(|config| {
            config
                .as_ref()
                .is_some_and(|config| config.source.kind == SourceKind::WordPress)
        })
    }

    /// Asks a WordPress source for the post with `slug` and adds it to the feed; once per slug.
    pub fn look_up(self, slug: String) {
        let Some(config) = self.config.get_untracked().filter(|_| self.can_look_up()) else {
            return;
        };
        if matches!(self.lookup.get_untracked(), Lookup::Pending(ref s) | Lookup::Done(ref s) if *s == slug)
        {
            return;
        }
        self.lookup.set(Lookup::Pending(slug.clone()));
        spawn_local(async move {
            let found = fetch_feed(&config, &wordpress_slug_url(&config.source.url, &slug)).await;
            if let (Ok(found), FeedState::Ready(feed)) = (found, self.state.get_untracked()) {
                self.state.set(FeedState::Ready(Arc::new(
                    Feed::clone(&feed).including(found),
                )));
            }
            self.lookup.set(Lookup::Done(slug));
        });
    }

    /// The loaded feed, if any.
    pub fn feed(self) -> Option<Arc<Feed>> {
        match self.state.get() {
            FeedState::Ready(feed) => Some(feed),
            _ => None,
        }
    }

    /// The language the UI speaks to this reader.
    pub fn ui_lang(self) -> Lang {
        let feed_lang = self.feed().and_then(|feed| feed.lang);
        self.reader.with(|reader| {
            self.config.with(|config| match config {
                Some(config) => config.ui_lang(reader, feed_lang),
                // Before config.json is read: every language on offer, no default.
                None => choose_ui_lang(&Lang::ALL, None, reader, feed_lang),
            })
        })
    }

    /// The reader's language for this visit, from a `?lang=` link: not saved, so a shared
    /// link does not change the language of the reader's next visit.
    fn choose_lang_for_visit(self, lang: Lang) {
        self.reader.update(|reader| reader.chosen = Some(lang));
    }

    /// The reader's choice in the language switch: kept for this visit and saved for the next.
    pub fn choose_lang(self, lang: Lang) {
        self.choose_lang_for_visit(lang);
        save_lang(lang);
        drop_lang_param();
    }

    /// The publication's name: configured, else the feed's title; empty until known.
    pub fn publication(self) -> String {
        self.config
            .with(|config| config.as_ref().and_then(|config| config.name.clone()))
            .or_else(|| self.feed().map(|feed| feed.title.clone()))
            .unwrap_or_default()
    }

    /// Articles on one page of the listing.
    pub fn page_size(self) -> usize {
        self.config
            .with(|config| config.as_ref().map(|config| config.page_size))
            .unwrap_or(SiteConfig::default().page_size)
    }
}

/// The store `App` provides to every view.
pub fn use_feed_store() -> FeedStore {
    expect_context::<FeedStore>()
}

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
    let embed = Memo::new(move |_| location.pathname.with(|path| *path == embed_path()));
    move || match embed.get() {
        // No site frame, no consent banner, nothing stored.
        true => view! { <EmbedView /> }.into_any(),
        false => view! { <Site /> }.into_any(),
    }
}

#[component]
fn Site() -> impl IntoView {
    let consent = use_consent();
    Effect::new(move |_| consent.apply());
    // On every route change after the first page: focus the new headline, announce the title.
    let location = use_location();
    Effect::new(move |first_done: Option<bool>| {
        location.pathname.track();
        if first_done == Some(true) {
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
            </Routes>
        </main>
        <SiteFooter />
        <ConsentDialog />
        <p id=ROUTE_ANNOUNCER class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
    }
}

/// The live region that says each new page's title.
const ROUTE_ANNOUNCER: &str = "route-announcer";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let store = FeedStore::new();
    provide_context(store);
    let consent = ConsentStore::new(store.config);
    provide_context(consent);
    Effect::new(move |_| {
        remove_boot_screen();
        // A `?lang=` read meanwhile stays the visit's choice.
        store.reader.update(|reader| {
            *reader = ReaderLanguages {
                chosen: reader.chosen,
                ..reader_languages()
            }
        });
        store.start();
        on_page_shown(move || store.refresh_if_stale());
    });
    Effect::new(move |_| {
        if let Some(config) = store.config.get() {
            apply_colors(&config.colors);
            if let Some(description) = &config.description {
                set_description(description);
            }
        }
    });
    let lang = move || store.ui_lang().code();

    view! {
        <Html {..} lang=lang />
        <Router base=router_base()>
            <ScrollRestoration />
            <Shell />
        </Router>
    }
}
