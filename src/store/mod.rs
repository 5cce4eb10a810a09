//! Storage: one interface, two backends. Everything above this module (routes, intake, the
//! console, operations) talks to a [`Store`] and never learns which backend runs:
//! - `sqlite/`: the embedded default, one writer thread that commits concurrent writes in groups;
//! - `postgres/`: an async client and pool, for several nodes on one database.
//!
//! The backend is chosen once at start from `[database] url` (see [`open`]).
pub mod postgres;
pub mod sqlite;

pub use postgres::notify::Change;

use std::io::{BufRead, Write};
use std::sync::Arc;

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::config::{Backend, DatabaseSettings};
use crate::domain::article::{Article, NewArticle};
use crate::domain::comment::{Comment, CommentStatus, NewComment, Reason};
use crate::domain::domain_name::DomainName;
use crate::domain::email::NotifyPrefs;
use crate::domain::embed::NewEmbedArticle;
use crate::domain::moderator::{Action, Moderator, ModeratorName, Role};
use crate::domain::report::NewReport;
use crate::error::AppError;
use crate::http::keys::Keys;
use crate::markdown::SanitizedHtml;
use crate::moderation::classifier::ClassifierDelta;
use crate::moderation::{Classifier, WordKind};
use crate::webhooks::{Attempt, Delivery, Outbox};

// The types that cross the interface. They are defined beside the SQLite code that came first;
// both backends read and write exactly these.
pub use sqlite::audit::Entry as AuditEntry;
pub use sqlite::comments::Sort;
pub use sqlite::dump::{Counts as DumpCounts, DumpError};
pub use sqlite::legacy::{Legacy, LegacyError, Stored as LegacyStored};
pub use sqlite::live::{LiveEvent, LiveKind};
pub use sqlite::moderation::ModerationContext;
pub use sqlite::moderators::Account;
pub use sqlite::privacy::{ForgetError, Forgotten};
pub use sqlite::queue::{
    AuthorHistory, Counts as QueueCounts, Decided, Filter as QueueFilter, Queue, QueueItem, ReportCount, Undone,
};
pub use sqlite::reports::Filed;
pub use sqlite::sessions::SessionRow;

/// Comments a rule held (or refused as spam), by when they were written: in the 7, 30 or 90
/// days before now (see [`rule_windows`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleCount {
    pub code: String,
    pub days: u32,
    pub held: u64,
    /// Published by a moderator afterwards: held by mistake.
    pub approved: u64,
    /// Rejected or marked spam by a moderator.
    pub rejected: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleOutcome {
    Approved,
    Rejected,
}

/// A recent comment a rule held and a moderator decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleExample {
    pub code: String,
    pub outcome: RuleOutcome,
    pub comment_id: i64,
    pub created_at: i64,
    /// The start of the comment's text.
    pub excerpt: String,
}

/// The learned score against what became of the comments it scored (see `moderation::rules`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreCount {
    pub days: u32,
    pub true_holds: u64,
    pub false_holds: u64,
    pub missed: u64,
    pub fine_published: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleStats {
    pub counts: Vec<RuleCount>,
    pub examples: Vec<RuleExample>,
    pub score: Vec<ScoreCount>,
}

/// Both backends count by age bucket (written 0–7, 8–30 or 31–90 days ago), which one pass over
/// the rows can do; the page shows windows that include the shorter ones, summed here.
pub fn rule_windows(buckets: Vec<RuleCount>, examples: Vec<RuleExample>, score: Vec<ScoreCount>) -> RuleStats {
    let mut counts: Vec<RuleCount> = Vec::new();
    for b in &buckets {
        for days in [7, 30, 90].into_iter().filter(|d| *d >= b.days) {
            match counts.iter_mut().find(|c| c.code == b.code && c.days == days) {
                Some(c) => {
                    c.held += b.held;
                    c.approved += b.approved;
                    c.rejected += b.rejected;
                }
                None => counts.push(RuleCount { days, ..b.clone() }),
            }
        }
    }
    let mut windows: Vec<ScoreCount> = Vec::new();
    for b in &score {
        for days in [7, 30, 90].into_iter().filter(|d| *d >= b.days) {
            match windows.iter_mut().find(|c| c.days == days) {
                Some(c) => {
                    c.true_holds += b.true_holds;
                    c.false_holds += b.false_holds;
                    c.missed += b.missed;
                    c.fine_published += b.fine_published;
                }
                None => windows.push(ScoreCount { days, ..*b }),
            }
        }
    }
    RuleStats { counts, examples, score: windows }
}

