//! How nodes on one database learn of each other's changes: after a commit that changes what
//! pages show (or the word lists, thresholds, classifier), a node sends `NOTIFY` with its own id
//! and what changed; every node `LISTEN`s and moves its cache generations (and reloads its
//! moderation state) when another node's notice arrives.
//!
//! Notices are sent after the commit from a task of their own, several changes in one notice:
//! `NOTIFY` inside the committing transaction would take PostgreSQL's global notification lock
//! in every comment's commit and serialize them. While the listening connection is down, the
//! node cannot know what others changed, so it treats everything as changed twice a second
//! until it is back (and once more when it is).
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

use deadpool_postgres::Pool;
use futures_util::StreamExt;
use tokio::sync::{Notify, broadcast};
use tokio_postgres::{AsyncMessage, NoTls};

/// What changed, as far as another node's caches and checks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// New comments only: nothing shown before is hidden or altered.
    Comments,
    /// Anything that can hide or alter what was shown: statuses, edits, articles.
    Hidden,
    Words,
    Thresholds,
    Classifier,
    /// Reports that hide nothing: only the moderation queue changed (the live console).
    Queue,
    /// Unknown changes (an import, a lost connection): everything.
    Everything,
}

impl Change {
    fn bit(self) -> u8 {
        match self {
            Change::Comments => 1,
            Change::Hidden => 2,
            Change::Words => 4,
            Change::Thresholds => 8,
            Change::Classifier => 16,
            Change::Queue => 32,
            Change::Everything => 63,
        }
    }

    fn from_bits(bits: u8) -> Vec<Change> {
        if bits & 63 == 63 {
            return vec![Change::Everything];
        }
        [Change::Comments, Change::Hidden, Change::Words, Change::Thresholds, Change::Classifier, Change::Queue]
            .into_iter()
            .filter(|c| bits & c.bit() != 0)
            .collect()
    }
}

/// How long the sender waits for more changes before it sends one notice for all of them.
const COALESCE: Duration = Duration::from_millis(10);
/// While the listening connection is down: how often everything counts as changed.
const BLIND_TICK: Duration = Duration::from_millis(500);

struct Shared {
    /// This node's id in notices, so it ignores its own.
    node: String,
    channel: String,
    generation: AtomicU64,
    hide_generation: AtomicU64,
    /// Changes not yet sent, as [`Change::bit`]s.
    pending: AtomicU8,
    wake_sender: Notify,
    events: broadcast::Sender<Change>,
    /// Moves with every change of comments or of the queue, this node's or another's (the live
    /// pages and console look for news then; see `crate::live`).
    live: tokio::sync::watch::Sender<u64>,
    stopped: AtomicBool,
    stop: Notify,
}

impl Shared {
    fn apply(&self, change: Change) {
        if matches!(change, Change::Comments | Change::Hidden | Change::Queue | Change::Everything) {
            self.live.send_modify(|n| *n = n.wrapping_add(1));
        }
        if matches!(change, Change::Comments | Change::Hidden | Change::Everything) {
            if matches!(change, Change::Hidden | Change::Everything) {
                self.hide_generation.fetch_add(1, Ordering::AcqRel);
            }
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
    }
}

pub struct Notifier {
    shared: Arc<Shared>,
}

impl Notifier {
    /// Starts the listening and sending tasks. `config` opens the listening connection (not from
    /// the pool: it stays open); notices go out on pooled connections.
    pub async fn start(config: tokio_postgres::Config, pool: Pool) -> Notifier {
        let schema = match pool.get().await {
            Ok(c) => match c.query_one("SELECT current_schema()", &[]).await {
                Ok(row) => row.try_get::<_, String>(0).unwrap_or_else(|_| "public".into()),
                Err(_) => "public".into(),
            },
            Err(_) => "public".into(),
        };
        let (events, _) = broadcast::channel(256);
        let shared = Arc::new(Shared {
            node: format!("{:016x}", rand::random::<u64>()),
            // Per schema: nodes of other installs (or tests) on the same database stay apart.
            channel: format!("commentdesk.{schema}"),
            generation: AtomicU64::new(0),
            hide_generation: AtomicU64::new(0),
            pending: AtomicU8::new(0),
            wake_sender: Notify::new(),
            events,
            live: tokio::sync::watch::channel(0).0,
            stopped: AtomicBool::new(false),
            stop: Notify::new(),
        });
        tokio::spawn(send_loop(shared.clone(), pool));
        let ready = Arc::new(Notify::new());
        tokio::spawn(listen_loop(shared.clone(), config, ready.clone()));
        // A node serves only once it hears the others (or has tried): a change made elsewhere
        // right after this node started is then never missed.
        let _ = tokio::time::timeout(Duration::from_secs(2), ready.notified()).await;
        Notifier { shared }
    }

    /// After a commit of this node: its own caches move at once, the others on the notice.
    pub fn changed(&self, change: Change) {
        self.shared.apply(change);
        self.shared.pending.fetch_or(change.bit(), Ordering::AcqRel);
        self.shared.wake_sender.notify_one();
    }

