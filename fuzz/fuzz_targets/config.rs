//! Any bytes as config.json.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::config::SiteConfig;
use vistka::i18n::{Lang, ReaderLanguages};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(config) = SiteConfig::parse(text) {
            let reader = ReaderLanguages {
                chosen: Some(Lang::En),
                saved: None,
                browser: vec![Lang::Uk],
            };
            let _ = config.ui_lang(&reader, Some(Lang::En));
            let _ = config.read_options(&config.source.url);
        }
    }
});
