use super::*;
use crate::feed::parse_json_feed;
use crate::i18n::Lang;
use crate::routes::{
    article_path, category_path, embed_path, listing_path, search_path, site_paths, BASE,
};

const DEMO_FEED: &str = include_str!("../../public/feed.json");
const DEMO_CONFIG: &str = include_str!("../../public/config.json");

fn demo() -> (Arc<SiteConfig>, Arc<Feed>) {
    let config = SiteConfig::parse(DEMO_CONFIG).expect("the demo config parses");
    let feed =
        parse_json_feed(DEMO_FEED, &crate::feed::test_options()).expect("the demo feed parses");
    (Arc::new(config), Arc::new(feed))
}

/// A build two days after the demo's newest article.
fn build_time() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2024-11-25T12:00:00+02:00").expect("a date")
}

fn title(page: &RenderedPage) -> &str {
    &page.meta.as_ref().expect("the view gave its meta").title
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// What every complete page holds, and what none may.
fn assert_complete(page: &RenderedPage) {
    for part in [
        "class=\"site-header\"",
        "class=\"sections\"",
        "id=\"main\"",
        "class=\"site-footer\"",
    ] {
        assert!(page.body.contains(part), "{part} missing");
    }
    for absent in ["skeleton", "aria-busy", "consent-banner"] {
        assert!(!page.body.contains(absent), "{absent} present");
    }
}

#[test]
fn every_view_of_the_feed_is_a_path() {
    let (config, feed) = demo();
    let paths: Vec<String> = site_paths(&feed, config.page_size).collect();
    let listing_pages = feed.articles.len().div_ceil(config.page_size);
    assert_eq!(listing_pages, 2, "the demo feed fills two pages");
    assert_eq!(paths.first(), Some(&listing_path(1)));
    assert!(paths.contains(&listing_path(2)));
    assert!(!paths.contains(&listing_path(3)));
    for article in &feed.articles {
        assert!(
            paths.contains(&article_path(&article.slug)),
            "{}",
            article.slug
        );
    }
    for category in &feed.categories {
        assert!(paths.contains(&category_path(&category.slug, 1)));
    }
    assert!(paths.contains(&embed_path()));
    assert!(paths.contains(&search_path("", 1)));
    let category_pages = feed.categories.len(); // every demo category fits one page
    assert_eq!(
        paths.len(),
        listing_pages + feed.articles.len() + category_pages + 2
    );
    let mut unique = paths.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), paths.len(), "no path twice");
}

#[test]
fn a_category_with_more_items_than_a_page_gets_its_pages() {
    let (_, feed) = demo();
    let paths: Vec<String> = site_paths(&feed, 1).collect();
    let category = feed.categories.first().expect("a category");
    let in_it = feed.in_category(&category.slug).count();
    assert!(in_it > 1);
    assert!(paths.contains(&category_path(&category.slug, in_it)));
    assert!(!paths.contains(&category_path(&category.slug, in_it + 1)));
}

#[test]
fn the_front_page_is_the_listing_in_the_publishers_language() {
    let (config, feed) = demo();
    let page = render_page(&config, &feed, &listing_path(1));
    assert_complete(&page);
    assert_eq!(page.lang, "uk");
    assert_eq!(title(&page), "Останні новини — Вістка");
    assert_eq!(count(&page.body, "class=\"card\""), config.page_size);
    assert_eq!(count(&page.body, "class=\"read-more\""), config.page_size);
    assert_eq!(count(&page.body, "class=\"badge\""), config.page_size);
    assert!(page.body.contains("Читати більше"));
    let newest = feed.articles.first().expect("an article");
    assert!(page
        .body
        .contains(&format!("href=\"{}\"", article_path(&newest.slug))));
    assert!(page.body.contains("субота, 23 листопада 2024 р."));
    let first_screen_pictures = feed.articles.iter().take(3).filter(|a| a.image.is_some());
    assert_eq!(
        count(&page.body, "loading=\"eager\""),
        first_screen_pictures.count()
    );
    assert!(page.body.contains("loading=\"lazy\""));
    assert!(page
        .body
        .contains(&format!("rel=\"next\" href=\"{}\"", listing_path(2))));
}

