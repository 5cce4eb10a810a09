//! The [`Store`] interface on PostgreSQL: each operation takes a pooled connection (and a
//! transaction where it writes more than one row) over the async SQL functions of the sibling
//! modules. After a commit that changes what other nodes show or decide with, the node tells them
//! (see [`super::notify`]).
use std::io::{BufRead, Write};
use std::path::PathBuf;

use async_trait::async_trait;
use std::sync::{Arc, RwLock};

use deadpool_postgres::Pool;
use time::OffsetDateTime;
use tokio::sync::broadcast;

use super::notify::{Change, Notifier};
use super::writer::Writer;
use crate::domain::article::{Article, NewArticle};
use crate::domain::comment::{Comment, CommentStatus};
use crate::domain::domain_name::DomainName;
use crate::domain::email::NotifyPrefs;
use crate::domain::embed::NewEmbedArticle;
use crate::domain::moderator::{Action, Moderator, ModeratorName, Role};
use crate::domain::report::NewReport;
use crate::error::AppError;
use crate::http::keys::Keys;
use crate::moderation::classifier::ClassifierDelta;
use crate::moderation::{Classifier, WordKind};
use crate::store::sqlite::recent::RecentIndex;
use crate::store::{
    Account, Announcement, AuditEntry, BodyUpdate, ContextQuery, Decided, Decider, DecisionContext, DecisionRequest,
    DumpCounts, DumpError, Filed, ForgetError, Forgotten, Freshness, Inserted, Legacy, LegacyError, LegacyStored,
    LiveEvent, ModerationContext, Outline, QueueCounts, QueueFilter, QueueItem, Reaction, ReactionRequest, RuleStats,
    SessionRow, Sort, Standing, Store, Undone,
};
use crate::webhooks::{Attempt, Delivery, NewEvent, Outbox};

/// A node's handle on the shared database.
pub struct PgStore {
    pool: Pool,
    notifier: Notifier,
    /// New comments, committed in groups.
    writer: Writer,
    /// Reactions, committed in groups.
    reactions: super::reaction_writer::ReactionWriter,
    /// The newest comments' fingerprints for the repeat check, in memory as on SQLite: this
    /// node's own inserts at once, other nodes' on their notices.
    recent: Arc<RwLock<RecentIndex>>,
    cap: ArticleCap,
    /// Which webhook targets want which events (see `crate::webhooks`).
    outbox: Arc<Outbox>,
}

impl PgStore {
    /// Opens the pool (migrating the schema) and starts listening for other nodes' changes.
    pub async fn open(
        url: &str,
        settings: &crate::config::DatabaseSettings,
        batch_observer: Option<super::writer::BatchObserver>,
    ) -> Result<PgStore, super::PgOpenError> {
        let pool = super::open_pool(url, settings).await?;
        let config = super::connection_config(url, settings)?;
        let target = super::describe_target(&config);
        let notifier = Notifier::start(config, pool.clone()).await;
        let rows = match pool.get().await {
            Ok(c) => super::recent::index_rows(&c, None).await,
            Err(e) => Err(AppError::from(e)),
        };
        let rows = rows.map_err(|e| super::PgOpenError::Connect { target, message: e.to_string() })?;
        let recent = Arc::new(RwLock::new(RecentIndex::from_rows(rows)));
        tokio::spawn(follow_others(pool.clone(), recent.clone(), notifier.subscribe()));
        // Half the pool writes: enough groups in flight to keep the server's WAL flushes full.
        let outbox = Arc::new(Outbox::default());
        let tasks = (settings.pool_size / 2).clamp(1, 8);
        let writer = Writer::start(pool.clone(), recent.clone(), tasks, batch_observer, outbox.clone());
        let reactions = super::reaction_writer::ReactionWriter::start(pool.clone());
        Ok(PgStore { pool, notifier, writer, reactions, recent, cap: ArticleCap::default(), outbox })
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, AppError> {
        Ok(self.pool.get().await?)
    }

    /// After a commit that may have written outbox rows: this node's worker looks now (the
    /// others find them at their next poll).
    fn wake_webhooks(&self) {
        if self.outbox.active() {
            self.outbox.wake();
        }
    }
}

impl Freshness for PgStore {
    fn generation(&self) -> u64 {
        self.notifier.generation()
    }
    fn hide_generation(&self) -> u64 {
        self.notifier.hide_generation()
    }
    fn version(&self) -> Option<i64> {
        // Other nodes' commits move the generations through their notifications: from this
        // node's point of view every change it knows of is accounted for there.
        Some(0)
    }
    fn own_version(&self) -> Option<i64> {
        Some(0)
    }
    fn writer_committing(&self) -> bool {
        false
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend_name(&self) -> &'static str {
        "postgres"
    }

