//! Webhooks: comment events posted to other systems (a newsroom's chat, a CMS), never lost.
//!
//! - The store writes one row per (event, target) into the outbox table `webhook_deliveries` in
//!   the same transaction as the change itself ([`Outbox::rows`]), so a crash either keeps both
//!   or neither: no delivery is lost and none is invented.
//! - [`worker`] claims due rows (on PostgreSQL with `FOR UPDATE SKIP LOCKED` and a lease, so one
//!   node sends each), posts them and records the outcome: delivered, a retry after an
//!   exponential back-off, or failed once `retry_for_secs` (24 hours) have passed.
//! - [`guard`] refuses internal addresses after DNS resolution and [`send`] connects to exactly
//!   the address it checked.
//! - [`payload`] builds the Standard Webhooks body (or Slack's `{"text": ...}`); [`sign`] signs it.
pub mod guard;
pub mod payload;
pub mod send;
pub mod sign;
pub mod worker;

use std::sync::RwLock;
use std::time::Duration;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::json;
use url::Url;

use crate::config::WebhookSettings;
use crate::domain::comment::CommentStatus;

/// What happened to a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// A new comment was published at once.
    #[serde(rename = "comment.published")]
    Published,
    /// A new comment was held for a moderator.
    #[serde(rename = "comment.held")]
    Held,
    /// A reader reported a comment.
    #[serde(rename = "comment.reported")]
    Reported,
    /// A moderator approved, rejected, marked as spam or banned (or undid such a decision).
    #[serde(rename = "comment.decided")]
    Decided,
    /// The author changed the text.
    #[serde(rename = "comment.edited")]
    Edited,
    /// The author deleted the comment.
    #[serde(rename = "comment.deleted")]
    Deleted,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Published,
        EventKind::Held,
        EventKind::Reported,
        EventKind::Decided,
        EventKind::Edited,
        EventKind::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Published => "comment.published",
            EventKind::Held => "comment.held",
            EventKind::Reported => "comment.reported",
            EventKind::Decided => "comment.decided",
            EventKind::Edited => "comment.edited",
            EventKind::Deleted => "comment.deleted",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// How a target wants its events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Standard Webhooks: `{type, timestamp, data}`, signed.
    #[default]
    Standard,
    /// A Slack incoming webhook: `{"text": "Held: '…' on *…* – open in console <…>"}`.
    Slack,
}

/// One configured target, checked.
#[derive(Debug, Clone)]
pub struct Target {
    /// As configured: the outbox names the target by it.
    pub url: String,
    pub parsed: Url,
    pub events: Vec<EventKind>,
    pub secret: Option<sign::Secret>,
    pub format: Format,
}

/// The checked `[webhooks]` section.
#[derive(Debug, Clone)]
pub struct Targets {
    pub targets: Vec<Target>,
    pub allow_private: bool,
    pub retry_base: Duration,
    pub retry_for: Duration,
    pub timeout: Duration,
}

