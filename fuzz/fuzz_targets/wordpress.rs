//! Any bytes as a WordPress posts response: parsing, and what the views do with the result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::feed::parse_wordpress;
use vistka::i18n::Lang;

#[path = "views.rs"]
mod views;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(feed) = parse_wordpress(text, Lang::En) {
            views::exercise(&feed);
        }
    }
});
