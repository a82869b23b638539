//! Cookie consent: what a stored choice means and when to ask again. Pure; the browser side
//! (localStorage, the banner) lives in `browser` and `views::consent`.
//!
//! The record is one versioned JSON object under [`STORAGE_KEY`]:
//! `{"version":1,"revision":2,"given_at":"2026-11-25T10:00:00Z","id":"…","analytics":false,"media":true}`.
//! `id` is random, so a publisher can match a record to a consent log without it naming the
//! reader. Anything that does not read as such a record is no record: the reader is asked.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::Value;

/// The localStorage key of the record: strictly necessary, so it may be written without consent.
pub const STORAGE_KEY: &str = "vistka.consent";

/// The record format this code reads and writes.
const RECORD_VERSION: u32 = 1;

/// The optional categories. Necessary storage (this record itself) needs no consent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub analytics: bool,
    pub media: bool,
}

impl Choices {
    pub const ALL: Choices = Choices {
        analytics: true,
        media: true,
    };
    pub const NONE: Choices = Choices {
        analytics: false,
        media: false,
    };
}

/// The publisher's side: which policy text the reader agreed to, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsentPolicy {
    /// Raised by the publisher when the policy changes: older records no longer count.
    pub revision: u32,
    /// How long a choice holds before the reader is asked again.
    pub lifetime_days: u32,
}

