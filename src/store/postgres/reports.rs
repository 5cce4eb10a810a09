//! PostgreSQL counterpart of `store::sqlite::reports`: reader reports. A report and its
//! consequence (hiding the comment at the threshold) are one transaction.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;

use crate::domain::comment::{CommentStatus, Reason};
use crate::domain::report::NewReport;
use crate::error::AppError;
use crate::store::sqlite::reports::Filed;

/// Files a report on a published comment. Refuses a second report by the same reader
/// (409) and reports on comments that are not published (409 when held, 404 otherwise).
///
/// Several statements that must apply together: the caller runs it inside a transaction
/// (`deadpool_postgres::Transaction`). The comment row is locked (`FOR UPDATE`) so that reports
/// filed at once on several nodes are counted one after the other and the comment is hidden once.
pub async fn file(
    c: &impl GenericClient,
    comment_id: i64,
    reporter_keys: &[String],
    report: &NewReport,
    threshold: u32,
    now: OffsetDateTime,
) -> Result<Filed, AppError> {
    let st = c.prepare_cached("SELECT status FROM comments WHERE id = $1 FOR UPDATE").await?;
    let status: Option<String> = c.query_opt(&st, &[&comment_id]).await?.map(|r| r.try_get(0)).transpose()?;
    match status.as_deref().and_then(CommentStatus::parse) {
        Some(CommentStatus::Published) => {}
        Some(CommentStatus::Pending) => {
            return Err(AppError::Conflict("This comment is already waiting for a moderator.".into()));
        }
        _ => return Err(AppError::NotFound("comment")),
    }
    let already = || AppError::Conflict("You have already reported this comment; a moderator will look at it.".into());
    let st = c
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM reports WHERE comment_id = $1 \
             AND (reporter_key = ANY($2) OR reporter_ip = ANY($2)))",
        )
        .await?;
    let seen: bool = c.query_one(&st, &[&comment_id, &reporter_keys]).await?.try_get(0)?;
    if seen {
        return Err(already());
    }
    let reporter_key = reporter_keys.first().map(String::as_str).unwrap_or("unknown");
    let reporter_ip = reporter_keys.get(1).map(String::as_str);
    let st = c
        .prepare_cached(
            "INSERT INTO reports (comment_id, reason, note, reporter_key, created_at, reporter_ip) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (comment_id, reporter_key) DO NOTHING RETURNING id",
        )
        .await?;
    let inserted = c
        .query_opt(
            &st,
            &[&comment_id, &report.reason.as_str(), &report.note, &reporter_key, &now.unix_timestamp(), &reporter_ip],
        )
        .await?;
    let Some(row) = inserted else { return Err(already()) };
    let report_id: i64 = row.try_get(0)?;
    let open = open_count(c, comment_id).await?;
    let hidden = open >= i64::from(threshold.max(1));
    if hidden {
        let st =
            c.prepare_cached("UPDATE comments SET status = 'pending' WHERE id = $1 AND status = 'published'").await?;
        c.execute(&st, &[&comment_id]).await?;
        let reasons = open_reasons(c, comment_id).await?;
        let summary = reasons.iter().map(|(r, n)| format!("{r} ×{n}")).collect::<Vec<_>>().join(", ");
        let reason = Reason::new("reported", format!("Hidden after {open} reader reports ({summary})."));
        let st =
            c.prepare_cached("INSERT INTO comment_reasons (comment_id, code, message) VALUES ($1, $2, $3)").await?;
        c.execute(&st, &[&comment_id, &reason.code, &reason.message]).await?;
    }
    Ok(Filed { report_id, hidden })
}

/// Open (unresolved) reports on a comment.
pub async fn open_count(c: &impl GenericClient, comment_id: i64) -> Result<i64, AppError> {
    let st = c.prepare_cached("SELECT count(*) FROM reports WHERE comment_id = $1 AND resolved_at IS NULL").await?;
    Ok(c.query_one(&st, &[&comment_id]).await?.try_get(0)?)
}

