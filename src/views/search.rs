//! `/search?q=…`: the loaded items the query finds, as the listing's cards with the matched
//! words marked, paged like the listing. The query is typed in the header's field
//! ([`SearchForm`]); this view only renders what `crate::search` computes.

use super::card::{marked_card, Marked};
use super::listing::pagination;
use super::status::{failure_meta, WithFeed};
use super::use_page_meta;
use crate::app::ROUTE_ANNOUNCER;
use crate::browser::{after_next_paint, announce, current_path, current_url_key};
use crate::feed::{Article, Feed, EXCERPT_LEN};
use crate::i18n::Lang;
use crate::page_meta::{PageKind, PageMeta};
use crate::paging::page;
use crate::routes::{is_search_path, page_number, query_param, query_value, search_path};
use crate::search::{highlight, marked_excerpt, Index, IndexBuilder, Query};
use crate::store::{use_feed_store, FeedState, FeedStore};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// The search index of the feed last searched, or the part of it read so far.
enum Indexing {
    Reading(Arc<Feed>, Box<IndexBuilder>),
    Ready(Arc<Feed>, Rc<Index>),
}

thread_local! {
    /// Built on the first search, never at start-up: read in slices from the moment the
    /// reader focuses the search field ([`prepare_index`]), finished by the first query if
    /// the slices are not done, and kept while the feed is the same.
    static INDEX: RefCell<Option<Indexing>> = const { RefCell::new(None) };
}

/// How long one slice of reading may hold the page. Typing goes on between slices: 10,000
/// items take ~250 ms at 4× CPU (bench/search.mjs), which a reader typing the first word
/// and pausing mostly covers, so the first results wait for little or none of it.
const SLICE_MS: f64 = 10.0;

/// Reads `feed` into its index while `more()` says to go on (asked after each item), starting
/// over if the index held is another feed's; the index once every item is read. The one place
/// that reads, for the slices and for a query alike.
fn read_index(feed: &Arc<Feed>, more: impl FnMut() -> bool) -> Option<Rc<Index>> {
    INDEX.with(|cell| {
        let mut state = cell.borrow_mut();
        let mut builder = match state.take() {
            Some(Indexing::Ready(indexed, index)) if Arc::ptr_eq(&indexed, feed) => {
                *state = Some(Indexing::Ready(indexed, Rc::clone(&index)));
                return Some(index);
            }
            Some(Indexing::Reading(indexed, builder)) if Arc::ptr_eq(&indexed, feed) => builder,
            _ => Box::default(),
        };
        if !builder.read_from(&feed.articles, more) {
            *state = Some(Indexing::Reading(Arc::clone(feed), builder));
            return None;
        }
        let index = Rc::new(builder.finish());
        *state = Some(Indexing::Ready(Arc::clone(feed), Rc::clone(&index)));
        Some(index)
    })
}

/// Is the index held `feed`'s, read (`Some(true)`) or being read (`Some(false)`)?
fn held_for(feed: &Arc<Feed>) -> Option<bool> {
    INDEX.with(|cell| match &*cell.borrow() {
        Some(Indexing::Ready(indexed, _)) => Arc::ptr_eq(indexed, feed).then_some(true),
        Some(Indexing::Reading(indexed, _)) => Arc::ptr_eq(indexed, feed).then_some(false),
        None => None,
    })
}

/// Starts reading `feed` into its index in slices, unless that is done or under way.
fn prepare_index(feed: &Arc<Feed>) {
    if held_for(feed).is_none() {
        read_slice(Arc::clone(feed));
    }
}

/// Reads items for one slice's time, then lets the page run and comes back for the rest, as
/// long as the index being read is still this feed's (a newer feed starts its own).
fn read_slice(feed: Arc<Feed>) {
    let until = js_sys::Date::now() + SLICE_MS;
    if read_index(&feed, || js_sys::Date::now() < until).is_none() {
        set_timeout(
            move || {
                if held_for(&feed) == Some(false) {
                    read_slice(feed);
                }
            },
            Duration::ZERO,
        );
    }
}

/// The index of `feed`, read now as far as it is not yet.
fn index_of(feed: &Arc<Feed>) -> Rc<Index> {
    read_index(feed, || true).unwrap_or_default()
}

