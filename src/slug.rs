//! Readable, URL-safe slugs for articles and categories.
//!
//! Cyrillic is transliterated with Ukraine's official romanisation (KMU 2010) rather than
//! percent-encoded: `/article/rada-skhvalyla-biudzhet` reads aloud, survives copy and paste
//! into chat apps, and needs no decoding in server logs.

/// Turns any text into lowercase ASCII words joined by single hyphens, at most
/// [`MAX_SLUG_LEN`] bytes, cut at a word boundary. Empty when the text has no letters or digits.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars().map(lowercase) {
        let at_word_start = !previous.is_some_and(is_letter_or_digit);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if let Some(latin) = transliterate(c, at_word_start, previous) {
            slug.push_str(latin);
        } else if !is_silent(c) {
            push_separator(&mut slug);
        }
        // Apostrophes and the soft sign sit inside words: keep the word going across them.
        if !is_silent(c) {
            previous = Some(c);
        }
    }
    let slug = slug.trim_end_matches('-');
    cut_at_word(slug, MAX_SLUG_LEN).to_owned()
}

/// The lowercase of ASCII and of the letters [`transliterate`] knows; any other character as
/// it is, since it becomes a separator whatever its case. Unicode's case tables would cost
/// the wasm 11 KB and each of a feed's 10,000 titles a table search per letter.
pub(crate) fn lowercase(c: char) -> char {
    let shift = match c {
        'A'..='Z' | 'А'..='Я' => 0x20,
        'À'..='Þ' if c != '×' => 0x20,
        'Ѐ'..='Џ' => 0x50,
        'Ґ' | 'Ł' => 1,
        _ => 0,
    };
    char::from_u32(c as u32 + shift).unwrap_or(c)
}

/// A letter or digit the slug keeps: ASCII, or a letter [`transliterate`] writes.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || transliterate(c, false, None).is_some()
}

/// Long enough for a headline's gist, short enough for a shared link.
pub const MAX_SLUG_LEN: usize = 80;

fn push_separator(slug: &mut String) {
    if !slug.is_empty() && !slug.ends_with('-') {
        slug.push('-');
    }
}

fn cut_at_word(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    // Slugs are ASCII, so every byte index is a char boundary.
    let head = slug.get(..max).unwrap_or(slug);
    match head.rfind('-') {
        Some(end) if end > 0 => head.get(..end).unwrap_or(head),
        _ => head,
    }
}

/// Characters dropped without breaking the word: apostrophes and soft/hard signs.
pub(crate) fn is_silent(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | 'ь' | 'ъ')
}

/// KMU 2010: є ї й ю я are written ye yi y yu ya at the start of a word, ie i i iu ia
/// elsewhere; г after з is gh (Згорани → Zghorany).
pub(crate) fn transliterate(
    c: char,
    at_word_start: bool,
    previous: Option<char>,
) -> Option<&'static str> {
    let latin = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if previous == Some('з') => "gh",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' if at_word_start => "ye",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' => "i",
        'ї' if at_word_start => "yi",
        'ї' => "i",
        'й' if at_word_start => "y",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' if at_word_start => "yu",
        'ю' => "iu",
        'я' if at_word_start => "ya",
        'я' => "ia",
        'ё' => "io",
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ß' => "ss",
        'ł' => "l",
        _ => return None,
    };
    Some(latin)
}

/// A query string's value decoded as forms write it: `+` is a space, escapes as
/// [`percent_decode`] reads them.
pub fn query_decode(value: &str) -> String {
    percent_decode(&value.replace('+', " "))
}

/// Decodes `%XX` escapes (WordPress permalinks percent-encode Cyrillic slugs). Invalid escapes
/// and invalid UTF-8 are kept as they are rather than rejected.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(value) => {
                decoded.push(value);
                index += 3;
            }
            None => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| text.to_owned())
}

