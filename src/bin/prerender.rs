//! Writes the prerendered site into a folder Trunk built:
//!   prerender --dist DIR --feed FILE [--config FILE]
//! Run by scripts/build.sh, which documents the options; see src/prerender/. The build's time
//! (what counts as recent news) is now, or `SOURCE_DATE_EPOCH` for a reproducible build.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    match native::run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prerender: {message}");
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
    use std::path::PathBuf;
    use std::time::{Instant, SystemTime, UNIX_EPOCH};
    use vistka::prerender::{build_site, BuildInput};

    const USAGE: &str = "usage: prerender --dist DIR --feed FILE [--config FILE]";

    pub fn run(args: Vec<String>) -> Result<(), String> {
        let mut dist = None;
        let mut feed = None;
        let mut config = None;
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or(USAGE)?;
            match flag.as_str() {
                "--dist" => dist = Some(PathBuf::from(value)),
                "--feed" => feed = Some(PathBuf::from(value)),
                "--config" => config = Some(PathBuf::from(value)),
                _ => return Err(USAGE.into()),
            }
        }
        let (Some(dist), Some(feed)) = (dist, feed) else {
            return Err(USAGE.into());
        };
        let read = |path: &PathBuf| {
            fs::read_to_string(path)
                .map_err(|error| format!("cannot read {}: {error}", path.display()))
        };
        let input = BuildInput {
            feed: read(&feed)?,
            config: config.as_ref().map(read).transpose()?,
            dist,
            now: build_time()?,
        };
        let started = Instant::now();
        let report = build_site(&input)?;
        for warning in &report.warnings {
            eprintln!("prerender: warning: {warning}");
        }
        for skipped in &report.skipped {
            eprintln!("prerender: warning: skipped {skipped}");
        }
        if report.skipped_items > 0 {
            eprintln!(
                "prerender: warning: the feed has {} item(s) without a usable id, title or date, or with a repeated id",
                report.skipped_items
            );
        }
        println!(
            "prerender: {} pages, {:.1} MB, and {}, in {:.1} s into {}",
            report.pages,
            report.bytes as f64 / 1_000_000.0,
            report.site_files.join(", "),
            started.elapsed().as_secs_f64(),
            input.dist.display()
        );
        Ok(())
    }

    /// Now, or the time `SOURCE_DATE_EPOCH` names (seconds since 1970, the reproducible-builds
    /// convention), in UTC.
    fn build_time() -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
        let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(text) => text
                .trim()
                .parse::<i64>()
                .map_err(|_| "SOURCE_DATE_EPOCH must be a whole number of seconds")?,
            Err(_) => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs() as i64),
        };
        chrono::DateTime::from_timestamp(seconds, 0)
            .map(|time| time.fixed_offset())
            .ok_or_else(|| "SOURCE_DATE_EPOCH is out of range".to_owned())
    }
}
