//! PostgreSQL counterpart of `store::sqlite::sessions`: moderator sessions, keyed by the SHA-256
//! of the cookie token.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;

use crate::domain::moderator::{Moderator, Role};
use crate::error::AppError;
use crate::store::sqlite::sessions::SessionRow;

pub async fn create(
    c: &impl GenericClient,
    token_hash: &str,
    moderator_id: i64,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let ts = now.unix_timestamp();
    let st = c
        .prepare_cached(
            "INSERT INTO moderator_sessions (token_hash, moderator_id, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $3)",
        )
        .await?;
    c.execute(&st, &[&token_hash, &moderator_id, &ts]).await?;
    Ok(())
}

pub async fn lookup(c: &impl GenericClient, token_hash: &str) -> Result<Option<SessionRow>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT m.id, m.name, m.role, s.created_at, s.last_seen_at FROM moderator_sessions s \
             JOIN moderators m ON m.id = s.moderator_id WHERE s.token_hash = $1",
        )
        .await?;
    let Some(r) = c.query_opt(&st, &[&token_hash]).await? else { return Ok(None) };
    let role: String = r.try_get(2)?;
    Ok(Some(SessionRow {
        moderator: Moderator {
            id: r.try_get(0)?,
            name: r.try_get(1)?,
            role: Role::parse(&role).unwrap_or(Role::Moderator),
        },
        created_at: r.try_get(3)?,
        last_seen_at: r.try_get(4)?,
    }))
}

pub async fn touch(c: &impl GenericClient, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
    let st = c.prepare_cached("UPDATE moderator_sessions SET last_seen_at = $2 WHERE token_hash = $1").await?;
    c.execute(&st, &[&token_hash, &now.unix_timestamp()]).await?;
    Ok(())
}

pub async fn delete(c: &impl GenericClient, token_hash: &str) -> Result<(), AppError> {
    let st = c.prepare_cached("DELETE FROM moderator_sessions WHERE token_hash = $1").await?;
    c.execute(&st, &[&token_hash]).await?;
    Ok(())
}

/// Deletes sessions past either timeout; returns how many.
pub async fn purge_expired(
    c: &impl GenericClient,
    now: OffsetDateTime,
    idle_secs: u64,
    max_secs: u64,
) -> Result<usize, AppError> {
    let now = now.unix_timestamp();
    let idle = i64::try_from(idle_secs).unwrap_or(i64::MAX / 2);
    let max = i64::try_from(max_secs).unwrap_or(i64::MAX / 2);
    let st = c
        .prepare_cached(
            "DELETE FROM moderator_sessions WHERE last_seen_at < $1::bigint - $2::bigint \
             OR created_at < $1::bigint - $3::bigint",
        )
        .await?;
    let n = c.execute(&st, &[&now, &idle, &max]).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::moderator::ModeratorName;

    #[tokio::test]
    async fn sessions_are_found_touched_and_expire_by_idle_or_age() {
        let Some(pool) = crate::store::postgres::test_pool("sessions").await else { return };
        let c = pool.get().await.unwrap();
        let t0 = OffsetDateTime::from_unix_timestamp(1_000_000).unwrap();
        let ann = ModeratorName::parse("ann").unwrap();
        let id = crate::store::postgres::moderators::create(&c, &ann, Role::Admin, "$h", t0).await.unwrap();
        create(&c, "idle", id, t0).await.unwrap();
        create(&c, "busy", id, t0).await.unwrap();
        create(&c, "gone", id, t0).await.unwrap();
        assert!(create(&c, "gone", id, t0).await.is_err(), "a token hash is a key");
        let got = lookup(&c, "busy").await.unwrap().unwrap();
        assert_eq!(got.moderator, Moderator { id, name: "ann".into(), role: Role::Admin });
        assert_eq!((got.created_at, got.last_seen_at), (1_000_000, 1_000_000));
        let t1 = t0 + time::Duration::seconds(500);
        touch(&c, "busy", t1).await.unwrap();
        assert_eq!(lookup(&c, "busy").await.unwrap().unwrap().last_seen_at, 1_000_500);
        delete(&c, "gone").await.unwrap();
        assert!(lookup(&c, "gone").await.unwrap().is_none());
        // Idle for 600 s: `idle` goes, `busy` (seen 100 s ago) stays.
        let t2 = t0 + time::Duration::seconds(600);
        assert_eq!(purge_expired(&c, t2, 300, 10_000).await.unwrap(), 1);
        assert!(lookup(&c, "idle").await.unwrap().is_none());
        assert!(lookup(&c, "busy").await.unwrap().is_some());
        // Older than the maximum age, however recently seen.
        assert_eq!(purge_expired(&c, t2, 300, 599).await.unwrap(), 1);
        assert!(lookup(&c, "busy").await.unwrap().is_none());
    }
}
