//! Reply subscriptions (see `mail::replies`): added with a comment, confirmed from the mail,
//! read when a reply is published, removed on unsubscribe.
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::AppError;

/// Adds (or, for the same comment, replaces and unconfirms) the subscription; its id.
pub fn add(conn: &Connection, comment_id: i64, email: &str, now: i64) -> Result<i64, AppError> {
    Ok(conn.query_row(
        "INSERT INTO reply_subscriptions (comment_id, email, created_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (comment_id) DO UPDATE SET email = excluded.email, created_at = excluded.created_at, \
         confirmed_at = NULL RETURNING id",
        params![comment_id, email, now],
        |r| r.get(0),
    )?)
}

/// Confirms the subscription; false when it no longer exists.
pub fn confirm(conn: &Connection, id: i64, now: i64) -> Result<bool, AppError> {
    Ok(conn.execute(
        "UPDATE reply_subscriptions SET confirmed_at = coalesce(confirmed_at, ?2) WHERE id = ?1",
        params![id, now],
    )? > 0)
}

pub fn remove(conn: &Connection, id: i64) -> Result<bool, AppError> {
    Ok(conn.execute("DELETE FROM reply_subscriptions WHERE id = ?1", [id])? > 0)
}

/// The confirmed subscription to comment `parent_id`: (id, address).
pub fn confirmed_for(conn: &Connection, parent_id: i64) -> Result<Option<(i64, String)>, AppError> {
    Ok(conn
        .prepare_cached("SELECT id, email FROM reply_subscriptions WHERE comment_id = ?1 AND confirmed_at IS NOT NULL")?
        .query_row([parent_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}
