//! SQLite storage. SQL lives in plain sync functions over a `Connection` (the submodules); the
//! async side reaches them only through [`Db::read`] and [`Db::write`], the one place the
//! async/blocking boundary is crossed. All writes go through one writer thread that commits
//! concurrent writes in groups, so durability costs one fsync per batch, not per comment.
pub mod admin;
pub mod articles;
pub mod audit;
pub mod backup;
pub mod comments;
pub mod dump;
pub mod legacy;
pub mod live;
pub mod meta;
pub mod migrations;
pub mod moderation;
pub mod moderators;
pub mod privacy;
pub mod queue;
pub mod reactions;
pub mod recent;
pub mod replies;
pub mod reports;
pub mod rules;
pub mod sessions;
mod store;
pub mod webhooks;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::hooks::Action;
use rusqlite::{Connection, OpenFlags};
use tokio::sync::oneshot;

use crate::config::{DatabaseSettings, Synchronous};
use crate::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open database {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("database {path}: {message}")]
    Schema { path: PathBuf, message: String },
}

/// Opens a connection with the PRAGMAs every connection needs.
pub fn open_connection(path: &Path, sync: Synchronous, read_only: bool) -> rusqlite::Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
    };
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if !read_only {
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    conn.pragma_update(None, "synchronous", sync.as_pragma())?;
    tune(&conn)?;
    Ok(conn)
}

