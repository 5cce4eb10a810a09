//! Live pages and the live console: Server-Sent Events that tell open pages what changed.
//!
//! - Readers (`GET /articles/{slug}/events`): one event per change to a published comment of the
//!   article, with the article's event number as its `id`. Numbers are taken in the committing
//!   transaction (see SQLite migration 0011, PostgreSQL 0008), so they run 1, 2, 3… in commit
//!   order without gaps; a stream that resumes from `Last-Event-ID: n` reads the events after n
//!   from the store and then follows the hub. Held, rejected and spam comments never make one.
//! - Moderators (`GET /moderation/events`): the queue's counts whenever the queue may have
//!   changed; the console reloads what it shows from them.
//!
//! One hub task per node fans events out: it wakes when the store says something was committed
//! (this node's writes, or on PostgreSQL another node's notice), reads each watched article's new
//! events once, and broadcasts them to every stream of that article. A stream checks that the
//! numbers it sends follow on from the last one, and reads any gap (a lagging receiver, a stream
//! that joined between two reads) back from the store, so a reader misses nothing.
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::web::Bytes;
use futures_util::Stream;
use tokio::sync::broadcast;

use crate::config::LiveSettings;
use crate::error::AppError;
use crate::store::{LiveEvent, QueueCounts, Store};

/// What a refused client is told to wait before trying again (`Retry-After`, seconds).
pub const RETRY_AFTER_SECS: u64 = 60;
/// Events read from the store at once when a stream catches up.
const CATCH_UP: usize = 500;
/// Events kept for streams that resume: a page away longer starts afresh.
const KEEP_EVENTS: Duration = Duration::from_secs(24 * 3600);
/// After a wake-up, the hub waits this long for more commits and reads them all at once.
const COALESCE: Duration = Duration::from_millis(15);
/// The console's streams are told at most this often (each tells consoles to reload counts).
const CONSOLE_EVERY: Duration = Duration::from_millis(500);
/// The hub also looks without a wake-up this often, in case one was lost.
const SAFETY_POLL: Duration = Duration::from_secs(10);

struct Feed {
    tx: broadcast::Sender<LiveEvent>,
    /// The newest event number broadcast.
    cursor: i64,
}

/// The node's hub; see the module documentation.
pub struct Live {
    store: Arc<dyn Store>,
    feeds: Mutex<HashMap<i64, Feed>>,
    open: Arc<AtomicUsize>,
    max_streams: usize,
    console: broadcast::Sender<Arc<String>>,
    console_seq: AtomicU64,
    enabled: bool,
    /// Moves every `[live] keep_alive_secs`: each stream then sends its keep-alive line. One clock for all
    /// streams rather than a timer each: at 10,000 streams every byte a stream keeps counts.
    /// [`CLOSED`] at shutdown: every stream ends, so a graceful stop does not wait for them.
    pulse: tokio::sync::watch::Sender<u64>,
}

/// Why a stream was not opened.
#[derive(Debug)]
pub enum Refused {
    Disabled,
    Full,
}

