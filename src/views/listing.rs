//! The front page and category pages: one page of cards and links to the pages around it.

use super::card::article_card;
use super::document_title;
use super::status::{NotFound, WithFeed};
use crate::feed::{Article, Feed};
use crate::i18n::Lang;
use crate::paging::{page, Page};
use crate::routes::{category_path, listing_path, page_number};
use crate::store::{use_feed_store, FeedStore};
use leptos::prelude::*;
use leptos_meta::Title;
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
            listing(store, heading, &feed.articles, number, listing_path)
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
            let path = |n| category_path(&slug, n);
            listing(store, category.name.clone(), &articles, number, path).into_any()
        }} />
    }
}

/// One page of `articles`: the whole feed (no copy of it for the front page) or a category's.
fn listing<A: Borrow<Article>>(
    store: FeedStore,
    heading: String,
    articles: &[A],
    number: Option<usize>,
    path: impl Fn(usize) -> String,
) -> AnyView {
    let Some(current) = number.and_then(|n| page(articles, n, store.page_size())) else {
        return view! { <NotFound /> }.into_any();
    };
    let lang = store.ui_lang();
    let strings = lang.strings();
    let publication = store.publication();
    let title = match current.number {
        1 => document_title(&heading, &publication),
        n => document_title(&format!("{heading} ({} {n})", strings.page), &publication),
    };
    let cards = if current.items.is_empty() {
        view! { <p class="empty">{strings.no_items}</p> }.into_any()
    } else {
        view! { <ul class="cards">{current.items.iter().enumerate().map(|(position, a)| article_card(a.borrow(), position)).collect_view()}</ul> }
            .into_any()
    };
    view! {
        <Title text=title />
        <div class="wrap">
            <h1 class="page-title">{heading}</h1>
            {cards}
            {pagination(&current, lang, path)}
        </div>
    }
    .into_any()
}

fn pagination<T>(
    current: &Page<'_, T>,
    lang: Lang,
    path: impl Fn(usize) -> String,
) -> impl IntoView {
    let strings = lang.strings();
    let newer = current
        .newer()
        .map(|n| view! { <a class="button" rel="prev" href=path(n)>"← " {strings.newer}</a> });
    let older = current
        .older()
        .map(|n| view! { <a class="button" rel="next" href=path(n)>{strings.older} " →"</a> });
    (current.count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=strings.pages>
                {newer}
                <span class="page-of">
                    {format!("{} {} {} {}", strings.page, current.number, strings.of, current.count)}
                </span>
                {older}
            </nav>
        }
    })
}
