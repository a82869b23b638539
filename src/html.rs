//! Article HTML from the feed: a tolerant tokenizer, an allowlist sanitiser and plain-text
//! extraction.
//!
//! Why our own and not ammonia or DOMPurify: the sanitiser never passes input through. It
//! writes a fresh document from an allowlist of news elements, escapes every text node and
//! attribute value, and checks every URL, so whatever the tokenizer makes of hostile input, the
//! output contains only allowlisted markup. It runs natively (tested without a browser, usable
//! for build-time rendering), needs no JavaScript beside the wasm, and costs 7.3 KB of wasm,
//! 2.3 KB brotli (measured 2026-11-25 by building with this module stubbed out: 553,358 against
//! 546,022 bytes). ammonia would bring html5ever, a full HTML5 parser with its entity and tag
//! tables; DOMPurify would be a second script and could not run at build time.

use crate::embed::{embed_url, write_embed, Embeds};
use crate::links::resolve;
use std::borrow::Cow;

/// One piece of markup as the tokenizer reads it.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attributes: Vec<(String, String)>,
    },
    End {
        name: String,
    },
}

/// Elements whose content is never text for the reader: skipped whole.
const RAW_TEXT_ELEMENTS: [&str; 11] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
];

struct Tokenizer<'a> {
    rest: &'a str,
    /// Only the text is wanted: a tag is stepped over without its name and attributes being
    /// copied ([`markup_length`], for the search index's one pass over every body).
    text_only: bool,
}

fn is_raw_text(name: &str) -> bool {
    // The length first, though `eq_ignore_ascii_case` compares it too: that is a call at the
    // wasm's `opt-level = "z"`, made for every tag, and most names differ in length.
    RAW_TEXT_ELEMENTS
        .iter()
        .any(|raw| raw.len() == name.len() && raw.eq_ignore_ascii_case(name))
}

impl<'a> Tokenizer<'a> {
    fn new(html: &'a str) -> Self {
        Tokenizer {
            rest: html,
            text_only: false,
        }
    }

    fn skip_past(&mut self, marker: &str) {
        self.rest = match self.rest.find(marker) {
            Some(at) => self.rest.get(at + marker.len()..).unwrap_or_default(),
            None => "",
        };
    }

    /// Skips the content of a raw-text element up to and including its end tag (`name`
    /// lowercased): its name in any case, then a space, `/`, `>` or the end of the text, as
    /// browsers end the element (`</stylex>` does not end a `<style>`). Found where each `</`
    /// is, rather than by lowercasing the whole rest of the text for each such element: that
    /// made a body of many of them quadratic (16,000 `<style>` elements, 384 KB: 3.5 s
    /// natively, now milliseconds).
    fn skip_raw_text(&mut self, name: &str) {
        let mut from = 0;
        while let Some(found) = self.rest.get(from..).and_then(|rest| rest.find("</")) {
            let at = from + found;
            let bytes = self.rest.as_bytes();
            let named = bytes
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|after| after.eq_ignore_ascii_case(name.as_bytes()));
            let ended = matches!(
                bytes.get(at + 2 + name.len()),
                None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
            );
            if named && ended {
                self.rest = self.rest.get(at..).unwrap_or_default();
                self.skip_past(">");
                return;
            }
            from = at + 2;
        }
        self.rest = "";
    }

    fn read_tag(&mut self) -> Option<Token<'a>> {
        let after_lt = self.rest.get(1..).unwrap_or_default();
        match after_lt.as_bytes().first() {
            Some(b'!') if after_lt.starts_with("!--") => {
                self.skip_past("-->");
                return None;
            }
            Some(b'!' | b'?') => {
                self.skip_past(">");
                return None;
            }
            _ => {}
        }
        let (is_end, name_start) = match after_byte(after_lt, b'/') {
            Some(rest) => (true, rest),
            None => (false, after_lt),
        };
        // By bytes: a name is ASCII, and any other character's first byte ends it as the
        // character would (decoding each was a tenth of the tokenizer's time).
        let name_len = name_start
            .bytes()
            .position(|byte| !(byte.is_ascii_alphanumeric() || byte == b'-'))
            .unwrap_or(name_start.len());
        let name = name_start.get(..name_len).unwrap_or_default();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // Not a tag: `<` is just text ("a < b").
            let (text, rest) = self.rest.split_at(1);
            self.rest = rest;
            return Some(Token::Text(text));
        }
        let after_name = name_start.get(name_len..).unwrap_or_default();
        if self.text_only {
            self.rest = skip_attributes(after_name);
            if !is_end && is_raw_text(name) {
                self.skip_raw_text(&name.to_ascii_lowercase());
            }
            return None;
        }
        let name = name.to_ascii_lowercase();
        let (attributes, rest) = parse_attributes(after_name);
        self.rest = rest;
        if is_end {
            return Some(Token::End { name });
        }
        if is_raw_text(&name) {
            self.skip_raw_text(&name);
            // An iframe's attributes matter (it may be an allowed player); its content never.
            return (name == "iframe").then_some(Token::Start { name, attributes });
        }
        Some(Token::Start { name, attributes })
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        while !self.rest.is_empty() {
            if self.rest.as_bytes().first() == Some(&b'<') {
                if let Some(token) = self.read_tag() {
                    return Some(token);
                }
                continue;
            }
            let end = self.rest.find('<').unwrap_or(self.rest.len());
            let (text, rest) = self.rest.split_at(end);
            self.rest = rest;
            return Some(Token::Text(text));
        }
        None
    }
}

