//! PostgreSQL counterpart of `store::sqlite::live`: reads the events the trigger of migration
//! 0008 writes.
use deadpool_postgres::GenericClient;

use crate::error::AppError;
use crate::store::sqlite::live::{LiveEvent, LiveKind};

pub async fn events_after(
    c: &impl GenericClient,
    article_id: i64,
    after: i64,
    limit: usize,
) -> Result<Vec<LiveEvent>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT seq, comment_id, parent_id, kind FROM comment_events \
             WHERE article_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .await?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = c.query(&st, &[&article_id, &after, &limit]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: String = r.try_get(3)?;
        let kind = LiveKind::parse(&kind).ok_or_else(|| AppError::internal(format!("unknown live event {kind}")))?;
        out.push(LiveEvent { seq: r.try_get(0)?, comment_id: r.try_get(1)?, parent_id: r.try_get(2)?, kind });
    }
    Ok(out)
}

pub async fn last_seq(c: &impl GenericClient, article_id: i64) -> Result<i64, AppError> {
    let st = c.prepare_cached("SELECT seq FROM live_seqs WHERE article_id = $1").await?;
    Ok(match c.query_opt(&st, &[&article_id]).await? {
        Some(r) => r.try_get(0)?,
        None => 0,
    })
}

pub async fn prune(c: &impl GenericClient, cutoff: i64) -> Result<usize, AppError> {
    let n = c.execute("DELETE FROM comment_events WHERE at < $1", &[&cutoff]).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// Takes the live counters of the articles of these comments, in article order, before a
/// transaction that may change several articles' comments: the trigger then finds them held, and
/// two such transactions never wait on each other's counters in opposite orders (a deadlock).
pub async fn lock_for_comments(c: &impl GenericClient, comment_ids: &[i64]) -> Result<(), AppError> {
    let st = c
        .prepare_cached(
            "SELECT 1 FROM live_seqs WHERE article_id IN \
             (SELECT article_id FROM comments WHERE id = ANY($1)) ORDER BY article_id FOR UPDATE",
        )
        .await?;
    c.query(&st, &[&comment_ids]).await?;
    Ok(())
}
