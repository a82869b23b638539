use super::*;
use crate::feed::{Article, Body, Category};

fn item(title: &str, summary: &str, body: &str) -> Article {
    Article {
        id: title.to_owned(),
        slug: String::new(),
        readable_slug: String::new(),
        url: None,
        title: title.to_owned(),
        untitled: false,
        body: match body {
            "" => Body::Empty,
            body => Body::Html(format!("<p>{body}</p>")),
        },
        summary: (!summary.is_empty()).then(|| summary.to_owned()),
        image: None,
        published: None,
        modified: None,
        authors: Vec::new(),
        category: None,
        language: None,
        lang: None,
        base: None,
        attachments: Vec::new(),
    }
}

/// The demo publication's items (public/feed.json).
fn demo_items() -> Vec<Article> {
    crate::feed::parse_json_feed(
        include_str!("../../public/feed.json"),
        &crate::feed::test_options(),
    )
    .expect("the demo feed parses")
    .articles
}

/// Titles of what `query` finds in `items`, best first.
fn found(items: &[Article], query: &str) -> Vec<String> {
    let index = Index::build(items);
    index
        .search(&Query::parse(query))
        .into_iter()
        .filter_map(|found| items.get(found.position))
        .map(|article| article.title.clone())
        .collect()
}

fn finds(text: &str, query: &str) -> bool {
    !found(&[item(text, "", "")], query).is_empty()
}

#[test]
fn words_keep_apostrophes_and_split_at_every_dash() {
    let split: Vec<&str> = words("Пам’ять — «Івано‑Франківськ», it's 2024!")
        .map(|(_, w)| w)
        .collect();
    assert_eq!(split, ["Пам’ять", "Івано", "Франківськ", "it's", "2024"]);
    let offsets: Vec<usize> = words("a bc").map(|(at, _)| at).collect();
    assert_eq!(offsets, [0, 2]);
    assert_eq!(words("'quoted' -").count(), 1);
}

/// The words the index reads from HTML in one pass, references decoded as [`IndexBuilder`]
/// decodes them.
fn words_read_from_html(html: &str) -> Vec<String> {
    let mut read = Vec::new();
    let mut text = html_words(html);
    while let Some((_, word)) = text.next() {
        match text.encoded {
            false => read.push(word.to_owned()),
            true => read.extend(
                words(&crate::html::decode_entities(word)).map(|(_, word)| word.to_owned()),
            ),
        }
    }
    read
}

/// The words of the full tokenizer's text pieces, entities decoded: what the one pass must
/// read.
fn words_of_text_pieces(html: &str) -> Vec<String> {
    let pieces = crate::html::tests::text_pieces(html);
    let words_of = |piece: &String| {
        words(piece)
            .map(|(_, word)| word.to_owned())
            .collect::<Vec<_>>()
    };
    pieces.iter().flat_map(words_of).collect()
}

#[test]
fn html_is_read_in_one_pass_as_the_tokenizer_reads_its_text() {
    let cases = [
        ("пам&rsquo;ять і don&#8217;t", vec!["пам’ять", "і", "don’t"]),
        (
            "Ки<b>їв</b> AT&amp;T a&nbsp;b",
            vec!["Ки", "їв", "AT", "T", "a", "b"],
        ),
        (
            "&#1050;иїв x'&#39;y '&#1082; a'&#1082;",
            vec!["Київ", "x", "y", "к", "a'к"],
        ),
        (
            "a&#39;<b>c</b> 5 < 6 a<1b",
            vec!["a", "c", "5", "6", "a", "1b"],
        ),
        (
            "<!-- x -->y<script>z</script>w <style>s</style>",
            vec!["y", "w"],
        ),
        ("& &; &#; &#x41;BC &#x2019;", vec!["ABC"]),
        ("a<b", vec!["a"]),
    ];
    for (html, expected) in cases {
        assert_eq!(words_read_from_html(html), expected, "{html}");
        assert_eq!(
            words_read_from_html(html),
            words_of_text_pieces(html),
            "{html}"
        );
    }
    for payload in crate::html::tests::xss_payloads() {
        for html in [payload.clone(), crate::html::tests::clean(&payload)] {
            assert_eq!(
                words_read_from_html(&html),
                words_of_text_pieces(&html),
                "{html}"
            );
        }
    }
}