/// The query the address holds (`?q=`), decoded once.
fn addressed_query() -> Memo<String> {
    let search = use_location().search;
    Memo::new(move |_| {
        search
            .with(|search| query_value(search, "q"))
            .unwrap_or_default()
    })
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let search = use_location().search;
    let store = use_feed_store();
    let typed = store.typed_query;
    let addressed = addressed_query();
    let addressed_page =
        Memo::new(move |_| search.with(|search| page_number(query_param(search, "page"))));
    // The document's title and head tags follow the address, not the typing: they are the
    // history entry's, set with it, out of the keystroke's frame (0.7 ms of it at 1× CPU).
    // While the feed has failed they are the failure view's, which a change of address here
    // would otherwise overwrite.
    use_page_meta(move || {
        if store
            .state
            .with(|state| matches!(state, FeedState::Failed(_)))
        {
            return failure_meta(store);
        }
        let lang = store.ui_lang();
        let text = addressed.get();
        let path = search_path(&text, addressed_page.get().unwrap_or(1));
        let heading = heading(lang, &text);
        PageMeta::section(
            &heading,
            &store.publication(),
            None,
            path,
            lang,
            PageKind::Unlisted,
        )
    });
    let text = Memo::new(move |_| typed.get().unwrap_or_else(|| addressed.get()));
    // A typed query shows its first page, `Some(1)` as `page_number` reads the address that
    // will say so: the same value, so that the results are not drawn (and announced) again
    // when the address catches up. With `None` here they were, every keystroke twice.
    let number = Memo::new(move |_| match typed.get() {
        Some(_) => Some(1),
        None => addressed_page.get(),
    });
    view! {
        <WithFeed ready={move |feed: Arc<Feed>| results(store, &feed, &text.get(), number.get())} />
    }
}

/// The search page's headline and title for the query `text`, cut if long.
fn heading(lang: Lang, text: &str) -> String {
    let search = lang.strings().search;
    match text.trim() {
        "" => search.to_owned(),
        shown => format!("{search}: «{}»", cut(shown, 80)),
    }
}

