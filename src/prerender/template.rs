//! The page Trunk built (`dist/index.html`, after `scripts/postbuild.mjs`: hashed assets, the
//! loader, the CSP) as the frame of every prerendered page: its `<head>` is kept, its
//! `<title>` replaced by the view's head tags (src/prerender/head.rs), and its `<body>` by
//! the view.

use super::RenderedPage;
use std::fmt;

/// `dist/index.html`, split where each page differs.
#[derive(Debug)]
pub struct PageTemplate {
    /// Up to `<html` (the doctype).
    before_html: String,
    /// After the `<html …>` tag, up to `<title>`: the charset, viewport and base, which must
    /// come before the view's tags.
    head_start: String,
    /// After `</title>`, up to and including `<body`.
    head_end: String,
    /// From `</body>` on.
    after_body: String,
}

/// What is wrong with a template: each names what the page must hold.
#[derive(Debug, PartialEq)]
pub struct TemplateError(pub(super) &'static str);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the built index.html {}", self.0)
    }
}

/// Which document a page is, for the app's start (src/boot.rs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PageRole {
    /// The document of this very view: the app takes it over once the live feed is read.
    View,
    /// `404.html`, served for any path the build did not know: the app routes it itself.
    Fallback,
}

impl PageTemplate {
    pub fn parse(html: &str) -> Result<PageTemplate, TemplateError> {
        let (before_html, rest) = split_at_tag(html, "<html")?;
        let (_, rest) = rest
            .split_once('>')
            .ok_or(TemplateError("has an unclosed <html> tag"))?;
        let (head_start, rest) = rest
            .split_once("<title>")
            .ok_or(TemplateError("has no <title>"))?;
        let (_, rest) = rest
            .split_once("</title>")
            .ok_or(TemplateError("has an unclosed <title>"))?;
        let (head_end, rest) = split_at_tag(rest, "<body")?;
        if head_end.contains("name=\"description\"") || head_end.contains("rel=\"canonical\"") {
            return Err(TemplateError(
                "has its own description or canonical link, which each view's would repeat",
            ));
        }
        let (_, body) = rest
            .split_once('>')
            .ok_or(TemplateError("has an unclosed <body> tag"))?;
        let (body, after_body) = split_at_tag(body, "</body>")?;
        if body.contains("<script") {
            return Err(TemplateError(
                "has a script in <body>, which the prerendered view would replace",
            ));
        }
        Ok(PageTemplate {
            before_html: before_html.to_owned(),
            head_start: head_start.to_owned(),
            head_end: format!("{head_end}<body"),
            after_body: after_body.to_owned(),
        })
    }

    /// The whole document for `page`, with `head_tags` in place of the built `<title>`.
    pub fn fill(&self, page: &RenderedPage, head_tags: &str, role: PageRole) -> String {
        let mut out = String::with_capacity(self.before_html.len() + page.body.len() + 4096);
        out.push_str(&self.before_html);
        out.push_str("<html lang=\"");
        out.push_str(page.lang);
        out.push_str("\">");
        out.push_str(&self.head_start);
        out.push_str(head_tags);
        out.push_str(&self.head_end);
        out.push_str(match role {
            PageRole::View => " data-prerendered=\"page\">",
            PageRole::Fallback => " data-prerendered=\"fallback\">",
        });
        out.push_str(&page.body);
        out.push_str(&self.after_body);
        out
    }
}

/// `text` split before the first `tag`.
fn split_at_tag<'a>(text: &'a str, tag: &str) -> Result<(&'a str, &'a str), TemplateError> {
    let at = text.find(tag).ok_or(TemplateError(match tag {
        "<html" => "has no <html> tag",
        "<body" => "has no <body> tag",
        _ => "has no </body>",
    }))?;
    Ok(text.split_at(at))
}
