//! The frame around every view: skip link, header with sections, footer.

use crate::app::use_feed_store;
use crate::browser::FEED_URL;
use crate::routes::{category_path, listing_path};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SkipLink() -> impl IntoView {
    let store = use_feed_store();
    view! {
        <a class="skip-link" href="#main">{move || store.ui_lang().strings().skip_to_content}</a>
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let store = use_feed_store();
    let name = move || {
        store
            .feed()
            .map(|feed| feed.title.clone())
            .unwrap_or_default()
    };
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
                <a class="site-name" href=listing_path(1)>{name}</a>
            </div>
            <nav class="sections" aria-label=move || store.ui_lang().strings().main_navigation>
                <ul class="wrap">{sections}</ul>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let store = use_feed_store();
    let name = move || {
        store
            .feed()
            .map(|feed| feed.title.clone())
            .unwrap_or_default()
    };
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>"© " {name}</p>
                <p>
                    <a href=FEED_URL type="application/feed+json">
                        {move || store.ui_lang().strings().feed_link}
                    </a>
                </p>
            </div>
        </footer>
    }
}
