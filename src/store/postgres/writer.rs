//! New comments on PostgreSQL, committed in groups as SQLite's writer does: comments that arrive
//! together share one transaction, so the server's WAL flush (the durable commit every comment
//! waits for) is paid once per group, not once per comment. A few writer tasks take turns at the
//! queue; each takes every comment waiting, reads the authors' context with one statement each
//! (pipelined on one connection), lets the checks decide in order (each comment of the group also
//! sees the ones before it), inserts them (pipelined again) and commits. A group in which a
//! statement fails is rolled back and its comments are stored one by one, so one bad comment
//! never takes others with it.
use std::sync::{Arc, RwLock};

use deadpool_postgres::{GenericClient, Pool};
use futures_util::future::join_all;
use time::OffsetDateTime;
use tokio::sync::{Mutex, mpsc, oneshot};

use crate::domain::comment::NewComment;
use crate::error::AppError;
use crate::moderation::Recent;
use crate::store::sqlite::recent::{RecentIndex, RecentRow};
use crate::store::{ContextQuery, Decider, Inserted, ModerationContext};
use crate::webhooks::{NewEvent, Outbox};

/// Most comments in one transaction.
const MAX_GROUP: usize = 256;

struct Job {
    query: ContextQuery,
    decide: Decider,
    reply: oneshot::Sender<Result<Inserted, AppError>>,
}

/// Told each group's size and the time it took to run and commit (the `db_writer_*` metrics).
pub type BatchObserver = Arc<dyn Fn(usize, std::time::Duration) + Send + Sync>;

/// The queue the writer tasks take new comments from.
pub struct Writer {
    jobs: mpsc::UnboundedSender<Job>,
}

/// What every writer task shares.
struct Shared {
    pool: Pool,
    recent: Arc<RwLock<RecentIndex>>,
    observer: Option<BatchObserver>,
    /// New comments' webhook deliveries are written in their group's transaction.
    outbox: Arc<Outbox>,
}

impl Writer {
    /// Starts `tasks` writers on `pool`; after each commit they bring `recent` up to date.
    pub fn start(
        pool: Pool,
        recent: Arc<RwLock<RecentIndex>>,
        tasks: usize,
        observer: Option<BatchObserver>,
        outbox: Arc<Outbox>,
    ) -> Writer {
        let (jobs, rx) = mpsc::unbounded_channel();
        let rx = Arc::new(Mutex::new(rx));
        let shared = Arc::new(Shared { pool, recent, observer, outbox });
        for _ in 0..tasks.max(1) {
            tokio::spawn(writer_loop(rx.clone(), shared.clone()));
        }
        Writer { jobs }
    }

    /// Decides and stores one comment; answers once its transaction has committed.
    pub async fn insert(&self, query: ContextQuery, decide: Decider) -> Result<Inserted, AppError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job { query, decide, reply }).map_err(|_| AppError::Unavailable)?;
        answer.await.map_err(|_| AppError::internal("the comment writer stopped before answering"))?
    }
}

async fn writer_loop(rx: Arc<Mutex<mpsc::UnboundedReceiver<Job>>>, shared: Arc<Shared>) {
    loop {
        let mut group = Vec::new();
        {
            let mut rx = rx.lock().await;
            match rx.recv().await {
                Some(job) => group.push(job),
                None => return,
            }
            while group.len() < MAX_GROUP {
                match rx.try_recv() {
                    Ok(job) => group.push(job),
                    Err(_) => break,
                }
            }
        }
        let (size, started) = (group.len(), std::time::Instant::now());
        run_group(&shared, group).await;
        if let Some(observe) = &shared.observer {
            observe(size, started.elapsed());
        }
    }
}

/// A comment decided and waiting to be inserted.
struct Decided {
    new: NewComment,
    reply: oneshot::Sender<Result<Inserted, AppError>>,
}

/// The outbox rows of the new comments that were stored.
fn new_comment_events<'a>(stored: impl Iterator<Item = (&'a NewComment, i64)>) -> Vec<NewEvent> {
    stored
        .filter_map(|(c, id)| {
            let codes: Vec<String> = c.reasons.iter().map(|r| r.code.clone()).collect();
            NewEvent::new_comment(id, c.status, &codes)
        })
        .collect()
}

