// Reader reports: one per reader, the threshold hides the comment, held comments refuse reports.
use serde_json::json;

use super::helpers::{SLUG, TestApp, client, spawn_app, spawn_app_with};

async fn published(app: &TestApp, body: &str) -> i64 {
    let r = app.post_json(json!({"body": body})).await;
    assert_eq!(r.status(), 201);
    r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn report_as(
    app: &TestApp,
    reader: &reqwest::Client,
    id: i64,
    forwarded: &str,
    reason: &str,
) -> reqwest::Response {
    reader
        .post(app.url(&format!("/api/comments/{id}/reports")))
        .header("X-Forwarded-For", forwarded)
        .json(&json!({"reason": reason, "note": "see the second sentence"}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_report_by_form_redirects_back_with_thanks() {
    let app = spawn_app().await;
    let id = published(&app, "A comment someone dislikes.").await;
    let page = app.article_page().await;
    assert!(!page.contains(&format!(r#"href="/comments/{id}/report""#)), "no Report on one's own comment");
    let reader = client();
    let page = reader.get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!(r#"href="/comments/{id}/report""#)));
    let form = reader.get(app.url(&format!("/comments/{id}/report"))).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let form = form.text().await.unwrap();
    assert!(form.contains("Threat of violence") && form.contains("A comment someone dislikes."));
    let r = reader
        .post(app.url(&format!("/comments/{id}/report")))
        .form(&[("reason", "harassment"), ("note", "rude")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(loc, format!("/articles/{SLUG}?notice=reported#comment-{id}"));
    let page =
        reader.get(app.url(&loc.replace(&format!("#comment-{id}"), ""))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Thanks, a moderator will look at it."));
    assert_eq!(app.count("SELECT count(*) FROM reports WHERE reason = 'harassment' AND note = 'rude'").await, 1);
}

#[tokio::test]
async fn a_report_form_without_a_reason_is_422_with_the_note_kept() {
    let app = spawn_app().await;
    let id = published(&app, "Hmm.").await;
    let reader = client();
    let r = reader
        .post(app.url(&format!("/comments/{id}/report")))
        .form(&[("note", "my reasons here")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("my reasons here") && page.contains(r#"id="reason-error""#));
    assert_eq!(app.count("SELECT count(*) FROM reports").await, 0);
}

#[tokio::test]
async fn one_report_per_reader_per_comment() {
    let app = spawn_app().await;
    let id = published(&app, "Reported twice?").await;
    let reader = client();
    let r = reader
        .post(app.url(&format!("/api/comments/{id}/reports")))
        .json(&json!({"reason": "spam"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["comment_id"], id);
    let r = reader
        .post(app.url(&format!("/api/comments/{id}/reports")))
        .json(&json!({"reason": "threat"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    // By form, the same reader is thanked again but nothing is added.
    let r = reader.post(app.url(&format!("/comments/{id}/report"))).form(&[("reason", "spam")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().contains("already_reported"));
    assert_eq!(app.count("SELECT count(*) FROM reports").await, 1);
}

#[tokio::test]
async fn one_report_per_reader_across_cookie_loss_addresses_and_form_and_api() {
    let app = spawn_app_with(|s| s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    let id = published(&app, "Reported by one reader, several ways.").await;
    let report = async |c: &reqwest::Client, from: &str, form: bool| {
        let r = if form {
            c.post(app.url(&format!("/comments/{id}/report"))).header("X-Forwarded-For", from).form(&[("reason", "spam")])
        } else {
            c.post(app.url(&format!("/api/comments/{id}/reports")))
                .header("X-Forwarded-For", from)
                .json(&json!({"reason": "spam"}))
        };
        r.send().await.unwrap()
    };
    // A reader who commented, so has an author cookie.
    let reader = client();
    let r = reader
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .header("X-Forwarded-For", "198.51.100.20")
        .json(&json!({"body": "My own comment, so I have a cookie."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(report(&reader, "198.51.100.20", false).await.status(), 201);
    // The same reader by form, and from another address (a phone on another network).
    let r = report(&reader, "198.51.100.20", true).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().contains("already_reported"));
    assert_eq!(report(&reader, "203.0.113.9", false).await.status(), 409);
    let r = report(&reader, "203.0.113.9", true).await;
    assert!(r.headers()["location"].to_str().unwrap().contains("already_reported"));
    // The same reader after clearing cookies, from their usual address: by form and by API.
    let r = report(&client(), "198.51.100.20", true).await;
    assert!(r.headers()["location"].to_str().unwrap().contains("already_reported"));
    assert_eq!(report(&client(), "198.51.100.20", false).await.status(), 409);
    assert_eq!(app.count("SELECT count(*) FROM reports").await, 1);
    // A reader without a cookie is known by address: twice from one address is once.
    let anonymous = client();
    assert_eq!(report(&anonymous, "192.0.2.44", false).await.status(), 201);
    assert_eq!(report(&client(), "192.0.2.44", false).await.status(), 409);
    assert_eq!(app.count("SELECT count(*) FROM reports").await, 2);
}

#[tokio::test]
async fn invalid_reports_get_422_and_unknown_comments_404() {
    let app = spawn_app().await;
    let id = published(&app, "x marks").await;
    let reader = client();
    let r = reader
        .post(app.url(&format!("/api/comments/{id}/reports")))
        .json(&json!({"reason": "boring"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["field"], "reason");
    let r = reader.post(app.url("/api/comments/99999/reports")).json(&json!({"reason": "spam"})).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = reader
        .post(app.url(&format!("/api/comments/{id}/reports")))
        .body("reason=spam")
        .header("content-type", "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
}

#[tokio::test]
async fn at_the_threshold_the_comment_is_hidden_and_held_and_further_reports_are_refused() {
    let app = spawn_app_with(|s| s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()]).await;
    let id = published(&app, "Controversial but is it bad?").await;
    for (i, ip) in ["198.51.100.1", "198.51.100.2"].iter().enumerate() {
        let r = report_as(&app, &client(), id, ip, "harassment").await;
        assert_eq!(r.status(), 201, "{i}");
    }
    assert_eq!(app.comments_json("").await["total"], 1, "still visible below the threshold");
    let r = report_as(&app, &client(), id, "198.51.100.3", "threat").await;
    assert_eq!(r.status(), 201);
    assert_eq!(app.comments_json("").await["total"], 0, "hidden at the threshold of 3");
    let stranger = client();
    let page = stranger.get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Controversial"));
    let row = app
        .rows(
            "SELECT c.status, r.message FROM comments c JOIN comment_reasons r ON r.comment_id = c.id WHERE c.id = ?1 AND r.code = 'reported'",
            &[id.into()],
        )
        .await
        .remove(0);
    let (status, reason) = (row[0].text().unwrap(), row[1].text().unwrap());
    assert_eq!(status, "pending");
    assert!(reason.contains("3 reader reports") && reason.contains("harassment ×2"), "{reason}");
    // A held comment takes no more reports.
    let r = report_as(&app, &client(), id, "198.51.100.4", "spam").await;
    assert_eq!(r.status(), 409);
    assert_eq!(app.count("SELECT count(*) FROM reports").await, 3);
}

#[tokio::test]
async fn reports_are_rate_limited_per_client() {
    let app = spawn_app_with(|s| {
        s.limits.report_burst = 2;
        s.limits.comment_burst = 10;
    })
    .await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(published(&app, &format!("comment number {i} here")).await);
    }
    let reader = client();
    let mut statuses = Vec::new();
    for id in &ids {
        let r = reader
            .post(app.url(&format!("/api/comments/{id}/reports")))
            .json(&json!({"reason": "other"}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            assert!(r.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(statuses, [201, 201, 429]);
    // The metrics count them: reports by reason, refusals by the limit that refused.
    let text = app.get_text("/metrics").await;
    let value = |key: &str| -> Option<f64> { text.lines().find_map(|l| l.strip_prefix(key)).map(|n| n.trim().parse().unwrap()) };
    assert_eq!(value(r#"commentdesk_reports_total{reason="other"} "#), Some(2.0), "{text}");
    assert_eq!(value(r#"commentdesk_rate_limited_total{limit="report_client"} "#), Some(1.0), "{text}");
    assert_eq!(value(r#"commentdesk_rate_limited_total{limit="comment_client"} "#), None, "no comment was refused");
}
