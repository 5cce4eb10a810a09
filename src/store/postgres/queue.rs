//! PostgreSQL counterpart of `store::sqlite::queue`: the moderation queues (counts, listing with
//! reasons, reports and the author's history), decisions with the conflict rule, and undo. Same
//! functions and types as the SQLite module; SQL only.
//!
//! [`decide`] and [`undo_last`] write several rows: callers pass a
//! `deadpool_postgres::Transaction` (and commit it) so that each is all or nothing. Both lock the
//! comments they change (`FOR UPDATE`), so of two moderators deciding one comment at once the
//! second waits, then sees the first's decision and gets the conflict naming them.
use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use crate::domain::comment::CommentStatus;
use crate::domain::moderator::Action;
use crate::error::AppError;
use crate::markdown::SanitizedHtml;

use super::audit;
use crate::store::sqlite::audit::NewEntry;
pub use crate::store::sqlite::queue::{
    AuthorHistory, Counts, Decided, Decision, Filter, Queue, QueueItem, RecentComment, ReportCount, Undone,
};

const RECENT: i64 = 5;

/// The condition on `c` (comments) that puts a comment in this queue (as on SQLite).
fn condition(q: Queue) -> &'static str {
    match q {
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
fn order(q: Queue) -> &'static str {
    match q {
        Queue::Pending | Queue::Reported => "c.id ASC",
        _ => "coalesce(c.decided_at, c.created_at) DESC, c.id DESC",
    }
}

/// Comments per status, from a `SELECT status, count(*) ... GROUP BY status` result.
#[derive(Default)]
struct ByStatus {
    pending: i64,
    published: i64,
    rejected: i64,
    spam: i64,
}

fn by_status(rows: &[Row]) -> Result<ByStatus, AppError> {
    let mut by = ByStatus::default();
    for row in rows {
        let status: String = row.try_get(0)?;
        let n: i64 = row.try_get(1)?;
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
/// Every comment a moderator decided, oldest first, with its status now (as on SQLite).
pub async fn decisions(c: &impl GenericClient) -> Result<Vec<(String, CommentStatus)>, AppError> {
    let rows = c
        .query(
            "SELECT body_md, status FROM comments WHERE decided_by IS NOT NULL \
               AND status IN ('published', 'rejected', 'spam') ORDER BY id",
            &[],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let status: String = r.try_get(1)?;
        if let Some(s) = CommentStatus::parse(&status) {
            out.push((r.try_get::<_, String>(0)?, s));
        }
    }
    Ok(out)
}

pub async fn counts(c: &impl GenericClient) -> Result<Counts, AppError> {
    let mut out = Counts::default();
    let st = c.prepare_cached("SELECT status, count(*) FROM comments GROUP BY status").await?;
    let by = by_status(&c.query(&st, &[]).await?)?;
    (out.pending, out.approved, out.rejected, out.spam) = (by.pending, by.published, by.rejected, by.spam);
    let st = c
        .prepare_cached(
            "SELECT count(DISTINCT r.comment_id) FROM reports r JOIN comments c ON c.id = r.comment_id \
             WHERE r.resolved_at IS NULL AND c.status = 'published'",
        )
        .await?;
    out.reported = c.query_one(&st, &[]).await?.try_get(0)?;
    Ok(out)
}

/// The search pattern, matched like SQLite's `LIKE`: wildcards in the text escaped, and ASCII
/// letters compared without case (SQLite folds ASCII only; so does [`FOLD`] on the column).
fn like_pattern(s: &str) -> String {
    let escaped = s.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{}%", escaped.to_ascii_lowercase())
}

/// Lowercases the ASCII letters of a column, like SQLite's case-insensitive `LIKE` (other letters
/// keep their case there too).
fn fold(column: &str) -> String {
    format!("translate({column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")
}

const ITEM_COLUMNS: &str = "c.id, a.slug, a.title, c.author_name, c.body_md, c.body_html, c.status, c.score, \
     c.created_at, c.edited_at, c.decided_by, c.decided_at, c.author_key, c.ip_hash, c.featured_at IS NOT NULL";

struct Base {
    item: QueueItem,
    author_key: Option<String>,
    ip_hash: Option<String>,
}

fn base_from_row(r: &Row) -> Result<Base, tokio_postgres::Error> {
    let status: String = r.try_get(6)?;
    let html: String = r.try_get(5)?;
    Ok(Base {
        item: QueueItem {
            id: r.try_get(0)?,
            article_slug: r.try_get(1)?,
            article_title: r.try_get(2)?,
            author_name: r.try_get(3)?,
            body_md: r.try_get(4)?,
            body_html: SanitizedHtml::from_stored(&html),
            status: CommentStatus::parse(&status).unwrap_or(CommentStatus::Pending),
            score: r.try_get(7)?,
            created_at: r.try_get(8)?,
            edited_at: r.try_get(9)?,
            decided_by: r.try_get(10)?,
            decided_at: r.try_get(11)?,
            reasons: Vec::new(),
            reports: Vec::new(),
            open_reports: 0,
            history: AuthorHistory::default(),
            featured: r.try_get(14)?,
        },
        author_key: r.try_get(12)?,
        ip_hash: r.try_get(13)?,
    })
}

async fn is_banned(c: &impl GenericClient, author_key: Option<&str>, ip_hash: Option<&str>) -> Result<bool, AppError> {
    let st = c
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM banned_authors WHERE ($1::text IS NOT NULL AND author_key = $1) \
               OR ($2::text IS NOT NULL AND ip_hash = $2))",
        )
        .await?;
    Ok(c.query_one(&st, &[&author_key, &ip_hash]).await?.try_get(0)?)
}

