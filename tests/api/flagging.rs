// The automatic checks over HTTP: what readers are told, and what moderators will see.
use serde_json::json;

use super::helpers::{SLUG, TestApp, client, spawn_app, spawn_app_with};

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

// Posts as the reader behind `reader` (a client of its own is an author of its own, with nothing
// published yet); returns the HTTP status and the reason codes stored with the comment.
pub(super) async fn post_as(app: &TestApp, reader: &reqwest::Client, body: &str) -> (u16, Vec<String>) {
    let r = reader
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": body, "author": "Reader"}))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let codes = app
        .rows(
            "SELECT code FROM comment_reasons WHERE comment_id = (SELECT max(id) FROM comments) ORDER BY code",
            &[],
        )
        .await
        .into_iter()
        .map(|row| row[0].text().unwrap())
        .collect();
    (status, codes)
}

async fn spawn_many(customize: impl FnOnce(&mut commentdesk::config::Settings)) -> TestApp {
    spawn_app_with(|s| {
        s.limits.comment_burst = 100;
        customize(s);
    })
    .await
}

#[tokio::test]
async fn a_first_time_commenter_citing_a_source_is_published_and_with_another_sign_held() {
    let app = spawn_many(|_| {}).await;
    let cited = "Reuters has the timeline: https://www.reuters.com/world/europe/karlov-1 and it is chilling.";
    assert_eq!(post_as(&app, &client(), cited).await, (201, vec![]));
    // The same with a shortener: held, with both reasons.
    let shortened = "Reuters has the timeline: https://bit.ly/3xKarlov and it is chilling.";
    assert_eq!(
        post_as(&app, &client(), shortened).await,
        (202, vec!["links.first_time".to_string(), "links.shortener".to_string()])
    );
    // Two links (within `max_links`): held for a first-time commenter only.
    let two = "Compare https://news-a.example/karlov with https://news-b.example/karlov on the gunman.";
    assert_eq!(post_as(&app, &client(), two).await, (202, vec!["links.first_time".to_string()]));
    let regular = client();
    assert_eq!(post_as(&app, &regular, "A sad day for diplomacy.").await.0, 201);
    let also_two = "Two accounts worth reading: https://news-a.example/one and https://news-b.example/two.";
    assert_eq!(post_as(&app, &regular, also_two).await, (201, vec![]));
    // Nothing but a link, and self-promotion with a link.
    let (status, codes) = post_as(&app, &client(), "https://cheap.example/offer?ref=1").await;
    assert_eq!((status, codes), (202, vec!["links.alone".to_string(), "links.first_time".to_string()]));
    let promo = "Great analysis, check out my channel https://video.example/c/karlov for more.";
    let (status, codes) = post_as(&app, &client(), promo).await;
    assert_eq!(status, 202);
    assert!(codes.contains(&"links.first_time".to_string()) && codes.contains(&"spam.promotion".to_string()));
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'published'").await, 3);
}

#[tokio::test]
async fn the_strict_rule_holds_any_link_from_a_first_time_commenter() {
    let app = spawn_many(|s| s.moderation.hold_first_time_links = true).await;
    let cited = "Reuters has the timeline: https://www.reuters.com/world/europe/karlov-1 and it is chilling.";
    assert_eq!(post_as(&app, &client(), cited).await, (202, vec!["links.first_time".to_string()]));
    let regular = client();
    assert_eq!(post_as(&app, &regular, "A sad day for diplomacy.").await.0, 201);
    let again = "The Reuters piece https://www.reuters.com/world/europe/karlov-2 shows the gunman's path.";
    assert_eq!(post_as(&app, &regular, again).await, (201, vec![]));
}

#[tokio::test]
async fn links_to_trusted_domains_never_hold() {
    let app = spawn_many(|s| {
        s.moderation.hold_first_time_links = true;
        s.moderation.max_links = 1;
        s.moderation.trusted_domains = vec!["reuters.com".into(), "apnews.com".into()];
    })
    .await;
    let trusted = "See https://uk.reuters.com/karlov and https://apnews.com/article/karlov for the timeline.";
    assert_eq!(post_as(&app, &client(), trusted).await, (201, vec![]));
    assert_eq!(post_as(&app, &client(), "https://www.reuters.com/world/karlov").await, (201, vec![]));
    // A look-alike of a trusted domain is not trusted.
    let lookalike = "See https://reuters.com.news-now.example/karlov for the timeline.";
    assert_eq!(post_as(&app, &client(), lookalike).await, (202, vec!["links.first_time".to_string()]));
}

