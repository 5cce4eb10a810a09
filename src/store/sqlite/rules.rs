//! What each rule earned: the Rules page's counts (see `moderation::rules`).
use rusqlite::{Connection, params};

use crate::error::AppError;
use crate::store::postgres::rules::{COUNTS, EXAMPLES, SCORE};
use crate::store::{RuleCount, RuleExample, RuleOutcome, RuleStats, ScoreCount, rule_windows};

/// PostgreSQL's statements (`store::postgres::rules`, which says why each is so), with SQLite's
/// numbered placeholders: `$2` becomes `?2`.
fn sqlite(statement: &str) -> String {
    statement.replace('$', "?")
}

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub fn stats(conn: &Connection, now: i64, threshold: f64) -> Result<RuleStats, AppError> {
    let (since90, since7, since30) = (now - 90 * 86_400, now - 7 * 86_400, now - 30 * 86_400);
    let mut by_bucket = Vec::new();
    let mut st = conn.prepare_cached(&sqlite(COUNTS))?;
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
    let mut st = conn.prepare_cached(&sqlite(EXAMPLES))?;
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
    let mut st = conn.prepare_cached(&sqlite(SCORE))?;
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
