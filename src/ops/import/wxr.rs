//! A WordPress or WordPress.com export (WXR): `<rss><channel><item>` per post, with
//! `<wp:comment>` children. The post's `<wp:post_name>` is the article slug (or, without one, its
//! `<link>`: `/?p=42` gives "p-42"). `<wp:comment_approved>` 1 is published, 0 waiting, `spam`
//! spam, `trash` deleted. Pingbacks and trackbacks are not reader comments and are left out.
//! E-mail and URL are not imported; the IP is kept only as a keyed hash. A post without comments
//! makes no article.
use std::path::Path;

use roxmltree::{Document, ParsingOptions};
use time::PrimitiveDateTime;
use time::macros::format_description;

use super::ThreadBook;
use super::html::{decode_entities, to_markdown};
use super::xml::{child, child_text, line, repair};
use crate::domain::comment::CommentStatus;
use crate::ops::OpsError;
use crate::store::sqlite::legacy::{Legacy, LegacyComment, Note};

pub fn parse(path: &Path, text: &str) -> Result<Legacy, OpsError> {
    let mut legacy = Legacy { source: "WordPress".into(), ..Legacy::default() };
    let fixed = repair(text, &mut legacy.notes);
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(&fixed, options)
        .map_err(|e| OpsError::bad(path, format!("not well-formed XML: {e}")))?;
    let bad = |m: String| OpsError::bad(path, m);
    let root = doc.root_element();
    if root.tag_name().name() != "rss" {
        return Err(bad(format!(
            "{}: the root element is <{}>, not <rss>: not a WordPress export",
            line(&doc, root),
            root.tag_name().name()
        )));
    }
    let channel = child(root, "channel").ok_or_else(|| bad(format!("{}: <rss> has no <channel>", line(&doc, root))))?;
    let site = child_text(channel, "base_blog_url")
        .filter(|s| !s.is_empty())
        .or_else(|| child_text(channel, "link"))
        .unwrap_or_default();
    legacy.origin = format!("wordpress:{}", site.trim_end_matches('/'));
    let mut book = ThreadBook::default();
    for item in channel.children().filter(|n| n.is_element() && n.tag_name().name() == "item") {
        let comments: Vec<_> = item.children().filter(|n| n.is_element() && n.tag_name().name() == "comment").collect();
        if comments.is_empty() {
            continue;
        }
        let at = line(&doc, item);
        let name = child_text(item, "post_name").unwrap_or_default();
        let link = child_text(item, "link").unwrap_or_default();
        let guid = child_text(item, "guid").unwrap_or_default();
        // The post's id names the thread; without one its link does (stable across exports).
        let post_id = child_text(item, "post_id")
            .filter(|s| !s.is_empty())
            .or_else(|| Some(link.clone()).filter(|l| !l.is_empty()))
            .unwrap_or_else(|| at.clone());
        let title = child_text(item, "title").unwrap_or_default();
        let thread = book.add(&mut legacy, &at, &post_id, &[&name, &link, &guid], &title);
        for c in comments {
            let at = line(&doc, c);
            let field = |n: &str| child_text(c, n);
            let kind = field("comment_type").unwrap_or_default();
            if kind == "pingback" || kind == "trackback" {
                legacy.not_comments += 1;
                continue;
            }
            let Some(id) = field("comment_id").filter(|s| !s.is_empty()) else {
                legacy.notes.push(Note::skipped(&at, "<wp:comment> has no <wp:comment_id>"));
                continue;
            };
            let status = match field("comment_approved").as_deref() {
                Some("1") | Some("approve") | Some("approved") => CommentStatus::Published,
                Some("0") | Some("hold") | Some("") | None => CommentStatus::Pending,
                Some("spam") => CommentStatus::Spam,
                Some("trash") | Some("post-trashed") => CommentStatus::Deleted,
                Some(other) => {
                    legacy.notes.push(Note::changed(
                        &at,
                        format!("comment {id}: <wp:comment_approved> is {other:?}, not 1, 0, spam or trash: held for a moderator"),
                    ));
                    CommentStatus::Pending
                }
            };
            let gmt = field("comment_date_gmt").filter(|d| !d.is_empty() && !d.starts_with("0000"));
            let created_at = match gmt.as_deref().and_then(parse_date) {
                Some(t) => t,
                // Only the site's local time is known; taken as UTC.
                None => match field("comment_date").as_deref().and_then(parse_date) {
                    Some(t) => t,
                    None => {
                        legacy.notes.push(Note::skipped(
                            &at,
                            format!("comment {id} has no valid <wp:comment_date_gmt> or <wp:comment_date> (YYYY-MM-DD HH:MM:SS)"),
                        ));
                        continue;
                    }
                },
            };
            let parent = field("comment_parent").filter(|p| !p.is_empty() && p != "0");
            legacy.comments.push(LegacyComment {
                at,
                source_id: id,
                parent,
                thread,
                author: decode_entities(&field("comment_author").unwrap_or_default()),
                created_at,
                edited_at: None,
                body: to_markdown(&field("comment_content").unwrap_or_default(), true),
                status,
                ip: field("comment_author_IP"),
            });
        }
    }
    Ok(legacy)
}

fn parse_date(s: &str) -> Option<i64> {
    PrimitiveDateTime::parse(s.trim(), format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"))
        .ok()
        .map(|d| d.assume_utc().unix_timestamp())
}
