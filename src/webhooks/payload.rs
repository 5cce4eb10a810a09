//! What a delivery posts: the Standard Webhooks body `{type, timestamp, data}`, or Slack's
//! `{"text": ...}`. The comment is read when the delivery is made (so an author who asked to be
//! forgotten is not named by a late retry); what only the moment of the change knew (the
//! decision, the report's reason) comes from the outbox row. Never the commenter's address, IP
//! hash or author key.
use serde_json::{Value, json};

use super::{Delivery, EventKind, Format};
use crate::domain::article::Article;
use crate::domain::comment::{AuthorName, Comment, CommentStatus};

/// Characters of the comment in a Slack message, and of the article's title.
const EXCERPT_CHARS: usize = 80;
const TITLE_CHARS: usize = 60;

/// What the body is built from.
pub struct Source<'a> {
    pub delivery: &'a Delivery,
    pub comment: Option<&'a Comment>,
    pub article: Option<&'a Article>,
    /// `public_url` without a trailing slash, with `[server] base_path`.
    pub base: &'a str,
    /// The site's language, for the chat format's readable line.
    pub tr: crate::i18n::Tr,
}

fn iso(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn iso_ms(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).map(iso).unwrap_or_default()
}

/// The console's queue that shows the comment now.
fn console_url(s: &Source<'_>) -> String {
    let id = s.delivery.comment_id;
    let queue = match (EventKind::parse(&s.delivery.event), s.comment.map(|c| c.status)) {
        (Some(EventKind::Reported), Some(CommentStatus::Published | CommentStatus::Pending)) => "reported",
        (_, Some(CommentStatus::Published)) => "approved",
        (_, Some(CommentStatus::Rejected)) => "rejected",
        (_, Some(CommentStatus::Spam)) => "spam",
        _ => "pending",
    };
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    q.append_pair("queue", queue);
    if let Some(a) = s.article {
        q.append_pair("article", &a.slug);
    }
    format!("{}/moderation?{}#c-{id}", s.base, q.finish())
}

fn comment_json(s: &Source<'_>) -> Value {
    let id = s.delivery.comment_id;
    let Some(c) = s.comment else { return json!({ "id": id }) };
    let mut v = json!({
        "id": c.id,
        "parent_id": c.parent_id,
        "status": c.status.as_str(),
        "created_at": iso(c.created_at),
        "edited_at": c.edited_at.map(iso),
    });
    // A deleted comment's text and name are the author's to take back.
    if c.status != CommentStatus::Deleted {
        v["author"] = json!(AuthorName::display(&c.author));
        v["body"] = json!(c.body_md);
    }
    if c.status == CommentStatus::Published
        && let Some(a) = s.article
    {
        v["url"] = json!(format!("{}/articles/{}#comment-{}", s.base, a.slug, c.id));
    }
    v
}

/// The Standard Webhooks body.
pub fn standard(s: &Source<'_>) -> Value {
    let mut data = match serde_json::from_str::<Value>(&s.delivery.facts) {
        Ok(Value::Object(m)) => Value::Object(m),
        _ => json!({}),
    };
    data["comment"] = comment_json(s);
    data["article"] = match s.article {
        Some(a) => json!({
            "slug": a.slug,
            "title": a.title,
            "url": a.url.clone().unwrap_or_else(|| format!("{}/articles/{}", s.base, a.slug)),
        }),
        None => Value::Null,
    };
    data["console_url"] = json!(console_url(s));
    json!({
        "type": s.delivery.event,
        "timestamp": iso_ms(s.delivery.created_at),
        "data": data,
    })
}

fn cut(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max).collect::<String>().trim_end().to_string();
    out.push('…');
    out
}

/// Slack's markup characters, escaped as its documentation asks.
fn slack_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The readable line for Slack: `Held: 'I will find you…' on *Russian ambassador…* – open in
/// console <link>`.
pub fn slack(s: &Source<'_>) -> Value {
    let tr = s.tr;
    let facts: Value = serde_json::from_str(&s.delivery.facts).unwrap_or(Value::Null);
    let fact = |k: &str| facts.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let what = match EventKind::parse(&s.delivery.event) {
        Some(EventKind::Published) => tr.t("hook-published"),
        Some(EventKind::Held) => tr.t("hook-held"),
        Some(EventKind::Reported) => match fact("report_reason") {
            r if r.is_empty() => tr.t("hook-reported"),
            r => tr.a("hook-reported-why", "reason", tr.key("reason-", &r)),
        },
        Some(EventKind::Decided) => {
            let verb = match fact("action").as_str() {
                "approve" => tr.t("hook-approved"),
                "reject" => tr.t("hook-rejected"),
                "spam" => tr.t("hook-spam"),
                "ban" => tr.t("hook-banned"),
                "undo" => tr.t("hook-undone"),
                _ => tr.t("hook-decided"),
            };
            match fact("moderator") {
                m if m.is_empty() => verb,
                m => tr.a2("hook-by", "what", verb, "moderator", m),
            }
        }
        Some(EventKind::Edited) => tr.t("hook-edited"),
        Some(EventKind::Deleted) => tr.t("hook-deleted"),
        None => s.delivery.event.clone(),
    };
    let text = match s.comment {
        Some(c) if c.status != CommentStatus::Deleted => format!("'{}'", cut(&c.body_md, EXCERPT_CHARS)),
        _ => tr.a("hook-comment-number", "id", s.delivery.comment_id.to_string()),
    };
    let title = match s.article {
        Some(a) => format!("*{}*", slack_escape(&cut(&a.title, TITLE_CHARS))),
        None => slack_escape(&tr.t("hook-an-article")),
    };
    let line = format!(
        "{} – {} <{}>",
        tr.args("hook-line", &[("what", &slack_escape(&what)), ("text", &slack_escape(&text)), ("title", &title)]),
        slack_escape(&tr.t("hook-open-console")),
        console_url(s)
    );
    json!({ "text": line })
}

