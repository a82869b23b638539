//! Site search: what a reader's query means and which loaded items it finds, in pure Rust
//! (tested natively; the view only renders what this module returns).
//!
//! # How text becomes keys
//!
//! Text is split into **words**: runs of letters and digits of any script (`is_word_char`);
//! an apostrophe (' ’ ʼ ` ‘ ′) between two letters stays inside the word and is then
//! dropped, so «пам'ять», «пам’ять» and «памʼять» are one word. Every other character, the
//! hyphen and all its variants (‐ ‑ ‒ – — −) included, separates words: «Івано-Франківськ»
//! and «Івано‑Франківськ» are the same two words whatever the dash. A combining breve or
//! diaeresis after и / і (decomposed «й», «ї») is composed; other combining marks are dropped.
//!
//! Each word is **folded**: lowercased (ASCII, Cyrillic with Ґ Є І Ї, Latin-1; the same table
//! as the slugs, [`crate::slug`]) and stripped of its apostrophes. It is then indexed under:
//!
//! * its **surface** key: the folded word in Latin letters, transliterated with the slugs' KMU
//!   2010 table (soft and hard signs dropped). «Київ» and "Kyiv" are both `kyiv`, so Latin
//!   queries find Cyrillic text and back. A query word of [`PREFIX_MIN`] letters or more
//!   matches the surfaces it begins (`буда` finds «Будапешт»); one of [`INFIX_MIN`] or more
//!   also matches inside a word (`zaliznytsia` finds «Укрзалізниця»); a shorter one only
//!   whole words.
//! * its **stems**: the folded word without an inflectional ending, in the word's own
//!   script, then transliterated. Ukrainian (any Cyrillic letter in the word): the longest of
//!   [`UK_ENDINGS`] that leaves [`MIN_STEM`] letters (soft sign not counted); then the vowel
//!   alternation of the last closed syllable: the last vowel of the stem, when one of і ї е є о
//!   followed by a consonant, is replaced by a wildcard, so «Київ»/«Києва»,
//!   «Львів»/«Львова», «ніч»/«ночі», «поїзд»/«поїзди» share a stem. A word ending in a
//!   consonant ending (-ів, -ом, -ах…) keeps both readings, with and without the ending
//!   («Харків» is both `khark*v` and `khark`). English (ASCII letters only): plural -s / -es /
//!   -ies, -ing, -ed and a final -e (`trains` → `train`, `making`/`make` → `mak`). A Latin
//!   query word is also read as transliterated Ukrainian ([`LATIN_UK_ENDINGS`], the same
//!   alternation on і ie e o), so `kyieva` and `lvova` find «Київ» and «Львів».
//!
//! # Known misses
//!
//! * Other transliterations than KMU 2010: `kiev`, `lvov`, `odessa`, `kharkov` find nothing
//!   that only says «Київ», «Львів», «Одеса», «Харків».
//! * Verbs: conjugation is not stemmed («їде» and «їхати» do not meet); nor are English
//!   irregular forms (`ran`/`run`), doubled consonants (`running` → `runn`) or -ly.
//! * Alternations outside the last syllable and consonant changes («друг»/«друзі»,
//!   «рука»/«руці», «день»/«дня» with its dropped vowel).
//! * Stems collide: the wildcard makes «ліс», «лес» and «лос» one stem, and a consonant
//!   ending may be read off a word that has none; such matches rank like any other.
//! * Case in other scripts than Latin and Cyrillic (Greek, Armenian) is not folded (Unicode's
//!   case tables would cost the wasm 11 KB); text in them still matches as typed.
//! * A wrong keyboard layout (`rb]d` for «київ») is not guessed: the empty state tells the
//!   reader to check it.
//!
//! # Ranking
//!
//! An item is found when it matches at least one query word of [`PREFIX_MIN`] letters or more
//! (or, for a query of short words only, any of them). Found items are ordered by the number
//! of query words matched in the title, then in the summary, category or authors, then in the
//! body; among equals the newer first (the feed's order, newest first). So the title counts
//! above the summary and the summary above the body, and at each, more matched words above
//! fewer: for «поїзди львів», «Поїзди до Львова» comes before «Поїзди» alone, which comes
//! before an item whose body says both. A query is cut to [`MAX_QUERY_CHARS`] characters and
//! [`MAX_QUERY_WORDS`] words, so a pasted page cannot stall typing.
//!
//! # The index
//!
//! [`Index::build`] reads every item once: each distinct word is folded once, and each distinct
//! folded word keeps a list of the items it occurs in, four bytes an item (the item's position
//! and the fields it occurs in); each key (surface or stem) lists the folded words it stands
//! for. An item is thus recorded once per word rather than once per key: a word has up to
//! three keys, and the build spent most of its time adding to these lists (10,000 items:
//! 41 → 35 ms natively). Words and keys are found by their 64-bit hash (`Ids`). Summaries and
//! bodies are read straight from their HTML, in one pass (`html_words`). Nothing is read at
//! start-up: the view reads the items into an [`IndexBuilder`] a slice at a time from
//! the moment the reader focuses the search field, and the first query reads what is left.

use crate::feed::{Article, Body};
use crate::html;
use crate::slug::{is_silent, lowercase, transliterate};

