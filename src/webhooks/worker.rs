//! The delivery worker: one task per node. It sleeps until the next delivery is due (at most a
//! second, or until this node's store wakes it after a commit), claims due deliveries with a
//! lease (so on PostgreSQL one node sends each, and a node that dies mid-send leaves them to the
//! others once the lease runs out), posts them and records what came of each.
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;

use super::guard::{self, Refusal};
use super::payload::{self, Source};
use super::send::{self, Post};
use super::{Attempt, Delivery, DeliveryStatus, Targets, backoff, now_ms};
use crate::i18n::Tr;
use crate::metrics::Metrics;
use crate::store::Store;

/// The longest the worker sleeps without looking (other nodes' new deliveries wait this long).
const POLL: Duration = Duration::from_secs(1);
/// Deliveries sent at once.
const BATCH: usize = 16;
/// Delivered and failed deliveries are kept this long for the console.
const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

/// Starts the worker when any target is configured. `tr` is the site's language, for the chat
/// format's readable line.
pub fn spawn(store: Arc<dyn Store>, targets: Arc<Targets>, base: String, tr: Tr, metrics: Arc<Metrics>) {
    if targets.targets.is_empty() {
        return;
    }
    tokio::spawn(run(store, targets, base, tr, metrics));
}

/// The lease on a claimed delivery: its attempt's timeout and a margin.
fn lease(targets: &Targets) -> i64 {
    i64::try_from((targets.timeout + Duration::from_secs(5)).as_millis()).unwrap_or(i64::MAX / 4)
}

async fn run(store: Arc<dyn Store>, targets: Arc<Targets>, base: String, tr: Tr, metrics: Arc<Metrics>) {
    let tls = send::tls_connector();
    if tls.is_none() && targets.targets.iter().any(|t| t.parsed.scheme() == "https") {
        tracing::warn!("no CA certificates found: deliveries to https targets will fail");
    }
    tracing::info!(targets = targets.targets.len(), "webhook deliveries started");
    let mut last_prune: Option<std::time::Instant> = None;
    loop {
        if last_prune.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600)) {
            last_prune = Some(std::time::Instant::now());
            let before = now_ms() - i64::try_from(KEEP.as_millis()).unwrap_or(0);
            if let Err(e) = store.prune_webhooks(before).await {
                tracing::warn!(error = %e, "pruning old webhook deliveries failed");
            }
        }
        let now = now_ms();
        let due = match store.webhook_next_due().await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "reading the webhook outbox failed");
                tokio::time::sleep(POLL).await;
                continue;
            }
        };
        if due.is_some_and(|at| at <= now) {
            match store.claim_webhooks(now, now.saturating_add(lease(&targets)), BATCH).await {
                Ok(batch) if !batch.is_empty() => {
                    let attempts =
                        join_all(batch.iter().map(|d| deliver(&store, &targets, tls.as_ref(), &base, tr, d))).await;
                    for a in attempts {
                        let outcome = match a.status {
                            DeliveryStatus::Delivered => "delivered",
                            DeliveryStatus::Pending => "retry",
                            DeliveryStatus::Failed => "failed",
                        };
                        metrics.webhook_attempts.with_label_values(&[outcome]).inc();
                        if let Err(e) = store.record_webhook(a).await {
                            // The lease runs out and the delivery is sent again: at least once.
                            tracing::warn!(error = %e, "recording a webhook attempt failed");
                        }
                    }
                    continue;
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "claiming webhook deliveries failed"),
            }
        }
        let wait = match due {
            Some(at) => {
                Duration::from_millis(u64::try_from(at - now).unwrap_or(0)).clamp(Duration::from_millis(10), POLL)
            }
            None => POLL,
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = store.outbox().woken() => {}
        }
    }
}

/// The target's URL as logs and the console show it: scheme, host and port. A path often holds
/// a token (Slack's URLs do).
pub fn shown_target(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => {
            let origin = u.origin().ascii_serialization();
            if u.path() == "/" && u.query().is_none() { origin } else { format!("{origin}/…") }
        }
        Err(_) => "(not a URL)".into(),
    }
}

async fn deliver(
    store: &Arc<dyn Store>,
    targets: &Targets,
    tls: Option<&tokio_rustls::TlsConnector>,
    base: &str,
    tr: Tr,
    d: &Delivery,
) -> Attempt {
    let now = now_ms();
    let done = |status: DeliveryStatus, http_status: Option<u16>, error: Option<String>| Attempt {
        id: d.id,
        status,
        http_status,
        error,
        next_attempt_at: now,
        now,
    };
    // Failed now, or again after the back-off while the delivery's time lasts.
    let retry = |http_status: Option<u16>, error: String| {
        let attempts = u32::try_from(d.attempts + 1).unwrap_or(u32::MAX);
        let wait = i64::try_from(backoff(targets.retry_base, attempts).as_millis()).unwrap_or(i64::MAX / 4);
        let next = now.saturating_add(wait);
        if next > d.expires_at {
            let secs = (d.expires_at - d.created_at) / 1000;
            let window = if secs >= 3600 { format!("{} hours", secs / 3600) } else { format!("{secs} s") };
            let error = format!("{error}; gave up after {attempts} attempts in {window}");
            done(DeliveryStatus::Failed, http_status, Some(error))
        } else {
            Attempt { next_attempt_at: next, ..done(DeliveryStatus::Pending, http_status, Some(error)) }
        }
    };
    let Some(target) = targets.by_url(&d.target) else {
        return done(DeliveryStatus::Failed, None, Some("the target is no longer in the configuration".into()));
    };
    let addrs = match guard::resolve(&target.parsed, targets.allow_private).await {
        Ok(a) => a,
        Err(Refusal::Internal(why)) => {
            tracing::warn!(target = %shown_target(&d.target), reason = %why, "webhook target refused");
            return done(DeliveryStatus::Failed, None, Some(format!("refused: {why}")));
        }
        Err(Refusal::Lookup(why)) => return retry(None, why),
    };
    let comment = match store.comment_by_id(d.comment_id).await {
        Ok(c) => c,
        Err(e) => return retry(None, format!("reading the comment: {e}")),
    };
    let article = match &comment {
        Some(c) => match store.article_by_id(c.article_id).await {
            Ok(a) => a,
            Err(e) => return retry(None, format!("reading the article: {e}")),
        },
        None => None,
    };
    let body = payload::body(
        target.format,
        &Source { delivery: d, comment: comment.as_ref(), article: article.as_ref(), base, tr },
    );
    let timestamp = now / 1000;
    let mut headers = vec![("webhook-id", d.msg_id.clone()), ("webhook-timestamp", timestamp.to_string())];
    if let Some(secret) = &target.secret {
        headers.push(("webhook-signature", secret.sign(&d.msg_id, timestamp, &body)));
    }
    let post = Post { url: &target.parsed, addrs: &addrs, headers, body, timeout: targets.timeout };
    match send::post(post, tls).await {
        Ok(code) if (200..300).contains(&code) => done(DeliveryStatus::Delivered, Some(code), None),
        Ok(code) => retry(Some(code), format!("HTTP {code}")),
        Err(e) => retry(None, e),
    }
}

#[cfg(test)]
mod tests {
    use super::shown_target;

    #[test]
    fn the_console_shows_a_target_without_its_path() {
        assert_eq!(shown_target("https://hooks.slack.com/services/T0/B0/secret"), "https://hooks.slack.com/…");
        assert_eq!(shown_target("http://127.0.0.1:9000/"), "http://127.0.0.1:9000");
    }
}
