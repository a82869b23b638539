//! Long-form dates as a reader expects them in each language.
//!
//! Dates are shown in the timestamp's own UTC offset: that is the publisher's local date, and
//! a story published late on the 23rd in Kyiv belongs to the 23rd wherever it is read.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, FixedOffset, Weekday};

/// `Saturday November 23rd, 2024` / `субота, 23 листопада 2024 р.`
pub fn long_date(date: &DateTime<FixedOffset>, lang: Lang) -> String {
    let day = date.day();
    let month = date.month0() as usize;
    match lang {
        Lang::En => format!(
            "{} {} {day}{}, {}",
            weekday_name(date.weekday(), lang),
            EN_MONTHS.get(month).copied().unwrap_or_default(),
            ordinal_suffix(day),
            date.year()
        ),
        Lang::Uk => format!(
            "{}, {day} {} {} р.",
            weekday_name(date.weekday(), lang),
            UK_MONTHS_GENITIVE.get(month).copied().unwrap_or_default(),
            date.year()
        ),
    }
}

/// The value for a `<time datetime>` attribute: the original instant with its offset.
pub fn machine_date(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339()
}

/// English ordinal suffix: 1st 2nd 3rd 4th … 11th 12th 13th … 21st 22nd 23rd … 31st.
pub fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn weekday_name(weekday: Weekday, lang: Lang) -> &'static str {
    let index = weekday.num_days_from_monday() as usize;
    let names = match lang {
        Lang::En => &EN_WEEKDAYS,
        Lang::Uk => &UK_WEEKDAYS,
    };
    names.get(index).copied().unwrap_or_default()
}

const EN_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const UK_WEEKDAYS: [&str; 7] = [
    "понеділок",
    "вівторок",
    "середа",
    "четвер",
    "пʼятниця",
    "субота",
    "неділя",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Ukrainian names a day's month in the genitive: «23 листопада», not «23 листопад».
const UK_MONTHS_GENITIVE: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("test timestamp")
    }

    #[test]
    fn english_long_date() {
        assert_eq!(
            long_date(&at("2024-11-23T10:00:00+02:00"), Lang::En),
            "Saturday November 23rd, 2024"
        );
    }

    #[test]
    fn ukrainian_long_date() {
        assert_eq!(
            long_date(&at("2024-11-23T10:00:00+02:00"), Lang::Uk),
            "субота, 23 листопада 2024 р."
        );
    }

    #[test]
    fn english_ordinals() {
        let cases = [
            (1, "st"),
            (2, "nd"),
            (3, "rd"),
            (4, "th"),
            (10, "th"),
            (11, "th"),
            (12, "th"),
            (13, "th"),
            (14, "th"),
            (20, "th"),
            (21, "st"),
            (22, "nd"),
            (23, "rd"),
            (24, "th"),
            (30, "th"),
            (31, "st"),
        ];
        for (day, suffix) in cases {
            assert_eq!(ordinal_suffix(day), suffix, "day {day}");
        }
    }

    #[test]
    fn every_ukrainian_month_in_the_genitive() {
        let expected = [
            "січня",
            "лютого",
            "березня",
            "квітня",
            "травня",
            "червня",
            "липня",
            "серпня",
            "вересня",
            "жовтня",
            "листопада",
            "грудня",
        ];
        for (index, month) in expected.iter().enumerate() {
            let date = at(&format!("2025-{:02}-15T12:00:00Z", index + 1));
            let shown = long_date(&date, Lang::Uk);
            assert!(shown.contains(&format!(" 15 {month} 2025 р.")), "{shown}");
        }
    }

    #[test]
    fn every_weekday_in_both_languages() {
        // 2024-11-18 is a Monday.
        let uk = [
            "понеділок",
            "вівторок",
            "середа",
            "четвер",
            "пʼятниця",
            "субота",
            "неділя",
        ];
        let en = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        for offset in 0..7 {
            let date = at(&format!("2024-11-{}T09:00:00Z", 18 + offset));
            assert!(long_date(&date, Lang::Uk).starts_with(&format!("{}, ", uk[offset])));
            assert!(long_date(&date, Lang::En).starts_with(&format!("{} ", en[offset])));
        }
    }

    #[test]
    fn shows_the_publishers_local_date_not_utc() {
        // 00:30 in Kyiv on the 24th is still the 23rd in UTC: the reader sees the 24th.
        let late = at("2024-11-24T00:30:00+02:00");
        assert_eq!(long_date(&late, Lang::En), "Sunday November 24th, 2024");
        // And 23:30 on the 23rd at UTC-05:00 is the 24th in UTC: the reader sees the 23rd.
        let evening = at("2024-11-23T23:30:00-05:00");
        assert_eq!(
            long_date(&evening, Lang::En),
            "Saturday November 23rd, 2024"
        );
    }

    #[test]
    fn machine_date_keeps_the_offset() {
        assert_eq!(
            machine_date(&at("2024-11-23T10:00:00+02:00")),
            "2024-11-23T10:00:00+02:00"
        );
    }
}