#[test]
fn the_second_page_has_the_rest_and_a_link_back() {
    let (config, feed) = demo();
    let page = render_page(&config, &feed, &listing_path(2));
    assert_complete(&page);
    assert_eq!(
        count(&page.body, "class=\"card\""),
        feed.articles.len() - config.page_size
    );
    assert!(page
        .body
        .contains(&format!("rel=\"prev\" href=\"{}\"", listing_path(1))));
    assert!(title(&page).starts_with("Останні новини ("));
}

#[test]
fn an_article_page_has_headline_byline_body_and_rail() {
    let (config, feed) = demo();
    let article = feed.articles.first().expect("an article");
    let page = render_page(&config, &feed, &article_path(&article.slug));
    assert_complete(&page);
    assert_eq!(title(&page), format!("{} — Вістка", article.title));
    assert!(page.body.contains(&format!("<h1>{}</h1>", article.title)));
    assert!(page.body.contains("class=\"byline\""));
    assert!(page.body.contains("class=\"reading-time\""));
    assert!(page.body.contains("class=\"article-body\""));
    assert!(page.body.contains("Свіжі дописи"));
    assert_eq!(count(&page.body, "<li lang="), 5, "five fresh posts");
}

#[test]
fn an_english_article_keeps_its_own_language_inside_the_ukrainian_site() {
    let (config, feed) = demo();
    let article = feed
        .articles
        .iter()
        .find(|article| article.lang == Some(Lang::En))
        .expect("an English article");
    let page = render_page(&config, &feed, &article_path(&article.slug));
    assert_eq!(page.lang, "uk");
    assert!(page
        .body
        .contains("<article lang=\"en\" class=\"article\">"));
    assert!(page.body.contains("Reading time"));
}

#[test]
fn a_category_page_lists_its_items() {
    let (config, feed) = demo();
    let category = feed.categories.first().expect("a category");
    let page = render_page(&config, &feed, &category_path(&category.slug, 1));
    assert_complete(&page);
    assert!(page
        .body
        .contains(&format!("<h1 class=\"page-title\">{}</h1>", category.name)));
    assert_eq!(
        count(&page.body, "class=\"card\""),
        feed.in_category(&category.slug).count()
    );
    assert!(
        page.body.contains("aria-current=\"page\""),
        "marked in the sections"
    );
}

#[test]
fn an_unknown_path_is_the_not_found_view() {
    let (config, feed) = demo();
    for path in [
        format!("{BASE}no-such-thing"),
        article_path("no-such-article"),
        listing_path(99),
    ] {
        let page = render_page(&config, &feed, &path);
        assert_complete(&page);
        assert!(page.body.contains("Сторінку не знайдено"), "{path}");
        assert_eq!(title(&page), "Сторінку не знайдено — Вістка");
    }
}

#[test]
fn the_embed_is_the_widget_alone_with_its_defaults() {
    let (config, feed) = demo();
    let page = render_page(&config, &feed, &embed_path());
    assert!(page.body.contains("class=\"embed-widget"));
    assert_eq!(
        count(&page.body, "target=\"_top\""),
        5 + 1,
        "five items and the more link"
    );
    assert!(!page.body.contains("site-header"));
    assert_eq!(title(&page), "Останні новини — Вістка");
}

#[test]
fn controls_that_need_the_app_are_marked() {
    let (config, feed) = demo();
    let page = render_page(&config, &feed, &listing_path(1));
    assert_eq!(
        count(&page.body, "needs-js"),
        2,
        "language switch and cookie settings"
    );
}

#[test]
fn a_headline_cannot_end_the_title_element() {
    let hostile = r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
        {"id":"1","title":"</title><script>alert(1)</script>","date_published":"2024-11-23T10:00:00+02:00","content_html":"<p>x</p>"}]}"#;
    let feed = Arc::new(parse_json_feed(hostile, &crate::feed::test_options()).expect("parses"));
    let config = Arc::new(SiteConfig::default());
    let article = feed.articles.first().expect("an article");
    let page = render_page(&config, &feed, &article_path(&article.slug));
    let template = PageTemplate::parse(TEMPLATE).expect("template");
    let site = SiteFacts::new(&config, &feed, false);
    let meta = page.meta.as_ref().expect("meta");
    let html = template.fill(&page, &head_tags(meta, &site), PageRole::View);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — T</title>"));
}

const TEMPLATE: &str = "<!doctype html>\n<html lang=\"uk\">\n<head>\n<meta charset=\"utf-8\" />\n<title>Вістка</title>\n<script type=\"module\" src=\"/loader-1.js\"></script>\n</head>\n<body>\n<div id=\"boot\">…</div>\n</body>\n</html>\n";