#[tokio::test]
async fn readers_agreeing_in_the_same_words_are_published_until_it_is_a_campaign() {
    let app = spawn_many(|_| {}).await;
    let condolence = "RIP Ambassador Karlov, my condolences to his family.";
    assert_eq!(post_as(&app, &client(), condolence).await, (201, vec![]));
    assert_eq!(post_as(&app, &client(), "RIP Ambassador Karlov. My condolences to his family!").await, (201, vec![]));
    // The third copy within the window, and the ones after it, are a campaign.
    for _ in 0..2 {
        assert_eq!(post_as(&app, &client(), condolence).await, (202, vec!["spam.duplicate".to_string()]));
    }
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'published'").await, 2);
    // A different sentence by another reader is not part of it.
    let other = "Yes, I think this shooting is terror-related.";
    assert_eq!(post_as(&app, &client(), other).await, (201, vec![]));
}

#[tokio::test]
async fn a_campaign_size_from_the_settings_applies() {
    let app = spawn_many(|s| s.moderation.duplicate_campaign_min = 2).await;
    let agree = "Yes, I think this shooting is terror-related.";
    assert_eq!(post_as(&app, &client(), agree).await, (201, vec![]));
    assert_eq!(post_as(&app, &client(), agree).await, (202, vec!["spam.duplicate".to_string()]));
}

#[tokio::test]
async fn a_repeated_text_with_a_link_is_held_from_the_second_copy() {
    let app = spawn_many(|_| {}).await;
    let linked = "Yes, I think this shooting is terror-related, read https://news-now.example/karlov today.";
    assert_eq!(post_as(&app, &client(), linked).await, (201, vec![]));
    assert_eq!(post_as(&app, &client(), linked).await, (202, vec!["spam.duplicate".to_string()]));
    // The same with a link to a trusted domain is agreement again.
    let app = spawn_many(|s| s.moderation.trusted_domains = vec!["reuters.com".into()]).await;
    let cited = "Yes, I think this shooting is terror-related, read https://www.reuters.com/karlov today.";
    assert_eq!(post_as(&app, &client(), cited).await, (201, vec![]));
    assert_eq!(post_as(&app, &client(), cited).await, (201, vec![]));
}

#[tokio::test]
async fn one_author_repeating_themselves_is_held() {
    let app = spawn_many(|_| {}).await;
    let reader = client();
    let agree = "Yes, I think this shooting is terror-related.";
    assert_eq!(post_as(&app, &reader, agree).await, (201, vec![]));
    assert_eq!(post_as(&app, &reader, agree).await, (202, vec!["spam.duplicate".to_string()]));
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'published'").await, 1);
}

#[tokio::test]
async fn shouting_is_noted_but_held_only_with_a_learned_score_at_its_threshold() {
    let customize = |s: &mut commentdesk::config::Settings| s.limits.comment_burst = 100;
    let app = spawn_app_with(customize).await;
    let shout = |words: &str| format!("{words}!!! READ THIS NOW, EVERYONE, BEFORE IT IS GONE");
    // Before the score is trained, shouting alone publishes (and is noted).
    let r = app.post_json(json!({"body": shout("THE EMBASSY STORY IS AN OUTRAGE")})).await;
    assert_eq!(r.status(), 201, "shouting alone does not hold");

    // Train the score (as an operator would, with the CLI) and restart to load it.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("train.csv");
    let mut rows = String::from("text,label\n");
    for i in 0..30 {
        rows.push_str(&format!("\"cheap replica watches deal {i}, buy now at my shop\",spam\n"));
        rows.push_str(&format!("the embassy closed for day {i} after the shooting in ankara,ham\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    let out = crate::cli::bin().args(["classifier", "train", csv.to_str().unwrap(), "--db", &app.db_arg]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = app.restarted(customize).await;

    let post = async |body: String| -> (u16, Vec<String>) {
        let r = again.client.post(again.url(&format!("/api/articles/{SLUG}/comments"))).json(&json!({ "body": body })).send().await.unwrap();
        let status = r.status().as_u16();
        let v: serde_json::Value = r.json().await.unwrap();
        let codes = again.rows("SELECT code FROM comment_reasons WHERE comment_id = ?1", &[v["id"].as_i64().unwrap().into()]).await;
        (status, codes.into_iter().map(|r| r[0].text().unwrap()).collect())
    };
    // Shouting spam the score knows: held, with both reasons for the moderator.
    let (status, codes) = post(shout("CHEAP REPLICA WATCHES DEAL, BUY NOW AT MY SHOP")).await;
    assert_eq!(status, 202, "{codes:?}");
    assert!(codes.iter().any(|c| c == "spam.shouting"), "{codes:?}");
    // Shouting about the story, which the score reads as fine: published.
    let (status, codes) = post(shout("THE EMBASSY CLOSED AFTER THE SHOOTING IN ANKARA")).await;
    assert_eq!(status, 201, "{codes:?}");
}
