//! The moderation queues, as library functions the moderator console (HTML and JSON) calls:
//! listing with counts, reasons, reports and the author's history; decisions with the conflict
//! rule; undo. SQL only; training the learned score happens in the caller after the commit.
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::comment::{CommentStatus, Reason};
use crate::domain::moderator::Action;
use crate::error::AppError;
use crate::markdown::SanitizedHtml;

use super::audit::{self, NewEntry};

/// The tabs of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Queue {
    Pending,
    /// Published comments with at least one open (unresolved) report.
    Reported,
    Approved,
    Rejected,
    Spam,
}

impl Queue {
    pub const ALL: [Queue; 5] = [Queue::Pending, Queue::Reported, Queue::Approved, Queue::Rejected, Queue::Spam];

    pub fn parse(s: &str) -> Option<Queue> {
        Some(match s {
            "pending" => Queue::Pending,
            "reported" => Queue::Reported,
            "approved" => Queue::Approved,
            "rejected" => Queue::Rejected,
            "spam" => Queue::Spam,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Pending => "pending",
            Queue::Reported => "reported",
            Queue::Approved => "approved",
            Queue::Rejected => "rejected",
            Queue::Spam => "spam",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Queue::Pending => "Pending",
            Queue::Reported => "Reported",
            Queue::Approved => "Approved",
            Queue::Rejected => "Rejected",
            Queue::Spam => "Spam",
        }
    }

    /// The condition on `c` (comments) that puts a comment in this queue.
    fn condition(self) -> &'static str {
        match self {
            Queue::Pending => "c.status = 'pending'",
            Queue::Reported => {
                "c.status = 'published' AND EXISTS (SELECT 1 FROM reports r WHERE r.comment_id = c.id \
                 AND r.resolved_at IS NULL)"
            }
            Queue::Approved => "c.status = 'published'",
            Queue::Rejected => "c.status = 'rejected'",
            Queue::Spam => "c.status = 'spam'",
        }
    }

    /// Work queues oldest first; decided ones most recent first.
    fn order(self) -> &'static str {
        match self {
            Queue::Pending | Queue::Reported => "c.id ASC",
            _ => "coalesce(c.decided_at, c.created_at) DESC, c.id DESC",
        }
    }
}

/// How many comments each queue holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub pending: i64,
    pub reported: i64,
    pub approved: i64,
    pub rejected: i64,
    pub spam: i64,
}

impl Counts {
    pub fn get(&self, q: Queue) -> i64 {
        match q {
            Queue::Pending => self.pending,
            Queue::Reported => self.reported,
            Queue::Approved => self.approved,
            Queue::Rejected => self.rejected,
            Queue::Spam => self.spam,
        }
    }
}

/// What to list.
#[derive(Debug, Clone)]
pub struct Filter {
    pub queue: Queue,
    /// Matches the text, the author's name, or the article's slug or title.
    pub search: Option<String>,
    /// Only this article (slug).
    pub article: Option<String>,
    pub limit: usize,
}

impl Filter {
    pub fn new(queue: Queue) -> Filter {
        Filter { queue, search: None, article: None, limit: 50 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportCount {
    pub reason: String,
    pub count: i64,
}

/// Another comment by the same author.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentComment {
    pub id: i64,
    pub status: String,
    pub excerpt: String,
    pub created_at: i64,
}

/// What the author did before (same author cookie, or the same address without one).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AuthorHistory {
    pub approved: i64,
    pub rejected: i64,
    pub spam: i64,
    pub pending: i64,
    pub banned: bool,
    pub recent: Vec<RecentComment>,
}

/// One comment as a moderator sees it.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub id: i64,
    pub article_slug: String,
    pub article_title: String,
    pub author_name: String,
    pub body_md: String,
    pub body_html: SanitizedHtml,
    pub status: CommentStatus,
    pub score: Option<f64>,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub reasons: Vec<Reason>,
    /// Open reports by reason.
    pub reports: Vec<ReportCount>,
    pub open_reports: i64,
    pub history: AuthorHistory,
    /// An editors' pick.
    pub featured: bool,
}

const RECENT: i64 = 5;