/// Bans by cookie key and/or IP hash, one row each (as `moderation::ban` on SQLite).
async fn ban(
    c: &impl GenericClient,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    note: &str,
    now: i64,
) -> Result<(), AppError> {
    if author_key.is_none() && ip_hash.is_none() {
        return Err(AppError::BadRequest("A ban needs an author or an address.".into()));
    }
    let st = c
        .prepare_cached(
            "INSERT INTO banned_authors (author_key, ip_hash, note, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
        )
        .await?;
    for (key, ip) in [(author_key, None), (None, ip_hash)] {
        if key.is_some() || ip.is_some() {
            c.execute(&st, &[&key, &ip, &note, &now]).await?;
        }
    }
    Ok(())
}

async fn unban(c: &impl GenericClient, author_key: Option<&str>, ip_hash: Option<&str>) -> Result<u64, AppError> {
    let st = c
        .prepare_cached(
            "DELETE FROM banned_authors WHERE ($1::text IS NOT NULL AND author_key = $1) \
               OR ($2::text IS NOT NULL AND ip_hash = $2)",
        )
        .await?;
    Ok(c.execute(&st, &[&author_key, &ip_hash]).await?)
}

async fn complete(c: &impl GenericClient, base: Base) -> Result<QueueItem, AppError> {
    let Base { mut item, author_key, ip_hash } = base;
    item.reasons = super::comments::reasons(c, item.id).await?;
    let st = c
        .prepare_cached(
            "SELECT reason, count(*) FROM reports WHERE comment_id = $1 AND resolved_at IS NULL \
             GROUP BY reason ORDER BY count(*) DESC, reason COLLATE \"C\"",
        )
        .await?;
    item.reports = c
        .query(&st, &[&item.id])
        .await?
        .iter()
        .map(|r| Ok(ReportCount { reason: r.try_get(0)?, count: r.try_get(1)? }))
        .collect::<Result<_, tokio_postgres::Error>>()?;
    item.open_reports = item.reports.iter().map(|r| r.count).sum();
    item.history = author_history(c, author_key.as_deref(), ip_hash.as_deref(), item.id).await?;
    Ok(item)
}