/// Every string of every real feed in tests/fixtures/feeds (bodies, summaries, titles as
/// publishers write them, WordPress's `&#8217;` included).
#[test]
fn real_feeds_html_is_read_in_one_pass_as_the_tokenizer_reads_its_text() {
    fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => out.push(text.clone()),
            serde_json::Value::Array(values) => values.iter().for_each(|value| strings(value, out)),
            serde_json::Value::Object(map) => map.values().for_each(|value| strings(value, out)),
            _ => {}
        }
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds");
    let mut texts = Vec::new();
    for folder in ["jsonfeed", "wordpress"] {
        let entries = std::fs::read_dir(format!("{root}/{folder}")).expect("the feed corpus");
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).expect("readable");
            if let Ok(document) = serde_json::from_str(text.trim_start_matches('\u{feff}')) {
                strings(&document, &mut texts);
            }
        }
    }
    let marked_up = texts
        .iter()
        .filter(|text| text.contains('<') || text.contains('&'));
    let mut read = 0;
    for html in marked_up {
        assert_eq!(
            words_read_from_html(html),
            words_of_text_pieces(html),
            "{html}"
        );
        read += 1;
    }
    assert!(read > 1000, "only {read} strings with markup in the corpus");
}

#[test]
fn case_is_ignored_in_latin_and_cyrillic_including_ukrainian_letters() {
    assert!(finds(
        "ҐАНОК ЄВРОПА ІРПІНЬ ЇЖАК",
        "ґанок європа ірпінь їжак"
    ));
    assert!(finds("ґанок європа", "ҐАНОК ЄВРОПА"));
    assert!(finds("Budapest", "BUDAPEST"));
}

#[test]
fn the_apostrophes_are_one() {
    for text in ["пам'ять", "пам’ять", "памʼять", "пам`ять"] {
        for query in ["пам'ять", "пам’ять", "памʼять", "память"] {
            assert!(finds(text, query), "{text} / {query}");
        }
    }
}

#[test]
fn the_hyphens_are_one() {
    for text in ["Івано-Франківськ", "Івано‑Франківськ", "Івано–Франківськ"]
    {
        assert!(finds(text, "Івано-Франківськ"), "{text}");
        assert!(finds(text, "Івано‐Франківськ"), "{text}");
    }
}

#[test]
fn decomposed_letters_are_composed() {
    assert!(finds("Київ", "Киі\u{308}в"));
    assert!(finds("Йосип", "И\u{306}осип"));
}

#[test]
fn word_beginnings_of_three_letters_match() {
    assert!(finds("Будапешт", "буда"));
    assert!(finds("Будапешт", "Буд"));
    assert!(!finds("Будапешт", "бу"));
    assert!(
        !finds("Будапешт", "пешт"),
        "four letters do not match inside words"
    );
}

#[test]
fn latin_matches_cyrillic_and_back_by_kmu_2010() {
    assert!(finds("Київ", "kyiv"));
    assert!(finds("Kyiv", "Київ"));
    assert!(finds("Укрзалізниця", "zaliznytsia"));
    assert!(finds("Укрзалізниця", "ukrzal"));
    assert!(finds("Щастя", "shchastia"));
    assert!(finds("Zhytomyr", "Житомир"));
}

#[test]
fn ukrainian_endings_and_the_vowel_alternation() {
    assert!(finds("Київ", "Києва"));
    assert!(finds("Києва", "Київ"));
    assert!(finds("Львів", "Львова"));
    assert!(finds("у Львові", "Львів"));
    assert!(finds("ніч", "ночі"));
    assert!(finds("ночі", "ніч"));
    assert!(finds("поїзд", "поїзди"));
    assert!(finds("поїздів", "поїзд"));
    assert!(finds("поїздами", "поїзди"));
    assert!(finds("Харків", "Харкова"));
    assert!(finds("нова школа", "нової школи"));
}

#[test]
fn latin_queries_are_also_read_as_ukrainian() {
    assert!(finds("Київ", "kyieva"));
    assert!(finds("Львів", "lvova"));
    assert!(finds("ніч", "nochi"));
}