/// The input after the tag's `>`, as [`read_attributes`] finds it: where the tag has no quote
/// up to its first `>`, that `>` ends it (names and unquoted values end at `>`), found without
/// reading the attributes one by one (most of a news body's tags: `<p>`, `</p>`, `<em>`).
fn skip_attributes(input: &str) -> &str {
    let bytes = input.as_bytes();
    match bytes.iter().position(|&byte| byte == b'>') {
        Some(end)
            if !bytes
                .iter()
                .take(end)
                .any(|&byte| byte == b'"' || byte == b'\'') =>
        {
            input.get(end + 1..).unwrap_or_default()
        }
        _ => read_attributes(input, |_, _| {}),
    }
}

/// Reads `name="value" name='value' name=value name` up to the tag's `>`; returns the
/// attributes (names lowercased, values entity-decoded) and the input after the tag.
fn parse_attributes(input: &str) -> (Vec<(String, String)>, &str) {
    let mut attributes = Vec::new();
    let rest = read_attributes(input, |name, raw| {
        attributes.push((name.to_ascii_lowercase(), decode_entities(raw).into_owned()));
    });
    (attributes, rest)
}

/// Calls `each` with every attribute's name and raw value (empty when it has none) up to the
/// tag's `>`, and returns the input after the tag.
fn read_attributes<'a>(mut input: &'a str, mut each: impl FnMut(&'a str, &'a str)) -> &'a str {
    loop {
        input = input.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if input.is_empty() {
            return input;
        }
        if let Some(rest) = after_byte(input, b'>') {
            return rest;
        }
        let name_len = input
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(input.len())
            .max(1);
        let (name, rest) = input.split_at(floor_char_boundary(input, name_len));
        input = rest.trim_start();
        let mut value = "";
        if let Some(rest) = after_byte(input, b'=') {
            let rest = rest.trim_start();
            let (raw, after) = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = rest.get(1..).unwrap_or_default();
                    let end = body.find(quote).unwrap_or(body.len());
                    (
                        body.get(..end).unwrap_or_default(),
                        body.get(end + 1..).unwrap_or_default(),
                    )
                }
                _ => {
                    let end = rest
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(rest.len());
                    rest.split_at(end)
                }
            };
            value = raw;
            input = after;
        }
        each(name, value);
    }
}