impl Default for ConsentPolicy {
    /// Revision 1 and 182 days: about six months, the period CNIL recommends before a
    /// choice is asked for again.
    fn default() -> Self {
        ConsentPolicy {
            revision: 1,
            lifetime_days: 182,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsentRecord {
    pub version: u32,
    pub revision: u32,
    pub given_at: DateTime<Utc>,
    pub id: String,
    pub choices: Choices,
}

impl ConsentRecord {
    pub fn new(choices: Choices, policy: &ConsentPolicy, now: DateTime<Utc>, id: String) -> Self {
        ConsentRecord {
            version: RECORD_VERSION,
            revision: policy.revision,
            given_at: now,
            id,
            choices,
        }
    }

    /// The record as stored. Every field is a number, a boolean, an RFC 3339 time or the id
    /// (a UUID, or hex digits where `crypto.randomUUID` is missing), none of which needs
    /// escaping, so it is written with `format!` rather than serde_json's serializer, which no
    /// other code uses. Characters an id must not have are dropped rather than escaped.
    pub fn to_json(&self) -> String {
        let id: String = self
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        format!(
            r#"{{"version":{},"revision":{},"given_at":"{}","id":"{id}","analytics":{},"media":{}}}"#,
            self.version,
            self.revision,
            self.given_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            self.choices.analytics,
            self.choices.media,
        )
    }

    /// Reads a stored record; `None` for anything corrupt or of another format version.
    pub fn from_json(text: &str) -> Option<Self> {
        let record: Value = serde_json::from_str(text).ok()?;
        let number = |key: &str| u32::try_from(record.get(key)?.as_u64()?).ok();
        let flag = |key: &str| record.get(key)?.as_bool();
        let given_at = DateTime::parse_from_rfc3339(record.get("given_at")?.as_str()?).ok()?;
        let record = ConsentRecord {
            version: number("version")?,
            revision: number("revision")?,
            given_at: given_at.with_timezone(&Utc),
            id: record.get("id")?.as_str()?.to_owned(),
            choices: Choices {
                analytics: flag("analytics")?,
                media: flag("media")?,
            },
        };
        (record.version == RECORD_VERSION && !record.id.trim().is_empty()).then_some(record)
    }
}

/// The choices a stored record still stands for, or `None` when the reader must be asked:
/// no record, a corrupt one, one for an older policy revision, an expired one, or one dated in
/// the future (a clock set wrong, or a forged record).
pub fn standing_choices(
    stored: Option<&str>,
    policy: &ConsentPolicy,
    now: DateTime<Utc>,
) -> Option<Choices> {
    let record = ConsentRecord::from_json(stored?)?;
    let lifetime = Duration::days(i64::from(policy.lifetime_days));
    let fresh = record.given_at <= now + Duration::days(1) && now - record.given_at < lifetime;
    (record.revision >= policy.revision && fresh).then_some(record.choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("test timestamp")
            .with_timezone(&Utc)
    }

    fn stored(choices: Choices, revision: u32, given_at: &str) -> String {
        let policy = ConsentPolicy {
            revision,
            lifetime_days: 182,
        };
        ConsentRecord::new(
            choices,
            &policy,
            at(given_at),
            "3f0c6a52-1b1e-4d38-9c57-0d6f1c1a2b3c".into(),
        )
        .to_json()
    }

    const NOW: &str = "2026-11-25T12:00:00Z";

    #[test]
    fn a_first_visit_is_asked() {
        assert_eq!(
            standing_choices(None, &ConsentPolicy::default(), at(NOW)),
            None
        );
    }

    #[test]
    fn a_recent_record_of_the_current_revision_stands() {
        let record = stored(
            Choices {
                analytics: false,
                media: true,
            },
            1,
            "2026-11-01T08:00:00Z",
        );
        assert_eq!(
            standing_choices(Some(&record), &ConsentPolicy::default(), at(NOW)),
            Some(Choices {
                analytics: false,
                media: true
            })
        );
    }

    #[test]
    fn the_record_holds_everything_a_regulator_asks_for() {
        let record = stored(Choices::ALL, 3, "2026-11-01T08:00:00Z");
        let value: serde_json::Value = serde_json::from_str(&record).expect("JSON");
        assert_eq!(value["version"], 1);
        assert_eq!(value["revision"], 3);
        assert_eq!(value["given_at"], "2026-11-01T08:00:00Z");
        assert_eq!(value["id"], "3f0c6a52-1b1e-4d38-9c57-0d6f1c1a2b3c");
        assert_eq!(value["analytics"], true);
        assert_eq!(value["media"], true);
        assert_eq!(
            ConsentRecord::from_json(&record).map(|r| r.choices),
            Some(Choices::ALL)
        );
    }

    #[test]
    fn an_id_with_characters_json_would_escape_still_makes_a_valid_record() {
        let policy = ConsentPolicy::default();
        let id = "a\"b\\c}d\u{0}e-1".to_owned();
        let record = ConsentRecord::new(Choices::NONE, &policy, at(NOW), id).to_json();
        let read = ConsentRecord::from_json(&record).expect("a valid record");
        assert_eq!(read.id, "abcde-1");
        assert_eq!(read.choices, Choices::NONE);
    }

    #[test]
    fn a_raised_revision_asks_again() {
        let record = stored(Choices::ALL, 1, "2026-11-20T08:00:00Z");
        let policy = ConsentPolicy {
            revision: 2,
            ..ConsentPolicy::default()
        };
        assert_eq!(standing_choices(Some(&record), &policy, at(NOW)), None);
    }

    #[test]
    fn a_record_expires_after_its_lifetime() {
        let policy = ConsentPolicy::default();
        let just_inside = stored(Choices::NONE, 1, "2026-05-28T12:00:01Z");
        let just_outside = stored(Choices::NONE, 1, "2026-05-27T12:00:00Z");
        assert_eq!(
            standing_choices(Some(&just_inside), &policy, at(NOW)),
            Some(Choices::NONE)
        );
        assert_eq!(
            standing_choices(Some(&just_outside), &policy, at(NOW)),
            None
        );
        let short = ConsentPolicy {
            lifetime_days: 30,
            ..policy
        };
        assert_eq!(standing_choices(Some(&just_inside), &short, at(NOW)), None);
    }

    #[test]
    fn a_record_from_the_future_is_not_trusted() {
        let record = stored(Choices::ALL, 1, "2027-01-01T00:00:00Z");
        assert_eq!(
            standing_choices(Some(&record), &ConsentPolicy::default(), at(NOW)),
            None
        );
    }

    #[test]
    fn corrupt_records_ask_again() {
        let policy = ConsentPolicy::default();
        for corrupt in [
            "",
            "true",
            "{",
            "null",
            "{}",
            r#"{"version":2,"revision":1,"given_at":"2026-11-20T08:00:00Z","id":"x","analytics":true,"media":true}"#,
            r#"{"version":1,"revision":1,"given_at":"yesterday","id":"x","analytics":true,"media":true}"#,
            r#"{"version":1,"revision":1,"given_at":"2026-11-20T08:00:00Z","id":"","analytics":true,"media":true}"#,
            r#"{"version":1,"revision":1,"given_at":"2026-11-20T08:00:00Z","id":"x","analytics":"yes","media":true}"#,
            r#"{"version":1,"revision":-1,"given_at":"2026-11-20T08:00:00Z","id":"x","analytics":true,"media":true}"#,
            r#"{"version":1,"revision":4294967297,"given_at":"2026-11-20T08:00:00Z","id":"x","analytics":true,"media":true}"#,
            r#"{"version":1,"revision":1,"given_at":"2026-11-20T08:00:00Z","id":"x","analytics":true}"#,
            r#"{"version":1,"revision":1,"given_at":"2026-11-20T08:00:00Z","analytics":true,"media":true}"#,
            r#"{"version":1,"revision":1,"id":"x","analytics":true,"media":true}"#,
            r#"{"version":"1","revision":1,"given_at":"2026-11-20T08:00:00Z","id":"x","analytics":true,"media":true}"#,
            r#"[1,1,"2026-11-20T08:00:00Z","x",true,true]"#,
        ] {
            assert_eq!(
                standing_choices(Some(corrupt), &policy, at(NOW)),
                None,
                "{corrupt}"
            );
        }
    }
}