/// The author's other comments by status, their ban, and their last few comments. Authors are
/// matched by cookie key; without one, by address hash.
pub async fn author_history(
    c: &impl GenericClient,
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
    let st = c
        .prepare_cached(&format!(
            "SELECT status, count(*) FROM comments WHERE {column} = $1 AND id <> $2 GROUP BY status"
        ))
        .await?;
    let by = by_status(&c.query(&st, &[&value, &exclude]).await?)?;
    (h.pending, h.approved, h.rejected, h.spam) = (by.pending, by.published, by.rejected, by.spam);
    let st = c
        .prepare_cached(&format!(
            "SELECT id, status, substr(body_md, 1, 140), created_at FROM comments WHERE {column} = $1 AND id <> $2 \
             ORDER BY id DESC LIMIT $3"
        ))
        .await?;
    h.recent = c
        .query(&st, &[&value, &exclude, &RECENT])
        .await?
        .iter()
        .map(|r| {
            Ok(RecentComment {
                id: r.try_get(0)?,
                status: r.try_get(1)?,
                excerpt: r.try_get(2)?,
                created_at: r.try_get(3)?,
            })
        })
        .collect::<Result<_, tokio_postgres::Error>>()?;
    h.banned = is_banned(c, author_key, ip_hash).await?;
    Ok(h)
}

/// One queue's comments, with everything the console shows about each. The search matches the
/// text, the author's name, or the article's slug or title, as SQLite's `LIKE` does (ASCII
/// letters without case, `%` and `_` literally).
pub async fn list(c: &impl GenericClient, f: &Filter) -> Result<Vec<QueueItem>, AppError> {
    let search = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(like_pattern);
    let article = f.article.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let matches = ["c.body_md", "c.author_name", "a.slug", "a.title"]
        .iter()
        .map(|col| format!("{} LIKE $2 ESCAPE '\\'", fold(col)))
        .collect::<Vec<_>>()
        .join(" OR ");
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM comments c JOIN articles a ON a.id = c.article_id \
         WHERE {cond} AND ($1::text IS NULL OR a.slug = $1) AND ($2::text IS NULL OR {matches}) \
         ORDER BY {order} LIMIT $3",
        cond = condition(f.queue),
        order = order(f.queue),
    );
    let limit = i64::try_from(f.limit).unwrap_or(i64::MAX);
    let st = c.prepare_cached(&sql).await?;
    let rows = c.query(&st, &[&article, &search, &limit]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        out.push(complete(c, base_from_row(row)?).await?);
    }
    Ok(out)
}