#[test]
fn english_endings() {
    assert!(finds("A train", "trains"));
    assert!(finds("Trains", "train"));
    assert!(finds("Cities", "city"));
    assert!(finds("Making", "make"));
    assert!(finds("Opened", "open"));
    assert!(finds("Boxes", "box"));
}

#[test]
fn known_misses() {
    assert!(!finds("Київ", "kiev"), "only KMU 2010");
    assert!(!finds("Одеса", "odessa"), "only KMU 2010");
    assert!(!finds("друг", "друзі"), "consonant alternation");
    assert!(!finds("день", "дня"), "dropped vowel");
    assert!(!finds("ran", "run"), "irregular English");
    // Collisions the wildcard makes: a false match, knowingly.
    assert!(finds("ліс", "лос"));
}

#[test]
fn ranking_title_then_summary_then_body_then_newer() {
    let items = [
        item("Новини", "", "Погода у Києві"),
        item("Погода", "", ""),
        item("Інше", "Погода на вихідні", ""),
        item("Погода завтра", "", ""),
    ];
    assert_eq!(
        found(&items, "погода"),
        ["Погода", "Погода завтра", "Інше", "Новини"]
    );
}

#[test]
fn ranking_more_matched_words_first_at_each_field() {
    let items = [
        item("Погода", "", ""),
        item("Новини", "", "Погода у Києві"),
        item("Київ", "", ""),
        item("Погода в Києві", "", ""),
        item("Інше", "Погода і Київ", ""),
        item("Ще", "Погода", "Київ"),
    ];
    assert_eq!(
        found(&items, "погода київ"),
        ["Погода в Києві", "Погода", "Київ", "Інше", "Ще", "Новини"]
    );
}

#[test]
fn categories_and_authors_are_searched() {
    let mut article = item("Заголовок", "", "");
    article.category = Category::new("Спорт");
    article.authors = vec!["Олена Петренко".to_owned()];
    let items = [article];
    assert_eq!(found(&items, "спорт").len(), 1);
    assert_eq!(found(&items, "petrenko").len(), 1);
}

#[test]
fn short_words_only_count_beside_longer_ones() {
    let items = [item("Новини до вечора", "", ""), item("Погода", "", "")];
    assert_eq!(found(&items, "до погода"), ["Погода"]);
    assert_eq!(found(&items, "до"), ["Новини до вечора"]);
}

#[test]
fn bad_input_never_panics_and_finds_sensibly() {
    let items = [
        item("Київ <b>", "a.*b", "🦀 Rust"),
        item("שלום עולם", "", "مرحبا"),
    ];
    for query in [
        "",
        "   \t\n",
        "!!! ... ???",
        "<script>alert(1)</script>",
        ".* [a-z]+ (x|y) \\d $ ^",
        "🦀🦀🦀",
        "\u{202e}Київ",
        "\u{0}",
    ] {
        let _ = found(&items, query);
        let _ = highlight("Київ <b> & \"x\"", &Query::parse(query));
    }
    assert!(Query::parse("").is_empty());
    assert!(Query::parse("   ").is_empty());
    assert!(Query::parse("!!! ...").is_empty());
    assert!(Query::parse("🦀").is_empty());
    assert_eq!(found(&items, "שלום"), ["שלום עולם"]);
    assert_eq!(found(&items, "rust"), ["Київ <b>"]);
    let long = "київ ".repeat(2000) + &"ж".repeat(10_000);
    assert_eq!(found(&items, &long), ["Київ <b>"]);
    let long_words: String = (0..50).map(|n| format!("слово{n} ")).collect();
    assert_eq!(Query::parse(&long_words).words.len(), MAX_QUERY_WORDS);
    // A word of combining marks only folds to nothing: read and left, the rest still found.
    let marks = [item("Марки", "", "\u{301}\u{300} Вербове \u{301}")];
    assert_eq!(found(&marks, "вербове"), ["Марки"]);
}

