//! PostgreSQL counterpart of `store::sqlite::moderators`: moderator accounts and their API tokens.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;
use tokio_postgres::Row;

use crate::domain::email::{EmailAddress, NotifyPrefs};
use crate::domain::moderator::{Moderator, ModeratorName, Role};
use crate::error::AppError;
use crate::store::sqlite::moderators::{Account, prefs_of};

fn moderator(r: &Row) -> Result<Moderator, tokio_postgres::Error> {
    let role: String = r.try_get(2)?;
    Ok(Moderator { id: r.try_get(0)?, name: r.try_get(1)?, role: Role::parse(&role).unwrap_or(Role::Moderator) })
}

/// Adds an account; a taken name is a conflict (also when another node takes it at the same time).
pub async fn create(
    c: &impl GenericClient,
    name: &ModeratorName,
    role: Role,
    password_hash: &str,
    now: OffsetDateTime,
) -> Result<i64, AppError> {
    let st = c
        .prepare_cached(
            "INSERT INTO moderators (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO NOTHING RETURNING id",
        )
        .await?;
    let row = c.query_opt(&st, &[&name.as_str(), &role.as_str(), &password_hash, &now.unix_timestamp()]).await?;
    match row {
        Some(r) => Ok(r.try_get(0)?),
        None => Err(AppError::Conflict(format!("a moderator named {} already exists", name.as_str()))),
    }
}

/// Every account, by name (byte order, as SQLite sorts text).
pub async fn list(c: &impl GenericClient) -> Result<Vec<Account>, AppError> {
    let st = c.prepare_cached("SELECT id, name, role, created_at FROM moderators ORDER BY name COLLATE \"C\"").await?;
    let rows = c.query(&st, &[]).await?;
    rows.iter().map(|r| Ok(Account { moderator: moderator(r)?, created_at: r.try_get(3)? })).collect()
}

/// Removes an account with its sessions and tokens; true when it existed. The audit log keeps
/// its name.
pub async fn remove(c: &impl GenericClient, name: &ModeratorName) -> Result<bool, AppError> {
    let st = c.prepare_cached("DELETE FROM moderators WHERE name = $1").await?;
    Ok(c.execute(&st, &[&name.as_str()]).await? > 0)
}

/// Replaces the password and ends every session of the account; true when it exists.
/// Two statements: call inside a transaction so that both or neither apply.
pub async fn set_password(c: &impl GenericClient, name: &ModeratorName, password_hash: &str) -> Result<bool, AppError> {
    let st = c.prepare_cached("UPDATE moderators SET password_hash = $2 WHERE name = $1 RETURNING id").await?;
    let Some(row) = c.query_opt(&st, &[&name.as_str(), &password_hash]).await? else { return Ok(false) };
    let id: i64 = row.try_get(0)?;
    let st = c.prepare_cached("DELETE FROM moderator_sessions WHERE moderator_id = $1").await?;
    c.execute(&st, &[&id]).await?;
    Ok(true)
}

/// The account and its password hash, for sign-in.
pub async fn for_login(c: &impl GenericClient, name: &str) -> Result<Option<(Moderator, String)>, AppError> {
    let st = c.prepare_cached("SELECT id, name, role, password_hash FROM moderators WHERE name = $1").await?;
    let Some(r) = c.query_opt(&st, &[&name]).await? else { return Ok(None) };
    Ok(Some((moderator(&r)?, r.try_get(3)?)))
}

pub async fn by_name(c: &impl GenericClient, name: &ModeratorName) -> Result<Option<Moderator>, AppError> {
    let st = c.prepare_cached("SELECT id, name, role FROM moderators WHERE name = $1").await?;
    Ok(c.query_opt(&st, &[&name.as_str()]).await?.map(|r| moderator(&r)).transpose()?)
}

/// Stores the hash of a new API token.
pub async fn add_token(
    c: &impl GenericClient,
    moderator_id: i64,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let st = c
        .prepare_cached("INSERT INTO moderator_tokens (token_hash, moderator_id, created_at) VALUES ($1, $2, $3)")
        .await?;
    c.execute(&st, &[&token_hash, &moderator_id, &now.unix_timestamp()]).await?;
    Ok(())
}

/// The moderator an API token belongs to.
pub async fn by_token(c: &impl GenericClient, token_hash: &str) -> Result<Option<Moderator>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT m.id, m.name, m.role FROM moderator_tokens t JOIN moderators m ON m.id = t.moderator_id \
             WHERE t.token_hash = $1",
        )
        .await?;
    Ok(c.query_opt(&st, &[&token_hash]).await?.map(|r| moderator(&r)).transpose()?)
}

