//! The moderator console in a real browser: sign in, a held comment with its reason highlighted,
//! approval by keyboard, a bulk reject, and accessibility of the console's pages.
use commentdesk::auth::password::{Hasher, Password};
use commentdesk::domain::moderator::{ModeratorName, Role};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::{Value, json};

use crate::helpers::{Browser, Js, SLUG, TestApp};

const PASSWORD: &str = "correct horse battery staple";

async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

async fn spawn_with(customize: impl FnOnce(&mut commentdesk::config::Settings)) -> TestApp {
    let app = TestApp::spawn_with(|s| {
        s.limits.comment_burst = 100;
        customize(s);
    })
    .await;
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    commentdesk::store::sqlite::moderators::create(
        &conn,
        &ModeratorName::parse("ann").unwrap(),
        Role::Admin,
        &hash,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    app
}

/// Posts a comment the checks hold; returns its id.
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

async fn sign_in(b: &Browser, app: &TestApp) {
    b.goto(&format!("{}/moderation", app.base)).await;
    b.wait_for("form.login-form").await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/moderation/login", "sent to the sign-in page");
    b.find("#name").await.send_keys("ann").await.unwrap();
    b.find("#password").await.send_keys(PASSWORD).await.unwrap();
    b.find("form.login-form button[type=submit]").await.click().await.unwrap();
    b.wait_for("nav.mod-tabs").await;
}

async fn press(b: &Browser, key: char) {
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    b.client.perform_actions(keys).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_approves_a_held_comment_with_the_keyboard_and_readers_then_see_it() {
    let Some(b) = Browser::start(Js::On).await else { return };
    let app = spawn().await;
    let text = "You idiot, read the whole article first.";
    let id = held(&app, text).await;

    b.goto(&app.article_url()).await;
    b.wait_for("#comments").await;
    assert!(!b.find("#comments").await.text().await.unwrap().contains("read the whole article"), "not public yet");

    sign_in(&b, &app).await;
    let item = b.wait_for(&format!("#c-{id}")).await;
    assert!(item.text().await.unwrap().contains("abuse.insult"), "the reason is shown");
    let mark = b.find(&format!("#c-{id} .mod-body mark")).await;
    assert_eq!(mark.text().await.unwrap(), "idiot", "the matched word is highlighted");
    b.wait_until(&format!("document.querySelector('#c-{id}').classList.contains('is-current')")).await;

    press(&b, 'a').await;
    b.wait_until(
        "document.querySelector('.notice') && document.querySelector('.notice').textContent.includes('Approved')",
    )
    .await;
    assert!(
        b.js(&format!("return document.querySelector('#c-{id}') === null;")).await == json!(true),
        "left the queue"
    );

    b.goto(&app.article_url()).await;
    let li = b.wait_for(&format!("#comment-{id}")).await;
    assert!(li.text().await.unwrap().contains("read the whole article"), "readers see it in the thread");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_rejects_several_spam_comments_at_once() {
    let Some(b) = Browser::start(Js::On).await else { return };
    let app = spawn().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(held(&app, &format!("You idiot {i}, visit my shop for watch deals number {i}.")).await);
    }
    sign_in(&b, &app).await;
    b.wait_for(&format!("#c-{}", ids[0])).await;
    // x selects the current comment, j moves on.
    press(&b, 'x').await;
    press(&b, 'j').await;
    press(&b, 'x').await;
    press(&b, 'j').await;
    press(&b, 'x').await;
    b.wait_until("document.querySelectorAll('.mod-select:checked').length === 3").await;
    assert_eq!(b.find(".bulk-count").await.text().await.unwrap(), "(3 selected)");
    b.find("#bulk-action").await.select_by_value("reject").await.unwrap();
    b.find("#bulk-reason").await.select_by_value("spam").await.unwrap();
    b.find("#bulk-form button[type=submit]").await.click().await.unwrap();

    b.wait_until("document.querySelector('.notice') && document.querySelector('.notice').textContent.includes('3 comments were decided')")
        .await;
    let rejected = b.find(r#".mod-tabs a[data-queue="rejected"] .count"#).await.text().await.unwrap();
    assert_eq!(rejected, "3");
    let pending = b.find(r#".mod-tabs a[data-queue="pending"] .count"#).await.text().await.unwrap();
    assert_eq!(pending, "0");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_queue_log_settings_rules_and_webhooks_pages_are_accessible() {
    let Some(b) = Browser::start(Js::On).await else { return };
    // A webhook target on a port nobody listens on: the Webhooks page lists a failing delivery.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = spawn_with(|s| {
        s.webhooks.allow_private_targets = true;
        s.webhooks.targets = vec![commentdesk::config::WebhookTarget {
            url: format!("http://127.0.0.1:{closed}/hook"),
            events: vec![commentdesk::webhooks::EventKind::Held],
            secret: Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
            format: commentdesk::webhooks::Format::Standard,
        }];
    })
    .await;
    held(&app, "You idiot, this comment fills the queue for the check.").await;
    b.goto(&format!("{}/moderation/login", app.base)).await;
    b.wait_for("form.login-form").await;
    b.assert_accessible("the sign-in page").await;

    sign_in(&b, &app).await;
    b.wait_for(".mod-item").await;
    b.assert_accessible("the queue").await;

    b.goto(&format!("{}/moderation/log", app.base)).await;
    b.wait_for("table.mod-log").await;
    b.assert_accessible("the audit log").await;

    b.goto(&format!("{}/moderation/settings", app.base)).await;
    b.wait_for(".mod-thresholds").await;
    b.assert_accessible("the settings").await;

    b.goto(&format!("{}/moderation/rules", app.base)).await;
    b.wait_for("table.mod-rules").await;
    b.assert_accessible("the rules").await;

    b.goto(&format!("{}/moderation/webhooks", app.base)).await;
    b.wait_for("table.mod-webhooks .delivery-pending").await;
    b.assert_accessible("the webhooks").await;
    b.close().await;
}
