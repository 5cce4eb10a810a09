//! Builds the application exactly as production runs it: open and migrate the database, start
//! the writer, load the articles, build the limiters once, bind the listener. Tests call the same
//! code with port 0 and a temporary database.
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use rand::RngCore;

use crate::config::Settings;
use crate::content;
use crate::http::keys::Keys;
use crate::http::rate_limit::Limiters;
use crate::http::security_headers;
use crate::metrics::Metrics;
use crate::moderation::Pipeline;
use crate::routes;
use crate::store::{self, Store};

/// Everything handlers share, built once.
pub struct AppState {
    pub settings: Settings,
    /// Storage, whichever backend `[database] url` chose.
    pub store: Arc<dyn Store>,
    pub keys: Keys,
    pub limiters: Limiters,
    pub metrics: Arc<Metrics>,
    /// The automatic checks, with the runtime word lists and the learned classifier.
    pub pipeline: Arc<Pipeline>,
    /// `public_url` without a trailing slash (or the bound address), with `base_path`: absolute
    /// links are this plus a path of the application.
    pub public_base: String,
    /// The scheme, host and port of `public_url`, for the same-origin checks.
    pub public_origin: String,
    /// The moderator console's password hasher and sign-in limits.
    pub console: crate::auth::session::Console,
    /// Rendered responses for readers without an author cookie.
    pub cache: crate::cache::ResponseCache,
    /// Mail to moderators, when `[email] smtp_url` is set.
    pub notifier: Option<Arc<crate::mail::moderators::Notifier>>,
    /// The checked `[webhooks]` section (the worker sends; the console lists and retries).
    pub webhooks: Arc<crate::webhooks::Targets>,
    /// Live pages' and the console's event streams.
    pub live: Arc<crate::live::Live>,
    /// The site's language (`[site] language`), checked when the settings were loaded.
    pub tr: crate::i18n::Tr,
}

impl AppState {
    /// `[server] base_path`: "" at the root, else e.g. `/comments`.
    pub fn base_path(&self) -> &str {
        &self.settings.server.base_path
    }

    /// A path of the application as browsers see it: `[server] base_path` and `p` (which starts
    /// with `/`), e.g. `/comments/articles/x`. Every link, form action and redirect goes through
    /// this (or [`AppState::url`]).
    pub fn path(&self, p: &str) -> String {
        format!("{}{p}", self.settings.server.base_path)
    }

    /// The absolute URL of a path of the application (`public_url`, `base_path`, `p`).
    pub fn url(&self, p: &str) -> String {
        format!("{}{p}", self.public_base)
    }

    /// The frame of a page: site name, base path and asset URLs.
    pub fn layout(&self) -> crate::templates::Layout {
        crate::templates::Layout::new(&self.settings.site.name, &self.settings.server.base_path)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] store::OpenError),
    #[error("{0}")]
    Content(#[from] content::ContentError),
    #[error("content directory {0} does not exist")]
    MissingContentDir(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("secret file {path}: {message}")]
    Secret { path: String, message: String },
    #[error("configuration: {0}")]
    Config(String),
    #[error("{0}")]
    Other(String),
}

impl StartError {
    /// Configuration-like problems an operator must fix exit with 2.
    pub fn exit_code(&self) -> i32 {
        match self {
            StartError::Other(_) => 1,
            _ => 2,
        }
    }
}

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

