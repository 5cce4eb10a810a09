//! What admins change in the console: per-article comment settings and runtime thresholds.
use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::error::AppError;

/// Opens or closes comments and turns pre-moderation on or off; false when no such article.
/// Article imports keep these two flags, so the console's choice survives a restart.
pub fn set_article_flags(
    conn: &Connection,
    slug: &str,
    comments_open: bool,
    premoderation: bool,
) -> Result<bool, AppError> {
    Ok(conn.execute(
        "UPDATE articles SET comments_open = ?2, premoderation = ?3 WHERE slug = ?1",
        params![slug, comments_open, premoderation],
    )? > 0)
}

pub fn thresholds(conn: &Connection) -> Result<Vec<(String, f64)>, AppError> {
    let mut st = conn.prepare_cached("SELECT key, value FROM moderation_thresholds ORDER BY key")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn set_threshold(conn: &Connection, key: &str, value: f64, now: OffsetDateTime) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO moderation_thresholds (key, value, updated_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![key, value, now.unix_timestamp()],
    )?;
    Ok(())
}