/// What the checks need to look up about a new or edited comment's author.
#[derive(Debug, Clone, Default)]
pub struct ContextQuery {
    pub author_key: Option<String>,
    pub ip_hash: Option<String>,
    /// The comment being edited, left out of its own history.
    pub exclude: Option<i64>,
    /// Others' comments since this Unix second count as repeats.
    pub since: i64,
    /// The new text's near-duplicate fingerprint.
    pub fingerprint: u64,
}

/// Turns what the database knows about the author into the comment to store. It runs inside the
/// transaction that inserts the comment, so the history it sees is never one commit behind.
pub type Decider = Box<dyn FnOnce(&ModerationContext) -> NewComment + Send>;

/// What was stored for a new comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inserted {
    pub id: i64,
    pub status: CommentStatus,
    pub reason_codes: Vec<String>,
}

/// A new text for an existing comment.
#[derive(Debug, Clone)]
pub struct BodyUpdate {
    pub id: i64,
    pub body_md: String,
    pub body_html: SanitizedHtml,
    pub status: CommentStatus,
    pub score: Option<f64>,
    pub fingerprint: Option<i64>,
    pub reasons: Vec<Reason>,
    pub now: OffsetDateTime,
}

/// One moderator decision as a request asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionRequest {
    pub id: i64,
    pub action: Action,
    /// The status the moderator saw; `None` from API calls that name none.
    pub expected: Option<CommentStatus>,
}

/// Who decides, why, and the batch the audit entries share.
#[derive(Debug, Clone)]
pub struct DecisionContext {
    pub moderator: String,
    pub reason: String,
    pub batch: String,
    pub now: i64,
}

/// How a page of an article's comments is read (see `routes::articles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outline {
    /// Every comment the viewer may see, without texts.
    All,
    /// The first `roots` threads, without texts.
    Threads { newest: bool, roots: usize },
}

/// A reader's reaction to a comment, or its undoing (see `routes::reactions`).
#[derive(Debug, Clone)]
pub struct ReactionRequest {
    pub comment_id: i64,
    /// The keyed hash of the reader's author cookie: the reaction is stored under it.
    pub reader_key: String,
    /// The keyed hash of the reader's address.
    pub reader_ip: Option<String>,
    /// The request came without an author cookie: the address stands for the reader (a reaction
    /// from it is theirs, and so is a comment posted from it), so a client that drops cookies
    /// does not get a new reader with every request.
    pub by_address: bool,
    /// Add (`true`) or undo (`false`).
    pub on: bool,
    /// Unix milliseconds.
    pub now_ms: i64,
}

impl ReactionRequest {
    /// Whether the comment with this author key is the reader's own. By the cookie alone: an
    /// address is shared by every reader behind it (an office, a mobile carrier), and a reader
    /// there must not be refused a reaction because a colleague wrote the comment.
    pub fn is_own(&self, author_key: Option<&str>) -> bool {
        author_key == Some(self.reader_key.as_str())
    }

    pub fn own_message(&self) -> String {
        "This is your own comment: reactions are for other readers' comments.".to_string()
    }
}

/// A comment's standing count after a reaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Reaction {
    pub comment_id: i64,
    pub count: i64,
    /// Whether the reader's reaction stands now.
    pub reacted: bool,
}

/// A published comment with the reactions it had at a moment (the "best" order's input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// Unix seconds.
    pub created_at: i64,
    pub reactions: i64,
}

