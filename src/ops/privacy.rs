//! The IP-hash retention purge (hourly in `serve`, and `commentdesk privacy purge`) and
//! `commentdesk author forget`.
use crate::store::{ForgetError, Forgotten, Store};

use super::OpsError;

/// The oldest creation time whose IP hash is kept, `days` before `now`.
pub fn cutoff(now: i64, days: u64) -> i64 {
    now.saturating_sub(i64::try_from(days.saturating_mul(86_400)).unwrap_or(i64::MAX))
}

/// Erases IP hashes older than the retention; returns how many.
pub async fn purge(store: &dyn Store, now: i64, days: u64) -> Result<usize, crate::error::AppError> {
    store.purge_ip_hashes(cutoff(now, days)).await
}

/// Forgets the author of comment `id` in one transaction.
pub async fn forget(store: &dyn Store, id: i64, remove: bool) -> Result<Forgotten, OpsError> {
    store.forget_author(id, remove).await.map_err(|e| match e {
        ForgetError::NoSuchComment(_) => OpsError::Refused(e.to_string()),
        other => OpsError::Refused(format!("database: {other}")),
    })
}
