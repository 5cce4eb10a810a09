//! Logging through `tracing`; `RUST_LOG` picks the level (default `info`).
use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::EnvFilter;

/// Lines queued for the logging thread at most. Its queue is allocated whole up front (the
/// default of 128,000 lines is 5 MB); a few thousand lines are milliseconds of work for it.
const LOG_QUEUE_LINES: usize = 8192;

/// Keeps the log writer running; drop it (at exit) to write out what is still queued.
#[must_use]
pub struct LogGuard {
    _guard: Option<WorkerGuard>,
}

/// Installs the subscriber. Logs go to stderr (stdout stays free for command output) from a
/// thread of their own through a buffer that is written out whenever the queue empties: a
/// request's log line costs a queue push, not a `write(2)` on the worker that answers it. No
/// line is dropped: when the queue is full, the logging thread waits.
pub fn init() -> LogGuard {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stderr());
    let (writer, guard) = NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(false)
        .thread_name("log-writer")
        .finish(out);
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(ansi)
        .with_writer(writer)
        .try_init();
    LogGuard { _guard: installed.is_ok().then_some(guard) }
}