pub fn body(format: Format, s: &Source<'_>) -> Vec<u8> {
    let v = match format {
        Format::Standard => standard(s),
        Format::Slack => slack(s),
    };
    v.to_string().into_bytes()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::webhooks::DeliveryStatus;

    fn delivery(event: &str, facts: Value) -> Delivery {
        Delivery {
            id: 1,
            msg_id: "msg_1".into(),
            event: event.into(),
            target: "https://hooks.example/".into(),
            comment_id: 12,
            facts: facts.to_string(),
            status: DeliveryStatus::Pending,
            attempts: 0,
            created_at: 1_482_192_000_000,
            next_attempt_at: 0,
            expires_at: 0,
            last_status: None,
            last_error: None,
            updated_at: None,
        }
    }

    fn comment(status: CommentStatus, body: &str) -> Comment {
        Comment {
            id: 12,
            article_id: 1,
            parent_id: None,
            depth: 0,
            author: "Ivan".into(),
            body_md: body.into(),
            body_html: crate::markdown::render_comment(body),
            status,
            created_at: time::macros::datetime!(2016-12-19 18:00 UTC),
            edited_at: None,
            author_key: Some("secret-author-key".into()),
            reactions: 0,
            featured: false,
        }
    }

    fn article() -> Article {
        let prompt = String::new;
        Article {
            id: 1,
            slug: "russian-ambassador".into(),
            title: "Russian ambassador to Turkey shot dead at an Ankara art gallery".into(),
            description: String::new(),
            source: String::new(),
            byline: None,
            published_at: time::OffsetDateTime::UNIX_EPOCH,
            body_md: String::new(),
            comments_open: true,
            premoderation: false,
            share: crate::domain::article::SharePrompts {
                text: prompt(),
                call_to_action: prompt(),
                like_text: prompt(),
                question: prompt(),
                comment_prompt: prompt(),
            },
            url: None,
            language: None,
        }
    }

    #[test]
    fn the_slack_line_names_the_event_the_text_and_the_article_with_a_console_link() {
        let d = delivery("comment.held", json!({ "status": "pending" }));
        let c = comment(
            CommentStatus::Pending,
            "I will find you and you will regret every word you wrote here, believe me, every single one.",
        );
        let a = article();
        let v = slack(&Source {
            delivery: &d,
            comment: Some(&c),
            article: Some(&a),
            base: "https://news.example",
            tr: crate::i18n::Tr::english(),
        });
        let text = v["text"].as_str().unwrap();
        assert!(text.starts_with("Held: 'I will find you and you will regret"), "{text}");
        assert!(text.contains("…' on *Russian ambassador to Turkey shot dead at an Ankara art"), "{text}");
        assert!(
            text.ends_with(&format!(
                "– open in console <https://news.example/moderation?queue=pending&article={}#c-12>",
                a.slug
            )),
            "{text}"
        );
    }

    #[test]
    fn the_slack_line_is_in_the_sites_language() {
        let de = crate::i18n::Tr::new("de").unwrap();
        let d = delivery("comment.decided", json!({ "action": "reject", "moderator": "ann" }));
        let c = comment(CommentStatus::Rejected, "Kein guter Tag.");
        let a = article();
        let v =
            slack(&Source { delivery: &d, comment: Some(&c), article: Some(&a), base: "https://n.example", tr: de });
        let text = v["text"].as_str().unwrap();
        assert!(
            text.starts_with(&format!(
                "{}: 'Kein guter Tag.'",
                de.a2("hook-by", "what", de.t("hook-rejected"), "moderator", "ann")
            )),
            "{text}"
        );
        assert!(text.contains(&format!("– {} <https://n.example/moderation?", de.t("hook-open-console"))), "{text}");
        assert!(!text.contains(" on ") && !text.contains("open in console"), "no English left: {text}");
        let d = delivery("comment.reported", json!({ "report_reason": "off_topic" }));
        let v = slack(&Source { delivery: &d, comment: None, article: None, base: "", tr: de });
        let text = v["text"].as_str().unwrap();
        assert!(text.contains(&de.t("reason-off_topic")) && text.contains("#12"), "{text}");
    }

    #[test]
    fn the_standard_body_carries_type_timestamp_and_data_without_the_author_key() {
        let d = delivery("comment.decided", json!({ "action": "reject", "moderator": "ann" }));
        let c = comment(CommentStatus::Rejected, "Text <b>");
        let a = article();
        let v = standard(&Source {
            delivery: &d,
            comment: Some(&c),
            article: Some(&a),
            base: "https://n.example",
            tr: crate::i18n::Tr::english(),
        });
        assert_eq!(v["type"], "comment.decided");
        assert_eq!(v["timestamp"], "2016-12-20T00:00:00Z");
        assert_eq!(v["data"]["action"], "reject");
        assert_eq!(v["data"]["comment"]["body"], "Text <b>");
        assert_eq!(v["data"]["comment"]["author"], "Ivan");
        assert!(!v.to_string().contains("secret-author-key"));
        let gone = comment(CommentStatus::Deleted, "[removed]");
        let v = standard(&Source {
            delivery: &d,
            comment: Some(&gone),
            article: None,
            base: "",
            tr: crate::i18n::Tr::english(),
        });
        assert!(v["data"]["comment"].get("author").is_none() && v["data"]["comment"].get("body").is_none());
    }
}
