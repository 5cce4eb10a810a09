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
    let app = spawn_app_with(|s| {
        s.moderation.banned_words = vec!["cheap pills".into()];
        s.moderation.suspect_words = vec!["zebra".into()];
    })
    .await;
    // The same request from two new readers: one refused as spam, one held for a moderator.
    let answer = async |body: &str| {
        let c = super::helpers::client();
        let r = c.post(app.url(&format!("/api/articles/{SLUG}/comments"))).json(&json!({ "body": body })).send().await.unwrap();
        let status = r.status();
        let mut headers: Vec<(String, String)> = r
            .headers()
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "date" | "content-length"))
            // Cookie values differ per reader; their names and attributes must not.
            .map(|(k, v)| {
                let v = v.to_str().unwrap();
                let v = if k == "set-cookie" { v.split_once('=').map(|(n, rest)| format!("{n}={}", rest.split_once(';').map_or("", |x| x.1))).unwrap() } else { v.to_string() };
                (k.to_string(), v)
            })
            .collect();
        headers.sort();
        let mut v: serde_json::Value = r.json().await.unwrap();
        let id = v["id"].take();
        (status, headers, v, id.as_i64().unwrap())
    };
    let (spam_status, spam_headers, spam_body, spam_id) = answer("Buy cheap pills today").await;
    let (held_status, held_headers, held_body, held_id) = answer("A zebra wandered into the embassy.").await;
    assert_eq!(spam_status, 202);
    assert_eq!((spam_status, &spam_headers), (held_status, &held_headers), "same status and headers");
    assert_eq!(spam_body, held_body, "the same body but for the id");
    assert_eq!(spam_body["status"], "pending");
    let stored = async |id: i64| app.value("SELECT status FROM comments WHERE id = ?1", &[id.into()]).await.text();
    assert_eq!(stored(spam_id).await.as_deref(), Some("spam"));
    assert_eq!(stored(held_id).await.as_deref(), Some("pending"));

    // The form: both go back to the page with the same notice.
    let r = app.post_form(&[("body", "More cheap pills here")]).await;
    assert_eq!(r.status(), 303);
    let spam_location = r.headers()["location"].to_str().unwrap().to_string();
    let r = app.post_form(&[("body", "Another zebra at the embassy gate.")]).await;
    assert_eq!(r.status(), 303);
    let held_location = r.headers()["location"].to_str().unwrap().to_string();
    // The same place, each pointing at its own comment.
    let page = |l: &str| l.rsplit_once("#comment-").map(|(page, id)| (page.to_string(), id.parse::<i64>().is_ok()));
    assert_eq!(page(&spam_location), page(&held_location));
    assert!(spam_location.contains("?notice=held#comment-"), "{spam_location}");
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
