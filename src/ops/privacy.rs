//! The IP-hash retention purge (hourly in `serve`, and `commentdesk privacy purge`) and
//! `commentdesk author forget`.
use rusqlite::Connection;

use crate::db::privacy::{self, ForgetError, Forgotten};

use super::OpsError;

/// The oldest creation time whose IP hash is kept, `days` before `now`.
pub fn cutoff(now: i64, days: u64) -> i64 {
    now.saturating_sub(i64::try_from(days.saturating_mul(86_400)).unwrap_or(i64::MAX))
}

/// Erases IP hashes older than the retention; returns how many.
pub fn purge(conn: &Connection, now: i64, days: u64) -> rusqlite::Result<usize> {
    privacy::purge_ip_hashes(conn, cutoff(now, days))
}

/// Forgets the author of comment `id` in one transaction.
pub fn forget(conn: &mut Connection, id: i64, remove: bool) -> Result<Forgotten, OpsError> {
    let tx = conn.transaction().map_err(|e| OpsError::Refused(e.to_string()))?;
    let out = privacy::forget_author(&tx, id, remove).map_err(|e| match e {
        ForgetError::NoSuchComment(_) => OpsError::Refused(e.to_string()),
        ForgetError::Sql(e) => OpsError::Refused(format!("database: {e}")),
    })?;
    tx.commit().map_err(|e| OpsError::Refused(format!("database: {e}")))?;
    Ok(out)
}
