//! The state every view shares: the site's configuration, the feed, the reader's languages.
//!
//! A store is made either with the feed in hand ([`FeedStore::ready`]: the build's prerenderer,
//! and the app taking over a prerendered page) or empty, to fetch ([`FeedStore::loading`]: the
//! app on a page that was not prerendered). Views read it; the shell provides it.

use crate::browser::{
    drop_lang_param, fetch_config, fetch_feed, fetch_feed_or_saved, fetch_site_index,
    reading_anchor, save_lang, sleep,
};
use crate::config::{choose_ui_lang, SiteConfig, SourceKind};
use crate::feed::{with_site, wordpress_slug_url, Feed, FeedError, WordPressSite};
use crate::i18n::{Lang, ReaderLanguages, Strings};
use crate::offline;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::time::Duration;

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

/// What is known of the WordPress site behind the source, from its REST API index.
#[derive(Clone, Debug, Default)]
enum SiteIndex {
    #[default]
    NotAsked,
    /// Asked for (once a visit), and not (or not yet) read.
    Asked,
    Read(WordPressSite),
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
    /// The WordPress site's name and description, for a configuration without
    /// `publication.name`: put into every copy of the feed shown.
    site: StoredValue<SiteIndex>,
    /// The feed shown is offline reading's saved copy, which arrived at this time
    /// (milliseconds since the epoch); `None` for a feed from the network.
    pub saved_at: RwSignal<Option<i64>>,
    /// Offline reading is on: the reader asked for it (src/offline.rs).
    pub offline_on: RwSignal<bool>,
    /// Counts the times the worker finished keeping articles, so the control's tally follows.
    pub kept: RwSignal<u32>,
    /// A query typed on the search page that the address does not hold yet: the results follow
    /// the field at once, the address once they are drawn (`views::search::SearchForm`).
    /// `None` while the address says what the page shows.
    pub typed_query: RwSignal<Option<String>>,
}

impl FeedStore {
    /// A store that has yet to read the configuration and fetch the feed ([`FeedStore::start`]).
    pub fn loading(reader: ReaderLanguages) -> Self {
        FeedStore {
            state: RwSignal::new(FeedState::Loading),
            config: RwSignal::new(None),
            loaded_at: StoredValue::new(0.0),
            lookup: RwSignal::new(Lookup::Idle),
            reader: RwSignal::new(reader),
            site: StoredValue::new(SiteIndex::NotAsked),
            saved_at: RwSignal::new(None),
            offline_on: RwSignal::new(false),
            kept: RwSignal::new(0),
            typed_query: RwSignal::new(None),
        }
    }

    /// A store with the configuration and the feed in hand, `loaded_at` milliseconds since the
    /// epoch: the first render is the finished page.
    pub fn ready(
        config: Arc<SiteConfig>,
        feed: Arc<Feed>,
        reader: ReaderLanguages,
        loaded_at: f64,
    ) -> Self {
        let store = FeedStore::loading(reader);
        store.config.set(Some(config));
        store.state.set(FeedState::Ready(feed));
        store.loaded_at.set_value(loaded_at);
        store
    }

    /// Reads the configuration, then the feed it names.
    pub fn start(self) {
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
        match fetch_feed_or_saved(&config, &config.source.url).await {
            Ok((feed, saved_at)) => {
                self.loaded_at.set_value(js_sys::Date::now());
                self.saved_at.set(saved_at);
                self.show(self.named(feed), !show_loading);
                if saved_at.is_some() {
                    return;
                }
                self.read_site_index().await;
                self.follow_next_pages().await;
                self.prefetch().await;
            }
            Err(error) if show_loading => self.state.set(FeedState::Failed(error)),
            Err(_) => {}
        }
    }

    /// The network is back: fetches the feed again, keeping what is shown. While what arrives
    /// is still offline reading's saved copy (browsers say they are online before requests get
    /// through), tries again after 1, 2, 4, 8 and 16 seconds.
    pub fn back_online(self) {
        spawn_local(async move {
            for retry in 0..6 {
                if retry > 0 {
                    sleep(Duration::from_secs(1 << (retry - 1))).await;
                }
                let shown = matches!(self.state.get_untracked(), FeedState::Ready(_));
                self.fetch(!shown).await;
                if self.saved_at.get_untracked().is_none() {
                    return;
                }
            }
        });
    }