impl Application {
    pub async fn build(mut settings: Settings) -> Result<Application, StartError> {
        // Every open live stream is a socket.
        if settings.live.enabled {
            crate::live::raise_open_file_limit();
        }
        let metrics = Arc::new(Metrics::new().map_err(|e| StartError::Other(e.to_string()))?);
        let observer_metrics = metrics.clone();
        let observer: Arc<dyn Fn(usize, Duration) + Send + Sync> =
            Arc::new(move |n, d| observer_metrics.observe_batch(n, d));
        // Checked before the database opens: a bad target is a configuration error (exit 2).
        let webhooks =
            Arc::new(crate::webhooks::Targets::from_settings(&settings.webhooks).map_err(StartError::Config)?);
        let db = store::open(&settings.database, Some(observer)).await?;
        tracing::info!(backend = db.backend_name(), "database ready");
        db.outbox().configure(&webhooks);

        let pipeline = load_pipeline(&settings, db.as_ref()).await?;
        let console_settings = settings.moderation_console.clone();
        let max_keys = settings.limits.max_tracked_clients;
        let console = tokio::task::spawn_blocking(move || {
            crate::auth::session::Console::from_settings(&console_settings, max_keys)
        })
        .await
        .map_err(|e| StartError::Other(e.to_string()))?
        .map_err(|e| StartError::Other(format!("moderation_console: {e}")))?;
        let articles = load_articles(&settings)?;
        let secret = load_secret(&settings, db.as_ref()).await?;
        let count = articles.len();
        db.upsert_articles(articles).await.map_err(|e| StartError::Other(format!("storing articles: {e}")))?;
        tracing::info!(articles = count, "articles loaded");

        let addr = settings.server.bind.clone();
        let listener = TcpListener::bind(&addr).map_err(|source| StartError::Bind { addr: addr.clone(), source })?;
        let local = listener.local_addr().map_err(|source| StartError::Bind { addr: addr.clone(), source })?;
        if settings.server.public_url.is_empty() {
            settings.server.public_url = format!("http://{local}");
        }
        let public_base = settings.public_base();
        let tr = crate::i18n::Tr::new(&settings.site.language)
            .map_err(|e| StartError::Other(format!("site.language: {e}")))?;
        let public_origin = settings.public_origin();
        let notifier = crate::mail::Mailer::from_settings(&settings.email)
            .map_err(StartError::Other)?
            .map(|m| crate::mail::moderators::Notifier::new(m, db.clone(), &public_base, &settings.site.name, tr));
        let workers = settings.server.workers;
        let shutdown = settings.server.shutdown_timeout_secs;

        let live = crate::live::Live::start(&settings.live, db.clone());
        let state = web::Data::new(AppState {
            tr,
            live,
            limiters: Limiters::from_settings(&settings.limits),
            keys: Keys::new(&secret),
            store: db,
            metrics,
            pipeline: Arc::new(pipeline),
            public_base,
            public_origin,
            console,
            settings,
            cache: crate::cache::ResponseCache::new(),
            notifier,
            webhooks,
        });

        let app_state = state.clone();
        let base_path = state.settings.server.base_path.clone();
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(app_state.clone())
                .wrap(from_fn(routes::error_pages::localize))
                .wrap(Compress::default())
                .wrap(from_fn(security_headers::apply))
                .wrap(from_fn(routes::observe::observe))
                .configure(|cfg| routes::configure(cfg, &base_path))
        })
        .shutdown_timeout(shutdown)
        .listen(listener)
        .map_err(|source| StartError::Bind { addr: addr.clone(), source })?;
        if workers > 0 {
            server = server.workers(workers);
        }
        // Each worker runs its own runtime whose blocking pool would otherwise grow to hundreds
        // of threads under load, each with its own malloc arena. Database reads run on their own
        // threads (see `Db::read`); this is for health checks and password hashing.
        server = server.worker_max_blocking_threads(BLOCKING_THREADS);
        let server = server.run();

        tokio::spawn(crate::live::close_on_signal(state.live.clone()));
        spawn_maintenance(state.clone());
        if let Some(n) = &state.notifier {
            n.spawn_digests(Duration::from_secs(state.settings.email.digest_check_secs));
        }
        let (hooks, base) = (state.webhooks.clone(), state.public_base.clone());
        crate::webhooks::worker::spawn(state.store.clone(), hooks, base, state.tr, state.metrics.clone());
        if let Some(changes) = state.store.changes() {
            spawn_reloads(state.clone(), changes);
        }
        Ok(Application { port: local.port(), server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn public_base(&self) -> &str {
        &self.state.public_base
    }

    /// The store this application runs on (tests use it to set up accounts and to look).
    pub fn store(&self) -> Arc<dyn Store> {
        self.state.store.clone()
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until a stop (SIGINT/SIGTERM or the handle), lets in-flight requests finish, then
    /// flushes the writer and closes the database.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.state.store.close().await;
        tracing::info!("stopped; database closed");
        result
    }
}

/// Builds the checks from the settings and what the database keeps (runtime word lists, the
/// classifier's counts).
async fn load_pipeline(settings: &Settings, db: &dyn Store) -> Result<Pipeline, StartError> {
    let loading = |e: crate::error::AppError| StartError::Other(format!("loading the moderation state: {e}"));
    let words = db.words().await.map_err(loading)?;
    let classifier = db.load_classifier().await.map_err(loading)?;
    let thresholds = db.thresholds().await.map_err(loading)?;
    let domains = db.trusted_domains().await.map_err(loading)?;
    let [fine, hold] = classifier.docs();
    tracing::info!(runtime_words = words.len(), trained_fine = fine, trained_hold = hold, "moderation ready");
    let pipeline = Pipeline::with_state(&settings.moderation, &words, classifier);
    if !thresholds.is_empty() {
        pipeline.set_thresholds(&thresholds);
    }
    if !domains.is_empty() {
        pipeline.set_runtime_domains(&domains.iter().map(|d| d.as_str().to_string()).collect::<Vec<_>>());
    }
    Ok(pipeline)
}

fn load_articles(settings: &Settings) -> Result<Vec<crate::domain::article::NewArticle>, StartError> {
    let mut articles = content::builtin()?;
    match &settings.server.content_dir {
        Some(dir) if dir.is_dir() => articles.extend(content::load_dir(dir)?),
        Some(dir) => return Err(StartError::MissingContentDir(dir.display().to_string())),
        None => {
            // `cargo run` from the repository also picks up articles added to ./content.
            let default = std::path::Path::new("content");
            if default.is_dir() {
                articles.extend(content::load_dir(default)?);
            }
        }
    }
    // Later files win over the built-in copy of the same slug.
    let mut seen = std::collections::HashSet::new();
    let mut unique: Vec<_> = articles.into_iter().rev().filter(|a| seen.insert(a.slug.as_str().to_string())).collect();
    unique.reverse();
    Ok(unique)
}

async fn load_secret(settings: &Settings, db: &dyn Store) -> Result<Vec<u8>, StartError> {
    if let Some(path) = &settings.site.secret_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| StartError::Secret { path: path.display().to_string(), message: e.to_string() })?;
        let text = text.trim();
        if text.len() < 32 {
            return Err(StartError::Secret {
                path: path.display().to_string(),
                message: "must hold at least 32 characters".into(),
            });
        }
        return Ok(text.as_bytes().to_vec());
    }
    let hex_secret = db
        .secret(Box::new(|| {
            let mut b = [0u8; 32];
            rand::rng().fill_bytes(&mut b);
            hex::encode(b)
        }))
        .await
        .map_err(|e| StartError::Other(format!("reading the install secret: {e}")))?;
    hex::decode(hex_secret).map_err(|e| StartError::Other(format!("stored secret is corrupt: {e}")))
}