#[test]
fn the_template_keeps_the_head_and_replaces_the_body() {
    let template = PageTemplate::parse(TEMPLATE).expect("parses");
    let page = RenderedPage {
        lang: "en",
        meta: None,
        body: "<main>news</main>".into(),
    };
    let html = template.fill(&page, "<title>T</title><meta name=\"x\">", PageRole::View);
    assert_eq!(
        html,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>T</title><meta name=\"x\">\n\
         <script type=\"module\" src=\"/loader-1.js\"></script>\n\
         </head>\n<body data-prerendered=\"page\"><main>news</main></body>\n</html>\n"
    );
    let fallback = template.fill(&page, "", PageRole::Fallback);
    assert!(fallback.contains("<body data-prerendered=\"fallback\"><main>"));
}

#[test]
fn a_template_without_its_landmarks_is_refused_by_name() {
    assert_eq!(
        PageTemplate::parse("<html><head></head><body></body></html>").unwrap_err(),
        TemplateError("has no <title>")
    );
    let script_in_body = TEMPLATE.replace("<div id=\"boot\">", "<script>x</script><div>");
    assert!(PageTemplate::parse(&script_in_body).is_err());
    let described = TEMPLATE.replace(
        "</title>",
        "</title><meta name=\"description\" content=\"x\">",
    );
    assert!(
        PageTemplate::parse(&described).is_err(),
        "each view writes its own"
    );
    assert!(PageTemplate::parse("").is_err());
}

#[test]
fn pages_are_written_as_folders_with_an_index() {
    assert_eq!(output_file(BASE, BASE).as_deref(), Some("index.html"));
    assert_eq!(
        output_file(&article_path("a-b_c.1"), BASE).as_deref(),
        Some("article/a-b_c.1/index.html")
    );
    assert_eq!(
        output_file(&category_path("sport", 2), BASE).as_deref(),
        Some("category/sport/page/2/index.html")
    );
    for escaping in [
        "article/..",
        "article/../../etc",
        "article//x",
        "article/x y",
        "/elsewhere",
    ] {
        let path = format!("{BASE}{escaping}");
        assert_eq!(output_file(&path, BASE), None, "{path}");
    }
    assert_eq!(output_file("/elsewhere", "/news/"), None);
}

