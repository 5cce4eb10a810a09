//! Typed templates, compiled in. Autoescape stays on; only `SanitizedHtml` and `JsonLd` are
//! printed unescaped, each from exactly one place.
use std::fmt;

use actix_web::http::StatusCode;
use askama::Template;

use crate::assets;
use crate::domain::share::ShareLink;
use crate::i18n::Tr;
use crate::markdown::SanitizedHtml;

/// What every page's frame needs.
#[derive(Debug, Clone)]
pub struct Layout {
    pub site_name: String,
    /// `[server] base_path` ("" or e.g. `/comments`): templates write every link of the
    /// application as `{{ layout.base }}/...`, and pages tell their script through
    /// `<html data-base>`.
    pub base: String,
    pub css_url: String,
    pub js_url: String,
    pub favicon_url: String,
}

impl Layout {
    pub fn new(site_name: &str, base: &str) -> Self {
        Self {
            site_name: site_name.to_string(),
            base: base.to_string(),
            css_url: format!("{base}{}", assets::url("css/site.css")),
            js_url: format!("{base}{}", assets::url("js/article.js")),
            favicon_url: format!("{base}{}", assets::url("favicon.svg")),
        }
    }
}

/// schema.org data for a `<script type="application/ld+json">` block, escaped so that no value
/// can close the element.
#[derive(Debug, Clone)]
pub struct JsonLd(String);

impl JsonLd {
    pub fn new(value: &serde_json::Value) -> Self {
        let s = value.to_string();
        JsonLd(s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026"))
    }
}

impl fmt::Display for JsonLd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for JsonLd {}

#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage {
    /// The language the page is shown in.
    pub tr: Tr,
    pub layout: Layout,
    pub articles: Vec<ArticleListItem>,
}

pub struct ArticleListItem {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub published_iso: String,
    pub published_human: String,
    pub comment_count: i64,
}

/// Head metadata, all URLs absolute.
pub struct HeadMeta {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub og_type: &'static str,
    pub published_iso: Option<String>,
    pub json_ld: Option<JsonLd>,
}

pub struct CommentView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub depth: i64,
    pub author: String,
    pub body_html: SanitizedHtml,
    pub created_iso: String,
    pub created_human: String,
    pub edited: bool,
    pub pending: bool,
    pub own: bool,
    pub can_edit: bool,
    /// The inline reply form is open under this comment.
    pub replying: bool,
    /// Readers' reactions, as stored.
    pub reactions: i64,
    /// The viewer's own reaction stands (always false on the cached anonymous page).
    pub reacted: bool,
    /// An editors' pick.
    pub featured: bool,
}

/// An editors' pick in the box above the threads.
pub struct PickView {
    pub id: i64,
    pub author: String,
    pub body_html: SanitizedHtml,
    pub created_iso: String,
    pub created_human: String,
}

/// The comment form's state: what the reader typed and what was wrong with it.
#[derive(Default)]
pub struct CommentForm {
    pub body: String,
    pub author: String,
    pub parent_id: Option<i64>,
    pub token: String,
    pub body_error: Option<String>,
    pub author_error: Option<String>,
    pub form_error: Option<String>,
    /// "Tell me when someone replies" (shown when the site sends mail).
    pub notify_email: String,
    pub notify_email_error: Option<String>,
}

impl CommentForm {
    pub fn has_errors(&self) -> bool {
        self.body_error.is_some()
            || self.author_error.is_some()
            || self.form_error.is_some()
            || self.notify_email_error.is_some()
    }
    /// `aria-describedby` for the text box: the hint, plus the error when there is one.
    pub fn body_describedby(&self) -> &'static str {
        if self.body_error.is_some() { "body-hint body-error" } else { "body-hint" }
    }
    pub fn author_describedby(&self) -> &'static str {
        if self.author_error.is_some() { "author-hint author-error" } else { "author-hint" }
    }
}

/// Where a comment section is shown; its links and form stay in the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// On the article page Commentdesk renders (`/articles/{slug}`).
    Article,
    /// Inside the embed's iframe on the publisher's page (`/embed/{slug}`).
    Embed,
    /// The full page the embed's `noscript` link opens (`/c/{slug}`).
    Page,
}

impl View {
    /// The path of the section's page for this article, under `root` (`[server] base_path`).
    pub fn base(self, root: &str, slug: &str) -> String {
        match self {
            View::Article => format!("{root}/articles/{slug}"),
            View::Embed => format!("{root}/embed/{slug}"),
            View::Page => format!("{root}/c/{slug}"),
        }
    }

    /// The value of the form's hidden `view` field ("" on the article page, which has none).
    pub fn field(self) -> &'static str {
        match self {
            View::Article => "",
            View::Embed => "embed",
            View::Page => "page",
        }
    }

    pub fn from_field(s: Option<&str>) -> View {
        match s {
            Some("embed") => View::Embed,
            Some("page") => View::Page,
            _ => View::Article,
        }
    }
}