/// Counts a stream while it is open.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Live {
    /// Builds the hub and starts its tasks (none when live pages are off).
    pub fn start(settings: &LiveSettings, store: Arc<dyn Store>) -> Arc<Live> {
        let live = Arc::new(Live {
            store,
            feeds: Mutex::new(HashMap::new()),
            open: Arc::new(AtomicUsize::new(0)),
            max_streams: settings.max_streams,
            console: broadcast::channel(16).0,
            console_seq: AtomicU64::new(0),
            enabled: settings.enabled,
            pulse: tokio::sync::watch::channel(0).0,
        });
        if settings.enabled {
            tokio::spawn(hub(Arc::downgrade(&live), live.store.live_wakeups()));
            tokio::spawn(console_hub(Arc::downgrade(&live), live.store.live_wakeups()));
            tokio::spawn(keep_alive(Arc::downgrade(&live), Duration::from_secs(settings.keep_alive_secs)));
        }
        live
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Ends every open stream (and refuses new ones): the server is stopping.
    pub fn close(&self) {
        self.pulse.send_replace(CLOSED);
    }

    /// Streams open on this node.
    pub fn open_streams(&self) -> usize {
        self.open.load(Ordering::Acquire)
    }

    fn take_slot(&self) -> Result<Slot, Refused> {
        if !self.enabled || *self.pulse.borrow() == CLOSED {
            return Err(Refused::Disabled);
        }
        if self.open.fetch_add(1, Ordering::AcqRel) >= self.max_streams {
            self.open.fetch_sub(1, Ordering::AcqRel);
            return Err(Refused::Full);
        }
        Ok(Slot(self.open.clone()))
    }

    /// The article's newest event number, for pages to start their stream from.
    pub async fn current(&self, article_id: i64) -> Result<i64, AppError> {
        self.store.live_seq(article_id).await
    }

    /// A reader's stream of the article's events after number `after` (`None`: from now).
    pub async fn article_stream(
        self: &Arc<Self>,
        article_id: i64,
        after: Option<i64>,
    ) -> Result<Result<impl Stream<Item = Result<Bytes, AppError>> + use<>, Refused>, AppError> {
        let slot = match self.take_slot() {
            Ok(s) => s,
            Err(r) => return Ok(Err(r)),
        };
        let (rx, cursor) = self.subscribe(article_id).await?;
        // A number from the future (a restored database, a forged header) starts from now.
        let last = after.filter(|a| *a >= 0 && *a <= cursor).unwrap_or(cursor);
        let state = ArticleStream {
            live: self.clone(),
            article_id,
            last,
            rx,
            out: VecDeque::new(),
            first: Some(Bytes::from_static(b"retry: 3000\n: live\n\n")),
            caught_up: false,
            pulse: self.pulse.subscribe(),
            _slot: slot,
        };
        Ok(Ok(futures_util::stream::unfold(state, |mut s| async move {
            let next = s.next().await;
            next.map(|b| (b, s))
        })))
    }

    /// A moderator's stream: the queue's counts now, then whenever the queue may have changed.
    pub async fn console_stream(
        self: &Arc<Self>,
    ) -> Result<Result<impl Stream<Item = Result<Bytes, AppError>> + use<>, Refused>, AppError> {
        let slot = match self.take_slot() {
            Ok(s) => s,
            Err(r) => return Ok(Err(r)),
        };
        let rx = self.console.subscribe();
        let counts = self.store.queue_counts().await?;
        let first = console_event(self.console_seq.fetch_add(1, Ordering::AcqRel) + 1, &counts);
        let state = ConsoleStream {
            rx,
            first: Some(Bytes::from(format!("retry: 3000\n\n{first}"))),
            pulse: self.pulse.subscribe(),
            _slot: slot,
        };
        Ok(Ok(futures_util::stream::unfold(state, |mut s| async move {
            let next = s.next().await;
            next.map(|b| (b, s))
        })))
    }

    /// A receiver of the article's broadcasts and the newest number broadcast so far.
    async fn subscribe(&self, article_id: i64) -> Result<(broadcast::Receiver<LiveEvent>, i64), AppError> {
        if let Some(found) = self.subscribe_existing(article_id)? {
            return Ok(found);
        }
        let cursor = self.store.live_seq(article_id).await?;
        let mut feeds = self.feeds.lock().map_err(|_| AppError::internal("live feeds poisoned"))?;
        let feed = feeds.entry(article_id).or_insert_with(|| Feed { tx: broadcast::channel(256).0, cursor });
        Ok((feed.tx.subscribe(), feed.cursor))
    }

    fn subscribe_existing(&self, article_id: i64) -> Result<Option<(broadcast::Receiver<LiveEvent>, i64)>, AppError> {
        let feeds = self.feeds.lock().map_err(|_| AppError::internal("live feeds poisoned"))?;
        Ok(feeds.get(&article_id).map(|f| (f.tx.subscribe(), f.cursor)))
    }

    /// Reads and broadcasts every watched article's new events; forgets unwatched articles.
    async fn poll(&self) {
        let watched: Vec<(i64, i64)> = match self.feeds.lock() {
            Ok(mut feeds) => {
                feeds.retain(|_, f| f.tx.receiver_count() > 0);
                feeds.iter().map(|(a, f)| (*a, f.cursor)).collect()
            }
            Err(_) => return,
        };
        for (article_id, cursor) in watched {
            let mut after = cursor;
            loop {
                let events = match self.store.live_events(article_id, after, CATCH_UP).await {
                    Ok(e) => e,
                    Err(e) => {
                        tracing::warn!(error = %e, "reading live events failed");
                        break;
                    }
                };
                let full = events.len() == CATCH_UP;
                if let Ok(mut feeds) = self.feeds.lock()
                    && let Some(feed) = feeds.get_mut(&article_id)
                {
                    for e in events {
                        if e.seq > feed.cursor {
                            feed.cursor = e.seq;
                            let _ = feed.tx.send(e);
                        }
                    }
                    after = feed.cursor;
                }
                if !full {
                    break;
                }
            }
        }
    }
}