/// A fresh folder holding only the template, as Trunk and postbuild leave it.
fn built_folder(name: &str) -> std::path::PathBuf {
    let dist = std::env::temp_dir().join(format!("vistka-prerender-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).expect("a temporary folder");
    std::fs::write(dist.join("index.html"), TEMPLATE).expect("the template written");
    dist
}

#[test]
fn the_whole_site_is_written_one_file_per_view() {
    let dist = built_folder("site");
    let input = BuildInput {
        dist: dist.clone(),
        feed: DEMO_FEED.to_owned(),
        config: Some(DEMO_CONFIG.to_owned()),
        now: build_time(),
    };
    let report = build_site(&input).expect("the demo builds");
    let (config, feed) = demo();
    let views = site_paths(&feed, config.page_size).count();
    assert_eq!(report.pages, views + 1, "every view and 404.html");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let article = feed.articles.first().expect("an article");
    let page = std::fs::read_to_string(dist.join(format!("article/{}/index.html", article.slug)))
        .expect("the article's page");
    assert!(page.contains("<body data-prerendered=\"page\">"));
    assert!(page.contains(&format!("<title>{} — Вістка</title>", article.title)));
    let not_found = std::fs::read_to_string(dist.join("404.html")).expect("404.html");
    assert!(not_found.contains("<body data-prerendered=\"fallback\">"));
    assert!(not_found.contains("Сторінку не знайдено"));
    assert_eq!(
        report.site_files,
        ["robots.txt", "sitemap.xml", "news-sitemap.xml", "rss.xml"]
    );
    for file in &report.site_files {
        assert!(dist.join(file).is_file(), "{file}");
    }
    assert_eq!(
        report.warnings.len(),
        1,
        "the demo's address: {:?}",
        report.warnings
    );
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn without_the_sites_address_the_build_warns_once_and_writes_what_needs_none() {
    let dist = built_folder("no-address");
    let config = DEMO_CONFIG.replace("\"url\": \"https://vistka.example/\",", "");
    assert_ne!(config, DEMO_CONFIG);
    let report = build_site(&BuildInput {
        dist: dist.clone(),
        feed: DEMO_FEED.to_owned(),
        config: Some(config),
        now: build_time(),
    })
    .expect("the site builds");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].contains("publication.url"));
    assert_eq!(report.site_files, ["robots.txt"]);
    let front = std::fs::read_to_string(dist.join("index.html")).expect("the front page");
    assert!(front.contains(&format!("<link rel=\"canonical\" href=\"{BASE}\">")));
    assert!(!front.contains("og:url"));
    assert!(!front.contains("og:image"), "media/share.png is relative");
    assert!(
        !front.contains("rss.xml"),
        "no RSS is written, so none is offered"
    );
    assert!(front.contains("application/feed+json"));
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn an_unreadable_config_feed_or_template_stops_the_build_with_its_name() {
    let dist = built_folder("errors");
    let build = |feed: &str, config: Option<&str>| {
        build_site(&BuildInput {
            dist: dist.clone(),
            feed: feed.to_owned(),
            config: config.map(str::to_owned),
            now: build_time(),
        })
        .map(|_| ())
        .unwrap_err()
    };
    assert!(build(DEMO_FEED, Some("{\"page_size\": \"many\"")).contains("config.json"));
    assert!(build(DEMO_FEED, Some("{\"page_size\": 0}")).contains("page_size"));
    assert!(build("{\"items\": [", None).contains("the feed cannot be used"));
    assert!(build("{\"posts\": []}", None).contains("the feed cannot be used"));
    std::fs::remove_file(dist.join("index.html")).expect("removed");
    assert!(build(DEMO_FEED, None).contains("index.html"));
    let _ = std::fs::remove_dir_all(&dist);
}

/// An episode on a podcast host, a short version on the site itself and the show notes as a PDF.
fn podcast_feed(language: &str) -> Arc<Feed> {
    let feed = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Подкаст","language":"{language}","items":[
        {{"id":"45","title":"Епізод 45","date_published":"2024-11-23T10:00:00+02:00","content_html":"<p>Нотатки до випуску.</p>",
          "attachments":[
            {{"url":"http://podcasts.example/45.m4a","mime_type":"audio/x-m4a","size_in_bytes":75344101,"duration_in_seconds":3900}},
            {{"url":"media/45-short.mp3","mime_type":"audio/mpeg","title":"Коротка версія","duration_in_seconds":125,"size_in_bytes":2100000}},
            {{"url":"https://podcasts.example/45.pdf","mime_type":"application/pdf","title":"Нотатки","size_in_bytes":512000}},
            {{"url":"javascript:alert(1)","mime_type":"audio/mpeg"}}
          ]}}]}}"#
    );
    Arc::new(parse_json_feed(&feed, &crate::feed::test_options()).expect("the feed parses"))
}

#[test]
fn an_article_with_audio_gets_players_and_asks_before_another_host_is_contacted() {
    let feed = podcast_feed("uk");
    let config = Arc::new(SiteConfig::default());
    let article = feed.articles.first().expect("an article");
    let page = render_page(&config, &feed, &article_path(&article.slug));
    let body = &page.body;
    // The site's own file plays at once, and downloads nothing until play is pressed.
    assert_eq!(count(body, "<audio"), 1, "{body}");
    assert!(body.contains(
        "<div class=\"attachment\"><figure><figcaption><span class=\"attachment-title\">Коротка версія</span> \
         <span class=\"attachment-facts\"><time datetime=\"PT125S\">2 хвилини</time> · MP3 · 2,1\u{a0}МБ</span></figcaption>\
         <div class=\"media-slot\"><audio controls preload=\"none\" src=\"media/45-short.mp3\"></audio></div>\
         <a class=\"attachment-download\" href=\"media/45-short.mp3\" download>Завантажити файл</a></figure></div>"
    ), "{body}");
    // The podcast host's file: a placeholder naming the host, built without anyone's consent;
    // its address is only in the download link, which needs none.
    assert!(body.contains(
        "<div class=\"attachment\"><figure><figcaption><span class=\"attachment-title\">Аудіо</span> \
         <span class=\"attachment-facts\"><time datetime=\"PT3900S\">1 година 5 хвилин</time> · M4A · 75,3\u{a0}МБ</span></figcaption>\
         <div class=\"media-slot\"><div class=\"media-placeholder\"><p>Файл розміщено на сайті <strong>podcasts.example</strong></p>\
         <button type=\"button\" class=\"button needs-js\" data-load-media>Увімкнути програвач</button></div></div>\
         <a class=\"attachment-download\" href=\"http://podcasts.example/45.m4a\" rel=\"noopener noreferrer\" download>Завантажити файл</a>\
         </figure></div>"
    ), "{body}");
    assert_eq!(count(body, "podcasts.example/45.m4a"), 1, "the link only");
    // Any other file is a link; an address that is no web address is left out.
    assert!(body.contains(
        "<div class=\"attachment\"><p class=\"attachment-file\"><a href=\"https://podcasts.example/45.pdf\" \
         rel=\"noopener noreferrer\" download>Нотатки</a> <span class=\"attachment-facts\">PDF · 512\u{a0}КБ</span></p></div>"
    ), "{body}");
    assert_eq!(count(body, "class=\"attachment\""), 3);
    assert!(!body.contains("javascript"), "{body}");
    // Above the show notes.
    let players = body.find("class=\"attachments\"").expect("the attachments");
    let notes = body.find("class=\"article-body\"").expect("the body");
    assert!(players < notes);
}

