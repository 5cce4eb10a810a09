//! An Isso SQLite database, opened read-only: `threads(id, uri, title)` and `comments(tid, id,
//! parent, created, modified, mode, remote_addr, text, author, ...)`. Mode 1 is accepted, 2 waiting
//! for a moderator, 4 deleted. The text is Markdown already. E-mail addresses and websites are not
//! imported (Commentdesk keeps neither); Isso's remote_addr (already anonymized by Isso) is kept
//! only as a keyed hash.
use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::domain::comment::CommentStatus;
use crate::ops::OpsError;
use crate::store::sqlite::legacy::{Legacy, LegacyComment, LegacyThread, slug_from_uri};

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
    let mut legacy = Legacy { source: "Isso".into(), ..Legacy::default() };
    let mut thread_index: HashMap<i64, usize> = HashMap::new();
    {
        let mut st = conn
            .prepare("SELECT id, uri, title FROM threads ORDER BY id")
            .map_err(|e| bad(format!("table threads: {e}")))?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
            })
            .map_err(|e| bad(format!("table threads: {e}")))?;
        for row in rows {
            let (id, uri, title) = row.map_err(|e| bad(format!("table threads: {e}")))?;
            let at = format!("thread {id}");
            let uri = uri.unwrap_or_default();
            let slug = slug_from_uri(&uri)
                .ok_or_else(|| bad(format!("{at}: no article slug can be made from the uri {uri:?}")))?;
            thread_index.insert(id, legacy.threads.len());
            legacy.threads.push(LegacyThread { at, slug, title: title.unwrap_or_default() });
        }
    }
    let mut st = conn
        .prepare("SELECT id, tid, parent, created, modified, mode, remote_addr, text, author FROM comments ORDER BY id")
        .map_err(|e| bad(format!("table comments: {e}")))?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, f64>(3)?,
                r.get::<_, Option<f64>>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })
        .map_err(|e| bad(format!("table comments: {e}")))?;
    for row in rows {
        let (id, tid, parent, created, modified, mode, ip, text, author) =
            row.map_err(|e| bad(format!("table comments: {e}")))?;
        let at = format!("comment {id}");
        let thread = *thread_index.get(&tid).ok_or_else(|| bad(format!("{at}: its thread {tid} does not exist")))?;
        let status = match mode {
            1 => CommentStatus::Published,
            2 => CommentStatus::Pending,
            4 => CommentStatus::Deleted,
            other => return Err(bad(format!("{at}: unknown mode {other} (Isso uses 1, 2 and 4)"))),
        };
        legacy.comments.push(LegacyComment {
            at,
            source_id: id.to_string(),
            parent: parent.map(|p| p.to_string()),
            thread,
            author: author.unwrap_or_default(),
            created_at: created as i64,
            edited_at: modified.map(|m| m as i64),
            body: text.unwrap_or_default(),
            status,
            ip,
        });
    }
    Ok(legacy)
}