/// The pulse's value once the server is stopping.
const CLOSED: u64 = u64::MAX;

async fn keep_alive(live: std::sync::Weak<Live>, every: Duration) {
    loop {
        tokio::time::sleep(every).await;
        let Some(live) = live.upgrade() else { return };
        live.pulse.send_if_modified(|n| {
            if *n == CLOSED {
                return false;
            }
            *n += 1;
            true
        });
    }
}

/// What a stream does when the pulse moves: a keep-alive line, or `None` to end.
fn on_pulse(
    changed: Result<(), tokio::sync::watch::error::RecvError>,
    pulse: &mut tokio::sync::watch::Receiver<u64>,
) -> Option<Bytes> {
    match changed {
        Ok(()) if *pulse.borrow_and_update() != CLOSED => Some(Bytes::from_static(KEEP_ALIVE_LINE)),
        _ => None,
    }
}

/// The next queued piece; the queue's memory goes back once it is empty (most streams wait
/// with nothing queued).
fn pop(out: &mut VecDeque<Bytes>) -> Option<Bytes> {
    let b = out.pop_front();
    if out.is_empty() && out.capacity() > 0 {
        *out = VecDeque::new();
    }
    b
}

async fn hub(live: std::sync::Weak<Live>, mut wake: tokio::sync::watch::Receiver<u64>) {
    let mut last_prune: Option<std::time::Instant> = None;
    loop {
        let woke = tokio::time::timeout(SAFETY_POLL, wake.changed()).await;
        if matches!(woke, Ok(Err(_))) {
            return;
        }
        tokio::time::sleep(COALESCE).await;
        wake.borrow_and_update();
        let Some(live) = live.upgrade() else { return };
        live.poll().await;
        if last_prune.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600)) {
            last_prune = Some(std::time::Instant::now());
            let cutoff = time::OffsetDateTime::now_utc().unix_timestamp() - KEEP_EVENTS.as_secs() as i64;
            if let Err(e) = live.store.prune_live_events(cutoff).await {
                tracing::warn!(error = %e, "pruning live events failed");
            }
        }
    }
}

async fn console_hub(live: std::sync::Weak<Live>, mut wake: tokio::sync::watch::Receiver<u64>) {
    loop {
        if wake.changed().await.is_err() {
            return;
        }
        wake.borrow_and_update();
        let Some(live) = live.upgrade() else { return };
        if live.console.receiver_count() > 0 {
            match live.store.queue_counts().await {
                Ok(counts) => {
                    let id = live.console_seq.fetch_add(1, Ordering::AcqRel) + 1;
                    let _ = live.console.send(Arc::new(console_event(id, &counts)));
                }
                Err(e) => tracing::warn!(error = %e, "reading the queue counts failed"),
            }
        }
        drop(live);
        tokio::time::sleep(CONSOLE_EVERY).await;
    }
}

/// One article event as SSE: its number as the id, what happened as JSON.
pub fn article_event(e: &LiveEvent) -> String {
    let data = serde_json::json!({ "id": e.comment_id, "parent": e.parent_id, "kind": e.kind });
    format!("id: {}\ndata: {data}\n\n", e.seq)
}

fn console_event(id: u64, counts: &QueueCounts) -> String {
    let data = serde_json::to_string(counts).unwrap_or_else(|_| "{}".into());
    format!("id: {id}\nevent: queue\ndata: {data}\n\n")
}