impl Targets {
    /// Checks every target; the message names the offending key.
    pub fn from_settings(s: &WebhookSettings) -> Result<Targets, String> {
        if s.retry_base_ms == 0 {
            return Err("webhooks.retry_base_ms: must be at least 1".into());
        }
        if s.retry_for_secs == 0 {
            return Err("webhooks.retry_for_secs: must be at least 1".into());
        }
        if s.timeout_secs == 0 {
            return Err("webhooks.timeout_secs: must be at least 1".into());
        }
        let mut targets: Vec<Target> = Vec::with_capacity(s.targets.len());
        for (i, t) in s.targets.iter().enumerate() {
            let key = |k: &str| format!("webhooks.targets[{i}].{k}");
            let parsed =
                Url::parse(t.url.trim()).map_err(|e| format!("{}: {:?} is not a URL ({e})", key("url"), t.url))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(format!("{}: only http and https URLs are allowed, not {}:", key("url"), parsed.scheme()));
            }
            let Some(host) = parsed.host() else {
                return Err(format!("{}: {:?} has no host", key("url"), t.url));
            };
            if !parsed.username().is_empty() || parsed.password().is_some() {
                return Err(format!(
                    "{}: user names and passwords in the URL are not supported; sign with `secret` instead",
                    key("url")
                ));
            }
            // An address written in the URL needs no DNS: refused now rather than at every delivery.
            if !s.allow_private_targets {
                let ip = match host {
                    url::Host::Ipv4(v4) => Some(std::net::IpAddr::V4(v4)),
                    url::Host::Ipv6(v6) => Some(std::net::IpAddr::V6(v6)),
                    url::Host::Domain(_) => None,
                };
                if let Some(ip) = ip
                    && let Some(kind) = guard::forbidden(ip)
                {
                    return Err(format!(
                        "{}: {ip} is a {kind} address; webhooks may not reach the internal network \
                         (set webhooks.allow_private_targets = true to allow it)",
                        key("url")
                    ));
                }
            }
            if t.events.is_empty() {
                let all: Vec<&str> = EventKind::ALL.iter().map(|e| e.as_str()).collect();
                return Err(format!("{}: name at least one of {}", key("events"), all.join(", ")));
            }
            let secret = match &t.secret {
                Some(s) => Some(sign::Secret::parse(s).map_err(|e| format!("{}: {e}", key("secret")))?),
                None if t.format == Format::Standard => {
                    return Err(format!(
                        "{}: required for the standard format (a whsec_ secret the receiver shares)",
                        key("secret")
                    ));
                }
                None => None,
            };
            let url = t.url.trim().to_string();
            if targets.iter().any(|o| o.url == url) {
                return Err(format!("{}: {url} is listed twice; list its events once", key("url")));
            }
            let mut events = t.events.clone();
            events.dedup();
            targets.push(Target { url, parsed, events, secret, format: t.format });
        }
        Ok(Targets {
            targets,
            allow_private: s.allow_private_targets,
            retry_base: Duration::from_millis(s.retry_base_ms),
            retry_for: Duration::from_secs(s.retry_for_secs),
            timeout: Duration::from_secs(s.timeout_secs),
        })
    }

    pub fn by_url(&self, url: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.url == url)
    }
}

/// Something that happened to a comment, as the store's write paths report it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub comment_id: i64,
    /// What only the moment of the change knows (the decision, the report's reason), merged into
    /// the payload's `data` at delivery; the comment itself is read then.
    pub facts: serde_json::Value,
}

impl NewEvent {
    pub fn new(kind: EventKind, comment_id: i64, facts: serde_json::Value) -> NewEvent {
        NewEvent { kind, comment_id, facts }
    }

    /// A new comment: published or held. Spam and rejections are no one's news.
    pub fn new_comment(id: i64, status: CommentStatus, reason_codes: &[String]) -> Option<NewEvent> {
        let kind = match status {
            CommentStatus::Published => EventKind::Published,
            CommentStatus::Pending => EventKind::Held,
            _ => return None,
        };
        Some(NewEvent::new(kind, id, json!({ "status": status.as_str(), "reasons": reason_codes })))
    }

    pub fn edited(id: i64, status: CommentStatus) -> NewEvent {
        NewEvent::new(EventKind::Edited, id, json!({ "status": status.as_str() }))
    }

    /// A status set by the author: only a deletion is an event.
    pub fn status_set(id: i64, status: CommentStatus) -> Option<NewEvent> {
        (status == CommentStatus::Deleted)
            .then(|| NewEvent::new(EventKind::Deleted, id, json!({ "status": "deleted" })))
    }

    pub fn reported(id: i64, reason: &str, hidden: bool) -> NewEvent {
        NewEvent::new(EventKind::Reported, id, json!({ "report_reason": reason, "hidden": hidden }))
    }

    /// A moderator's decision (`action`: approve, reject, spam, ban, undo).
    pub fn decided(
        id: i64,
        action: &str,
        before: CommentStatus,
        status: CommentStatus,
        moderator: &str,
        reason: &str,
    ) -> NewEvent {
        NewEvent::new(
            EventKind::Decided,
            id,
            json!({
                "action": action,
                "status": status.as_str(),
                "previous_status": before.as_str(),
                "moderator": moderator,
                "reason": reason,
            }),
        )
    }

    /// An undo: the comment has its status from before the decision again.
    pub fn undone(id: i64, status: CommentStatus, moderator: &str) -> NewEvent {
        NewEvent::new(
            EventKind::Decided,
            id,
            json!({ "action": "undo", "status": status.as_str(), "moderator": moderator, "reason": "undo" }),
        )
    }

