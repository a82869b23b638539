//! Languages the UI speaks and every string it shows.

/// A language Vistka has UI strings and date formats for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Ukrainian, the demo publication's main language.
    #[default]
    Uk,
    En,
}

impl Lang {
    /// Reads a BCP 47 tag (`uk`, `uk-UA`, `en-GB`); `None` for languages without UI strings.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.trim().to_ascii_lowercase().as_str() {
            "uk" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    /// The locale Open Graph names: `uk_UA`, `en_US`.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Uk => "uk_UA",
            Lang::En => "en_US",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Uk => &UK,
            Lang::En => &EN,
        }
    }

    /// Every language Vistka speaks, in the order a site offers them by default.
    pub const ALL: [Lang; 2] = [Lang::Uk, Lang::En];

    /// `n` with the noun form this language's plural rules ask for: `forms` holds the
    /// Unicode CLDR categories one, few and many (English uses one and many).
    pub fn count(self, n: u64, forms: &[&'static str; 3]) -> String {
        let [one, few, many] = *forms;
        let form = match self {
            // CLDR's Ukrainian rules: 1, 21, 31… take "one"; 2–4, 22–24… "few"; the rest "many".
            Lang::Uk => match (n % 10, n % 100) {
                (1, 11) => many,
                (1, _) => one,
                (2..=4, 12..=14) => many,
                (2..=4, _) => few,
                _ => many,
            },
            Lang::En if n == 1 => one,
            Lang::En => many,
        };
        format!("{n} {form}")
    }

    /// A running time in words, as a podcast's length is said: «45 секунд», «42 хвилини»,
    /// «1 година 5 хвилин». From a minute on, rounded to the minute (seconds are noise there).
    /// Words rather than «1 год 5 хв», so screen readers say it as it is meant.
    pub fn duration(self, seconds: u64) -> String {
        let strings = self.strings();
        if seconds < 60 {
            return self.count(seconds, &strings.seconds);
        }
        let minutes = seconds.saturating_add(30) / 60;
        match (minutes / 60, minutes % 60) {
            (0, minutes) => self.count(minutes, &strings.minutes),
            (hours, 0) => self.count(hours, &strings.hours),
            (hours, minutes) => format!(
                "{} {}",
                self.count(hours, &strings.hours),
                self.count(minutes, &strings.minutes)
            ),
        }
    }

    /// A file's size as readers know it from their phones: decimal units (1 MB = 1,000,000
    /// bytes, as iOS, macOS and Android count), megabytes and gigabytes with one decimal in the
    /// language's own notation («74,6 МБ», "74.6 MB"), whole kilobytes below a megabyte, a
    /// no-break space before the unit. Integer arithmetic, so no float formatting in the wasm.
    pub fn file_size(self, bytes: u64) -> String {
        let strings = self.strings();
        let [kilobytes, megabytes, gigabytes] = strings.size_units;
        let kilo = bytes.saturating_add(500) / 1000;
        if kilo < 1000 {
            return format!("{}\u{a0}{kilobytes}", kilo.max(1));
        }
        // Tenths of the unit, rounded half up; 999.96 MB is "1.0 GB", not "1000.0 MB".
        let mega_tenths = bytes.saturating_add(50_000) / 100_000;
        let (tenths, unit) = match mega_tenths < 10_000 {
            true => (mega_tenths, megabytes),
            false => (bytes.saturating_add(50_000_000) / 100_000_000, gigabytes),
        };
        format!(
            "{}{}{}\u{a0}{unit}",
            tenths / 10,
            strings.decimal_separator,
            tenths % 10
        )
    }
}

/// What a reader has told the site about languages, strongest first. The site's own
/// default sits between the saved choice and the browser's languages (see
/// `config::choose_ui_lang`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderLanguages {
    /// Chosen during this visit: a `?lang=` link or the header's switch.
    pub chosen: Option<Lang>,
    /// Saved by the switch on an earlier visit.
    pub saved: Option<Lang>,
    /// The browser's languages Vistka speaks, in the browser's order.
    pub browser: Vec<Lang>,
}

