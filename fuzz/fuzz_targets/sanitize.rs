//! Any text as article HTML: the sanitiser and the text extraction must never panic, and
//! nothing scriptable may come out.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::embed::Embeds;
use vistka::html::{sanitize, to_text};

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        let placeholder = Embeds::Placeholder { notice: "n", load: "l" };
        for clean in [sanitize(html, Embeds::Load), sanitize(html, placeholder)] {
            let lower = clean.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{clean}");
            assert!(!lower.contains("<style"), "{clean}");
            assert!(!lower.contains(" on"), "an attribute starting with on: {clean}");
        }
        let _ = to_text(html);
    }
});
