//! A Disqus export: `<disqus>` with `<thread dsq:id>` elements (`<link>`, `<title>`) and `<post
//! dsq:id>` elements (`<message>` HTML, `<createdAt>`, `<isDeleted>`, `<isSpam>`, `<author><name>`,
//! `<ipAddress>`, `<thread dsq:id>`, optional `<parent dsq:id>`). Spam becomes `spam`, deleted
//! `deleted`, `<isApproved>false` (when present) waits for a moderator; the rest is published.
use std::collections::HashMap;
use std::path::Path;

use roxmltree::Document;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::xml::{attr, child, child_text, line};
use crate::domain::comment::CommentStatus;
use crate::ops::OpsError;
use crate::store::sqlite::legacy::{Legacy, LegacyComment, LegacyThread, slug_from_uri};

pub fn parse(path: &Path, text: &str) -> Result<Legacy, OpsError> {
    let doc = Document::parse(text).map_err(|e| OpsError::bad(path, format!("not well-formed XML: {e}")))?;
    let bad = |m: String| OpsError::bad(path, m);
    let root = doc.root_element();
    if root.tag_name().name() != "disqus" {
        return Err(bad(format!(
            "{}: the root element is <{}>, not <disqus>: not a Disqus export",
            line(&doc, root),
            root.tag_name().name()
        )));
    }
    let mut legacy = Legacy { source: "Disqus".into(), ..Legacy::default() };
    let mut threads: HashMap<String, usize> = HashMap::new();
    for t in root.children().filter(|n| n.is_element() && n.tag_name().name() == "thread") {
        let at = line(&doc, t);
        let id = attr(t, "id").ok_or_else(|| bad(format!("{at}: <thread> has no dsq:id attribute")))?;
        let link = child_text(t, "link").unwrap_or_default();
        let ident = child_text(t, "id").unwrap_or_default();
        let slug = slug_from_uri(&link).or_else(|| slug_from_uri(&ident)).ok_or_else(|| {
            bad(format!("{at}: thread {id}: no article slug can be made from <link> {link:?} or <id> {ident:?}"))
        })?;
        threads.insert(id, legacy.threads.len());
        legacy.threads.push(LegacyThread { at, slug, title: child_text(t, "title").unwrap_or_default() });
    }
    let flag = |n: roxmltree::Node<'_, '_>, name: &str| child_text(n, name).is_some_and(|v| v == "true");
    for p in root.children().filter(|n| n.is_element() && n.tag_name().name() == "post") {
        let at = line(&doc, p);
        let id = attr(p, "id").ok_or_else(|| bad(format!("{at}: <post> has no dsq:id attribute")))?;
        let thread_id = child(p, "thread")
            .and_then(|t| attr(t, "id"))
            .ok_or_else(|| bad(format!("{at}: post {id} has no <thread dsq:id>")))?;
        let thread = *threads
            .get(&thread_id)
            .ok_or_else(|| bad(format!("{at}: post {id} belongs to thread {thread_id}, which is not in the file")))?;
        let created = child_text(p, "createdAt").unwrap_or_default();
        let created_at = OffsetDateTime::parse(&created, &Rfc3339)
            .map_err(|_| {
                bad(format!("{at}: post {id}: <createdAt> {created:?} is not a date such as 2016-12-19T17:05:00Z"))
            })?
            .unix_timestamp();
        let status = if flag(p, "isSpam") {
            CommentStatus::Spam
        } else if flag(p, "isDeleted") {
            CommentStatus::Deleted
        } else if child_text(p, "isApproved").is_some_and(|v| v == "false") {
            CommentStatus::Pending
        } else {
            CommentStatus::Published
        };
        let author = child(p, "author").and_then(|a| child_text(a, "name")).unwrap_or_default();
        legacy.comments.push(LegacyComment {
            at,
            source_id: id,
            parent: child(p, "parent").and_then(|e| attr(e, "id")),
            thread,
            author,
            created_at,
            edited_at: None,
            body: super::html::to_markdown(&child_text(p, "message").unwrap_or_default(), false),
            status,
            ip: child_text(p, "ipAddress"),
        });
    }
    Ok(legacy)
}
