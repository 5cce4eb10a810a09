//! The per-article comment cap for all nodes together: a count per article and minute, kept in
//! the database (the per-client limits stay in each node's memory).
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;

use crate::error::AppError;

/// Takes one of the article's comments for this minute: `Ok(Err(seconds))` when the cap is
/// reached, with the seconds until the next minute. The count is not data a reader was promised,
/// so its commit does not wait for the disk.
pub async fn article_slot(
    c: &impl GenericClient,
    article_id: i64,
    per_minute: u32,
) -> Result<Result<(), u64>, AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let minute = now.div_euclid(60);
    let st = c
        .prepare_cached(
            "WITH _ AS (SELECT set_config('synchronous_commit', 'off', true)) \
             INSERT INTO article_minute_counts (article_id, minute, n) VALUES ($1, $2, 1) \
             ON CONFLICT (article_id, minute) DO UPDATE SET n = article_minute_counts.n + 1 RETURNING n",
        )
        .await?;
    let n: i32 = c.query_one(&st, &[&article_id, &minute]).await?.get(0);
    if n == 1 {
        // The first comment of a minute clears the article's old minutes.
        let old = c.prepare_cached("DELETE FROM article_minute_counts WHERE article_id = $1 AND minute < $2").await?;
        c.execute(&old, &[&article_id, &(minute - 1)]).await?;
    }
    if i64::from(n) > i64::from(per_minute) {
        let wait = 60 - now.rem_euclid(60);
        return Ok(Err(u64::try_from(wait).unwrap_or(60).max(1)));
    }
    Ok(Ok(()))
}