/// A marker that a write is on its way (see [`Store::announce`]); dropping it ends the notice.
pub struct Announcement(#[allow(dead_code)] Option<Box<dyn Send>>);

impl Announcement {
    pub fn none() -> Announcement {
        Announcement(None)
    }
}

/// What caches check their entries against (see `crate::cache::Stamp`).
pub trait Freshness {
    /// Moves after every commit that changed comments or articles, on this node or another.
    fn generation(&self) -> u64;
    /// Moves only for changes that can hide or alter what was shown (not new comments).
    fn hide_generation(&self) -> u64;
    /// Changes whenever anyone else committed; `None` when it cannot be told (treat as changed).
    fn version(&self) -> Option<i64>;
    /// `version` right after this node's own last commit.
    fn own_version(&self) -> Option<i64>;
    /// Between this node's commit and its recording of `own_version`.
    fn writer_committing(&self) -> bool;
}

/// Every operation the program needs from storage, with domain types in and out.
#[async_trait]
pub trait Store: Freshness + Send + Sync {
    /// `sqlite` or `postgres`, for logs and metrics.
    fn backend_name(&self) -> &'static str;
    /// Other nodes' changes to what this node keeps in memory (word lists, thresholds, the
    /// classifier); `None` where no other node can change them.
    fn changes(&self) -> Option<tokio::sync::broadcast::Receiver<Change>> {
        None
    }

    // --- articles
    /// Inserts or updates by slug, all in one transaction; `(id, inserted)` per article.
    async fn upsert_articles(&self, articles: Vec<NewArticle>) -> Result<Vec<(i64, bool)>, AppError>;
    async fn article_by_slug(&self, slug: &str) -> Result<Option<Article>, AppError>;
    async fn article_by_id(&self, id: i64) -> Result<Option<Article>, AppError>;
    /// The article of this canonical URL (a thread the embed created).
    async fn article_by_url(&self, url: &str) -> Result<Option<Article>, AppError>;
    /// The embed's thread for a page, created (without a body) at its first view;
    /// `(article, created)` (see `store::sqlite::articles::embed`).
    async fn embed_article(&self, article: NewEmbedArticle) -> Result<(Article, bool), AppError>;
    /// Published comment counts of the threads of these canonical URLs; URLs without a thread
    /// are left out.
    async fn counts_by_url(&self, urls: Vec<String>) -> Result<Vec<(String, i64)>, AppError>;
    /// Every article with its published comment count.
    async fn articles(&self) -> Result<Vec<(Article, i64)>, AppError>;
    /// Takes one of the article's comments for this minute from the cap that holds for all nodes
    /// together: `Ok(Err(seconds to wait))` when it is reached. A single node's own limiter is
    /// already exact, so a store that serves one node alone (SQLite) takes nothing here.
    async fn article_slot(&self, _article_id: i64, _per_minute: u32) -> Result<Result<(), u64>, AppError> {
        Ok(Ok(()))
    }
    /// `false` when there is no such article.
    async fn set_article_flags(&self, slug: &str, comments_open: bool, premoderation: bool) -> Result<bool, AppError>;

    // --- comments
    /// Tells the store a write is coming (the request is still being checked): SQLite's writer
    /// waits a moment for it rather than commit without it.
    fn announce(&self) -> Announcement {
        Announcement::none()
    }
    /// Reads the author's context, lets `decide` make the comment, inserts it with its reasons,
    /// and returns once the transaction has committed durably.
    async fn insert_comment(
        &self,
        announced: Announcement,
        query: ContextQuery,
        decide: Decider,
    ) -> Result<Inserted, AppError>;
    /// The context the checks need (for edits, which are decided before they are written).
    async fn moderation_context(&self, query: ContextQuery) -> Result<ModerationContext, AppError>;
    async fn comment_by_id(&self, id: i64) -> Result<Option<Comment>, AppError>;
    /// A new text (and its reasons, when there are any) in one transaction.
    async fn update_comment_body(&self, update: BodyUpdate) -> Result<(), AppError>;
    async fn set_comment_status(&self, id: i64, status: CommentStatus) -> Result<(), AppError>;
    async fn published_count(&self, article_id: i64) -> Result<i64, AppError>;
    /// Published comments in `sort` order after the cursor `after`.
    async fn published_page(
        &self,
        article_id: i64,
        sort: Sort,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError>;
    /// The anonymous page's comments in page order, texts included: the first `roots` threads,
    /// at most `limit` comments.
    async fn page_prefix(
        &self,
        article_id: i64,
        newest: bool,
        roots: usize,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError>;
    /// The comments a viewer may see (theirs included), without texts.
    async fn page_outline(
        &self,
        article_id: i64,
        viewer_key: Option<&str>,
        outline: Outline,
    ) -> Result<Vec<Comment>, AppError>;
    /// Fills the texts of `comments[i]` for each `i` in `shown`.
    async fn fill_bodies(&self, comments: Vec<Comment>, shown: Vec<usize>) -> Result<Vec<Comment>, AppError>;

    // --- reactions and editors' picks
    /// Adds or undoes a reader's reaction (idempotent); the comment's standing count after it.
    async fn react(&self, request: ReactionRequest) -> Result<Reaction, AppError>;
    /// The article's comments on which the reader's reaction stands.
    async fn reacted_by(&self, article_id: i64, reader_key: &str) -> Result<Vec<i64>, AppError>;
    /// The article's published comments with their reactions as they stood at `as_of_ms`, in id
    /// order (see `crate::ranking`).
    async fn standings(&self, article_id: i64, as_of_ms: i64) -> Result<Vec<Standing>, AppError>;
    /// Features (or unfeatures) a comment, with its audit entry, in one transaction; `false`
    /// when it already was so.
    async fn set_featured(&self, id: i64, featured: bool, moderator: &str, now: i64) -> Result<bool, AppError>;
    /// The article's published editors' picks, in the order they were picked.
    async fn featured(&self, article_id: i64) -> Result<Vec<Comment>, AppError>;

    // --- reports
    async fn file_report(
        &self,
        comment_id: i64,
        reporter_keys: Vec<String>,
        report: NewReport,
        threshold: u32,
        now: OffsetDateTime,
    ) -> Result<Filed, AppError>;

    // --- moderators, sessions, tokens
    async fn create_moderator(
        &self,
        name: &ModeratorName,
        role: Role,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<i64, AppError>;
    async fn moderators(&self) -> Result<Vec<Account>, AppError>;
    async fn remove_moderator(&self, name: &ModeratorName) -> Result<bool, AppError>;
    async fn set_moderator_password(&self, name: &ModeratorName, password_hash: &str) -> Result<bool, AppError>;
    /// The account and its password hash, for signing in.
    async fn moderator_for_login(&self, name: &str) -> Result<Option<(Moderator, String)>, AppError>;
    async fn moderator_by_name(&self, name: &ModeratorName) -> Result<Option<Moderator>, AppError>;
    /// A moderator's mail choice (`[email]`).
    async fn notify_prefs(&self, moderator_id: i64) -> Result<NotifyPrefs, AppError>;
    async fn set_notify_prefs(&self, moderator_id: i64, prefs: NotifyPrefs) -> Result<(), AppError>;
    /// (name, address) of the moderators who want a mail for every held threat.
    async fn threat_recipients(&self) -> Result<Vec<(String, String)>, AppError>;
    /// (name, address) of the moderators whose digest is due at `now`, marked sent; of several
    /// nodes asking at once, one gets each.
    async fn claim_digests(&self, now: i64) -> Result<Vec<(String, String)>, AppError>;

    // --- reply notifications (see `mail::replies`)
    /// Subscribes `email` to replies to comment `comment_id` (unconfirmed); the subscription's id.
    async fn add_reply_subscription(&self, comment_id: i64, email: String, now: i64) -> Result<i64, AppError>;
    /// False when the subscription no longer exists.
    async fn confirm_reply_subscription(&self, id: i64, now: i64) -> Result<bool, AppError>;
    async fn remove_reply_subscription(&self, id: i64) -> Result<bool, AppError>;
    /// The confirmed subscription to replies to `parent_id`: (id, address).
    async fn reply_subscription(&self, parent_id: i64) -> Result<Option<(i64, String)>, AppError>;
    async fn add_api_token(&self, moderator_id: i64, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError>;
    async fn moderator_by_token(&self, token_hash: &str) -> Result<Option<Moderator>, AppError>;
    /// Replaces `previous` (if any) with a new session, purges expired ones, and logs the sign-in.
    async fn start_session(
        &self,
        previous: Option<String>,
        token_hash: String,
        moderator: &Moderator,
        now: OffsetDateTime,
        idle_secs: u64,
        max_secs: u64,
    ) -> Result<(), AppError>;
    async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, AppError>;
    async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<(), AppError>;
    async fn delete_session(&self, token_hash: &str) -> Result<(), AppError>;
    /// Ends the session and logs the sign-out.
    async fn end_session(&self, token_hash: &str, moderator: &str, now: i64) -> Result<(), AppError>;
    async fn purge_sessions(&self, now: OffsetDateTime, idle_secs: u64, max_secs: u64) -> Result<usize, AppError>;

    // --- the moderation queue and the audit log
    async fn queue_counts(&self) -> Result<QueueCounts, AppError>;
    async fn queue(&self, filter: QueueFilter) -> Result<Vec<QueueItem>, AppError>;
    async fn queue_item(&self, id: i64) -> Result<Option<QueueItem>, AppError>;
    /// Applies the decisions in one transaction; each applies or is refused on its own
    /// (a conflict or a missing comment, as `Err` in its place).
    async fn decide(
        &self,
        requests: Vec<DecisionRequest>,
        ctx: DecisionContext,
    ) -> Result<Vec<Result<(Decided, Action), AppError>>, AppError>;
    async fn undo_last(&self, moderator: &str, batch: &str, now: i64) -> Result<Undone, AppError>;
    /// Every comment a moderator decided, oldest first: its text and its status now
    /// (published, rejected or spam).
    async fn decisions(&self) -> Result<Vec<(String, CommentStatus)>, AppError>;
    /// Appends a settings change (or another action without a comment) to the audit log.
    async fn audit(&self, at: i64, moderator: &str, action: &'static str, reason: &str) -> Result<(), AppError>;
    /// Newest first, before the id `before`.
    async fn audit_page(&self, before: Option<i64>, limit: usize) -> Result<Vec<AuditEntry>, AppError>;
    async fn audit_all(&self) -> Result<Vec<AuditEntry>, AppError>;
    /// Comments awaiting a decision (the queue depth metric).
    async fn pending_count(&self) -> Result<i64, AppError>;

    // --- automatic moderation's state
    async fn words(&self) -> Result<Vec<(String, WordKind)>, AppError>;
    async fn add_word(&self, word: &str, kind: WordKind, now: OffsetDateTime) -> Result<(), AppError>;
    async fn remove_word(&self, word: &str, kind: WordKind) -> Result<bool, AppError>;
    /// The console's trusted domains (links to them never hold), sorted.
    async fn trusted_domains(&self) -> Result<Vec<DomainName>, AppError>;
    /// Adds a trusted domain; adding it twice is harmless.
    async fn add_trusted_domain(&self, domain: &DomainName, now: OffsetDateTime) -> Result<(), AppError>;
    /// Removes a trusted domain; true when it was listed.
    async fn remove_trusted_domain(&self, domain: &DomainName) -> Result<bool, AppError>;
    /// What each rule held over the last 90 days before `now` and what moderators made of it,
    /// and the learned score's record at `threshold`.
    async fn rule_stats(&self, now: i64, threshold: f64) -> Result<RuleStats, AppError>;
    async fn thresholds(&self) -> Result<Vec<(String, f64)>, AppError>;
    /// Sets the given thresholds and returns them all.
    async fn set_thresholds(
        &self,
        values: Vec<(String, f64)>,
        now: OffsetDateTime,
    ) -> Result<Vec<(String, f64)>, AppError>;
    async fn load_classifier(&self) -> Result<Classifier, AppError>;
    async fn save_classifier(&self, classifier: Classifier) -> Result<(), AppError>;
    async fn save_classifier_delta(&self, delta: ClassifierDelta) -> Result<(), AppError>;

    // --- live pages and console (see `crate::live`)
    /// Moves after every commit that may have made live events or changed the moderation queue,
    /// this node's or (PostgreSQL) another node's: the moment to look for news.
    fn live_wakeups(&self) -> tokio::sync::watch::Receiver<u64>;
    /// The article's live events after number `after`, oldest first, at most `limit`.
    async fn live_events(&self, article_id: i64, after: i64, limit: usize) -> Result<Vec<LiveEvent>, AppError>;
    /// The article's newest live event number (0 before its first).
    async fn live_seq(&self, article_id: i64) -> Result<i64, AppError>;
    /// Forgets live events recorded before `cutoff` (Unix seconds); how many.
    async fn prune_live_events(&self, cutoff: i64) -> Result<usize, AppError>;

    // --- the install, privacy, operations
    /// The install secret, made by `make` the first time.
    async fn secret(&self, make: Box<dyn FnOnce() -> String + Send>) -> Result<String, AppError>;
    /// Erases IP hashes older than `cutoff` (Unix seconds); how many.
    async fn purge_ip_hashes(&self, cutoff: i64) -> Result<usize, AppError>;
    async fn forget_author(&self, comment_id: i64, remove: bool) -> Result<Forgotten, ForgetError>;
    /// JSON Lines of every table, from one consistent snapshot.
    async fn export(&self, out: Box<dyn Write + Send>, exported_at: String) -> Result<DumpCounts, DumpError>;
    /// Restores an export into an empty database, all or nothing.
    async fn import(&self, input: Box<dyn BufRead + Send>) -> Result<DumpCounts, DumpError>;
    /// Stores another system's comments (Isso, WordPress, Disqus), all or nothing.
    async fn import_legacy(&self, data: Legacy, keys: Keys, ip_cutoff: i64) -> Result<LegacyStored, LegacyError>;
    /// The file ending of this backend's backups: `.db` (a SQLite file) or `.jsonl` (an export).
    fn backup_suffix(&self) -> &'static str;
    /// Said after a backup is written (PostgreSQL: which tools make physical backups).
    fn backup_note(&self) -> &'static str {
        ""
    }
    /// Writes a consistent, complete backup into the new file `partial`, checked; the caller
    /// syncs it and renames it into place.
    async fn backup_into(&self, partial: std::path::PathBuf) -> Result<(), AppError>;
    // --- webhooks (see `crate::webhooks`)
    /// Which targets want which events: the write paths above add their outbox rows in their
    /// own transaction.
    fn outbox(&self) -> &Outbox;
    /// When the next pending delivery may be claimed (Unix ms), leases counted.
    async fn webhook_next_due(&self) -> Result<Option<i64>, AppError>;
    /// Leases up to `limit` due deliveries to this node until `lease_until` (Unix ms); on
    /// PostgreSQL rows another node is claiming are skipped.
    async fn claim_webhooks(&self, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, AppError>;
    /// Records an attempt and lets its lease go.
    async fn record_webhook(&self, attempt: Attempt) -> Result<(), AppError>;
    /// The newest deliveries first.
    async fn webhook_deliveries(&self, limit: usize) -> Result<Vec<Delivery>, AppError>;
    /// Sends a delivery again from `now` with a new window until `expires_at`; `false` when
    /// there is no such delivery.
    async fn retry_webhook(&self, id: i64, now: i64, expires_at: i64) -> Result<bool, AppError>;
    /// Forgets delivered and failed deliveries last changed before `before`; how many.
    async fn prune_webhooks(&self, before: i64) -> Result<usize, AppError>;

    /// Whether the database answers.
    async fn health(&self) -> bool;
    /// Finishes queued writes and closes.
    async fn close(&self);
}

/// Why the database could not be opened at start (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Sqlite(#[from] sqlite::OpenError),
    #[error(transparent)]
    Postgres(#[from] postgres::PgOpenError),
}

/// Opens the backend `[database] url` names, migrated and ready.
pub async fn open(
    settings: &DatabaseSettings,
    batch_observer: Option<Arc<dyn Fn(usize, std::time::Duration) + Send + Sync>>,
) -> Result<Arc<dyn Store>, OpenError> {
    match settings.backend()? {
        Backend::Sqlite(path) => {
            let mut s = settings.clone();
            s.path = path;
            let db = tokio::task::spawn_blocking(move || sqlite::Db::open(&s, batch_observer))
                .await
                .map_err(|e| sqlite::OpenError::Schema { path: settings.path.clone(), message: e.to_string() })??;
            Ok(Arc::new(db))
        }
        Backend::Postgres(url) => Ok(Arc::new(postgres::PgStore::open(&url, settings, batch_observer).await?)),
    }
}