/// With several nodes: reloads what this node keeps in memory when another node changed it.
/// The classifier changes with every decision anywhere, so it is reloaded at most once a second.
fn spawn_reloads(state: web::Data<AppState>, mut changes: tokio::sync::broadcast::Receiver<store::Change>) {
    use store::Change;
    tokio::spawn(async move {
        let mut classifier_due = false;
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            let change = tokio::select! {
                c = changes.recv() => c,
                _ = tick.tick() => {
                    if std::mem::take(&mut classifier_due) {
                        match state.store.load_classifier().await {
                            Ok(c) => state.pipeline.set_classifier(c),
                            Err(e) => tracing::warn!(error = %e, "reloading the classifier failed"),
                        }
                    }
                    continue;
                }
            };
            let change = match change {
                Ok(c) => c,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => Change::Everything,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            };
            let all = change == Change::Everything;
            if (all || change == Change::Words)
                && let Err(e) = crate::intake::reload_words(&state).await
            {
                tracing::warn!(error = %e, "reloading the word lists failed");
            }
            if all || change == Change::Thresholds {
                match state.store.thresholds().await {
                    Ok(t) => state.pipeline.set_thresholds(&t),
                    Err(e) => tracing::warn!(error = %e, "reloading the thresholds failed"),
                }
            }
            if all || change == Change::Classifier {
                classifier_due = true;
            }
        }
    });
}

