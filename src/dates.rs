//! Long-form dates as a reader expects them in each language.
//!
//! Dates are shown in the timestamp's own UTC offset: that is the publisher's local date, and
//! a story published late on the 23rd in Kyiv belongs to the 23rd wherever it is read.

use crate::i18n::Lang;
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday,
};

/// How a feed's date was read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DateForm {
    /// RFC 3339, as JSON Feed asks.
    Standard,
    /// Another form feeds really use: no seconds, a space for `T`, RFC 2822.
    Repaired,
    /// No time zone: read in the publisher's (`publication.utc_offset`, else UTC).
    Zoneless,
}

/// Reads a feed's date as the best feed readers do: RFC 3339; also without seconds, with a
/// space for `T`, with fractional seconds, as a bare date, or in RFC 2822 form; a date
/// without a zone is in `zone`. `None` for anything else, including impossible dates.
///
/// Read by hand rather than with chrono's `parse_from_str` and `parse_from_rfc2822`: its
/// general format parser cost about 15 KB of brotli'd wasm (measured: 203,115 B with them).
pub fn parse_feed_date(text: &str, zone: FixedOffset) -> Option<(DateTime<FixedOffset>, DateForm)> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some((date, DateForm::Standard));
    }
    if let Some(date) = parse_rfc2822(text) {
        return Some((date, DateForm::Repaired));
    }
    let (local, offset) = split_offset(text);
    let naive = parse_local(local)?;
    let (offset, form) = match offset {
        Some(offset) => (offset?, DateForm::Repaired),
        None => (zone, DateForm::Zoneless),
    };
    let date = offset.from_local_datetime(&naive).single()?;
    Some((date, form))
}

/// `2024-11-23`, `2024-11-23T10:00`, `2024-11-23 10:00:05.123`: a date, and a time of day to
/// the minute at least.
fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = match text.split_once(['T', 't', ' ']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year_of(year)?, number(month)?, number(day)?)?;
    match time {
        None => date.and_hms_opt(0, 0, 0),
        Some(time) => Some(date.and_time(parse_time(time)?)),
    }
}

/// `10:00`, `10:00:05`, `10:00:05.123456`.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let mut parts = clock.split(':');
    let (hour, minute, second) = (parts.next()?, parts.next()?, parts.next().unwrap_or("00"));
    if parts.next().is_some() || [hour, minute, second].iter().any(|part| part.len() != 2) {
        return None;
    }
    let nanos = match fraction {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let padded: String = digits
                .chars()
                .chain(std::iter::repeat('0'))
                .take(9)
                .collect();
            padded.parse().ok()?
        }
        Some(_) => return None,
        None => 0,
    };
    NaiveTime::from_hms_nano_opt(number(hour)?, number(minute)?, number(second)?, nanos)
}