async fn run_group(shared: &Shared, group: Vec<Job>) {
    let (pool, recent, outbox) = (&shared.pool, &*shared.recent, &*shared.outbox);
    let now = OffsetDateTime::now_utc();
    let mut client = match pool.get().await {
        Ok(c) => c,
        Err(e) => {
            let msg = e.to_string();
            for job in group {
                let _ = job.reply.send(Err(AppError::internal(format!("database pool: {msg}"))));
            }
            return;
        }
    };
    // Read and decide inside the transaction that inserts, so no commit lands in between.
    let tx = match client.transaction().await {
        Ok(tx) => tx,
        Err(e) => {
            fail_all(group.into_iter().map(|j| j.reply), &e);
            return;
        }
    };
    let contexts = join_all(group.iter().map(|j| author_context(&tx, &j.query))).await;
    let mut decided: Vec<Decided> = Vec::with_capacity(group.len());
    let mut failed = None;
    for (job, ctx) in group.into_iter().zip(contexts) {
        let mut ctx = match ctx {
            Ok(ctx) => ctx,
            Err(e) => {
                failed.get_or_insert_with(|| e.to_string());
                let _ = job.reply.send(Err(e));
                continue;
            }
        };
        if let Ok(index) = recent.read() {
            let q = &job.query;
            ctx.recent.extend(index.by_others(q.author_key.as_deref(), q.exclude, q.since, Some(q.fingerprint)));
        }
        // The comments decided before this one in the group are not in the database yet.
        for earlier in &decided {
            see_earlier(&mut ctx, &job.query, &earlier.new);
        }
        let new = (job.decide)(&ctx);
        decided.push(Decided { new, reply: job.reply });
    }
    if failed.is_some() {
        // A statement failed: the transaction is lost; store the rest one by one.
        drop(tx);
        one_by_one(&mut client, decided, now, recent, outbox).await;
        return;
    }
    // In article order: each published comment takes its article's live event counter (see
    // migration 0008) until the commit, and groups that took them in opposite orders would wait
    // on each other. Stable, so each article's comments keep their order.
    decided.sort_by_key(|d| d.new.article_id);
    let ids = join_all(decided.iter().map(|d| super::comments::insert(&tx, &d.new, now))).await;
    // A refused reply (its parent is gone) fails before any statement, and others go on; a
    // failed statement spoils the transaction for all.
    let spoiled = ids.iter().any(|r| matches!(r, Err(e) if !matches!(e, AppError::Validation(_))));
    if spoiled {
        drop(tx);
        one_by_one(&mut client, decided, now, recent, outbox).await;
        return;
    }
    if outbox.active() {
        let stored = decided.iter().zip(&ids).filter_map(|(d, id)| id.as_ref().ok().map(|id| (&d.new, *id)));
        if let Err(e) = super::webhooks::enqueue(&tx, outbox, &new_comment_events(stored)).await {
            tracing::warn!(error = %e, "writing the group's webhook deliveries failed; storing one by one");
            drop(tx);
            one_by_one(&mut client, decided, now, recent, outbox).await;
            return;
        }
    }
    if let Err(e) = tx.commit().await {
        fail_all(decided.into_iter().map(|d| d.reply), &e);
        return;
    }
    for (d, id) in decided.into_iter().zip(ids) {
        answer(d, id, now, recent);
    }
}

/// Stores each comment in a transaction of its own (after a group failed).
async fn one_by_one(
    client: &mut deadpool_postgres::Object,
    decided: Vec<Decided>,
    now: OffsetDateTime,
    recent: &RwLock<RecentIndex>,
    outbox: &Outbox,
) {
    for d in decided {
        let result = async {
            let tx = client.transaction().await?;
            let id = super::comments::insert(&tx, &d.new, now).await?;
            super::webhooks::enqueue(&tx, outbox, &new_comment_events(std::iter::once((&d.new, id)))).await?;
            tx.commit().await?;
            Ok::<i64, AppError>(id)
        }
        .await;
        answer(d, result, now, recent);
    }
}

fn answer(d: Decided, id: Result<i64, AppError>, now: OffsetDateTime, recent: &RwLock<RecentIndex>) {
    let Decided { new, reply } = d;
    let result = id.map(|id| {
        if let Ok(mut index) = recent.write() {
            index.apply(
                id,
                Some(RecentRow {
                    id,
                    created_at: now.unix_timestamp(),
                    author_key: new.author_key.clone(),
                    fingerprint: new.fingerprint,
                    status: new.status.as_str().to_string(),
                }),
            );
        }
        Inserted { id, status: new.status, reason_codes: new.reasons.iter().map(|r| r.code.clone()).collect() }
    });
    let _ = reply.send(result);
}

fn fail_all(replies: impl Iterator<Item = oneshot::Sender<Result<Inserted, AppError>>>, e: &tokio_postgres::Error) {
    let msg = super::explain(e);
    for reply in replies {
        let _ = reply.send(Err(AppError::internal(format!("storing a comment: {msg}"))));
    }
}

/// Counts a comment decided earlier in the group as the database would have shown it.
fn see_earlier(ctx: &mut ModerationContext, q: &ContextQuery, earlier: &NewComment) {
    let fingerprint = earlier.fingerprint.map(|f| u64::from_ne_bytes(f.to_ne_bytes()));
    let same_author = q.author_key.is_some() && earlier.author_key == q.author_key;
    if same_author {
        use crate::domain::comment::CommentStatus::*;
        match earlier.status {
            Published => ctx.history.published += 1,
            Pending => ctx.history.held += 1,
            Rejected | Spam => ctx.history.refused += 1,
            Deleted => {}
        }
    }
    if let Some(f) = fingerprint {
        ctx.recent.push(Recent { fingerprint: f, same_author });
    }
}

/// The author's history, ban and own recent fingerprints (others' come from the node's index).
pub async fn author_context(c: &impl GenericClient, q: &ContextQuery) -> Result<ModerationContext, AppError> {
    super::moderation::gather_author_context(c, q.author_key.as_deref(), q.ip_hash.as_deref(), q.exclude).await
}
