//! PostgreSQL counterpart of `store::sqlite::webhooks`: the outbox rows, written in the
//! transaction of their change, and the worker's claims. Several nodes claim from one table: the
//! claim locks the rows it picks with `FOR UPDATE SKIP LOCKED` (a node never waits on another's
//! claim, nor takes the same rows) and leases them, so the rows stay its own after the claim's
//! transaction while it sends them.
use deadpool_postgres::GenericClient;

use crate::error::AppError;
use crate::webhooks::{Attempt, Delivery, DeliveryStatus, NewEvent, Outbox, OutboxRow};

/// Adds the outbox rows for these events, for the targets that want them.
pub async fn enqueue(c: &impl GenericClient, outbox: &Outbox, events: &[NewEvent]) -> Result<(), AppError> {
    insert(c, &outbox.rows(events)).await
}

pub async fn insert(c: &impl GenericClient, rows: &[OutboxRow]) -> Result<(), AppError> {
    if rows.is_empty() {
        return Ok(());
    }
    let st = c
        .prepare_cached(
            "INSERT INTO webhook_deliveries (msg_id, event, target, comment_id, facts, created_at, next_attempt_at, \
                 expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .await?;
    for r in rows {
        c.execute(
            &st,
            &[
                &r.msg_id,
                &r.event.as_str(),
                &r.target,
                &r.comment_id,
                &r.facts,
                &r.created_at,
                &r.next_attempt_at,
                &r.expires_at,
            ],
        )
        .await?;
    }
    Ok(())
}

const COLUMNS: &str = "id, msg_id, event, target, comment_id, facts, status, attempts, created_at, next_attempt_at, \
                       expires_at, last_status, last_error, updated_at";

fn from_row(r: &tokio_postgres::Row) -> Result<Delivery, tokio_postgres::Error> {
    Ok(Delivery {
        id: r.try_get(0)?,
        msg_id: r.try_get(1)?,
        event: r.try_get(2)?,
        target: r.try_get(3)?,
        comment_id: r.try_get(4)?,
        facts: r.try_get(5)?,
        status: DeliveryStatus::parse(r.try_get::<_, &str>(6)?),
        attempts: r.try_get(7)?,
        created_at: r.try_get(8)?,
        next_attempt_at: r.try_get(9)?,
        expires_at: r.try_get(10)?,
        last_status: r.try_get(11)?,
        last_error: r.try_get(12)?,
        updated_at: r.try_get(13)?,
    })
}

fn rows(rows: &[tokio_postgres::Row]) -> Result<Vec<Delivery>, AppError> {
    Ok(rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?)
}

pub async fn next_due(c: &impl GenericClient) -> Result<Option<i64>, AppError> {
    let row = c
        .query_one(
            "SELECT min(GREATEST(next_attempt_at, coalesce(lease_until, 0))) FROM webhook_deliveries \
             WHERE status = 'pending'",
            &[],
        )
        .await?;
    Ok(row.try_get(0)?)
}

pub async fn claim(
    c: &impl GenericClient,
    now: i64,
    lease_until: i64,
    limit: usize,
) -> Result<Vec<Delivery>, AppError> {
    let sql = format!(
        "UPDATE webhook_deliveries SET lease_until = $2 WHERE id IN (\
             SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
               AND (lease_until IS NULL OR lease_until <= $1) ORDER BY next_attempt_at, id LIMIT $3 \
             FOR UPDATE SKIP LOCKED) \
         RETURNING {COLUMNS}"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    rows(&c.query(&sql, &[&now, &lease_until, &limit]).await?)
}

pub async fn record(c: &impl GenericClient, a: &Attempt) -> Result<(), AppError> {
    let http_status = a.http_status.map(i64::from);
    c.execute(
        "UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, last_status = $3, last_error = $4, \
             next_attempt_at = $5, lease_until = NULL, updated_at = $6 WHERE id = $1 AND status = 'pending'",
        &[&a.id, &a.status.as_str(), &http_status, &a.error, &a.next_attempt_at, &a.now],
    )
    .await?;
    Ok(())
}

pub async fn list(c: &impl GenericClient, limit: usize) -> Result<Vec<Delivery>, AppError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let sql = format!("SELECT {COLUMNS} FROM webhook_deliveries ORDER BY id DESC LIMIT $1");
    rows(&c.query(&sql, &[&limit]).await?)
}

pub async fn retry(c: &impl GenericClient, id: i64, now: i64, expires_at: i64) -> Result<bool, AppError> {
    let n = c
        .execute(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, expires_at = $3, \
                 lease_until = NULL, updated_at = $2 WHERE id = $1",
            &[&id, &now, &expires_at],
        )
        .await?;
    Ok(n > 0)
}

pub async fn prune(c: &impl GenericClient, before: i64) -> Result<usize, AppError> {
    let n = c
        .execute(
            "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND coalesce(updated_at, created_at) < $1",
            &[&before],
        )
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::webhooks::EventKind;

    #[tokio::test]
    async fn two_nodes_claiming_at_once_never_take_the_same_delivery() {
        let Some(pool) = crate::store::postgres::test_pool("webhook claims").await else { return };
        let rows: Vec<OutboxRow> = (0..40)
            .map(|i| OutboxRow {
                msg_id: format!("m{i}"),
                event: EventKind::Held,
                target: "https://t.example/".into(),
                comment_id: i,
                facts: "{}".into(),
                created_at: 100,
                next_attempt_at: 100,
                expires_at: 10_000,
            })
            .collect();
        insert(&pool.get().await.unwrap(), &rows).await.unwrap();
        let claims = (0..4).map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let c = pool.get().await.unwrap();
                    let got = claim(&c, 200, 5_000, 3).await.unwrap();
                    if got.is_empty() {
                        return mine;
                    }
                    mine.extend(got.into_iter().map(|d| d.msg_id));
                }
            })
        });
        let mut all: Vec<String> = Vec::new();
        for h in claims {
            all.extend(h.await.unwrap());
        }
        all.sort();
        let before = all.len();
        all.dedup();
        assert_eq!((before, all.len()), (40, 40), "each delivery claimed exactly once");
        let c = pool.get().await.unwrap();
        assert_eq!(next_due(&c).await.unwrap(), Some(5_000), "all leased until 5,000");
        assert_eq!(claim(&c, 5_000, 9_000, 100).await.unwrap().len(), 40, "free again when the lease ends");
    }
}