    fn changes(&self) -> Option<broadcast::Receiver<Change>> {
        Some(self.notifier.subscribe())
    }

    async fn upsert_articles(&self, articles: Vec<NewArticle>) -> Result<Vec<(i64, bool)>, AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        let mut out = Vec::with_capacity(articles.len());
        for a in &articles {
            out.push(super::articles::upsert(&tx, a).await?);
        }
        tx.commit().await?;
        // Stored rows that changed notify every node through the table's trigger.
        self.notifier.apply_locally(Change::Hidden);
        Ok(out)
    }

    async fn article_by_slug(&self, slug: &str) -> Result<Option<Article>, AppError> {
        super::articles::by_slug(&self.client().await?, slug).await
    }

    async fn article_by_id(&self, id: i64) -> Result<Option<Article>, AppError> {
        super::articles::by_id(&self.client().await?, id).await
    }

    async fn article_by_url(&self, url: &str) -> Result<Option<Article>, AppError> {
        super::articles::by_url(&self.client().await?, url).await
    }

    async fn embed_article(&self, article: NewEmbedArticle) -> Result<(Article, bool), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        let out = super::articles::embed(&tx, &article).await?;
        tx.commit().await?;
        if out.1 {
            self.notifier.apply_locally(Change::Hidden);
        }
        Ok(out)
    }

    async fn counts_by_url(&self, urls: Vec<String>) -> Result<Vec<(String, i64)>, AppError> {
        super::articles::counts_by_url(&self.client().await?, &urls).await
    }

    async fn articles(&self) -> Result<Vec<(Article, i64)>, AppError> {
        super::articles::list(&self.client().await?).await
    }

    async fn set_article_flags(&self, slug: &str, comments_open: bool, premoderation: bool) -> Result<bool, AppError> {
        let found = super::admin::set_article_flags(&self.client().await?, slug, comments_open, premoderation).await?;
        self.notifier.changed(Change::Hidden);
        Ok(found)
    }

    async fn article_slot(&self, article_id: i64, per_minute: u32) -> Result<Result<(), u64>, AppError> {
        self.cap.take(&self.pool, article_id, per_minute).await
    }

    async fn insert_comment(
        &self,
        _announced: Announcement,
        query: ContextQuery,
        decide: Decider,
    ) -> Result<Inserted, AppError> {
        let inserted = self.writer.insert(query, decide).await?;
        self.notifier.changed(Change::Comments);
        self.wake_webhooks();
        Ok(inserted)
    }

    async fn moderation_context(&self, query: ContextQuery) -> Result<ModerationContext, AppError> {
        let mut ctx = super::writer::author_context(&self.client().await?, &query).await?;
        if let Ok(index) = self.recent.read() {
            let q = &query;
            ctx.recent.extend(index.by_others(q.author_key.as_deref(), q.exclude, q.since, Some(q.fingerprint)));
        }
        Ok(ctx)
    }

    async fn comment_by_id(&self, id: i64) -> Result<Option<Comment>, AppError> {
        super::comments::by_id(&self.client().await?, id).await
    }

    async fn update_comment_body(&self, u: BodyUpdate) -> Result<(), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        super::comments::update_body(&tx, u.id, &u.body_md, &u.body_html, u.status, u.score, u.fingerprint, u.now)
            .await?;
        if !u.reasons.is_empty() {
            super::comments::replace_reasons(&tx, u.id, &u.reasons).await?;
        }
        super::webhooks::enqueue(&tx, &self.outbox, &[NewEvent::edited(u.id, u.status)]).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Hidden);
        self.wake_webhooks();
        Ok(())
    }

    async fn set_comment_status(&self, id: i64, status: CommentStatus) -> Result<(), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        super::comments::set_status(&tx, id, status).await?;
        let events: Vec<NewEvent> = NewEvent::status_set(id, status).into_iter().collect();
        super::webhooks::enqueue(&tx, &self.outbox, &events).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Hidden);
        self.wake_webhooks();
        Ok(())
    }

    async fn published_count(&self, article_id: i64) -> Result<i64, AppError> {
        super::comments::published_count(&self.client().await?, article_id).await
    }

    async fn published_page(
        &self,
        article_id: i64,
        sort: Sort,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError> {
        super::comments::published_page(&self.client().await?, article_id, sort, after, limit).await
    }

    async fn page_prefix(
        &self,
        article_id: i64,
        newest: bool,
        roots: usize,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError> {
        super::comments::page_prefix(&self.client().await?, article_id, newest, roots, limit).await
    }

    async fn page_outline(
        &self,
        article_id: i64,
        viewer_key: Option<&str>,
        outline: Outline,
    ) -> Result<Vec<Comment>, AppError> {
        let c = self.client().await?;
        match outline {
            Outline::All => super::comments::for_page_outline(&c, article_id, viewer_key).await,
            Outline::Threads { newest, roots } => {
                super::comments::for_page_threads_outline(&c, article_id, viewer_key, newest, roots).await
            }
        }
    }

    async fn fill_bodies(&self, mut comments: Vec<Comment>, shown: Vec<usize>) -> Result<Vec<Comment>, AppError> {
        super::comments::fill_bodies(&self.client().await?, &mut comments, &shown).await?;
        Ok(comments)
    }

    async fn react(&self, request: ReactionRequest) -> Result<Reaction, AppError> {
        let done = self.reactions.react(request).await?;
        // No notice to the nodes: counts are read when pages are (re)built (see `routes::reactions`).
        Ok(done)
    }

    async fn reacted_by(&self, article_id: i64, reader_key: &str) -> Result<Vec<i64>, AppError> {
        super::reactions::reacted_by(&self.client().await?, article_id, reader_key).await
    }

    async fn standings(&self, article_id: i64, as_of_ms: i64) -> Result<Vec<Standing>, AppError> {
        super::reactions::standings(&self.client().await?, article_id, as_of_ms).await
    }

    async fn set_featured(&self, id: i64, featured: bool, moderator: &str, now: i64) -> Result<bool, AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        let changed = super::reactions::set_featured(&tx, id, featured, moderator, now).await?;
        tx.commit().await?;
        if changed {
            // The row's trigger tells the other nodes; this one applies it at once.
            self.notifier.apply_locally(Change::Hidden);
        }
        Ok(changed)
    }

    async fn featured(&self, article_id: i64) -> Result<Vec<Comment>, AppError> {
        super::reactions::featured(&self.client().await?, article_id).await
    }

    async fn file_report(
        &self,
        comment_id: i64,
        reporter_keys: Vec<String>,
        report: NewReport,
        threshold: u32,
        now: OffsetDateTime,
    ) -> Result<Filed, AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        let filed = super::reports::file(&tx, comment_id, &reporter_keys, &report, threshold, now).await?;
        let event = NewEvent::reported(comment_id, report.reason.as_str(), filed.hidden);
        super::webhooks::enqueue(&tx, &self.outbox, &[event]).await?;
        tx.commit().await?;
        self.notifier.changed(if filed.hidden { Change::Hidden } else { Change::Queue });
        self.wake_webhooks();
        Ok(filed)
    }

    async fn create_moderator(
        &self,
        name: &ModeratorName,
        role: Role,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<i64, AppError> {
        super::moderators::create(&self.client().await?, name, role, password_hash, now).await
    }

    async fn moderators(&self) -> Result<Vec<Account>, AppError> {
        super::moderators::list(&self.client().await?).await
    }

    async fn remove_moderator(&self, name: &ModeratorName) -> Result<bool, AppError> {
        super::moderators::remove(&self.client().await?, name).await
    }

    async fn set_moderator_password(&self, name: &ModeratorName, password_hash: &str) -> Result<bool, AppError> {
        super::moderators::set_password(&self.client().await?, name, password_hash).await
    }

    async fn moderator_for_login(&self, name: &str) -> Result<Option<(Moderator, String)>, AppError> {
        super::moderators::for_login(&self.client().await?, name).await
    }

    async fn moderator_by_name(&self, name: &ModeratorName) -> Result<Option<Moderator>, AppError> {
        super::moderators::by_name(&self.client().await?, name).await
    }

    async fn notify_prefs(&self, moderator_id: i64) -> Result<NotifyPrefs, AppError> {
        super::moderators::notify_prefs(&self.client().await?, moderator_id).await
    }

    async fn set_notify_prefs(&self, moderator_id: i64, prefs: NotifyPrefs) -> Result<(), AppError> {
        super::moderators::set_notify_prefs(&self.client().await?, moderator_id, &prefs).await
    }

    async fn threat_recipients(&self) -> Result<Vec<(String, String)>, AppError> {
        super::moderators::threat_recipients(&self.client().await?).await
    }

    async fn claim_digests(&self, now: i64) -> Result<Vec<(String, String)>, AppError> {
        super::moderators::claim_digests(&self.client().await?, now).await
    }

    async fn add_reply_subscription(&self, comment_id: i64, email: String, now: i64) -> Result<i64, AppError> {
        super::replies::add(&self.client().await?, comment_id, &email, now).await
    }

    async fn confirm_reply_subscription(&self, id: i64, now: i64) -> Result<bool, AppError> {
        super::replies::confirm(&self.client().await?, id, now).await
    }

    async fn remove_reply_subscription(&self, id: i64) -> Result<bool, AppError> {
        super::replies::remove(&self.client().await?, id).await
    }

    async fn reply_subscription(&self, parent_id: i64) -> Result<Option<(i64, String)>, AppError> {
        super::replies::confirmed_for(&self.client().await?, parent_id).await
    }

    async fn add_api_token(&self, moderator_id: i64, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
        super::moderators::add_token(&self.client().await?, moderator_id, token_hash, now).await
    }

    async fn moderator_by_token(&self, token_hash: &str) -> Result<Option<Moderator>, AppError> {
        super::moderators::by_token(&self.client().await?, token_hash).await
    }

    async fn start_session(
        &self,
        previous: Option<String>,
        token_hash: String,
        moderator: &Moderator,
        now: OffsetDateTime,
        idle_secs: u64,
        max_secs: u64,
    ) -> Result<(), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        if let Some(p) = previous {
            super::sessions::delete(&tx, &p).await?;
        }
        super::sessions::purge_expired(&tx, now, idle_secs, max_secs).await?;
        super::sessions::create(&tx, &token_hash, moderator.id, now).await?;
        let entry = crate::store::sqlite::audit::NewEntry {
            at: now.unix_timestamp(),
            moderator: &moderator.name,
            action: "login",
            ..Default::default()
        };
        super::audit::append(&tx, &entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, AppError> {
        super::sessions::lookup(&self.client().await?, token_hash).await
    }

    async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
        super::sessions::touch(&self.client().await?, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), AppError> {
        super::sessions::delete(&self.client().await?, token_hash).await
    }

    async fn end_session(&self, token_hash: &str, moderator: &str, now: i64) -> Result<(), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        super::sessions::delete(&tx, token_hash).await?;
        let entry =
            crate::store::sqlite::audit::NewEntry { at: now, moderator, action: "logout", ..Default::default() };
        super::audit::append(&tx, &entry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn purge_sessions(&self, now: OffsetDateTime, idle_secs: u64, max_secs: u64) -> Result<usize, AppError> {
        super::sessions::purge_expired(&self.client().await?, now, idle_secs, max_secs).await
    }

    async fn queue_counts(&self) -> Result<QueueCounts, AppError> {
        super::queue::counts(&self.client().await?).await
    }

    async fn queue(&self, filter: QueueFilter) -> Result<Vec<QueueItem>, AppError> {
        super::queue::list(&self.client().await?, &filter).await
    }

    async fn queue_item(&self, id: i64) -> Result<Option<QueueItem>, AppError> {
        super::queue::item(&self.client().await?, id).await
    }

    async fn decide(
        &self,
        requests: Vec<DecisionRequest>,
        ctx: DecisionContext,
    ) -> Result<Vec<Result<(Decided, Action), AppError>>, AppError> {
        let mut c = self.client().await?;
        let mut tx = c.transaction().await?;
        let ids: Vec<i64> = requests.iter().map(|r| r.id).collect();
        super::live::lock_for_comments(&tx, &ids).await?;
        let mut out = Vec::with_capacity(requests.len());
        for r in requests {
            let d = crate::store::sqlite::queue::Decision {
                id: r.id,
                action: r.action,
                expected: r.expected,
                moderator: &ctx.moderator,
                reason: &ctx.reason,
                batch: &ctx.batch,
                now: ctx.now,
            };
            // Each decision on its own savepoint: a refused one changes nothing, the others apply.
            let sp = tx.savepoint("decision").await?;
            match super::queue::decide(&sp, &d).await {
                Ok(done) => {
                    let events = NewEvent::for_decision(&done, r.action.as_str(), &ctx.moderator, &ctx.reason);
                    super::webhooks::enqueue(&sp, &self.outbox, &events).await?;
                    sp.commit().await?;
                    out.push(Ok((done, r.action)));
                }
                Err(e @ (AppError::Conflict(_) | AppError::NotFound(_))) => {
                    sp.rollback().await?;
                    out.push(Err(e));
                }
                Err(e) => return Err(e),
            }
        }
        tx.commit().await?;
        self.notifier.changed(Change::Hidden);
        self.wake_webhooks();
        Ok(out)
    }

    async fn undo_last(&self, moderator: &str, batch: &str, now: i64) -> Result<Undone, AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        let undone = super::queue::undo_last(&tx, moderator, batch, now).await?;
        let events: Vec<NewEvent> =
            undone.restored.iter().map(|(id, status)| NewEvent::undone(*id, *status, moderator)).collect();
        super::webhooks::enqueue(&tx, &self.outbox, &events).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Hidden);
        self.wake_webhooks();
        Ok(undone)
    }

    async fn decisions(&self) -> Result<Vec<(String, CommentStatus)>, AppError> {
        super::queue::decisions(&self.client().await?).await
    }

    async fn audit(&self, at: i64, moderator: &str, action: &'static str, reason: &str) -> Result<(), AppError> {
        let entry = crate::store::sqlite::audit::NewEntry { at, moderator, action, reason, ..Default::default() };
        super::audit::append(&self.client().await?, &entry).await.map(drop)
    }

    async fn audit_page(&self, before: Option<i64>, limit: usize) -> Result<Vec<AuditEntry>, AppError> {
        super::audit::list(&self.client().await?, before, limit, None).await
    }

    async fn audit_all(&self) -> Result<Vec<AuditEntry>, AppError> {
        super::audit::all(&self.client().await?).await
    }

    async fn pending_count(&self) -> Result<i64, AppError> {
        super::privacy::pending_count(&self.client().await?).await
    }

    async fn words(&self) -> Result<Vec<(String, WordKind)>, AppError> {
        super::moderation::list_words(&self.client().await?).await
    }

    async fn add_word(&self, word: &str, kind: WordKind, now: OffsetDateTime) -> Result<(), AppError> {
        super::moderation::add_word(&self.client().await?, word, kind, now).await?;
        self.notifier.changed(Change::Words);
        Ok(())
    }

    async fn remove_word(&self, word: &str, kind: WordKind) -> Result<bool, AppError> {
        let removed = super::moderation::remove_word(&self.client().await?, word, kind).await?;
        self.notifier.changed(Change::Words);
        Ok(removed)
    }

    async fn trusted_domains(&self) -> Result<Vec<DomainName>, AppError> {
        super::moderation::trusted_domains(&self.client().await?).await
    }

    async fn add_trusted_domain(&self, domain: &DomainName, now: OffsetDateTime) -> Result<(), AppError> {
        super::moderation::add_trusted_domain(&self.client().await?, domain, now).await?;
        self.notifier.changed(Change::Words);
        Ok(())
    }

    async fn remove_trusted_domain(&self, domain: &DomainName) -> Result<bool, AppError> {
        let removed = super::moderation::remove_trusted_domain(&self.client().await?, domain).await?;
        self.notifier.changed(Change::Words);
        Ok(removed)
    }

    async fn rule_stats(&self, now: i64, threshold: f64) -> Result<RuleStats, AppError> {
        super::rules::stats(&self.client().await?, now, threshold).await
    }

    async fn thresholds(&self) -> Result<Vec<(String, f64)>, AppError> {
        super::admin::thresholds(&self.client().await?).await
    }

    async fn set_thresholds(
        &self,
        values: Vec<(String, f64)>,
        now: OffsetDateTime,
    ) -> Result<Vec<(String, f64)>, AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        for (k, v) in &values {
            super::admin::set_threshold(&tx, k, *v, now).await?;
        }
        let all = super::admin::thresholds(&tx).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Thresholds);
        Ok(all)
    }

    async fn load_classifier(&self) -> Result<Classifier, AppError> {
        super::moderation::load_classifier(&self.client().await?).await
    }

    async fn save_classifier(&self, classifier: Classifier) -> Result<(), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        super::moderation::save_classifier(&tx, &classifier).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Classifier);
        Ok(())
    }

    async fn save_classifier_delta(&self, delta: ClassifierDelta) -> Result<(), AppError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await?;
        super::moderation::save_classifier_delta(&tx, &delta).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Classifier);
        Ok(())
    }

    async fn secret(&self, make: Box<dyn FnOnce() -> String + Send>) -> Result<String, AppError> {
        super::meta::get_or_insert(&self.client().await?, "secret", make).await
    }

    async fn purge_ip_hashes(&self, cutoff: i64) -> Result<usize, AppError> {
        super::privacy::purge_ip_hashes(&self.client().await?, cutoff).await
    }

    async fn forget_author(&self, comment_id: i64, remove: bool) -> Result<Forgotten, ForgetError> {
        let mut c = self.pool.get().await.map_err(|e| ForgetError::Store(e.to_string()))?;
        let tx = c.transaction().await?;
        let out = super::privacy::forget_author(&tx, comment_id, remove).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Hidden);
        Ok(out)
    }

    async fn export(&self, mut out: Box<dyn Write + Send>, exported_at: String) -> Result<DumpCounts, DumpError> {
        let mut c = self.pool.get().await.map_err(|e| DumpError::Store(e.to_string()))?;
        let counts = super::dump::export(&mut c, &mut out, &exported_at).await?;
        out.flush()?;
        Ok(counts)
    }

    async fn import(&self, mut input: Box<dyn BufRead + Send>) -> Result<DumpCounts, DumpError> {
        let mut c = self.pool.get().await.map_err(|e| DumpError::Store(e.to_string()))?;
        let counts = super::dump::import_checked(&mut c, &mut input).await?;
        self.notifier.changed(Change::Everything);
        Ok(counts)
    }

    async fn import_legacy(&self, data: Legacy, keys: Keys, ip_cutoff: i64) -> Result<LegacyStored, LegacyError> {
        let mut c = self.pool.get().await.map_err(|e| LegacyError::Store(e.to_string()))?;
        let tx = c.transaction().await?;
        let stored = super::legacy::store(&tx, &data, &keys, ip_cutoff).await?;
        tx.commit().await?;
        self.notifier.changed(Change::Everything);
        Ok(stored)
    }

    fn backup_suffix(&self) -> &'static str {
        ".jsonl"
    }

    fn backup_note(&self) -> &'static str {
        " (a JSON Lines export from one snapshot; for physical backups of PostgreSQL use pg_dump and the \
         server's own replication)"
    }

    async fn backup_into(&self, partial: PathBuf) -> Result<(), AppError> {
        let file =
            std::fs::File::create(&partial).map_err(|e| AppError::internal(format!("{}: {e}", partial.display())))?;
        let at = OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let out = std::io::BufWriter::new(file);
        self.export(Box::new(out), at).await.map_err(|e| AppError::internal(format!("backup export: {e}")))?;
        Ok(())
    }

    fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    async fn webhook_next_due(&self) -> Result<Option<i64>, AppError> {
        super::webhooks::next_due(&self.client().await?).await
    }

    async fn claim_webhooks(&self, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, AppError> {
        super::webhooks::claim(&self.client().await?, now, lease_until, limit).await
    }

    async fn record_webhook(&self, attempt: Attempt) -> Result<(), AppError> {
        super::webhooks::record(&self.client().await?, &attempt).await
    }

    async fn webhook_deliveries(&self, limit: usize) -> Result<Vec<Delivery>, AppError> {
        super::webhooks::list(&self.client().await?, limit).await
    }

    async fn retry_webhook(&self, id: i64, now: i64, expires_at: i64) -> Result<bool, AppError> {
        let found = super::webhooks::retry(&self.client().await?, id, now, expires_at).await?;
        self.wake_webhooks();
        Ok(found)
    }

    async fn prune_webhooks(&self, before: i64) -> Result<usize, AppError> {
        super::webhooks::prune(&self.client().await?, before).await
    }

    fn live_wakeups(&self) -> tokio::sync::watch::Receiver<u64> {
        self.notifier.live_wakeups()
    }

    async fn live_events(&self, article_id: i64, after: i64, limit: usize) -> Result<Vec<LiveEvent>, AppError> {
        super::live::events_after(&self.client().await?, article_id, after, limit).await
    }

    async fn live_seq(&self, article_id: i64) -> Result<i64, AppError> {
        super::live::last_seq(&self.client().await?, article_id).await
    }

    async fn prune_live_events(&self, cutoff: i64) -> Result<usize, AppError> {
        super::live::prune(&self.client().await?, cutoff).await
    }

    async fn health(&self) -> bool {
        match self.pool.get().await {
            // A table, not `SELECT 1`: a server that answers without our schema is no database.
            Ok(c) => c.simple_query("SELECT 1 FROM articles LIMIT 1").await.is_ok(),
            Err(_) => false,
        }
    }

    async fn close(&self) {
        self.notifier.stop();
        self.pool.close();
    }
}