    /// A change the database itself announces (see migration 0002): only this node's caches move
    /// at once, the others hear the trigger's notice.
    pub fn apply_locally(&self, change: Change) {
        self.shared.apply(change);
    }

    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::Acquire)
    }

    pub fn hide_generation(&self) -> u64 {
        self.shared.hide_generation.load(Ordering::Acquire)
    }

    /// See [`Shared::live`].
    pub fn live_wakeups(&self) -> tokio::sync::watch::Receiver<u64> {
        self.shared.live.subscribe()
    }

    /// Other nodes' changes, for reloading what this node keeps in memory.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.shared.events.subscribe()
    }

    pub fn stop(&self) {
        self.shared.stopped.store(true, Ordering::Release);
        self.shared.stop.notify_waiters();
        self.shared.wake_sender.notify_one();
    }
}

async fn send_loop(shared: Arc<Shared>, pool: Pool) {
    loop {
        shared.wake_sender.notified().await;
        if shared.stopped.load(Ordering::Acquire) {
            return;
        }
        tokio::time::sleep(COALESCE).await;
        let bits = shared.pending.swap(0, Ordering::AcqRel);
        if bits == 0 {
            continue;
        }
        let payload = format!("{} {bits}", shared.node);
        let sent = match pool.get().await {
            Ok(c) => c
                .execute("SELECT pg_notify($1, $2)", &[&shared.channel, &payload])
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = sent {
            // Try again with the next change; meanwhile the others' fallback covers it.
            shared.pending.fetch_or(bits, Ordering::AcqRel);
            tracing::warn!(error = %e, "could not notify the other nodes");
            tokio::time::sleep(BLIND_TICK).await;
            shared.wake_sender.notify_one();
        }
    }
}

/// A connection's message stream, whichever transport (TLS or not) it runs on.
type Connection = std::pin::Pin<Box<dyn PollMessages + Send>>;

/// `tokio_postgres::Connection::poll_message` for any transport.
trait PollMessages {
    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<AsyncMessage, tokio_postgres::Error>>>;
}

impl<S, T> PollMessages for tokio_postgres::Connection<S, T>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<AsyncMessage, tokio_postgres::Error>>> {
        self.get_mut().poll_message(cx)
    }
}

/// The listening connection's `application_name`, so an operator (or a test) can tell it apart.
pub const LISTENER_NAME: &str = "commentdesk-listener";

async fn listen_loop(shared: Arc<Shared>, mut config: tokio_postgres::Config, ready: Arc<Notify>) {
    config.application_name(LISTENER_NAME);
    let mut first = true;
    while !shared.stopped.load(Ordering::Acquire) {
        let connected = match super::tls(&config) {
            Ok(Some(tls)) => config.connect(tls).await.map(|(c, conn)| (c, Box::pin(conn) as Connection)),
            Ok(None) => config.connect(NoTls).await.map(|(c, conn)| (c, Box::pin(conn) as Connection)),
            Err(e) => {
                tracing::warn!(error = %e, "cannot open the notification connection");
                return;
            }
        };
        match connected {
            Ok((client, mut connection)) => {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
                let driver = tokio::spawn(async move {
                    let mut messages = futures_util::stream::poll_fn(move |cx| connection.as_mut().poll(cx));
                    while let Some(message) = messages.next().await {
                        match message {
                            Ok(AsyncMessage::Notification(n)) => {
                                if tx.send(n.payload().to_string()).is_err() {
                                    break;
                                }
                            }
                            Ok(_) => {}
                            Err(e) => {
                                tracing::warn!(error = %e, "the notification connection failed");
                                break;
                            }
                        }
                    }
                });
                let listen = format!("LISTEN \"{}\"", shared.channel.replace('"', "\"\""));
                if let Err(e) = client.batch_execute(&listen).await {
                    tracing::warn!(error = %e, "LISTEN failed");
                    driver.abort();
                } else {
                    // Whatever happened while not listening is unknown.
                    if !first {
                        shared.apply(Change::Everything);
                        let _ = shared.events.send(Change::Everything);
                    }
                    first = false;
                    ready.notify_one();
                    loop {
                        tokio::select! {
                            payload = rx.recv() => match payload {
                                Some(p) => received(&shared, &p),
                                None => break,
                            },
                            () = shared.stop.notified() => {
                                driver.abort();
                                return;
                            }
                        }
                    }
                    tracing::warn!("lost the notification connection; treating every cache as stale until it is back");
                }
            }
            Err(e) => tracing::warn!(error = %super::explain(&e), "cannot open the notification connection"),
        }
        ready.notify_one();
        shared.apply(Change::Everything);
        let _ = shared.events.send(Change::Everything);
        tokio::time::sleep(BLIND_TICK).await;
    }
}

fn received(shared: &Shared, payload: &str) {
    let Some((node, bits)) = payload.split_once(' ') else { return };
    if node == shared.node {
        return;
    }
    let Ok(bits) = bits.parse::<u8>() else { return };
    for change in Change::from_bits(bits) {
        shared.apply(change);
        let _ = shared.events.send(change);
    }
}

#[cfg(test)]
mod tests {
    use super::Change;

    #[test]
    fn changes_travel_as_bits_and_back() {
        for c in
            [Change::Comments, Change::Hidden, Change::Words, Change::Thresholds, Change::Classifier, Change::Queue]
        {
            assert_eq!(Change::from_bits(c.bit()), vec![c]);
        }
        assert_eq!(Change::from_bits(Change::Everything.bit()), vec![Change::Everything]);
        assert_eq!(Change::from_bits(1 | 4), vec![Change::Comments, Change::Words]);
    }
}
