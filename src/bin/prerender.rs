//! Writes the prerendered site into a folder Trunk built:
//!   prerender --dist DIR --feed FILE [--config FILE]
//! Run by scripts/build.sh, which documents the options; see src/prerender/.

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
    use std::time::Instant;
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
        };
        let started = Instant::now();
        let report = build_site(&input)?;
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
            "prerender: {} pages, {:.1} MB, in {:.1} s into {}",
            report.pages,
            report.bytes as f64 / 1_000_000.0,
            started.elapsed().as_secs_f64(),
            input.dist.display()
        );
        Ok(())
    }
}
