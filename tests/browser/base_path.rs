//! `[server] base_path`: the article page under `/comments`, its script's posts and reactions
//! through the JSON API under the same prefix, and nothing requested outside it.
use serde_json::json;

use crate::helpers::{Browser, Js, SLUG, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_base_path_the_page_posts_and_reacts_with_javascript_under_it() {
    let Some(b) = Browser::start(Js::On).await else { return };
    let app = TestApp::spawn_with(|s| s.server.base_path = "/comments".into()).await;
    let other = app.post_comment_at("/comments", "Someone else's remark.", "Other").await;
    let page = format!("{}/comments/articles/{SLUG}", app.base);
    b.goto(&page).await;
    b.js("window.__samePage = true; return null;").await;

    // A comment through the script (fetch to the JSON API), shown in place.
    let text = "Posted with JavaScript under the base path.";
    b.find("#body").await.send_keys(text).await.unwrap();
    b.find("#author").await.send_keys("Grace").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until(&format!(
        "[...document.querySelectorAll('.comment-list li.comment')].some(li => li.textContent.includes({}))",
        json!(text)
    ))
    .await;
    assert_eq!(b.find("#comment-form .status").await.text().await.unwrap(), "Your comment is published.");

    // A reaction through the script, in place.
    b.find(&format!("#comment-{other} .reaction-button")).await.click().await.unwrap();
    b.wait_until(&format!("document.querySelector('#comment-{other} .reaction-count').textContent === '1'")).await;
    assert_eq!(b.js("return window.__samePage === true;").await, json!(true), "no page load");

    // Everything the browser asked for lay under the base path.
    let requested = b.requested_urls().await;
    let api = format!("{}/comments/api/articles/{SLUG}/comments", app.base);
    assert!(requested.iter().any(|u| u == &api), "the script posted under the base path: {requested:?}");
    let stray: Vec<_> = requested
        .iter()
        .filter(|u| !u.starts_with("data:") && !u.starts_with(&format!("{}/comments/", app.base)))
        .collect();
    assert!(stray.is_empty(), "requests outside the base path: {stray:?}");
    b.close().await;
}
