//! Leptos components. They read the shared feed and route parameters and render what the pure
//! modules compute; browser calls stay in `browser` and in effects.

pub mod article;
pub mod card;
pub mod consent;
pub mod embed;
pub mod layout;
pub mod listing;
pub mod status;

/// A document title: «headline — publication».
fn document_title(heading: &str, publication: &str) -> String {
    format!("{heading} — {publication}")
}