/// `text` after its first byte when that is the ASCII `byte`. Not `str::strip_prefix`: at the
/// wasm's `opt-level = "z"` a character pattern is encoded and compared through `memcmp`, which
/// made a tenth of the tokenizer's time reading the search index's bodies (natively).
fn after_byte(text: &str, byte: u8) -> Option<&str> {
    match text.as_bytes().first() {
        Some(first) if *first == byte => text.get(1..),
        _ => None,
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index < text.len() && !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// Decodes character references: numeric ones (with or without the `;`, as browsers read
/// them) and the named ones news text uses.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let (before, from_amp) = rest.split_at(at);
        out.push_str(before);
        let reference = from_amp.get(1..).unwrap_or_default();
        match read_reference(reference) {
            Some((decoded, length)) => {
                out.push(decoded);
                rest = reference.get(length..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = reference;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Reads the reference after an `&`: the character and how many bytes it took.
pub fn read_reference(reference: &str) -> Option<(char, usize)> {
    let bytes = reference.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, prefix) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        // By bytes, the value summed as it is read: `u32::from_str_radix` and a search by
        // characters were ~0.4 KB of the wasm.
        let digit = |byte: &u8| char::from(*byte).to_digit(radix);
        let digits = bytes.get(prefix..).unwrap_or_default();
        let length = digits
            .iter()
            .take_while(|byte| digit(byte).is_some())
            .count();
        if length == 0 {
            return None;
        }
        let code = digits.iter().take(length).try_fold(0u32, |code, byte| {
            code.checked_mul(radix)?.checked_add(digit(byte)?)
        });
        let with_semicolon = usize::from(digits.get(length) == Some(&b';'));
        let decoded = code
            .and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some((decoded, prefix + length + with_semicolon));
    }
    let end = bytes.iter().take(33).position(|&byte| byte == b';')?;
    Some((named_reference(reference.get(..end)?)?, end + 1))
}

fn named_reference(name: &str) -> Option<char> {
    NAMED_REFERENCES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, c)| c)
}

/// The named references news text uses, with what they stand for. A table rather than a
/// `match`: its string comparisons were ~1 KB of the wasm's code, for references met a few
/// times a page.
const NAMED_REFERENCES: [(&str, char); 28] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("shy", '\u{ad}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("times", '×'),
    ("middot", '·'),
    ("bull", '•'),
    ("prime", '′'),
    ("numero", '№'),
];

/// How an allowed attribute's value is checked before it is written.
#[derive(Clone, Copy)]
enum AttributeKind {
    Text,
    Url,
    /// `srcset`: URLs, each with its width or density.
    UrlList,
    Number,
}

/// The elements an article may contain, mapped to what is written: `h1` becomes `h2` because
/// the view's own headline is the page's only `h1`. Everything else is dropped, its text kept.
fn allowed_element(name: &str) -> Option<&'static str> {
    const ALLOWED: [&str; 46] = [
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "q",
        "cite",
        "figure",
        "figcaption",
        "img",
        "a",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "small",
        "sub",
        "sup",
        "mark",
        "code",
        "pre",
        "abbr",
        "time",
        "span",
        "div",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "del",
    ];
    if name == "h1" {
        return Some("h2");
    }
    ALLOWED.iter().copied().find(|allowed| *allowed == name)
}

fn allowed_attribute(element: &str, name: &str) -> Option<AttributeKind> {
    use AttributeKind::{Number, Text, Url, UrlList};
    let kind = match (element, name) {
        (_, "lang" | "dir") => Text,
        ("a", "href") => Url,
        ("a" | "abbr" | "img", "title") => Text,
        ("img", "src") => Url,
        ("img", "srcset") => UrlList,
        ("img", "sizes") => Text,
        ("img", "alt") => Text,
        ("img", "width" | "height") => Number,
        ("blockquote" | "q" | "del", "cite") => Url,
        ("td" | "th", "colspan" | "rowspan") => Number,
        ("th", "scope") => Text,
        ("ol", "start") => Number,
        ("time", "datetime") => Text,
        _ => return None,
    };
    Some(kind)
}

