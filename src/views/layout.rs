//! The frame around every view: skip link, header with sections, footer.

use super::consent::CookieSettingsLink;
use super::search::SearchForm;
use super::status::OfflineNotice;
use crate::browser::{keep_scroll_positions, url_key, ScrollMemory};
use crate::config::SourceKind;
use crate::offline;
use crate::routes::{category_path, listing_path, RSS_FILE};
use crate::store::use_feed_store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use std::cell::RefCell;
use std::rc::Rc;

/// Keeps each page's scroll position for back and forward; renders nothing.
#[component]
pub fn ScrollRestoration() -> impl IntoView {
    let location = use_location();
    Effect::new(move |memory: Option<Rc<RefCell<ScrollMemory>>>| {
        let memory = memory.unwrap_or_else(keep_scroll_positions);
        let shown = url_key(&location.pathname.get(), &location.search.get());
        memory.borrow_mut().showing(shown);
        memory
    });
}

#[component]
pub fn SkipLink() -> impl IntoView {
    let store = use_feed_store();
    view! {
        <a class="skip-link" href="#main">{store.text(|strings| strings.skip_to_content)}</a>
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let store = use_feed_store();
    let sections = move || {
        store.feed().map(|feed| {
            let links: Vec<_> = feed
                .categories
                .iter()
                .map(|category| {
                    let name = category.name.clone();
                    view! {
                        <li>
                            <A href=category_path(&category.slug, 1)>{name}</A>
                        </li>
                    }
                })
                .collect();
            links
        })
    };
    view! {
        <header class="site-header">
            <div class="wrap">
                <a class="site-name" href=listing_path(1)>
                    {move || {
                        store.config.get().and_then(|config| config.logo.clone()).map(|logo| {
                            view! { <img class="logo" src=logo alt="" width="40" height="40" /> }
                        })
                    }}
                    {move || store.publication()}
                </a>
                <SearchForm />
                <LanguageSwitch />
            </div>
            <nav class="sections" aria-label=store.text(|strings| strings.main_navigation)>
                <ul class="wrap">{sections}</ul>
            </nav>
            <OfflineNotice />
        </header>
    }
}

/// A button to the other language the publisher offers, named in that language (the
/// convention readers look for); none on a site in one language. The button stays in place
/// as the language changes, so keyboard focus stays on it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let store = use_feed_store();
    let other = Memo::new(move |_| {
        let current = store.ui_lang();
        store.config.with(|config| {
            config.as_ref().and_then(|config| {
                config
                    .languages
                    .iter()
                    .copied()
                    .find(|lang| *lang != current)
            })
        })
    });
    let offered = Memo::new(move |_| other.get().is_some());
    move || {
        offered.get().then(|| {
            let lang = move || other.get().unwrap_or_default();
            view! {
                <button
                    type="button"
                    class="lang-switch needs-js"
                    lang=move || lang().code()
                    on:click=move |_| store.choose_lang(lang())
                >
                    {move || lang().strings().language_name}
                </button>
            }
        })
    }
}

/// «Читати без мережі»: offline reading on or off, and what it has stored. Shown only where
/// the browser can (service workers), so not in the page as built, nor without JavaScript.
#[component]
fn OfflineControl() -> impl IntoView {
    let store = use_feed_store();
    let supported = RwSignal::new(false);
    Effect::new(move |_| supported.set(offline::supported()));
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let stored = RwSignal::new(None::<(u64, u64)>);
    Effect::new(move |_| {
        store.kept.track();
        if store.offline_on.get() {
            spawn_local(async move { stored.set(Some(offline::stored().await)) });
        } else {
            stored.set(None);
        }
    });
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let on = !store.offline_on.get_untracked();
        spawn_local(async move {
            let now_on = store.set_offline(on).await;
            failed.set(on && !now_on);
            busy.set(false);
        });
    };
    move || {
        supported.get().then(|| {
            let strings = move || store.ui_lang().strings();
            let tally = move || match stored.get() {
                Some((articles, bytes)) => offline::stored_text(store.ui_lang(), articles, bytes),
                None if failed.get() => strings().offline_failed.to_owned(),
                None => String::new(),
            };
            view! {
                <p class="offline-control">
                    <label>
                        <input
                            type="checkbox"
                            prop:checked=move || store.offline_on.get()
                            aria-busy=move || busy.get().then_some("true")
                            on:change=toggle
                        />
                        " "
                        {store.text(|strings| strings.offline_toggle)}
                    </label>
                    " "
                    <span class="offline-stored" aria-live="polite">{tally}</span>
                </p>
            }
        })
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let store = use_feed_store();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>"© " {move || store.publication()}</p>
                <p>
                    <CookieSettingsLink />
                </p>
                <OfflineControl />
                {move || {
                    let config = store.config.get()?;
                    let strings = store.ui_lang().strings();
                    let json_feed = (config.source.kind == SourceKind::JsonFeed).then(|| {
                        let url = config.source.url.clone();
                        view! { <a href=url type="application/feed+json">{strings.feed_link}</a> }
                    });
                    // The build writes rss.xml only where it knows the site's address.
                    let rss = config.url.is_some().then(|| {
                        view! { <a href=RSS_FILE type="application/rss+xml">{strings.rss_link}</a> }
                    });
                    (json_feed.is_some() || rss.is_some())
                        .then(|| view! { <p class="feeds">{json_feed} {rss}</p> })
                }}
            </div>
        </footer>
    }
}
