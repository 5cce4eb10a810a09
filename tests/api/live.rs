// Live pages: the article's event stream (Server-Sent Events) read by a plain HTTP client, and the
// moderators' stream.
use std::time::{Duration, Instant};

use commentdesk::domain::moderator::Role;
use reqwest::StatusCode;
use serde_json::{Value as Json, json};

use super::helpers::{SLUG, TestApp, Value, client, spawn_app_with};

/// One event as the stream sent it.
#[derive(Debug, Clone)]
pub(super) struct Event {
    pub id: Option<String>,
    pub event: Option<String>,
    pub data: String,
}

impl Event {
    fn json(&self) -> Json {
        serde_json::from_str(&self.data).unwrap()
    }
    fn seq(&self) -> i64 {
        self.id.as_deref().unwrap().parse().unwrap()
    }
    fn comment(&self) -> i64 {
        self.json()["id"].as_i64().unwrap()
    }
    fn kind(&self) -> String {
        self.json()["kind"].as_str().unwrap().to_string()
    }
}

/// A stream read as it arrives, as an EventSource would.
pub(super) struct Sse {
    resp: reqwest::Response,
    buf: String,
}

impl Sse {
    pub async fn open(app: &TestApp, c: &reqwest::Client, path: &str, last: Option<i64>) -> Sse {
        let mut req = c.get(app.url(path)).header("Accept", "text/event-stream");
        if let Some(n) = last {
            req = req.header("Last-Event-ID", n.to_string());
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        assert_eq!(resp.headers()["content-type"], "text/event-stream");
        Sse { resp, buf: String::new() }
    }

    /// The next event with data (keep-alive comments and `retry:` skipped), or `None` after `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<Event> {
        let deadline = Instant::now() + wait;
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut e = Event { id: None, event: None, data: String::new() };
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id: ") {
                        e.id = Some(v.to_string());
                    } else if let Some(v) = line.strip_prefix("event: ") {
                        e.event = Some(v.to_string());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        e.data.push_str(v);
                    }
                }
                if !e.data.is_empty() {
                    return Some(e);
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.resp.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buf.push_str(std::str::from_utf8(&bytes).unwrap()),
                Ok(Ok(None)) | Ok(Err(_)) | Err(_) => return None,
            }
        }
    }

    /// Events until one is about comment `id`, all of them; panics after `wait`.
    pub async fn until_comment(&mut self, id: i64, wait: Duration) -> Vec<Event> {
        let deadline = Instant::now() + wait;
        let mut seen = Vec::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
            let e = self.next(left).await.unwrap_or_else(|| panic!("no event for comment {id}; got {seen:?}"));
            let done = e.comment() == id;
            seen.push(e);
            if done {
                return seen;
            }
        }
    }
}

async fn spawn() -> TestApp {
    spawn_app_with(|s| {
        s.limits.comment_burst = 1000;
        // The texts here are alike; whether they repeat is not what these tests look at.
        s.moderation.duplicate_min_words = 10_000;
        s.moderation_console.argon2_memory_kib = 64;
        s.moderation_console.argon2_iterations = 1;
    })
    .await
}

fn events_path() -> String {
    format!("/articles/{SLUG}/events")
}