/// One comment as the console shows it (any status but deleted).
pub async fn item(c: &impl GenericClient, id: i64) -> Result<Option<QueueItem>, AppError> {
    let st = c
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.id = $1 AND c.status <> 'deleted'"
        ))
        .await?;
    match c.query_opt(&st, &[&id]).await? {
        Some(row) => Ok(Some(complete(c, base_from_row(&row)?).await?)),
        None => Ok(None),
    }
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
/// each change is appended to the audit log; a ban also rejects the author's pending comments.
/// Checks come before any write, so a refused decision changes nothing.
///
/// Pass a `deadpool_postgres::Transaction` and commit it after: the decision writes several rows
/// and must be atomic. The comment's row is locked until then.
pub async fn decide(c: &impl GenericClient, d: &Decision<'_>) -> Result<Decided, AppError> {
    let st = c
        .prepare_cached(
            "SELECT status, decided_by, author_key, ip_hash, body_md, \
                 (SELECT count(*) FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL), created_at \
             FROM comments c WHERE id = $1 FOR UPDATE OF c",
        )
        .await?;
    let Some(row) = c.query_opt(&st, &[&d.id]).await? else {
        return Err(AppError::NotFound("comment"));
    };
    let status: String = row.try_get(0)?;
    let decided_by: Option<String> = row.try_get(1)?;
    let author_key: Option<String> = row.try_get(2)?;
    let ip_hash: Option<String> = row.try_get(3)?;
    let body: String = row.try_get(4)?;
    let open_reports: i64 = row.try_get(5)?;
    let posted_at: i64 = row.try_get(6)?;
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
    let st = c
        .prepare_cached(
            "UPDATE comments SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = $5",
        )
        .await?;
    let changed = c.execute(&st, &[&d.id, &target.as_str(), &d.moderator, &d.now, &current.as_str()]).await?;
    if changed == 0 {
        return Err(conflict(current, decided_by.as_deref()));
    }
    let st =
        c.prepare_cached("UPDATE reports SET resolved_at = $2 WHERE comment_id = $1 AND resolved_at IS NULL").await?;
    c.execute(&st, &[&d.id, &d.now]).await?;
    audit::append(
        c,
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
    )
    .await?;
    let mut trained = vec![(d.id, body)];
    if d.action == Action::Ban && (author_key.is_some() || ip_hash.is_some()) {
        let note = format!("banned by {} for comment {}", d.moderator, d.id);
        ban(c, author_key.as_deref(), ip_hash.as_deref(), &note, d.now).await?;
        let st = c
            .prepare_cached(
                "SELECT id, body_md FROM comments WHERE status = 'pending' AND id <> $3 \
                   AND (($1::text IS NOT NULL AND author_key = $1) OR ($2::text IS NOT NULL AND ip_hash = $2)) \
                 ORDER BY id FOR UPDATE",
            )
            .await?;
        let others = c.query(&st, &[&author_key, &ip_hash, &d.id]).await?;
        let reject = c
            .prepare_cached("UPDATE comments SET status = 'rejected', decided_by = $2, decided_at = $3 WHERE id = $1")
            .await?;
        for row in others {
            let id: i64 = row.try_get(0)?;
            let text: String = row.try_get(1)?;
            c.execute(&reject, &[&id, &d.moderator, &d.now]).await?;
            audit::append(
                c,
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
            )
            .await?;
            trained.push((id, text));
        }
    }
    Ok(Decided { id: d.id, before: current, status: target, trained, waited_secs: d.now - posted_at })
}