/// Comments per status, from a `SELECT status, count(*) ... GROUP BY status` statement.
#[derive(Default)]
struct ByStatus {
    pending: i64,
    published: i64,
    rejected: i64,
    spam: i64,
}

fn by_status(st: &mut rusqlite::Statement<'_>, params: impl rusqlite::Params) -> Result<ByStatus, AppError> {
    let mut by = ByStatus::default();
    for row in st.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (status, n) = row?;
        match status.as_str() {
            "pending" => by.pending = n,
            "published" => by.published = n,
            "rejected" => by.rejected = n,
            "spam" => by.spam = n,
            _ => {}
        }
    }
    Ok(by)
}

/// Comment counts of every queue.
/// Every comment a moderator decided, oldest first, with its status now (`commentdesk export
/// --decisions-csv`).
pub fn decisions(conn: &Connection) -> Result<Vec<(String, CommentStatus)>, AppError> {
    let mut st = conn.prepare(
        "SELECT body_md, status FROM comments WHERE decided_by IS NOT NULL \
           AND status IN ('published', 'rejected', 'spam') ORDER BY id",
    )?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (text, status) = row?;
        if let Some(s) = CommentStatus::parse(&status) {
            out.push((text, s));
        }
    }
    Ok(out)
}

pub fn counts(conn: &Connection) -> Result<Counts, AppError> {
    let mut c = Counts::default();
    let mut st = conn.prepare_cached("SELECT status, count(*) FROM comments GROUP BY status")?;
    let by = by_status(&mut st, [])?;
    (c.pending, c.approved, c.rejected, c.spam) = (by.pending, by.published, by.rejected, by.spam);
    c.reported = conn
        .prepare_cached(
            "SELECT count(DISTINCT r.comment_id) FROM reports r JOIN comments c ON c.id = r.comment_id \
             WHERE r.resolved_at IS NULL AND c.status = 'published'",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(c)
}

fn like_pattern(s: &str) -> String {
    let escaped = s.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

const ITEM_COLUMNS: &str = "c.id, a.slug, a.title, c.author_name, c.body_md, c.body_html, c.status, c.score, \
     c.created_at, c.edited_at, c.decided_by, c.decided_at, c.author_key, c.ip_hash, c.featured_at IS NOT NULL";

struct Base {
    item: QueueItem,
    author_key: Option<String>,
    ip_hash: Option<String>,
}

fn base_from_row(r: &Row<'_>) -> rusqlite::Result<Base> {
    let status: String = r.get(6)?;
    let html: String = r.get(5)?;
    Ok(Base {
        item: QueueItem {
            id: r.get(0)?,
            article_slug: r.get(1)?,
            article_title: r.get(2)?,
            author_name: r.get(3)?,
            body_md: r.get(4)?,
            body_html: SanitizedHtml::from_stored(&html),
            status: CommentStatus::parse(&status).unwrap_or(CommentStatus::Pending),
            score: r.get(7)?,
            created_at: r.get(8)?,
            edited_at: r.get(9)?,
            decided_by: r.get(10)?,
            decided_at: r.get(11)?,
            reasons: Vec::new(),
            reports: Vec::new(),
            open_reports: 0,
            history: AuthorHistory::default(),
            featured: r.get(14)?,
        },
        author_key: r.get(12)?,
        ip_hash: r.get(13)?,
    })
}

fn complete(conn: &Connection, base: Base) -> Result<QueueItem, AppError> {
    let Base { mut item, author_key, ip_hash } = base;
    item.reasons = super::comments::reasons(conn, item.id)?;
    let mut st = conn.prepare_cached(
        "SELECT reason, count(*) FROM reports WHERE comment_id = ?1 AND resolved_at IS NULL \
         GROUP BY reason ORDER BY count(*) DESC, reason",
    )?;
    item.reports = st
        .query_map([item.id], |r| Ok(ReportCount { reason: r.get(0)?, count: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    item.open_reports = item.reports.iter().map(|r| r.count).sum();
    item.history = author_history(conn, author_key.as_deref(), ip_hash.as_deref(), item.id)?;
    Ok(item)
}

/// The author's other comments by status, their ban, and their last few comments. Authors are
/// matched by cookie key; without one, by address hash.
pub fn author_history(
    conn: &Connection,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    exclude: i64,
) -> Result<AuthorHistory, AppError> {
    let mut h = AuthorHistory::default();
    let (column, value) = match (author_key, ip_hash) {
        (Some(k), _) => ("author_key", k),
        (None, Some(ip)) => ("ip_hash", ip),
        (None, None) => return Ok(h),
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT status, count(*) FROM comments WHERE {column} = ?1 AND id <> ?2 GROUP BY status"
    ))?;
    let by = by_status(&mut st, params![value, exclude])?;
    (h.pending, h.approved, h.rejected, h.spam) = (by.pending, by.published, by.rejected, by.spam);
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, status, substr(body_md, 1, 140), created_at FROM comments WHERE {column} = ?1 AND id <> ?2 \
         ORDER BY id DESC LIMIT ?3"
    ))?;
    h.recent = st
        .query_map(params![value, exclude, RECENT], |r| {
            Ok(RecentComment { id: r.get(0)?, status: r.get(1)?, excerpt: r.get(2)?, created_at: r.get(3)? })
        })?
        .collect::<Result<_, _>>()?;
    h.banned = super::moderation::is_banned(conn, author_key, ip_hash)?;
    Ok(h)
}

/// One queue's comments, with everything the console shows about each.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<QueueItem>, AppError> {
    let search = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(like_pattern);
    let article = f.article.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM comments c JOIN articles a ON a.id = c.article_id \
         WHERE {cond} AND (?1 IS NULL OR a.slug = ?1) \
           AND (?2 IS NULL OR c.body_md LIKE ?2 ESCAPE '\\' OR c.author_name LIKE ?2 ESCAPE '\\' \
                OR a.slug LIKE ?2 ESCAPE '\\' OR a.title LIKE ?2 ESCAPE '\\') \
         ORDER BY {order} LIMIT ?3",
        cond = f.queue.condition(),
        order = f.queue.order(),
    );
    let limit = i64::try_from(f.limit).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let bases = st.query_map(params![article, search, limit], base_from_row)?.collect::<Result<Vec<_>, _>>()?;
    bases.into_iter().map(|b| complete(conn, b)).collect()
}

