//! Install-wide values kept in the database, such as the secret used for signing and IP hashing.
use rusqlite::{Connection, OptionalExtension, params};

pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()
}

/// Returns the stored value, or stores and returns `make()` when there is none.
pub fn get_or_insert(conn: &Connection, key: &str, make: impl FnOnce() -> String) -> rusqlite::Result<String> {
    if let Some(v) = get(conn, key)? {
        return Ok(v);
    }
    let v = make();
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)", params![key, v])?;
    get(conn, key).map(|o| o.unwrap_or(v))
}
