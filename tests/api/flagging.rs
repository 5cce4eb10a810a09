// The automatic checks over HTTP: what readers are told, and what moderators will see.
use serde_json::json;

use super::helpers::{SLUG, client, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_civil_comment_about_the_shooting_is_published() {
    let app = spawn_app().await;
    for body in [
        "The shooting at the embassy was terrorism, and Karlov's killer should have been tried.",
        "The gunman was shot and killed. Is the assassination terror-related? Too early to tell.",
    ] {
        let r = app.post_json(json!({"body": body, "author": "Reader"})).await;
        assert_eq!(r.status(), 201, "{body}");
    }
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'published'").await, 2);
}

#[tokio::test]
async fn a_threat_is_held_with_its_reason_and_the_matched_words() {
    let app = spawn_app().await;
    let body = "You will pay with your life for writing this.";
    let r = app.post_json(json!({"body": body})).await;
    assert_eq!(r.status(), 202);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "pending");
    let row = app
        .rows(
            "SELECT c.status, r.code, r.message, r.spans FROM comments c JOIN comment_reasons r ON r.comment_id = c.id",
            &[],
        )
        .await
        .remove(0);
    let [status, code, message, spans] = [0, 1, 2, 3].map(|i| row[i].text().unwrap());
    assert_eq!(status, "pending");
    assert!(code.contains("threat"), "{code}");
    assert!(message.len() > 10);
    let spans: serde_json::Value = serde_json::from_str(&spans).unwrap();
    let first = &spans[0];
    let (start, end) = (first["start"].as_u64().unwrap() as usize, first["end"].as_u64().unwrap() as usize);
    assert!(
        body[start..end].to_lowercase().contains("life") || body[start..end].to_lowercase().contains("pay"),
        "{}",
        &body[start..end]
    );
    // Its author sees it awaiting moderation; nobody else sees it.
    let mine = app.article_page().await;
    assert!(mine.contains("You will pay with your life") && mine.contains("Your comment is awaiting moderation"));
    let theirs = client().get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    assert!(!theirs.contains("pay with your life"));
}

#[tokio::test]
async fn spam_is_answered_exactly_like_a_held_comment() {
    let app = spawn_app_with(|s| s.moderation.banned_words = vec!["cheap pills".into()]).await;
    let r = app.post_json(json!({"body": "Buy cheap pills today"})).await;
    assert_eq!(r.status(), 202);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "pending");
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'spam'").await, 1);
    let r = app.post_form(&[("body", "More cheap pills here")]).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().contains("notice=held"));
}

#[tokio::test]
async fn a_link_from_a_first_time_commenter_is_held() {
    let app = spawn_app().await;
    let r = app.post_json(json!({"body": "Read more at https://example.org/analysis"})).await;
    assert_eq!(r.status(), 202);
    assert_eq!(app.count("SELECT count(*) FROM comment_reasons WHERE code LIKE '%link%'").await, 1);
}

#[tokio::test]
async fn premoderated_articles_hold_everything() {
    let app = spawn_app().await;
    app.exec_external("UPDATE articles SET premoderation = TRUE", &[]).await;
    let r = app.post_json(json!({"body": "A perfectly nice comment."})).await;
    assert_eq!(r.status(), 202);
    assert_eq!(app.count("SELECT count(*) FROM comment_reasons WHERE code = 'premoderation'").await, 1);
}

#[tokio::test]
async fn editing_a_comment_runs_the_checks_again() {
    let app = spawn_app().await;
    let v: serde_json::Value = app.post_json(json!({"body": "A mild opinion."})).await.json().await.unwrap();
    let id = v["id"].as_i64().unwrap();
    let r = app
        .client
        .patch(app.url(&format!("/api/comments/{id}")))
        .json(&json!({"body": "I will kill you all"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["status"], "pending");
    assert_eq!(app.comments_json("").await["total"], 0);
}
