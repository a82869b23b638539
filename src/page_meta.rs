//! What each view says about itself to browsers, link-preview bots and search engines: its
//! title, description, canonical address and, for an article, the facts a preview card and
//! structured data need. Views build one from their data; the build writes it into the
//! page's head (src/prerender/head.rs), and the app keeps the head true as the reader
//! moves between views (`browser::show_page_meta`).

use crate::feed::{truncate_at_word, Article};
use crate::i18n::Lang;
use chrono::{DateTime, FixedOffset};
use std::sync::{Arc, Mutex};

/// The longest description: preview cards cut near here, and search results sooner.
pub const DESCRIPTION_LEN: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct PageMeta {
    /// The document's `<title>`: «headline — publication».
    pub title: String,
    /// The view's own headline, for `og:title`: the article's title, the section's name.
    pub headline: String,
    /// At most [`DESCRIPTION_LEN`] characters, cut at a word.
    pub description: Option<String>,
    /// The view's path under the site's base: its canonical address.
    pub path: String,
    /// The language of what the view shows.
    pub lang: Lang,
    pub kind: PageKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PageKind {
    /// The first page of the listing: the publication itself.
    Front,
    /// A further listing page or a category's page, with the way to it from the front page
    /// (names and paths), for a breadcrumb trail.
    Listing {
        trail: Vec<(String, String)>,
    },
    Article(ArticleFacts),
    /// A view search engines should not index: the partners' widget, not found, a failure.
    Unlisted,
}

/// What a preview card and a `NewsArticle` say about an article beyond its headline.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFacts {
    pub published: Option<DateTime<FixedOffset>>,
    pub modified: Option<DateTime<FixedOffset>>,
    pub section: Option<String>,
    pub authors: Vec<String>,
    /// The article's picture, as the feed gives it.
    pub image: Option<String>,
}

impl PageMeta {
    /// An article's page: its summary or the start of its text as the description.
    pub fn article(article: &Article, path: String, publication: &str, ui: Lang) -> PageMeta {
        PageMeta {
            title: document_title(&article.title, publication),
            headline: article.title.clone(),
            description: description(&article.excerpt()),
            path,
            lang: article.lang_in(ui),
            kind: PageKind::Article(ArticleFacts {
                published: article.published,
                modified: article.modified,
                section: article
                    .category
                    .as_ref()
                    .map(|category| category.name.clone()),
                authors: article.authors.clone(),
                image: article.image.clone(),
            }),
        }
    }

    /// A view described by the publication's own description.
    pub fn section(
        heading: &str,
        publication: &str,
        about: Option<&str>,
        path: String,
        lang: Lang,
        kind: PageKind,
    ) -> PageMeta {
        PageMeta {
            title: match publication {
                "" => heading.to_owned(),
                publication => document_title(heading, publication),
            },
            headline: heading.to_owned(),
            description: about.and_then(description),
            path,
            lang,
            kind,
        }
    }

    /// Whether search engines may index the view.
    pub fn listed(&self) -> bool {
        self.kind != PageKind::Unlisted
    }
}

/// A document title: «headline — publication».
pub fn document_title(heading: &str, publication: &str) -> String {
    format!("{heading} — {publication}")
}

/// `text` as a description: cut at a word to [`DESCRIPTION_LEN`] characters, «…» included.
fn description(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| truncate_at_word(text, DESCRIPTION_LEN - 1))
}

/// Where the build collects the meta of the view it renders; absent in the browser.
#[derive(Clone, Default)]
pub struct MetaSink(Arc<Mutex<Option<PageMeta>>>);

impl MetaSink {
    pub fn put(&self, meta: PageMeta) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(meta);
        }
    }

    pub fn take(&self) -> Option<PageMeta> {
        self.0.lock().ok()?.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_stop_at_a_word_within_the_limit() {
        let long = "слово ".repeat(60);
        let cut = description(&long).expect("text");
        assert!(cut.chars().count() <= DESCRIPTION_LEN, "{cut}");
        assert!(cut.ends_with("слово…"), "{cut}");
        assert_eq!(description("  Коротко.  ").as_deref(), Some("Коротко."));
        assert_eq!(description("   "), None);
    }

    #[test]
    fn a_section_without_a_publication_name_is_titled_by_its_heading() {
        let meta = |publication| {
            PageMeta::section(
                "Спорт",
                publication,
                None,
                "/".into(),
                Lang::Uk,
                PageKind::Front,
            )
        };
        assert_eq!(meta("Вістка").title, "Спорт — Вістка");
        assert_eq!(meta("").title, "Спорт");
        assert_eq!(meta("").description, None);
    }
}
