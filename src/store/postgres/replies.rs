//! PostgreSQL counterpart of `store::sqlite::replies`.
use deadpool_postgres::GenericClient;

use crate::error::AppError;

pub async fn add(c: &impl GenericClient, comment_id: i64, email: &str, now: i64) -> Result<i64, AppError> {
    let row = c
        .query_one(
            "INSERT INTO reply_subscriptions (comment_id, email, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (comment_id) DO UPDATE SET email = excluded.email, created_at = excluded.created_at, \
             confirmed_at = NULL RETURNING id",
            &[&comment_id, &email, &now],
        )
        .await?;
    Ok(row.try_get(0)?)
}

pub async fn confirm(c: &impl GenericClient, id: i64, now: i64) -> Result<bool, AppError> {
    Ok(c.execute(
        "UPDATE reply_subscriptions SET confirmed_at = coalesce(confirmed_at, $2) WHERE id = $1",
        &[&id, &now],
    )
    .await?
        > 0)
}

pub async fn remove(c: &impl GenericClient, id: i64) -> Result<bool, AppError> {
    Ok(c.execute("DELETE FROM reply_subscriptions WHERE id = $1", &[&id]).await? > 0)
}

pub async fn confirmed_for(c: &impl GenericClient, parent_id: i64) -> Result<Option<(i64, String)>, AppError> {
    let row = c
        .query_opt(
            "SELECT id, email FROM reply_subscriptions WHERE comment_id = $1 AND confirmed_at IS NOT NULL",
            &[&parent_id],
        )
        .await?;
    Ok(match row {
        Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
        None => None,
    })
}
