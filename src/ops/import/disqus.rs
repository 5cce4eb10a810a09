//! A Disqus export: `<disqus>` with `<thread dsq:id>` elements (`<link>`, `<title>`) and `<post
//! dsq:id>` elements (`<message>` HTML, `<createdAt>`, `<isDeleted>`, `<isSpam>`, `<author><name>`,
//! `<ipAddress>`, `<thread dsq:id>`, optional `<parent dsq:id>`). Spam becomes `spam`, deleted
//! `deleted`, `<isApproved>false` (when present) waits for a moderator; the rest is published.
//! A thread without posts makes no article; posts of a thread the file lacks go to one
//! placeholder article per missing thread.
use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Document, ParsingOptions};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::ThreadBook;
use super::html::{decode_entities, to_markdown};
use super::xml::{attr, child, child_text, line, repair};
use crate::domain::comment::CommentStatus;
use crate::ops::OpsError;
use crate::store::sqlite::legacy::{Legacy, LegacyComment, Note};

pub fn parse(path: &Path, text: &str) -> Result<Legacy, OpsError> {
    let mut legacy = Legacy { source: "Disqus".into(), ..Legacy::default() };
    let fixed = repair(text, &mut legacy.notes);
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(&fixed, options)
        .map_err(|e| OpsError::bad(path, format!("not well-formed XML: {e}")))?;
    let root = doc.root_element();
    if root.tag_name().name() != "disqus" {
        return Err(OpsError::bad(
            path,
            format!(
                "{}: the root element is <{}>, not <disqus>: not a Disqus export",
                line(&doc, root),
                root.tag_name().name()
            ),
        ));
    }
    let forum = root
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "forum")
        .and_then(|n| n.text())
        .unwrap_or("")
        .trim()
        .to_string();
    legacy.origin = format!("disqus:{forum}");
    let mut book = ThreadBook::default();
    // Threads are added when a post names them: a thread without posts makes no article.
    let mut threads: HashMap<String, [String; 4]> = HashMap::new();
    for t in root.children().filter(|n| n.is_element() && n.tag_name().name() == "thread") {
        let Some(id) = attr(t, "id") else { continue };
        let text = |name: &str| child_text(t, name).unwrap_or_default();
        threads.entry(id).or_insert_with(|| [line(&doc, t), text("link"), text("id"), text("title")]);
    }
    let flag = |n: roxmltree::Node<'_, '_>, name: &str| child_text(n, name).is_some_and(|v| v == "true");
    for p in root.children().filter(|n| n.is_element() && n.tag_name().name() == "post") {
        let at = line(&doc, p);
        let Some(id) = attr(p, "id").or_else(|| child_text(p, "id").filter(|s| !s.is_empty())) else {
            legacy.notes.push(Note::skipped(&at, "<post> has neither a dsq:id attribute nor an <id>"));
            continue;
        };
        let Some(thread_id) = child(p, "thread").and_then(|t| attr(t, "id")) else {
            legacy.notes.push(Note::skipped(&at, format!("post {id} names no thread (<thread dsq:id>)")));
            continue;
        };
        let thread = match (book.get(&thread_id), threads.get(&thread_id)) {
            (Some(t), _) => t,
            (None, Some([t_at, link, ident, title])) => book.add(&mut legacy, t_at, &thread_id, &[link, ident], title),
            (None, None) => book.missing(&mut legacy, &at, &thread_id),
        };
        let created = child_text(p, "createdAt").unwrap_or_default();
        let Ok(created_at) = OffsetDateTime::parse(&created, &Rfc3339) else {
            legacy.notes.push(Note::skipped(
                &at,
                format!("post {id}: <createdAt> {created:?} is not a date such as 2016-12-19T17:05:00Z"),
            ));
            continue;
        };
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
            author: decode_entities(&author),
            created_at: created_at.unix_timestamp(),
            edited_at: None,
            body: to_markdown(&child_text(p, "message").unwrap_or_default(), false),
            status,
            ip: child_text(p, "ipAddress"),
        });
    }
    Ok(legacy)
}