/// Highlighting decides word by word, skipping a word's stems where they cannot match: it must
/// mark exactly the words the index finds, wildcard-first stems («ось», «есь») included.
#[test]
fn highlighting_marks_what_the_index_finds() {
    let words = [
        "Київ",
        "Києва",
        "Kyiv",
        "Будапешт",
        "Укрзалізниця",
        "Львова",
        "ночі",
        "поїзди",
        "trains",
        "making",
        "есь",
        "ось",
        "вісь",
        "ліс",
        "лос",
        "Харкові",
        "пам’ять",
        "осінь",
        "осені",
    ];
    let queries = [
        "київ",
        "kyieva",
        "буда",
        "zaliznytsia",
        "львів",
        "ніч",
        "поїзд",
        "train",
        "make",
        "ось",
        "лес",
        "харків",
        "памʼять",
        "осінь",
        "ki",
        "л",
    ];
    for query in queries {
        let parsed = Query::parse(query);
        for word in words {
            assert_eq!(
                parsed.matches(word, &mut Scratch::default()),
                finds(word, query),
                "{word} for {query}"
            );
        }
    }
}

#[test]
fn highlighting_escapes_and_marks_whole_words() {
    let query = Query::parse("києва <b>");
    assert_eq!(
        highlight("У Києві & <b>Київ</b>", &query),
        "У <mark>Києві</mark> &amp; &lt;<mark>b</mark>&gt;<mark>Київ</mark>&lt;/<mark>b</mark>&gt;"
            .replace("&lt;<mark>b</mark>&gt;", "&lt;b&gt;")
            .replace("&lt;/<mark>b</mark>&gt;", "&lt;/b&gt;")
    );
    assert_eq!(
        highlight("Пам’ять і памʼятник", &Query::parse("пам'ять")),
        "<mark>Пам’ять</mark> і <mark>памʼятник</mark>"
    );
    assert_eq!(
        highlight("<img onerror=x>", &Query::parse("img")),
        "&lt;<mark>img</mark> onerror=x&gt;"
    );
}

#[test]
fn snippets_start_near_the_match() {
    let text = format!(
        "{} Будапешт {}",
        "слово ".repeat(100),
        "кінець ".repeat(100)
    );
    let snippet = snippet(&text, &Query::parse("буда"), 120).expect("a match");
    assert!(snippet.starts_with('…'), "{snippet}");
    assert!(snippet.contains("Будапешт"), "{snippet}");
    assert!(snippet.chars().count() <= 125, "{snippet}");
    assert_eq!(snippet_of("Будапешт", "буда"), Some("Будапешт".to_owned()));
    assert_eq!(snippet_of("Будапешт", "київ"), None);
}

fn snippet_of(text: &str, query: &str) -> Option<String> {
    snippet(text, &Query::parse(query), 100)
}

#[test]
fn a_find_says_whether_its_body_matched() {
    let items = [
        item("Міст через Тиху", "Відкриють до зими", "Роботи тривають."),
        item("Ярмарок", "У суботу", "Через міст піде рух."),
    ];
    let index = Index::build(&items);
    let found = index.search(&Query::parse("міст"));
    let in_body: Vec<(usize, bool)> = found.iter().map(|f| (f.position, f.in_body)).collect();
    // The title's match ranks first; only the second has the word in its body, which its
    // card's excerpt is then read from.
    assert_eq!(in_body, [(0, false), (1, true)]);
}

#[test]
fn a_cards_excerpt_shows_a_match_where_there_is_one() {
    let query = Query::parse("будапешт");
    let body_read = std::cell::Cell::new(false);
    let body = |text: &str| {
        body_read.set(true);
        Some(text.to_owned())
    };
    // The excerpt matches: marked, and the body is not read.
    assert_eq!(
        marked_excerpt("Потяг до Будапешта & назад", || body("—"), &query, 100),
        "Потяг до <mark>Будапешта</mark> &amp; назад"
    );
    assert!(!body_read.get());
    // It does not: the part of the body around the match, marked.
    let long_body = format!("{} Будапешт <вокзал>", "слово ".repeat(100));
    let shown = marked_excerpt("Про поїзди", || body(&long_body), &query, 100);
    assert!(body_read.get());
    assert!(shown.starts_with('…'), "{shown}");
    assert!(
        shown.ends_with("<mark>Будапешт</mark> &lt;вокзал&gt;"),
        "{shown}"
    );
    // Neither does: the excerpt as it is, escaped.
    assert_eq!(
        marked_excerpt("Про <поїзди>", || body("Львів"), &query, 100),
        "Про &lt;поїзди&gt;"
    );
    // The body had no match (`Found::in_body`): the excerpt as it is.
    assert_eq!(
        marked_excerpt("Про поїзди", || None, &query, 100),
        "Про поїзди"
    );
}

