//! What each rule earned: the Rules page's counts (see `moderation::rules`).
use rusqlite::{Connection, params};

use crate::error::AppError;
use crate::store::{RuleCount, RuleExample, RuleOutcome, RuleStats, ScoreCount, rule_windows};

// The statements are PostgreSQL's (`store::postgres::rules`, which says why each is so) but for
// the placeholders.
const COUNTS: &str = "\
    SELECT r.code, CASE WHEN c.created_at >= ?2 THEN 7 WHEN c.created_at >= ?3 THEN 30 ELSE 90 END AS bucket, \
           count(DISTINCT c.id), \
           count(DISTINCT CASE WHEN c.decided_by IS NOT NULL AND c.status = 'published' THEN c.id END), \
           count(DISTINCT CASE WHEN c.decided_by IS NOT NULL AND c.status IN ('rejected', 'spam') THEN c.id END) \
      FROM comment_reasons r JOIN comments c ON c.id = r.comment_id \
     WHERE r.action IN ('hold', 'spam') AND c.created_at >= ?1 \
     GROUP BY r.code, bucket";

const EXAMPLES: &str = "\
    SELECT code, approved, id, created_at, excerpt FROM ( \
        SELECT r.code, c.status = 'published' AS approved, c.id, c.created_at, substr(c.body_md, 1, 300) AS excerpt, \
               row_number() OVER (PARTITION BY r.code, c.status = 'published' ORDER BY c.id DESC) AS n \
          FROM comment_reasons r JOIN comments c ON c.id = r.comment_id \
         WHERE r.action IN ('hold', 'spam') AND c.created_at >= ?1 AND c.decided_by IS NOT NULL \
           AND c.status IN ('published', 'rejected', 'spam')) AS x \
     WHERE n <= 3";

const SCORE: &str = "\
    SELECT CASE WHEN created_at >= ?2 THEN 7 WHEN created_at >= ?3 THEN 30 ELSE 90 END AS bucket, \
           sum(CASE WHEN score >= ?4 AND status <> 'published' THEN 1 ELSE 0 END), \
           sum(CASE WHEN score >= ?4 AND status = 'published' THEN 1 ELSE 0 END), \
           sum(CASE WHEN score < ?4 AND status <> 'published' THEN 1 ELSE 0 END), \
           sum(CASE WHEN score < ?4 AND status = 'published' THEN 1 ELSE 0 END) \
      FROM comments \
     WHERE created_at >= ?1 AND score IS NOT NULL \
       AND (status = 'published' OR (decided_by IS NOT NULL AND status IN ('rejected', 'spam'))) \
     GROUP BY bucket";

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub fn stats(conn: &Connection, now: i64, threshold: f64) -> Result<RuleStats, AppError> {
    let (since90, since7, since30) = (now - 90 * 86_400, now - 7 * 86_400, now - 30 * 86_400);
    let mut by_bucket = Vec::new();
    let mut st = conn.prepare_cached(COUNTS)?;
    let rows = st.query_map(params![since90, since7, since30], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?))
    })?;
    for row in rows {
        let (code, bucket, held, approved, rejected) = row?;
        by_bucket.push(RuleCount {
            code,
            days: u32::try_from(bucket).unwrap_or(90),
            held: count(held),
            approved: count(approved),
            rejected: count(rejected),
        });
    }
    let mut examples = Vec::new();
    let mut st = conn.prepare_cached(EXAMPLES)?;
    let rows = st.query_map([since90], |r| {
        Ok(RuleExample {
            code: r.get(0)?,
            outcome: if r.get::<_, bool>(1)? { RuleOutcome::Approved } else { RuleOutcome::Rejected },
            comment_id: r.get(2)?,
            created_at: r.get(3)?,
            excerpt: r.get(4)?,
        })
    })?;
    for row in rows {
        examples.push(row?);
    }
    let mut score = Vec::new();
    let mut st = conn.prepare_cached(SCORE)?;
    let rows = st.query_map(params![since90, since7, since30, threshold], |r| {
        Ok(ScoreCount {
            days: u32::try_from(r.get::<_, i64>(0)?).unwrap_or(90),
            true_holds: count(r.get(1)?),
            false_holds: count(r.get(2)?),
            missed: count(r.get(3)?),
            fine_published: count(r.get(4)?),
        })
    })?;
    for row in rows {
        score.push(row?);
    }
    Ok(rule_windows(by_bucket, examples, score))
}