/// Undoes the moderator's last decision (a whole request: a bulk action, or a ban with the
/// rejections it caused): each comment gets back its status from before, unless someone decided
/// it since. Reports resolved by the decision are opened again; a ban is lifted.
///
/// Pass a `deadpool_postgres::Transaction` and commit it after: the undo writes several rows and
/// must be atomic.
pub async fn undo_last(c: &impl GenericClient, moderator: &str, batch: &str, now: i64) -> Result<Undone, AppError> {
    let entries = audit::last_undoable_batch(c, moderator).await?;
    if entries.is_empty() {
        return Err(AppError::Conflict("You have no decision to undo.".into()));
    }
    let mut out = Undone::default();
    let read = c
        .prepare_cached(
            "SELECT status, decided_by, decided_at, author_key, ip_hash FROM comments WHERE id = $1 FOR UPDATE",
        )
        .await?;
    let restore =
        c.prepare_cached("UPDATE comments SET status = $2, decided_by = NULL, decided_at = NULL WHERE id = $1").await?;
    let reopen =
        c.prepare_cached("UPDATE reports SET resolved_at = NULL WHERE comment_id = $1 AND resolved_at = $2").await?;
    for e in entries.iter().rev() {
        let Some(id) = e.comment_id else { continue };
        let Some(row) = c.query_opt(&read, &[&id]).await? else { continue };
        let status: String = row.try_get(0)?;
        let by: Option<String> = row.try_get(1)?;
        let at: Option<i64> = row.try_get(2)?;
        let author_key: Option<String> = row.try_get(3)?;
        let ip_hash: Option<String> = row.try_get(4)?;
        let unchanged =
            Some(status.as_str()) == e.status_after.as_deref() && by.as_deref() == Some(moderator) && at == Some(e.at);
        if !unchanged {
            out.skipped.push((id, by.unwrap_or_default()));
            continue;
        }
        let Some(before) = e.status_before.as_deref().and_then(CommentStatus::parse) else { continue };
        c.execute(&restore, &[&id, &before.as_str()]).await?;
        c.execute(&reopen, &[&id, &e.at]).await?;
        if e.action == "ban" {
            unban(c, author_key.as_deref(), ip_hash.as_deref()).await?;
            out.unbanned = true;
        }
        audit::append(
            c,
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
        )
        .await?;
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

    async fn db(name: &str) -> Option<deadpool_postgres::Object> {
        let pool = crate::store::postgres::test_pool(name).await?;
        let c = pool.get().await.unwrap();
        c.execute(
            "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES (1, 'a', 'Story A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0)",
            &[],
        )
        .await
        .unwrap();
        Some(c)
    }

    async fn comment(c: &impl GenericClient, key: &str, status: &str, body: &str) -> i64 {
        c.query_one(
            "INSERT INTO comments (article_id, author_key, ip_hash, author_name, body_md, body_html, status, created_at) \
             VALUES (1, $1, 'ip-' || $1, 'Name ' || $1, $2, $2, $3, 100) RETURNING id",
            &[&key, &body, &status],
        )
        .await
        .unwrap()
        .get(0)
    }

    async fn report(c: &impl GenericClient, id: i64, who: &str, reason: &str) {
        c.execute(
            "INSERT INTO reports (comment_id, reason, reporter_key, created_at) VALUES ($1, $2, $3, 1)",
            &[&id, &reason, &who],
        )
        .await
        .unwrap();
    }

    async fn status_of(c: &impl GenericClient, id: i64) -> String {
        c.query_one("SELECT status FROM comments WHERE id = $1", &[&id]).await.unwrap().get(0)
    }

    fn decision(id: i64, action: Action, expected: Option<CommentStatus>, who: &'static str) -> Decision<'static> {
        Decision { id, action, expected, moderator: who, reason: "", batch: "b", now: 1_000 }
    }

    /// `decide` in a transaction of its own, committed when it succeeds.
    async fn decide_tx(c: &mut deadpool_postgres::Object, d: &Decision<'_>) -> Result<Decided, AppError> {
        let tx = c.transaction().await.unwrap();
        let out = decide(&tx, d).await?;
        tx.commit().await.unwrap();
        Ok(out)
    }

    async fn undo_tx(c: &mut deadpool_postgres::Object, who: &str, batch: &str, now: i64) -> Result<Undone, AppError> {
        let tx = c.transaction().await.unwrap();
        let out = undo_last(&tx, who, batch, now).await?;
        tx.commit().await.unwrap();
        Ok(out)
    }

    #[tokio::test]
    async fn queues_count_and_list_with_reasons_reports_and_history() {
        let Some(c) = db("queue_lists").await else { return };
        let held = comment(&c, "k1", "pending", "you idiot").await;
        comment(&c, "k1", "published", "earlier fine comment").await;
        comment(&c, "k1", "rejected", "earlier bad comment").await;
        let reported = comment(&c, "k2", "published", "reported one").await;
        report(&c, reported, "r1", "spam").await;
        report(&c, reported, "r2", "spam").await;
        report(&c, reported, "r3", "threat").await;
        c.execute(
            "INSERT INTO comment_reasons (comment_id, code, message, spans) VALUES ($1, 'abuse.insult', 'Insult', \
             '[{\"start\":4,\"end\":9}]'), ($1, 'second', 'Second', '[]')",
            &[&held],
        )
        .await
        .unwrap();
        let n = counts(&c).await.unwrap();
        assert_eq!((n.pending, n.reported, n.approved, n.rejected, n.spam), (1, 1, 2, 1, 0));

        let pending = list(&c, &Filter::new(Queue::Pending)).await.unwrap();
        assert_eq!(pending.len(), 1);
        let p = &pending[0];
        assert_eq!(p.reasons[0].spans[0].start, 4);
        assert_eq!(p.reasons.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["abuse.insult", "second"]);
        assert_eq!((p.history.approved, p.history.rejected), (1, 1));
        assert_eq!(p.history.recent.len(), 2);
        assert!(!p.history.banned);
        assert_eq!((p.article_slug.as_str(), p.article_title.as_str()), ("a", "Story A"));

        let rep = list(&c, &Filter::new(Queue::Reported)).await.unwrap();
        assert_eq!(rep[0].id, reported);
        assert_eq!(rep[0].open_reports, 3);
        assert_eq!(rep[0].reports[0], ReportCount { reason: "spam".into(), count: 2 });

        let mut f = Filter::new(Queue::Approved);
        f.search = Some("Name k2".into());
        assert_eq!(list(&c, &f).await.unwrap().len(), 1);
        f.search = Some("name K2".into());
        assert_eq!(list(&c, &f).await.unwrap().len(), 1, "ASCII letters match without case, as on SQLite");
        f.search = Some("story a".into());
        assert_eq!(list(&c, &f).await.unwrap().len(), 2, "the article's title matches");
        f.search = Some("100%".into());
        assert!(list(&c, &f).await.unwrap().is_empty(), "LIKE wildcards are escaped");
        f.search = Some("reported_one".into());
        assert!(list(&c, &f).await.unwrap().is_empty(), "_ is not a wildcard");
        f.search = None;
        f.article = Some("other".into());
        assert!(list(&c, &f).await.unwrap().is_empty());
        f.article = Some(" a ".into());
        f.limit = 1;
        assert_eq!(list(&c, &f).await.unwrap().len(), 1);

        assert_eq!(item(&c, held).await.unwrap().unwrap().reasons.len(), 2);
        c.execute("UPDATE comments SET status = 'deleted' WHERE id = $1", &[&held]).await.unwrap();
        assert!(item(&c, held).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn approving_a_reported_comment_resolves_its_reports() {
        let Some(mut c) = db("queue_approve_reported").await else { return };
        let id = comment(&c, "k", "published", "text").await;
        report(&c, id, "r1", "spam").await;
        let out =
            decide_tx(&mut c, &decision(id, Action::Approve, Some(CommentStatus::Published), "ann")).await.unwrap();
        assert_eq!(out.waited_secs, 900);
        assert_eq!(counts(&c).await.unwrap().reported, 0);
        let log = audit::all(&c).await.unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].status_before.as_deref(), log[0].status_after.as_deref()),
            (Some("published"), Some("published"))
        );
    }

    #[tokio::test]
    async fn the_later_of_two_decisions_is_refused_and_names_the_first() {
        let Some(mut c) = db("queue_conflict").await else { return };
        let id = comment(&c, "k", "pending", "text").await;
        decide_tx(&mut c, &decision(id, Action::Approve, Some(CommentStatus::Pending), "ann")).await.unwrap();
        let err =
            decide_tx(&mut c, &decision(id, Action::Reject, Some(CommentStatus::Pending), "bob")).await.unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("ann")), "{err}");
        let err = decide_tx(&mut c, &decision(id, Action::Spam, None, "bob")).await.unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("ann")), "{err}");
        assert_eq!(status_of(&c, id).await, "published");
        assert_eq!(audit::all(&c).await.unwrap().len(), 1);
        let err = decide_tx(&mut c, &decision(9_999, Action::Spam, None, "bob")).await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err}");
    }

    #[tokio::test]
    async fn two_moderators_deciding_at_once_one_wins_and_the_other_is_told_who() {
        let Some(pool) = crate::store::postgres::test_pool("queue_race").await else { return };
        let mut first = pool.get().await.unwrap();
        first
            .batch_execute(
                "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                     call_to_action, like_text, question, comment_prompt, updated_at) \
                 VALUES (1, 'a', 'A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0)",
            )
            .await
            .unwrap();
        let id = comment(&first, "k", "pending", "text").await;
        let mut second = pool.get().await.unwrap();
        let second_pid: i32 = second.query_one("SELECT pg_backend_pid()", &[]).await.unwrap().get(0);
        let watcher = pool.get().await.unwrap();
        let tx1 = first.transaction().await.unwrap();
        decide(&tx1, &decision(id, Action::Approve, Some(CommentStatus::Pending), "ann")).await.unwrap();
        let racer = tokio::spawn(async move {
            let tx2 = second.transaction().await.unwrap();
            let r = decide(&tx2, &decision(id, Action::Reject, Some(CommentStatus::Pending), "bob")).await;
            tx2.rollback().await.unwrap();
            r.map(|_| ())
        });
        // The second waits for the first's row lock (it does not read the old status and go on).
        let mut waited = false;
        for _ in 0..100 {
            let sql = "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1";
            let row = watcher.query_one(sql, &[&second_pid]).await.unwrap();
            if row.get::<_, Option<String>>(0).as_deref() == Some("Lock") {
                waited = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(waited, "the second decision should wait for the first's lock");
        tx1.commit().await.unwrap();
        let err = racer.await.unwrap().unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("ann")), "{err}");
        assert_eq!(status_of(&first, id).await, "published");
    }

    #[tokio::test]
    async fn a_ban_rejects_the_authors_pending_comments_and_undo_restores_them() {
        let Some(mut c) = db("queue_ban_undo").await else { return };
        let a = comment(&c, "k", "pending", "one").await;
        let b = comment(&c, "k", "pending", "two").await;
        let other = comment(&c, "z", "pending", "other author").await;
        let out = decide_tx(&mut c, &decision(a, Action::Ban, Some(CommentStatus::Pending), "ann")).await.unwrap();
        assert_eq!(out.trained, vec![(a, "one".to_string()), (b, "two".to_string())]);
        assert_eq!(counts(&c).await.unwrap().pending, 1);
        assert_eq!(status_of(&c, b).await, "rejected");
        assert!(author_history(&c, Some("k"), None, 0).await.unwrap().banned);
        assert!(author_history(&c, None, Some("ip-k"), 0).await.unwrap().banned, "the address is banned too");
        let undone = undo_tx(&mut c, "ann", "u", 2_000).await.unwrap();
        assert!(undone.unbanned);
        assert_eq!(undone.restored.len(), 2);
        assert_eq!(counts(&c).await.unwrap().pending, 3);
        assert!(!author_history(&c, Some("k"), None, 0).await.unwrap().banned);
        assert!(!author_history(&c, None, Some("ip-k"), 0).await.unwrap().banned);
        assert!(undo_tx(&mut c, "ann", "u2", 3_000).await.is_err(), "nothing left to undo");
        let log = audit::all(&c).await.unwrap();
        assert_eq!(log.iter().filter(|e| e.action == "undo").count(), 2);
        assert_eq!(status_of(&c, other).await, "pending");
    }

    #[tokio::test]
    async fn undo_reopens_the_reports_the_decision_resolved() {
        let Some(mut c) = db("queue_undo_reports").await else { return };
        let id = comment(&c, "k", "published", "text").await;
        report(&c, id, "r1", "spam").await;
        decide_tx(&mut c, &decision(id, Action::Reject, None, "ann")).await.unwrap();
        assert_eq!(counts(&c).await.unwrap().reported, 0);
        let undone = undo_tx(&mut c, "ann", "u", 2_000).await.unwrap();
        assert_eq!(undone.restored, vec![(id, CommentStatus::Published)]);
        assert_eq!(counts(&c).await.unwrap().reported, 1);
    }

    #[tokio::test]
    async fn undo_leaves_a_comment_someone_else_decided_since() {
        let Some(mut c) = db("queue_undo_skips").await else { return };
        let id = comment(&c, "k", "pending", "text").await;
        decide_tx(&mut c, &decision(id, Action::Reject, Some(CommentStatus::Pending), "ann")).await.unwrap();
        decide_tx(
            &mut c,
            &Decision { now: 1_500, ..decision(id, Action::Approve, Some(CommentStatus::Rejected), "bob") },
        )
        .await
        .unwrap();
        let err = undo_tx(&mut c, "ann", "u", 2_000).await.unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("bob")), "{err}");
        assert_eq!(status_of(&c, id).await, "published");
    }
}
