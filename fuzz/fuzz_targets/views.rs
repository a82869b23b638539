//! What the views compute from a parsed feed, run on fuzzed feeds too.
use vistka::dates::long_date;
use vistka::embed::Embeds;
use vistka::feed::{Body, Feed};
use vistka::html::sanitize;
use vistka::i18n::Lang;
use vistka::paging::page;

pub fn exercise(feed: &Feed) {
    for article in &feed.articles {
        let _ = article.excerpt();
        let _ = long_date(&article.published, Lang::Uk);
        let _ = long_date(&article.published, Lang::En);
        if let Body::Html(html) = &article.body {
            let _ = sanitize(html, Embeds::Load);
        }
        assert!(feed.article(&article.slug).is_some(), "every slug must open an article");
    }
    for category in &feed.categories {
        assert!(feed.in_category(&category.slug).next().is_some());
    }
    let _ = page(&feed.articles, 1, 20);
}
