//! Reports and held comments, as readers meet them.
use serde_json::json;

use crate::helpers::Js;
use crate::setup;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_reports_a_comment_without_javascript() {
    let (app, b) = setup!(Js::Off);
    let id = app.post_comment("Somebody else's opinion about the attack.", "Other", None).await;
    b.goto(&app.article_url()).await;
    b.find(&format!("#comment-{id} a.report-link")).await.click().await.unwrap();
    b.wait_for("#reason-harassment").await.click().await.unwrap();
    b.find("#note").await.send_keys("Insulting other readers.").await.unwrap();
    b.find(".report-form button[type=submit]").await.click().await.unwrap();
    let notice = b.wait_for(".notice").await;
    assert_eq!(notice.text().await.unwrap(), "Thanks, a moderator will look at it.");
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.fragment(), Some(format!("comment-{id}").as_str()));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_reports_a_comment_with_javascript_in_place() {
    let (app, b) = setup!(Js::On);
    let id = app.post_comment("Yet another opinion.", "Other", None).await;
    b.goto(&app.article_url()).await;
    b.js("window.__samePage = true; return null;").await;
    b.find(&format!("#comment-{id} a.report-link")).await.click().await.unwrap();
    b.wait_for(&format!("#report-{id}-spam")).await.click().await.unwrap();
    b.find(&format!("#comment-{id} .report-inline button[type=submit]")).await.click().await.unwrap();
    b.wait_until(&format!(
        "document.querySelector('#comment-{id} .report-status').textContent === {}",
        json!("Thanks, a moderator will look at it.")
    ))
    .await;
    assert_eq!(b.js("return window.__samePage === true;").await, json!(true));
    b.assert_accessible("the page with an open report form").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_threatening_comment_is_held_and_only_its_author_sees_it_awaiting_moderation() {
    let (app, b) = setup!(Js::Off);
    b.goto(&app.article_url()).await;
    let threat = "You will pay with your life for this article.";
    b.find("#body").await.send_keys(threat).await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    let badge = b.wait_for(".comment.is-pending .badge-pending").await;
    assert_eq!(badge.text().await.unwrap(), "Your comment is awaiting moderation");
    assert!(b.find(".comment.is-pending .comment-body").await.text().await.unwrap().contains("pay with your life"));
    assert!(b.find(".notice").await.text().await.unwrap().contains("awaiting moderation"));
    assert_eq!(b.find("#comments-heading .count").await.text().await.unwrap(), "(0)");
    b.close().await;

    // Another reader, in a fresh browser, does not see it.
    let Some(other) = crate::helpers::Browser::start(Js::Off).await else { return };
    other.goto(&app.article_url()).await;
    let text = other.find("#comments").await.text().await.unwrap();
    assert!(!text.contains("pay with your life"));
    other.close().await;
}