/// What every connection gets, the tests' in-memory ones included.
fn tune(conn: &Connection) -> rusqlite::Result<()> {
    // The query planner's stability guarantee: a plan does not depend on the values bound.
    // Without it SQLite looks at the value bound in `col = ?` under an ORDER BY or GROUP BY, or in
    // a bound LIMIT, and so recompiles the statement every time it is bound again: a third of the
    // writer's time per comment went to that (perf, in `bench/run --only c`).
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

type Reply = Box<dyn FnOnce(Result<(), String>) + Send>;
/// A read: runs with a reader thread's connection, or with the error of opening one.
type ReadJob = Box<dyn FnOnce(Result<&Connection, AppError>) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> (bool, Reply) + Send>;

/// A handle on the database: a small pool of read connections and the single writer.
#[derive(Clone)]
pub struct Db {
    inner: Arc<DbInner>,
}

/// What the writer keeps up to date for the rest of the program after each commit.
struct Shared {
    /// Like `generation`, but bumped only for changes that can hide or alter something already
    /// shown: updates and deletes of comments, any change of articles, other processes' commits.
    /// While it stays the same, only new comments were added.
    hide_generation: AtomicU64,
    /// `Db::version` as the writer read it after its last commit: while the version still reads
    /// the same, nobody else has committed since.
    own_version: AtomicI64,
    /// A read connection used only for `PRAGMA data_version` (see [`Db::version`]).
    watch: Mutex<Option<Connection>>,
    path: PathBuf,
    sync: Synchronous,
    /// Bumped after every commit that changed `comments` or `articles`, before any job of that
    /// commit is answered; and when another process changed the database. Caches of rendered
    /// pages are valid while it stays the same.
    generation: AtomicU64,
    recent: RwLock<recent::RecentIndex>,
    /// Writes announced and not yet queued (see [`Db::announce`]).
    announced: std::sync::atomic::AtomicUsize,
    /// Moves after every commit that changed comments or reports (and when another process
    /// changed the database): the live pages and console look for news then (see `crate::live`).
    live: tokio::sync::watch::Sender<u64>,
    /// Set from just before the writer commits until `own_version` is up to date: meanwhile a
    /// `version` that differs from `own_version` is (most likely) the writer's own commit.
    committing: std::sync::atomic::AtomicBool,
}

impl Shared {
    fn version(&self) -> Option<i64> {
        let mut guard = self.watch.lock().ok()?;
        if guard.is_none() {
            *guard = Some(open_connection(&self.path, self.sync, true).ok()?);
        }
        let conn = guard.as_ref()?;
        // Asked on every anonymous page request: a cached statement, not parsed each time.
        conn.prepare_cached("PRAGMA data_version").and_then(|mut st| st.query_row([], |r| r.get(0))).ok()
    }

    /// After a commit of this writer, before any job of it is answered.
    fn committed(&self, hides: bool) {
        if hides {
            self.hide_generation.fetch_add(1, Ordering::AcqRel);
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.own_version.store(self.version().unwrap_or(i64::MIN), Ordering::Release);
        self.wake_live();
    }

    fn wake_live(&self) {
        self.live.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// The writer connection's page cache, in KiB (SQLite's default is 2,000).
const WRITER_CACHE_KIB: i64 = 8_192;

/// A write on its way to the writer; see [`Db::announce`].
pub struct Announced {
    shared: Arc<Shared>,
}

impl Drop for Announced {
    fn drop(&mut self) {
        self.shared.announced.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The longest a batch waits for announced writes. Each commit costs a WAL sync and rewrites the
/// index pages it touched, so under a flood twenty comments committed together cost little more
/// than one; when nothing is announced, nothing waits.
const LINGER: Duration = Duration::from_millis(1);

/// How often an idle writer looks for changes made by other processes (the CLI, `sqlite3`).
const EXTERNAL_POLL: Duration = Duration::from_millis(250);

struct DbInner {
    path: PathBuf,
    sync: Synchronous,
    /// Jobs for the reader threads (see [`Db::read`]); `None` once closed.
    readers: Mutex<Option<std::sync::mpsc::Sender<ReadJob>>>,
    reader_threads: Mutex<Vec<JoinHandle<()>>>,
    writer: Mutex<Option<std::sync::mpsc::Sender<Job>>>,
    writer_thread: Mutex<Option<JoinHandle<()>>>,
    batch_observer: Option<Arc<dyn Fn(usize, Duration) + Send + Sync>>,
    shared: Arc<Shared>,
    /// Which webhook targets want which events (see `crate::webhooks`).
    outbox: Arc<crate::webhooks::Outbox>,
}

impl Db {
    /// Opens (creating if needed) and migrates the database, then starts the writer.
    pub fn open(
        settings: &DatabaseSettings,
        batch_observer: Option<Arc<dyn Fn(usize, Duration) + Send + Sync>>,
    ) -> Result<Db, OpenError> {
        let path = settings.path.clone();
        let open_err = |source| OpenError::Open { path: path.clone(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(OpenError::Schema {
                path: path.clone(),
                message: format!("cannot be created: the directory {} does not exist", dir.display()),
            });
        }
        if path.is_dir() {
            return Err(OpenError::Schema {
                path: path.clone(),
                message: "is a directory, not a database file".into(),
            });
        }
        let mut conn = open_connection(&path, settings.synchronous, false).map_err(open_err)?;
        // SQLite quietly opens a file it may not write read-only; the server must write.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return Err(OpenError::Schema { path: path.clone(), message: "the file is not writable".into() });
        }
        migrations::migrate(&mut conn).map_err(|e| match e {
            migrations::MigrateError::Sql(source) => OpenError::Open { path: path.clone(), source },
            migrations::MigrateError::TooNew { found, known } => OpenError::Schema {
                path: path.clone(),
                message: format!(
                    "its schema version is {found}, newer than this binary knows ({known}); \
                     run a newer commentdesk or restore a backup"
                ),
            },
        })?;
        // The writer's page cache: new comments land on random pages of the author and address
        // indexes, which SQLite's default 2 MB cache kept reading back from the OS under a flood.
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB).map_err(open_err)?;
        let index = recent::RecentIndex::load(&conn)
            .map_err(|e| OpenError::Schema { path: path.clone(), message: e.to_string() })?;
        let shared = Arc::new(Shared {
            generation: AtomicU64::new(0),
            hide_generation: AtomicU64::new(0),
            own_version: AtomicI64::new(i64::MIN),
            watch: Mutex::new(None),
            path: path.clone(),
            sync: settings.synchronous,
            recent: RwLock::new(index),
            committing: std::sync::atomic::AtomicBool::new(false),
            live: tokio::sync::watch::channel(0).0,
            announced: std::sync::atomic::AtomicUsize::new(0),
        });
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let max_batch = settings.max_batch;
        let observer = batch_observer.clone();
        let writer_shared = shared.clone();
        let checkpointer = Checkpointer::start(&path, settings.synchronous);
        let handle = std::thread::Builder::new()
            .name("db-writer".into())
            .spawn(move || writer_loop(conn, rx, max_batch, observer, writer_shared, checkpointer))
            .map_err(|e| OpenError::Schema { path: path.clone(), message: e.to_string() })?;
        let (read_tx, read_rx) = std::sync::mpsc::channel::<ReadJob>();
        let read_rx = Arc::new(Mutex::new(read_rx));
        let mut reader_threads = Vec::with_capacity(settings.read_connections);
        for i in 0..settings.read_connections.max(1) {
            let rx = read_rx.clone();
            let (p, sync) = (path.clone(), settings.synchronous);
            let handle = std::thread::Builder::new()
                .name(format!("db-reader-{i}"))
                .spawn(move || reader_loop(&rx, &p, sync))
                .map_err(|e| OpenError::Schema { path: path.clone(), message: e.to_string() })?;
            reader_threads.push(handle);
        }
        Ok(Db {
            inner: Arc::new(DbInner {
                path,
                sync: settings.synchronous,
                readers: Mutex::new(Some(read_tx)),
                reader_threads: Mutex::new(reader_threads),
                writer: Mutex::new(Some(tx)),
                writer_thread: Mutex::new(Some(handle)),
                batch_observer,
                shared,
                outbox: Arc::default(),
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn outbox(&self) -> &Arc<crate::webhooks::Outbox> {
        &self.inner.outbox
    }

    /// Changes whenever comments or articles may have changed (see [`Shared::generation`]).
    /// Read it before reading the data a cache entry is built from.
    pub fn generation(&self) -> u64 {
        self.inner.shared.generation.load(Ordering::Acquire)
    }

    /// A number that changes whenever anyone, this process's writer or another process, has
    /// committed to the database since the last call: `PRAGMA data_version` on a connection
    /// kept for it. It reads SQLite's shared-memory WAL index, no file, so it runs inline; it
    /// lets caches notice changes made behind the server's back (an operator's `sqlite3`, the
    /// CLI) on the very next request. `None` when it cannot be read: treat as changed.
    pub fn version(&self) -> Option<i64> {
        self.inner.shared.version()
    }

    /// Whether the writer is committing and has not yet recorded its `own_version` (see
    /// [`Shared::committing`]). Read it after `own_version` and before `version`.
    pub fn writer_committing(&self) -> bool {
        self.inner.shared.committing.load(Ordering::Acquire)
    }

    /// See [`Shared::live`].
    pub fn live_wakeups(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.shared.live.subscribe()
    }

    /// See [`Shared::hide_generation`].
    pub fn hide_generation(&self) -> u64 {
        self.inner.shared.hide_generation.load(Ordering::Acquire)
    }

    /// The version right after this process's writer last committed (see [`Shared::own_version`]).
    pub fn own_version(&self) -> Option<i64> {
        Some(self.inner.shared.own_version.load(Ordering::Acquire)).filter(|v| *v != i64::MIN)
    }

    /// Fingerprints of the newest comments by others, from memory (see [`recent`]).
    pub fn recent_by_others(
        &self,
        author_key: Option<&str>,
        exclude: Option<i64>,
        since: i64,
        near: Option<u64>,
    ) -> Vec<crate::moderation::Recent> {
        match self.inner.shared.recent.read() {
            Ok(index) => index.by_others(author_key, exclude, since, near),
            Err(_) => Vec::new(),
        }
    }

    /// Runs `f` on one of the `read_connections` reader threads, each with its own connection.
    /// A fixed set of threads keeps their connections (and page caches) warm, and bounds the
    /// threads that allocate for reads, and so glibc's malloc arenas, whatever the load: reads
    /// beyond that wait in the queue.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, AppError>>();
        let job: ReadJob = Box::new(move |conn| {
            let _ = tx.send(conn.and_then(f));
        });
        {
            let guard = self.inner.readers.lock().map_err(|_| AppError::internal("reader pool poisoned"))?;
            let sender = guard.as_ref().ok_or(AppError::Unavailable)?;
            sender.send(job).map_err(|_| AppError::Unavailable)?;
        }
        rx.await.map_err(|_| AppError::internal("read task failed: the reader stopped"))?
    }

    /// Runs `f` inside the writer's next transaction. It returns only after the transaction has
    /// committed at the configured durability. If `f` fails, its changes alone are rolled back.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        self.queue_write(f)?.await.map_err(|_| AppError::internal("the writer stopped before answering"))?
    }

    /// Tells the writer that a write is on its way: the request is still being checked. While
    /// any is, a batch waits a moment for them (see [`LINGER`]) rather than commit without them.
    /// Pass it to [`Db::write_announced`].
    pub fn announce(&self) -> Announced {
        self.inner.shared.announced.fetch_add(1, Ordering::AcqRel);
        Announced { shared: self.inner.shared.clone() }
    }

    /// [`Db::write`] for a write that was announced: the announcement ends once it is queued.
    pub async fn write_announced<T, F>(&self, announced: Announced, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        let reply = self.queue_write(f);
        drop(announced);
        reply?.await.map_err(|_| AppError::internal("the writer stopped before answering"))?
    }

    /// [`Db::write`] that ends an announcement once the write is queued.
    pub async fn write_releasing<T, F>(&self, announced: crate::store::Announcement, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        let reply = self.queue_write(f);
        drop(announced);
        reply?.await.map_err(|_| AppError::internal("the writer stopped before answering"))?
    }

    /// Runs `f` on a connection of its own, off the async workers: for whole-database operations
    /// (export, import) that manage their own transaction and must not hold the writer.
    pub async fn own_connection<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> T + Send + 'static,
    {
        let (path, sync) = (self.inner.path.clone(), self.inner.sync);
        tokio::task::spawn_blocking(move || {
            let conn = open_connection(&path, sync, false)?;
            Ok(f(&conn))
        })
        .await
        .map_err(|e| AppError::internal(format!("database task failed: {e}")))?
    }

    fn queue_write<T, F>(&self, f: F) -> Result<oneshot::Receiver<Result<T, AppError>>, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, AppError>>();
        let job: Job = Box::new(move |conn| {
            let out = f(conn);
            let ok = out.is_ok();
            let reply: Reply = Box::new(move |commit: Result<(), String>| {
                let res = match commit {
                    Ok(()) => out,
                    Err(e) => Err(AppError::internal(format!("commit failed: {e}"))),
                };
                let _ = tx.send(res);
            });
            (ok, reply)
        });
        let guard = self.inner.writer.lock().map_err(|_| AppError::internal("writer poisoned"))?;
        let sender = guard.as_ref().ok_or(AppError::Unavailable)?;
        sender.send(job).map_err(|_| AppError::Unavailable)?;
        Ok(rx)
    }

    /// Whether the database file answers a query on a fresh connection (pooled ones would keep
    /// answering from a file that was deleted under them) and the writer is still running.
    pub async fn health(&self) -> bool {
        let writer_alive = self.inner.writer.lock().map(|w| w.is_some()).unwrap_or(false)
            && self.inner.writer_thread.lock().map(|t| t.as_ref().is_some_and(|h| !h.is_finished())).unwrap_or(false);
        if !writer_alive {
            return false;
        }
        let path = self.inner.path.clone();
        let sync = self.inner.sync;
        tokio::task::spawn_blocking(move || {
            let conn = open_connection(&path, sync, true)?;
            conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        })
        .await
        .map(|r| r.is_ok())
        .unwrap_or(false)
    }

    /// Stops the writer after it has committed everything queued, and waits for it.
    pub fn close(&self) {
        if let Ok(mut w) = self.inner.writer.lock() {
            w.take();
        }
        let handle = self.inner.writer_thread.lock().ok().and_then(|mut h| h.take());
        if let Some(h) = handle {
            let _ = h.join();
        }
        if let Ok(mut readers) = self.inner.readers.lock() {
            readers.take();
        }
        let handles = self.inner.reader_threads.lock().map(|mut h| std::mem::take(&mut *h)).unwrap_or_default();
        for h in handles {
            let _ = h.join();
        }
        if let Ok(mut watch) = self.inner.shared.watch.lock() {
            watch.take();
        }
        let _ = &self.inner.batch_observer;
    }
}

/// A reader thread: takes reads off the shared queue until it closes, on a connection opened on
/// first use (and again after a failure to open).
fn reader_loop(rx: &Mutex<std::sync::mpsc::Receiver<ReadJob>>, path: &Path, sync: Synchronous) {
    let mut conn: Option<Connection> = None;
    loop {
        let job = match rx.lock() {
            Ok(rx) => match rx.recv() {
                Ok(job) => job,
                Err(_) => break,
            },
            Err(_) => break,
        };
        if conn.is_none() {
            match open_connection(path, sync, true) {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    job(Err(AppError::from(e)));
                    continue;
                }
            }
        }
        // A read that panics answers "the reader stopped" (its reply is dropped); the thread
        // and its connection carry on.
        let run = std::panic::AssertUnwindSafe(|| match conn.as_ref() {
            Some(c) => job(Ok(c)),
            None => job(Err(AppError::internal("no read connection"))),
        });
        if std::panic::catch_unwind(run).is_err() {
            tracing::error!("a database read panicked");
            conn = None;
        }
    }
}

/// What the update hook saw the current batch change.
#[derive(Default)]
struct Touched {
    comments: Vec<i64>,
    /// Anything but an insert of a comment.
    hides: bool,
    /// Reports were filed: the moderation queue changed (see [`Shared::live`]).
    reports: bool,
}

fn writer_loop(
    mut conn: Connection,
    rx: std::sync::mpsc::Receiver<Job>,
    max_batch: usize,
    observer: Option<Arc<dyn Fn(usize, Duration) + Send + Sync>>,
    shared: Arc<Shared>,
    checkpointer: Option<Checkpointer>,
) {
    let touched = Arc::new(Mutex::new(Touched::default()));
    let hook_touched = touched.clone();
    let hooked = conn.update_hook(Some(move |action: Action, _db: &str, table: &str, rowid: i64| {
        if let Ok(mut t) = hook_touched.lock() {
            match table {
                "comments" => {
                    t.comments.push(rowid);
                    t.hides |= action != Action::SQLITE_INSERT;
                }
                "articles" => t.hides = true,
                "reports" => t.reports = true,
                _ => {}
            }
        }
    }));
    if let Err(e) = hooked {
        tracing::error!(error = %e, "writer could not watch its changes; page caches stay off");
    }
    let mut data_version = external_version(&conn);
    let mut batch: Vec<Job> = Vec::with_capacity(max_batch);
    // Blocks for the first job (looking for other processes' changes while idle); then takes
    // whatever else queued meanwhile, up to max_batch.
    loop {
        let first = match rx.recv_timeout(EXTERNAL_POLL) {
            Ok(job) => job,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                check_external(&conn, &shared, &mut data_version);
                continue;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        check_external(&conn, &shared, &mut data_version);
        batch.push(first);
        let linger_until = std::time::Instant::now() + LINGER;
        while batch.len() < max_batch {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(std::sync::mpsc::TryRecvError::Empty) if shared.announced.load(Ordering::Acquire) > 0 => {
                    // Short waits, so a write that was announced and then refused (a validation
                    // error) holds the batch back no longer than one of them.
                    let left = linger_until.saturating_duration_since(std::time::Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    match rx.recv_timeout(left.min(Duration::from_micros(100))) {
                        Ok(job) => batch.push(job),
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                }
                Err(_) => break,
            }
        }
        let started = std::time::Instant::now();
        let n = batch.len();
        let mut replies: Vec<Reply> = Vec::with_capacity(n);
        let begin = conn.execute_batch("BEGIN IMMEDIATE");
        if let Err(e) = begin {
            let msg = e.to_string();
            tracing::error!(error = %msg, "writer could not begin a transaction");
            for job in batch.drain(..) {
                // The job is never run; answer it with the failure.
                drop(job);
            }
            continue;
        }
        for job in batch.drain(..) {
            let sp = run_cached(&conn, "SAVEPOINT job");
            let (ok, reply) = job(&conn);
            if sp.is_ok() {
                let end = if ok {
                    run_cached(&conn, "RELEASE job")
                } else {
                    run_cached(&conn, "ROLLBACK TO job").and_then(|()| run_cached(&conn, "RELEASE job"))
                };
                if let Err(e) = end {
                    tracing::error!(error = %e, "writer could not end a savepoint");
                }
            }
            replies.push(reply);
        }
        shared.committing.store(true, Ordering::Release);
        let commit = conn.execute_batch("COMMIT").map_err(|e| {
            tracing::error!(error = %e, "writer commit failed");
            let _ = conn.execute_batch("ROLLBACK");
            e.to_string()
        });
        let changed = touched.lock().map(|mut t| std::mem::take(&mut *t)).unwrap_or_default();
        if !changed.comments.is_empty() || changed.hides {
            // Before any reply: a reader who got an answer sees the change. And at once after the
            // commit: until `own_version` catches up, caches take the commit for another
            // process's and make readers wait for a rebuild.
            shared.committed(changed.hides);
            shared.committing.store(false, Ordering::Release);
            // Rolled-back changes are refreshed too: harmless, the rows are read back as they are.
            if let Ok(mut index) = shared.recent.write() {
                for id in &changed.comments {
                    if let Err(e) = index.refresh(&conn, *id) {
                        tracing::warn!(error = %e, "refreshing the repeat index failed");
                    }
                }
            }
        } else if commit.is_ok() {
            if changed.reports {
                shared.wake_live();
            }
            // A commit that changed neither comments nor articles (a reaction, a session) is
            // still this writer's own: recorded as such, it does not look like another process's
            // change to the caches, which would make readers wait for a rebuild.
            shared.own_version.store(shared.version().unwrap_or(i64::MIN), Ordering::Release);
        }
        shared.committing.store(false, Ordering::Release);
        if let Some(c) = &checkpointer {
            c.poke();
        }
        if let Some(obs) = &observer {
            obs(n, started.elapsed());
        }
        for reply in replies {
            reply(commit.clone());
        }
    }
    // Channel closed: every queued job has been committed. Fold the WAL back for a clean close,
    // once the checkpointer has stopped (two checkpoints at once would make this one fail).
    if let Some(c) = checkpointer {
        c.stop();
    }
    if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)") {
        tracing::warn!(error = %e, "final checkpoint failed");
    }
    if let Err((_, e)) = conn.close() {
        tracing::warn!(error = %e, "closing the database failed");
    }
}

/// How long the checkpointer waits after a checkpoint before it looks again: commits in between
/// are copied together, and a page written many times is copied once.
const CHECKPOINT_PAUSE: Duration = Duration::from_millis(100);

/// Copies committed pages from the WAL into the database file on its own thread and connection
/// (PASSIVE checkpoints: they never block the writer or readers). Left to SQLite, the checkpoint
/// runs in the writer's commit every 1,000 pages, and every comment waiting in the next batch
/// waits for it too. SQLite's own checkpoint stays on as the backstop: it copies only what this
/// thread has not yet, and it is what lets the WAL file start over from its beginning (that needs
/// the writer to find everything copied when it begins a transaction).
struct Checkpointer {
    poke: std::sync::mpsc::SyncSender<()>,
    handle: JoinHandle<()>,
}

impl Checkpointer {
    /// `None` (and SQLite's checkpoints alone) when its connection or thread cannot be had.
    fn start(path: &Path, sync: Synchronous) -> Option<Checkpointer> {
        let conn = match open_connection(path, sync, false) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "no checkpoint thread; the writer checkpoints alone");
                return None;
            }
        };
        let (poke, rx) = std::sync::mpsc::sync_channel::<()>(1);
        let handle = std::thread::Builder::new()
            .name("db-checkpoint".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                        tracing::warn!(error = %e, "checkpoint failed");
                    }
                    std::thread::sleep(CHECKPOINT_PAUSE);
                }
            })
            .map_err(|e| tracing::warn!(error = %e, "no checkpoint thread; the writer checkpoints alone"))
            .ok()?;
        Some(Checkpointer { poke, handle })
    }

    /// After a commit: a checkpoint is due (one pending is enough).
    fn poke(&self) {
        let _ = self.poke.try_send(());
    }

    fn stop(self) {
        drop(self.poke);
        let _ = self.handle.join();
    }
}