/// A query word this long or longer matches the beginnings of words.
pub const PREFIX_MIN: usize = 3;
/// A query word this long or longer also matches inside words (compounds: «Укрзалізниця»).
pub const INFIX_MIN: usize = 5;
/// The fewest letters (soft sign not counted) an ending may leave.
pub const MIN_STEM: usize = 3;
/// The longest query read, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most query words read.
pub const MAX_QUERY_WORDS: usize = 10;

const TITLE: u32 = 1;
const META: u32 = 2;
const BODY: u32 = 4;
const FIELD_BITS: u32 = 3;

/// Stands for the alternating vowel of a stem's last syllable.
const WILDCARD: char = '*';

/// Ukrainian inflectional endings of nouns and adjectives, longest first.
/// Not -ові/-еві (dative/locative): stripping them would part «Львові» from «Львів».
pub const UK_ENDINGS: [&str; 36] = [
    "ами", "ями", "ому", "ого", "ими", "іми", "ів", "їв", "ей", "ам", "ям", "ах", "ях", "ою", "ею",
    "єю", "ом", "ем", "ий", "ій", "ої", "их", "іх", "им", "ім", "ая", "а", "я", "о", "е", "є", "у",
    "ю", "і", "ї", "и",
];

/// The same endings as a query typed in KMU Latin writes them, longest first.
pub const LATIN_UK_ENDINGS: [&str; 29] = [
    "iamy", "iakh", "amy", "ykh", "ikh", "oho", "omu", "iam", "akh", "oiu", "eiu", "iv", "ei",
    "am", "om", "em", "yi", "ii", "oi", "ym", "im", "ia", "iu", "a", "o", "e", "u", "y", "i",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘' | '′')
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Letters, digits and combining marks of any script: everything but ASCII's and Latin-1's
/// punctuation, symbols and spaces, the general punctuation, symbol and CJK punctuation blocks
/// and emoji. By ranges rather than `char::is_alphanumeric`: that was 46 % of building the
/// index of 10,000 Ukrainian items (a table search for every Cyrillic letter) and its tables
/// 2.5 KB of the wasm. Knowingly: punctuation of other scripts (Arabic «،», Devanagari «।»)
/// counts as part of a word.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | 'Ѐ'..='ҁ' | 'Ҋ'..='ӿ' => true,
        '\0'..='\u{bf}' | '×' | '÷' => false,
        // Cyrillic thousands sign and the titlo family.
        '\u{482}'..='\u{489}' => false,
        // Punctuation, spaces, symbols, arrows, maths, shapes, dingbats; CJK punctuation and
        // the ideographic space; small and full-width forms' punctuation; emoji and pictographs.
        '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe10}'..='\u{fe6f}'
        | '\u{ff00}'..='\u{ff0f}'
        | '\u{1f000}'..='\u{1faff}' => false,
        _ => true,
    }
}

/// What a character of a text is to [`words`].
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Letter,
    Apostrophe,
    Other,
}

fn kind_of(c: char) -> Kind {
    match c {
        c if is_apostrophe(c) => Kind::Apostrophe,
        c if is_word_char(c) => Kind::Letter,
        _ => Kind::Other,
    }
}

/// The kind of the character at byte `at` of `text`, and its length. ASCII and the lead bytes
/// of the Cyrillic letters (U+0400–U+047F, U+04C0–U+04FF) are told by the byte alone: decoding
/// every character was half of building the index of 10,000 items.
#[inline(always)]
fn kind_at(text: &str, at: usize) -> Option<(Kind, usize)> {
    let byte = *text.as_bytes().get(at)?;
    let kind = match byte {
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Kind::Letter,
        b'\'' | b'`' => Kind::Apostrophe,
        0..=0x7f => Kind::Other,
        0xd0 | 0xd1 | 0xd3 => return Some((Kind::Letter, 2)),
        _ => {
            let c = text.get(at..)?.chars().next()?;
            return Some((kind_of(c), c.len_utf8()));
        }
    };
    Some((kind, 1))
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> Words<'_> {
    Words {
        text,
        position: 0,
        html: false,
        encoded: false,
    }
}

/// The words of the text of `html` as the index reads them, from the markup in one pass: tags,
/// comments and raw-text elements skipped as [`html::markup_length`] steps over them, so a word
/// ends at a tag (`Ки<b>їв</b>` is two words); a word with a character reference in it
/// (`пам&rsquo;ять`) comes as its raw span with [`Words::encoded`] set, to be decoded and read
/// again. The same words as [`words`] finds in the tokenizer's decoded text pieces (tested
/// on the XSS corpus and the real feeds), without the pieces: finding them, then scanning each
/// for references and again for words, was a quarter of the index's build in the wasm.
fn html_words(html: &str) -> Words<'_> {
    Words {
        html: true,
        ..words(html)
    }
}

/// See [`words`] and [`html_words`].
struct Words<'a> {
    text: &'a str,
    position: usize,
    html: bool,
    /// The last word given has character references in it, to be decoded (HTML only).
    encoded: bool,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = loop {
            let (kind, length, _) = self.kind_at(self.position)?;
            if kind == Kind::Letter {
                break self.position;
            }
            let markup = match self.html && self.text.as_bytes().get(self.position) == Some(&b'<') {
                true => self.text.get(self.position..).and_then(html::markup_length),
                false => None,
            };
            self.position += markup.unwrap_or(length);
        };
        let (end, encoded) = self.word_end(start);
        self.position = end;
        self.encoded = encoded;
        self.text.get(start..end).map(|word| (start, word))
    }
}

