//! Any bytes as a WordPress posts response (a list of posts, or one post): parsing, what the
//! views do with the result, and the publisher's report (`scripts/check-feed.sh`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::config::SourceKind;

#[path = "views.rs"]
mod views;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        views::read(text, SourceKind::WordPress);
    }
});