/// Every fixed piece of UI text, one table per language.
#[derive(Debug)]
pub struct Strings {
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub latest_news: &'static str,
    pub read_more: &'static str,
    pub fresh_posts: &'static str,
    pub by_author: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub pages: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub no_items: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub posts_found: [&'static str; 3],
    pub found: &'static str,
    pub nothing_found: &'static str,
    pub nothing_found_text: &'static str,
    pub feed_link: &'static str,
    pub rss_link: &'static str,
    pub error_network: &'static str,
    pub error_http: &'static str,
    pub error_timeout: &'static str,
    pub loading_slow: &'static str,
    pub error_json: &'static str,
    pub error_shape: &'static str,
    pub error_empty: &'static str,
    pub consent_title: &'static str,
    pub consent_text: &'static str,
    pub accept_all: &'static str,
    pub reject_all: &'static str,
    pub consent_settings: &'static str,
    pub cookie_settings: &'static str,
    pub save_choices: &'static str,
    pub necessary: &'static str,
    pub necessary_text: &'static str,
    pub analytics: &'static str,
    pub analytics_text: &'static str,
    pub external_media: &'static str,
    pub external_media_text: &'static str,
    pub embed_notice: &'static str,
    pub embed_load: &'static str,
    pub more_news: &'static str,
    /// The name of the language, in itself, for the language switch.
    pub language_name: &'static str,
    pub reading_time: &'static str,
    /// "minute" in the plural forms of [`Lang::count`].
    pub minutes: [&'static str; 3],
    pub hours: [&'static str; 3],
    pub seconds: [&'static str; 3],
    /// Kilobytes, megabytes, gigabytes, for [`Lang::file_size`].
    pub size_units: [&'static str; 3],
    pub decimal_separator: &'static str,
    /// What an attachment without a title is called.
    pub audio: &'static str,
    pub video: &'static str,
    pub file: &'static str,
    /// The download link under a player.
    pub download: &'static str,
    /// A player whose file is on another site, before the reader allows external media: the
    /// notice (followed by the site's name) and the button that loads this one player.
    pub media_notice: &'static str,
    pub media_load: &'static str,
    /// Offline reading (src/offline.rs): the footer's control, what it has stored («Збережено»
    /// followed by a count of [`Strings::offline_articles`] and a size), why it could not be
    /// turned on, the notice over a saved feed (followed by its time), an article that was not
    /// saved.
    pub offline_toggle: &'static str,
    pub offline_stored: &'static str,
    pub offline_articles: [&'static str; 3],
    pub offline_mb: &'static str,
    pub offline_under_one_mb: &'static str,
    pub offline_failed: &'static str,
    pub offline_notice: &'static str,
    pub not_saved: &'static str,
    pub not_saved_text: &'static str,
}

const UK: Strings = Strings {
    skip_to_content: "Перейти до змісту",
    main_navigation: "Рубрики",
    latest_news: "Останні новини",
    read_more: "Читати більше",
    fresh_posts: "Свіжі дописи",
    by_author: "Автор",
    newer: "Новіші",
    older: "Старіші",
    pages: "Сторінки",
    page: "Сторінка",
    of: "з",
    loading: "Завантажуємо новини…",
    load_failed: "Не вдалося завантажити новини",
    retry: "Спробувати ще раз",
    not_found: "Сторінку не знайдено",
    not_found_text: "Такої сторінки немає: можливо, посилання застаріло або в ньому помилка.",
    back_home: "На головну",
    no_items: "Тут поки немає дописів.",
    search: "Пошук",
    search_label: "Пошук на сайті",
    search_hint: "Введіть ім’я, місце чи тему: знайдемо серед заголовків, описів і текстів.",
    posts_found: ["допис", "дописи", "дописів"],
    found: "Знайдено",
    nothing_found: "Нічого не знайдено",
    nothing_found_text: "Перевірте написання або розкладку клавіатури, спробуйте коротше слово чи інше.",
    feed_link: "Стрічка JSON Feed",
    rss_link: "Стрічка RSS",
    error_network: "Немає зв’язку із сервером. Перевірте з’єднання з інтернетом.",
    error_http: "Сервер відповів помилкою",
    error_timeout: "Сервер новин не відповідає. Можливо, він перевантажений: спробуйте ще раз за хвилину.",
    loading_slow: "Це триває довше, ніж зазвичай. Зачекайте ще трохи…",
    error_json: "Стрічка новин пошкоджена: це не коректний JSON.",
    error_shape: "Стрічка новин має неочікуваний формат",
    error_empty: "У стрічці немає жодного придатного допису.",
    consent_title: "Цей сайт використовує Cookies.",
    consent_text: "Необхідні дані зберігають лише ваш вибір. Аналітику та зовнішні медіа (відео й аудіо з інших сайтів) ми вмикаємо тільки з вашої згоди. Читання без мережі зберігає файли сайту й новини на вашому пристрої лише тоді, коли ви його вмикаєте («Читати без мережі» внизу сторінки або встановлення сайту як застосунку); вимкнення видаляє все збережене. Змінити рішення можна будь-коли: «Налаштування cookies» внизу кожної сторінки.",
    accept_all: "Прийняти все",
    reject_all: "Відхилити все",
    consent_settings: "Налаштування",
    cookie_settings: "Налаштування cookies",
    save_choices: "Зберегти вибір",
    necessary: "Необхідні (завжди увімкнені)",
    necessary_text: "Запам’ятовують у цьому браузері ваш вибір щодо cookies і мову сайту. Без них сайт питав би щоразу.",
    analytics: "Аналітика",
    analytics_text: "Статистика відвідувань, з якої редакція дізнається, що читають. Без неї сайт працює так само.",
    external_media: "Зовнішні медіа",
    external_media_text: "Відео, аудіо та інші матеріали з інших сайтів у статтях. Ці сайти можуть зберігати власні cookies.",
    embed_notice: "Тут вбудовано матеріал із сайту",
    embed_load: "Показати цей матеріал",
    more_news: "Більше новин",
    language_name: "Українська",
    reading_time: "Час читання",
    minutes: ["хвилина", "хвилини", "хвилин"],
    hours: ["година", "години", "годин"],
    seconds: ["секунда", "секунди", "секунд"],
    size_units: ["КБ", "МБ", "ГБ"],
    decimal_separator: ",",
    audio: "Аудіо",
    video: "Відео",
    file: "Файл",
    download: "Завантажити файл",
    media_notice: "Файл розміщено на сайті",
    media_load: "Увімкнути програвач",
    offline_toggle: "Читати без мережі",
    offline_stored: "Збережено",
    offline_articles: ["допис", "дописи", "дописів"],
    offline_mb: "МБ",
    offline_under_one_mb: "менше 1 МБ",
    offline_failed: "Не вдалося зберегти сайт на пристрої (забракло місця або мережі). Спробуйте ще раз пізніше.",
    offline_notice: "Немає мережі. Новини станом на",
    not_saved: "Цей допис не збережено для читання без мережі",
    not_saved_text: "Його можна буде прочитати, щойно повернеться мережа. Збережені новини — на головній.",
};

const EN: Strings = Strings {
    skip_to_content: "Skip to content",
    main_navigation: "Sections",
    latest_news: "Latest news",
    read_more: "Read more",
    fresh_posts: "Fresh posts",
    by_author: "By",
    newer: "Newer",
    older: "Older",
    pages: "Pages",
    page: "Page",
    of: "of",
    loading: "Loading the news…",
    load_failed: "The news could not be loaded",
    retry: "Try again",
    not_found: "Page not found",
    not_found_text: "There is no such page: the link may be out of date or mistyped.",
    back_home: "Back to the front page",
    no_items: "Nothing has been posted here yet.",
    search: "Search",
    search_label: "Search the site",
    search_hint: "Type a name, a place or a topic: titles, summaries and texts are searched.",
    posts_found: ["post", "posts", "posts"],
    found: "Found",
    nothing_found: "Nothing found",
    nothing_found_text: "Check the spelling or the keyboard layout, or try a shorter or another word.",
    feed_link: "JSON Feed",
    rss_link: "RSS feed",
    error_network: "The server could not be reached. Check your internet connection.",
    error_http: "The server answered with an error",
    error_timeout: "The news server is not answering. It may be overloaded: try again in a minute.",
    loading_slow: "This is taking longer than usual. Please wait a little longer…",
    error_json: "The news feed is damaged: it is not valid JSON.",
    error_shape: "The news feed has an unexpected format",
    error_empty: "The feed holds no usable posts.",
    consent_title: "This site uses cookies.",
    consent_text: "Necessary storage only keeps your choice. Analytics and external media (video and audio from other sites) are turned on only with your consent. Offline reading stores the site’s files and news on your device only once you turn it on (“Read offline” at the foot of the page, or installing the site as an app); turning it off deletes everything stored. You can change your mind at any time: “Cookie settings” at the foot of every page.",
    accept_all: "Accept all",
    reject_all: "Reject all",
    consent_settings: "Settings",
    cookie_settings: "Cookie settings",
    save_choices: "Save choices",
    necessary: "Necessary (always on)",
    necessary_text: "Remember your cookie choice and the site language in this browser. Without them the site would ask every time.",
    analytics: "Analytics",
    analytics_text: "Visit statistics that tell the newsroom what is read. The site works the same without them.",
    external_media: "External media",
    external_media_text: "Videos, audio and other material from other sites inside articles. Those sites may store cookies of their own.",
    embed_notice: "Embedded here is content from",
    embed_load: "Show this content",
    more_news: "More news",
    language_name: "English",
    reading_time: "Reading time",
    minutes: ["minute", "minutes", "minutes"],
    hours: ["hour", "hours", "hours"],
    seconds: ["second", "seconds", "seconds"],
    size_units: ["KB", "MB", "GB"],
    decimal_separator: ".",
    audio: "Audio",
    video: "Video",
    file: "File",
    download: "Download the file",
    media_notice: "The file is hosted on",
    media_load: "Load the player",
    offline_toggle: "Read offline",
    offline_stored: "Saved:",
    offline_articles: ["article", "articles", "articles"],
    offline_mb: "MB",
    offline_under_one_mb: "under 1 MB",
    offline_failed: "The site could not be saved on this device (no room or no network). Try again later.",
    offline_notice: "Offline. News as of",
    not_saved: "This article was not saved for offline reading",
    not_saved_text: "You can read it once you are back online. The saved news is on the front page.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_language_tags_by_their_primary_subtag() {
        assert_eq!(Lang::from_tag("uk"), Some(Lang::Uk));
        assert_eq!(Lang::from_tag("uk-UA"), Some(Lang::Uk));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn both_languages_have_the_product_strings() {
        assert_eq!(Lang::Uk.strings().read_more, "Читати більше");
        assert_eq!(Lang::Uk.strings().fresh_posts, "Свіжі дописи");
        assert_eq!(Lang::En.strings().read_more, "Read more");
        assert_eq!(Lang::En.strings().fresh_posts, "Fresh posts");
    }

    #[test]
    fn ukrainian_counts_take_three_forms() {
        let minutes = |n| Lang::Uk.count(n, &Lang::Uk.strings().minutes);
        for (n, expected) in [
            (0, "0 хвилин"),
            (1, "1 хвилина"),
            (2, "2 хвилини"),
            (3, "3 хвилини"),
            (4, "4 хвилини"),
            (5, "5 хвилин"),
            (10, "10 хвилин"),
            (11, "11 хвилин"),
            (12, "12 хвилин"),
            (14, "14 хвилин"),
            (20, "20 хвилин"),
            (21, "21 хвилина"),
            (22, "22 хвилини"),
            (25, "25 хвилин"),
            (101, "101 хвилина"),
            (111, "111 хвилин"),
            (112, "112 хвилин"),
            (122, "122 хвилини"),
        ] {
            assert_eq!(minutes(n), expected);
        }
    }

    #[test]
    fn english_counts_take_two_forms() {
        let minutes = |n| Lang::En.count(n, &Lang::En.strings().minutes);
        assert_eq!(minutes(0), "0 minutes");
        assert_eq!(minutes(1), "1 minute");
        assert_eq!(minutes(2), "2 minutes");
        assert_eq!(minutes(21), "21 minutes");
    }

    #[test]
    fn durations_in_ukrainian_take_the_plural_forms() {
        let duration = |seconds| Lang::Uk.duration(seconds);
        for (seconds, expected) in [
            (1, "1 секунда"),
            (2, "2 секунди"),
            (5, "5 секунд"),
            (21, "21 секунда"),
            (59, "59 секунд"),
            (60, "1 хвилина"),
            (89, "1 хвилина"),
            (90, "2 хвилини"),
            (5 * 60, "5 хвилин"),
            (21 * 60, "21 хвилина"),
            (22 * 60 + 10, "22 хвилини"),
            (3600, "1 година"),
            (2 * 3600, "2 години"),
            (5 * 3600, "5 годин"),
            (21 * 3600, "21 година"),
            (3600 + 5 * 60, "1 година 5 хвилин"),
            (2 * 3600 + 21 * 60, "2 години 21 хвилина"),
            (5 * 3600 + 2 * 60, "5 годин 2 хвилини"),
            // 59 min 40 s rounds up to the hour rather than to «60 хвилин».
            (3580, "1 година"),
            (3600 + 59 * 60 + 45, "2 години"),
        ] {
            assert_eq!(duration(seconds), expected, "{seconds} s");
        }
    }

    #[test]
    fn durations_in_english() {
        let duration = |seconds| Lang::En.duration(seconds);
        assert_eq!(duration(1), "1 second");
        assert_eq!(duration(21), "21 seconds");
        assert_eq!(duration(60), "1 minute");
        assert_eq!(duration(2 * 60), "2 minutes");
        assert_eq!(duration(21 * 60), "21 minutes");
        assert_eq!(duration(3600), "1 hour");
        assert_eq!(duration(3600 + 5 * 60), "1 hour 5 minutes");
        assert_eq!(duration(5 * 3600 + 60), "5 hours 1 minute");
        assert_eq!(duration(21 * 3600 + 21 * 60), "21 hours 21 minutes");
        assert!(duration(u64::MAX).contains("hours"), "no overflow");
    }

    #[test]
    fn file_sizes_in_each_languages_notation() {
        let nbsp = |text: &str| text.replace(' ', "\u{a0}");
        for (bytes, uk, en) in [
            (75_344_101, "75,3 МБ", "75.3 MB"),
            (74_550_000, "74,6 МБ", "74.6 MB"),
            (5_236_920, "5,2 МБ", "5.2 MB"),
            (1_000_000, "1,0 МБ", "1.0 MB"),
            (999_499, "999 КБ", "999 KB"),
            (999_500, "1,0 МБ", "1.0 MB"),
            (512_000, "512 КБ", "512 KB"),
            (1, "1 КБ", "1 KB"),
            (999_949_999, "999,9 МБ", "999.9 MB"),
            (999_950_000, "1,0 ГБ", "1.0 GB"),
            (1_234_567_890, "1,2 ГБ", "1.2 GB"),
        ] {
            assert_eq!(Lang::Uk.file_size(bytes), nbsp(uk), "{bytes} B");
            assert_eq!(Lang::En.file_size(bytes), nbsp(en), "{bytes} B");
        }
        assert!(Lang::En.file_size(u64::MAX).ends_with("GB"), "no overflow");
    }

    #[test]
    fn every_language_names_itself() {
        assert_eq!(
            Lang::ALL.map(|lang| Lang::from_tag(lang.code())),
            Lang::ALL.map(Some)
        );
        assert_eq!(
            Lang::ALL.map(|lang| lang.strings().language_name),
            ["Українська", "English"]
        );
    }
}