/// One comment as the console shows it (any status but deleted).
pub fn item(conn: &Connection, id: i64) -> Result<Option<QueueItem>, AppError> {
    let base = conn
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.id = ?1 AND c.status <> 'deleted'"
        ))?
        .query_row([id], base_from_row)
        .optional()?;
    base.map(|b| complete(conn, b)).transpose()
}

/// A moderator's decision on one comment.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    pub id: i64,
    pub action: Action,
    /// The status the moderator saw. `None` (API calls that name none): the comment must still
    /// await a decision (pending or reported), or have been decided last by this moderator.
    pub expected: Option<CommentStatus>,
    pub moderator: &'a str,
    pub reason: &'a str,
    /// Shared by the entries one request writes (see the audit log).
    pub batch: &'a str,
    pub now: i64,
}

/// What a decision changed: each comment whose status was set, with its text for training.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub id: i64,
    pub before: CommentStatus,
    pub status: CommentStatus,
    /// `(id, body)` of every comment decided, this one first (a ban also rejects the author's
    /// pending comments).
    pub trained: Vec<(i64, String)>,
    /// Seconds from the comment's posting to this decision, for the metrics.
    pub waited_secs: i64,
}

fn conflict(current: CommentStatus, by: Option<&str>) -> AppError {
    match by {
        Some(name) => AppError::Conflict(format!(
            "Already decided by {name}: the comment is now {}. Nothing was changed.",
            current.as_str()
        )),
        None => AppError::Conflict(format!(
            "This comment changed since the page was loaded: it is now {}. Nothing was changed.",
            current.as_str()
        )),
    }
}

