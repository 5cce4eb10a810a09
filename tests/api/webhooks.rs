// Webhooks: each event reaches a real receiver on 127.0.0.1 once, signed as Standard Webhooks
// say; a receiver that fails gets retries with growing delays and, past the time allowed, the
// delivery is marked failed; a target that resolves to an internal address is refused by
// default; the console's list and retry are for admins only.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use commentdesk::config::{Settings, WebhookTarget};
use commentdesk::domain::moderator::Role;
use commentdesk::webhooks::{EventKind, Format};
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::helpers::{SLUG, TestApp, client};
use super::moderation::{csrf, decide_form, fast, held, moderator};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    at: Instant,
    headers: HashMap<String, String>,
    body: String,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or_else(|| panic!("no {name} header: {:?}", self.headers))
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 that answers every request with `status`.
struct Receiver {
    port: u16,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    async fn start(status: u16) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Receiver::on(listener, status)
    }

    fn on(listener: tokio::net::TcpListener, status: u16) -> Receiver {
        let port = listener.local_addr().unwrap().port();
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let log = got.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let log = log.clone();
                tokio::spawn(async move {
                    if let Some(r) = read_request(&mut stream).await {
                        log.lock().unwrap().push(r);
                    }
                    let answer = format!("HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
                    let _ = stream.write_all(answer.as_bytes()).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Receiver { port, got }
    }

    fn url(&self, host: &str) -> String {
        format!("http://{host}:{}/hook?site=news", self.port)
    }

    fn all(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits until `n` requests have come (10 s at most).
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let all = self.all();
            if all.len() >= n {
                return all;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "only {} of {n} deliveries came: {all:#?}", all.len());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?.to_string();
    let mut headers: HashMap<String, String> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
    headers.insert(":request".into(), request_line);
    let len: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    while buf.len() < head_end + len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..(head_end + len).min(buf.len())]).to_string();
    Some(Received { at: Instant::now(), headers, body })
}

/// Checks `webhook-signature` as a receiver would, with its own HMAC over `id.timestamp.body`.
fn verify(r: &Received) {
    let key = STANDARD.decode(SECRET.strip_prefix("whsec_").unwrap()).unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", r.header("webhook-id"), r.header("webhook-timestamp"), r.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    let sent: Vec<&str> = r.header("webhook-signature").split(' ').collect();
    assert!(sent.contains(&expected.as_str()), "signature {sent:?} is not {expected}");
    let ts: i64 = r.header("webhook-timestamp").parse().unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    assert!((now - ts).abs() < 60, "the timestamp is the time of sending: {ts} vs {now}");
}

fn target(url: String, events: &[EventKind], format: Format) -> WebhookTarget {
    WebhookTarget { url, events: events.to_vec(), secret: Some(SECRET.into()), format }
}

/// Targets on 127.0.0.1 (allowed here), fast retries, fast password hashing.
fn with_targets(s: &mut Settings, targets: Vec<WebhookTarget>) {
    fast(s);
    s.webhooks.allow_private_targets = true;
    s.webhooks.retry_base_ms = 200;
    s.webhooks.timeout_secs = 2;
    s.webhooks.targets = targets;
}

async fn spawn(customize: impl FnOnce(&mut Settings)) -> TestApp {
    super::helpers::spawn_app_with(customize).await
}

/// `(status, attempts, last_status, last_error)` of every delivery, oldest first.
async fn deliveries(app: &TestApp) -> Vec<(String, i64, Option<i64>, Option<String>)> {
    app.rows("SELECT status, attempts, last_status, last_error FROM webhook_deliveries ORDER BY id", &[])
        .await
        .into_iter()
        .map(|r| (r[0].text().unwrap(), r[1].int().unwrap(), r[2].int(), r[3].text()))
        .collect()
}

async fn wait_for_status(app: &TestApp, status: &str) -> Vec<(String, i64, Option<i64>, Option<String>)> {
    let start = Instant::now();
    loop {
        let d = deliveries(app).await;
        if !d.is_empty() && d.iter().all(|r| r.0 == status) {
            return d;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "deliveries never all became {status}: {d:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn each_event_reaches_the_receiver_exactly_once_and_signed() {
    let all = Receiver::start(200).await;
    let slack = Receiver::start(200).await;
    let app = spawn(|s| {
        with_targets(
            s,
            vec![
                target(all.url("127.0.0.1"), &EventKind::ALL, Format::Standard),
                target(slack.url("127.0.0.1"), &[EventKind::Held], Format::Slack),
            ],
        )
    })
    .await;
    let admin = moderator(&app, "root", Role::Admin).await;

    // Published, then held; a report; a decision; an edit; a deletion.
    let r = app.post_json(json!({"body": "The embassy statement was clear and measured.", "author": "Ann"})).await;
    assert_eq!(r.status(), 201);
    let acknowledged = Instant::now();
    let published = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let held_id = held(&app, "You idiot, nobody cares.").await;
    let r = client()
        .post(app.url(&format!("/api/comments/{published}/reports")))
        .json(&json!({"reason": "off_topic"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(decide_form(&app, &admin, held_id, "approve", "pending", "").await.status(), StatusCode::SEE_OTHER);
    let r = app
        .client
        .patch(app.url(&format!("/api/comments/{published}")))
        .json(&json!({"body": "The embassy statement was clear, measured and late."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app.client.delete(app.url(&format!("/api/comments/{published}"))).send().await.unwrap();
    assert_eq!(r.status(), 204);

    let first = all.wait_for(1).await[0].at;
    eprintln!("webhooks: the first event arrived {:?} after its comment was acknowledged", first - acknowledged);
    all.wait_for(6).await;
    slack.wait_for(1).await;
    // Nothing more comes: each event once.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let got = all.all();
    let mut seen: Vec<(String, i64)> = got
        .iter()
        .map(|r| {
            let v = r.json();
            (v["type"].as_str().unwrap().to_string(), v["data"]["comment"]["id"].as_i64().unwrap())
        })
        .collect();
    seen.sort();
    let mut want = vec![
        ("comment.published".to_string(), published),
        ("comment.held".to_string(), held_id),
        ("comment.reported".to_string(), published),
        ("comment.decided".to_string(), held_id),
        ("comment.edited".to_string(), published),
        ("comment.deleted".to_string(), published),
    ];
    want.sort();
    assert_eq!(seen, want, "every event exactly once");
    let mut ids: Vec<&str> = got.iter().map(|r| r.header("webhook-id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "a webhook-id per event");
    for r in &got {
        verify(r);
        assert!(r.header(":request").starts_with("POST /hook?site=news HTTP/1.1"), "{}", r.header(":request"));
        assert_eq!(r.header("content-type"), "application/json");
        let v = r.json();
        assert!(v["timestamp"].as_str().unwrap().ends_with('Z'), "{v}");
        // Never the commenter's address hash or author key.
        for column in ["ip_hash", "author_key"] {
            let sql = format!("SELECT {column} FROM comments WHERE id = ?1");
            if let Some(secret_value) = app.value(&sql, &[held_id.into()]).await.text() {
                assert!(!r.body.contains(&secret_value), "{column} leaked: {}", r.body);
            }
        }
    }
    let decided = got.iter().map(Received::json).find(|v| v["type"] == "comment.decided").unwrap();
    assert_eq!(decided["data"]["action"], "approve");
    assert_eq!(decided["data"]["moderator"], "root");
    assert_eq!(decided["data"]["comment"]["status"], "published");
    let held_event = got.iter().map(Received::json).find(|v| v["type"] == "comment.held").unwrap();
    assert_eq!(held_event["data"]["article"]["slug"], SLUG);
    assert!(held_event["data"]["console_url"].as_str().unwrap().contains(&format!("#c-{held_id}")));

    let s = &slack.all()[0];
    verify(s);
    let text = s.json()["text"].as_str().unwrap().to_string();
    assert!(text.starts_with("Held: 'You idiot, nobody cares.' on *ALERT: Moments After Russian Amb."), "{text}");
    assert!(text.contains("…*"), "the title is cut: {text}");
    assert!(text.contains("– open in console <http://127.0.0.1:"), "{text}");
    assert!(wait_for_status(&app, "delivered").await.iter().all(|d| d.1 == 1 && d.2 == Some(200)));
}

#[tokio::test]
async fn a_failing_receiver_gets_retries_with_growing_delays_then_the_delivery_fails() {
    let failing = Receiver::start(500).await;
    let app = spawn(|s| {
        with_targets(s, vec![target(failing.url("127.0.0.1"), &[EventKind::Published], Format::Standard)]);
        // Attempts at about 0, 0.2, 0.6 and 1.4 s; the next would be past 2 s.
        s.webhooks.retry_for_secs = 2;
    })
    .await;
    let r = app.post_json(json!({"body": "A plain comment about the embassy."})).await;
    assert_eq!(r.status(), 201);
    let got = failing.wait_for(4).await;
    let gaps: Vec<Duration> = got.windows(2).map(|w| w[1].at - w[0].at).collect();
    eprintln!("webhooks: retries after {gaps:?} (retry_base_ms = 200)");
    assert!(gaps[0] >= Duration::from_millis(150), "the first retry waits the base delay: {gaps:?}");
    assert!(gaps.windows(2).all(|g| g[1] > g[0] + Duration::from_millis(100)), "each wait longer: {gaps:?}");
    let id = got[0].header("webhook-id");
    assert!(got.iter().all(|r| r.header("webhook-id") == id), "one webhook-id across retries");
    for r in &got {
        verify(r);
    }
    let failed = wait_for_status(&app, "failed").await;
    let (_, attempts, code, error) = &failed[0];
    assert_eq!((*attempts, *code), (4, Some(500)), "{failed:?}");
    let error = error.clone().unwrap();
    assert!(error.contains("HTTP 500") && error.contains("gave up after 4 attempts"), "{error}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(failing.all().len(), 4, "no attempt after the delivery failed");
    let metrics = app.get_text("/metrics").await;
    assert!(metrics.contains(r#"commentdesk_webhook_attempts_total{outcome="retry"} 3"#), "{metrics}");
    assert!(metrics.contains(r#"commentdesk_webhook_attempts_total{outcome="failed"} 1"#), "{metrics}");
}

#[tokio::test]
async fn a_target_that_resolves_to_an_internal_address_is_refused_by_default() {
    let receiver = Receiver::start(200).await;
    let app = spawn(|s| {
        with_targets(s, vec![target(receiver.url("localhost"), &[EventKind::Published], Format::Standard)]);
        s.webhooks.allow_private_targets = false;
    })
    .await;
    let r = app.post_json(json!({"body": "A plain comment about the embassy."})).await;
    assert_eq!(r.status(), 201);
    let failed = wait_for_status(&app, "failed").await;
    let error = failed[0].3.clone().unwrap();
    assert!(error.starts_with("refused: localhost resolves to"), "{error}");
    assert!(error.contains("loopback") && error.contains("allow_private_targets"), "{error}");
    assert_eq!(failed[0].2, None, "no HTTP status: nothing was sent");
    assert!(receiver.all().is_empty(), "the internal receiver got nothing");
    let admin = moderator(&app, "root", Role::Admin).await;
    let page = admin.get(app.url("/moderation/webhooks")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("refused: localhost resolves to"), "the console shows why");

    // An internal address written in the URL is refused at start.
    let mut settings = Settings::default();
    settings.webhooks.targets = vec![target("http://10.0.0.7/hook".into(), &[EventKind::Held], Format::Standard)];
    let err = commentdesk::startup::Application::build(settings).await.err().expect("refused at start");
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("10.0.0.7 is a private address"), "{err}");
}

#[tokio::test]
async fn only_admins_see_the_deliveries_and_retry_one() {
    let receiver = Receiver::start(200).await;
    let app = spawn(|s| with_targets(s, vec![target(receiver.url("127.0.0.1"), &EventKind::ALL, Format::Standard)])).await;
    let admin = moderator(&app, "root", Role::Admin).await;
    let plain = moderator(&app, "ann", Role::Moderator).await;
    let r = app.post_json(json!({"body": "A plain comment about the embassy."})).await;
    assert_eq!(r.status(), 201);
    receiver.wait_for(1).await;
    wait_for_status(&app, "delivered").await;

    let r = client().get(app.url("/moderation/webhooks")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "anonymous: to the sign-in page");
    assert_eq!(plain.get(app.url("/moderation/webhooks")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let page = admin.get(app.url("/moderation/webhooks")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("comment.published") && page.contains("delivered"), "{page}");
    assert!(page.contains(r#"href="/moderation/webhooks" aria-current="page""#), "in the console's navigation");
    assert!(!page.contains("/hook?site=news"), "the target's path (often a token) is not shown");

    assert_eq!(client().get(app.url("/api/moderation/webhooks")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(plain.get(app.url("/api/moderation/webhooks")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let v: Value = admin.get(app.url("/api/moderation/webhooks")).send().await.unwrap().json().await.unwrap();
    let d = &v["deliveries"][0];
    assert_eq!((d["event"].as_str(), d["status"].as_str(), d["status_code"].as_i64()), (Some("comment.published"), Some("delivered"), Some(200)));
    assert_eq!(d["attempts"], 1);
    let id = d["id"].as_i64().unwrap();
    let retry = app.url(&format!("/moderation/webhooks/{id}/retry"));

    let token = csrf(&app, &plain).await;
    assert_eq!(plain.post(&retry).form(&[("csrf", token.as_str())]).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(admin.post(&retry).form(&[("csrf", "0123")]).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let missing = app.url("/moderation/webhooks/999999/retry");
    let token = csrf(&app, &admin).await;
    assert_eq!(admin.post(&missing).form(&[("csrf", token.as_str())]).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.all().len(), 1, "refused retries sent nothing");
    let r = admin.post(&retry).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let got = receiver.wait_for(2).await;
    assert_eq!(got[0].header("webhook-id"), got[1].header("webhook-id"), "the same message again");
    let v: Value = admin.get(app.url("/api/moderation/webhooks")).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["deliveries"][0]["attempts"], 2);
}

#[tokio::test]
async fn two_nodes_on_one_database_send_each_delivery_once() {
    // On SQLite one server owns the file; several nodes share only a PostgreSQL database.
    if super::helpers::BACKEND != super::helpers::Backend::Postgres {
        return;
    }
    let Some(url) = crate::helpers::postgres_schema_url("two nodes sending webhooks").await else { return };
    let receiver = Receiver::start(200).await;
    let hook = target(receiver.url("127.0.0.1"), &[EventKind::Published], Format::Standard);
    let first = crate::helpers::spawn_node(&url, |s| with_targets(s, vec![hook.clone()])).await;
    let second = crate::helpers::spawn_node(&url, |s| with_targets(s, vec![hook.clone()])).await;
    let mut posted = Vec::new();
    for i in 0..12 {
        let node = if i % 2 == 0 { &first } else { &second };
        // Four words: never a repeat of the others.
        let r = node.post_json(json!({"body": format!("Point {i} about {}.", ["budget", "vote", "river"][i % 3])})).await;
        assert_eq!(r.status(), 201);
        posted.push(r.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    receiver.wait_for(12).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut got: Vec<i64> = receiver.all().iter().map(|r| r.json()["data"]["comment"]["id"].as_i64().unwrap()).collect();
    got.sort_unstable();
    assert_eq!(got, posted, "each comment's event once, whichever node sent it");
}