const KEEP_ALIVE_LINE: &[u8] = b": keep-alive\n\n";

struct ArticleStream {
    live: Arc<Live>,
    article_id: i64,
    /// The number of the last event sent (or the client had).
    last: i64,
    rx: broadcast::Receiver<LiveEvent>,
    out: VecDeque<Bytes>,
    first: Option<Bytes>,
    caught_up: bool,
    pulse: tokio::sync::watch::Receiver<u64>,
    _slot: Slot,
}

impl ArticleStream {
    async fn next(&mut self) -> Option<Result<Bytes, AppError>> {
        if let Some(b) = self.first.take() {
            return Some(Ok(b));
        }
        loop {
            if let Some(b) = pop(&mut self.out) {
                return Some(Ok(b));
            }
            if !self.caught_up {
                // Everything committed after `last` until now, then the broadcasts.
                if let Err(e) = self.catch_up().await {
                    return Some(Err(e));
                }
                self.caught_up = true;
                continue;
            }
            tokio::select! {
                got = self.rx.recv() => match got {
                    Ok(e) if e.seq <= self.last => {}
                    Ok(e) if e.seq == self.last + 1 => self.push(&e),
                    // A gap: this receiver lagged, or the stream joined between two reads.
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => self.caught_up = false,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                changed = self.pulse.changed() => return on_pulse(changed, &mut self.pulse).map(Ok),
            }
        }
    }

    fn push(&mut self, e: &LiveEvent) {
        self.last = e.seq;
        self.out.push_back(Bytes::from(article_event(e)));
    }

    async fn catch_up(&mut self) -> Result<(), AppError> {
        loop {
            let events = self.live.store.live_events(self.article_id, self.last, CATCH_UP).await?;
            let full = events.len() == CATCH_UP;
            for e in &events {
                if e.seq > self.last + 1 {
                    // Pruned while the page was away: it cannot be told what it missed.
                    self.out.push_back(Bytes::from(format!("id: {}\nevent: reset\ndata: {{}}\n\n", e.seq - 1)));
                }
                self.push(e);
            }
            if !full {
                return Ok(());
            }
        }
    }
}

struct ConsoleStream {
    rx: broadcast::Receiver<Arc<String>>,
    first: Option<Bytes>,
    pulse: tokio::sync::watch::Receiver<u64>,
    _slot: Slot,
}

impl ConsoleStream {
    async fn next(&mut self) -> Option<Result<Bytes, AppError>> {
        if let Some(b) = self.first.take() {
            return Some(Ok(b));
        }
        loop {
            tokio::select! {
                got = self.rx.recv() => match got {
                    Ok(e) => return Some(Ok(Bytes::from(e.as_bytes().to_vec()))),
                    // Only the newest counts matter.
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                changed = self.pulse.changed() => return on_pulse(changed, &mut self.pulse).map(Ok),
            }
        }
    }
}

/// Ends every stream on SIGTERM or SIGINT: the server's graceful stop (which the same signals
/// start) would otherwise wait `shutdown_timeout_secs` for pages that never finish loading.
pub async fn close_on_signal(live: Arc<Live>) {
    #[cfg(unix)]
    {
        let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) else {
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    live.close();
}

/// Raises this process's open-file limit to the hard limit (each open stream is a socket), with
/// `setrlimit` from libc; where the system does not allow it, says so and goes on.
pub fn raise_open_file_limit() {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit/setrlimit only read and write the struct passed by pointer.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
            tracing::warn!("could not read the open-file limit");
            return;
        }
        if lim.rlim_cur >= lim.rlim_max {
            tracing::info!(limit = lim.rlim_cur, "open-file limit");
            return;
        }
        let raised = libc::rlimit { rlim_cur: lim.rlim_max, rlim_max: lim.rlim_max };
        // SAFETY: as above.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            tracing::info!(from = lim.rlim_cur, to = lim.rlim_max, "raised the open-file limit");
        } else {
            tracing::warn!(limit = lim.rlim_cur, "could not raise the open-file limit");
        }
    }
}
