//! Comments: the reader's text and name, validated before anything else sees them.
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

pub const MAX_BODY_CHARS: usize = 5_000;
pub const MAX_AUTHOR_CHARS: usize = 80;
/// Replies nest this deep; a reply to a comment at this depth becomes its sibling.
pub const MAX_DEPTH: i64 = 5;

/// A problem with one field of a submission, worded for the person who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
    /// The catalogue message for pages in other languages, and its numeric arguments.
    #[serde(skip)]
    pub id: &'static str,
    #[serde(skip)]
    pub args: Vec<(&'static str, i64)>,
    /// Its text arguments (what the person typed, shown back).
    #[serde(skip)]
    pub text_args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into(), id: "", args: Vec::new(), text_args: Vec::new() }
    }

    /// Names the catalogue message that says the same as `message`.
    pub fn id(mut self, id: &'static str, args: &[(&'static str, i64)]) -> Self {
        self.id = id;
        self.args = args.to_vec();
        self
    }

    /// Adds a text argument of the catalogue message.
    pub fn text_arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.text_args.push((name, value.into()));
        self
    }
}

fn n(x: usize) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// The text of a comment: trimmed, NFC-normalized, 1 to 5,000 characters, no control
/// characters other than newline and tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(raw: &str) -> Result<CommentBody, FieldError> {
        // CRLF from form posts becomes LF, so the length a reader sees is the length we count.
        let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
        let normalized: String = unified.trim().nfc().collect();
        if normalized.is_empty() {
            return Err(FieldError::new("body", "Please write a comment before posting.").id("error-body-empty", &[]));
        }
        let chars = normalized.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(FieldError::new(
                "body",
                format!(
                    "Your comment is {chars} characters long; the limit is {MAX_BODY_CHARS}. \
                     Please shorten it by {} characters.",
                    chars - MAX_BODY_CHARS
                ),
            )
            .id(
                "error-body-too-long",
                &[("count", n(chars)), ("max", n(MAX_BODY_CHARS)), ("over", n(chars - MAX_BODY_CHARS))],
            ));
        }
        if normalized.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(FieldError::new(
                "body",
                "Your comment contains invisible control characters; please remove them.",
            )
            .id("error-body-control", &[]));
        }
        Ok(CommentBody(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name a reader signs with; empty means "Anonymous".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorName(String);

impl AuthorName {
    pub fn parse(raw: &str) -> Result<AuthorName, FieldError> {
        let normalized: String = raw.trim().nfc().collect();
        if normalized.chars().any(|c| c == '\n' || c == '\r') {
            return Err(FieldError::new("author", "Your name must fit on one line.").id("error-name-line", &[]));
        }
        if normalized.chars().any(char::is_control) {
            return Err(FieldError::new(
                "author",
                "Your name contains invisible control characters; please remove them.",
            )
            .id("error-name-control", &[]));
        }
        let chars = normalized.chars().count();
        if chars > MAX_AUTHOR_CHARS {
            return Err(FieldError::new(
                "author",
                format!("Your name is {chars} characters long; the limit is {MAX_AUTHOR_CHARS}."),
            )
            .id("error-name-too-long", &[("count", n(chars)), ("max", n(MAX_AUTHOR_CHARS))]));
        }
        Ok(AuthorName(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn display(name: &str) -> &str {
        if name.is_empty() { "Anonymous" } else { name }
    }
}

/// Where a comment stands. Only `Published` ever reaches readers (and `Pending` its own author).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Published,
    Pending,
    Rejected,
    Spam,
    Deleted,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Published => "published",
            CommentStatus::Pending => "pending",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
            CommentStatus::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<CommentStatus> {
        Some(match s {
            "published" => CommentStatus::Published,
            "pending" => CommentStatus::Pending,
            "rejected" => CommentStatus::Rejected,
            "spam" => CommentStatus::Spam,
            "deleted" => CommentStatus::Deleted,
            _ => return None,
        })
    }
}

/// A validated submission, ready for the writer.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author: AuthorName,
    pub body: CommentBody,
    pub body_html: crate::markdown::SanitizedHtml,
    pub status: CommentStatus,
    pub author_key: Option<String>,
    pub ip_hash: Option<String>,
    /// Why the comment is not published, for moderators.
    pub reasons: Vec<Reason>,
    /// The learned probability that it needs a moderator, when the classifier gave one.
    pub score: Option<f64>,
    /// Near-duplicate fingerprint of the text (see `moderation::fingerprint`), as stored.
    pub fingerprint: Option<i64>,
}

/// A reason a check gave for holding a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: String,
    pub message: String,
    /// The passages of the body that matched, for highlighting; often empty.
    pub spans: Vec<Span>,
    /// What the reason asked for by itself: the Rules page credits a rule only with the comments
    /// it held, not with those it merely noted.
    pub action: ReasonAction,
}

impl Reason {
    /// A reason that holds the comment and points at no particular text.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Reason {
        Reason { code: code.into(), message: message.into(), spans: Vec::new(), action: ReasonAction::Hold }
    }
}

/// What one reason asked for (stored as `comment_reasons.action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonAction {
    /// A note for moderators that held nothing by itself.
    Note,
    Hold,
    Spam,
}

