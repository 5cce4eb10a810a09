//! The webhook outbox (`webhook_deliveries`): rows written by the write paths in their own
//! transaction, claimed and recorded by the delivery worker (see `crate::webhooks`).
use rusqlite::{Connection, Row, params};

use crate::error::AppError;
use crate::webhooks::{Attempt, Delivery, DeliveryStatus, NewEvent, Outbox, OutboxRow};

/// Adds the outbox rows for these events, for the targets that want them (inside the caller's
/// transaction, so they commit or roll back with the change).
pub fn enqueue(conn: &Connection, outbox: &Outbox, events: &[NewEvent]) -> Result<(), AppError> {
    insert(conn, &outbox.rows(events))
}

/// Adds the rows (inside the caller's transaction).
pub fn insert(conn: &Connection, rows: &[OutboxRow]) -> Result<(), AppError> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO webhook_deliveries (msg_id, event, target, comment_id, facts, created_at, next_attempt_at, \
             expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for r in rows {
        st.execute(params![
            r.msg_id,
            r.event.as_str(),
            r.target,
            r.comment_id,
            r.facts,
            r.created_at,
            r.next_attempt_at,
            r.expires_at
        ])?;
    }
    Ok(())
}

const COLUMNS: &str = "id, msg_id, event, target, comment_id, facts, status, attempts, created_at, next_attempt_at, \
                       expires_at, last_status, last_error, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Delivery> {
    Ok(Delivery {
        id: r.get(0)?,
        msg_id: r.get(1)?,
        event: r.get(2)?,
        target: r.get(3)?,
        comment_id: r.get(4)?,
        facts: r.get(5)?,
        status: DeliveryStatus::parse(&r.get::<_, String>(6)?),
        attempts: r.get(7)?,
        created_at: r.get(8)?,
        next_attempt_at: r.get(9)?,
        expires_at: r.get(10)?,
        last_status: r.get(11)?,
        last_error: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// When the next pending delivery may be claimed (Unix ms): its time, or its lease's end.
pub fn next_due(conn: &Connection) -> Result<Option<i64>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT min(max(next_attempt_at, coalesce(lease_until, 0))) FROM webhook_deliveries \
             WHERE status = 'pending'",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Leases up to `limit` due deliveries until `lease_until`.
pub fn claim(conn: &Connection, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, AppError> {
    let sql = format!(
        "UPDATE webhook_deliveries SET lease_until = ?2 WHERE id IN (\
             SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?1 \
               AND (lease_until IS NULL OR lease_until <= ?1) ORDER BY next_attempt_at, id LIMIT ?3) \
         RETURNING {COLUMNS}"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![now, lease_until, limit], from_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Records an attempt's outcome and lets the lease go.
pub fn record(conn: &Connection, a: &Attempt) -> Result<(), AppError> {
    conn.prepare_cached(
        "UPDATE webhook_deliveries SET status = ?2, attempts = attempts + 1, last_status = ?3, last_error = ?4, \
             next_attempt_at = ?5, lease_until = NULL, updated_at = ?6 WHERE id = ?1 AND status = 'pending'",
    )?
    .execute(params![a.id, a.status.as_str(), a.http_status, a.error, a.next_attempt_at, a.now])?;
    Ok(())
}

/// The newest first.
pub fn list(conn: &Connection, limit: usize) -> Result<Vec<Delivery>, AppError> {
    let sql = format!("SELECT {COLUMNS} FROM webhook_deliveries ORDER BY id DESC LIMIT ?1");
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map([limit], from_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Sends a delivery again from `now`, whatever became of it, with a new time window.
pub fn retry(conn: &Connection, id: i64, now: i64, expires_at: i64) -> Result<bool, AppError> {
    let n = conn.execute(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?2, expires_at = ?3, lease_until = NULL, \
             updated_at = ?2 WHERE id = ?1",
        params![id, now, expires_at],
    )?;
    Ok(n > 0)
}

/// Forgets finished deliveries last changed before `before`.
pub fn prune(conn: &Connection, before: i64) -> Result<usize, AppError> {
    Ok(conn.execute(
        "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND coalesce(updated_at, created_at) < ?1",
        [before],
    )?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::webhooks::EventKind;

    fn row(msg: &str, at: i64) -> OutboxRow {
        OutboxRow {
            msg_id: msg.into(),
            event: EventKind::Held,
            target: "https://t.example/".into(),
            comment_id: 1,
            facts: "{}".into(),
            created_at: at,
            next_attempt_at: at,
            expires_at: at + 1000,
        }
    }

    #[test]
    fn a_claimed_delivery_is_not_claimed_again_until_its_lease_ends_or_it_is_recorded() {
        let conn = super::super::test_db("A");
        insert(&conn, &[row("m1", 100), row("m2", 200)]).unwrap();
        assert_eq!(next_due(&conn).unwrap(), Some(100));
        let got = claim(&conn, 150, 500, 10).unwrap();
        assert_eq!(got.iter().map(|d| d.msg_id.as_str()).collect::<Vec<_>>(), vec!["m1"]);
        assert!(claim(&conn, 160, 500, 10).unwrap().is_empty(), "m1 is leased, m2 not yet due");
        assert_eq!(next_due(&conn).unwrap(), Some(200));
        let a = Attempt {
            id: got[0].id,
            status: DeliveryStatus::Pending,
            http_status: Some(500),
            error: Some("HTTP 500".into()),
            next_attempt_at: 400,
            now: 170,
        };
        record(&conn, &a).unwrap();
        let again = claim(&conn, 450, 900, 10).unwrap();
        assert_eq!(again.len(), 2);
        let m1 = again.iter().find(|d| d.msg_id == "m1").unwrap();
        assert_eq!((m1.attempts, m1.last_status, m1.last_error.as_deref()), (1, Some(500), Some("HTTP 500")));
        // A lease that ran out (the node died mid-send) frees the delivery for another node.
        assert_eq!(claim(&conn, 901, 1200, 10).unwrap().len(), 2);
        assert!(retry(&conn, m1.id, 1000, 2000).unwrap());
        assert!(!retry(&conn, 999, 1000, 2000).unwrap());
    }
}