/// The comment section: count, notice, form, threads, "Show more" (`partials/comments.html`).
pub struct CommentSection {
    pub slug: String,
    /// `[server] base_path`, before every link of the application the section writes.
    pub root: String,
    /// The page the section's links point at (see [`View::base`]).
    pub base: String,
    pub form_action: String,
    /// The form's hidden `view` field (see [`View::field`]).
    pub view: &'static str,
    pub comments_open: bool,
    pub comment_count: i64,
    pub comments: Vec<CommentView>,
    /// `oldest`, `newest` or `best`.
    pub sort: &'static str,
    /// The reaction button's label (`[comments] reaction_label`).
    pub reaction_label: String,
    /// The editors' picks, shown in a box above the threads.
    pub picks: Vec<PickView>,
    /// A signed-in moderator's CSRF token: comments then carry a feature/unfeature button.
    pub moderator_csrf: Option<String>,
    /// Link for "Show more", when there are more threads than shown.
    pub more_url: Option<String>,
    pub notice: Option<String>,
    pub form: CommentForm,
    /// The reply form is open under a comment rather than at the top.
    pub reply_to: Option<i64>,
    pub feed_url: String,
    /// The site sends mail: the form offers reply notifications.
    pub mail_on: bool,
    /// What the section's links carry over to the next page (the embed's theme and accent), as
    /// more parameters (`&theme=dark`) and as a whole query (`?theme=dark`); empty elsewhere.
    pub keep: String,
    pub keep_query: String,
    /// The section's live stream, with the position the page shows (see `crate::live`).
    pub live_events: Option<String>,
}

/// Comments for the live page to insert: the section, of which the script takes the comments.
#[derive(Template)]
#[template(source = "{% include \"partials/comments.html\" %}", ext = "html")]
pub struct LiveFragment {
    pub tr: crate::i18n::Tr,
    pub section: CommentSection,
}

#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticlePage {
    /// The language the page is shown in.
    pub tr: Tr,
    pub layout: Layout,
    pub head: HeadMeta,
    pub slug: String,
    pub title: String,
    pub source: String,
    pub byline: Option<String>,
    pub published_iso: String,
    pub published_human: String,
    pub body_html: SanitizedHtml,
    pub canonical: String,
    pub share_links: Vec<ShareLink>,
    pub share_text: String,
    pub call_to_action: String,
    pub like_text: String,
    pub facebook_page_url: String,
    pub question: String,
    pub comment_prompt: String,
    pub section: CommentSection,
}

/// The comment section alone, inside the embed's iframe.
#[derive(Template)]
#[template(path = "embed.html")]
pub struct EmbedPage {
    /// The language the page is shown in.
    pub tr: Tr,
    /// `[server] base_path` (`<html data-base>`, for the script).
    pub base: String,
    pub css_url: String,
    pub js_url: String,
    pub title: String,
    /// `light`, `dark` or `auto`.
    pub theme: &'static str,
    /// A CSS colour (`#rrggbb`), validated.
    pub accent: Option<String>,
    /// Where the frame may tell its height (space-separated origins, all allowed ones).
    pub parent_origins: String,
    pub section: CommentSection,
}

/// The full page the embed's `noscript` link opens: the comment section and a link back.
#[derive(Template)]
#[template(path = "comments_page.html")]
pub struct CommentsPage {
    /// The language the page is shown in.
    pub tr: Tr,
    pub layout: Layout,
    pub head: HeadMeta,
    pub title: String,
    pub url: String,
    pub section: CommentSection,
}

#[derive(Template)]
#[template(path = "edit.html")]
pub struct EditPage {
    /// The language the page is shown in.
    pub tr: Tr,
    pub layout: Layout,
    pub head: HeadMeta,
    pub slug: String,
    pub article_title: String,
    pub comment_id: i64,
    pub body: String,
    pub body_error: Option<String>,
    pub minutes_left: i64,
}

pub struct ReasonChoice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct ReportPage {
    /// The language the page is shown in.
    pub tr: Tr,
    pub layout: Layout,
    pub slug: String,
    pub article_title: String,
    pub comment_id: i64,
    pub comment_author: String,
    pub comment_html: SanitizedHtml,
    pub reasons: Vec<ReasonChoice>,
    pub note: String,
    pub reason_error: Option<String>,
    pub note_error: Option<String>,
    pub form_error: Option<String>,
}

#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorPage {
    /// The language the page is shown in.
    pub tr: Tr,
    pub layout: Layout,
    pub status: u16,
    pub title: String,
    pub message: String,
}

impl ErrorPage {
    pub fn new(status: StatusCode, message: String, tr: Tr) -> Self {
        let id = match status.as_u16() {
            400 => "error-title-bad-request",
            401 => "error-title-unauthorized",
            403 => "error-title-forbidden",
            404 => "error-title-not-found",
            409 => "error-title-conflict",
            413 => "error-title-too-large",
            415 => "error-title-unsupported",
            422 => "error-title-invalid",
            429 => "error-title-too-many",
            503 => "error-title-unavailable",
            _ => "error-title-server",
        };
        ErrorPage { tr, layout: Layout::new("Commentdesk", ""), status: status.as_u16(), title: tr.t(id), message }
    }

    /// The site's frame (name and base path) instead of the bare one.
    pub fn with_layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }
}

pub fn iso(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let v = serde_json::json!({"headline": "</script><script>alert(1)</script>"});
        let s = JsonLd::new(&v).to_string();
        assert!(!s.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
