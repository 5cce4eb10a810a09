//! Moderator accounts and their API tokens.
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use crate::domain::email::{EmailAddress, Notify, NotifyPrefs};
use crate::domain::moderator::{Moderator, ModeratorName, Role};
use crate::error::AppError;

/// An account as listed by `commentdesk moderator list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub moderator: Moderator,
    pub created_at: i64,
}

fn moderator(id: i64, name: String, role: String) -> Moderator {
    Moderator { id, name, role: Role::parse(&role).unwrap_or(Role::Moderator) }
}

/// Adds an account; a taken name is a conflict.
pub fn create(
    conn: &Connection,
    name: &ModeratorName,
    role: Role,
    password_hash: &str,
    now: OffsetDateTime,
) -> Result<i64, AppError> {
    let taken: Option<i64> =
        conn.query_row("SELECT id FROM moderators WHERE name = ?1", [name.as_str()], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(AppError::Conflict(format!("a moderator named {} already exists", name.as_str())));
    }
    Ok(conn.query_row(
        "INSERT INTO moderators (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        params![name.as_str(), role.as_str(), password_hash, now.unix_timestamp()],
        |r| r.get(0),
    )?)
}

pub fn list(conn: &Connection) -> Result<Vec<Account>, AppError> {
    let mut st = conn.prepare_cached("SELECT id, name, role, created_at FROM moderators ORDER BY name")?;
    let rows = st.query_map([], |r| {
        Ok(Account { moderator: moderator(r.get(0)?, r.get(1)?, r.get(2)?), created_at: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Removes an account with its sessions and tokens; true when it existed. The audit log keeps
/// its name.
pub fn remove(conn: &Connection, name: &ModeratorName) -> Result<bool, AppError> {
    Ok(conn.execute("DELETE FROM moderators WHERE name = ?1", [name.as_str()])? > 0)
}

/// Replaces the password and ends every session of the account; true when it exists.
pub fn set_password(conn: &Connection, name: &ModeratorName, password_hash: &str) -> Result<bool, AppError> {
    let id: Option<i64> =
        conn.query_row("SELECT id FROM moderators WHERE name = ?1", [name.as_str()], |r| r.get(0)).optional()?;
    let Some(id) = id else { return Ok(false) };
    conn.execute("UPDATE moderators SET password_hash = ?2 WHERE id = ?1", params![id, password_hash])?;
    conn.execute("DELETE FROM moderator_sessions WHERE moderator_id = ?1", [id])?;
    Ok(true)
}

/// The account and its password hash, for sign-in.
pub fn for_login(conn: &Connection, name: &str) -> Result<Option<(Moderator, String)>, AppError> {
    Ok(conn
        .prepare_cached("SELECT id, name, role, password_hash FROM moderators WHERE name = ?1")?
        .query_row([name], |r| Ok((moderator(r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)))
        .optional()?)
}

pub fn by_name(conn: &Connection, name: &ModeratorName) -> Result<Option<Moderator>, AppError> {
    Ok(conn
        .prepare_cached("SELECT id, name, role FROM moderators WHERE name = ?1")?
        .query_row([name.as_str()], |r| Ok(moderator(r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Stores the hash of a new API token.
pub fn add_token(conn: &Connection, moderator_id: i64, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO moderator_tokens (token_hash, moderator_id, created_at) VALUES (?1, ?2, ?3)",
        params![token_hash, moderator_id, now.unix_timestamp()],
    )?;
    Ok(())
}

/// The moderator an API token belongs to.
pub fn by_token(conn: &Connection, token_hash: &str) -> Result<Option<Moderator>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT m.id, m.name, m.role FROM moderator_tokens t JOIN moderators m ON m.id = t.moderator_id \
             WHERE t.token_hash = ?1",
        )?
        .query_row([token_hash], |r| Ok(moderator(r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// A moderator's mail choice (the defaults when the stored address no longer parses).
pub fn notify_prefs(conn: &Connection, moderator_id: i64) -> Result<NotifyPrefs, AppError> {
    let row: Option<(Option<String>, String, i64)> = conn
        .prepare_cached("SELECT email, notify, digest_minutes FROM moderators WHERE id = ?1")?
        .query_row([moderator_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.map(|(e, n, m)| prefs_of(e, &n, m)).unwrap_or_default())
}

pub(crate) fn prefs_of(email: Option<String>, notify: &str, minutes: i64) -> NotifyPrefs {
    let email = email.and_then(|e| EmailAddress::parse(&e).ok());
    let notify = if email.is_some() { Notify::parse(notify).unwrap_or(Notify::None) } else { Notify::None };
    NotifyPrefs { email, notify, digest_minutes: u32::try_from(minutes).unwrap_or(60) }
}

pub fn set_notify_prefs(conn: &Connection, moderator_id: i64, prefs: &NotifyPrefs) -> Result<(), AppError> {
    conn.execute(
        "UPDATE moderators SET email = ?2, notify = ?3, digest_minutes = ?4 WHERE id = ?1",
        params![
            moderator_id,
            prefs.email.as_ref().map(EmailAddress::as_str),
            prefs.notify.as_str(),
            prefs.digest_minutes
        ],
    )?;
    Ok(())
}

/// (name, address) of the moderators who want a mail for every held threat.
pub fn threat_recipients(conn: &Connection) -> Result<Vec<(String, String)>, AppError> {
    let mut st = conn.prepare_cached(
        "SELECT name, email FROM moderators WHERE notify = 'threats' AND email IS NOT NULL ORDER BY name",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The moderators whose digest is due at `now`, marked as sent in the same statement, so of
/// several nodes asking at once only one gets each.
pub fn claim_digests(conn: &Connection, now: i64) -> Result<Vec<(String, String)>, AppError> {
    let mut st = conn.prepare_cached(
        "UPDATE moderators SET digest_sent_at = ?1 \
         WHERE notify = 'digest' AND email IS NOT NULL \
           AND (digest_sent_at IS NULL OR digest_sent_at + digest_minutes * 60 <= ?1) \
         RETURNING name, email",
    )?;
    let rows = st.query_map([now], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::sqlite::migrations::migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn accounts_are_created_once_listed_and_removed_with_their_sessions() {
        let conn = db();
        let now = OffsetDateTime::now_utc();
        let ann = ModeratorName::parse("ann").unwrap();
        let id = create(&conn, &ann, Role::Admin, "$h", now).unwrap();
        assert!(matches!(create(&conn, &ann, Role::Moderator, "$h", now), Err(AppError::Conflict(_))));
        crate::store::sqlite::sessions::create(&conn, "tok", id, now).unwrap();
        add_token(&conn, id, "api", now).unwrap();
        assert_eq!(by_token(&conn, "api").unwrap().unwrap().name, "ann");
        assert_eq!(list(&conn).unwrap()[0].moderator.role, Role::Admin);
        assert!(set_password(&conn, &ann, "$h2").unwrap());
        assert!(
            crate::store::sqlite::sessions::lookup(&conn, "tok").unwrap().is_none(),
            "a new password ends sessions"
        );
        assert!(remove(&conn, &ann).unwrap());
        assert!(by_token(&conn, "api").unwrap().is_none());
        assert!(!remove(&conn, &ann).unwrap());
    }
}