impl<'a> Words<'a> {
    /// Where the word that begins at `start` ends, and whether it has references in it.
    #[inline(always)]
    fn word_end(&self, start: usize) -> (usize, bool) {
        let mut position = start;
        let mut encoded = false;
        while let Some((kind, length, reference)) = self.kind_at(position) {
            let next = position + length;
            // An apostrophe between two letters (a reference's included) stays inside the word.
            let inside = match kind {
                Kind::Letter => true,
                Kind::Apostrophe => self
                    .kind_at(next)
                    .is_some_and(|(kind, _, _)| kind == Kind::Letter),
                Kind::Other => false,
            };
            if !inside {
                break;
            }
            encoded |= reference;
            position = next;
        }
        (position, encoded)
    }

    /// What the character at `at` is, in HTML reading a character reference as what it
    /// stands for: the kind and the bytes it takes, and whether it was a reference.
    #[inline(always)]
    fn kind_at(&self, at: usize) -> Option<(Kind, usize, bool)> {
        let (kind, length) = kind_at(self.text, at)?;
        if self.html && self.text.as_bytes().get(at) == Some(&b'&') {
            return Some(self.reference_at(at).unwrap_or((kind, length, false)));
        }
        Some((kind, length, false))
    }

    /// The character reference at `at`, if that `&` begins one: out of the word loops, which
    /// it would make 103 B larger in the wasm (66 B brotli) for the few words that have one.
    #[inline(never)]
    fn reference_at(&self, at: usize) -> Option<(Kind, usize, bool)> {
        let reference = self.text.get(at + 1..)?;
        let (c, length) = html::read_reference(reference)?;
        Some((kind_of(c), 1 + length, true))
    }
}

/// Lowercases `word` into `out` without its apostrophes (see the module's notes).
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            c if is_apostrophe(c) => {}
            '\u{306}' if out.ends_with('и') => {
                out.pop();
                out.push('й');
            }
            '\u{308}' if out.ends_with('і') => {
                out.pop();
                out.push('ї');
            }
            c if is_combining(c) => {}
            c => out.push(lowercase(c)),
        }
    }
}

/// A folded word in KMU 2010 Latin; characters without a Latin form stay as they are.
fn to_latin(folded: &str) -> String {
    let mut latin = String::with_capacity(folded.len() + 4);
    to_latin_into(folded, &mut latin);
    latin
}

/// [`to_latin`] into `latin`, replacing what it held.
fn to_latin_into(folded: &str, latin: &mut String) {
    latin.clear();
    let mut previous: Option<char> = None;
    for c in folded.chars() {
        if c.is_ascii() {
            latin.push(c);
        } else if let Some(letters) = transliterate(c, previous.is_none(), previous) {
            latin.push_str(letters);
        } else if !is_silent(c) {
            latin.push(c);
        }
        if !is_silent(c) {
            previous = Some(c);
        }
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

const UK_VOWELS: &str = "аеєиіїоуюя";

/// Replaces the vowel of the last syllable by [`WILDCARD`] when it is one that alternates
/// (і ї е є о) and a consonant follows it.
fn alternate_cyrillic(stem: &str) -> String {
    let last_vowel = stem
        .char_indices()
        .rev()
        .find(|(_, c)| UK_VOWELS.contains(*c));
    match last_vowel {
        Some((at, c)) if "іїеєо".contains(c) && at + c.len_utf8() < stem.len() => {
            let mut alternated = String::with_capacity(stem.len());
            alternated.push_str(stem.get(..at).unwrap_or_default());
            alternated.push(WILDCARD);
            alternated.push_str(stem.get(at + c.len_utf8()..).unwrap_or_default());
            alternated
        }
        _ => stem.to_owned(),
    }
}

/// The same in KMU Latin: the last vowel run's tail `ie`, `i`, `e` or `o` before a consonant.
fn alternate_latin(stem: &str) -> String {
    let bytes = stem.as_bytes();
    let is_vowel = |b: &u8| b"aeiou".contains(b);
    let Some(last) = bytes.iter().rposition(is_vowel) else {
        return stem.to_owned();
    };
    if last + 1 >= bytes.len() {
        return stem.to_owned();
    }
    let ends_ie = last >= 1 && bytes.get(last - 1..=last) == Some(b"ie".as_slice());
    let start = match bytes.get(last) {
        Some(b'e') if ends_ie => last - 1,
        Some(b'i' | b'e' | b'o') => last,
        _ => return stem.to_owned(),
    };
    match (stem.get(..start), stem.get(last + 1..)) {
        (Some(head), Some(tail)) => format!("{head}{WILDCARD}{tail}"),
        _ => stem.to_owned(),
    }
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| *c != 'ь').count()
}

/// The readings of a Ukrainian or Latin-Ukrainian word: without a consonant ending and with
/// it kept, each alternated.
fn ukrainian_stems(
    folded: &str,
    endings: &[&str],
    vowels: &str,
    alternate: fn(&str) -> String,
    stems: &mut Vec<String>,
) {
    let stripped = endings.iter().find_map(|ending| {
        folded
            .strip_suffix(ending)
            .filter(|stem| letters(stem) >= MIN_STEM)
            .map(|stem| (stem, ending))
    });
    let ends_in_consonant = folded.chars().last().is_some_and(|c| !vowels.contains(c));
    if let Some((stem, _)) = stripped {
        stems.push(alternate(stem));
    }
    if stripped.is_none() || ends_in_consonant {
        stems.push(alternate(folded));
    }
}

/// English: plural, -ing, -ed and a final -e, where at least three letters stay.
fn english_stem(word: &str) -> String {
    let long = |stem: &str| stem.len() >= MIN_STEM;
    if let Some(stem) = word.strip_suffix("ies").filter(|s| long(s)) {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes", "zes"] {
        if let Some(stem) = word.strip_suffix(ending).filter(|s| long(s)) {
            return format!(
                "{stem}{}",
                ending.get(..ending.len() - 2).unwrap_or_default()
            );
        }
    }
    let mut stem = word;
    if !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) {
        stem = word.strip_suffix('s').filter(|s| long(s)).unwrap_or(word);
    }
    for ending in ["ing", "ed"] {
        if let Some(shorter) = stem.strip_suffix(ending).filter(|s| long(s)) {
            stem = shorter;
            break;
        }
    }
    if let Some(shorter) = stem.strip_suffix('e').filter(|s| long(s)) {
        stem = shorter;
    }
    stem.to_owned()
}