/// Keeps the repeat index in line with other nodes' comments: new ones on their notices (read
/// from a little before the newest id kept: ids are taken before commits, so one may commit after
/// a larger one), everything again after changes that may edit or delete.
async fn follow_others(pool: Pool, recent: Arc<RwLock<RecentIndex>>, mut changes: broadcast::Receiver<Change>) {
    /// How far below the newest id kept new rows are looked for.
    const OVERLAP: i64 = 512;
    loop {
        let change = match changes.recv().await {
            Ok(c) => c,
            Err(broadcast::error::RecvError::Lagged(_)) => Change::Everything,
            Err(broadcast::error::RecvError::Closed) => return,
        };
        let Ok(c) = pool.get().await else { continue };
        match change {
            Change::Comments => {
                let after = recent.read().ok().and_then(|i| i.newest_id()).map(|id| id - OVERLAP);
                if let Ok(rows) = super::recent::index_rows(&c, after).await
                    && let Ok(mut index) = recent.write()
                {
                    for row in rows {
                        index.apply(row.id, Some(row));
                    }
                }
            }
            Change::Hidden | Change::Everything => {
                if let Ok(rows) = super::recent::index_rows(&c, None).await
                    && let Ok(mut index) = recent.write()
                {
                    *index = RecentIndex::from_rows(rows);
                }
            }
            Change::Words | Change::Thresholds | Change::Classifier | Change::Queue => {}
        }
    }
}