    /// With offline reading on, has the worker keep the newest [`offline::PREFETCH`] articles
    /// with their pictures (not on a metered or save-data connection: src/offline.js).
    pub async fn prefetch(self) {
        if !self.offline_on.get_untracked() {
            return;
        }
        let FeedState::Ready(feed) = self.state.get_untracked() else {
            return;
        };
        let articles = offline::kept(feed.articles.iter().take(offline::PREFETCH));
        offline::keep(false, articles).await;
        self.kept.update(|kept| *kept += 1);
    }

    /// Turns offline reading on (`true`) or off, from the footer's control or the app being
    /// installed; whether it is on afterwards. On: the worker is registered, the feed fetched
    /// again through it so a copy is saved, and the newest articles kept; if the browser would
    /// not store its files, it stays off. Off: the worker and all it stored are gone.
    pub async fn set_offline(self, on: bool) -> bool {
        let now_on = if on {
            offline::turn_on().await
        } else {
            offline::turn_off().await;
            false
        };
        // Set even when unchanged: the control's box follows this, not the click.
        self.offline_on.set(now_on);
        if now_on {
            self.fetch(false).await;
        }
        now_on
    }

    /// Names the publication after its WordPress site, read from the site's REST API index
    /// once a visit, after the feed, when the configuration does not name it: the feed shown
    /// and every later copy get the site's name and description. A failure changes nothing.
    pub async fn read_site_index(self) {
        let Some(config) = self.config.get_untracked() else {
            return;
        };
        let wanted = config.source.kind == SourceKind::WordPress && config.name.is_none();
        if !wanted || !matches!(self.site.get_value(), SiteIndex::NotAsked) {
            return;
        }
        self.site.set_value(SiteIndex::Asked);
        let Some(site) = fetch_site_index(&config).await else {
            return;
        };
        self.site.set_value(SiteIndex::Read(site));
        if let FeedState::Ready(feed) = self.state.get_untracked() {
            let named = self.named(Feed::clone(&feed));
            self.state.set(FeedState::Ready(Arc::new(named)));
        }
    }

    /// `feed` with the site's name and description, once they are known.
    fn named(self, feed: Feed) -> Feed {
        self.site.with_value(|site| match site {
            SiteIndex::Read(site) => with_site(feed, Some(site)),
            _ => feed,
        })
    }

    /// Shows a new version of the feed; `keep_place` holds the reader's place on the page.
    fn show(self, feed: Feed, keep_place: bool) {
        let place = keep_place.then(reading_anchor).flatten();
        self.state.set(FeedState::Ready(Arc::new(feed)));
        if let Some(place) = place {
            place.keep();
        }
    }

    /// Loads the following pages of a paged feed (a JSON Feed's `next_url`, WordPress's
    /// `page=N`) in the background, the first page already on screen: each page once, up to
    /// [`MAX_FEED_PAGES`].
    pub async fn follow_next_pages(self) {
        let Some(config) = self.config.get_untracked() else {
            return;
        };
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
            match fetch_feed(&config, &next_url).await {
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

    /// A text of the interface, picked from [`Strings`] by `pick`, in the reader's language and
    /// following it when it changes. Every view's texts share this one closure type, so the
    /// wasm holds one copy of the code that keeps a text up to date, where each
    /// `move || …strings().text` was a copy of its own (22 uses: 1.4 KB brotli).
    pub fn text(
        self,
        pick: fn(&Strings) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || pick(self.ui_lang().strings())
    }

    /// The reader's language for this visit, from a `?lang=` link: not saved, so a shared
    /// link does not change the language of the reader's next visit. Unchanged when it is
    /// already the visit's language, so a page is not rebuilt for nothing.
    pub fn choose_lang_for_visit(self, lang: Lang) {
        if self.reader.with_untracked(|reader| reader.chosen) != Some(lang) {
            self.reader.update(|reader| reader.chosen = Some(lang));
        }
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

/// The store the shell provides to every view.
pub fn use_feed_store() -> FeedStore {
    expect_context::<FeedStore>()
}
