//! An Isso SQLite database, opened read-only: `threads(id, uri, title)` and `comments(tid, id,
//! parent, created, modified, mode, remote_addr, text, author, ...)`. Mode 1 is accepted, 2 waiting
//! for a moderator, 4 deleted. The text is Markdown, except in databases Isso itself filled from
//! a WordPress or Disqus export, where it is HTML: that is detected and converted. E-mail
//! addresses and websites are not imported (Commentdesk keeps neither); Isso's remote_addr
//! (already anonymized by Isso) is kept only as a keyed hash.
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::ThreadBook;
use super::html::{looks_like_html, to_markdown};
use crate::domain::comment::CommentStatus;
use crate::ops::OpsError;
use crate::store::sqlite::legacy::{Legacy, LegacyComment, Note};

type Row = (i64, i64, Option<i64>, f64, Option<f64>, Option<i64>, Option<String>, Option<String>, Option<String>);

pub fn read(path: &Path) -> Result<Legacy, OpsError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| OpsError::bad(path, format!("cannot open as an Isso database: {e}")))?;
    let bad = |m: String| OpsError::bad(path, m);
    for table in ["threads", "comments"] {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
            .map_err(|e| bad(format!("not an SQLite database: {e}")))?;
        if n == 0 {
            return Err(bad(format!("not an Isso database: it has no table {table:?}")));
        }
    }
    let mut legacy = Legacy { source: "Isso".into(), origin: "isso".into(), ..Legacy::default() };
    let mut threads: std::collections::HashMap<i64, (String, String)> = std::collections::HashMap::new();
    {
        let mut st = conn
            .prepare("SELECT id, uri, title FROM threads ORDER BY id")
            .map_err(|e| bad(format!("table threads: {e}")))?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
            })
            .map_err(|e| bad(format!("table threads: {e}")))?;
        for (n, row) in rows.enumerate() {
            match row {
                Ok((id, uri, title)) => {
                    threads.insert(id, (uri.unwrap_or_default(), title.unwrap_or_default()));
                }
                Err(e) => {
                    legacy.notes.push(Note::skipped(format!("threads row {}", n + 1), format!("unreadable: {e}")))
                }
            }
        }
    }
    let mut book = ThreadBook::default();
    let mut st = conn
        .prepare("SELECT id, tid, parent, created, modified, mode, remote_addr, text, author FROM comments ORDER BY id")
        .map_err(|e| bad(format!("table comments: {e}")))?;
    let rows = st
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
        })
        .map_err(|e| bad(format!("table comments: {e}")))?;
    for (n, row) in rows.enumerate() {
        let (id, tid, parent, created, modified, mode, ip, text, author): Row = match row {
            Ok(r) => r,
            Err(e) => {
                legacy.notes.push(Note::skipped(format!("comments row {}", n + 1), format!("unreadable: {e}")));
                continue;
            }
        };
        let at = format!("comment {id}");
        let thread = match (book.get(&tid.to_string()), threads.get(&tid)) {
            (Some(t), _) => t,
            (None, Some((uri, title))) => {
                book.add(&mut legacy, &format!("thread {tid}"), &tid.to_string(), &[uri], title)
            }
            (None, None) => book.missing(&mut legacy, &at, &tid.to_string()),
        };
        let status = match mode {
            Some(1) => CommentStatus::Published,
            Some(2) => CommentStatus::Pending,
            Some(4) => CommentStatus::Deleted,
            other => {
                legacy.notes.push(Note::changed(
                    &at,
                    format!("unknown mode {other:?} (Isso uses 1, 2 and 4): held for a moderator"),
                ));
                CommentStatus::Pending
            }
        };
        let text = text.unwrap_or_default();
        let body = if looks_like_html(&text) { to_markdown(&text, true) } else { text };
        legacy.comments.push(LegacyComment {
            at,
            source_id: id.to_string(),
            parent: parent.map(|p| p.to_string()),
            thread,
            author: author.unwrap_or_default(),
            created_at: created as i64,
            edited_at: modified.map(|m| m as i64),
            body,
            status,
            ip,
        });
    }
    Ok(legacy)
}