#[test]
fn a_word_holds_a_part_of_it() {
    for (word, part, held) in [
        ("ukrzaliznytsia", "zaliznytsia", true),
        ("ukrzaliznytsia", "ukrz", true),
        ("ukrzaliznytsia", "tsia", true),
        ("ukrzaliznytsia", "ziz", false),
        ("zal", "zaliznytsia", false),
        ("", "a", false),
        ("abc", "", true),
        ("aaab", "aab", true),
        ("будапешт", "пешт", true),
        ("будапешт", "\u{43f}", true),
    ] {
        assert_eq!(holds(word, part), held, "{word} {part}");
        assert_eq!(held, word.contains(part), "the test's own {word} {part}");
    }
}

/// The index's own hash table: every id found again after growing from empty to 100,000
/// entries, none for a hash never put in, and colliding positions probed past.
#[test]
fn ids_keep_every_entry_through_growth() {
    let mut ids = Ids::default();
    assert_eq!(ids.get(hash_of("київ")), None);
    let words: Vec<String> = (0..100_000).map(|n| format!("слово{n}")).collect();
    for (id, word) in words.iter().enumerate() {
        assert_eq!(ids.get_or_insert(hash_of(word), id as u32), id as u32);
    }
    for (id, word) in words.iter().enumerate() {
        assert_eq!(ids.get(hash_of(word)), Some(id as u32), "{word}");
        assert_eq!(ids.get_or_insert(hash_of(word), u32::MAX), id as u32);
    }
    assert_eq!(ids.get(hash_of("київ")), None);
    // Hashes with the same upper half share a first slot: each is found past the other.
    let mut crowded = Ids::default();
    for low in 0..50u64 {
        crowded.get_or_insert(7 << 32 | low, low as u32);
    }
    assert!((0..50u64).all(|low| crowded.get(7 << 32 | low) == Some(low as u32)));
    assert_eq!(crowded.get(7 << 32 | 99), None);
}

/// The view reads the index in slices while the reader types: the same index as at once.
#[test]
fn an_index_read_in_slices_is_the_index_read_at_once() {
    let demo = demo_items();
    let items = &demo;
    let mut builder = IndexBuilder::default();
    let mut slices = 0;
    loop {
        slices += 1;
        let mut left_in_slice = 3;
        let done = builder.read_from(items, || {
            left_in_slice -= 1;
            left_in_slice > 0
        });
        if done {
            break;
        }
    }
    assert_eq!(slices, items.len().div_ceil(3));
    let sliced = builder.finish();
    let whole = Index::build(items);
    assert_eq!((sliced.len(), sliced.keys()), (whole.len(), whole.keys()));
    for query in [
        "київ",
        "verbolozy",
        "пам'ять",
        "поїзди львів",
        "bicycle",
        "a",
    ] {
        let query = Query::parse(query);
        assert_eq!(sliced.search(&query), whole.search(&query));
    }
}

/// The benchmark's feed (bench/make-feed.mjs): the demo's 33 items over and over, 10,000 in
/// all. Prints what bench/run.sh reports of the index: its build time here (native, at the
/// `prerender` profile bench/run.sh runs it with) and its memory.
#[test]
fn ten_thousand_items_build_and_search() {
    let demo = demo_items();
    let items: Vec<Article> = demo.iter().cycle().take(10_000).cloned().collect();
    let started = std::time::Instant::now();
    let index = Index::build(&items);
    let built = started.elapsed();
    assert_eq!(index.len(), 10_000);
    let every_demo_item = 10_000 / demo.len();
    for (query, at_least) in [
        ("verbolozy", 3 * every_demo_item),
        ("тихій", 2 * every_demo_item),
        ("пам'ять", every_demo_item),
        ("bicycle", every_demo_item),
    ] {
        let found = index.search(&Query::parse(query)).len();
        assert!(found >= at_least, "{query}: {found}");
    }
    eprintln!(
        "search index of 10,000 demo items: built in {built:?}, {} keys, {} KB",
        index.keys(),
        index.memory() / 1024
    );
}