    /// The events of a decision: the comment decided, and the author's pending comments a ban
    /// rejected with it.
    pub fn for_decision(d: &crate::store::Decided, action: &str, moderator: &str, reason: &str) -> Vec<NewEvent> {
        let mut out = vec![NewEvent::decided(d.id, action, d.before, d.status, moderator, reason)];
        for (id, _) in d.trained.iter().filter(|(id, _)| *id != d.id) {
            out.push(NewEvent::decided(
                *id,
                "reject",
                CommentStatus::Pending,
                CommentStatus::Rejected,
                moderator,
                "author banned",
            ));
        }
        out
    }
}

/// A row for the outbox, made inside the transaction of its change.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    /// The Standard Webhooks `webhook-id`, shared by the event's targets and kept across retries,
    /// so receivers can drop repeats.
    pub msg_id: String,
    pub event: EventKind,
    pub target: String,
    pub comment_id: i64,
    pub facts: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub next_attempt_at: i64,
    /// Past this, a failing delivery is given up.
    pub expires_at: i64,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> DeliveryStatus {
        match s {
            "delivered" => DeliveryStatus::Delivered,
            "failed" => DeliveryStatus::Failed,
            _ => DeliveryStatus::Pending,
        }
    }
}

/// One outbox row as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub id: i64,
    pub msg_id: String,
    pub event: String,
    pub target: String,
    pub comment_id: i64,
    #[serde(skip)]
    pub facts: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    pub next_attempt_at: i64,
    pub expires_at: i64,
    /// The HTTP status of the last attempt that got an answer.
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub updated_at: Option<i64>,
}

/// What one attempt came to, as the store records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub id: i64,
    pub status: DeliveryStatus,
    pub http_status: Option<u16>,
    pub error: Option<String>,
    /// For a retry: when (Unix milliseconds).
    pub next_attempt_at: i64,
    pub now: i64,
}

/// Which targets want which events, shared by the store (which writes the rows) and the worker
/// (which it wakes after a commit that wrote some). Empty until the server configures it, so
/// command-line tasks and tests without targets write nothing.
#[derive(Default)]
pub struct Outbox {
    subscriptions: RwLock<Vec<(String, Vec<EventKind>)>>,
    retry_for_ms: std::sync::atomic::AtomicI64,
    wake: tokio::sync::Notify,
}

impl Outbox {
    pub fn configure(&self, targets: &Targets) {
        if let Ok(mut s) = self.subscriptions.write() {
            *s = targets.targets.iter().map(|t| (t.url.clone(), t.events.clone())).collect();
        }
        let ms = i64::try_from(targets.retry_for.as_millis()).unwrap_or(i64::MAX);
        self.retry_for_ms.store(ms, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether any target is configured (the write paths skip their work otherwise).
    pub fn active(&self) -> bool {
        self.subscriptions.read().map(|s| !s.is_empty()).unwrap_or(false)
    }

    /// The outbox rows for these events: one per event and target that wants it.
    pub fn rows(&self, events: &[NewEvent]) -> Vec<OutboxRow> {
        let Ok(subs) = self.subscriptions.read() else { return Vec::new() };
        if subs.is_empty() || events.is_empty() {
            return Vec::new();
        }
        let now = now_ms();
        let retry_for = self.retry_for_ms.load(std::sync::atomic::Ordering::Relaxed);
        let mut out = Vec::new();
        for e in events {
            let msg_id = message_id();
            let facts = e.facts.to_string();
            for (url, kinds) in subs.iter().filter(|(_, kinds)| kinds.contains(&e.kind)) {
                let _ = kinds;
                out.push(OutboxRow {
                    msg_id: msg_id.clone(),
                    event: e.kind,
                    target: url.clone(),
                    comment_id: e.comment_id,
                    facts: facts.clone(),
                    created_at: now,
                    next_attempt_at: now,
                    expires_at: now.saturating_add(retry_for),
                });
            }
        }
        out
    }

    /// After a commit that wrote rows: the worker looks at once rather than at its next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.wake.notified().await;
    }
}

/// `msg_` and 32 hex digits: unique without coordination between nodes.
fn message_id() -> String {
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    format!("msg_{}", hex::encode(b))
}

pub fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// The longest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(3600);

/// The wait after the `attempts`-th failed attempt: `base`, then twice as long each time, at
/// most [`MAX_DELAY`].
pub fn backoff(base: Duration, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(31));
    base.saturating_mul(factor).min(MAX_DELAY)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::WebhookTarget;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    fn target(url: &str) -> WebhookTarget {
        WebhookTarget {
            url: url.into(),
            events: vec![EventKind::Held],
            secret: Some(SECRET.into()),
            format: Format::Standard,
        }
    }

