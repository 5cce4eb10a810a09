//! Reader reports. A report and its consequence (hiding the comment at the threshold) are one
//! transaction.
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use crate::domain::comment::{CommentStatus, Reason};
use crate::domain::report::NewReport;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    pub report_id: i64,
    /// The comment reached the threshold with this report and is now held for review.
    pub hidden: bool,
}

/// Files a report on a published comment. Refuses a second report by the same reader
/// (409) and reports on comments that are not published (409 when held, 404 otherwise).
pub fn file(
    conn: &Connection,
    comment_id: i64,
    reporter_keys: &[String],
    report: &NewReport,
    threshold: u32,
    now: OffsetDateTime,
) -> Result<Filed, AppError> {
    let status: Option<String> = conn
        .prepare_cached("SELECT status FROM comments WHERE id = ?1")?
        .query_row([comment_id], |r| r.get(0))
        .optional()?;
    match status.as_deref().and_then(CommentStatus::parse) {
        Some(CommentStatus::Published) => {}
        Some(CommentStatus::Pending) => {
            return Err(AppError::Conflict("This comment is already waiting for a moderator.".into()));
        }
        _ => return Err(AppError::NotFound("comment")),
    }
    // Any of the reader's keys (cookie, address) already on a report of this comment.
    let mut seen =
        conn.prepare_cached("SELECT 1 FROM reports WHERE comment_id = ?1 AND (reporter_key = ?2 OR reporter_ip = ?2)")?;
    for key in reporter_keys {
        if seen.exists(params![comment_id, key])? {
            return Err(AppError::Conflict(
                "You have already reported this comment; a moderator will look at it.".into(),
            ));
        }
    }
    let reporter_key = reporter_keys.first().map(String::as_str).unwrap_or("unknown");
    let reporter_ip = reporter_keys.get(1).map(String::as_str);
    let inserted = conn
        .prepare_cached(
            "INSERT INTO reports (comment_id, reason, note, reporter_key, created_at, reporter_ip) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (comment_id, reporter_key) DO NOTHING RETURNING id",
        )?
        .query_row(
            params![comment_id, report.reason.as_str(), report.note, reporter_key, now.unix_timestamp(), reporter_ip],
            |r| r.get::<_, i64>(0),
        )
        .optional()?;
    let Some(report_id) = inserted else {
        return Err(AppError::Conflict("You have already reported this comment; a moderator will look at it.".into()));
    };
    let open = open_count(conn, comment_id)?;
    let hidden = open >= i64::from(threshold.max(1));
    if hidden {
        conn.execute("UPDATE comments SET status = 'pending' WHERE id = ?1 AND status = 'published'", [comment_id])?;
        let reasons = open_reasons(conn, comment_id)?;
        let summary = reasons.iter().map(|(r, n)| format!("{r} ×{n}")).collect::<Vec<_>>().join(", ");
        let reason = Reason::new("reported", format!("Hidden after {open} reader reports ({summary})."));
        conn.prepare_cached("INSERT INTO comment_reasons (comment_id, code, message) VALUES (?1, ?2, ?3)")?
            .execute(params![comment_id, reason.code, reason.message])?;
    }
    Ok(Filed { report_id, hidden })
}

/// Open (unresolved) reports on a comment.
pub fn open_count(conn: &Connection, comment_id: i64) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM reports WHERE comment_id = ?1 AND resolved_at IS NULL")?
        .query_row([comment_id], |r| r.get(0))?)
}

/// Open reports on a comment grouped by reason, most frequent first.
pub fn open_reasons(conn: &Connection, comment_id: i64) -> Result<Vec<(String, i64)>, AppError> {
    let mut st = conn.prepare_cached(
        "SELECT reason, count(*) AS n FROM reports WHERE comment_id = ?1 AND resolved_at IS NULL \
         GROUP BY reason ORDER BY n DESC, reason",
    )?;
    let rows = st.query_map([comment_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
