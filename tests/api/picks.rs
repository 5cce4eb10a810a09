// Reactions ("Respect"), editors' picks, and the "best" order with its cursors.
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use commentdesk::auth::password::{Hasher, Password};
use commentdesk::config::Settings;
use commentdesk::domain::moderator::{ModeratorName, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::helpers::{SLUG, TestApp, client, spawn_app_with};

const PASSWORD: &str = "correct horse battery staple";

async fn spawn(customize: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with(|s| {
        s.moderation_console.argon2_memory_kib = 64;
        s.moderation_console.argon2_iterations = 1;
        s.limits.comment_burst = 100;
        s.limits.reaction_burst = 1_000;
        // Readers come from addresses of their own (X-Forwarded-For), as they do on the web.
        s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        customize(s);
    })
    .await
}

/// A comment posted by `author` (a client with a cookie store: its author cookie).
async fn posted(app: &TestApp, author: &reqwest::Client, body: &str) -> i64 {
    let r = author
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": body, "author": "Writer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// A reader: a browser (cookie store) at an address of its own.
struct Reader {
    c: reqwest::Client,
    ip: String,
}

static NEXT_ADDRESS: AtomicU32 = AtomicU32::new(1);

fn reader() -> Reader {
    let n = NEXT_ADDRESS.fetch_add(1, Ordering::Relaxed);
    Reader { c: client(), ip: format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255) }
}

impl Reader {
    fn at(c: reqwest::Client, ip: &str) -> Reader {
        Reader { c, ip: ip.to_string() }
    }

    async fn form(&self, app: &TestApp, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
        self.c
            .post(app.url(&format!("/comments/{id}/react")))
            .header("X-Forwarded-For", &self.ip)
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    async fn page(&self, app: &TestApp) -> String {
        self.c.get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap()
    }
}

async fn react(app: &TestApp, reader: &Reader, id: i64, on: bool) -> reqwest::Response {
    let url = app.url(&format!("/api/comments/{id}/reaction"));
    let req = if on { reader.c.post(url) } else { reader.c.delete(url) };
    req.header("X-Forwarded-For", &reader.ip).send().await.unwrap()
}

async fn react_ok(app: &TestApp, reader: &Reader, id: i64, on: bool) -> Value {
    let r = react(app, reader, id, on).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    r.json().await.unwrap()
}

async fn stored_count(app: &TestApp, id: i64) -> i64 {
    app.rows("SELECT count FROM reaction_counts WHERE comment_id = ?1", &[id.into()])
        .await
        .first()
        .and_then(|r| r[0].int())
        .unwrap_or(0)
}

/// The count on the comment's button (or the author's own count) in a page.
fn count_in_page(page: &str, id: i64) -> Option<i64> {
    let at = page.find(&format!(r#"id="comment-{id}""#))?;
    let rest = &page[at..];
    let start = rest.find(r#"class="reaction-count">"#)? + r#"class="reaction-count">"#.len();
    rest[start..start + rest[start..].find('<')?].parse().ok()
}

fn button_pressed(page: &str, id: i64) -> Option<bool> {
    let at = page.find(&format!(r#"data-comment="{id}""#))?;
    let button = &page[page[..at].rfind("<button")?..at];
    Some(button.contains(r#"aria-pressed="true""#))
}

/// A JSON list's comment ids, in order.
fn ids(list: &Value) -> Vec<i64> {
    list["comments"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn one_reaction_per_reader_undoable_and_counted_in_the_api() {
    let app = spawn(|_| {}).await;
    let author = client();
    let id = posted(&app, &author, "Worth a nod.").await;
    let (b, c) = (reader(), reader());
    let v = react_ok(&app, &b, id, true).await;
    assert_eq!((v["count"].as_i64(), v["reacted"].as_bool()), (Some(1), Some(true)));
    let again = react_ok(&app, &b, id, true).await;
    assert_eq!(again["count"], 1, "a second reaction by the same reader changes nothing");
    assert_eq!(react_ok(&app, &c, id, true).await["count"], 2);
    assert_eq!(stored_count(&app, id).await, 2);
    let undone = react_ok(&app, &b, id, false).await;
    assert_eq!((undone["count"].as_i64(), undone["reacted"].as_bool()), (Some(1), Some(false)));
    assert_eq!(react_ok(&app, &b, id, false).await["count"], 1, "undoing twice undoes once");
    assert_eq!(react_ok(&app, &b, id, true).await["count"], 2, "and it can be given again");
    let list = app.comments_json("?limit=10").await;
    assert_eq!(list["comments"][0]["id"], id);
    assert_eq!(list["comments"][0]["reactions"], 2);
    assert_eq!(app.count("SELECT count(*) FROM reactions WHERE removed_at IS NULL").await, 2);
    assert_eq!(app.count("SELECT count(*) FROM reactions WHERE removed_at IS NOT NULL").await, 1);
    // A comment that readers cannot see takes no reaction.
    assert_eq!(react(&app, &b, id + 1000, true).await.status(), 404);
}

/// Reactions arriving at once: one reader's twelve tries count once, twelve readers count
/// twelve, and their undoing at once brings the count back to exactly what is stored.
#[tokio::test]
async fn reactions_at_once_count_each_reader_once_and_undo_exactly() {
    let app = spawn(|_| {}).await;
    let id = posted(&app, &client(), "Many readers at once.").await;
    let one = reader();
    // The reader's cookie first, so the twelve tries are one reader.
    react_ok(&app, &one, id, true).await;
    react_ok(&app, &one, id, false).await;
    let tries = futures_util::future::join_all((0..12).map(|_| react(&app, &one, id, true))).await;
    assert!(tries.iter().all(|r| r.status() == 200));
    assert_eq!(stored_count(&app, id).await, 1, "one reader, one reaction");
    let others: Vec<Reader> = (0..12).map(|_| reader()).collect();
    // Among them, refusals that arrive with the rest (PostgreSQL commits reactions in groups):
    // the author's own comment and a comment that does not exist are answered alone.
    let author = Reader::at(client(), "10.250.0.1");
    let own = posted(&app, &author.c, "The author's own.").await;
    let (added, (mine, missing)) = tokio::join!(
        futures_util::future::join_all(others.iter().map(|r| react(&app, r, id, true))),
        async { tokio::join!(react(&app, &author, own, true), react(&app, &others[0], id + 1000, true)) }
    );
    assert!(added.iter().all(|r| r.status() == 200));
    assert_eq!((mine.status().as_u16(), missing.status().as_u16()), (403, 404));
    assert_eq!(stored_count(&app, id).await, 13);
    assert_eq!(stored_count(&app, own).await, 0);
    let undone = futures_util::future::join_all(
        others.iter().chain(std::iter::repeat_n(&one, 4)).map(|r| react(&app, r, id, false)),
    )
    .await;
    assert!(undone.iter().all(|r| r.status() == 200));
    assert_eq!(stored_count(&app, id).await, 0, "each undone once");
    assert_eq!(app.count("SELECT count(*) FROM reactions WHERE removed_at IS NULL").await, 0);
    assert_eq!(app.count("SELECT count(*) FROM reactions WHERE removed_at IS NOT NULL").await, 14);
}

#[tokio::test]
async fn a_reader_cannot_react_to_their_own_comment() {
    let app = spawn(|_| {}).await;
    let author = Reader::at(client(), "127.0.0.1");
    let id = posted(&app, &author.c, "My own words.").await;
    let r = react(&app, &author, id, true).await;
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("your own comment"), "{body}");
    let r = author.form(&app, id, &[("action", "react")]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(stored_count(&app, id).await, 0);
    // Another reader at the author's address may (an office shares one).
    assert_eq!(react_ok(&app, &Reader::at(client(), "127.0.0.1"), id, true).await["count"], 1);
    // The author's page shows the count, without a button.
    let page = author.page(&app).await;
    assert_eq!(count_in_page(&page, id), Some(1));
    assert_eq!(button_pressed(&page, id), None);
}

#[tokio::test]
async fn a_reader_without_cookies_is_known_by_their_address() {
    let app = spawn(|_| {}).await;
    let id = posted(&app, &client(), "Cookies are optional.").await;
    let no_cookies = || reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let at = |ip: &str| Reader::at(no_cookies(), ip);
    assert_eq!(react_ok(&app, &at("192.0.2.7"), id, true).await["count"], 1);
    assert_eq!(react_ok(&app, &at("192.0.2.7"), id, true).await["count"], 1, "same address, same reader");
    assert_eq!(react_ok(&app, &at("192.0.2.8"), id, true).await["count"], 2, "another address, another reader");
    assert_eq!(react_ok(&app, &at("192.0.2.7"), id, false).await["count"], 1, "and it can undo it");
}

#[tokio::test]
async fn reactions_are_rate_limited_per_client() {
    let app = spawn(|s| {
        s.limits.reaction_burst = 2;
        s.limits.reaction_interval_secs = 3_600;
    })
    .await;
    let author = client();
    let a = posted(&app, &author, "First.").await;
    let b = posted(&app, &author, "Second.").await;
    let reader = reader();
    react_ok(&app, &reader, a, true).await;
    react_ok(&app, &reader, b, true).await;
    let r = react(&app, &reader, a, false).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(stored_count(&app, a).await, 1, "the refused undo changed nothing");
    // Without JavaScript: the page again, with the reason, and the same status.
    let r = reader.form(&app, b, &[("action", "undo")]).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert!(r.text().await.unwrap().contains("You are reacting too fast."));
    assert_eq!(stored_count(&app, b).await, 1);
}

#[tokio::test]
async fn the_form_reacts_without_javascript_and_pages_show_the_count() {
    let app = spawn(|_| {}).await;
    let id = posted(&app, &client(), "A fine point.").await;
    let anonymous = app.anonymous_text(&format!("/articles/{SLUG}")).await;
    assert_eq!(count_in_page(&anonymous, id), Some(0));
    assert!(anonymous.contains(">Respect<"), "the configured label");
    let reader = reader();
    let r = reader.form(&app, id, &[("action", "react"), ("sort", "newest")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/articles/{SLUG}?sort=newest#comment-{id}").as_str());
    assert!(r.headers().get("set-cookie").is_some(), "the reader is known from now on");
    let page = reader.page(&app).await;
    assert_eq!(count_in_page(&page, id), Some(1));
    assert_eq!(button_pressed(&page, id), Some(true));
    assert!(page.contains(r#"name="action" value="undo""#));
    // The cached page readers without a cookie get catches up within its rebuild (about a second).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let anonymous = app.anonymous_text(&format!("/articles/{SLUG}")).await;
        if count_in_page(&anonymous, id) == Some(1) {
            assert_eq!(button_pressed(&anonymous, id), Some(false), "nobody's reaction on the shared page");
            break;
        }
        assert!(Instant::now() < deadline, "the cached page never showed the reaction");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // So does the cached JSON list.
    let deadline = Instant::now() + Duration::from_secs(10);
    while client().get(app.url(&format!("/api/articles/{SLUG}/comments"))).send().await.unwrap().json::<Value>().await.unwrap()
        ["comments"][0]["reactions"]
        != 1
    {
        assert!(Instant::now() < deadline, "the cached list never showed the reaction");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = reader.form(&app, id, &[("action", "undo")]).await;
    assert_eq!(r.status(), 303);
    let page = reader.page(&app).await;
    assert_eq!((count_in_page(&page, id), button_pressed(&page, id)), (Some(0), Some(false)));
    let r = reader.form(&app, id, &[("action", "sideways")]).await;
    assert_eq!(r.status(), 400);
}

async fn moderator(app: &TestApp, name: &str) -> (reqwest::Client, String) {
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_moderator(&ModeratorName::parse(name).unwrap(), Role::Moderator, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    let c = client();
    let r = c.post(app.url("/moderation/login")).form(&[("name", name), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = c.get(app.url("/moderation?queue=approved")).send().await.unwrap().text().await.unwrap();
    let key = r#"name="csrf" value=""#;
    let start = page.find(key).unwrap() + key.len();
    let csrf = page[start..start + page[start..].find('"').unwrap()].to_string();
    (c, csrf)
}

#[tokio::test]
async fn only_moderators_feature_comments_and_the_audit_log_and_api_show_it() {
    let app = spawn(|_| {}).await;
    let author = client();
    let pick = posted(&app, &author, "The best thing said here.").await;
    let other = posted(&app, &author, "Also here.").await;
    let url = app.url(&format!("/moderation/comments/{pick}/feature"));
    // A reader, signed out: refused, nothing stored.
    let r = client().post(&url).form(&[("featured", "1"), ("csrf", "x")]).send().await.unwrap();
    assert!(!r.status().is_success() && r.headers().get("location").is_none_or(|l| l.to_str().unwrap().contains("login")));
    let (m, csrf) = moderator(&app, "editor").await;
    // Signed in, but without the form's token: refused.
    let r = m.post(&url).form(&[("featured", "1"), ("csrf", "forged")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE featured_at IS NOT NULL").await, 0);
    // From the console: the approved queue offers it.
    let queue = m.get(app.url("/moderation?queue=approved")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains(&format!(r#"action="/moderation/comments/{pick}/feature""#)));
    let r = m.post(&url).form(&[("featured", "1"), ("csrf", &csrf), ("return_queue", "approved")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().contains("notice=feature"));
    let audit = app
        .rows("SELECT moderator, action FROM audit_log WHERE comment_id = ?1 ORDER BY id", &[pick.into()])
        .await;
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0][0].text().unwrap(), audit[0][1].text().unwrap()), ("editor".into(), "feature".into()));
    // Readers see the box above the threads and the badge in the thread, at once.
    let page = app.anonymous_text(&format!("/articles/{SLUG}")).await;
    let boxed = page.find(r#"<h3 id="picks-heading">Editors&#39; picks</h3>"#).expect("the picks box");
    assert!(boxed < page.find(r#"<ol class="comment-list">"#).unwrap(), "above the threads");
    assert!(page[boxed..].contains("The best thing said here."));
    let thread = &page[page.find(&format!(r#"id="comment-{pick}""#)).unwrap()..];
    assert!(thread[..thread.find("</header>").unwrap()].contains("badge-pick"));
    let plain = &page[page.find(&format!(r#"id="comment-{other}""#)).unwrap()..];
    assert!(!plain[..plain.find("</header>").unwrap()].contains("badge-pick"));
    let featured = app.comments_json("?featured=true").await;
    assert_eq!(ids(&featured), vec![pick]);
    assert_eq!(featured["comments"][0]["featured"], true);
    assert_eq!(app.comments_json("?limit=10").await["comments"][1]["featured"], false);
    // From the comment itself: the signed-in moderator's article page has the button.
    let own_page = m.get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    assert!(own_page.contains("Remove from editors&#39; picks") && own_page.contains("Feature as editors&#39; pick"));
    assert!(!page.contains("Feature as editors&#39; pick"), "readers have no such button");
    let r = m
        .post(&url)
        .form(&[("featured", "0"), ("csrf", &csrf), ("return_article_page", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/articles/{SLUG}#comment-{pick}").as_str());
    assert_eq!(app.count("SELECT count(*) FROM audit_log WHERE action = 'unfeature'").await, 1);
    assert!(ids(&app.comments_json("?featured=true").await).is_empty());
    assert!(!app.anonymous_text(&format!("/articles/{SLUG}")).await.contains(r#"id="picks-heading""#));
    // A comment readers cannot see cannot be featured.
    app.exec("UPDATE comments SET status = 'pending' WHERE id = ?1", &[other.into()]).await;
    let r = m
        .post(app.url(&format!("/moderation/comments/{other}/feature")))
        .form(&[("featured", "1"), ("csrf", &csrf), ("return_article_page", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
}

#[tokio::test]
async fn the_moderation_api_features_and_unfeatures_a_comment() {
    let app = spawn(|_| {}).await;
    let author = client();
    let pick = posted(&app, &author, "Worth lifting to the top.").await;
    let url = app.url(&format!("/api/moderation/comments/{pick}/feature"));
    let r = client().post(&url).json(&json!({ "featured": true })).send().await.unwrap();
    assert_eq!(r.status(), 401, "no credentials");
    let (m, _) = moderator(&app, "desk").await;
    let r = m.post(&url).json(&json!({ "featured": "yes" })).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let r = m.post(&url).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("featured must be true or false"));
    let r = m.post(&url).json(&json!({ "featured": true })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!((v["id"].as_i64(), v["featured"].as_bool()), (Some(pick), Some(true)));
    assert_eq!(ids(&app.comments_json("?featured=true").await), vec![pick]);
    let r = m.post(&url).json(&json!({ "featured": false })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(ids(&app.comments_json("?featured=true").await).is_empty());
    let audit = app.rows("SELECT moderator, action FROM audit_log WHERE comment_id = ?1 ORDER BY id", &[pick.into()]).await;
    let actions: Vec<String> = audit.iter().map(|r| r[1].text().unwrap()).collect();
    assert_eq!(actions, vec!["feature".to_string(), "unfeature".to_string()]);
    let missing = m.post(app.url("/api/moderation/comments/999999/feature")).json(&json!({ "featured": true })).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn best_ranks_by_reactions_and_its_cursors_hold_while_reactions_change() {
    let app = spawn(|s| s.comments.page_size = 2).await;
    let author = client();
    let mut c = Vec::new();
    for i in 0..6 {
        c.push(posted(&app, &author, &format!("Comment number {i}.")).await);
    }
    // c[2] gets three reactions, c[4] two, c[0] one: each from a reader of their own.
    for (at, n) in [(2, 3), (4, 2), (0, 1)] {
        for _ in 0..n {
            react_ok(&app, &reader(), c[at], true).await;
        }
    }
    let undoer = reader();
    react_ok(&app, &undoer, c[0], true).await;
    react_ok(&app, &undoer, c[0], false).await;
    let first = app.comments_json("?sort=best&limit=2").await;
    assert_eq!(ids(&first), vec![c[2], c[4]]);
    assert_eq!(first["comments"][0]["reactions"], 3);
    // The order changes while the reader pages: c[5] would now be first, c[0] loses its one.
    tokio::time::sleep(Duration::from_millis(20)).await;
    for _ in 0..5 {
        react_ok(&app, &reader(), c[5], true).await;
    }
    let only = app.rows("SELECT reader_key FROM reactions WHERE comment_id = ?1 AND removed_at IS NULL", &[c[0].into()]).await;
    assert_eq!(only.len(), 1);
    let mut pages = vec![ids(&first)];
    let mut next = first["next"].as_str().map(str::to_string);
    while let Some(cursor) = next {
        let page = app.comments_json(&format!("?sort=best&limit=2&after={cursor}")).await;
        pages.push(ids(&page));
        next = page["next"].as_str().map(str::to_string);
    }
    // The order of the moment the first page was read: no comment twice, none left out.
    assert_eq!(pages, vec![vec![c[2], c[4]], vec![c[0], c[1]], vec![c[3], c[5]]]);
    // A new first page reads the new order.
    assert_eq!(ids(&app.comments_json("?sort=best&limit=2").await), vec![c[5], c[2]]);
    assert_eq!(app.get(&format!("/api/articles/{SLUG}/comments?sort=best&after=nonsense")).await.status(), 400);

    // The page: threads in that order, and "Show more" keeps the moment it was shown at.
    let page = app.anonymous_text(&format!("/articles/{SLUG}?sort=best")).await;
    let pos = |p: &str, id: i64| p.find(&format!(r#"id="comment-{id}""#));
    assert!(pos(&page, c[5]).unwrap() < pos(&page, c[2]).unwrap());
    assert!(pos(&page, c[4]).is_none(), "two threads a page");
    assert!(page.contains(r#"<strong aria-current="true">Best first</strong>"#));
    let marker = r#"class="show-more"><a class="button-secondary" href=""#;
    let start = page.find(marker).unwrap() + marker.len();
    let more = page[start..start + page[start..].find('"').unwrap()].replace("&#38;", "&");
    assert!(more.contains("sort=best&at="), "{more}");
    for _ in 0..9 {
        react_ok(&app, &reader(), c[1], true).await;
    }
    let more = app.anonymous_text(more.split('#').next().unwrap()).await;
    let mut by_position: Vec<(usize, usize)> = (0..6).filter_map(|i| pos(&more, c[i]).map(|p| (p, i))).collect();
    by_position.sort();
    assert_eq!(by_position.iter().map(|(_, i)| *i).collect::<Vec<_>>(), vec![5, 2, 4, 0], "the first four as they stood");
}

#[tokio::test]
async fn default_sort_best_orders_the_page_readers_arrive_at() {
    let app = spawn(|s| s.comments.default_sort = commentdesk::config::SortOrder::Best).await;
    let author = client();
    let a = posted(&app, &author, "Early and plain.").await;
    let b = posted(&app, &author, "Later and liked.").await;
    react_ok(&app, &reader(), b, true).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = app.anonymous_text(&format!("/articles/{SLUG}")).await;
        assert!(page.contains(r#"<strong aria-current="true">Best first</strong>"#));
        let (pa, pb) = (page.find(&format!(r#"id="comment-{a}""#)).unwrap(), page.find(&format!(r#"id="comment-{b}""#)).unwrap());
        if pb < pa {
            break;
        }
        assert!(Instant::now() < deadline, "the liked comment never came first");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