#[test]
fn attachments_speak_the_articles_language() {
    let feed = podcast_feed("en");
    let config = Arc::new(SiteConfig::default());
    let article = feed.articles.first().expect("an article");
    let page = render_page(&config, &feed, &article_path(&article.slug));
    let body = &page.body;
    assert!(body.contains("<span class=\"attachment-title\">Audio</span>"));
    assert!(
        body.contains("<time datetime=\"PT3900S\">1 hour 5 minutes</time> · M4A · 75.3\u{a0}MB")
    );
    assert!(body.contains("<time datetime=\"PT125S\">2 minutes</time> · MP3 · 2.1\u{a0}MB"));
    assert!(body.contains("<p>The file is hosted on <strong>podcasts.example</strong></p>"));
    assert!(body.contains(">Load the player</button>"));
    assert_eq!(count(body, ">Download the file</a>"), 2);
}

#[test]
fn an_article_without_attachments_has_no_attachment_markup() {
    let (config, feed) = demo();
    let article = feed.articles.first().expect("an article");
    let page = render_page(&config, &feed, &article_path(&article.slug));
    assert!(!page.body.contains("attachment"));
    assert!(!page.body.contains("media-slot"));
}

#[test]
fn real_podcast_feeds_get_their_episodes_behind_the_consent_placeholder() {
    let config = Arc::new(SiteConfig::default());
    for (fixture, host, facts) in [
        (
            include_str!("../../tests/fixtures/feeds/jsonfeed/jsonfeednet-TheRecordPodcast.json"),
            "therecord.co",
            "M4A · 75,3\u{a0}МБ",
        ),
        (
            include_str!("../../tests/fixtures/feeds/jsonfeed/jsonfeednet-TimeTablePodcast.json"),
            "timetable.manton.org",
            "MP3 · 5,2\u{a0}МБ",
        ),
    ] {
        let feed = Arc::new(
            parse_json_feed(fixture, &crate::feed::test_options()).expect("the fixture parses"),
        );
        let article = feed
            .articles
            .iter()
            .find(|article| !article.attachments.is_empty())
            .expect("an episode");
        let page = render_page(&config, &feed, &article_path(&article.slug));
        let body = &page.body;
        assert!(
            body.contains(&format!("<strong>{host}</strong>")),
            "{host}: {body}"
        );
        assert!(body.contains(facts), "{host}: {body}");
        assert!(
            !body.contains("<audio"),
            "{host}: nothing plays before consent"
        );
        assert_eq!(count(body, "class=\"attachment-download\""), 1, "{host}");
    }
}

#[test]
fn the_search_page_is_an_unlisted_form_for_the_web_search_engine() {
    let config = Arc::new(
        SiteConfig::parse(r#"{"publication": {"url": "https://vistka.example/"}}"#).expect("valid"),
    );
    let (_, feed) = demo();
    let page = render_page(&config, &feed, &search_path("", 1));
    assert_eq!(page.meta.map(|meta| meta.listed()), Some(false));
    assert!(page.body.contains(r#"role="search""#), "a search landmark");
    assert!(page.body.contains(r#"action="https://duckduckgo.com/""#));
    assert!(page.body.contains(r#"name="sites" value="vistka.example""#));
    assert!(page.body.contains(r#"name="q""#));
    assert!(page.body.contains("<h1"));
}
