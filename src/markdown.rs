//! Markdown to HTML, always through an allow-list sanitizer. `SanitizedHtml` can only be made
//! here, so anything a template prints unescaped has been sanitized.
use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// HTML that went through the sanitizer. Templates print it as is; nothing else is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizedHtml(String);

impl SanitizedHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Re-reads HTML that this module produced earlier and stored, sanitizing it again. For HTML
    /// whose origin is not known; the comment rows this program wrote use [`Self::from_own_row`].
    pub fn from_stored(html: &str) -> SanitizedHtml {
        SanitizedHtml(COMMENT_SANITIZER.clean(html).to_string())
    }

    /// Trusts a `body_html` column as already sanitized. Only `crate::store::sqlite::comments` calls this,
    /// for rows of the `comments` table, whose `body_html` is only ever written from a
    /// `SanitizedHtml` (by `db::comments::insert` and `update_body`, which take this type), so
    /// everything that reaches a template still went through the sanitizer when it was written.
    /// Re-sanitizing on every read cost about 20 µs a comment, most of an article page's render.
    pub(crate) fn from_own_row(html: String) -> SanitizedHtml {
        SanitizedHtml(html)
    }
}

impl fmt::Display for SanitizedHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for SanitizedHtml {}

/// Containers nested deeper than this are flattened, so hostile input like a 10,000-deep block
/// quote cannot blow up the sanitizer's tree or the reader's browser.
const MAX_NESTING: usize = 6;

/// Built once: constructing an ammonia builder fills several hash sets.
static COMMENT_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(comment_sanitizer);

static ARTICLE_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.link_rel(Some("noopener"));
    b
});

fn comment_sanitizer() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = ["p", "br", "em", "strong", "a", "blockquote", "ul", "ol", "li", "code", "pre"].into();
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow ugc noopener"))
        .url_relative(ammonia::UrlRelative::Deny)
        .strip_comments(true);
    b
}

/// Renders a reader's comment: paragraphs, line breaks, emphasis, links, block quotes, lists,
/// inline code. Raw HTML shows as text; images become links; headings become paragraphs.
pub fn render_comment(md: &str) -> SanitizedHtml {
    let parser = Parser::new_ext(md, Options::empty());
    let mut depth = 0usize;
    let mut dropped: Vec<bool> = Vec::new();
    let events = parser.filter_map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::SoftBreak => Some(Event::HardBreak),
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Image { dest_url, .. }) => Some(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url,
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        })),
        Event::End(TagEnd::Image) => Some(Event::End(TagEnd::Link)),
        Event::Start(tag @ (Tag::BlockQuote(_) | Tag::List(_) | Tag::Item)) => {
            depth += 1;
            let drop = depth > MAX_NESTING;
            dropped.push(drop);
            if drop { None } else { Some(Event::Start(tag)) }
        }
        Event::End(end @ (TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item)) => {
            depth = depth.saturating_sub(1);
            if dropped.pop().unwrap_or(false) { None } else { Some(Event::End(end)) }
        }
        Event::Rule => None,
        other => Some(other),
    });
    let mut html = String::with_capacity(md.len() + md.len() / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    SanitizedHtml(COMMENT_SANITIZER.clean(&html).to_string())
}

/// Renders an article body (operator content): full CommonMark, still sanitized.
pub fn render_article(md: &str) -> SanitizedHtml {
    let parser = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut html = String::with_capacity(md.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, parser);
    SanitizedHtml(ARTICLE_SANITIZER.clean(&html).to_string())
}

/// Plain text of a comment for feeds' summaries and meta descriptions.
pub fn excerpt(md: &str, max_chars: usize) -> String {
    let text: String = md.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        text
    } else {
        let mut s: String = text.chars().take(max_chars).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        render_comment(s).0
    }

    #[test]
    fn the_subset_renders() {
        assert_eq!(r("*a* **b** `c`"), "<p><em>a</em> <strong>b</strong> <code>c</code></p>\n");
        assert!(r("> q").contains("<blockquote>"));
        assert!(r("- x\n- y").contains("<li>x</li>"));
        // A single newline is a line break; pulldown-cmark writes a newline after the <br>.
        assert_eq!(r("line1\nline2"), "<p>line1<br>\nline2</p>\n");
    }

    #[test]
    fn raw_html_shows_as_text() {
        let out = r("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn only_safe_link_schemes_survive_and_get_rel() {
        let out = r(
            "[a](https://e.example/x) [b](javascript:alert(1)) [c](java&#x09;script:alert(1)) [d](mailto:x@e.example)",
        );
        assert!(out.contains(r#"<a href="https://e.example/x" rel="nofollow ugc noopener">a</a>"#), "{out}");
        assert!(!out.to_lowercase().contains("javascript"), "{out}");
        assert!(out.contains("mailto:x@e.example"), "{out}");
    }

    #[test]
    fn images_become_links() {
        let out = r("![alt](https://e.example/i.png)");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("https://e.example/i.png"), "{out}");
    }

    #[test]
    fn very_deep_nesting_is_flattened() {
        let out = r(&format!("{}deep", "> ".repeat(10_000)));
        assert_eq!(out.matches("<blockquote>").count(), MAX_NESTING);
        assert!(out.contains("deep"));
        let list = r(&format!("{}x", "- ".repeat(10_000)));
        assert!(list.matches("<ul>").count() <= MAX_NESTING);
    }
}
