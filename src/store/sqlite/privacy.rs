//! Personal data: the IP-hash retention purge and erasing an author on request.
use rusqlite::{Connection, OptionalExtension, params};

/// Erases the IP hash of every comment older than `cutoff` (unix seconds). Returns how many.
pub fn purge_ip_hashes(conn: &Connection, cutoff: i64) -> rusqlite::Result<usize> {
    let comments =
        conn.execute("UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < ?1", [cutoff])?;
    let reports = conn
        .execute("UPDATE reports SET reporter_ip = NULL WHERE reporter_ip IS NOT NULL AND created_at < ?1", [cutoff])?;
    let reactions = conn.execute(
        "UPDATE reactions SET reader_ip = NULL WHERE reader_ip IS NOT NULL AND created_at < ?1",
        [cutoff.saturating_mul(1000)],
    )?;
    Ok(comments + reports + reactions)
}

/// What `forget_author` changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Comments whose author name and hashes were erased.
    pub anonymized: usize,
    /// Comments deleted outright (with `remove`).
    pub removed: usize,
    /// Comments kept as `deleted` placeholders because other readers replied to them.
    pub tombstoned: usize,
    /// Reactions the author gave, kept in the counts but no longer linked to them.
    pub reactions: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ForgetError {
    #[error("there is no comment {0}")]
    NoSuchComment(i64),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Postgres(#[from] tokio_postgres::Error),
    /// The store could not run the operation (its connection or thread failed).
    #[error("{0}")]
    Store(String),
}

/// Body left in place of a removed comment that others replied to (threads stay readable).
pub const REMOVED_BODY: &str = "[removed at the author's request]";

/// Erases the name and hashes of the author of comment `id` on all their comments: those with
/// the same author key (the author cookie), or only this comment when it has none (imported
/// comments). With `remove`, the comments go too; one that others replied to stays as a
/// `deleted` placeholder with its text replaced, so the replies keep their thread.
pub fn forget_author(conn: &Connection, id: i64, remove: bool) -> Result<Forgotten, ForgetError> {
    let key: Option<Option<String>> =
        conn.query_row("SELECT author_key FROM comments WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    let key = key.ok_or(ForgetError::NoSuchComment(id))?;
    let ids: Vec<i64> = match &key {
        Some(k) => {
            let mut st = conn.prepare("SELECT id FROM comments WHERE author_key = ?1 ORDER BY id")?;
            st.query_map([k], |r| r.get(0))?.collect::<Result<_, _>>()?
        }
        None => vec![id],
    };
    let mut out = Forgotten::default();
    for cid in &ids {
        // Their addresses for reply notifications go with everything else that names them.
        conn.execute("DELETE FROM reply_subscriptions WHERE comment_id = ?1", [cid])?;
    }
    for cid in &ids {
        out.anonymized += conn
            .execute("UPDATE comments SET author_name = '', author_key = NULL, ip_hash = NULL WHERE id = ?1", [cid])?;
    }
    if let Some(k) = &key {
        // Reports this author filed name them by the same key (`a:` and the key, see
        // `reports::reporter_keys`); the reports stay, unattributed, without their address.
        conn.execute(
            "UPDATE reports SET reporter_key = 'forgotten:' || id, reporter_ip = NULL \
             WHERE reporter_key = 'a:' || ?1 OR reporter_key = ?1",
            [k],
        )?;
        // Their reactions stay counted (others' "best" order does not change), under a key that
        // names nobody, without their address.
        out.reactions = conn.execute(
            "UPDATE reactions SET reader_key = 'forgotten:' || id, reader_ip = NULL WHERE reader_key = ?1",
            [k],
        )?;
    }
    if remove {
        for cid in &ids {
            conn.execute(
                "UPDATE comments SET body_md = ?2, body_html = ?3, status = 'deleted', fingerprint = NULL \
                 WHERE id = ?1",
                params![cid, REMOVED_BODY, format!("<p>{REMOVED_BODY}</p>")],
            )?;
        }
        // Delete from the leaves up: a comment goes once no reply points at it.
        loop {
            let mut deleted = 0;
            for cid in &ids {
                deleted += conn.execute(
                    "DELETE FROM comments WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.parent_id = ?1)",
                    [cid],
                )?;
            }
            out.removed += deleted;
            if deleted == 0 {
                break;
            }
        }
        out.tombstoned = ids.len() - out.removed;
    }
    Ok(out)
}

/// Comments waiting for a moderator.
pub fn pending_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM comments WHERE status = 'pending'", [], |r| r.get(0))
}
