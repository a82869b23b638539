//! Prints what Vistka will show of a feed, for its publisher:
//!   check_feed FILE [--wordpress] [--config FILE] [--feed-url URL] [--each]
//! Run by scripts/check-feed.sh, which fetches a URL into a file first and documents the
//! options; the report itself is `vistka::feed_check`. Exits 1 when Vistka refuses the feed.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    match native::run(std::env::args().skip(1).collect()) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(native::Failure::Usage) => {
            eprintln!("{}", native::USAGE);
            ExitCode::from(2)
        }
        Err(native::Failure::Refused(message)) => {
            eprintln!("check-feed: Vistka refuses this feed. {message}");
            ExitCode::FAILURE
        }
        Err(native::Failure::Unreadable(message)) => {
            eprintln!("check-feed: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Nothing to do in the browser: this tool is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fs;
    use vistka::config::{SiteConfig, SourceKind};
    use vistka::feed_check::{check_feed, CheckRequest};

    pub const USAGE: &str =
        "usage: check_feed FILE [--wordpress] [--config FILE] [--feed-url URL] [--each]";

    pub enum Failure {
        Usage,
        /// The feed or the configuration cannot be read.
        Unreadable(String),
        /// Vistka would not show the feed: why.
        Refused(String),
    }

    pub fn run(args: Vec<String>) -> Result<String, Failure> {
        let mut file = None;
        let mut wordpress = false;
        let mut config = None;
        let mut feed_url = None;
        let mut each = false;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--wordpress" => wordpress = true,
                "--each" => each = true,
                "--config" => config = Some(args.next().ok_or(Failure::Usage)?),
                "--feed-url" => feed_url = Some(args.next().ok_or(Failure::Usage)?),
                flag if flag.starts_with("--") => return Err(Failure::Usage),
                _ if file.is_some() => return Err(Failure::Usage),
                _ => file = Some(arg),
            }
        }
        let file = file.ok_or(Failure::Usage)?;
        let read = |path: &str| {
            fs::read_to_string(path)
                .map_err(|error| Failure::Unreadable(format!("cannot read {path}: {error}")))
        };
        let config = match config {
            Some(path) => SiteConfig::parse(&read(&path)?)
                .map_err(|error| Failure::Unreadable(format!("{path}: {error}")))?,
            None => SiteConfig::default(),
        };
        let text = read(&file)?;
        // As the app reads it: the configured source, from where it was fetched.
        let kind = match wordpress {
            true => SourceKind::WordPress,
            false => config.source.kind,
        };
        let feed_url = feed_url.unwrap_or_else(|| config.source.url.clone());
        check_feed(&CheckRequest {
            text: &text,
            kind,
            options: config.read_options(&feed_url),
            name: config.name.as_deref(),
            each,
        })
        .map_err(Failure::Refused)
    }
}
