//! A WordPress export (WXR): `<rss><channel><item>` per post, with `<wp:comment>` children. The
//! post's `<wp:post_name>` is the article slug (or, without one, the last segment of `<link>`).
//! `<wp:comment_approved>` 1 is published, 0 waiting, `spam` spam, `trash` deleted. Pingbacks and
//! trackbacks are not reader comments and are skipped. E-mail and URL are not imported; the IP is
//! kept only as a keyed hash.
use std::path::Path;

use roxmltree::Document;
use time::PrimitiveDateTime;
use time::macros::format_description;

use super::xml::{child, child_text, line};
use crate::domain::article::Slug;
use crate::domain::comment::CommentStatus;
use crate::ops::OpsError;
use crate::store::sqlite::legacy::{Legacy, LegacyComment, LegacyThread, slug_from_uri};

pub fn parse(path: &Path, text: &str) -> Result<(Legacy, usize), OpsError> {
    let doc = Document::parse(text).map_err(|e| OpsError::bad(path, format!("not well-formed XML: {e}")))?;
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
    let mut legacy = Legacy { source: "WordPress".into(), ..Legacy::default() };
    let mut skipped = 0usize;
    for item in channel.children().filter(|n| n.is_element() && n.tag_name().name() == "item") {
        let comments: Vec<_> = item.children().filter(|n| n.is_element() && n.tag_name().name() == "comment").collect();
        if comments.is_empty() {
            continue;
        }
        let at = line(&doc, item);
        let name = child_text(item, "post_name").unwrap_or_default();
        let link = child_text(item, "link").unwrap_or_default();
        let slug = Slug::parse(&name).ok().or_else(|| slug_from_uri(&link)).ok_or_else(|| {
            bad(format!("{at}: <item> has neither a usable <wp:post_name> ({name:?}) nor a <link> ({link:?})"))
        })?;
        let thread = legacy.threads.len();
        legacy.threads.push(LegacyThread { at, slug, title: child_text(item, "title").unwrap_or_default() });
        for c in comments {
            let at = line(&doc, c);
            let field = |n: &str| child_text(c, n);
            let id = field("comment_id")
                .filter(|s| !s.is_empty())
                .ok_or_else(|| bad(format!("{at}: <wp:comment> has no <wp:comment_id>")))?;
            let kind = field("comment_type").unwrap_or_default();
            if kind == "pingback" || kind == "trackback" {
                skipped += 1;
                continue;
            }
            let status = match field("comment_approved").as_deref() {
                Some("1") | Some("approve") => CommentStatus::Published,
                Some("0") | Some("hold") => CommentStatus::Pending,
                Some("spam") => CommentStatus::Spam,
                Some("trash") | Some("post-trashed") => CommentStatus::Deleted,
                other => {
                    return Err(bad(format!("{at}: <wp:comment_approved> is {other:?}, not 1, 0, spam or trash")));
                }
            };
            let gmt = field("comment_date_gmt").filter(|d| !d.is_empty() && !d.starts_with("0000"));
            let created_at = match gmt {
                Some(d) => parse_date(&d),
                // Only the site's local time is known; taken as UTC.
                None => field("comment_date").as_deref().and_then(parse_date),
            }
            .ok_or_else(|| {
                bad(format!("{at}: comment {id} has no valid <wp:comment_date_gmt> (YYYY-MM-DD HH:MM:SS)"))
            })?;
            let parent = field("comment_parent").filter(|p| !p.is_empty() && p != "0");
            let body = super::html::to_markdown(&field("comment_content").unwrap_or_default(), true);
            legacy.comments.push(LegacyComment {
                at,
                source_id: id,
                parent,
                thread,
                author: super::html::decode_entities(&field("comment_author").unwrap_or_default()),
                created_at,
                edited_at: None,
                body,
                status,
                ip: field("comment_author_IP"),
            });
        }
    }
    Ok((legacy, skipped))
}

fn parse_date(s: &str) -> Option<i64> {
    PrimitiveDateTime::parse(s.trim(), format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"))
        .ok()
        .map(|d| d.assume_utc().unix_timestamp())
}
