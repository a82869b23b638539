//! `/embed`: the compact list partners show in an iframe (see docs/EMBED.md).

use super::card::date_line;
use super::status::WithFeed;
use super::use_page_meta;
use crate::browser::report_embed_height;
use crate::feed::{Article, Feed};
use crate::page_meta::{PageKind, PageMeta};
use crate::routes::{article_path, category_path, embed_path, listing_path, EmbedOptions};
use crate::store::use_feed_store;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn EmbedView() -> impl IntoView {
    let query = use_query_map();
    let store = use_feed_store();
    let options = Memo::new(move |_| {
        let query = query.read();
        EmbedOptions::from_query(|key| query.get(key))
    });
    // Once the news is on screen, report the widget's height (and again on every resize).
    Effect::new(move |reported: Option<bool>| {
        let ready = store.feed().is_some();
        if ready && reported != Some(true) {
            report_embed_height(options.get_untracked().id);
        }
        ready || reported == Some(true)
    });
    view! {
        <main class="embed-widget" class:dark=move || options.read().dark>
            <WithFeed ready={move |feed: Arc<Feed>| {
                let options = options.get();
                let ui = store.ui_lang();
                let strings = ui.strings();
                let category = options.category.as_deref().and_then(|slug| feed.category(slug));
                let (heading, more) = match category {
                    Some(category) => (category.name.clone(), category_path(&category.slug, 1)),
                    None => (strings.latest_news.to_owned(), listing_path(1)),
                };
                let item = |article: &Article| {
                    view! {
                        <li lang=article.language.clone()>
                            <a href=article_path(&article.slug) target="_top">{article.title.clone()}</a>
                            {date_line(article, ui)}
                        </li>
                    }
                };
                let items = match category {
                    Some(category) => feed.in_category(&category.slug).take(options.count).map(item).collect_view(),
                    None => feed.articles.iter().take(options.count).map(item).collect_view(),
                };
                // The frame's document has a title of its own, as the site's pages do; search
                // engines are asked to list the site's pages rather than the widget.
                let meta = PageMeta::section(&heading, &store.publication(), None, embed_path(), store.ui_lang(), PageKind::Unlisted);
                use_page_meta(move || meta.clone());
                view! {
                    <h1 class="embed-title">{heading}</h1>
                    <ul class="embed-list">{items}</ul>
                    <a class="embed-more" href=more target="_top">
                        {strings.more_news} " — " {store.publication()}
                    </a>
                }
                .into_any()
            }} />
        </main>
    }
}