/// The per-article cap for all nodes together, without a database round trip per comment: a
/// node takes slots from the shared count (`article_minute_counts`) a few at a time and uses them
/// locally. The blocks shrink as the minute's count nears the cap (one slot at a time at the end),
/// and a block is granted only up to the cap, so all nodes together never pass it; slots a node
/// took and did not use lapse with the minute.
#[derive(Default)]
struct ArticleCap {
    minutes: std::sync::Mutex<std::collections::HashMap<i64, CapMinute>>,
    /// One take from the database at a time: requests that find no slot meanwhile wait for it
    /// and use its block, instead of each taking a block of its own.
    taking: tokio::sync::Mutex<()>,
}

#[derive(Default, Clone, Copy)]
struct CapMinute {
    minute: i64,
    /// Slots this node holds and has not used.
    owned: i64,
    /// The shared count after this node's last take.
    shared: i64,
    /// The cap was reached: refuse without asking until the minute ends.
    full: bool,
}

impl ArticleCap {
    /// Most slots taken at once.
    const MAX_BLOCK: i64 = 256;

    async fn take(&self, pool: &Pool, article_id: i64, per_minute: u32) -> Result<Result<(), u64>, AppError> {
        if let Some(answer) = self.local(article_id)? {
            return Ok(answer);
        }
        let _taking = self.taking.lock().await;
        self.take_locked(pool, article_id, per_minute).await
    }

