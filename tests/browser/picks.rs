//! Reactions ("Respect") with JavaScript on and off, and the editors' picks box a signed-in
//! moderator fills from the article page.
use commentdesk::auth::password::{Hasher, Password};
use commentdesk::domain::moderator::{ModeratorName, Role};
use serde_json::json;

use crate::helpers::{Browser, Js, TestApp};
use crate::setup;

const PASSWORD: &str = "correct horse battery staple";

async fn count(b: &Browser, id: i64) -> String {
    b.find(&format!("#comment-{id} .reaction-count")).await.text().await.unwrap()
}

async fn pressed(b: &Browser, id: i64) -> Option<String> {
    b.find(&format!("#comment-{id} .reaction-button")).await.attr("aria-pressed").await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_respects_a_comment_and_takes_it_back_without_javascript() {
    let (app, b) = setup!(Js::Off);
    let id = app.post_comment("Someone else's sensible remark.", "Other", None).await;
    b.goto(&app.article_url()).await;
    assert_eq!(count(&b, id).await, "0");
    b.find(&format!("#comment-{id} .reaction-button")).await.click().await.unwrap();
    // JavaScript is off: waited for by CSS (WebDriver's click also waits for the page it loads).
    b.wait_for(&format!(r#"#comment-{id} .reaction-button[aria-pressed="true"]"#)).await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.fragment(), Some(format!("comment-{id}").as_str()), "back at the comment");
    assert_eq!(count(&b, id).await, "1");
    b.find(&format!("#comment-{id} .reaction-button")).await.click().await.unwrap();
    b.wait_for(&format!(r#"#comment-{id} input[name="action"][value="react"]"#)).await;
    assert_eq!(pressed(&b, id).await.as_deref(), Some("false"));
    assert_eq!(count(&b, id).await, "0");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_respects_a_comment_in_place_with_javascript() {
    let (app, b) = setup!(Js::On);
    let id = app.post_comment("A remark worth respecting.", "Other", None).await;
    b.goto(&app.article_url()).await;
    b.js("window.__samePage = true; return null;").await;
    b.find(&format!("#comment-{id} .reaction-button")).await.click().await.unwrap();
    b.wait_until(&format!("document.querySelector('#comment-{id} .reaction-count').textContent === '1'")).await;
    assert_eq!(pressed(&b, id).await.as_deref(), Some("true"));
    b.find(&format!("#comment-{id} .reaction-button")).await.click().await.unwrap();
    b.wait_until(&format!("document.querySelector('#comment-{id} .reaction-count').textContent === '0'")).await;
    assert_eq!(pressed(&b, id).await.as_deref(), Some("false"));
    b.find(&format!("#comment-{id} .reaction-button")).await.click().await.unwrap();
    b.wait_until(&format!("document.querySelector('#comment-{id} .reaction-count').textContent === '1'")).await;
    assert_eq!(b.js("return window.__samePage === true;").await, json!(true), "no page load");
    // The reader's page, loaded again, has their reaction (their cookie came with the answer).
    b.goto(&app.article_url()).await;
    assert_eq!(
        (count(&b, id).await, pressed(&b, id).await.as_deref().map(str::to_string)),
        ("1".into(), Some("true".into()))
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_features_a_comment_from_the_page_and_readers_see_the_picks_box() {
    let Some(b) = Browser::start(Js::On).await else { return };
    let app = TestApp::spawn().await;
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    commentdesk::store::sqlite::moderators::create(
        &conn,
        &ModeratorName::parse("ann").unwrap(),
        Role::Moderator,
        &hash,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    let id = app.post_comment("The remark the editors liked best.", "Picked", None).await;
    let other = app.post_comment("A remark nobody picked.", "Plain", None).await;
    b.goto(&format!("{}/moderation", app.base)).await;
    b.wait_for("form.login-form").await;
    b.find("#name").await.send_keys("ann").await.unwrap();
    b.find("#password").await.send_keys(PASSWORD).await.unwrap();
    b.find("form.login-form button[type=submit]").await.click().await.unwrap();
    b.wait_for("nav.mod-tabs").await;

    b.goto(&app.article_url()).await;
    assert!(b.js("return document.querySelector('.editors-picks') === null;").await == json!(true));
    b.find(&format!("#comment-{id} .feature-form button")).await.click().await.unwrap();
    let picks = b.wait_for(".editors-picks").await;
    assert!(picks.text().await.unwrap().contains("The remark the editors liked best."));
    assert!(!picks.text().await.unwrap().contains("A remark nobody picked."));
    assert_eq!(b.find(&format!("#comment-{id} .badge-pick")).await.text().await.unwrap(), "Editors' pick");
    assert_eq!(
        b.js(&format!("return document.querySelector('#comment-{other} .badge-pick') === null;")).await,
        json!(true)
    );
    // The box sits above the threads, and the page stays accessible with it.
    let above = b
        .js("return document.querySelector('.editors-picks').compareDocumentPosition(document.querySelector('.comment-list')) & Node.DOCUMENT_POSITION_FOLLOWING;")
        .await;
    assert_ne!(above, json!(0));
    b.assert_accessible("the article page with editors' picks").await;
    let log = conn
        .query_row("SELECT action, moderator FROM audit_log WHERE comment_id = ?1", [id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .unwrap();
    assert_eq!(log, ("feature".into(), "ann".into()));
    b.close().await;
}