fn is_void(element: &str) -> bool {
    matches!(element, "br" | "hr" | "img")
}

/// Accepts `http:`, `https:`, `mailto:` and relative URLs. Browsers ignore tabs, newlines and
/// leading control characters in a scheme (`jav&#x09;ascript:`), so those are removed before
/// the scheme is read.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end.map(|end| cleaned.split_at(end)) {
        Some((scheme, rest)) if rest.starts_with(':') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// `url` resolved against `base`, where there is one.
fn resolved(url: &str, base: Option<&str>) -> String {
    match base {
        Some(base) => resolve(base, url),
        None => url.trim().to_owned(),
    }
}

/// A `srcset` with each candidate's URL resolved, unsafe ones dropped; `None` if none is left.
fn url_list(srcset: &str, base: Option<&str>) -> Option<String> {
    let candidates: Vec<String> = srcset
        .split(',')
        .filter_map(|candidate| {
            let mut parts = candidate.split_whitespace();
            let url = resolved(parts.next()?, base);
            let descriptor: Vec<&str> = parts.collect();
            is_safe_url(&url).then(|| {
                [url]
                    .into_iter()
                    .chain(descriptor.iter().map(|d| d.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
        .collect();
    (!candidates.is_empty()).then(|| candidates.join(", "))
}

fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

/// Writes a clean copy of feed HTML: allowlisted elements and attributes only, every text and
/// value escaped, relative URLs resolved against `base` (the item's address, where the feed
/// is not the site's own), unsafe URLs dropped, external links given
/// `rel="noopener noreferrer"`, images lazy, iframes of allowed players written as `embeds`
/// says and all others dropped.
pub fn sanitize(html: &str, embeds: Embeds<'_>, base: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<&'static str> = Vec::new();
    for token in Tokenizer::new(html) {
        match token {
            Token::Text(text) => escape_into(&decode_entities(text), &mut out),
            Token::Start { name, attributes } if name == "iframe" => {
                let attribute = |wanted: &str| {
                    attributes
                        .iter()
                        .find(|(name, _)| name == wanted)
                        .map(|(_, value)| value.as_str())
                };
                if let Some(url) = attribute("src").and_then(embed_url) {
                    write_embed(
                        &url,
                        attribute("title").unwrap_or_default(),
                        embeds,
                        &mut out,
                    );
                }
            }
            Token::Start { name, attributes } => {
                if let Some(element) = allowed_element(&name) {
                    write_start_tag(element, &attributes, base, &mut out);
                    if !is_void(element) {
                        open.push(element);
                    }
                }
            }
            Token::End { name } => {
                let element = allowed_element(&name);
                if let Some(at) = open.iter().rposition(|open| Some(*open) == element) {
                    for element in open.drain(at..).rev() {
                        write_end_tag(element, &mut out);
                    }
                }
            }
        }
    }
    for element in open.into_iter().rev() {
        write_end_tag(element, &mut out);
    }
    out
}

fn write_start_tag(
    element: &str,
    attributes: &[(String, String)],
    base: Option<&str>,
    out: &mut String,
) {
    out.push('<');
    out.push_str(element);
    let mut external = false;
    for (name, value) in attributes {
        let Some(kind) = allowed_attribute(element, name) else {
            continue;
        };
        let value = match kind {
            AttributeKind::Text => Some(value.clone()),
            AttributeKind::Url => Some(resolved(value, base)).filter(|url| is_safe_url(url)),
            AttributeKind::UrlList => url_list(value, base),
            AttributeKind::Number => Some(value.clone())
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        };
        if let Some(value) = value {
            external |= name == "href" && is_external(&value);
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_into(&value, out);
            out.push('"');
        }
    }
    match element {
        "a" if external => {
            out.push_str(" rel=\"noopener noreferrer\"");
        }
        "img" => out.push_str(" loading=\"lazy\" decoding=\"async\""),
        _ => {}
    }
    out.push('>');
}

fn write_end_tag(element: &str, out: &mut String) {
    out.push_str("</");
    out.push_str(element);
    out.push('>');
}

/// [`escape_into`] a new string.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    escape_into(text, &mut escaped);
    escaped
}

/// Escapes text for HTML text or a double-quoted attribute value.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The inside of `<body>` when `html` is a whole document (`<!DOCTYPE html><html><head>…`),
/// as some generators write for each item; `None` for a fragment.
pub fn html_document_body(html: &str) -> Option<&str> {
    let opening: String = html.trim_start().chars().take(9).collect();
    let opening = opening.to_ascii_lowercase();
    if !opening.starts_with("<!doctype") && !opening.starts_with("<html") {
        return None;
    }
    // ASCII lowercasing keeps every byte where it was, so offsets carry over.
    let lower = html.to_ascii_lowercase();
    let content_start = match lower.find("<body") {
        Some(open) => open + lower.get(open..)?.find('>')? + 1,
        None => lower.find("</head>").map_or(0, |end| end + "</head>".len()),
    };
    let content_end = lower
        .rfind("</body>")
        .filter(|end| *end >= content_start)
        .unwrap_or(html.len());
    html.get(content_start..content_end)
}

/// The `src` of the first `<img>` whose `class` list holds `class`: WordPress marks each
/// picture it puts in a post with `wp-image-<attachment id>`.
pub fn image_with_class(html: &str, class: &str) -> Option<String> {
    if !html.contains(class) {
        return None;
    }
    Tokenizer::new(html).find_map(|token| match token {
        Token::Start { name, attributes } if name == "img" => {
            let marked = attributes
                .iter()
                .any(|(key, value)| key == "class" && value.split_whitespace().any(|c| c == class));
            let src = attributes.into_iter().find(|(key, _)| key == "src");
            src.filter(|_| marked).map(|(_, src)| src)
        }
        _ => None,
    })
}

/// The readable text of some HTML, whitespace collapsed, block boundaries kept as spaces.
pub fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    for token in Tokenizer::new(html) {
        match token {
            Token::Text(piece) => text.push_str(&decode_entities(piece)),
            // Tags separate words in `<p>one</p><p>two</p>`; inline tags add at most a space,
            // which the collapse below removes again.
            Token::Start { name, .. } | Token::End { name } if !is_inline(&name) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

fn is_inline(element: &str) -> bool {
    matches!(
        element,
        "a" | "abbr"
            | "b"
            | "cite"
            | "code"
            | "em"
            | "i"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "del"
    )
}

/// The length of the markup at the start of `html`, which begins with `<` (a tag with its
/// attributes, a comment or declaration, a raw-text element with its content), as the
/// tokenizer steps over it for its text; `None` when that `<` is text ("a < b").
pub fn markup_length(html: &str) -> Option<usize> {
    let mut tokens = Tokenizer {
        rest: html,
        text_only: true,
    };
    match tokens.read_tag() {
        Some(_) => None,
        None => Some(html.len() - tokens.rest.len()),
    }
}

/// Joins runs of whitespace into single spaces and trims the ends. No-break spaces are kept:
/// the publisher put them there to hold two words together.
pub fn collapse_whitespace(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The text pieces of `html` as the full tokenizer reads them, entities decoded: what
    /// the search index must find words in (src/search/tests.rs).
    pub(crate) fn text_pieces(html: &str) -> Vec<String> {
        Tokenizer::new(html)
            .filter_map(|token| match token {
                Token::Text(piece) => Some(decode_entities(piece).into_owned()),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn clean(html: &str) -> String {
        sanitize(
            html,
            Embeds::Placeholder {
                notice: "Вміст із",
                load: "Показати",
            },
            None,
        )
    }

    #[test]
    fn keeps_news_markup() {
        let html = "<h2>Заголовок</h2><p>Текст <em>із</em> <strong>наголосом</strong>.</p>\
                    <blockquote><p>Цитата</p></blockquote><ul><li>один</li><li>два</li></ul>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn drops_scripts_with_their_content() {
        assert_eq!(clean("<p>a<script>alert(1)</script>b</p>"), "<p>ab</p>");
        assert_eq!(clean("<SCRIPT src=x></SCRIPT >ok"), "ok");
        // The end tag is the element's own name, in any case, whole: not another's, nor a
        // prefix or a longer name.
        assert_eq!(clean("<style>a</st</b></StYlE>ok"), "ok");
        assert_eq!(clean("<style>a</stylex>b</style\n>ok"), "ok");
        assert_eq!(to_text(&"<style>a</style>x ".repeat(3)), "x x x");
        assert_eq!(clean("<script>never closed</scrip"), "");
        assert_eq!(
            clean("<style>p{}</style><iframe src=x>fallback</iframe>ok"),
            "ok"
        );
        assert_eq!(clean("<script>never closed"), "");
    }

    #[test]
    fn drops_event_handlers_and_unknown_attributes() {
        assert_eq!(
            clean("<p onclick=\"alert(1)\" style=\"color:red\" class=x>t</p>"),
            "<p>t</p>"
        );
        assert_eq!(
            clean("<img src=a.png onerror=alert(1) alt=\"A\">"),
            "<img src=\"a.png\" alt=\"A\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn drops_dangerous_urls() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "jav\nascript:alert(1)",
            "&#106;avascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
        ] {
            let clean = clean(&format!("<a href=\"{href}\">x</a>"));
            assert_eq!(clean, "<a>x</a>", "{href}");
        }
    }

    #[test]
    fn keeps_safe_urls_and_marks_external_links() {
        assert_eq!(
            clean("<a href=\"https://example.com/a?b=1&amp;c=2\">x</a>"),
            "<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">x</a>"
        );
        assert_eq!(
            clean("<a href=\"/article/x\">x</a>"),
            "<a href=\"/article/x\">x</a>"
        );
        assert_eq!(
            clean("<a href=\"mailto:a@b.c\">x</a>"),
            "<a href=\"mailto:a@b.c\">x</a>"
        );
        assert_eq!(clean("<a href=\"page:2\">x</a>"), "<a>x</a>");
        assert_eq!(
            clean("<a href=\"#part-2\">x</a>"),
            "<a href=\"#part-2\">x</a>"
        );
    }

    #[test]
    fn unknown_elements_leave_their_text() {
        assert_eq!(clean("<font color=red>червоний</font>"), "червоний");
        assert_eq!(clean("<svg><a>x</a></svg>"), "<a>x</a>");
    }

    #[test]
    fn headline_level_one_becomes_two() {
        assert_eq!(clean("<h1>Великий</h1>"), "<h2>Великий</h2>");
    }

    #[test]
    fn closes_what_the_input_left_open_and_ignores_stray_end_tags() {
        assert_eq!(clean("<p><em>a</p>b</em>"), "<p><em>a</em></p>b");
        assert_eq!(clean("</div>x<ul><li>y"), "x<ul><li>y</li></ul>");
    }

    #[test]
    fn text_is_escaped_so_no_markup_can_appear_from_it() {
        assert_eq!(clean("a &lt;script&gt; b"), "a &lt;script&gt; b");
        assert_eq!(clean("1 < 2 > 0"), "1 &lt; 2 &gt; 0");
        assert_eq!(
            clean("<img alt='\"><script>alert(1)</script>' src=a>"),
            "<img alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" src=\"a\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn comments_and_doctypes_vanish() {
        assert_eq!(
            clean("a<!-- <script>x</script> -->b<!DOCTYPE html><?php x ?>c"),
            "abc"
        );
    }

    #[test]
    fn numbers_must_be_digits() {
        assert_eq!(
            clean("<img src=a width=100 height=\"50px\">"),
            "<img src=\"a\" width=\"100\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(
            decode_entities("&laquo;Так&raquo; &#8212; &#x2014;"),
            "«Так» — —"
        );
        assert_eq!(
            decode_entities("&unknown; & &#xZZ; &#;"),
            "&unknown; & &#xZZ; &#;"
        );
        assert_eq!(
            decode_entities("&#0;&#x110000;&#99999999999;"),
            "\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            decode_entities("&#xA0javascript &#106x"),
            "\u{a0}javascript jx"
        );
        assert_eq!(decode_entities("no entities"), "no entities");
    }

    #[test]
    fn plain_text_of_html() {
        assert_eq!(
            to_text("<p>Перший&nbsp;абзац.</p><p>Другий <em>абзац</em>.</p><script>x</script>"),
            "Перший\u{a0}абзац. Другий абзац."
        );
        assert_eq!(to_text("  a\n\n  b  "), "a b");
    }

    /// The payloads of the XSS corpus in tests/fixtures.
    pub(crate) fn xss_payloads() -> Vec<String> {
        let corpus = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/xss/dompurify-payloads.json"
        ))
        .expect("the XSS corpus is in tests/fixtures");
        let payloads: Vec<serde_json::Value> = serde_json::from_str(&corpus).expect("valid JSON");
        payloads
            .iter()
            .map(|entry| entry["payload"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn every_xss_corpus_payload_comes_out_inert() {
        let payloads = xss_payloads();
        assert!(payloads.len() > 200);
        for payload in &payloads {
            let clean = clean(payload);
            // Read the output back: only allowlisted names, and only safe URLs, may be in it.
            for token in Tokenizer::new(&clean) {
                let Token::Start { name, attributes } = token else {
                    continue;
                };
                assert!(allowed_element(&name).is_some(), "<{name}> from {payload}");
                for (attribute, value) in attributes {
                    let kind = allowed_attribute(&name, &attribute);
                    assert!(
                        kind.is_some()
                            || matches!(attribute.as_str(), "rel" | "loading" | "decoding"),
                        "{attribute} from {payload}"
                    );
                    if matches!(kind, Some(AttributeKind::Url)) {
                        assert!(is_safe_url(&value), "{value} from {payload}");
                    }
                }
            }
        }
    }

    /// Where a tag's attributes end, found without reading them where no quote comes first:
    /// the same place as reading them, from every position of every XSS corpus payload.
    #[test]
    fn skipping_attributes_ends_where_reading_them_does() {
        for payload in xss_payloads() {
            let starts = (0..payload.len()).filter(|&at| payload.is_char_boundary(at));
            for input in starts.filter_map(|at| payload.get(at..)) {
                let read = read_attributes(input, |_, _| {});
                assert_eq!(skip_attributes(input).len(), read.len(), "{input}");
            }
        }
    }

    #[test]
    fn iframes_become_players_or_placeholders_and_others_vanish() {
        let html = "<p>a</p><iframe src=\"https://www.youtube.com/embed/abc\" title=\"Відео\" onload=\"x()\">inner</iframe><p>b</p>";
        let placeholder = clean(html);
        assert!(
            placeholder.contains("embed-placeholder") && !placeholder.contains("<iframe"),
            "{placeholder}"
        );
        assert!(!placeholder.contains("inner") && !placeholder.contains("onload"));
        let player = sanitize(html, Embeds::Load, None);
        assert!(
            player.contains(
                "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" title=\"Відео\""
            ),
            "{player}"
        );
        assert_eq!(
            clean("<iframe src=\"https://evil.example/x\"></iframe>ok"),
            "ok"
        );
        assert_eq!(
            sanitize(
                "<iframe src=\"javascript:alert(1)\"></iframe>ok",
                Embeds::Load,
                None
            ),
            "ok"
        );
    }

    #[test]
    fn url_schemes() {
        for safe in [
            "https://a.b/c",
            "http://a",
            "mailto:x@y.z",
            "/p",
            "p/q:r",
            "?q=1:2",
            "#x",
            "//cdn.example/a.png",
            "",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:x",
            "\u{a0}javascript:x",
            "\u{200b}javascript:x",
            "data:x",
            "file:///etc",
            "blob:x",
            "java\tscript:x",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url}");
        }
    }
}
