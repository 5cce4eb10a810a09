//! Prometheus metrics, one registry per app (no globals, so tests each see their own).
use std::time::Duration;

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};

pub struct Metrics {
    registry: Registry,
    pub http_requests: IntCounterVec,
    pub http_latency: HistogramVec,
    pub comments: IntCounterVec,
    pub rate_limited: IntCounterVec,
    pub writer_batch: prometheus::Histogram,
    pub writer_commit: prometheus::Histogram,
    pub limiter_clients: IntGauge,
    /// Reason codes of comments held or refused, by the status stored (`pending`, `spam`, ...).
    pub comment_reasons: IntCounterVec,
    /// Reader reports received, by report reason. The reports routes increment it.
    pub reports: IntCounterVec,
    /// Moderator decisions, by action; see [`Metrics::observe_decision`].
    pub decisions: IntCounterVec,
    /// Seconds from a comment's posting to a moderator's decision on it, by action.
    pub decision_latency: HistogramVec,
    /// Comments waiting for a moderator (status `pending`), refreshed by the maintenance task.
    pub queue_depth: IntGauge,
    pub password_verifications: prometheus::IntCounter,
    /// Scheduled backups, by result (`ok`, `error`).
    pub backups: IntCounterVec,
    /// Webhook delivery attempts, by outcome (`delivered`, `retry`, `failed`).
    pub webhook_attempts: IntCounterVec,
    /// Unix time of the last successful scheduled backup.
    pub last_backup: IntGauge,
    /// IP hashes erased by the retention purge.
    pub ip_hashes_purged: prometheus::IntCounter,
    /// Anonymous page requests by how the cache answered: `hit` (current), `stale` (served
    /// while rebuilt), `wait` (the reader waited for a build).
    pub page_cache: IntCounterVec,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("commentdesk".into()), None)?;
        let http_requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered, by route, method and status"),
            &["route", "method", "status"],
        )?;
        let http_latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer HTTP requests")
                .buckets(vec![0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5]),
            &["route", "method", "status"],
        )?;
        let comments = IntCounterVec::new(
            Opts::new("comments_total", "Comments accepted, by the status they were stored with"),
            &["status"],
        )?;
        let rate_limited = IntCounterVec::new(
            Opts::new("rate_limited_total", "Requests refused by a rate limit, by limit"),
            &["limit"],
        )?;
        let writer_batch = prometheus::Histogram::with_opts(
            HistogramOpts::new("db_writer_batch_size", "Writes committed together in one transaction")
                .buckets(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0]),
        )?;
        let writer_commit = prometheus::Histogram::with_opts(
            HistogramOpts::new("db_writer_commit_seconds", "Time to run and commit one writer batch")
                .buckets(vec![0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0]),
        )?;
        let limiter_clients = IntGauge::new("rate_limiter_tracked_clients", "Clients the comment limiter tracks")?;
        let comment_reasons = IntCounterVec::new(
            Opts::new(
                "comment_reasons_total",
                "Reasons comments were held or refused, by stored status and reason code",
            ),
            &["status", "reason"],
        )?;
        let reports =
            IntCounterVec::new(Opts::new("reports_total", "Reader reports received, by reason"), &["reason"])?;
        let decisions = IntCounterVec::new(
            Opts::new("moderator_decisions_total", "Moderator decisions on comments, by action"),
            &["action"],
        )?;
        let decision_latency = HistogramVec::new(
            HistogramOpts::new(
                "moderation_decision_seconds",
                "Time from a comment's posting to a moderator's decision",
            )
            .buckets(vec![60.0, 300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 43200.0, 86400.0, 259200.0]),
            &["action"],
        )?;
        let queue_depth = IntGauge::new("moderation_queue_depth", "Comments waiting for a moderator")?;
        let backups = IntCounterVec::new(Opts::new("backups_total", "Scheduled backups, by result"), &["result"])?;
        let webhook_attempts = IntCounterVec::new(
            Opts::new("webhook_attempts_total", "Webhook delivery attempts, by outcome (delivered, retry, failed)"),
            &["outcome"],
        )?;
        let last_backup =
            IntGauge::new("last_backup_timestamp_seconds", "Unix time of the last successful scheduled backup")?;
        let ip_hashes_purged =
            prometheus::IntCounter::new("ip_hashes_purged_total", "IP hashes erased by the retention purge")?;
        let password_verifications = prometheus::IntCounter::new(
            "password_verifications_total",
            "Argon2 password verifications at sign-in, unknown accounts' included",
        )?;
        registry.register(Box::new(password_verifications.clone()))?;
        registry.register(Box::new(comment_reasons.clone()))?;
        registry.register(Box::new(reports.clone()))?;
        registry.register(Box::new(decisions.clone()))?;
        registry.register(Box::new(decision_latency.clone()))?;
        registry.register(Box::new(queue_depth.clone()))?;
        registry.register(Box::new(backups.clone()))?;
        registry.register(Box::new(webhook_attempts.clone()))?;
        registry.register(Box::new(last_backup.clone()))?;
        registry.register(Box::new(ip_hashes_purged.clone()))?;
        let page_cache = IntCounterVec::new(
            Opts::new("page_cache_total", "Anonymous article page requests, by how the cache answered"),
            &["outcome"],
        )?;
        registry.register(Box::new(page_cache.clone()))?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_latency.clone()))?;
        registry.register(Box::new(comments.clone()))?;
        registry.register(Box::new(rate_limited.clone()))?;
        registry.register(Box::new(writer_batch.clone()))?;
        registry.register(Box::new(writer_commit.clone()))?;
        registry.register(Box::new(limiter_clients.clone()))?;
        Ok(Self {
            registry,
            http_requests,
            http_latency,
            comments,
            rate_limited,
            writer_batch,
            writer_commit,
            limiter_clients,
            comment_reasons,
            reports,
            decisions,
            decision_latency,
            queue_depth,
            backups,
            webhook_attempts,
            last_backup,
            ip_hashes_purged,
            password_verifications,
            page_cache,
        })
    }

    /// A moderator decided on a comment (`approve`, `reject`, `spam`, `delete`, ...), `seconds`
    /// after it was posted. The moderation console calls this once per decision.
    pub fn observe_decision(&self, action: &str, seconds: f64) {
        self.decisions.with_label_values(&[action]).inc();
        self.decision_latency.with_label_values(&[action]).observe(seconds.max(0.0));
    }

    /// A reader reported a comment for `reason` (`spam`, `harassment`, ...).
    pub fn observe_report(&self, reason: &str) {
        self.reports.with_label_values(&[reason]).inc();
    }

    /// A comment was stored with `status` for these reason codes.
    pub fn observe_reasons<'a>(&self, status: &str, codes: impl IntoIterator<Item = &'a str>) {
        for code in codes {
            self.comment_reasons.with_label_values(&[status, code]).inc();
        }
    }

    pub fn observe_request(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let status = status.to_string();
        let labels = [route, method, status.as_str()];
        self.http_requests.with_label_values(&labels).inc();
        self.http_latency.with_label_values(&labels).observe(elapsed.as_secs_f64());
    }

    pub fn observe_batch(&self, size: usize, elapsed: Duration) {
        self.writer_batch.observe(size as f64);
        self.writer_commit.observe(elapsed.as_secs_f64());
    }

    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        if TextEncoder::new().encode(&self.registry.gather(), &mut buf).is_err() {
            return String::new();
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}
