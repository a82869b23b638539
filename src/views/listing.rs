//! The front page and category pages: one page of cards and links to the pages around it.

use super::card::article_card;
use super::status::{NotFound, WithFeed};
use super::use_page_meta;
use crate::feed::{Article, Feed};
use crate::i18n::Lang;
use crate::page_meta::{PageKind, PageMeta};
use crate::paging::{page, Page};
use crate::routes::{category_path, listing_path, page_number};
use crate::store::{use_feed_store, FeedStore};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::borrow::Borrow;
use std::sync::Arc;

/// `/` and `/page/:page`.
#[component]
pub fn HomePage() -> impl IntoView {
    let params = use_params_map();
    let store = use_feed_store();
    view! {
        <WithFeed ready={move |feed: Arc<Feed>| {
            let number = page_number(params.read().get("page").as_deref());
            let heading = store.ui_lang().strings().latest_news.to_owned();
            let section = Section { heading, trail: Vec::new(), path: &listing_path };
            listing(store, &feed, section, &feed.articles, number)
        }} />
    }
}

/// `/category/:slug` and `/category/:slug/page/:page`.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let store = use_feed_store();
    view! {
        <WithFeed ready={move |feed: Arc<Feed>| {
            let params = params.read();
            let slug = params.get("slug").unwrap_or_default();
            let Some(category) = feed.category(&slug) else {
                return view! { <NotFound /> }.into_any();
            };
            let number = page_number(params.get("page").as_deref());
            let articles: Vec<&Article> = feed.in_category(&slug).collect();
            let section = Section {
                heading: category.name.clone(),
                trail: vec![(category.name.clone(), category_path(&slug, 1))],
                path: &|n| category_path(&slug, n),
            };
            listing(store, &feed, section, &articles, number)
        }} />
    }
}

/// What a listing lists: the whole feed or a category.
struct Section<'a> {
    heading: String,
    /// The way to its first page from the front page, for a breadcrumb trail.
    trail: Vec<(String, String)>,
    /// The path of its page `n`.
    path: &'a dyn Fn(usize) -> String,
}

/// One page of `articles`: the whole feed (no copy of it for the front page) or a category's.
fn listing<A: Borrow<Article>>(
    store: FeedStore,
    feed: &Feed,
    section: Section,
    articles: &[A],
    number: Option<usize>,
) -> AnyView {
    let Some(current) = number.and_then(|n| page(articles, n, store.page_size())) else {
        return view! { <NotFound /> }.into_any();
    };
    let items: Vec<&Article> = current.items.iter().map(Borrow::borrow).collect();
    let current = Page {
        items: &items,
        number: current.number,
        count: current.count,
    };
    listing_page(store, feed, section, &current)
}

/// The part of [`listing`] that does not depend on how the feed holds its items: one copy of
/// it in the wasm, where a generic one was a copy for each kind of list.
fn listing_page(
    store: FeedStore,
    feed: &Feed,
    section: Section,
    current: &Page<'_, &Article>,
) -> AnyView {
    let lang = store.ui_lang();
    let strings = lang.strings();
    let Section {
        heading,
        trail,
        path,
    } = section;
    let meta = page_meta(
        store,
        feed,
        &heading,
        trail,
        current.number,
        path(current.number),
    );
    use_page_meta(move || meta.clone());
    let cards = if current.items.is_empty() {
        Either::Left(view! { <p class="empty">{strings.no_items}</p> })
    } else {
        Either::Right(
            view! { <ul class="cards">{current.items.iter().enumerate().map(|(position, article)| article_card(article, position, lang)).collect_view()}</ul> },
        )
    };
    view! {
        <div class="wrap">
            <h1 class="page-title">{heading}</h1>
            {cards}
            {pagination(current, lang, path)}
        </div>
    }
    .into_any()
}

/// The front page is the publication itself; any other listing page is a step on a trail
/// from it.
fn page_meta(
    store: FeedStore,
    feed: &Feed,
    heading: &str,
    trail: Vec<(String, String)>,
    number: usize,
    path: String,
) -> PageMeta {
    let lang = store.ui_lang();
    let publication = store.publication();
    let about = store.config.with(|config| {
        config
            .as_ref()
            .and_then(|config| config.publication_description(feed).map(str::to_owned))
    });
    let heading = match number {
        1 => heading.to_owned(),
        n => format!("{heading} ({} {n})", lang.strings().page),
    };
    let kind = match (trail.is_empty(), number) {
        (true, 1) => PageKind::Front,
        _ => {
            let home = (publication.clone(), listing_path(1));
            let this_page = (number > 1).then(|| (heading.clone(), path.clone()));
            PageKind::Listing {
                trail: std::iter::once(home)
                    .chain(trail)
                    .chain(this_page)
                    .collect(),
            }
        }
    };
    let front = kind == PageKind::Front;
    let mut meta = PageMeta::section(&heading, &publication, about.as_deref(), path, lang, kind);
    if front && !publication.is_empty() {
        // Shared, the front page is the publication's own card.
        meta.headline = publication;
    }
    meta
}

/// «← Новіші · Сторінка 2 з 5 · Старіші →» under a listing or search results; nothing for one page.
/// Generic only over the page's items, which it does not read; its links ([`pages_nav`]) are
/// one copy in the wasm for every list and kind of link (a generic one, with a generic listing
/// above it, cost 400 B brotli).
pub(super) fn pagination<T>(
    current: &Page<'_, T>,
    lang: Lang,
    path: &dyn Fn(usize) -> String,
) -> impl IntoView {
    let strings = lang.strings();
    (current.count > 1).then(|| {
        pages_nav(
            current.newer().map(path),
            current.older().map(path),
            format!(
                "{} {} {} {}",
                strings.page, current.number, strings.of, current.count
            ),
            lang,
        )
    })
}

fn pages_nav(
    newer: Option<String>,
    older: Option<String>,
    page_of: String,
    lang: Lang,
) -> impl IntoView {
    let strings = lang.strings();
    let newer =
        newer.map(|href| view! { <a class="button" rel="prev" href=href>"← " {strings.newer}</a> });
    let older =
        older.map(|href| view! { <a class="button" rel="next" href=href>{strings.older} " →"</a> });
    view! {
        <nav class="pagination" aria-label=strings.pages>
            {newer}
            <span class="page-of">{page_of}</span>
            {older}
        </nav>
    }
}