impl ReasonAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonAction::Note => "note",
            ReasonAction::Hold => "hold",
            ReasonAction::Spam => "spam",
        }
    }

    /// Unknown values read as `Hold`, what every reason stored before the column meant.
    pub fn parse(s: &str) -> ReasonAction {
        match s {
            "note" => ReasonAction::Note,
            "spam" => ReasonAction::Spam,
            _ => ReasonAction::Hold,
        }
    }
}

/// A byte range of a comment's original body (stored as JSON `{"start":..,"end":..}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A comment as readers (or its author) see it.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub depth: i64,
    pub author: String,
    pub body_md: String,
    pub body_html: crate::markdown::SanitizedHtml,
    pub status: CommentStatus,
    pub created_at: time::OffsetDateTime,
    pub edited_at: Option<time::OffsetDateTime>,
    pub author_key: Option<String>,
    /// Readers' standing reactions ("Respect"), as stored (see `store::ReactionRequest`).
    pub reactions: i64,
    /// An editors' pick.
    pub featured: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_trimmed_and_normalized() {
        let b = CommentBody::parse("  e\u{301}te\u{301}  ").unwrap();
        assert_eq!(b.as_str(), "\u{e9}t\u{e9}");
    }

    #[test]
    fn empty_and_whitespace_bodies_are_refused() {
        assert!(CommentBody::parse("").is_err());
        assert!(CommentBody::parse(" \n\t ").is_err());
    }

    #[test]
    fn body_length_limit_counts_characters_not_bytes() {
        assert!(CommentBody::parse(&"é".repeat(5000)).is_ok());
        let err = CommentBody::parse(&"a".repeat(5001)).unwrap_err();
        assert!(err.message.contains("5001"));
    }

    #[test]
    fn control_characters_other_than_newline_and_tab_are_refused() {
        assert!(CommentBody::parse("a\tb\nc\r\nd").is_ok());
        assert!(CommentBody::parse("a\u{0}b").is_err());
        assert!(CommentBody::parse("a\u{1b}[31mb").is_err());
    }

    #[test]
    fn author_must_be_one_short_line() {
        assert_eq!(AuthorName::parse("  Ann ").unwrap().as_str(), "Ann");
        assert!(AuthorName::parse("Ann\r\nSet-Cookie: x").is_err());
        assert!(AuthorName::parse(&"x".repeat(81)).is_err());
        assert!(AuthorName::parse(&"x".repeat(80)).is_ok());
        assert_eq!(AuthorName::display(""), "Anonymous");
    }
}
