//! Posting comments and replies, with JavaScript on and off, and the error states.
use serde_json::json;

use crate::helpers::{Browser, Js, SLUG};
use crate::setup;

/// Marks the current document; `still_same_page` is then true only if no navigation happened,
/// which proves the JavaScript path (fetch + in-place refresh) handled the form.
async fn mark_page(b: &Browser) {
    b.js("window.__samePage = true; return null;").await;
}

async fn still_same_page(b: &Browser) -> bool {
    b.js("return window.__samePage === true;").await == json!(true)
}

async fn value(b: &Browser, css: &str) -> String {
    b.find(css).await.prop("value").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reader_posts_a_comment_without_javascript() {
    let (app, b) = setup!(Js::Off);
    b.goto(&app.article_url()).await;
    let text = "Posted without JavaScript: a plain form post.";
    b.find("#body").await.send_keys(text).await.unwrap();
    b.find("#author").await.send_keys("Ada").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();

    let li = b.wait_for(".comment-list li.comment").await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.path(), format!("/articles/{SLUG}"));
    let id = li.attr("data-id").await.unwrap().unwrap();
    assert_eq!(url.fragment(), Some(format!("comment-{id}").as_str()), "redirected to the new comment");
    assert!(li.text().await.unwrap().contains(text));
    assert_eq!(b.find(".comment-list li.comment .author").await.text().await.unwrap(), "Ada");
    assert_eq!(b.find("#comments-heading .count").await.text().await.unwrap(), "(1)");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reader_posts_a_comment_with_javascript() {
    let (app, b) = setup!(Js::On);
    b.goto(&app.article_url()).await;
    mark_page(&b).await;
    let text = "Posted with JavaScript: JSON and an in-place refresh.";
    b.find("#body").await.send_keys(text).await.unwrap();
    b.find("#author").await.send_keys("Grace").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();

    b.wait_until(&format!(
        "[...document.querySelectorAll('.comment-list li.comment')].some(li => li.textContent.includes({}))",
        json!(text)
    ))
    .await;
    assert!(still_same_page(&b).await, "the page was not reloaded");
    assert_eq!(b.find(".comment-list li.comment .author").await.text().await.unwrap(), "Grace");
    assert_eq!(b.find("#comments-heading .count").await.text().await.unwrap(), "(1)");
    assert_eq!(b.find("#comment-form .status").await.text().await.unwrap(), "Your comment is published.");
    assert_eq!(value(&b, "#body").await, "", "the text box is emptied after posting");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reader_replies_to_a_comment_without_javascript() {
    let (app, b) = setup!(Js::Off);
    let parent = app.post_comment("The parent comment.", "Parent", None).await;
    b.goto(&app.article_url()).await;
    b.find(&format!("#comment-{parent} a.reply-link")).await.click().await.unwrap();

    b.wait_for(&format!("#comment-{parent} #comment-form")).await;
    let url = b.client.current_url().await.unwrap();
    assert!(url.query_pairs().any(|(k, v)| k == "reply_to" && v == parent.to_string()), "{url}");
    assert_eq!(b.find("#comment-form .form-title").await.text().await.unwrap(), "Your reply");
    let text = "A reply sent without JavaScript.";
    b.find("#body").await.send_keys(text).await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();

    let reply = b.wait_for(&format!("#comment-{parent} + li.comment.depth-1")).await;
    assert!(reply.text().await.unwrap().contains(text));
    assert_eq!(b.find(&format!("#comment-{parent}")).await.attr("class").await.unwrap().unwrap(), "comment depth-0");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reader_replies_to_a_comment_with_javascript() {
    let (app, b) = setup!(Js::On);
    let parent = app.post_comment("The parent comment.", "Parent", None).await;
    b.goto(&app.article_url()).await;
    mark_page(&b).await;
    b.find(&format!("#comment-{parent} a.reply-link")).await.click().await.unwrap();

    b.wait_until(&format!("document.querySelector('#comment-{parent} #comment-form')")).await;
    assert!(still_same_page(&b).await, "the reply form opened in place");
    assert_eq!(b.find("#comment-form .form-title").await.text().await.unwrap(), "Your reply");
    assert_eq!(b.js("return document.activeElement.id;").await, json!("body"), "the text box has focus");
    let text = "A reply sent with JavaScript.";
    b.find("#body").await.send_keys(text).await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();

    b.wait_until(&format!(
        "(() => {{ const li = document.querySelector('#comment-{parent} + li.comment.depth-1'); \
         return li && li.textContent.includes({}); }})()",
        json!(text)
    ))
    .await;
    assert!(still_same_page(&b).await, "the page was not reloaded");
    assert_eq!(b.find("#comments-heading .count").await.text().await.unwrap(), "(2)");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_comment_without_javascript_shows_the_error_beside_the_field_and_keeps_the_name() {
    let (app, b) = setup!(Js::Off);
    b.goto(&app.article_url()).await;
    b.find("#author").await.send_keys("Hopper").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();

    // The error sits right after the text box it is about.
    let error = b.wait_for("#body + #body-error").await;
    assert!(error.is_displayed().await.unwrap());
    assert_eq!(error.text().await.unwrap(), "Please write a comment before posting.");
    let body = b.find("#body").await;
    assert_eq!(body.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let described = body.attr("aria-describedby").await.unwrap().unwrap_or_default();
    assert!(described.split_whitespace().any(|id| id == "body-error"), "aria-describedby={described:?}");
    assert_eq!(value(&b, "#author").await, "Hopper", "the name is kept");
    assert_eq!(b.find("#comments-heading").await.text().await.unwrap(), "Comments (0)");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlong_comment_with_javascript_shows_the_error_and_keeps_the_text() {
    let (app, b) = setup!(Js::On);
    b.goto(&app.article_url()).await;
    mark_page(&b).await;
    // maxlength stops typing at 5,000; a pasted or scripted value can still be longer.
    b.js("document.getElementById('body').value = 'x'.repeat(5001); return null;").await;
    b.find("#author").await.send_keys("Lovelace").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();

    b.wait_until("document.getElementById('body-error')").await;
    let error = b.find("#body + #body-error").await;
    assert!(error.is_displayed().await.unwrap());
    let message = error.text().await.unwrap();
    assert!(message.contains("5,001 characters long; the limit is 5,000"), "{message}");
    assert!(still_same_page(&b).await, "the JavaScript path showed the error");
    assert_eq!(value(&b, "#body").await.chars().count(), 5001, "the text is kept");
    assert_eq!(value(&b, "#author").await, "Lovelace", "the name is kept");
    let body = b.find("#body").await;
    assert_eq!(body.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let described = body.attr("aria-describedby").await.unwrap().unwrap_or_default();
    assert!(described.split_whitespace().any(|id| id == "body-error"), "aria-describedby={described:?}");
    assert_eq!(b.find("#comments-heading").await.text().await.unwrap(), "Comments (0)");
    b.assert_accessible("the form with an error shown by the script").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_with_comments_and_replies_has_no_wcag_violations() {
    let (app, b) = setup!(Js::On);
    let parent = app.post_comment("A *comment* with **Markdown**, `inline code`\n\n> and a quote", "", None).await;
    app.post_comment("- a reply\n- with a list", "Replier", Some(parent)).await;
    b.goto(&app.article_url()).await;
    // And one of the reader's own, which carries Edit and Delete.
    b.find("#body").await.send_keys("My own comment.").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until("document.querySelectorAll('.comment-list li.comment').length === 3").await;
    b.goto(&app.article_url()).await;
    b.wait_for(".comment-list li.depth-1").await;
    b.wait_for(".comment-actions .link-button").await;
    b.assert_accessible("the article page with comments").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_page_from_the_server_has_no_wcag_violations() {
    let (app, b) = setup!(Js::On);
    b.goto(&app.article_url()).await;
    b.find("#author").await.send_keys("Hamilton").await.unwrap();
    // form.submit() skips the script's submit handler: the plain form post, rendered by the server.
    b.js("document.getElementById('comment-form').submit(); return null;").await;
    b.wait_for("#body + #body-error").await;
    assert_eq!(value(&b, "#author").await, "Hamilton");
    b.assert_accessible("the server-rendered error state").await;
    b.close().await;
}