/// The stems a word of the text is indexed under, in Latin letters.
fn text_stems(folded: &str) -> Vec<String> {
    let mut stems = Vec::with_capacity(2);
    if folded.chars().any(is_cyrillic) {
        let mut own = Vec::with_capacity(2);
        ukrainian_stems(folded, &UK_ENDINGS, UK_VOWELS, alternate_cyrillic, &mut own);
        stems.extend(own.iter().map(|stem| to_latin(stem)));
    } else if folded.bytes().all(|b| b.is_ascii_lowercase()) {
        stems.push(english_stem(folded));
    }
    stems
}

/// The stems a query word looks for: a Latin word is read both as English and as
/// transliterated Ukrainian.
fn query_stems(folded: &str) -> Vec<String> {
    let mut stems = text_stems(folded);
    if folded.bytes().all(|b| b.is_ascii_lowercase()) {
        ukrainian_stems(
            folded,
            &LATIN_UK_ENDINGS,
            "aeiouy",
            alternate_latin,
            &mut stems,
        );
    }
    // A handful at most: no sort needed to drop the repeats.
    let mut distinct: Vec<String> = Vec::with_capacity(stems.len());
    for stem in stems {
        if !distinct.contains(&stem) {
            distinct.push(stem);
        }
    }
    distinct
}

/// Does `word` hold `part`? Compared byte by byte (UTF-8 matches only at a character's
/// beginning): `str::contains` prepares a two-way search for every call, which for words as
/// short as these was most of the time spent comparing them.
fn holds(word: &str, part: &str) -> bool {
    let (word, part) = (word.as_bytes(), part.as_bytes());
    let Some((&first, rest)) = part.split_first() else {
        return true;
    };
    let Some(last_start) = word.len().checked_sub(part.len()) else {
        return false;
    };
    (0..=last_start)
        .any(|at| word.get(at) == Some(&first) && word.get(at + 1..at + part.len()) == Some(rest))
}

/// One word of a query, ready to compare.
#[derive(Clone, Debug, PartialEq)]
struct QueryWord {
    surface: String,
    /// Letters as typed (before transliteration): decides prefix and infix matching.
    length: usize,
    stems: Vec<String>,
}

impl QueryWord {
    fn strong(&self) -> bool {
        self.length >= PREFIX_MIN
    }

    /// Does a word of the text with this surface match this query word as written (the
    /// surface is it, begins with it or, for a long one, holds it)?
    fn matches_surface(&self, surface: &str) -> bool {
        let own = self.surface.as_str();
        match self.length {
            // Checked against every surface of the index for each keystroke: `holds` sets up
            // nothing per surface and turns a shorter one down at once.
            n if n >= INFIX_MIN => holds(surface, own),
            n if n >= PREFIX_MIN => surface.starts_with(own),
            _ => surface == own,
        }
    }

    /// Could a word of the text whose surface begins with `first` share a stem with this one?
    /// A stem begins as its word's surface does, or with the wildcard where the alternating
    /// vowel is the word's first letter.
    fn may_share_stem(&self, first: Option<char>) -> bool {
        self.stems.iter().any(|stem| {
            let head = stem.chars().next();
            head == first || head == Some(WILDCARD)
        })
    }
}

/// Buffers a text's words are folded into one after another while they are matched.
#[derive(Default)]
struct Scratch {
    folded: String,
    surface: String,
}

