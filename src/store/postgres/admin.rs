//! PostgreSQL counterpart of `store::sqlite::admin`: what admins change in the console,
//! per-article comment settings and runtime thresholds.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;

use crate::error::AppError;

/// Opens or closes comments and turns pre-moderation on or off; false when no such article.
/// Article imports keep these two flags, so the console's choice survives a restart.
pub async fn set_article_flags(
    c: &impl GenericClient,
    slug: &str,
    comments_open: bool,
    premoderation: bool,
) -> Result<bool, AppError> {
    let st = c.prepare_cached("UPDATE articles SET comments_open = $2, premoderation = $3 WHERE slug = $1").await?;
    Ok(c.execute(&st, &[&slug, &comments_open, &premoderation]).await? > 0)
}

/// The runtime thresholds by key (byte order, as SQLite sorts text).
pub async fn thresholds(c: &impl GenericClient) -> Result<Vec<(String, f64)>, AppError> {
    let st = c.prepare_cached("SELECT key, value FROM moderation_thresholds ORDER BY key COLLATE \"C\"").await?;
    let rows = c.query(&st, &[]).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

pub async fn set_threshold(c: &impl GenericClient, key: &str, value: f64, now: OffsetDateTime) -> Result<(), AppError> {
    let st = c
        .prepare_cached(
            "INSERT INTO moderation_thresholds (key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .await?;
    c.execute(&st, &[&key, &value, &now.unix_timestamp()]).await?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn flags_and_thresholds_are_stored_and_replaced() {
        let Some(pool) = crate::store::postgres::test_pool("admin_flags").await else { return };
        let c = pool.get().await.unwrap();
        crate::store::postgres::articles::test_article(&c, "a").await;
        assert!(set_article_flags(&c, "a", false, true).await.unwrap());
        assert!(!set_article_flags(&c, "missing", false, true).await.unwrap());
        let a = crate::store::postgres::articles::by_slug(&c, "a").await.unwrap().unwrap();
        assert!(!a.comments_open && a.premoderation);
        let now = OffsetDateTime::now_utc();
        assert!(thresholds(&c).await.unwrap().is_empty());
        set_threshold(&c, "spam", 0.9, now).await.unwrap();
        set_threshold(&c, "hold", 0.5, now).await.unwrap();
        set_threshold(&c, "spam", 0.75, now).await.unwrap();
        assert_eq!(thresholds(&c).await.unwrap(), [("hold".to_string(), 0.5), ("spam".to_string(), 0.75)]);
    }
}
