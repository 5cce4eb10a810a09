//! What each rule earned: the Rules page's counts (see `moderation::rules`). SQLite runs the same
//! statements (`store::sqlite::rules`) with its own placeholders, so they keep to SQL both know.
use deadpool_postgres::GenericClient;

use crate::error::AppError;
use crate::store::{RuleCount, RuleExample, RuleOutcome, RuleStats, ScoreCount, rule_windows};

// A comment held by a rule is counted once per code (a code can be stored twice for one
// comment), in the bucket of its age; moderators' outcomes come from its status now and whether a
// moderator decided it. `comment_reasons_by_code` and `comments_by_time` serve these.
pub const COUNTS: &str = "\
    SELECT r.code, CASE WHEN c.created_at >= $2 THEN 7 WHEN c.created_at >= $3 THEN 30 ELSE 90 END AS bucket, \
           count(DISTINCT c.id), \
           count(DISTINCT CASE WHEN c.decided_by IS NOT NULL AND c.status = 'published' THEN c.id END), \
           count(DISTINCT CASE WHEN c.decided_by IS NOT NULL AND c.status IN ('rejected', 'spam') THEN c.id END) \
      FROM comment_reasons r JOIN comments c ON c.id = r.comment_id \
     WHERE r.action IN ('hold', 'spam') AND c.created_at >= $1 \
     GROUP BY r.code, bucket";

// The three newest decided comments per code and outcome.
pub const EXAMPLES: &str = "\
    SELECT code, approved, id, created_at, excerpt FROM ( \
        SELECT r.code, c.status = 'published' AS approved, c.id, c.created_at, substr(c.body_md, 1, 300) AS excerpt, \
               row_number() OVER (PARTITION BY r.code, c.status = 'published' ORDER BY c.id DESC) AS n \
          FROM comment_reasons r JOIN comments c ON c.id = r.comment_id \
         WHERE r.action IN ('hold', 'spam') AND c.created_at >= $1 AND c.decided_by IS NOT NULL \
           AND c.status IN ('published', 'rejected', 'spam')) AS x \
     WHERE n <= 3";

// Bad: rejected or marked spam by a moderator; fine: published (by a moderator or not).
pub const SCORE: &str = "\
    SELECT CASE WHEN created_at >= $2 THEN 7 WHEN created_at >= $3 THEN 30 ELSE 90 END AS bucket, \
           CAST(sum(CASE WHEN score >= $4 AND status <> 'published' THEN 1 ELSE 0 END) AS BIGINT), \
           CAST(sum(CASE WHEN score >= $4 AND status = 'published' THEN 1 ELSE 0 END) AS BIGINT), \
           CAST(sum(CASE WHEN score < $4 AND status <> 'published' THEN 1 ELSE 0 END) AS BIGINT), \
           CAST(sum(CASE WHEN score < $4 AND status = 'published' THEN 1 ELSE 0 END) AS BIGINT) \
      FROM comments \
     WHERE created_at >= $1 AND score IS NOT NULL \
       AND (status = 'published' OR (decided_by IS NOT NULL AND status IN ('rejected', 'spam'))) \
     GROUP BY bucket";

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn days(bucket: i32) -> u32 {
    u32::try_from(bucket).unwrap_or(90)
}

pub async fn stats(c: &impl GenericClient, now: i64, threshold: f64) -> Result<RuleStats, AppError> {
    let (since90, since7, since30) = (now - 90 * 86_400, now - 7 * 86_400, now - 30 * 86_400);
    let st = c.prepare_cached(COUNTS).await?;
    let mut by_bucket = Vec::new();
    for r in c.query(&st, &[&since90, &since7, &since30]).await? {
        by_bucket.push(RuleCount {
            code: r.try_get(0)?,
            days: days(r.try_get(1)?),
            held: count(r.try_get(2)?),
            approved: count(r.try_get(3)?),
            rejected: count(r.try_get(4)?),
        });
    }
    let st = c.prepare_cached(EXAMPLES).await?;
    let mut examples = Vec::new();
    for r in c.query(&st, &[&since90]).await? {
        examples.push(RuleExample {
            code: r.try_get(0)?,
            outcome: if r.try_get::<_, bool>(1)? { RuleOutcome::Approved } else { RuleOutcome::Rejected },
            comment_id: r.try_get(2)?,
            created_at: r.try_get(3)?,
            excerpt: r.try_get(4)?,
        });
    }
    let st = c.prepare_cached(SCORE).await?;
    let mut score = Vec::new();
    for r in c.query(&st, &[&since90, &since7, &since30, &threshold]).await? {
        score.push(ScoreCount {
            days: days(r.try_get(0)?),
            true_holds: count(r.try_get(1)?),
            false_holds: count(r.try_get(2)?),
            missed: count(r.try_get(3)?),
            fine_published: count(r.try_get(4)?),
        });
    }
    Ok(rule_windows(by_bucket, examples, score))
}
