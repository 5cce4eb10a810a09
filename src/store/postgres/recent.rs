//! PostgreSQL counterpart of `store::sqlite::recent`: the recent comments by others, for the
//! repeat check, asked of the table (the in-memory index is the SQLite writer's; with several
//! nodes on one database each asks PostgreSQL).
use deadpool_postgres::GenericClient;

use crate::error::AppError;
use crate::moderation::Recent;
use crate::store::sqlite::recent::{CAPACITY, OTHERS_RECENT, RecentRow};

fn fp(v: i64) -> u64 {
    u64::from_ne_bytes(v.to_ne_bytes())
}

/// Fingerprints of the newest comments by others than `author_key` created at or after `since`,
/// newest first (ties by id, newest first, as the SQLite index answers), leaving out comment
/// `exclude`, at most [`OTHERS_RECENT`].
pub async fn by_others_sql(
    c: &impl GenericClient,
    author_key: Option<&str>,
    exclude: Option<i64>,
    since: i64,
) -> Result<Vec<Recent>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT fingerprint FROM comments WHERE created_at >= $1 AND id <> $2 AND fingerprint IS NOT NULL \
               AND author_key IS DISTINCT FROM $3::text AND status <> 'deleted' \
             ORDER BY created_at DESC, id DESC LIMIT $4",
        )
        .await?;
    let limit = i64::try_from(OTHERS_RECENT).unwrap_or(i64::MAX);
    let rows = c.query(&st, &[&since, &exclude.unwrap_or(-1), &author_key, &limit]).await?;
    rows.iter().map(|r| Ok(Recent { fingerprint: fp(r.try_get(0)?), same_author: false })).collect()
}

/// The newest comments with a fingerprint, for the node's in-memory index (see
/// `sqlite::recent::RecentIndex`, which both backends use): the newest `CAPACITY`, or with
/// `after`, those with a larger id.
pub async fn index_rows(c: &impl GenericClient, after: Option<i64>) -> Result<Vec<RecentRow>, AppError> {
    let limit = i64::try_from(CAPACITY).unwrap_or(i64::MAX);
    let rows = match after {
        None => {
            let st = c
                .prepare_cached(
                    "SELECT id, created_at, author_key, fingerprint, status FROM comments \
                     WHERE fingerprint IS NOT NULL AND status <> 'deleted' ORDER BY id DESC LIMIT $1",
                )
                .await?;
            c.query(&st, &[&limit]).await?
        }
        Some(after) => {
            let st = c
                .prepare_cached(
                    "SELECT id, created_at, author_key, fingerprint, status FROM comments \
                     WHERE id > $1 ORDER BY id LIMIT $2",
                )
                .await?;
            c.query(&st, &[&after, &limit]).await?
        }
    };
    rows.iter()
        .map(|r| {
            Ok(RecentRow {
                id: r.try_get(0)?,
                created_at: r.try_get(1)?,
                author_key: r.try_get(2)?,
                fingerprint: r.try_get(3)?,
                status: r.try_get(4)?,
            })
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    async fn insert(c: &impl GenericClient, a: i64, key: Option<&str>, status: &str, fp: i64, at: i64) -> i64 {
        c.query_one(
            "INSERT INTO comments (article_id, author_key, body_md, body_html, status, created_at, fingerprint) \
             VALUES ($1, $2, 'x', 'x', $3, $4, $5) RETURNING id",
            &[&a, &key, &status, &at, &fp],
        )
        .await
        .unwrap()
        .get(0)
    }

    #[tokio::test]
    async fn others_recent_comments_newest_first_without_the_author_deleted_or_excluded() {
        let Some(pool) = crate::store::postgres::test_pool("recent_by_others").await else { return };
        let c = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&c, "a").await;
        insert(&c, a, Some("old"), "published", 5, 10).await;
        let me = insert(&c, a, Some("me"), "published", 100, 9_000).await;
        insert(&c, a, Some("other"), "pending", 101, 9_001).await;
        insert(&c, a, Some("third"), "deleted", 102, 9_002).await;
        let same_second = insert(&c, a, Some("other"), "published", 103, 9_002).await;
        insert(&c, a, None, "published", 104, 9_003).await;
        // The negative fingerprints of SQLite's signed integers come back as the same bits.
        insert(&c, a, Some("far"), "spam", -1, 8_999).await;
        let fps = |v: Vec<Recent>| v.iter().map(|r| r.fingerprint).collect::<Vec<_>>();
        let got = by_others_sql(&c, Some("me"), None, 0).await.unwrap();
        assert!(got.iter().all(|r| !r.same_author));
        assert_eq!(fps(got), [104, 103, 101, u64::MAX, 5]);
        assert_eq!(fps(by_others_sql(&c, Some("other"), Some(me), 9_000).await.unwrap()), [104]);
        // Without a key, comments without one are the author's own.
        assert_eq!(fps(by_others_sql(&c, None, Some(same_second), 9_000).await.unwrap()), [101, 100]);
    }
}
