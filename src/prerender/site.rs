//! Writing the whole prerendered site into the output folder, page by page.

use super::head::{head_tags, SiteFacts};
use super::{output_file, render_page, site_files, PageRole, PageTemplate};
use crate::config::SiteConfig;
use crate::feed::{parse_source, Feed};
use crate::routes::{site_paths, BASE};
use chrono::{DateTime, FixedOffset};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// What to prerender from.
pub struct BuildInput {
    /// The folder Trunk built; its `index.html` is the template.
    pub dist: PathBuf,
    /// The feed's text, as the site will serve it (`dist/feed.json` for a JSON Feed source).
    pub feed: String,
    /// `config.json`'s text; `None` for the defaults.
    pub config: Option<String>,
    /// The build's time: what is recent news for the news sitemap.
    pub now: DateTime<FixedOffset>,
}

/// What was written.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub bytes: u64,
    /// Views that could not be prerendered, with the reason; the build goes on without them.
    pub skipped: Vec<String>,
    /// Feed items the parser could not use at all.
    pub skipped_items: usize,
    /// What the publisher should fix, though the site works: said once each.
    pub warnings: Vec<String>,
    /// The site files written beside the pages: `robots.txt`, sitemaps, `rss.xml`.
    pub site_files: Vec<String>,
}

/// Reads the configuration and the feed, then writes every view and `404.html`. Fails, with a
/// message that says what to fix, only on what makes the whole site impossible: an unreadable
/// configuration, feed or template. One view that cannot be rendered is skipped and reported.
pub fn build_site(input: &BuildInput) -> Result<BuildReport, String> {
    let config = match &input.config {
        Some(text) => SiteConfig::parse(text)?,
        None => SiteConfig::default(),
    };
    let feed = parse_source(
        config.source.kind,
        &input.feed,
        &config.read_options(&config.source.url),
    )
    .map_err(|error| format!("the feed cannot be used: {error:?}"))?;
    let index = input.dist.join("index.html");
    let template = fs::read_to_string(&index)
        .map_err(|error| format!("cannot read {}: {error}", index.display()))?;
    let template = PageTemplate::parse(&template).map_err(|error| error.to_string())?;
    let warnings = address_warnings(&config);
    // The site files need absolute addresses: without one there is no RSS to offer.
    let facts = SiteFacts::new(&config, &feed, config.url.is_some());
    let config = Arc::new(config);
    let feed = Arc::new(feed);
    let paths: Vec<String> = site_paths(&feed, config.page_size).collect();
    let site = Site {
        config: &config,
        feed: &feed,
        facts: &facts,
        template: &template,
        dist: &input.dist,
    };
    let report = Mutex::new(BuildReport {
        skipped_items: feed.report.skipped.len(),
        warnings,
        ..BuildReport::default()
    });
    let next = AtomicUsize::new(0);
    let workers = thread::available_parallelism().map_or(2, |n| n.get());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = site.write(path, output_file(path, BASE), PageRole::View);
                    record(&report, path, outcome);
                }
            });
        }
    });
    // The not-found view, which hosts serve for any path the build did not know.
    let not_found = format!("{BASE}404.html");
    let outcome = site.write(&not_found, Some("404.html".into()), PageRole::Fallback);
    record(&report, &not_found, outcome);
    let mut report = report
        .into_inner()
        .map_err(|_| "a prerender thread failed".to_owned())?;
    for file in site_files(&config, &feed, input.now) {
        let target = input.dist.join(&file.name);
        fs::write(&target, &file.text)
            .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
        report.site_files.push(file.name);
    }
    Ok(report)
}

/// What the publisher should know about `publication.url`: the build works without it, but
/// link previews and search engines get less.
fn address_warnings(config: &SiteConfig) -> Vec<String> {
    match &config.url {
        None => vec![
            "config.json has no publication.url (the site's public address, like \
             https://example.com/news/): link previews get no og:url or picture from the \
             site, and no sitemap.xml, news-sitemap.xml or rss.xml is written"
                .to_owned(),
        ],
        Some(url) if url.path() != BASE => vec![format!(
            "publication.url {url} does not end in the build's base {BASE}: \
             its addresses are made from its origin and {BASE}"
        )],
        Some(url) if url.to_string().contains(".example/") => vec![format!(
            "publication.url is {url}, the demo's address: set it to your site's"
        )],
        Some(_) => Vec::new(),
    }
}

struct Site<'a> {
    config: &'a Arc<SiteConfig>,
    feed: &'a Arc<Feed>,
    facts: &'a SiteFacts,
    template: &'a PageTemplate,
    dist: &'a Path,
}

impl Site<'_> {
    /// Renders and writes one view; returns the bytes written.
    fn write(&self, path: &str, file: Option<String>, role: PageRole) -> Result<u64, String> {
        let file = file.ok_or("its path cannot be a file name")?;
        // A bug that panics on one item's data costs that page, not the site.
        let page = catch_unwind(AssertUnwindSafe(|| {
            render_page(self.config, self.feed, path)
        }))
        .map_err(|_| "rendering it failed".to_owned())?;
        let meta = page.meta.as_ref().ok_or("the view gave no title")?;
        let html = self
            .template
            .fill(&page, &head_tags(meta, self.facts), role);
        let target = self.dist.join(file);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(|error| error.to_string())?;
        }
        fs::write(&target, &html).map_err(|error| error.to_string())?;
        Ok(html.len() as u64)
    }
}

fn record(report: &Mutex<BuildReport>, path: &str, outcome: Result<u64, String>) {
    let Ok(mut report) = report.lock() else {
        return;
    };
    match outcome {
        Ok(bytes) => {
            report.pages += 1;
            report.bytes += bytes;
        }
        Err(reason) => report.skipped.push(format!("{path}: {reason}")),
    }
}
