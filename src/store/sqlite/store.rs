//! The [`Store`] interface on SQLite: each operation is one read on a reader thread or one job
//! in the writer's next group commit, over the sync SQL functions of the sibling modules.
use std::io::{BufRead, Write};

use async_trait::async_trait;
use time::OffsetDateTime;

use super::Db;
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
use crate::store::{
    Account, Announcement, AuditEntry, BodyUpdate, ContextQuery, Decided, Decider, DecisionContext, DecisionRequest,
    DumpCounts, DumpError, Filed, ForgetError, Forgotten, Freshness, Inserted, Legacy, LegacyError, LegacyStored,
    LiveEvent, ModerationContext, Outline, QueueCounts, QueueFilter, QueueItem, Reaction, ReactionRequest, RuleStats,
    SessionRow, Sort, Standing, Store, Undone,
};
use crate::webhooks::{Attempt, Delivery, NewEvent, Outbox};

impl Freshness for Db {
    fn generation(&self) -> u64 {
        Db::generation(self)
    }
    fn hide_generation(&self) -> u64 {
        Db::hide_generation(self)
    }
    fn version(&self) -> Option<i64> {
        Db::version(self)
    }
    fn own_version(&self) -> Option<i64> {
        Db::own_version(self)
    }
    fn writer_committing(&self) -> bool {
        Db::writer_committing(self)
    }
}

/// The author's history from SQL on `conn`, and others' recent comments near the fingerprint from
/// the writer's in-memory index.
fn context_on(conn: &rusqlite::Connection, db: &Db, q: &ContextQuery) -> Result<ModerationContext, AppError> {
    let mut ctx =
        super::moderation::gather_author_context(conn, q.author_key.as_deref(), q.ip_hash.as_deref(), q.exclude)?;
    ctx.recent.extend(db.recent_by_others(q.author_key.as_deref(), q.exclude, q.since, Some(q.fingerprint)));
    Ok(ctx)
}

impl Db {
    /// After a commit that may have written outbox rows: the worker looks now.
    fn wake_webhooks(&self) {
        if self.outbox().active() {
            self.outbox().wake();
        }
    }
}