/// As on SQLite: a moderator's mail choice.
pub async fn notify_prefs(c: &impl GenericClient, moderator_id: i64) -> Result<NotifyPrefs, AppError> {
    let st = c.prepare_cached("SELECT email, notify, digest_minutes FROM moderators WHERE id = $1").await?;
    let Some(r) = c.query_opt(&st, &[&moderator_id]).await? else { return Ok(NotifyPrefs::default()) };
    let minutes: i32 = r.try_get(2)?;
    let notify: String = r.try_get(1)?;
    Ok(prefs_of(r.try_get(0)?, &notify, i64::from(minutes)))
}

pub async fn set_notify_prefs(c: &impl GenericClient, moderator_id: i64, prefs: &NotifyPrefs) -> Result<(), AppError> {
    let minutes = i32::try_from(prefs.digest_minutes).unwrap_or(60);
    c.execute(
        "UPDATE moderators SET email = $2, notify = $3, digest_minutes = $4 WHERE id = $1",
        &[&moderator_id, &prefs.email.as_ref().map(EmailAddress::as_str), &prefs.notify.as_str(), &minutes],
    )
    .await?;
    Ok(())
}

pub async fn threat_recipients(c: &impl GenericClient) -> Result<Vec<(String, String)>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT name, email FROM moderators WHERE notify = 'threats' AND email IS NOT NULL \
             ORDER BY name COLLATE \"C\"",
        )
        .await?;
    let rows = c.query(&st, &[]).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// As on SQLite: the due digests, claimed in one statement (row locks make each node's claim
/// exclusive).
pub async fn claim_digests(c: &impl GenericClient, now: i64) -> Result<Vec<(String, String)>, AppError> {
    let st = c
        .prepare_cached(
            "UPDATE moderators SET digest_sent_at = $1 \
             WHERE notify = 'digest' AND email IS NOT NULL \
               AND (digest_sent_at IS NULL OR digest_sent_at + digest_minutes * 60 <= $1) \
             RETURNING name, email",
        )
        .await?;
    let rows = c.query(&st, &[&now]).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn accounts_are_created_once_listed_and_removed_with_their_sessions() {
        let Some(pool) = crate::store::postgres::test_pool("moderators_accounts").await else { return };
        let c = pool.get().await.unwrap();
        let now = OffsetDateTime::now_utc();
        let ann = ModeratorName::parse("ann").unwrap();
        let id = create(&c, &ann, Role::Admin, "$h", now).await.unwrap();
        assert!(matches!(create(&c, &ann, Role::Moderator, "$h", now).await, Err(AppError::Conflict(_))));
        let bob = ModeratorName::parse("Bob").unwrap();
        create(&c, &bob, Role::Moderator, "$b", now).await.unwrap();
        crate::store::postgres::sessions::create(&c, "tok", id, now).await.unwrap();
        add_token(&c, id, "api", now).await.unwrap();
        assert_eq!(by_token(&c, "api").await.unwrap().unwrap().name, "ann");
        assert!(by_token(&c, "nope").await.unwrap().is_none());
        let names: Vec<(String, Role)> =
            list(&c).await.unwrap().into_iter().map(|a| (a.moderator.name, a.moderator.role)).collect();
        // Byte order, as on SQLite: upper case first.
        assert_eq!(names, [("Bob".to_string(), Role::Moderator), ("ann".to_string(), Role::Admin)]);
        assert_eq!(
            for_login(&c, "ann").await.unwrap().unwrap(),
            (by_name(&c, &ann).await.unwrap().unwrap(), "$h".into())
        );
        assert!(set_password(&c, &ann, "$h2").await.unwrap());
        assert_eq!(for_login(&c, "ann").await.unwrap().unwrap().1, "$h2");
        assert!(
            crate::store::postgres::sessions::lookup(&c, "tok").await.unwrap().is_none(),
            "a new password ends sessions"
        );
        assert!(!set_password(&c, &ModeratorName::parse("nobody").unwrap(), "$x").await.unwrap());
        assert!(remove(&c, &ann).await.unwrap());
        assert!(by_token(&c, "api").await.unwrap().is_none());
        assert!(by_name(&c, &ann).await.unwrap().is_none());
        assert!(!remove(&c, &ann).await.unwrap());
    }
}