/// Open reports on a comment grouped by reason, most frequent first (then by reason, in byte
/// order as SQLite sorts text).
pub async fn open_reasons(c: &impl GenericClient, comment_id: i64) -> Result<Vec<(String, i64)>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT reason, count(*) AS n FROM reports WHERE comment_id = $1 AND resolved_at IS NULL \
             GROUP BY reason ORDER BY n DESC, reason COLLATE \"C\"",
        )
        .await?;
    let rows = c.query(&st, &[&comment_id]).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    async fn comment(c: &impl GenericClient, article: i64, status: &str) -> i64 {
        c.query_one(
            "INSERT INTO comments (article_id, body_md, body_html, status, created_at) \
             VALUES ($1, 'x', 'x', $2, 0) RETURNING id",
            &[&article, &status],
        )
        .await
        .unwrap()
        .get(0)
    }

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[tokio::test]
    async fn reports_are_counted_once_per_reader_and_hide_the_comment_at_the_threshold() {
        let Some(pool) = crate::store::postgres::test_pool("reports_file").await else { return };
        let mut client = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&client, "a").await;
        let id = comment(&client, a, "published").await;
        let now = OffsetDateTime::now_utc();
        let spam = NewReport::parse("spam", "").unwrap();
        let other = NewReport::parse("other", "meh").unwrap();
        let tx = client.transaction().await.unwrap();
        let first = file(&tx, id, &keys(&["r1", "ip1"]), &spam, 3, now).await.unwrap();
        tx.commit().await.unwrap();
        assert!(!first.hidden);
        let c = client;
        // The same reader, by whichever of their keys the report was filed under (the first).
        for again in [keys(&["r1"]), keys(&["x", "r1"])] {
            let err = file(&c, id, &again, &spam, 3, now).await.unwrap_err();
            assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
        }
        let second = file(&c, id, &keys(&["r2"]), &other, 3, now).await.unwrap();
        assert!(second.report_id > first.report_id && !second.hidden);
        assert_eq!(open_count(&c, id).await.unwrap(), 2);
        let third = file(&c, id, &keys(&["r3"]), &spam, 3, now).await.unwrap();
        assert!(third.hidden);
        assert_eq!(open_reasons(&c, id).await.unwrap(), [("spam".to_string(), 2), ("other".to_string(), 1)]);
        let stored = crate::store::postgres::comments::by_id(&c, id).await.unwrap().unwrap();
        assert_eq!(stored.status, CommentStatus::Pending);
        let reasons = crate::store::postgres::comments::reasons(&c, id).await.unwrap();
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].code, "reported");
        assert_eq!(reasons[0].message, "Hidden after 3 reader reports (spam ×2, other ×1).");
        // Held now: a conflict; not published at all: not found.
        assert!(matches!(file(&c, id, &keys(&["r4"]), &spam, 3, now).await, Err(AppError::Conflict(_))));
        let rejected = comment(&c, a, "rejected").await;
        assert!(matches!(file(&c, rejected, &keys(&["r4"]), &spam, 3, now).await, Err(AppError::NotFound(_))));
        assert!(matches!(file(&c, -1, &keys(&["r4"]), &spam, 3, now).await, Err(AppError::NotFound(_))));
        // A threshold of 0 counts as 1; no key files as "unknown".
        let lone = comment(&c, a, "published").await;
        assert!(file(&c, lone, &[], &other, 0, now).await.unwrap().hidden);
        let who: String =
            c.query_one("SELECT reporter_key FROM reports WHERE comment_id = $1", &[&lone]).await.unwrap().get(0);
        assert_eq!(who, "unknown");
        // Resolved reports no longer count.
        c.execute("UPDATE reports SET resolved_at = 1 WHERE comment_id = $1 AND reporter_key = 'r1'", &[&id])
            .await
            .unwrap();
        assert_eq!(open_count(&c, id).await.unwrap(), 2);
        assert_eq!(open_reasons(&c, id).await.unwrap(), [("other".to_string(), 1), ("spam".to_string(), 1)]);
    }
}