/// Runs a statement without results from the connection's cache, so the writer does not parse
/// the same few words twice per job.
fn run_cached(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(drop)
}

/// `PRAGMA data_version` on the writer's connection changes only when another connection (another
/// process) committed.
fn external_version(conn: &Connection) -> i64 {
    conn.prepare_cached("PRAGMA data_version").and_then(|mut st| st.query_row([], |r| r.get(0))).unwrap_or(0)
}

/// When another process changed the database, reload what the writer keeps and drop every cache.
fn check_external(conn: &Connection, shared: &Shared, seen: &mut i64) {
    let now = external_version(conn);
    if now == *seen {
        return;
    }
    *seen = now;
    match recent::RecentIndex::load(conn) {
        Ok(index) => {
            if let Ok(mut r) = shared.recent.write() {
                *r = index;
            }
        }
        Err(e) => tracing::warn!(error = %e, "reloading the repeat index failed"),
    }
    shared.committed(true);
}

/// A migrated in-memory database holding one article (id 1, slug `a`), for unit tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn test_db(title: &str) -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    tune(&conn).unwrap();
    migrations::migrate(&mut conn).unwrap();
    conn.execute(
        "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
             call_to_action, like_text, question, comment_prompt, updated_at) \
         VALUES (1, 'a', ?1, '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0)",
        [title],
    )
    .unwrap();
    conn
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus::RePrepare;

    /// Runs a query shaped like the per-comment lookups three times with different values and
    /// returns how often SQLite recompiled it.
    fn recompiles(conn: &Connection) -> i32 {
        let sql = "SELECT id FROM comments WHERE author_key = ?1 AND id <> ?2 ORDER BY id DESC LIMIT ?3";
        for (key, limit) in [("a", 20), ("b", 20), ("c", 5)] {
            let mut st = conn.prepare_cached(sql).unwrap();
            st.query_map(rusqlite::params![key, -1, limit], |r| r.get::<_, i64>(0)).unwrap().for_each(drop);
        }
        conn.prepare_cached(sql).unwrap().get_status(RePrepare)
    }

    #[test]
    fn statements_are_not_recompiled_for_new_values() {
        assert_eq!(recompiles(&test_db("A")), 0);
        let mut plain = Connection::open_in_memory().unwrap();
        migrations::migrate(&mut plain).unwrap();
        assert!(recompiles(&plain) >= 2, "the control: without the setting SQLite recompiles");
    }
}
