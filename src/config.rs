//! The publisher's runtime configuration, `config.json` beside `index.html`. Every key is
//! optional; a missing file or key means the documented default (see README).

use crate::consent::ConsentPolicy;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteConfig {
    pub consent: ConsentPolicy,
    /// A script URL inserted only after the reader consents to analytics.
    pub analytics_script: Option<String>,
}

impl SiteConfig {
    /// Reads `config.json`. A key of the wrong type is named in the error rather than ignored,
    /// so a publisher's typo is found at once.
    pub fn parse(text: &str) -> Result<SiteConfig, String> {
        let value: Value = serde_json::from_str(text)
            .map_err(|error| format!("config.json is not valid JSON: {error}"))?;
        let defaults = SiteConfig::default();
        let consent = value.get("consent").unwrap_or(&Value::Null);
        Ok(SiteConfig {
            consent: ConsentPolicy {
                revision: number(consent, "revision", "consent.revision")?
                    .unwrap_or(defaults.consent.revision),
                lifetime_days: number(consent, "lifetime_days", "consent.lifetime_days")?
                    .unwrap_or(defaults.consent.lifetime_days),
            },
            analytics_script: match consent.get("analytics_script") {
                None | Some(Value::Null) => None,
                Some(Value::String(url)) if crate::html::is_safe_url(url) => Some(url.clone()),
                Some(_) => {
                    return Err(
                        "consent.analytics_script must be an http(s) or relative URL".into(),
                    )
                }
            },
        })
    }
}

fn number(object: &Value, key: &str, name: &str) -> Result<Option<u32>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n > 0)
            .map(Some)
            .ok_or_else(|| format!("{name} must be a whole number above 0")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_config_is_all_defaults() {
        assert_eq!(SiteConfig::parse("{}"), Ok(SiteConfig::default()));
        assert_eq!(
            SiteConfig::default().consent,
            ConsentPolicy {
                revision: 1,
                lifetime_days: 182
            }
        );
    }

    #[test]
    fn reads_the_consent_settings() {
        let config = SiteConfig::parse(
            r#"{"consent": {"revision": 3, "lifetime_days": 90, "analytics_script": "/stats.js"}}"#,
        )
        .expect("valid");
        assert_eq!(
            config.consent,
            ConsentPolicy {
                revision: 3,
                lifetime_days: 90
            }
        );
        assert_eq!(config.analytics_script.as_deref(), Some("/stats.js"));
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        for (text, field) in [
            (r#"{"consent": {"revision": "2"}}"#, "consent.revision"),
            (
                r#"{"consent": {"lifetime_days": -5}}"#,
                "consent.lifetime_days",
            ),
            (
                r#"{"consent": {"lifetime_days": 0}}"#,
                "consent.lifetime_days",
            ),
            (
                r#"{"consent": {"analytics_script": "javascript:alert(1)"}}"#,
                "consent.analytics_script",
            ),
        ] {
            let error = SiteConfig::parse(text).expect_err(text);
            assert!(error.contains(field), "{error}");
        }
        assert!(SiteConfig::parse("{")
            .expect_err("broken")
            .contains("not valid JSON"));
    }
}
