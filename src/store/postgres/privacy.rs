//! PostgreSQL counterpart of `store::sqlite::privacy`: personal data, the IP-hash retention purge
//! and erasing an author on request.
use deadpool_postgres::GenericClient;

use crate::error::AppError;
use crate::store::sqlite::privacy::{ForgetError, Forgotten, REMOVED_BODY};

fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Erases the IP hash of every comment older than `cutoff` (unix seconds). Returns how many.
pub async fn purge_ip_hashes(c: &impl GenericClient, cutoff: i64) -> Result<usize, AppError> {
    let st =
        c.prepare_cached("UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < $1").await?;
    let comments = count(c.execute(&st, &[&cutoff]).await?);
    let st = c
        .prepare_cached("UPDATE reports SET reporter_ip = NULL WHERE reporter_ip IS NOT NULL AND created_at < $1")
        .await?;
    let reports = count(c.execute(&st, &[&cutoff]).await?);
    let st = c
        .prepare_cached("UPDATE reactions SET reader_ip = NULL WHERE reader_ip IS NOT NULL AND created_at < $1")
        .await?;
    Ok(comments + reports + count(c.execute(&st, &[&cutoff.saturating_mul(1000)]).await?))
}

/// Erases the name and hashes of the author of comment `id` on all their comments: those with
/// the same author key (the author cookie), or only this comment when it has none (imported
/// comments). With `remove`, the comments go too; one that others replied to stays as a
/// `deleted` placeholder with its text replaced, so the replies keep their thread.
///
/// Many statements that must apply together: the caller runs it inside a transaction
/// (`deadpool_postgres::Transaction`).
pub async fn forget_author(c: &impl GenericClient, id: i64, remove: bool) -> Result<Forgotten, ForgetError> {
    let row = c.query_opt("SELECT author_key FROM comments WHERE id = $1", &[&id]).await?;
    let key: Option<String> = row.ok_or(ForgetError::NoSuchComment(id))?.try_get(0)?;
    let ids: Vec<i64> = match &key {
        Some(k) => c
            .query("SELECT id FROM comments WHERE author_key = $1 ORDER BY id", &[k])
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?,
        None => vec![id],
    };
    // Their addresses for reply notifications go with everything else that names them.
    c.execute("DELETE FROM reply_subscriptions WHERE comment_id = ANY($1)", &[&ids]).await?;
    let anonymized = c
        .execute("UPDATE comments SET author_name = '', author_key = NULL, ip_hash = NULL WHERE id = ANY($1)", &[&ids])
        .await?;
    let mut out = Forgotten { anonymized: count(anonymized), ..Forgotten::default() };
    if let Some(k) = &key {
        // Reports this author filed name them by the same key; the reports stay, unattributed.
        // As on SQLite: `a:` and the key, unattributed and without their address.
        c.execute(
            "UPDATE reports SET reporter_key = 'forgotten:' || id, reporter_ip = NULL \
             WHERE reporter_key = 'a:' || $1 OR reporter_key = $1",
            &[k],
        )
        .await?;
        // As on SQLite: their reactions stay counted under a key that names nobody.
        out.reactions = count(
            c.execute(
                "UPDATE reactions SET reader_key = 'forgotten:' || id, reader_ip = NULL WHERE reader_key = $1",
                &[k],
            )
            .await?,
        );
    }
    if remove {
        let html = format!("<p>{REMOVED_BODY}</p>");
        c.execute(
            "UPDATE comments SET body_md = $2, body_html = $3, status = 'deleted', fingerprint = NULL \
             WHERE id = ANY($1)",
            &[&ids, &REMOVED_BODY, &html],
        )
        .await?;
        // Delete from the leaves up: a comment goes once no reply points at it.
        let st = c
            .prepare_cached(
                "DELETE FROM comments d WHERE d.id = ANY($1) \
                   AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = d.id)",
            )
            .await?;
        loop {
            let deleted = count(c.execute(&st, &[&ids]).await?);
            out.removed += deleted;
            if deleted == 0 {
                break;
            }
        }
        out.tombstoned = ids.len() - out.removed;
    }
    Ok(out)
}

