//! Any bytes as a stored consent record (localStorage is the reader's to edit).
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::consent::{standing_choices, ConsentPolicy};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let now = chrono::DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default();
        let _ = standing_choices(Some(text), &ConsentPolicy::default(), now);
    }
});