/// Background upkeep: prune idle rate-limit keys (every 30 s), refresh the moderation queue
/// depth (every 30 s), erase IP hashes past their retention (hourly), and take the scheduled
/// backups (`[backup]`).
fn spawn_maintenance(state: web::Data<AppState>) {
    let started = std::time::Instant::now();
    tokio::spawn(async move {
        let backup_every = Duration::from_secs_f64(state.settings.backup.interval_hours * 3600.0);
        // Every 30 s, or as often as backups are due when that is more often.
        let period = if state.settings.backup.dir.is_some() { backup_every.min(MAINTENANCE) } else { MAINTENANCE };
        let mut tick = tokio::time::interval(period);
        let per_maintenance = (MAINTENANCE.as_secs_f64() / period.as_secs_f64()).round().max(1.0) as u64;
        let mut last_purge: Option<std::time::Instant> = None;
        let mut last_backup = started;
        let mut ticks: u64 = 0;
        loop {
            tick.tick().await;
            ticks += 1;
            if let Some(dir) = state.settings.backup.dir.clone()
                && last_backup.elapsed() >= backup_every
            {
                last_backup = std::time::Instant::now();
                scheduled_backup(&state, dir).await;
            }
            // The rest every 30 s.
            if !(ticks - 1).is_multiple_of(per_maintenance) {
                continue;
            }
            state.limiters.prune();
            state.console.prune();
            if (ticks / per_maintenance).is_multiple_of(10) {
                let s = &state.settings.moderation_console;
                let (idle, max) = (s.session_idle_secs, s.session_max_secs);
                let now = time::OffsetDateTime::now_utc();
                if let Err(e) = state.store.purge_sessions(now, idle, max).await {
                    tracing::warn!(error = %e, "purging expired moderator sessions failed");
                }
            }
            let tracked = state.limiters.comments_per_client.tracked();
            state.metrics.limiter_clients.set(i64::try_from(tracked).unwrap_or(i64::MAX));
            if let Ok(depth) = state.store.pending_count().await {
                state.metrics.queue_depth.set(depth);
            }
            if last_purge.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600)) {
                last_purge = Some(std::time::Instant::now());
                purge_ip_hashes(&state).await;
            }
        }
    });
}

async fn purge_ip_hashes(state: &AppState) {
    let days = state.settings.privacy.ip_hash_retention_days;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    match crate::ops::privacy::purge(state.store.as_ref(), now, days).await {
        Ok(n) => {
            state.metrics.ip_hashes_purged.inc_by(n as u64);
            if n > 0 {
                tracing::info!(erased = n, days, "IP hashes past their retention erased");
            }
        }
        Err(e) => tracing::error!(error = %e, "IP hash purge failed"),
    }
}

async fn scheduled_backup(state: &AppState, dir: std::path::PathBuf) {
    let keep = state.settings.backup.keep;
    match crate::ops::backup::scheduled(state.store.as_ref(), &dir, keep).await {
        Ok((file, removed)) => {
            state.metrics.backups.with_label_values(&["ok"]).inc();
            state.metrics.last_backup.set(time::OffsetDateTime::now_utc().unix_timestamp());
            tracing::info!(file = %file.display(), removed = removed.len(), "scheduled backup written");
        }
        Err(e) => {
            state.metrics.backups.with_label_values(&["error"]).inc();
            tracing::error!(error = %e, "scheduled backup failed");
        }
    }
}

/// How often the server's upkeep runs (scheduled backups may be due more often).
const MAINTENANCE: Duration = Duration::from_secs(30);

/// The blocking threads a runtime may start (reads have threads of their own).
pub const BLOCKING_THREADS: usize = 4;
