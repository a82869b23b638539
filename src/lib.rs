//! Vistka: a bilingual news front end for JSON feeds.
//!
//! Pure logic (feed model and parsing, HTML cleaning, dates, strings, routes, paging) knows
//! nothing of the browser and is tested natively. `browser` holds the few calls into web APIs,
//! and `views` holds thin Leptos components that render what the logic gives them.

// The site's frame is one deeply nested view type; computing its layout needs more than the
// default 128 levels since the footer gained offline reading's control.
#![recursion_limit = "256"]

pub mod app;
pub mod boot;
pub mod browser;
pub mod config;
pub mod consent;
pub mod dates;
pub mod embed;
pub mod feed;
/// The publisher's report on a feed (`scripts/check-feed.sh`); never part of the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod feed_check;
pub mod html;
pub mod i18n;
pub mod links;
pub mod media;
pub mod offline;
pub mod page_meta;
pub mod paging;
/// Build-time rendering; never part of the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod routes;
pub mod search;
pub mod slug;
pub mod store;
pub mod views;
