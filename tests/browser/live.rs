//! Live pages in a real browser: a comment posted in one page appears in another through
//! "1 new comment – show"; the console follows another moderator's decision; axe-core finds
//! nothing wrong with the new elements.
use commentdesk::auth::password::{Hasher, Password};
use commentdesk::domain::moderator::{ModeratorName, Role};
use serde_json::{Value, json};

use crate::helpers::{Browser, Js, SLUG, TestApp};

const PASSWORD: &str = "correct horse battery staple";

async fn spawn() -> TestApp {
    let app = TestApp::spawn_with(|s| s.limits.comment_burst = 100).await;
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    for name in ["ann", "bob"] {
        commentdesk::store::sqlite::moderators::create(
            &conn,
            &ModeratorName::parse(name).unwrap(),
            Role::Moderator,
            &hash,
            time::OffsetDateTime::now_utc(),
        )
        .unwrap();
    }
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_posted_in_one_page_appears_in_another_through_one_new_comment_show() {
    let Some(writer) = Browser::start(Js::On).await else { return };
    let Some(reader) = Browser::start(Js::On).await else { return };
    let app = spawn().await;
    let first = app.post_comment("The first comment, already on both pages.", "Early reader", None).await;
    reader.goto(&app.article_url()).await;
    reader.wait_for(&format!("#comment-{first}")).await;
    writer.goto(&app.article_url()).await;
    writer.wait_for("#comment-form textarea").await;
    // The reader's stream is open before the comment is written.
    reader.wait_until("document.querySelector('#comments .live-news') !== null").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    writer
        .find("#comment-form textarea[name=body]")
        .await
        .send_keys("Written in the other page, read live.")
        .await
        .unwrap();
    writer.find("#comment-form input[name=author]").await.send_keys("Live writer").await.unwrap();
    writer.find("#comment-form button[type=submit]").await.click().await.unwrap();

    reader.wait_until("!document.querySelector('#comments .live-news').hidden").await;
    let button = reader.find("#comments .live-news .live-show").await;
    assert_eq!(button.text().await.unwrap(), "1 new comment – show");
    assert!(!reader.find("#comments").await.text().await.unwrap().contains("read live"), "not before it is asked for");
    reader.assert_accessible("the article page with its new-comments button").await;

    button.click().await.unwrap();
    reader.wait_until("document.querySelectorAll('#comments .comment-list > li.comment').length === 2").await;
    let last = reader.js("var l = document.querySelectorAll('#comments .comment-list > li.comment'); return l[l.length - 1].textContent;").await;
    assert!(last.as_str().unwrap().contains("Written in the other page, read live."), "in its place: {last}");
    assert_eq!(
        reader.js("return document.activeElement.matches('li.comment') && document.activeElement.textContent.includes('read live');").await,
        json!(true),
        "focus moves to the new comment"
    );
    assert_eq!(reader.find("#comments .live-status").await.text().await.unwrap(), "New comments shown: 1.");
    assert_eq!(reader.js("return document.querySelector('#comments .live-news').hidden;").await, json!(true));
    reader.assert_accessible("the article page with the inserted comment").await;

    // A removal changes the comment in place.
    let c = signed_in(&app, "bob").await;
    decide(&app, &c, first, "reject", "published").await;
    reader.wait_until(&format!("document.querySelector('#comment-{first}').classList.contains('is-removed')")).await;
    writer.close().await;
    reader.close().await;
}

/// A client signed in as another moderator, outside the browser.
async fn signed_in(app: &TestApp, name: &str) -> reqwest::Client {
    let c = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = c
        .post(format!("{}/moderation/login", app.base))
        .form(&[("name", name), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303, "signed in");
    c
}

async fn decide(app: &TestApp, c: &reqwest::Client, id: i64, action: &str, expected: &str) {
    let page = c.get(format!("{}/moderation", app.base)).send().await.unwrap().text().await.unwrap();
    let key = r#"name="csrf" value=""#;
    let start = page.find(key).unwrap() + key.len();
    let csrf = &page[start..start + page[start..].find('"').unwrap()];
    let r = c
        .post(format!("{}/moderation/comments/{id}/decision", app.base))
        .form(&[("csrf", csrf), ("action", action), ("expected_status", expected), ("reason", "abuse")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303, "decided");
}

async fn held(app: &TestApp, body: &str) -> i64 {
    let resp = reqwest::Client::new()
        .post(format!("{}/api/articles/{SLUG}/comments", app.base))
        .json(&json!({ "body": body, "author": "Heckler" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 202, "held for a moderator");
    let v: Value = resp.json().await.unwrap();
    v["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_follows_another_moderators_decision_and_new_held_comments() {
    let Some(b) = Browser::start(Js::On).await else { return };
    let app = spawn().await;
    let a = held(&app, "You idiot, nobody asked what you think about embassies.").await;
    let keep = held(&app, "What an idiot you are, the guards did their jobs well.").await;

    b.goto(&format!("{}/moderation", app.base)).await;
    b.wait_for("form.login-form").await;
    b.find("#name").await.send_keys("ann").await.unwrap();
    b.find("#password").await.send_keys(PASSWORD).await.unwrap();
    b.find("form.login-form button[type=submit]").await.click().await.unwrap();
    b.wait_for(&format!("#c-{a}")).await;
    b.wait_for(&format!("#c-{keep}")).await;
    b.wait_until("document.title.indexOf('(2) ') === 0").await;

    // Bob approves one, elsewhere: Ann's console marks it, and the counts follow.
    let bob = signed_in(&app, "bob").await;
    decide(&app, &bob, a, "approve", "pending").await;
    b.wait_until(&format!("document.querySelector('#c-{a}').classList.contains('is-decided')")).await;
    b.wait_until(r#"document.querySelector('.mod-tabs a[data-queue="pending"] .count').textContent === "1""#).await;
    b.wait_until("document.title.indexOf('(1) ') === 0").await;
    assert_eq!(
        b.js(&format!("return document.querySelector('#c-{keep}').classList.contains('is-decided');")).await,
        json!(false)
    );

    // A new held comment waits behind "1 new – show".
    let late = held(&app, "Only an idiot would write that the police were late.").await;
    b.wait_until("!document.querySelector('.live-news').hidden").await;
    assert_eq!(b.find(".live-news .live-show").await.text().await.unwrap(), "1 new – show");
    b.assert_accessible("the console with its new-comments button and a decided comment").await;
    b.find(".live-news .live-show").await.click().await.unwrap();
    b.wait_for(&format!("#c-{late}")).await;
    assert_eq!(b.js(&format!("return document.activeElement.id === 'c-{late}';")).await, json!(true), "focus on it");
    b.wait_until("document.title.indexOf('(2) ') === 0").await;
    b.assert_accessible("the console after showing the new comment").await;
    b.close().await;
}
