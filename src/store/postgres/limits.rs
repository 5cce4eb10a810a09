//! The per-article comment cap for all nodes together: a count per article and minute, kept in
//! the database (the per-client limits stay in each node's memory).

use crate::error::AppError;

/// Adds `n` comments to the article's count for `minute` and returns the count of all nodes.
/// The count is not data a reader was promised, so its commit does not wait for the disk.
pub async fn add_to_minute(
    c: &mut deadpool_postgres::Object,
    article_id: i64,
    minute: i64,
    n: i64,
) -> Result<i64, AppError> {
    let n = i32::try_from(n).unwrap_or(i32::MAX);
    let tx = c.transaction().await?;
    tx.batch_execute("SET LOCAL synchronous_commit = off").await?;
    let st = tx
        .prepare_cached(
            "INSERT INTO article_minute_counts (article_id, minute, n) VALUES ($1, $2, $3) \
             ON CONFLICT (article_id, minute) DO UPDATE SET n = article_minute_counts.n + excluded.n RETURNING n",
        )
        .await?;
    let counted: i32 = tx.query_one(&st, &[&article_id, &minute, &n]).await?.try_get(0)?;
    if counted == n {
        // The first count of a minute clears the article's old minutes.
        let old = tx.prepare_cached("DELETE FROM article_minute_counts WHERE article_id = $1 AND minute < $2").await?;
        tx.execute(&old, &[&article_id, &(minute - 1)]).await?;
    }
    tx.commit().await?;
    Ok(i64::from(counted))
}