/// A short, stable tag for telling apart items whose readable slugs collide (FNV-1a, base 36).
pub fn short_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut digits = Vec::new();
    for _ in 0..6 {
        let digit = (hash % 36) as u8;
        digits.push(if digit < 10 {
            b'0' + digit
        } else {
            b'a' + digit - 10
        });
        hash /= 36;
    }
    String::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_every_letter_it_transliterates_as_unicode_does() {
        let upper = ('A'..='Z')
            .chain('А'..='Я')
            .chain('Ѐ'..='Џ')
            .chain('À'..='Þ')
            .chain(['Ґ', 'Ł'])
            .filter(|c| *c != '×');
        for c in upper {
            let expected: Vec<char> = c.to_lowercase().collect();
            assert_eq!(vec![lowercase(c)], expected, "{c:?}");
        }
        for c in ('a'..='z')
            .chain('а'..='я')
            .chain(['є', 'і', 'ї', 'ґ', '×', 'ß', 'Ω', '→'])
        {
            assert_eq!(lowercase(c), c, "{c:?}");
        }
    }

    #[test]
    fn other_scripts_separate_words() {
        assert_eq!(slugify("ΚΑΛΗ ΜΕΡΑ Верболози"), "verbolozy");
        assert_eq!(slugify("ЄВРО Їжак ҐАНОК"), "yevro-yizhak-ganok");
    }

    #[test]
    fn latin_titles() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(
            slugify("  Rust & WebAssembly: 2024  "),
            "rust-webassembly-2024"
        );
        assert_eq!(slugify("Café crème"), "cafe-creme");
    }

    #[test]
    fn ukrainian_titles_are_transliterated() {
        assert_eq!(slugify("Рада схвалила бюджет"), "rada-skhvalyla-biudzhet");
        assert_eq!(slugify("Київ"), "kyiv");
        assert_eq!(
            slugify("Юлія та Яна їдуть до Євпаторії"),
            "yuliia-ta-yana-yidut-do-yevpatorii"
        );
        assert_eq!(slugify("Згорани"), "zghorany");
        assert_eq!(slugify("Щастя"), "shchastia");
        assert_eq!(slugify("Ґанок"), "ganok");
        assert_eq!(slugify("Йосип"), "yosyp");
    }

    #[test]
    fn apostrophes_and_soft_signs_do_not_split_words() {
        assert_eq!(slugify("Мʼята та м’ясо"), "miata-ta-miaso");
        assert_eq!(slugify("Тьмяний день"), "tmianyi-den");
        assert_eq!(slugify("It's here"), "its-here");
    }

    #[test]
    fn only_ascii_letters_digits_and_single_hyphens() {
        for title in [
            "Новини — 23.11.2024!",
            "«Лапки» та (дужки)",
            "a---b",
            "🦀 Rust 🦀",
        ] {
            let slug = slugify(title);
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{slug}"
            );
            assert!(
                !slug.contains("--") && !slug.starts_with('-') && !slug.ends_with('-'),
                "{slug}"
            );
        }
    }

    #[test]
    fn text_without_letters_gives_an_empty_slug() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("— … !"), "");
        assert_eq!(slugify("日本語"), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let title = "слово ".repeat(40);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(slug.ends_with("slovo"), "{slug}");
        let unbroken = "a".repeat(200);
        assert_eq!(slugify(&unbroken).len(), MAX_SLUG_LEN);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%d0%ba%d0%b8%d1%97%d0%b2"), "київ");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz-%4"), "%zz-%4");
        assert_eq!(percent_decode("%ff%fe"), "%ff%fe");
    }

    #[test]
    fn short_hash_is_stable_and_url_safe() {
        assert_eq!(short_hash("item-1"), short_hash("item-1"));
        assert_ne!(short_hash("item-1"), short_hash("item-2"));
        let hash = short_hash("https://example.com/?p=1");
        assert_eq!(hash.len(), 6);
        assert!(hash
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }
}
