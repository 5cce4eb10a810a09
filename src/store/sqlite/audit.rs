//! The audit log: every moderator action, append-only (the schema's triggers refuse UPDATE and
//! DELETE).
use rusqlite::{Connection, Row, params};
use serde::Serialize;

use crate::error::AppError;

/// One entry to append.
#[derive(Debug, Clone, Default)]
pub struct NewEntry<'a> {
    pub at: i64,
    pub moderator: &'a str,
    pub action: &'a str,
    pub comment_id: Option<i64>,
    pub status_before: Option<&'a str>,
    pub status_after: Option<&'a str>,
    pub reason: &'a str,
    pub batch: &'a str,
    pub undo_of: Option<i64>,
}

/// A stored entry, as shown on `/moderation/log` and exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    pub moderator: String,
    pub action: String,
    pub comment_id: Option<i64>,
    pub status_before: Option<String>,
    pub status_after: Option<String>,
    pub reason: String,
    pub batch: String,
    pub undo_of: Option<i64>,
}

const COLUMNS: &str = "id, at, moderator, action, comment_id, status_before, status_after, reason, batch, undo_of";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        at: r.get(1)?,
        moderator: r.get(2)?,
        action: r.get(3)?,
        comment_id: r.get(4)?,
        status_before: r.get(5)?,
        status_after: r.get(6)?,
        reason: r.get(7)?,
        batch: r.get(8)?,
        undo_of: r.get(9)?,
    })
}

pub fn append(conn: &Connection, e: &NewEntry<'_>) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO audit_log (at, moderator, action, comment_id, status_before, status_after, reason, batch, \
                 undo_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        )?
        .query_row(
            params![
                e.at,
                e.moderator,
                e.action,
                e.comment_id,
                e.status_before,
                e.status_after,
                e.reason,
                e.batch,
                e.undo_of
            ],
            |r| r.get(0),
        )?)
}

/// Newest first, `limit` entries before the id `before` (all when `None`), optionally only one
/// comment's.
pub fn list(
    conn: &Connection,
    before: Option<i64>,
    limit: usize,
    comment: Option<i64>,
) -> Result<Vec<Entry>, AppError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE id < ?1 AND (?2 IS NULL OR comment_id = ?2) ORDER BY id DESC LIMIT ?3"
    ))?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = st.query_map(params![before.unwrap_or(i64::MAX), comment, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every entry, oldest first, for the exports.
pub fn all(conn: &Connection) -> Result<Vec<Entry>, AppError> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id"))?;
    let rows = st.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The moderator's last decision batch that was not undone yet: its entries (comment decisions
/// and bans), oldest first.
pub fn last_undoable_batch(conn: &Connection, moderator: &str) -> Result<Vec<Entry>, AppError> {
    let batch: Option<String> = conn
        .prepare_cached(
            "SELECT batch FROM audit_log a WHERE moderator = ?1 AND action IN ('approve', 'reject', 'spam', 'ban') \
               AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undo_of = a.id) \
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([moderator], |r| r.get(0))
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
    let Some(batch) = batch else { return Ok(Vec::new()) };
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_log a WHERE moderator = ?1 AND batch = ?2 \
           AND action IN ('approve', 'reject', 'spam', 'ban') \
           AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undo_of = a.id) ORDER BY id"
    ))?;
    let rows = st.query_map(params![moderator, batch], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_append_only() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::sqlite::migrations::migrate(&mut conn).unwrap();
        let id = append(&conn, &NewEntry { at: 1, moderator: "ann", action: "login", ..Default::default() }).unwrap();
        assert!(conn.execute("UPDATE audit_log SET moderator = 'eve' WHERE id = ?1", [id]).is_err());
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
        assert_eq!(all(&conn).unwrap().len(), 1);
    }
}
