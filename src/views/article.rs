//! `/article/:slug`: the article and the «Свіжі дописи» rail.

use super::attachments::attachments;
use super::card::{category_badge, date_line, published_date};
use super::consent::use_consent;
use super::status::{Loading, NotFound, NotSaved, WithFeed};
use super::use_page_meta;
use crate::browser::load_clicked_embed;
use crate::embed::Embeds;
use crate::feed::{paragraphs, Article, Body, Feed};
use crate::html::sanitize;
use crate::i18n::Lang;
use crate::offline;
use crate::page_meta::PageMeta;
use crate::routes::article_path;
use crate::store::{use_feed_store, FeedStore, Lookup};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// How many other articles the rail lists.
const FRESH_POSTS: usize = 5;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let store = use_feed_store();
    // A post beyond the loaded pages of a WordPress source is asked for by its slug.
    Effect::new(move |_| {
        let slug = params.read().get("slug").unwrap_or_default();
        if store
            .feed()
            .is_some_and(|feed| feed.article(&slug).is_none())
        {
            store.look_up(slug);
        }
    });
    // The article shown, compared by value: a refresh of the feed that leaves it as it was (the
    // reader back in the tab, the next page of a paged feed arriving) does not draw it again,
    // so an episode or a video plays on and an opened embed stays open. Only the rail follows
    // every refresh.
    let article = Memo::new(move |_| {
        let slug = params.read().get("slug").unwrap_or_default();
        store.feed().and_then(|feed| feed.article(&slug).cloned())
    });
    let ui = Memo::new(move |_| store.ui_lang());
    let not_shown = move |_: Arc<Feed>| {
        let slug = params.read().get("slug").unwrap_or_default();
        let looked_up = store
            .lookup
            .with(|lookup| matches!(lookup, Lookup::Done(done) if *done == slug));
        let offline = store.saved_at.get().is_some();
        match store.can_look_up() && !looked_up && !offline {
            true => view! { <Loading /> }.into_any(),
            false if offline => view! { <NotSaved /> }.into_any(),
            false => view! { <NotFound /> }.into_any(),
        }
    };
    move || match article.get() {
        Some(article) => {
            let ui = ui.get();
            Either::Left(untrack(|| article_view(store, article, ui)))
        }
        None => Either::Right(view! { <WithFeed ready=not_shown /> }),
    }
}

fn article_view(store: FeedStore, article: Article, ui: Lang) -> impl IntoView {
    let article = &article;
    let lang = article.lang_in(ui);
    let strings = lang.strings();
    let reading_time = lang.count(article.reading_minutes(), &strings.minutes);
    let authors = (!article.authors.is_empty()).then(|| {
        view! { <span class="author">{strings.by_author} " " {article.authors.join(", ")}</span> }
    });
    let meta = PageMeta::article(
        article,
        article_path(&article.slug),
        &store.publication(),
        ui,
    );
    use_page_meta(move || meta.clone());
    let site = store
        .config
        .with(|config| config.as_ref().and_then(|config| config.url.clone()));
    // Above the text: for a podcast episode the player is what the reader came for.
    let attachments = attachments(&article.attachments, site.as_ref(), lang);
    // With offline reading on, the worker keeps the article read and its pictures.
    let kept = offline::kept([article]);
    Effect::new(move |_| {
        if store.offline_on.get() {
            let kept = kept.clone();
            spawn_local(async move {
                offline::keep(true, kept).await;
                store.kept.update(|kept| *kept += 1);
            });
        }
    });
    let slug = article.slug.clone();
    let rail = move || store.feed().map(|feed| fresh_posts(&feed, &slug, ui));
    view! {
        <div class="wrap article-layout">
            <article class="article" lang=article.language.clone()>
                <header class="article-header">
                    {article.category.as_ref().map(category_badge)}
                    <h1>{article.title.clone()}</h1>
                    <p class="byline">
                        {published_date(article, ui)} {authors}
                        <span class="reading-time">{strings.reading_time} ": " {reading_time}</span>
                    </p>
                </header>
                {lead_image(article)}
                {attachments}
                {body(article, lang)}
            </article>
            {rail}
        </div>
    }
}

fn lead_image(article: &Article) -> Option<impl IntoView> {
    let src = article.lead_image()?.to_owned();
    Some(view! {
        <figure class="lead-image">
            <img src=src alt="" width="1200" height="675" decoding="async" />
        </figure>
    })
}

fn body(article: &Article, lang: Lang) -> impl IntoView {
    match &article.body {
        Body::Html(html) => {
            let consent = use_consent();
            let html = html.clone();
            let base = article.base.clone();
            // Re-rendered when external-media consent changes: withdrawing it puts the
            // placeholders back in place of the players.
            let clean = move || {
                let strings = lang.strings();
                let media = consent.choices.get().is_some_and(|choices| choices.media);
                let embeds = match media {
                    true => Embeds::Load,
                    false => Embeds::Placeholder {
                        notice: strings.embed_notice,
                        load: strings.embed_load,
                    },
                };
                sanitize(&html, embeds, base.as_deref())
            };
            EitherOf3::A(
                view! { <div class="article-body" inner_html=clean on:click=load_clicked_embed></div> },
            )
        }
        Body::Text(text) => {
            let paragraphs = paragraphs(text)
                .map(|paragraph| view! { <p>{paragraph.to_owned()}</p> })
                .collect_view();
            EitherOf3::B(view! { <div class="article-body">{paragraphs}</div> })
        }
        Body::Empty => EitherOf3::C(()),
    }
}

fn fresh_posts(feed: &Feed, slug: &str, ui_lang: Lang) -> impl IntoView {
    let strings = ui_lang.strings();
    let items = feed
        .fresh_posts(slug, FRESH_POSTS)
        .map(|other| {
            view! {
                <li lang=other.language.clone()>
                    <a href=article_path(&other.slug)>{other.title.clone()}</a>
                    {date_line(other, ui_lang)}
                </li>
            }
        })
        .collect_view();
    view! {
        <aside class="fresh-posts" aria-labelledby="fresh-posts-title">
            <h2 id="fresh-posts-title">{strings.fresh_posts}</h2>
            <ul>{items}</ul>
        </aside>
    }
}