async fn post(app: &TestApp, body: &str, parent: Option<i64>) -> (i64, String) {
    let mut payload = json!({ "body": body, "author": "Reader" });
    if let Some(p) = parent {
        payload["parent_id"] = json!(p);
    }
    let r = client().post(app.url(&format!("/api/articles/{SLUG}/comments"))).json(&payload).send().await.unwrap();
    let v: Json = r.json().await.unwrap();
    (v["id"].as_i64().unwrap(), v["status"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn a_new_comments_event_arrives_within_a_second_of_its_acknowledgement() {
    let app = spawn().await;
    let mut stream = Sse::open(&app, &client(), &events_path(), None).await;
    let (id, status) = post(&app, "Live from the embassy: the street is closed.", None).await;
    let acknowledged = Instant::now();
    assert_eq!(status, "published");
    let events = stream.until_comment(id, Duration::from_secs(3)).await;
    let took = acknowledged.elapsed();
    assert!(took < Duration::from_secs(1), "the event took {took:?}");
    let e = events.last().unwrap();
    assert_eq!(e.kind(), "published");
    assert_eq!(e.seq(), 1, "the article's first event");
    assert_eq!(e.json()["parent"], Json::Null);
    // A reply names its parent, so the page can put it in its thread.
    let (reply, _) = post(&app, "A reply to the live comment.", Some(id)).await;
    let e = stream.until_comment(reply, Duration::from_secs(3)).await.pop().unwrap();
    assert_eq!((e.seq(), e.json()["parent"].as_i64()), (2, Some(id)));
}

#[tokio::test]
async fn a_stream_resumed_with_last_event_id_gets_every_event_after_it_in_order() {
    let app = spawn().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(post(&app, &format!("Comment number {i} before anyone listened."), None).await.0);
    }
    // As after a reconnect: the browser sends the last id it had.
    let mut resumed = Sse::open(&app, &client(), &events_path(), Some(1)).await;
    let got = resumed.until_comment(ids[2], Duration::from_secs(3)).await;
    let got: Vec<(i64, i64)> = got.iter().map(|e| (e.seq(), e.comment())).collect();
    assert_eq!(got, vec![(2, ids[1]), (3, ids[2])]);

    // Many comments at once, from many clients: every number once, in order, none missing.
    let posts = (0..24).map(|i| {
        let app = &app;
        async move { post(app, &format!("Comment {i} of a burst while the stream is open."), None).await.0 }
    });
    let burst: Vec<i64> = futures_util::future::join_all(posts).await;
    let mut seqs = Vec::new();
    let mut comments = Vec::new();
    while seqs.len() < burst.len() {
        let e = resumed.next(Duration::from_secs(3)).await.unwrap_or_else(|| panic!("stalled after {seqs:?}"));
        seqs.push(e.seq());
        comments.push(e.comment());
    }
    assert_eq!(seqs, (4..4 + burst.len() as i64).collect::<Vec<_>>(), "gap-free, in order");
    comments.sort_unstable();
    let mut expected = burst.clone();
    expected.sort_unstable();
    assert_eq!(comments, expected, "each comment exactly once");

    // A page that reconnects in the middle of the burst gets the rest, without gaps.
    let mut again = Sse::open(&app, &client(), &events_path(), Some(10)).await;
    let mut next = 11;
    while next < 4 + burst.len() as i64 {
        let e = again.next(Duration::from_secs(3)).await.unwrap();
        assert_eq!(e.seq(), next);
        next += 1;
    }
    // The page's own position, from the page: `?after=` starts there too.
    let page = app.anonymous_text(&format!("/articles/{SLUG}")).await;
    let at = page.find("/events?after=").map(|i| &page[i..i + 20]);
    assert!(page.contains(&format!("/articles/{SLUG}/events?after={}", 3 + burst.len())), "the page names {at:?}");
}

#[tokio::test]
async fn held_rejected_and_spam_comments_never_reach_a_stream_until_published() {
    let app = spawn().await;
    let mut stream = Sse::open(&app, &client(), &events_path(), None).await;
    let (held, status) = post(&app, "You idiot, nobody cares.", None).await;
    assert_eq!(status, "pending");
    let article = app.value("SELECT id FROM comments WHERE id = ?1", &[held.into()]).await;
    assert!(article.int().is_some());
    let aid = app.value("SELECT article_id FROM comments WHERE id = ?1", &[held.into()]).await.int().unwrap();
    for status in ["pending", "rejected", "spam"] {
        app.exec(
            "INSERT INTO comments (article_id, body_md, body_html, status, created_at) VALUES (?1, ?2, ?2, ?3, 0)",
            &[Value::from(aid), Value::from(format!("stored as {status}")), Value::from(status)],
        )
        .await;
    }
    let (fine, _) = post(&app, "A fine comment after the hidden ones.", None).await;
    let events = stream.until_comment(fine, Duration::from_secs(3)).await;
    let ids: Vec<i64> = events.iter().map(Event::comment).collect();
    assert_eq!(ids, vec![fine], "only the published comment");
    // A held comment's text changes: still nothing.
    app.exec("UPDATE comments SET body_html = 'changed' WHERE id = ?1", &[held.into()]).await;

    // A moderator approves the held comment: now readers are told.
    let c = super::moderation::moderator(&app, "ann", Role::Moderator).await;
    let r = super::moderation::decide_form(&app, &c, held, "approve", "pending", "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let events = stream.until_comment(held, Duration::from_secs(3)).await;
    assert_eq!(events.iter().map(Event::comment).collect::<Vec<_>>(), vec![held]);
    assert_eq!(events[0].kind(), "published");
    assert_eq!(events[0].seq(), 2);
    // And when it is removed again, they are told that too.
    let r = super::moderation::decide_form(&app, &c, held, "reject", "published", "abuse").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let e = stream.until_comment(held, Duration::from_secs(3)).await.pop().unwrap();
    assert_eq!((e.seq(), e.kind()), (3, "removed".to_string()));
    // The fragment the page inserts never holds a comment that is not published.
    let fragment = app.get_text(&format!("/articles/{SLUG}/live/comments?ids={held},{fine}")).await;
    assert!(fragment.contains(&format!("id=\"comment-{fine}\"")));
    assert!(!fragment.contains(&format!("id=\"comment-{held}\"")));
}

#[tokio::test]
async fn an_edit_and_a_deletion_are_told_in_place() {
    let app = spawn().await;
    let author = client();
    let r = author
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({ "body": "First version of my comment.", "author": "Reader" }))
        .send()
        .await
        .unwrap();
    let id = r.json::<Json>().await.unwrap()["id"].as_i64().unwrap();
    let mut stream = Sse::open(&app, &client(), &events_path(), Some(1)).await;
    let r = author
        .patch(app.url(&format!("/api/comments/{id}")))
        .json(&json!({ "body": "Second version of my comment." }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let e = stream.next(Duration::from_secs(3)).await.unwrap();
    assert_eq!((e.seq(), e.comment(), e.kind()), (2, id, "edited".to_string()));
    let r = author.delete(app.url(&format!("/api/comments/{id}"))).send().await.unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let e = stream.next(Duration::from_secs(3)).await.unwrap();
    assert_eq!((e.seq(), e.comment(), e.kind()), (3, id, "removed".to_string()));
}

#[tokio::test]
async fn the_moderators_stream_refuses_clients_without_a_session_and_tells_moderators_of_the_queue() {
    let app = spawn().await;
    let r = client().get(app.url("/moderation/events")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = client().get(app.url("/moderation/events")).header("Cookie", "commentdesk_session=forged").send().await;
    assert_eq!(r.unwrap().status(), StatusCode::UNAUTHORIZED);

    let c = super::moderation::moderator(&app, "ann", Role::Moderator).await;
    let mut stream = Sse::open(&app, &c, "/moderation/events", None).await;
    let first = stream.next(Duration::from_secs(3)).await.unwrap();
    assert_eq!(first.event.as_deref(), Some("queue"));
    assert_eq!(first.json()["pending"], 0);
    let (_, status) = post(&app, "You idiot, nobody cares.", None).await;
    assert_eq!(status, "pending");
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let e = stream.next(deadline.saturating_duration_since(Instant::now())).await.expect("the queue's news");
        if e.json()["pending"] == 1 {
            break;
        }
    }
}

#[tokio::test]
async fn past_max_streams_new_streams_get_503_with_retry_after() {
    let app = spawn_app_with(|s| s.live.max_streams = 2).await;
    let _a = Sse::open(&app, &client(), &events_path(), None).await;
    let _b = Sse::open(&app, &client(), &events_path(), None).await;
    let r = client().get(app.url(&events_path())).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 0);
    // The page itself is unchanged.
    assert_eq!(app.get(&format!("/articles/{SLUG}")).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_idle_stream_gets_a_keep_alive_line_every_keep_alive_secs() {
    let app = spawn_app_with(|s| s.live.keep_alive_secs = 1).await;
    let mut resp = client().get(app.url(&events_path())).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let mut raw = String::new();
    let mut lines = 0;
    // Three keep-alive lines with nothing else happening: the pulse keeps moving.
    while lines < 3 {
        let chunk = tokio::time::timeout(Duration::from_secs(10), resp.chunk())
            .await
            .unwrap_or_else(|_| panic!("no keep-alive line within 10 s; got {raw:?}"))
            .unwrap()
            .expect("the stream stays open");
        raw.push_str(std::str::from_utf8(&chunk).unwrap());
        lines = raw.matches(": keep-alive\n\n").count();
    }
    assert!(!raw.contains("data:"), "no event was sent: {raw:?}");
}

#[tokio::test]
async fn with_live_off_there_is_no_stream_and_the_page_names_none() {
    let app = spawn_app_with(|s| s.live.enabled = false).await;
    assert_eq!(app.get(&events_path()).await.status(), StatusCode::NOT_FOUND);
    assert!(!app.article_page().await.contains("/events"));
}

#[tokio::test]
async fn on_postgresql_an_event_posted_through_one_node_reaches_a_stream_on_another() {
    if super::helpers::BACKEND != super::helpers::Backend::Postgres {
        return;
    }
    let Some(url) = crate::helpers::postgres_schema_url("live::multinode").await else { return };
    let one = crate::helpers::spawn_node(&url, |s| s.limits.comment_burst = 100).await;
    let two = crate::helpers::spawn_node(&url, |s| s.limits.comment_burst = 100).await;
    let mut on_two = Sse::open(&two, &client(), &events_path(), None).await;
    let (id, status) = post(&one, "Posted through the first node, streamed from the second.", None).await;
    let acknowledged = Instant::now();
    assert_eq!(status, "published");
    let e = on_two.until_comment(id, Duration::from_secs(3)).await.pop().unwrap();
    let took = acknowledged.elapsed();
    assert!(took < Duration::from_secs(1), "the event took {took:?} across nodes");
    assert_eq!(e.seq(), 1);
    // Both nodes number the article's events alike: a page moving to the other node resumes.
    let (second, _) = post(&two, "Posted through the second node.", None).await;
    let mut on_one = Sse::open(&one, &client(), &events_path(), Some(1)).await;
    let e = on_one.next(Duration::from_secs(3)).await.unwrap();
    assert_eq!((e.seq(), e.comment()), (2, second));
}