/// Comments waiting for a moderator.
pub async fn pending_count(c: &impl GenericClient) -> Result<i64, AppError> {
    let st = c.prepare_cached("SELECT count(*) FROM comments WHERE status = 'pending'").await?;
    Ok(c.query_one(&st, &[]).await?.try_get(0)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    async fn comment(c: &impl GenericClient, a: i64, parent: Option<i64>, key: Option<&str>, at: i64) -> i64 {
        c.query_one(
            "INSERT INTO comments (article_id, parent_id, author_name, author_key, ip_hash, body_md, body_html, \
                 status, created_at, fingerprint) \
             VALUES ($1, $2, 'Name', $3, 'ip', 'x', 'x', 'published', $4, 42) RETURNING id",
            &[&a, &parent, &key, &at],
        )
        .await
        .unwrap()
        .get(0)
    }

    #[tokio::test]
    async fn ip_hashes_expire_and_pending_comments_are_counted() {
        let Some(pool) = crate::store::postgres::test_pool("privacy_purge").await else { return };
        let c = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&c, "a").await;
        let old = comment(&c, a, None, Some("k"), 100).await;
        let new = comment(&c, a, None, Some("k"), 1_000).await;
        assert_eq!(purge_ip_hashes(&c, 500).await.unwrap(), 1);
        assert_eq!(purge_ip_hashes(&c, 500).await.unwrap(), 0);
        let ip = |id: i64| {
            let c = &c;
            async move {
                c.query_one("SELECT ip_hash FROM comments WHERE id = $1", &[&id])
                    .await
                    .unwrap()
                    .get::<_, Option<String>>(0)
            }
        };
        assert_eq!(ip(old).await, None);
        assert_eq!(ip(new).await.as_deref(), Some("ip"));
        assert_eq!(pending_count(&c).await.unwrap(), 0);
        c.execute("UPDATE comments SET status = 'pending' WHERE id = $1", &[&new]).await.unwrap();
        assert_eq!(pending_count(&c).await.unwrap(), 1);
    }

    #[tokio::test]
    async fn an_author_is_forgotten_everywhere_and_removed_from_the_leaves_up() {
        let Some(pool) = crate::store::postgres::test_pool("privacy_forget").await else { return };
        let mut client = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&client, "a").await;
        // Ann's thread: her root, her reply to it, and Bob's reply to her root (which keeps it).
        let root = comment(&client, a, None, Some("ann"), 1).await;
        let own_reply = comment(&client, a, Some(root), Some("ann"), 2).await;
        let bob = comment(&client, a, Some(root), Some("bob"), 3).await;
        let lone = comment(&client, a, None, Some("ann"), 4).await;
        let imported = comment(&client, a, None, None, 5).await;
        client
            .execute(
                "INSERT INTO reports (comment_id, reason, reporter_key, created_at) VALUES ($1, 'spam', 'ann', 0)",
                &[&bob],
            )
            .await
            .unwrap();
        assert!(matches!(forget_author(&client, -1, false).await, Err(ForgetError::NoSuchComment(-1))));

        // Without a key, only that comment.
        let got = forget_author(&client, imported, false).await.unwrap();
        assert_eq!(got, Forgotten { anonymized: 1, removed: 0, tombstoned: 0, reactions: 0 });

        let tx = client.transaction().await.unwrap();
        let got = forget_author(&tx, lone, true).await.unwrap();
        tx.commit().await.unwrap();
        let c = client;
        assert_eq!(got, Forgotten { anonymized: 3, removed: 2, tombstoned: 1, reactions: 0 });
        let rows: Vec<(i64, String, Option<String>, String, String)> = c
            .query("SELECT id, author_name, author_key, status, body_md FROM comments ORDER BY id", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
            .collect();
        assert_eq!(
            rows,
            [
                (root, String::new(), None, "deleted".to_string(), REMOVED_BODY.to_string()),
                (bob, "Name".to_string(), Some("bob".to_string()), "published".to_string(), "x".to_string()),
                (imported, String::new(), None, "published".to_string(), "x".to_string()),
            ]
        );
        assert!(!rows.iter().any(|r| r.0 == own_reply || r.0 == lone));
        let reporter: String = c.query_one("SELECT reporter_key FROM reports", &[]).await.unwrap().get(0);
        assert!(reporter.starts_with("forgotten:"), "{reporter}");
    }
}