/// What a reader typed, read into words (see the module's notes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    words: Vec<QueryWord>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let cut = text
            .char_indices()
            .nth(MAX_QUERY_CHARS)
            .map_or(text, |(at, _)| text.get(..at).unwrap_or(text));
        let mut folded = String::new();
        let mut query = Query::default();
        for (_, word) in words(cut) {
            fold_into(word, &mut folded);
            let surface = to_latin(&folded);
            if surface.is_empty() || query.words.iter().any(|known| known.surface == surface) {
                continue;
            }
            query.words.push(QueryWord {
                length: folded.chars().count(),
                stems: query_stems(&folded),
                surface,
            });
            if query.words.len() == MAX_QUERY_WORDS {
                break;
            }
        }
        query
    }

    /// No words to look for: the view shows the empty search page.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn has_strong_word(&self) -> bool {
        self.words.iter().any(QueryWord::strong)
    }

    /// Does this word of a text match any of the query's words? Called for every word a page
    /// of results shows (highlighting, snippets), at every keystroke: the word's stems, the
    /// costly part, are only worked out when its surface does not match and a stem could, and
    /// the word is folded into `scratch`'s buffers rather than new ones.
    fn matches(&self, word: &str, scratch: &mut Scratch) -> bool {
        fold_into(word, &mut scratch.folded);
        to_latin_into(&scratch.folded, &mut scratch.surface);
        let (folded, surface) = (&scratch.folded, &scratch.surface);
        let strong = self.has_strong_word();
        let compared = || {
            self.words
                .iter()
                .filter(move |query_word| !strong || query_word.strong())
        };
        if compared().any(|query_word| query_word.matches_surface(surface)) {
            return true;
        }
        let first = surface.chars().next();
        if !compared().any(|query_word| query_word.may_share_stem(first)) {
            return false;
        }
        let stems = text_stems(folded);
        compared().any(|query_word| stems.iter().any(|stem| query_word.stems.contains(stem)))
    }
}

/// `text` as escaped HTML with each matched word in `<mark>`: safe for `inner_html`.
pub fn highlight(text: &str, query: &Query) -> String {
    mark(text, query).0
}

/// A found item's excerpt for its card, as [`highlight`] marks it: `excerpt` where it shows a
/// match, else the part of the body (`body()`, asked only then; `None` where the body has no
/// match, [`Found::in_body`]) around the first match of at most about `max` characters, else
/// `excerpt` as it is. Each word of the excerpt is matched once: the words are matched again
/// for every keystroke, and matching was most of the wasm's share of one.
pub fn marked_excerpt(
    excerpt: &str,
    body: impl FnOnce() -> Option<String>,
    query: &Query,
    max: usize,
) -> String {
    let (marked, found) = mark(excerpt, query);
    if found {
        return marked;
    }
    match body().and_then(|body| snippet(&body, query, max)) {
        Some(snippet) => highlight(&snippet, query),
        None => marked,
    }
}

/// [`highlight`], and whether it marked anything.
fn mark(text: &str, query: &Query) -> (String, bool) {
    let mut out = String::with_capacity(text.len() + 32);
    let mut done = 0;
    let mut scratch = Scratch::default();
    for (at, word) in words(text) {
        if !query.matches(word, &mut scratch) {
            continue;
        }
        html::escape_into(text.get(done..at).unwrap_or_default(), &mut out);
        out.push_str("<mark>");
        html::escape_into(word, &mut out);
        out.push_str("</mark>");
        done = at + word.len();
    }
    html::escape_into(text.get(done..).unwrap_or_default(), &mut out);
    (out, done > 0)
}

/// Plain text of at most about `max` characters around the first matched word of `text`,
/// with «…» where it was cut; `None` when nothing in it matches.
fn snippet(text: &str, query: &Query, max: usize) -> Option<String> {
    let mut scratch = Scratch::default();
    let (at, _) = words(text).find(|(_, word)| query.matches(word, &mut scratch))?;
    // Start a few words before the match, at a word's beginning.
    let lead = text.get(..at).unwrap_or_default();
    let back: usize = lead.chars().rev().take(max / 4).map(char::len_utf8).sum();
    let mut start = at - back;
    if start > 0 {
        let window = text.get(start..at).unwrap_or_default();
        start += window
            .find(char::is_whitespace)
            .map_or(0, |space| space + 1);
    }
    let tail = text.get(start..).unwrap_or_default();
    let body = crate::feed::truncate_at_word(tail, max);
    Some(match start > 0 {
        true => format!("…{body}"),
        false => body,
    })
}

/// Calls `read` with the words of each piece of text of `article` the search reads, and its
/// field (HTML read with [`html_words`]).
fn read_fields(article: &Article, mut read: impl FnMut(u32, Words)) {
    read(TITLE, words(&article.title));
    if let Some(summary) = &article.summary {
        read(META, html_words(summary));
    }
    if let Some(category) = &article.category {
        read(META, words(&category.name));
    }
    for author in &article.authors {
        read(META, words(author));
    }
    match &article.body {
        Body::Html(body) => read(BODY, html_words(body)),
        Body::Text(body) => read(BODY, words(body)),
        Body::Empty => {}
    }
}