    /// The answer from slots this node holds, or `None` when it must take more.
    fn local(&self, article_id: i64) -> Result<Option<Result<(), u64>>, AppError> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let (minute, wait) = (now.div_euclid(60), u64::try_from(60 - now.rem_euclid(60)).unwrap_or(60).max(1));
        let mut minutes = self.minutes.lock().map_err(|_| AppError::internal("article cap poisoned"))?;
        let m = minutes.entry(article_id).or_default();
        if m.minute != minute {
            *m = CapMinute { minute, ..CapMinute::default() };
        }
        if m.owned > 0 {
            m.owned -= 1;
            return Ok(Some(Ok(())));
        }
        Ok(m.full.then_some(Err(wait)))
    }

    async fn take_locked(&self, pool: &Pool, article_id: i64, per_minute: u32) -> Result<Result<(), u64>, AppError> {
        // Another request may have taken a block while this one waited.
        if let Some(answer) = self.local(article_id)? {
            return Ok(answer);
        }
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let (minute, wait) = (now.div_euclid(60), u64::try_from(60 - now.rem_euclid(60)).unwrap_or(60).max(1));
        let cap = i64::from(per_minute);
        let block = {
            let mut minutes = self.minutes.lock().map_err(|_| AppError::internal("article cap poisoned"))?;
            let m = minutes.entry(article_id).or_default();
            if m.minute != minute {
                *m = CapMinute { minute, ..CapMinute::default() };
            }
            if m.owned > 0 {
                m.owned -= 1;
                return Ok(Ok(()));
            }
            if m.full {
                return Ok(Err(wait));
            }
            ((cap - m.shared) / 16).clamp(1, Self::MAX_BLOCK)
        };
        let mut c = pool.get().await?;
        let shared = super::limits::add_to_minute(&mut c, article_id, minute, block).await?;
        let granted = block.min(cap - (shared - block)).max(0);
        let mut minutes = self.minutes.lock().map_err(|_| AppError::internal("article cap poisoned"))?;
        let m = minutes.entry(article_id).or_default();
        if m.minute != minute {
            *m = CapMinute { minute, ..CapMinute::default() };
        }
        m.shared = m.shared.max(shared);
        if granted == 0 {
            m.full = true;
            return Ok(Err(wait));
        }
        m.owned += granted - 1;
        Ok(Ok(()))
    }
}