    fn check(targets: Vec<WebhookTarget>, allow_private: bool) -> Result<Targets, String> {
        Targets::from_settings(&WebhookSettings {
            targets,
            allow_private_targets: allow_private,
            ..WebhookSettings::default()
        })
    }

    #[test]
    fn only_http_and_https_targets_are_accepted() {
        assert!(check(vec![target("https://hooks.example/x")], false).is_ok());
        let err = check(vec![target("ftp://hooks.example/x")], false).unwrap_err();
        assert!(err.contains("webhooks.targets[0].url") && err.contains("only http and https"), "{err}");
        let err = check(vec![target("file:///etc/passwd")], false).unwrap_err();
        assert!(err.contains("only http and https"), "{err}");
        assert!(check(vec![target("not a url")], false).is_err());
    }

    #[test]
    fn internal_addresses_written_in_the_url_are_refused_unless_allowed() {
        for url in ["http://10.1.2.3/hook", "http://127.0.0.1:9000/", "http://[::1]/", "http://169.254.169.254/"] {
            let err = check(vec![target(url)], false).unwrap_err();
            assert!(err.contains("allow_private_targets"), "{url}: {err}");
        }
        assert!(check(vec![target("http://127.0.0.1:9000/")], true).is_ok());
    }

    #[test]
    fn a_standard_target_needs_a_valid_secret_and_a_slack_one_does_not() {
        let mut t = target("https://hooks.example/x");
        t.secret = None;
        assert!(check(vec![t.clone()], false).unwrap_err().contains("secret"));
        t.secret = Some("whsec_not base64!".into());
        assert!(check(vec![t.clone()], false).unwrap_err().contains("secret"));
        t.secret = None;
        t.format = Format::Slack;
        assert!(check(vec![t], false).is_ok());
    }

    #[test]
    fn unknown_events_are_refused_when_the_configuration_is_read() {
        let toml = r#"
            [[targets]]
            url = "https://hooks.example/x"
            events = ["comment.held", "comment.liked"]
            secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        "#;
        let err = toml::from_str::<WebhookSettings>(toml).unwrap_err().to_string();
        assert!(err.contains("comment.liked") && err.contains("comment.published"), "{err}");
        let mut t = target("https://hooks.example/x");
        t.events.clear();
        assert!(check(vec![t], false).unwrap_err().contains("at least one"));
    }

    #[test]
    fn rows_go_to_the_targets_that_want_the_event() {
        let outbox = Outbox::default();
        let mut a = target("https://a.example/");
        a.events = vec![EventKind::Held, EventKind::Published];
        let b = target("https://b.example/");
        outbox.configure(&check(vec![a, b], false).unwrap());
        let rows = outbox.rows(&[
            NewEvent::new(EventKind::Held, 7, serde_json::json!({})),
            NewEvent::new(EventKind::Published, 8, serde_json::json!({})),
            NewEvent::new(EventKind::Deleted, 9, serde_json::json!({})),
        ]);
        let got: Vec<(i64, &str)> = rows.iter().map(|r| (r.comment_id, r.target.as_str())).collect();
        assert_eq!(got, vec![(7, "https://a.example/"), (7, "https://b.example/"), (8, "https://a.example/")]);
        assert_eq!(rows[0].msg_id, rows[1].msg_id, "one event, one webhook-id for every target");
        assert_ne!(rows[0].msg_id, rows[2].msg_id);
        assert_eq!(rows[0].expires_at - rows[0].created_at, 24 * 3600 * 1000);
        assert!(Outbox::default().rows(&[NewEvent::new(EventKind::Held, 1, serde_json::json!({}))]).is_empty());
    }

    #[test]
    fn back_off_doubles_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (1..=5).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480]);
        assert_eq!(backoff(base, 40), MAX_DELAY);
    }
}
