//! Pieces shared by the listing and the article: the category badge, the date and the card.

use crate::dates::{long_date, machine_date};
use crate::feed::{Article, Category};
use crate::i18n::Lang;
use crate::routes::{article_path, category_path};
use leptos::either::Either;
use leptos::prelude::*;

pub fn category_badge(category: &Category) -> impl IntoView {
    view! {
        <a class="badge" href=category_path(&category.slug, 1)>{category.name.clone()}</a>
    }
}

/// The publication date, written in the article's own language (else the reader's, `ui`)
/// and the publisher's offset; nothing for an undated item.
pub fn published_date(article: &Article, ui: Lang) -> Option<impl IntoView> {
    let date = article.published?;
    Some(view! {
        <time datetime=machine_date(&date)>{long_date(&date, article.lang_in(ui))}</time>
    })
}

/// The date on its own line, as cards and lists show it; no line for an undated item.
pub fn date_line(article: &Article, ui: Lang) -> Option<impl IntoView> {
    published_date(article, ui).map(|date| view! { <p class="date">{date}</p> })
}

/// How many cards open the listing's first screen: three columns on a wide screen.
pub const FIRST_SCREEN_CARDS: usize = 3;

/// An item of the listing: badge, linked title, date, excerpt and «Читати більше»; an item
/// without a title of its own (a micro-post) leads with its text, which is the link. The
/// picture of a card on the first screen (`position` below [`FIRST_SCREEN_CARDS`]) loads at
/// once: it is the page's largest paint, and a lazy one would wait for layout and let the
/// app's downloads start first (the page's `load` event does not wait for lazy images).
pub fn article_card(article: &Article, position: usize, ui: Lang) -> impl IntoView {
    let marked = Marked {
        title: crate::html::escape(&article.title),
        excerpt: crate::html::escape(&article.excerpt()),
    };
    marked_card(article, position, ui, marked)
}

/// A card's title and excerpt as escaped HTML, with the matched words in `<mark>` for search
/// results (`search::highlight`, `search::marked_excerpt`).
pub struct Marked {
    pub title: String,
    pub excerpt: String,
}

/// [`article_card`] with its title and excerpt as `marked` has them. Every card is drawn this
/// one way, escaped text as HTML: a second way for plain text cost the wasm 2.6 KB.
pub fn marked_card(article: &Article, position: usize, ui: Lang, marked: Marked) -> impl IntoView {
    let href = article_path(&article.slug);
    let strings = article.lang_in(ui).strings();
    let loading = match position < FIRST_SCREEN_CARDS {
        true => "eager",
        false => "lazy",
    };
    let image = article.image.clone().map(|src| {
        view! {
            <a class="card-image" href=href.clone() tabindex="-1" aria-hidden="true">
                <img src=src alt="" width="640" height="360" loading=loading decoding="async" />
            </a>
        }
    });
    let Marked { title, excerpt } = marked;
    view! {
        <li class="card" lang=article.language.clone()>
            {image}
            <div class="card-text">
                {article.category.as_ref().map(category_badge)}
                {match article.untitled {
                    true => Either::Left(view! {
                        <p class="card-lead"><a href=href inner_html=excerpt></a></p>
                        {date_line(article, ui)}
                    }),
                    false => Either::Right(view! {
                        <h2 class="card-title"><a href=href.clone() inner_html=title></a></h2>
                        {date_line(article, ui)}
                        <p class="excerpt">
                            <span inner_html=excerpt></span> " "
                            <a class="read-more" href=href>
                                {strings.read_more}
                                <span class="visually-hidden">": " {article.title.clone()}</span>
                            </a>
                        </p>
                    }),
                }}
            </div>
        </li>
    }
}