/// Every loaded item's words, for [`Index::search`].
#[derive(Debug, Default)]
pub struct Index {
    items: usize,
    /// Surface keys, by id. Unsorted: a query word is compared with every surface anyway, to
    /// find it inside compounds, and a sort would cost the wasm ~5 KB.
    surfaces: Vec<String>,
    /// For each surface, the folded words it is the surface of.
    surface_words: Vec<Vec<u32>>,
    /// Stem keys, by hash.
    stems: Ids,
    /// For each stem, the folded words it is a stem of.
    stem_words: Vec<Vec<u32>>,
    /// For each folded word, the items it occurs in: `item << 3 | fields`, items ascending.
    postings: Vec<Vec<u32>>,
}

/// FxHash (rustc's) of `word`, as `Hash for str` feeds a hasher (its bytes, then 0xff): the
/// words come from the publication, not an attacker's choice of collisions worth defending
/// against with SipHash, and hashing is a large part of the index's build.
#[inline(always)]
fn hash_of(word: &str) -> u64 {
    let add =
        |hash: u64, value: u64| (hash.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    let mut chunks = word.as_bytes().chunks_exact(8);
    let mut hash = 0;
    for chunk in &mut chunks {
        // A view of the chunk as an array, not a copy: one 8-byte load in the wasm, where
        // copying into an array was a call to `memcpy` at `opt-level = "z"`.
        if let Ok(chunk) = <&[u8; 8]>::try_from(chunk) {
            hash = add(hash, u64::from_le_bytes(*chunk));
        }
    }
    // The rest as one number: most words are one or two of these rounds in all.
    let rest = chunks.remainder();
    if !rest.is_empty() {
        hash = add(
            hash,
            rest.iter()
                .rev()
                .fold(0, |value, &byte| value << 8 | u64::from(byte)),
        );
    }
    add(hash, 0xff)
}

/// Ids of words and keys by their 64-bit hash, not by their text: comparing the texts was a
/// third of the build (natively, each a cache miss to the heap). Two of a publication's words
/// sharing a hash is as likely as 1 in 10^9 for 10^5 distinct words (and impossible up to 8
/// bytes: FxHash is then one-to-one); the one harm would be a word also finding the other's
/// items.
///
/// A table of its own rather than `HashMap`: the hashes are already mixed, so they are their
/// own positions (their upper half: FxHash mixes upwards), probed one slot after another, and
/// the table is at most three quarters full. `HashMap` probes in groups of eight slots, which
/// the wasm, without SIMD, does a byte at a time.
#[derive(Debug, Default)]
struct Ids {
    hashes: Vec<u64>,
    /// Beside each hash, its id plus one: 0 is an empty slot.
    ids: Vec<u32>,
    len: usize,
}

impl Ids {
    /// The slot of `hash`, or the empty slot where it would go (any slot of an empty table).
    #[inline(always)]
    fn slot(&self, hash: u64) -> usize {
        let mask = self.ids.len().wrapping_sub(1);
        let mut at = (hash >> 32) as usize & mask;
        while let Some(&id) = self.ids.get(at) {
            if id == 0 || self.hashes.get(at) == Some(&hash) {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    #[inline(always)]
    fn get(&self, hash: u64) -> Option<u32> {
        match self.ids.get(self.slot(hash)) {
            Some(&id) if id != 0 => Some(id - 1),
            _ => None,
        }
    }

    /// The id of `hash`; `new` if it had none, which it has from now on.
    fn get_or_insert(&mut self, hash: u64, new: u32) -> u32 {
        if (self.len + 1) * 4 > self.ids.len() * 3 {
            self.grow();
        }
        let at = self.slot(hash);
        match (self.ids.get_mut(at), self.hashes.get_mut(at)) {
            (Some(id), _) if *id != 0 => *id - 1,
            (Some(id), Some(slot)) => {
                *id = new + 1;
                *slot = hash;
                self.len += 1;
                new
            }
            _ => new,
        }
    }

    /// Twice the slots (64 at first), every entry put again.
    fn grow(&mut self) {
        let size = (self.ids.len() * 2).max(64);
        let old = std::mem::replace(
            self,
            Ids {
                hashes: vec![0; size],
                ids: vec![0; size],
                len: 0,
            },
        );
        for (hash, id) in old.hashes.into_iter().zip(old.ids) {
            if id != 0 {
                self.get_or_insert(hash, id - 1);
            }
        }
    }

    /// Bytes on the heap.
    fn memory(&self) -> usize {
        self.hashes.capacity() * 8 + self.ids.capacity() * 4
    }
}

/// The id of `key` in `ids`, a new one (with its empty list in `lists`) if it had none:
/// `(id, new)`.
fn intern(ids: &mut Ids, lists: &mut Vec<Vec<u32>>, key: &str) -> (u32, bool) {
    let next = lists.len() as u32;
    let id = ids.get_or_insert(hash_of(key), next);
    if id == next {
        lists.push(Vec::new());
    }
    (id, id == next)
}

/// Adds `value` to the list `id` of `lists`.
fn file(lists: &mut [Vec<u32>], id: u32, value: u32) {
    if let Some(list) = lists.get_mut(id as usize) {
        list.push(value);
    }
}

/// The id [`IndexBuilder::known`] gives a word of the text that folds to nothing: past the end
/// of every list, so such a word is read and left (and not `u32::MAX`: [`Ids`] keeps each id
/// plus one).
const FOLDS_TO_NOTHING: u32 = u32::MAX - 1;

/// A folded word's last posting before it has any: no item's ([`IndexBuilder::add`] stops
/// short of the item it would be).
const NOT_POSTED: u32 = u32::MAX;

/// An [`Index`] being built, item by item: the view reads the feed into it in slices while
/// the reader starts typing, so that the first query finds most of it done.
#[derive(Default)]
pub struct IndexBuilder {
    /// Items read.
    items: u32,
    /// Each distinct folded word, an index into `postings` and `last`.
    folded_ids: Ids,
    postings: Vec<Vec<u32>>,
    /// Each folded word's last posting, as in its list: a word met again in a field of the
    /// item it was last posted for costs one comparison in this small array, where reading
    /// the end of its list was a cache miss for most words (natively, a quarter of reading
    /// the words).
    last: Vec<u32>,
    surface_ids: Ids,
    surfaces: Vec<String>,
    surface_words: Vec<Vec<u32>>,
    stem_ids: Ids,
    stem_words: Vec<Vec<u32>>,
    /// Each distinct word as written, to its folded word's id (or [`FOLDS_TO_NOTHING`]): a
    /// known word is not folded again.
    known: Ids,
    folded: String,
}

impl IndexBuilder {
    /// Reads the next item (the feed's order, newest first); `false` when there is no room for
    /// it (four bytes a posting: room for 2^29 - 1 items, the last number being
    /// [`NOT_POSTED`]'s).
    fn add(&mut self, article: &Article) -> bool {
        let item = self.items;
        if item >= NOT_POSTED >> FIELD_BITS {
            return false;
        }
        read_fields(article, |field, text| self.read(item, field, text));
        self.items = item + 1;
        true
    }

    /// Reads the items of `articles` not read yet, in order, while `more()` says to go on
    /// (asked after each item); `true` once every item is read (or no more fit).
    pub fn read_from(&mut self, articles: &[Article], mut more: impl FnMut() -> bool) -> bool {
        while let Some(article) = articles.get(self.len()) {
            if !self.add(article) {
                return true;
            }
            if !more() {
                return self.len() == articles.len();
            }
        }
        true
    }

    /// Items read so far.
    fn len(&self) -> usize {
        self.items as usize
    }

    pub fn finish(self) -> Index {
        let IndexBuilder {
            items,
            mut postings,
            mut surfaces,
            mut surface_words,
            stem_ids,
            mut stem_words,
            ..
        } = self;
        surfaces.shrink_to_fit();
        for lists in [&mut postings, &mut surface_words, &mut stem_words] {
            lists.shrink_to_fit();
            for list in lists.iter_mut() {
                list.shrink_to_fit();
            }
        }
        Index {
            items: items as usize,
            surfaces,
            surface_words,
            stems: stem_ids,
            stem_words,
            postings,
        }
    }

    /// Reads the words of one of the item's fields. A word with character references in it
    /// is read decoded, as the words it is then (here again: the one place that posts).
    fn read(&mut self, item: u32, field: u32, mut text: Words) {
        while let Some((_, word)) = text.next() {
            match text.encoded {
                false => self.post(item, field, word),
                true => self.read(item, field, words(&html::decode_entities(word))),
            }
        }
    }

    /// Records that `word` occurs in the item's `field`.
    #[inline(always)]
    fn post(&mut self, item: u32, field: u32, word: &str) {
        let hash = hash_of(word);
        let folded = match self.known.get(hash) {
            Some(folded) => folded,
            None => self.learn(word, hash),
        };
        let Some(last) = self.last.get_mut(folded as usize) else {
            return;
        };
        if *last >> FIELD_BITS == item {
            if *last & field == 0 {
                // Fields of one item are read in turn: its posting is last in the list.
                *last |= field;
                let list = self.postings.get_mut(folded as usize);
                if let Some(end) = list.and_then(|list| list.last_mut()) {
                    *end = *last;
                }
            }
            return;
        }
        *last = item << FIELD_BITS | field;
        file(&mut self.postings, folded, *last);
    }

    /// Folds a word not seen before as written and, if its folded form is new too, records
    /// that under its keys: its folded word's id.
    fn learn(&mut self, word: &str, hash: u64) -> u32 {
        fold_into(word, &mut self.folded);
        let folded = match self.folded.is_empty() {
            true => FOLDS_TO_NOTHING,
            false => {
                let (id, new) = intern(&mut self.folded_ids, &mut self.postings, &self.folded);
                if new {
                    self.last.push(NOT_POSTED);
                    self.file_under_keys(id);
                }
                id
            }
        };
        self.known.get_or_insert(hash, folded);
        folded
    }

    /// Files the new folded word `id` (`self.folded`) under its surface and its stems: new, so
    /// in none of their lists yet (and a word's stems differ from one another).
    fn file_under_keys(&mut self, id: u32) {
        let surface = to_latin(&self.folded);
        let (surface_id, new) = intern(&mut self.surface_ids, &mut self.surface_words, &surface);
        if new {
            self.surfaces.push(surface);
        }
        file(&mut self.surface_words, surface_id, id);
        for stem in text_stems(&self.folded) {
            let (stem_id, _) = intern(&mut self.stem_ids, &mut self.stem_words, &stem);
            file(&mut self.stem_words, stem_id, id);
        }
    }
}

impl Index {
    /// Reads `articles` in the feed's order (newest first) at once.
    pub fn build(articles: &[Article]) -> Index {
        let mut builder = IndexBuilder::default();
        builder.read_from(articles, || true);
        builder.finish()
    }

    /// Items read.
    pub fn len(&self) -> usize {
        self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items == 0
    }

    /// Distinct keys (surfaces and stems).
    pub fn keys(&self) -> usize {
        self.surfaces.len() + self.stem_words.len()
    }

    /// About how many bytes the index holds on the heap (keys, postings, tables).
    pub fn memory(&self) -> usize {
        let word = std::mem::size_of::<usize>();
        let keys: usize = self.surfaces.iter().map(String::capacity).sum();
        let lists = [&self.surface_words, &self.stem_words, &self.postings];
        let listed: usize = lists
            .iter()
            .map(|lists| {
                lists.capacity() * 3 * word
                    + lists.iter().map(|list| list.capacity() * 4).sum::<usize>()
            })
            .sum();
        keys + self.surfaces.capacity() * 3 * word + self.stems.memory() + listed
    }

    /// The folded words `word` matches, by the keys it matches: the surfaces it is, begins (a
    /// strong word) or is inside (one of [`INFIX_MIN`] letters or more), and its stems. A
    /// folded word may come up to three times (under its surface and two stems).
    fn matching_words<'a>(&'a self, word: &'a QueryWord) -> impl Iterator<Item = u32> + 'a {
        let surfaces = self
            .surfaces
            .iter()
            .zip(&self.surface_words)
            .filter(|(key, _)| word.matches_surface(key))
            .map(|(_, words)| words);
        let stems = word.stems.iter().filter_map(|stem| {
            let id = self.stems.get(hash_of(stem))?;
            self.stem_words.get(id as usize)
        });
        surfaces.chain(stems).flatten().copied()
    }

    /// The items `query` finds, best first (see the module's notes).
    pub fn search(&self, query: &Query) -> Vec<Found> {
        if query.is_empty() || self.items == 0 {
            return Vec::new();
        }
        let strong = query.has_strong_word();
        let mut fields = vec![0u8; self.items];
        // Per item: query words matched in its title, in its summary, category or authors, in
        // its body, and strong query words matched anywhere.
        let mut scores = vec![[0u8; 4]; self.items];
        for word in &query.words {
            fields.fill(0);
            for id in self.matching_words(word) {
                for &posting in self.postings.get(id as usize).into_iter().flatten() {
                    if let Some(slot) = fields.get_mut((posting >> FIELD_BITS) as usize) {
                        *slot |= (posting & 7) as u8;
                    }
                }
            }
            for (score, &found) in scores.iter_mut().zip(&fields) {
                if found == 0 {
                    continue;
                }
                let [title, meta, body, strong_words] = score;
                *title += u8::from(found & TITLE as u8 != 0);
                *meta += u8::from(found & META as u8 != 0);
                *body += u8::from(found & BODY as u8 != 0);
                *strong_words += u8::from(word.strong());
            }
        }
        let found = scores.into_iter().enumerate().filter_map(|(item, score)| {
            let [title, meta, body, strong_words] = score.map(usize::from);
            let found = match strong {
                true => strong_words > 0,
                false => title + meta + body > 0,
            };
            let item = Found {
                position: item,
                in_body: body > 0,
            };
            found.then_some((item, (title * RANKS + meta) * RANKS + body))
        });
        best_first(found)
    }
}

/// An item a query finds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Found {
    /// Its position in the feed.
    pub position: usize,
    /// A query word is in its body: only then is the body worth reading for its card's excerpt.
    /// Reading every body on a page of results that matched in titles only, word by word for
    /// nothing, was most of the marking's time for such a query (natively, a page of results
    /// for «verbolozy» was marked in 0.53 ms with it, 0.22 ms without).
    pub in_body: bool,
}

/// Counts of matched words per field run from 0 to [`MAX_QUERY_WORDS`].
const RANKS: usize = MAX_QUERY_WORDS + 1;

/// The items of `(item, rank)`, highest rank first and, among equals, in the order given (the
/// feed's: newer first). A counting sort: ranks are few and small, and a comparison sort
/// would bring ~5 KB of sorting code into the wasm for this one list.
fn best_first(found: impl Iterator<Item = (Found, usize)>) -> Vec<Found> {
    let found: Vec<(Found, usize)> = found.collect();
    let mut starts = vec![0usize; RANKS * RANKS * RANKS + 1];
    for &(_, rank) in &found {
        if let Some(count) = starts.get_mut(rank) {
            *count += 1;
        }
    }
    // Where each rank's items begin, the highest rank first.
    let mut next = 0;
    for count in starts.iter_mut().rev() {
        let here = *count;
        *count = next;
        next += here;
    }
    let mut ordered = vec![Found::default(); found.len()];
    for (item, rank) in found {
        if let Some(start) = starts.get_mut(rank) {
            if let Some(slot) = ordered.get_mut(*start) {
                *slot = item;
            }
            *start += 1;
        }
    }
    ordered
}

#[cfg(test)]
mod tests;
