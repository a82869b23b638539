//! Any bytes as config.json.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::config::SiteConfig;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(config) = SiteConfig::parse(text) {
            let _ = config.ui_lang(None);
        }
    }
});