#[async_trait]
impl Store for Db {
    fn backend_name(&self) -> &'static str {
        "sqlite"
    }

    async fn upsert_articles(&self, articles: Vec<NewArticle>) -> Result<Vec<(i64, bool)>, AppError> {
        self.write(move |c| articles.iter().map(|a| super::articles::upsert(c, a)).collect()).await
    }

    async fn article_by_slug(&self, slug: &str) -> Result<Option<Article>, AppError> {
        let slug = slug.to_string();
        self.read(move |c| super::articles::by_slug(c, &slug)).await
    }

    async fn article_by_id(&self, id: i64) -> Result<Option<Article>, AppError> {
        self.read(move |c| super::articles::by_id(c, id)).await
    }

    async fn article_by_url(&self, url: &str) -> Result<Option<Article>, AppError> {
        let url = url.to_string();
        self.read(move |c| super::articles::by_url(c, &url)).await
    }

    async fn embed_article(&self, article: NewEmbedArticle) -> Result<(Article, bool), AppError> {
        self.write(move |c| super::articles::embed(c, &article)).await
    }

    async fn counts_by_url(&self, urls: Vec<String>) -> Result<Vec<(String, i64)>, AppError> {
        self.read(move |c| super::articles::counts_by_url(c, &urls)).await
    }

    async fn articles(&self) -> Result<Vec<(Article, i64)>, AppError> {
        self.read(super::articles::list).await
    }

    async fn set_article_flags(&self, slug: &str, comments_open: bool, premoderation: bool) -> Result<bool, AppError> {
        let slug = slug.to_string();
        self.write(move |c| super::admin::set_article_flags(c, &slug, comments_open, premoderation)).await
    }

    fn announce(&self) -> Announcement {
        Announcement(Some(Box::new(Db::announce(self))))
    }

    async fn insert_comment(
        &self,
        announced: Announcement,
        query: ContextQuery,
        decide: Decider,
    ) -> Result<Inserted, AppError> {
        let db = self.clone();
        let inserted = self
            .write_releasing(announced, move |conn| {
                let ctx = context_on(conn, &db, &query)?;
                let new = decide(&ctx);
                let (status, reason_codes): (_, Vec<String>) =
                    (new.status, new.reasons.iter().map(|r| r.code.clone()).collect());
                let id = super::comments::insert(conn, &new, OffsetDateTime::now_utc())?;
                let outbox = db.outbox();
                if outbox.active() {
                    let events: Vec<NewEvent> = NewEvent::new_comment(id, status, &reason_codes).into_iter().collect();
                    super::webhooks::enqueue(conn, outbox, &events)?;
                }
                Ok(Inserted { id, status, reason_codes })
            })
            .await?;
        self.wake_webhooks();
        Ok(inserted)
    }

    async fn moderation_context(&self, query: ContextQuery) -> Result<ModerationContext, AppError> {
        let db = self.clone();
        self.read(move |c| context_on(c, &db, &query)).await
    }

    async fn comment_by_id(&self, id: i64) -> Result<Option<Comment>, AppError> {
        self.read(move |c| super::comments::by_id(c, id)).await
    }

    async fn update_comment_body(&self, u: BodyUpdate) -> Result<(), AppError> {
        let outbox = self.outbox().clone();
        self.write(move |conn| {
            super::comments::update_body(
                conn,
                u.id,
                &u.body_md,
                &u.body_html,
                u.status,
                u.score,
                u.fingerprint,
                u.now,
            )?;
            if !u.reasons.is_empty() {
                super::comments::replace_reasons(conn, u.id, &u.reasons)?;
            }
            super::webhooks::enqueue(conn, &outbox, &[NewEvent::edited(u.id, u.status)])
        })
        .await?;
        self.wake_webhooks();
        Ok(())
    }

    async fn set_comment_status(&self, id: i64, status: CommentStatus) -> Result<(), AppError> {
        let outbox = self.outbox().clone();
        self.write(move |c| {
            super::comments::set_status(c, id, status)?;
            let events: Vec<NewEvent> = NewEvent::status_set(id, status).into_iter().collect();
            super::webhooks::enqueue(c, &outbox, &events)
        })
        .await?;
        self.wake_webhooks();
        Ok(())
    }

    async fn published_count(&self, article_id: i64) -> Result<i64, AppError> {
        self.read(move |c| super::comments::published_count(c, article_id)).await
    }

    async fn published_page(
        &self,
        article_id: i64,
        sort: Sort,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError> {
        self.read(move |c| super::comments::published_page(c, article_id, sort, after, limit)).await
    }

    async fn page_prefix(
        &self,
        article_id: i64,
        newest: bool,
        roots: usize,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError> {
        self.read(move |c| super::comments::page_prefix(c, article_id, newest, roots, limit)).await
    }

    async fn page_outline(
        &self,
        article_id: i64,
        viewer_key: Option<&str>,
        outline: Outline,
    ) -> Result<Vec<Comment>, AppError> {
        let viewer = viewer_key.map(str::to_string);
        self.read(move |c| match outline {
            Outline::All => super::comments::for_page_outline(c, article_id, viewer.as_deref()),
            Outline::Threads { newest, roots } => {
                super::comments::for_page_threads_outline(c, article_id, viewer.as_deref(), newest, roots)
            }
        })
        .await
    }

    async fn fill_bodies(&self, mut comments: Vec<Comment>, shown: Vec<usize>) -> Result<Vec<Comment>, AppError> {
        self.read(move |c| {
            super::comments::fill_bodies(c, &mut comments, &shown)?;
            Ok(comments)
        })
        .await
    }

    async fn react(&self, request: ReactionRequest) -> Result<Reaction, AppError> {
        self.write(move |c| super::reactions::react(c, &request)).await
    }

    async fn reacted_by(&self, article_id: i64, reader_key: &str) -> Result<Vec<i64>, AppError> {
        let key = reader_key.to_string();
        self.read(move |c| super::reactions::reacted_by(c, article_id, &key)).await
    }

    async fn standings(&self, article_id: i64, as_of_ms: i64) -> Result<Vec<Standing>, AppError> {
        self.read(move |c| super::reactions::standings(c, article_id, as_of_ms)).await
    }

    async fn set_featured(&self, id: i64, featured: bool, moderator: &str, now: i64) -> Result<bool, AppError> {
        let moderator = moderator.to_string();
        self.write(move |c| super::reactions::set_featured(c, id, featured, &moderator, now)).await
    }

    async fn featured(&self, article_id: i64) -> Result<Vec<Comment>, AppError> {
        self.read(move |c| super::reactions::featured(c, article_id)).await
    }

    async fn file_report(
        &self,
        comment_id: i64,
        reporter_keys: Vec<String>,
        report: NewReport,
        threshold: u32,
        now: OffsetDateTime,
    ) -> Result<Filed, AppError> {
        let outbox = self.outbox().clone();
        let filed = self
            .write(move |c| {
                let filed = super::reports::file(c, comment_id, &reporter_keys, &report, threshold, now)?;
                let event = NewEvent::reported(comment_id, report.reason.as_str(), filed.hidden);
                super::webhooks::enqueue(c, &outbox, &[event])?;
                Ok(filed)
            })
            .await?;
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
        let (name, hash) = (name.clone(), password_hash.to_string());
        self.write(move |c| super::moderators::create(c, &name, role, &hash, now)).await
    }

    async fn moderators(&self) -> Result<Vec<Account>, AppError> {
        self.read(super::moderators::list).await
    }

    async fn remove_moderator(&self, name: &ModeratorName) -> Result<bool, AppError> {
        let name = name.clone();
        self.write(move |c| super::moderators::remove(c, &name)).await
    }

    async fn set_moderator_password(&self, name: &ModeratorName, password_hash: &str) -> Result<bool, AppError> {
        let (name, hash) = (name.clone(), password_hash.to_string());
        self.write(move |c| super::moderators::set_password(c, &name, &hash)).await
    }

    async fn moderator_for_login(&self, name: &str) -> Result<Option<(Moderator, String)>, AppError> {
        let name = name.to_string();
        self.read(move |c| super::moderators::for_login(c, &name)).await
    }

    async fn moderator_by_name(&self, name: &ModeratorName) -> Result<Option<Moderator>, AppError> {
        let name = name.clone();
        self.read(move |c| super::moderators::by_name(c, &name)).await
    }

    async fn notify_prefs(&self, moderator_id: i64) -> Result<NotifyPrefs, AppError> {
        self.read(move |c| super::moderators::notify_prefs(c, moderator_id)).await
    }

    async fn set_notify_prefs(&self, moderator_id: i64, prefs: NotifyPrefs) -> Result<(), AppError> {
        self.write(move |c| super::moderators::set_notify_prefs(c, moderator_id, &prefs)).await
    }

    async fn threat_recipients(&self) -> Result<Vec<(String, String)>, AppError> {
        self.read(super::moderators::threat_recipients).await
    }

    async fn claim_digests(&self, now: i64) -> Result<Vec<(String, String)>, AppError> {
        self.write(move |c| super::moderators::claim_digests(c, now)).await
    }

    async fn add_reply_subscription(&self, comment_id: i64, email: String, now: i64) -> Result<i64, AppError> {
        self.write(move |c| super::replies::add(c, comment_id, &email, now)).await
    }

    async fn confirm_reply_subscription(&self, id: i64, now: i64) -> Result<bool, AppError> {
        self.write(move |c| super::replies::confirm(c, id, now)).await
    }

    async fn remove_reply_subscription(&self, id: i64) -> Result<bool, AppError> {
        self.write(move |c| super::replies::remove(c, id)).await
    }

    async fn reply_subscription(&self, parent_id: i64) -> Result<Option<(i64, String)>, AppError> {
        self.read(move |c| super::replies::confirmed_for(c, parent_id)).await
    }

    async fn add_api_token(&self, moderator_id: i64, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
        let hash = token_hash.to_string();
        self.write(move |c| super::moderators::add_token(c, moderator_id, &hash, now)).await
    }

    async fn moderator_by_token(&self, token_hash: &str) -> Result<Option<Moderator>, AppError> {
        let hash = token_hash.to_string();
        self.read(move |c| super::moderators::by_token(c, &hash)).await
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
        let (id, name) = (moderator.id, moderator.name.clone());
        self.write(move |c| {
            if let Some(p) = previous {
                super::sessions::delete(c, &p)?;
            }
            super::sessions::purge_expired(c, now, idle_secs, max_secs)?;
            super::sessions::create(c, &token_hash, id, now)?;
            let entry = super::audit::NewEntry {
                at: now.unix_timestamp(),
                moderator: &name,
                action: "login",
                ..Default::default()
            };
            super::audit::append(c, &entry).map(drop)
        })
        .await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, AppError> {
        let hash = token_hash.to_string();
        self.read(move |c| super::sessions::lookup(c, &hash)).await
    }

    async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
        let hash = token_hash.to_string();
        self.write(move |c| super::sessions::touch(c, &hash, now)).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), AppError> {
        let hash = token_hash.to_string();
        self.write(move |c| super::sessions::delete(c, &hash)).await
    }

    async fn end_session(&self, token_hash: &str, moderator: &str, now: i64) -> Result<(), AppError> {
        let (hash, name) = (token_hash.to_string(), moderator.to_string());
        self.write(move |c| {
            super::sessions::delete(c, &hash)?;
            let entry = super::audit::NewEntry { at: now, moderator: &name, action: "logout", ..Default::default() };
            super::audit::append(c, &entry).map(drop)
        })
        .await
    }

    async fn purge_sessions(&self, now: OffsetDateTime, idle_secs: u64, max_secs: u64) -> Result<usize, AppError> {
        self.write(move |c| super::sessions::purge_expired(c, now, idle_secs, max_secs)).await
    }

    async fn queue_counts(&self) -> Result<QueueCounts, AppError> {
        self.read(super::queue::counts).await
    }

    async fn queue(&self, filter: QueueFilter) -> Result<Vec<QueueItem>, AppError> {
        self.read(move |c| super::queue::list(c, &filter)).await
    }

    async fn queue_item(&self, id: i64) -> Result<Option<QueueItem>, AppError> {
        self.read(move |c| super::queue::item(c, id)).await
    }

    async fn decide(
        &self,
        requests: Vec<DecisionRequest>,
        ctx: DecisionContext,
    ) -> Result<Vec<Result<(Decided, Action), AppError>>, AppError> {
        let outbox = self.outbox().clone();
        let out = self
            .write(move |conn| {
                let mut out = Vec::with_capacity(requests.len());
                for r in requests {
                    let d = super::queue::Decision {
                        id: r.id,
                        action: r.action,
                        expected: r.expected,
                        moderator: &ctx.moderator,
                        reason: &ctx.reason,
                        batch: &ctx.batch,
                        now: ctx.now,
                    };
                    match super::queue::decide(conn, &d) {
                        Ok(done) => {
                            let events = NewEvent::for_decision(&done, r.action.as_str(), &ctx.moderator, &ctx.reason);
                            super::webhooks::enqueue(conn, &outbox, &events)?;
                            out.push(Ok((done, r.action)));
                        }
                        Err(e @ (AppError::Conflict(_) | AppError::NotFound(_))) => out.push(Err(e)),
                        Err(e) => return Err(e),
                    }
                }
                Ok(out)
            })
            .await?;
        self.wake_webhooks();
        Ok(out)
    }

    async fn undo_last(&self, moderator: &str, batch: &str, now: i64) -> Result<Undone, AppError> {
        let (name, batch) = (moderator.to_string(), batch.to_string());
        let outbox = self.outbox().clone();
        let undone = self
            .write(move |c| {
                let undone = super::queue::undo_last(c, &name, &batch, now)?;
                let events: Vec<NewEvent> =
                    undone.restored.iter().map(|(id, status)| NewEvent::undone(*id, *status, &name)).collect();
                super::webhooks::enqueue(c, &outbox, &events)?;
                Ok(undone)
            })
            .await?;
        self.wake_webhooks();
        Ok(undone)
    }

    async fn decisions(&self) -> Result<Vec<(String, CommentStatus)>, AppError> {
        self.read(super::queue::decisions).await
    }

    async fn audit(&self, at: i64, moderator: &str, action: &'static str, reason: &str) -> Result<(), AppError> {
        let (who, reason) = (moderator.to_string(), reason.to_string());
        self.write(move |c| {
            let entry = super::audit::NewEntry { at, moderator: &who, action, reason: &reason, ..Default::default() };
            super::audit::append(c, &entry).map(drop)
        })
        .await
    }

    async fn audit_page(&self, before: Option<i64>, limit: usize) -> Result<Vec<AuditEntry>, AppError> {
        self.read(move |c| super::audit::list(c, before, limit, None)).await
    }

    async fn audit_all(&self) -> Result<Vec<AuditEntry>, AppError> {
        self.read(super::audit::all).await
    }

    async fn pending_count(&self) -> Result<i64, AppError> {
        self.read(|c| Ok(super::privacy::pending_count(c)?)).await
    }

    async fn words(&self) -> Result<Vec<(String, WordKind)>, AppError> {
        self.read(super::moderation::list_words).await
    }

    async fn add_word(&self, word: &str, kind: WordKind, now: OffsetDateTime) -> Result<(), AppError> {
        let word = word.to_string();
        self.write(move |c| super::moderation::add_word(c, &word, kind, now)).await
    }

    async fn remove_word(&self, word: &str, kind: WordKind) -> Result<bool, AppError> {
        let word = word.to_string();
        self.write(move |c| super::moderation::remove_word(c, &word, kind)).await
    }

    async fn trusted_domains(&self) -> Result<Vec<DomainName>, AppError> {
        self.read(super::moderation::trusted_domains).await
    }

    async fn add_trusted_domain(&self, domain: &DomainName, now: OffsetDateTime) -> Result<(), AppError> {
        let domain = domain.clone();
        self.write(move |c| super::moderation::add_trusted_domain(c, &domain, now)).await
    }

    async fn remove_trusted_domain(&self, domain: &DomainName) -> Result<bool, AppError> {
        let domain = domain.clone();
        self.write(move |c| super::moderation::remove_trusted_domain(c, &domain)).await
    }

    async fn rule_stats(&self, now: i64, threshold: f64) -> Result<RuleStats, AppError> {
        self.read(move |c| super::rules::stats(c, now, threshold)).await
    }

    async fn thresholds(&self) -> Result<Vec<(String, f64)>, AppError> {
        self.read(super::admin::thresholds).await
    }

    async fn set_thresholds(
        &self,
        values: Vec<(String, f64)>,
        now: OffsetDateTime,
    ) -> Result<Vec<(String, f64)>, AppError> {
        self.write(move |c| {
            for (k, v) in &values {
                super::admin::set_threshold(c, k, *v, now)?;
            }
            super::admin::thresholds(c)
        })
        .await
    }

    async fn load_classifier(&self) -> Result<Classifier, AppError> {
        self.read(super::moderation::load_classifier).await
    }

    async fn save_classifier(&self, classifier: Classifier) -> Result<(), AppError> {
        self.write(move |c| super::moderation::save_classifier(c, &classifier)).await
    }

    async fn save_classifier_delta(&self, delta: ClassifierDelta) -> Result<(), AppError> {
        self.write(move |c| super::moderation::save_classifier_delta(c, &delta)).await
    }

    async fn secret(&self, make: Box<dyn FnOnce() -> String + Send>) -> Result<String, AppError> {
        self.write(move |c| Ok(super::meta::get_or_insert(c, "secret", make)?)).await
    }

    fn live_wakeups(&self) -> tokio::sync::watch::Receiver<u64> {
        Db::live_wakeups(self)
    }

    async fn live_events(&self, article_id: i64, after: i64, limit: usize) -> Result<Vec<LiveEvent>, AppError> {
        self.read(move |c| super::live::events_after(c, article_id, after, limit)).await
    }

    async fn live_seq(&self, article_id: i64) -> Result<i64, AppError> {
        self.read(move |c| super::live::last_seq(c, article_id)).await
    }

    async fn prune_live_events(&self, cutoff: i64) -> Result<usize, AppError> {
        self.write(move |c| super::live::prune(c, cutoff)).await
    }

    async fn purge_ip_hashes(&self, cutoff: i64) -> Result<usize, AppError> {
        self.write(move |c| Ok(super::privacy::purge_ip_hashes(c, cutoff)?)).await
    }

    async fn forget_author(&self, comment_id: i64, remove: bool) -> Result<Forgotten, ForgetError> {
        self.own_connection(move |c| {
            let tx = c.unchecked_transaction()?;
            let out = super::privacy::forget_author(&tx, comment_id, remove)?;
            tx.commit()?;
            Ok(out)
        })
        .await
        .map_err(|e| ForgetError::Store(e.to_string()))?
    }

    async fn export(&self, mut out: Box<dyn Write + Send>, exported_at: String) -> Result<DumpCounts, DumpError> {
        // Its own connection and read transaction: one consistent snapshot while the server writes.
        self.own_connection(move |c| super::dump::export(c, &mut out, &exported_at))
            .await
            .map_err(|e| DumpError::Store(e.to_string()))?
    }

    async fn import(&self, mut input: Box<dyn BufRead + Send>) -> Result<DumpCounts, DumpError> {
        // Its own connection: the import turns foreign keys off for its one transaction.
        self.own_connection(move |c| super::dump::import_checked(c, &mut input))
            .await
            .map_err(|e| DumpError::Store(e.to_string()))?
    }

    async fn import_legacy(&self, data: Legacy, keys: Keys, ip_cutoff: i64) -> Result<LegacyStored, LegacyError> {
        self.own_connection(move |c| {
            let tx = c.unchecked_transaction()?;
            let stored = super::legacy::store(&tx, &data, &keys, ip_cutoff)?;
            tx.commit()?;
            Ok(stored)
        })
        .await
        .map_err(|e| LegacyError::Store(e.to_string()))?
    }

    fn backup_suffix(&self) -> &'static str {
        ".db"
    }

    async fn backup_into(&self, partial: std::path::PathBuf) -> Result<(), AppError> {
        self.own_connection(move |c| super::backup::vacuum_into(c, &partial)).await?
    }

    fn outbox(&self) -> &Outbox {
        Db::outbox(self)
    }

    async fn webhook_next_due(&self) -> Result<Option<i64>, AppError> {
        self.read(super::webhooks::next_due).await
    }

    async fn claim_webhooks(&self, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, AppError> {
        self.write(move |c| super::webhooks::claim(c, now, lease_until, limit)).await
    }

    async fn record_webhook(&self, attempt: Attempt) -> Result<(), AppError> {
        self.write(move |c| super::webhooks::record(c, &attempt)).await
    }

    async fn webhook_deliveries(&self, limit: usize) -> Result<Vec<Delivery>, AppError> {
        self.read(move |c| super::webhooks::list(c, limit)).await
    }

    async fn retry_webhook(&self, id: i64, now: i64, expires_at: i64) -> Result<bool, AppError> {
        let found = self.write(move |c| super::webhooks::retry(c, id, now, expires_at)).await?;
        self.wake_webhooks();
        Ok(found)
    }

    async fn prune_webhooks(&self, before: i64) -> Result<usize, AppError> {
        self.write(move |c| super::webhooks::prune(c, before)).await
    }

    async fn health(&self) -> bool {
        Db::health(self).await
    }

    async fn close(&self) {
        let db = self.clone();
        let _ = tokio::task::spawn_blocking(move || db.close()).await;
    }
}
