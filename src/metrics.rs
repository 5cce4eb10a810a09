//! Prometheus metrics, one registry per app (no globals, so tests each see their own).
use std::time::Duration;

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};

pub struct Metrics {
    registry: Registry,
    pub http_requests: IntCounterVec,
    pub http_latency: HistogramVec,
    pub comments: IntCounterVec,
    pub rate_limited: IntCounterVec,
    pub reports: IntCounterVec,
    pub writer_batch: prometheus::Histogram,
    pub writer_commit: prometheus::Histogram,
    pub limiter_clients: IntGauge,
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
        let reports = IntCounterVec::new(
            Opts::new("reports_total", "Reader reports filed, by reason and whether they hid the comment"),
            &["reason", "hidden"],
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
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_latency.clone()))?;
        registry.register(Box::new(comments.clone()))?;
        registry.register(Box::new(rate_limited.clone()))?;
        registry.register(Box::new(reports.clone()))?;
        registry.register(Box::new(writer_batch.clone()))?;
        registry.register(Box::new(writer_commit.clone()))?;
        registry.register(Box::new(limiter_clients.clone()))?;
        Ok(Self {
            registry,
            http_requests,
            http_latency,
            comments,
            rate_limited,
            reports,
            writer_batch,
            writer_commit,
            limiter_clients,
        })
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