/// RFC 2822 (RSS's form, which some JSON Feed plugins kept): `Fri, 31 May 2019 12:17:58
/// -0700`; the weekday and the seconds may be missing, the zone may be `GMT` or `UT`.
fn parse_rfc2822(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.split_once(',').map_or(text, |(_, rest)| rest);
    let mut words = text.split_whitespace();
    let (day, month, year, time, zone) = (
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
    );
    if words.next().is_some() {
        return None;
    }
    let month = MONTH_ABBREVIATIONS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(month))?;
    let date = NaiveDate::from_ymd_opt(year_of(year)?, month as u32 + 1, number(day)?)?;
    let offset = match zone {
        "GMT" | "UT" | "UTC" | "Z" => FixedOffset::east_opt(0)?,
        zone => parse_utc_offset(zone)?,
    };
    offset
        .from_local_datetime(&date.and_time(parse_time(time)?))
        .single()
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A year of four ASCII digits.
fn year_of(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A number of one or two ASCII digits.
fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `text` without a trailing zone (`Z`, `+02:00`, `+0200`), and that zone: `Some(None)` for
/// one that is no offset.
fn split_offset(text: &str) -> (&str, Option<Option<FixedOffset>>) {
    if let Some(local) = text.strip_suffix(['Z', 'z']) {
        return (local, Some(FixedOffset::east_opt(0)));
    }
    // A sign after the time (the date's own dashes come before the `T` or space).
    let time_start = text.find(['T', 't', ' ']).unwrap_or(text.len());
    let Some(sign_at) = text
        .get(time_start..)
        .and_then(|time| time.rfind(['+', '-']))
        .map(|at| time_start + at)
    else {
        return (text, None);
    };
    let (local, zone) = text.split_at(sign_at);
    (local.trim_end(), Some(parse_utc_offset(zone)))
}

/// An offset from UTC as dates write it: `+02:00`, `+0200`, `-05:00`, `Z`.
pub fn parse_utc_offset(zone: &str) -> Option<FixedOffset> {
    let zone = zone.trim();
    if zone.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = zone.split_at_checked(1)?;
    let digits = rest.replacen(':', "", 1);
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hhmm: i32 = digits.parse().ok()?;
    let (hours, minutes) = (hhmm / 100, hhmm % 100);
    if hours > 14 || minutes > 59 {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    match sign {
        "+" => FixedOffset::east_opt(seconds),
        "-" => FixedOffset::west_opt(seconds),
        _ => None,
    }
}

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

    #[test]
    fn reads_the_dates_feeds_really_write() {
        let kyiv = FixedOffset::east_opt(2 * 3600).expect("an offset");
        let read = |text| parse_feed_date(text, kyiv).map(|(date, form)| (date.to_rfc3339(), form));
        let standard = |date: &str| Some((date.to_owned(), DateForm::Standard));
        let repaired = |date: &str| Some((date.to_owned(), DateForm::Repaired));
        let zoneless = |date: &str| Some((date.to_owned(), DateForm::Zoneless));
        assert_eq!(
            read("2024-11-23T10:00:00+02:00"),
            standard("2024-11-23T10:00:00+02:00")
        );
        assert_eq!(
            read("2020-08-07T11:44:36.000Z"),
            standard("2020-08-07T11:44:36+00:00")
        );
        assert_eq!(
            read("2018-01-06T08:00"),
            zoneless("2018-01-06T08:00:00+02:00")
        );
        assert_eq!(
            read("2022-07-26 13:01:01"),
            zoneless("2022-07-26T13:01:01+02:00")
        );
        assert_eq!(read("2024-11-23"), zoneless("2024-11-23T00:00:00+02:00"));
        assert_eq!(
            read("2018-01-06T08:00-05:00"),
            repaired("2018-01-06T08:00:00-05:00")
        );
        assert_eq!(
            read("2018-01-06T08:00Z"),
            repaired("2018-01-06T08:00:00+00:00")
        );
        assert_eq!(
            read("2022-07-26 13:01:01 +0300"),
            repaired("2022-07-26T13:01:01+03:00")
        );
        assert_eq!(
            read("Fri, 31 May 2019 12:17:58 -0700"),
            repaired("2019-05-31T12:17:58-07:00")
        );
        assert_eq!(
            read("3 Nov 2024 10:00 GMT"),
            repaired("2024-11-03T10:00:00+00:00")
        );
        assert_eq!(
            read("2024-11-23T10:00:05.5"),
            zoneless("2024-11-23T10:00:05.500+02:00")
        );
        for impossible in [
            "23096-23-09T90:2323:00+00:00",
            "22036-22-09T320:2222:00+02:00",
            "2024-02-30T10:00:00",
            "yesterday",
            "",
            "2024-11-23T10:00:00+2",
            "+024-11-23",
            "Fri, 31 Foo 2019 12:17:58 -0700",
            "31 May 2019 25:00:00 GMT",
            "2024-11-23T10",
            "2024-11-23T10:00:05.x",
        ] {
            assert_eq!(read(impossible), None, "{impossible}");
        }
    }

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