fn results(store: FeedStore, feed: &Arc<Feed>, text: &str, number: Option<usize>) -> AnyView {
    let lang = store.ui_lang();
    let strings = lang.strings();
    let query = Query::parse(text);
    let heading = heading(lang, text);
    let number = number.unwrap_or(1);
    let found: Vec<(&Article, bool)> = match query.is_empty() {
        true => Vec::new(),
        false => index_of(feed)
            .search(&query)
            .into_iter()
            .filter_map(|found| Some((feed.articles.get(found.position)?, found.in_body)))
            .collect(),
    };
    // One line says what there is: a hint before any query, else the count or «nothing».
    let (said, advice) = match (query.is_empty(), found.len()) {
        (true, _) => (strings.search_hint.to_owned(), None),
        (false, 0) => (
            strings.nothing_found.to_owned(),
            Some(strings.nothing_found_text),
        ),
        (false, n) => (
            format!(
                "{} {}",
                strings.found,
                lang.count(n as u64, &strings.posts_found)
            ),
            None,
        ),
    };
    if !query.is_empty() {
        let said = said.clone();
        Effect::new(move |_| announce(ROUTE_ANNOUNCER, &said));
    }
    let current = page(&found, number, store.page_size());
    let cards = current
        .as_ref()
        .filter(|current| !current.items.is_empty())
        .map(|current| {
            let cards = current
                .items
                .iter()
                .enumerate()
                .map(|(position, &(article, in_body))| {
                    let marked = Marked {
                        title: highlight(&article.title, &query),
                        excerpt: marked_excerpt(
                            &article.excerpt(),
                            || in_body.then(|| article.body_text()),
                            &query,
                            EXCERPT_LEN,
                        ),
                    };
                    marked_card(article, position, lang, marked)
                })
                .collect_view();
            view! {
                <ul class="cards">{cards}</ul>
                {pagination(current, lang, &|n| search_path(text, n))}
            }
        });
    view! {
        <div class="wrap search-page">
            <h1 class="page-title">{heading}</h1>
            <p class="search-count">{said}</p>
            {advice.map(|advice| view! { <p>{advice}</p> })}
            {cards}
        </div>
    }
    .into_any()
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// How long typing must pause before the results follow.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The header's search field. Without JavaScript it searches the publication through the
/// configured web search engine (`search.engine_url`); in the app it opens `/search?q=…` and
/// updates it as the reader types, focus staying in the field.
#[component]
pub fn SearchForm() -> impl IntoView {
    let store = use_feed_store();
    let navigate = use_navigate();
    let typed = store.typed_query;
    let shown = addressed_query();
    let field = NodeRef::<leptos::html::Input>::new();
    let timer: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    let stop_timer = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    };
    // The field follows the address (back, forward, a shared link), but never undoes what the
    // reader is typing: the address holds the query trimmed, the field may end in a space, and
    // the address is not replaced while a newer pause is pending (see `go`).
    Effect::new(move |_| {
        let wanted = shown.get();
        if let Some(field) = field.get() {
            if field.value().trim() != wanted.trim() {
                field.set_value(&wanted);
            }
        }
    });
    // Search results are never a reason to scroll.
    let address = move |path: &str, replace: bool| {
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(path, options);
    };
    let go = move |text: String| {
        stop_timer();
        timer.set_value(None);
        let path = search_path(&text, 1);
        if !current_path().is_some_and(|now| is_search_path(&now)) {
            address(&path, false);
            return;
        }
        // Typing on the search page refines one search: one history entry, replaced. The
        // results follow at once, the address once they are drawn: replacing it through the
        // router took ~2.5 ms of a keystroke at 4× CPU (a Chromium profile), time the reader
        // waited for nothing they see. Not if the reader has gone elsewhere meanwhile, nor if
        // they typed on: the field follows the address, and would lose the keys typed since
        // (the next pause's query replaces the address instead).
        let text = text.trim().to_owned();
        typed.set(Some(text.clone()));
        let typed_on = current_url_key();
        let address = address.clone();
        after_next_paint(move || {
            let typing_on = timer.get_value().is_some();
            if typing_on || typed.with_untracked(|typed| typed.as_ref() != Some(&text)) {
                return;
            }
            if current_url_key() == typed_on {
                address(&path, true);
            }
            // After the router has the address: the page's query stays the same throughout.
            typed.set(None);
        });
    };
    // A reader in the field is about to search: the index starts reading, a slice at a time,
    // on focus, or on a keystroke if the feed was still on its way at focus.
    let prepare = move || {
        store.state.with_untracked(|state| {
            if let FeedState::Ready(feed) = state {
                prepare_index(feed);
            }
        });
    };
    let on_input = {
        let go = go.clone();
        move |event: leptos::ev::Event| {
            prepare();
            let text = event_target_value(&event);
            stop_timer();
            let go = go.clone();
            timer.set_value(set_timeout_with_handle(move || go(text), DEBOUNCE).ok());
        }
    };
    let on_focus = move |_| prepare();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        go(field.get().map(|field| field.value()).unwrap_or_default());
    };
    // Where the form goes without JavaScript: read once, not followed. It matters only in the
    // built pages, which have the configuration from the start; in the app the submit is
    // handled here. The labels follow the language.
    let (action, fields) = store
        .config
        .with_untracked(|config| config.as_ref().map(|config| config.search_form()))
        .unwrap_or_default();
    let label = store.text(|strings| strings.search_label);
    view! {
        <form
            class="site-search"
            role="search"
            method="get"
            action=action
            novalidate
            aria-label=label
            on:submit=on_submit
        >
            <label class="visually-hidden" for=SEARCH_FIELD>
                {label}
            </label>
            <input
                id=SEARCH_FIELD
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                maxlength="500"
                node_ref=field
                on:focus=on_focus
                on:input=on_input
            />
            {engine_fields(fields)}
            <button type="submit" class="search-button">
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                    <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5" />
                    <path d="M15 15l6 6" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
                </svg>
                <span class="visually-hidden">{store.text(|strings| strings.search)}</span>
            </button>
        </form>
    }
}

/// The search engine's hidden fields (`sites=` the site). They only matter where the form is
/// submitted as it is: in the built pages, without JavaScript. The app handles every submit
/// itself, so the wasm leaves them out: a list of inputs is a view type of its own, which cost
/// 860 B brotli.
#[cfg(not(target_arch = "wasm32"))]
fn engine_fields(fields: Vec<(String, String)>) -> impl IntoView {
    fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view()
}

#[cfg(target_arch = "wasm32")]
fn engine_fields(_: Vec<(String, String)>) {}

/// The header field's id.
pub const SEARCH_FIELD: &str = "search-q";
