//! The live pages' events (see migration 0011): what readers of an article are told happened to
//! its published comments, numbered per article without gaps. Triggers write them; this reads them.
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::AppError;

/// What happened to a published comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LiveKind {
    /// New, or published by a moderator.
    Published,
    /// Its text (or author name) changed and it stays published.
    Edited,
    /// Deleted, hidden by reports, or unpublished by a moderator.
    Removed,
}

impl LiveKind {
    pub fn parse(s: &str) -> Option<LiveKind> {
        match s {
            "published" => Some(LiveKind::Published),
            "edited" => Some(LiveKind::Edited),
            "removed" => Some(LiveKind::Removed),
            _ => None,
        }
    }
}

/// One event of an article's live stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveEvent {
    /// 1, 2, 3… per article, in commit order: the SSE event id.
    pub seq: i64,
    pub comment_id: i64,
    pub parent_id: Option<i64>,
    pub kind: LiveKind,
}

/// The article's events after `after`, oldest first, at most `limit`.
pub fn events_after(c: &Connection, article_id: i64, after: i64, limit: usize) -> Result<Vec<LiveEvent>, AppError> {
    let mut st = c.prepare_cached(
        "SELECT seq, comment_id, parent_id, kind FROM comment_events \
         WHERE article_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = st.query_map(params![article_id, after, limit], |r| {
        let kind: String = r.get(3)?;
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, kind))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, comment_id, parent_id, kind) = row?;
        let kind = LiveKind::parse(&kind).ok_or_else(|| AppError::internal(format!("unknown live event {kind}")))?;
        out.push(LiveEvent { seq, comment_id, parent_id, kind });
    }
    Ok(out)
}

/// The article's newest event number (0 before its first).
pub fn last_seq(c: &Connection, article_id: i64) -> Result<i64, AppError> {
    let mut st = c.prepare_cached("SELECT seq FROM live_seqs WHERE article_id = ?1")?;
    Ok(st.query_row([article_id], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// Forgets events recorded before `cutoff` (Unix seconds); how many. The numbering goes on.
pub fn prune(c: &Connection, cutoff: i64) -> Result<usize, AppError> {
    Ok(c.execute("DELETE FROM comment_events WHERE at < ?1", [cutoff])?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn insert(c: &Connection, status: &str, parent: Option<i64>) -> i64 {
        c.execute(
            "INSERT INTO comments (article_id, parent_id, author_name, body_md, body_html, status, created_at) \
             VALUES (1, ?1, 'a', 'x', '<p>x</p>', ?2, 1)",
            params![parent, status],
        )
        .unwrap();
        c.last_insert_rowid()
    }

    #[test]
    fn only_published_comments_make_events_numbered_without_gaps() {
        let c = super::super::test_db("live events");
        let a = insert(&c, "published", None);
        let held = insert(&c, "pending", None);
        let _spam = insert(&c, "spam", None);
        let b = insert(&c, "published", Some(a));
        // A held comment approved, an edit, a removal, a status change of a hidden one.
        c.execute("UPDATE comments SET status = 'published' WHERE id = ?1", [held]).unwrap();
        c.execute("UPDATE comments SET body_html = '<p>y</p>' WHERE id = ?1", [a]).unwrap();
        c.execute("UPDATE comments SET status = 'deleted' WHERE id = ?1", [b]).unwrap();
        c.execute("UPDATE comments SET status = 'rejected' WHERE id = ?1", [b]).unwrap();
        let events = events_after(&c, 1, 0, 100).unwrap();
        let got: Vec<(i64, i64, LiveKind)> = events.iter().map(|e| (e.seq, e.comment_id, e.kind)).collect();
        assert_eq!(
            got,
            vec![
                (1, a, LiveKind::Published),
                (2, b, LiveKind::Published),
                (3, held, LiveKind::Published),
                (4, a, LiveKind::Edited),
                (5, b, LiveKind::Removed),
            ]
        );
        assert_eq!(events[1].parent_id, Some(a));
        assert_eq!(last_seq(&c, 1).unwrap(), 5);
        assert_eq!(events_after(&c, 1, 3, 100).unwrap().len(), 2);
        assert_eq!(prune(&c, i64::MAX).unwrap(), 5);
        insert(&c, "published", None);
        assert_eq!(events_after(&c, 1, 0, 100).unwrap()[0].seq, 6, "numbering goes on after pruning");
    }
}