/// Applies a decision, unless someone else decided first (409 naming them). Approving
/// publishes the comment in its place in the thread; every decision resolves its open reports;
/// each change is appended to the audit log. Checks come before any write, so a refused
/// decision changes nothing and a caller may go on with other comments.
pub fn decide(conn: &Connection, d: &Decision<'_>) -> Result<Decided, AppError> {
    type Current = (String, Option<String>, Option<String>, Option<String>, String, i64, i64);
    let row: Option<Current> = conn
        .prepare_cached(
            "SELECT status, decided_by, author_key, ip_hash, body_md, \
                 (SELECT count(*) FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL), created_at \
             FROM comments c WHERE id = ?1",
        )?
        .query_row([d.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .optional()?;
    let Some((status, decided_by, author_key, ip_hash, body, open_reports, posted_at)) = row else {
        return Err(AppError::NotFound("comment"));
    };
    let current = CommentStatus::parse(&status).unwrap_or(CommentStatus::Pending);
    if current == CommentStatus::Deleted {
        return Err(AppError::NotFound("comment"));
    }
    match d.expected {
        Some(expected) if expected != current => return Err(conflict(current, decided_by.as_deref())),
        Some(_) => {}
        None => {
            let awaiting = current == CommentStatus::Pending || open_reports > 0;
            if !awaiting && let Some(by) = decided_by.as_deref().filter(|by| *by != d.moderator) {
                return Err(conflict(current, Some(by)));
            }
        }
    }
    let target = d.action.status();
    let changed = conn.execute(
        "UPDATE comments SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1 AND status = ?5",
        params![d.id, target.as_str(), d.moderator, d.now, current.as_str()],
    )?;
    if changed == 0 {
        return Err(conflict(current, decided_by.as_deref()));
    }
    conn.execute(
        "UPDATE reports SET resolved_at = ?2 WHERE comment_id = ?1 AND resolved_at IS NULL",
        params![d.id, d.now],
    )?;
    audit::append(
        conn,
        &NewEntry {
            at: d.now,
            moderator: d.moderator,
            action: d.action.as_str(),
            comment_id: Some(d.id),
            status_before: Some(current.as_str()),
            status_after: Some(target.as_str()),
            reason: d.reason,
            batch: d.batch,
            undo_of: None,
        },
    )?;
    let mut trained = vec![(d.id, body)];
    if d.action == Action::Ban && (author_key.is_some() || ip_hash.is_some()) {
        let now = time::OffsetDateTime::from_unix_timestamp(d.now).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let note = format!("banned by {} for comment {}", d.moderator, d.id);
        super::moderation::ban(conn, author_key.as_deref(), ip_hash.as_deref(), &note, now)?;
        let mut st = conn.prepare_cached(
            "SELECT id, body_md FROM comments WHERE status = 'pending' AND id <> ?3 \
               AND ((?1 IS NOT NULL AND author_key = ?1) OR (?2 IS NOT NULL AND ip_hash = ?2)) ORDER BY id",
        )?;
        let others = st
            .query_map(params![author_key, ip_hash, d.id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        for (id, text) in others {
            conn.execute(
                "UPDATE comments SET status = 'rejected', decided_by = ?2, decided_at = ?3 WHERE id = ?1",
                params![id, d.moderator, d.now],
            )?;
            audit::append(
                conn,
                &NewEntry {
                    at: d.now,
                    moderator: d.moderator,
                    action: "reject",
                    comment_id: Some(id),
                    status_before: Some("pending"),
                    status_after: Some("rejected"),
                    reason: "author banned",
                    batch: d.batch,
                    undo_of: None,
                },
            )?;
            trained.push((id, text));
        }
    }
    Ok(Decided { id: d.id, before: current, status: target, trained, waited_secs: d.now - posted_at })
}

/// What an undo did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Undone {
    /// `(comment id, restored status)`.
    pub restored: Vec<(i64, CommentStatus)>,
    /// Comments left alone because someone decided them since: `(id, who)`.
    pub skipped: Vec<(i64, String)>,
    /// A ban was lifted.
    pub unbanned: bool,
}

/// Undoes the moderator's last decision (a whole request: a bulk action, or a ban with the
/// rejections it caused): each comment gets back its status from before, unless someone decided
/// it since. Reports resolved by the decision are opened again; a ban is lifted.
pub fn undo_last(conn: &Connection, moderator: &str, batch: &str, now: i64) -> Result<Undone, AppError> {
    let entries = audit::last_undoable_batch(conn, moderator)?;
    if entries.is_empty() {
        return Err(AppError::Conflict("You have no decision to undo.".into()));
    }
    let mut out = Undone::default();
    for e in entries.iter().rev() {
        let Some(id) = e.comment_id else { continue };
        type Row = (String, Option<String>, Option<i64>, Option<String>, Option<String>);
        let row: Option<Row> = conn
            .prepare_cached("SELECT status, decided_by, decided_at, author_key, ip_hash FROM comments WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        let Some((status, by, at, author_key, ip_hash)) = row else { continue };
        let unchanged =
            Some(status.as_str()) == e.status_after.as_deref() && by.as_deref() == Some(moderator) && at == Some(e.at);
        if !unchanged {
            out.skipped.push((id, by.unwrap_or_default()));
            continue;
        }
        let Some(before) = e.status_before.as_deref().and_then(CommentStatus::parse) else { continue };
        conn.execute(
            "UPDATE comments SET status = ?2, decided_by = NULL, decided_at = NULL WHERE id = ?1",
            params![id, before.as_str()],
        )?;
        conn.execute(
            "UPDATE reports SET resolved_at = NULL WHERE comment_id = ?1 AND resolved_at = ?2",
            params![id, e.at],
        )?;
        if e.action == "ban" {
            super::moderation::unban(conn, author_key.as_deref(), ip_hash.as_deref())?;
            out.unbanned = true;
        }
        audit::append(
            conn,
            &NewEntry {
                at: now,
                moderator,
                action: "undo",
                comment_id: Some(id),
                status_before: Some(status.as_str()),
                status_after: Some(before.as_str()),
                reason: &format!("undo of {} #{}", e.action, e.id),
                batch,
                undo_of: Some(e.id),
            },
        )?;
        out.restored.push((id, before));
    }
    if out.restored.is_empty() {
        let who = out.skipped.first().map(|(_, by)| by.clone()).unwrap_or_default();
        return Err(if who.is_empty() {
            AppError::Conflict("Nothing to undo: the comment changed since.".into())
        } else {
            AppError::Conflict(format!("Nothing was undone: already decided by {who} since."))
        });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn db() -> Connection {
        crate::store::sqlite::test_db("Story A")
    }

    fn comment(conn: &Connection, key: &str, status: &str, body: &str) -> i64 {
        conn.query_row(
            "INSERT INTO comments (article_id, author_key, ip_hash, author_name, body_md, body_html, status, created_at) \
             VALUES (1, ?1, 'ip-' || ?1, 'Name ' || ?1, ?2, ?2, ?3, 100) RETURNING id",
            params![key, body, status],
            |r| r.get(0),
        )
        .unwrap()
    }

    fn report(conn: &Connection, id: i64, who: &str, reason: &str) {
        conn.execute(
            "INSERT INTO reports (comment_id, reason, reporter_key, created_at) VALUES (?1, ?2, ?3, 1)",
            params![id, reason, who],
        )
        .unwrap();
    }

    fn decision(id: i64, action: Action, expected: Option<CommentStatus>, who: &'static str) -> Decision<'static> {
        Decision { id, action, expected, moderator: who, reason: "", batch: "b", now: 1_000 }
    }

    #[test]
    fn queues_count_and_list_with_reasons_reports_and_history() {
        let conn = db();
        let held = comment(&conn, "k1", "pending", "you idiot");
        comment(&conn, "k1", "published", "earlier fine comment");
        comment(&conn, "k1", "rejected", "earlier bad comment");
        let reported = comment(&conn, "k2", "published", "reported one");
        report(&conn, reported, "r1", "spam");
        report(&conn, reported, "r2", "spam");
        report(&conn, reported, "r3", "threat");
        conn.execute(
            "INSERT INTO comment_reasons (comment_id, code, message, spans) VALUES (?1, 'abuse.insult', 'Insult', \
             '[{\"start\":4,\"end\":9}]')",
            [held],
        )
        .unwrap();
        let c = counts(&conn).unwrap();
        assert_eq!((c.pending, c.reported, c.approved, c.rejected, c.spam), (1, 1, 2, 1, 0));

        let pending = list(&conn, &Filter::new(Queue::Pending)).unwrap();
        assert_eq!(pending.len(), 1);
        let p = &pending[0];
        assert_eq!(p.reasons[0].spans[0].start, 4);
        assert_eq!((p.history.approved, p.history.rejected), (1, 1));
        assert_eq!(p.history.recent.len(), 2);
        assert_eq!(p.article_slug, "a");

        let rep = list(&conn, &Filter::new(Queue::Reported)).unwrap();
        assert_eq!(rep[0].id, reported);
        assert_eq!(rep[0].open_reports, 3);
        assert_eq!(rep[0].reports[0], ReportCount { reason: "spam".into(), count: 2 });

        let mut f = Filter::new(Queue::Approved);
        f.search = Some("Name k2".into());
        assert_eq!(list(&conn, &f).unwrap().len(), 1);
        f.search = Some("100%".into());
        assert!(list(&conn, &f).unwrap().is_empty(), "LIKE wildcards are escaped");
        f.search = None;
        f.article = Some("other".into());
        assert!(list(&conn, &f).unwrap().is_empty());
    }

    #[test]
    fn approving_a_reported_comment_resolves_its_reports() {
        let conn = db();
        let id = comment(&conn, "k", "published", "text");
        report(&conn, id, "r1", "spam");
        decide(&conn, &decision(id, Action::Approve, Some(CommentStatus::Published), "ann")).unwrap();
        assert_eq!(counts(&conn).unwrap().reported, 0);
        let log = audit::all(&conn).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].status_before.as_deref(), log[0].status_after.as_deref()),
            (Some("published"), Some("published"))
        );
    }

    #[test]
    fn the_later_of_two_decisions_is_refused_and_names_the_first() {
        let conn = db();
        let id = comment(&conn, "k", "pending", "text");
        decide(&conn, &decision(id, Action::Approve, Some(CommentStatus::Pending), "ann")).unwrap();
        let err = decide(&conn, &decision(id, Action::Reject, Some(CommentStatus::Pending), "bob")).unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("ann")), "{err}");
        let err = decide(&conn, &decision(id, Action::Spam, None, "bob")).unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("ann")), "{err}");
        let status: String = conn.query_row("SELECT status FROM comments WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(status, "published");
        assert_eq!(audit::all(&conn).unwrap().len(), 1);
    }

    #[test]
    fn a_ban_rejects_the_authors_pending_comments_and_undo_restores_them() {
        let conn = db();
        let a = comment(&conn, "k", "pending", "one");
        let b = comment(&conn, "k", "pending", "two");
        let other = comment(&conn, "z", "pending", "other author");
        let out = decide(&conn, &decision(a, Action::Ban, Some(CommentStatus::Pending), "ann")).unwrap();
        let mut rejected: Vec<i64> = out.trained.iter().map(|(id, _)| *id).collect();
        rejected.sort();
        assert_eq!(rejected, vec![a, b], "both of the author's pending comments, not the other author's");
        let status = |id: i64| -> String {
            conn.query_row("SELECT status FROM comments WHERE id = ?1", [id], |r| r.get(0)).unwrap()
        };
        assert_eq!((status(a), status(b), status(other)), ("rejected".into(), "rejected".into(), "pending".into()));
        assert_eq!(counts(&conn).unwrap().pending, 1);
        assert!(author_history(&conn, Some("k"), None, 0).unwrap().banned);
        let undone = undo_last(&conn, "ann", "u", 2_000).unwrap();
        assert!(undone.unbanned);
        assert_eq!(undone.restored.len(), 2);
        assert_eq!(counts(&conn).unwrap().pending, 3);
        assert_eq!((status(a), status(b), status(other)), ("pending".into(), "pending".into(), "pending".into()));
        assert!(!author_history(&conn, Some("k"), None, 0).unwrap().banned);
        assert!(undo_last(&conn, "ann", "u2", 3_000).is_err(), "nothing left to undo");
    }

    #[test]
    fn undo_leaves_a_comment_someone_else_decided_since() {
        let conn = db();
        let id = comment(&conn, "k", "pending", "text");
        decide(&conn, &decision(id, Action::Reject, Some(CommentStatus::Pending), "ann")).unwrap();
        decide(&conn, &Decision { now: 1_500, ..decision(id, Action::Approve, Some(CommentStatus::Rejected), "bob") })
            .unwrap();
        let err = undo_last(&conn, "ann", "u", 2_000).unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("bob")), "{err}");
    }
}
