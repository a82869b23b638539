//! Any text as article HTML: the sanitiser and the text extraction must never panic, and
//! nothing scriptable may come out.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vistka::embed::Embeds;
use vistka::html::{sanitize, to_text};

/// The parts of sanitised output outside attribute values. The sanitiser writes every value in
/// double quotes and escapes `"` inside it, so splitting a tag on `"` alternates between
/// markup and values.
fn markup_outside_values(clean: &str) -> String {
    let mut markup = String::new();
    for tag in clean.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        for (index, part) in tag.split('"').enumerate() {
            if index % 2 == 0 {
                markup.push_str(part);
                markup.push(' ');
            }
        }
    }
    markup.to_ascii_lowercase()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        let placeholder = Embeds::Placeholder {
            notice: "n",
            load: "l",
        };
        // Relative URLs as a feed served beside the site leaves them, and resolved against a
        // publisher's address.
        let base = Some("https://blog.example/2024/11/post/?p=1");
        for clean in [
            sanitize(html, Embeds::Load, None),
            sanitize(html, placeholder, base),
        ] {
            let markup = markup_outside_values(&clean);
            for forbidden in [
                "script", "style", " on", "object", "embed ", "svg", "math", "form", "base",
                "meta", "link",
            ] {
                assert!(!markup.contains(forbidden), "{forbidden} in {clean}");
            }
        }
        let _ = to_text(html);
    }
});
