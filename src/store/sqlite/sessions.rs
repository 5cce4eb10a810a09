//! Moderator sessions, keyed by the SHA-256 of the cookie token.
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use crate::domain::moderator::{Moderator, Role};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub moderator: Moderator,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub fn create(conn: &Connection, token_hash: &str, moderator_id: i64, now: OffsetDateTime) -> Result<(), AppError> {
    let ts = now.unix_timestamp();
    conn.execute(
        "INSERT INTO moderator_sessions (token_hash, moderator_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
        params![token_hash, moderator_id, ts],
    )?;
    Ok(())
}

pub fn lookup(conn: &Connection, token_hash: &str) -> Result<Option<SessionRow>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT m.id, m.name, m.role, s.created_at, s.last_seen_at FROM moderator_sessions s \
             JOIN moderators m ON m.id = s.moderator_id WHERE s.token_hash = ?1",
        )?
        .query_row([token_hash], |r| {
            let role: String = r.get(2)?;
            Ok(SessionRow {
                moderator: Moderator {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: Role::parse(&role).unwrap_or(Role::Moderator),
                },
                created_at: r.get(3)?,
                last_seen_at: r.get(4)?,
            })
        })
        .optional()?)
}

pub fn touch(conn: &Connection, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
    conn.execute(
        "UPDATE moderator_sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
        params![token_hash, now.unix_timestamp()],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, token_hash: &str) -> Result<(), AppError> {
    conn.execute("DELETE FROM moderator_sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Deletes sessions past either timeout; returns how many.
pub fn purge_expired(conn: &Connection, now: OffsetDateTime, idle_secs: u64, max_secs: u64) -> Result<usize, AppError> {
    let now = now.unix_timestamp();
    let idle = i64::try_from(idle_secs).unwrap_or(i64::MAX / 2);
    let max = i64::try_from(max_secs).unwrap_or(i64::MAX / 2);
    Ok(conn.execute(
        "DELETE FROM moderator_sessions WHERE last_seen_at < ?1 - ?2 OR created_at < ?1 - ?3",
        params![now, idle, max],
    )?)
}
