//! Any bytes as a JSON Feed: parsing, and everything the views then do with the result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::feed::parse_json_feed;
use vistka::i18n::Lang;

#[path = "views.rs"]
mod views;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(feed) = parse_json_feed(text, Lang::Uk) {
            views::exercise(&feed);
        }
    }
});
