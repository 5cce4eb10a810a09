// Readers post, reply, edit and delete; limits, validation and the visibility rule.
use serde_json::json;

use super::helpers::{SLUG, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_form_post_without_javascript_redirects_to_the_new_comment_which_is_on_the_page() {
    let app = spawn_app().await;
    let resp = app.post_form(&[("body", "The embassy shooting looks *unrelated* to me."), ("author", "Dana")]).await;
    assert_eq!(resp.status(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("/articles/{SLUG}#comment-")), "{location}");
    let id = location.rsplit('-').next().unwrap();
    let cookie =
        resp.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(cookie.iter().any(|c| c.starts_with("cd_author=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")));
    let page = app.article_page().await;
    assert!(page.contains(&format!(r#"id="comment-{id}""#)));
    assert!(page.contains("The embassy shooting looks <em>unrelated</em> to me."));
    assert!(page.contains(">Dana</span>"));
    assert!(page.contains(r#"Comments <span class="count">(1)</span>"#));
}

#[tokio::test]
async fn the_json_api_round_trip_creates_and_lists_a_comment() {
    let app = spawn_app().await;
    let resp = app.post_json(json!({"body": "Was it terror-related? Too early to say.", "author": "Lee"})).await;
    assert_eq!(resp.status(), 201);
    let created: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(created["status"], "published");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["url"], format!("/articles/{SLUG}#comment-{id}"));
    let list = app.comments_json("").await;
    assert_eq!(list["total"], 1);
    let c = &list["comments"][0];
    assert_eq!(c["id"], id);
    assert_eq!(c["author"], "Lee");
    assert_eq!(c["parent_id"], serde_json::Value::Null);
    assert_eq!(c["body_html"], "<p>Was it terror-related? Too early to say.</p>\n");
    assert!(
        time::OffsetDateTime::parse(c["created_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339)
            .is_ok()
    );
    assert_eq!(c["edited_at"], serde_json::Value::Null);
}

#[tokio::test]
async fn an_empty_name_shows_as_anonymous() {
    let app = spawn_app().await;
    app.post_json(json!({"body": "No name"})).await;
    assert_eq!(app.comments_json("").await["comments"][0]["author"], "Anonymous");
    assert!(app.article_page().await.contains(">Anonymous</span>"));
}

#[tokio::test]
async fn an_invalid_form_post_gets_422_with_the_text_kept_and_errors_beside_fields() {
    let app = spawn_app().await;
    let long = "x".repeat(5001);
    let resp = app.post_form(&[("body", long.as_str()), ("author", "Kim <b>")]).await;
    assert_eq!(resp.status(), 422);
    let page = resp.text().await.unwrap();
    assert!(page.contains(&long), "the reader's text is kept");
    assert!(page.contains(r#"value="Kim &#60;b&#62;""#), "the name is kept, escaped");
    assert!(page.contains(r#"id="body-error""#) && page.contains("the limit is 5,000"));
    assert!(page.contains(r#"aria-describedby="body-hint body-error""#));
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 0);

    let resp = app.post_form(&[("body", "   "), ("author", "Line\r\nTwo")]).await;
    assert_eq!(resp.status(), 422);
    let page = resp.text().await.unwrap();
    assert!(page.contains("Please write a comment"));
    assert!(page.contains(r#"id="author-error""#));
}

#[tokio::test]
async fn the_json_api_reports_each_error_with_its_status() {
    let app = spawn_app().await;
    let url = app.url(&format!("/api/articles/{SLUG}/comments"));
    let r = app.post_json(json!({"body": "", "author": "x".repeat(81)})).await;
    assert_eq!(r.status(), 422);
    let v: serde_json::Value = r.json().await.unwrap();
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["body", "author"]);
    assert!(v["errors"][0]["message"].as_str().unwrap().len() > 10);

    let r = app.client.post(&url).header("content-type", "application/json").body("{\"body\": ").send().await.unwrap();
    assert_eq!(r.status(), 400);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["error"].as_str().unwrap().contains("EOF"), "{v}");

    let r = app.client.post(&url).header("content-type", "text/plain").body("hi").send().await.unwrap();
    assert_eq!(r.status(), 415);

    let huge = json!({"body": "a".repeat(70 * 1024)});
    let r = app.post_json(huge).await;
    assert_eq!(r.status(), 413);

    let r = app.client.post(app.url("/api/articles/nope/comments")).json(&json!({"body": "x"})).send().await.unwrap();
    assert_eq!(r.status(), 404);

    let r = app.post_json(json!({"body": "reply to nothing", "parent_id": 999})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 0, "nothing stored half-way");
}

#[tokio::test]
async fn form_posts_get_413_415_and_404() {
    let app = spawn_app().await;
    let url = app.url(&format!("/articles/{SLUG}/comments"));
    let big = "a".repeat(70 * 1024);
    let r = app.client.post(&url).form(&[("body", big.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 413);
    let r = app.client.post(&url).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(r.status(), 415);
    let r = app.client.post(app.url("/articles/nope/comments")).form(&[("body", "x")]).send().await.unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn closed_articles_refuse_comments_with_403() {
    let app = spawn_app().await;
    let token = app.form_token().await;
    // A post first, so the server has the open article in memory when another process closes it.
    assert_eq!(app.post_json(json!({"body": "Before the close."})).await.status(), 201);
    app.exec_external("UPDATE articles SET comments_open = FALSE", &[]).await;
    let r = app.post_json(json!({"body": "hello"})).await;
    assert_eq!(r.status(), 403);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["error"].as_str().unwrap().contains("closed"));
    let r = app
        .client
        .post(app.url(&format!("/articles/{SLUG}/comments")))
        .form(&[("body", "hello"), ("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("Comments are closed on this story."));
    assert!(app.article_page().await.contains("Comments are closed on this story."));
}

#[tokio::test]
async fn cross_site_form_posts_are_refused() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(app.url(&format!("/articles/{SLUG}/comments")))
        .header("Origin", "https://evil.example")
        .form(&[("body", "csrf")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = app
        .client
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .header("Sec-Fetch-Site", "cross-site")
        .json(&json!({"body": "csrf"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 0);
}

#[tokio::test]
async fn replies_nest_to_depth_five_and_deeper_replies_attach_at_five() {
    let app = spawn_app_with(|s| s.limits.comment_burst = 20).await;
    let mut parent: Option<i64> = None;
    let mut ids = Vec::new();
    for i in 0..8 {
        let r = app.post_json(json!({"body": format!("level {i}"), "parent_id": parent})).await;
        assert_eq!(r.status(), 201, "{i}");
        let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        ids.push(id);
        parent = Some(id);
    }
    let depth = async |id: i64| -> (i64, Option<i64>) {
        let row = app.rows("SELECT depth, parent_id FROM comments WHERE id = ?1", &[id.into()]).await;
        (row[0][0].int().unwrap(), row[0][1].int())
    };
    assert_eq!(depth(ids[5]).await, (5, Some(ids[4])));
    assert_eq!(depth(ids[6]).await, (5, Some(ids[4])), "a reply to depth 5 becomes a sibling");
    assert_eq!(depth(ids[7]).await, (5, Some(ids[4])));
    let page = app.article_page().await;
    assert!(page.contains(&format!(r#"id="comment-{}" class="comment depth-5"#, ids[6])));
}

#[tokio::test]
async fn the_reply_link_opens_an_inline_reply_form_without_javascript() {
    let app = spawn_app().await;
    let id = app.post_json(json!({"body": "parent"})).await.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let page = app.article_page().await;
    assert!(page.contains(&format!(r##"href="/articles/{SLUG}?reply_to={id}#comment-form""##)));
    let page = app.get_text(&format!("/articles/{SLUG}?reply_to={id}")).await;
    let li = page.find(&format!(r#"id="comment-{id}""#)).unwrap();
    let form = page.find(r#"id="comment-form""#).unwrap();
    assert!(form > li, "the form is inside the comment");
    assert!(page.contains(&format!(r#"<input type="hidden" name="parent_id" value="{id}">"#)));
    let r = app.post_form(&[("body", "a reply"), ("parent_id", &id.to_string())]).await;
    assert_eq!(r.status(), 303);
    let list = app.comments_json("").await;
    assert_eq!(list["comments"][1]["parent_id"], id);
}

#[tokio::test]
async fn the_list_paginates_with_a_cursor_in_both_orders() {
    let app = spawn_app_with(|s| s.limits.comment_burst = 100).await;
    for i in 0..7 {
        assert_eq!(app.post_json(json!({"body": format!("c{i}")})).await.status(), 201);
    }
    let first = app.comments_json("?limit=3").await;
    assert_eq!(first["total"], 7);
    assert_eq!(first["comments"].as_array().unwrap().len(), 3);
    let next = first["next"].as_str().unwrap().to_string();
    let second = app.comments_json(&format!("?limit=3&after={next}")).await;
    assert_eq!(second["comments"][0]["body_html"], "<p>c3</p>\n");
    let third = app.comments_json(&format!("?limit=3&after={}", second["next"].as_str().unwrap())).await;
    assert_eq!(third["comments"].as_array().unwrap().len(), 1);
    assert_eq!(third["next"], serde_json::Value::Null);
    let newest = app.comments_json("?sort=newest&limit=2").await;
    assert_eq!(newest["comments"][0]["body_html"], "<p>c6</p>\n");
    let r = app.get(&format!("/api/articles/{SLUG}/comments?sort=sideways")).await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn show_more_pages_threads_without_javascript() {
    let app = spawn_app_with(|s| {
        s.limits.comment_burst = 100;
        s.comments.page_size = 2;
    })
    .await;
    for i in 0..5 {
        app.post_json(json!({"body": format!("thread {i}")})).await;
    }
    // Seen by another reader: the author's own comments are all on every page they see.
    let page = app.anonymous_text(&format!("/articles/{SLUG}")).await;
    assert!(page.contains("thread 1") && !page.contains("thread 2"));
    assert!(page.contains(&format!("/articles/{SLUG}?sort=oldest&#38;show=4#comment-")));
    let more = app.anonymous_text(&format!("/articles/{SLUG}?sort=oldest&show=4")).await;
    assert!(more.contains("thread 3") && !more.contains("thread 4"));
    let newest = app.anonymous_text(&format!("/articles/{SLUG}?sort=newest")).await;
    assert!(newest.contains("thread 4") && !newest.contains("thread 1"));
}

/// A flood of replies to the first threads must not make the page grow without end: a page of
/// two threads holds ten comments, the rest is behind "Show more comments", and an author still
/// finds their own reply on the default page.
#[tokio::test]
async fn a_page_holds_five_comments_per_thread_and_authors_always_find_theirs() {
    let app = spawn_app_with(|s| {
        s.limits.comment_burst = 100;
        s.comments.page_size = 2;
    })
    .await;
    let r = app.post_json(json!({"body": "the root"})).await;
    let root = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for i in 0..11 {
        let r = super::helpers::client()
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .json(&json!({"body": format!("reply number {i}."), "parent_id": root}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        ids.push(r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    // The last reply is by the app's own client, which has the author cookie of the root.
    let r = app.post_json(json!({"body": "my own late reply.", "parent_id": root})).await;
    let own = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();

    let shown = |page: &str| page.matches("<li id=\"comment-").count();
    let anonymous = app.anonymous_text(&format!("/articles/{SLUG}")).await;
    assert_eq!(shown(&anonymous), 10, "the root and nine replies");
    assert!(anonymous.contains("reply number 8.") && !anonymous.contains("reply number 9."));
    assert!(!anonymous.contains("my own late reply."));
    let more = format!("/articles/{SLUG}?sort=oldest&#38;show=4#comment-{}", ids[9]);
    assert!(anonymous.contains(&more), "the link leads to the first comment left out");
    let all = app.anonymous_text(&format!("/articles/{SLUG}?sort=oldest&show=4")).await;
    assert_eq!(shown(&all), 13);
    assert!(!all.contains("Show more comments"));

    let author = app.article_page().await;
    assert!(author.contains(&format!("id=\"comment-{own}\"")) && author.contains("my own late reply."));
    assert!(!author.contains("reply number 9."));
    // Replying to a comment the page left out opens the form under it.
    let reply = app.get_text(&format!("/articles/{SLUG}?reply_to={}", ids[10])).await;
    assert!(reply.contains(&format!("id=\"comment-{}\"", ids[10])));
}

#[tokio::test]
async fn the_atom_feed_lists_published_comments() {
    let app = spawn_app().await;
    app.post_json(json!({"body": "feed me", "author": "Ann"})).await;
    let r = app.get(&format!("/articles/{SLUG}/comments.atom")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let xml = r.text().await.unwrap();
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(xml.contains("<name>Ann</name>"));
    assert!(xml.contains("&#60;p&#62;feed me&#60;/p&#62;"), "{xml}");
}

#[tokio::test]
async fn the_burst_is_followed_by_429_with_retry_after_and_the_text_kept() {
    let app = spawn_app().await;
    for i in 0..5 {
        assert_eq!(app.post_json(json!({"body": format!("ok {i}")})).await.status(), 201);
    }
    let r = app.post_json(json!({"body": "one too many"})).await;
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["retry_after"], retry);
    assert!(v["error"].as_str().unwrap().contains("wait"));

    let r = app.post_form(&[("body", "my careful words"), ("author", "Pat")]).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let page = r.text().await.unwrap();
    assert!(page.contains("my careful words") && page.contains(r#"value="Pat""#));
    assert!(page.contains("Please wait"), "says how long to wait");
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 5);
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_change_the_client() {
    let app = spawn_app().await;
    for i in 0..6 {
        let r = app
            .client
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .json(&json!({"body": "spoof"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), if i < 5 { 201 } else { 429 }, "{i}");
    }
}

#[tokio::test]
async fn a_trusted_proxy_forwards_the_client_address() {
    let app = spawn_app_with(|s| s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()]).await;
    for i in 0..12 {
        let r = app
            .client
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .json(&json!({"body": "via proxy"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{i}");
    }
    // The same forwarded client is limited.
    for i in 0..6 {
        let r = app
            .client
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .header("X-Forwarded-For", "203.0.113.1, 127.0.0.1")
            .json(&json!({"body": "same client"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), if i < 5 { 201 } else { 429 }, "{i}");
    }
}

#[tokio::test]
async fn the_per_article_cap_stops_a_botnet() {
    let app = spawn_app_with(|s| {
        s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        s.limits.article_comments_per_minute = 3;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let r = app
            .client
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .json(&json!({"body": "bot"}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429]);
}

#[tokio::test]
async fn two_hundred_concurrent_posts_are_each_stored_exactly_once() {
    let app = spawn_app_with(|s| {
        s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        s.limits.article_comments_per_minute = 10_000;
    })
    .await;
    let mut tasks = Vec::new();
    for i in 0..200u32 {
        let client = super::helpers::client();
        let url = app.url(&format!("/api/articles/{SLUG}/comments"));
        tasks.push(tokio::spawn(async move {
            let r = client
                .post(url)
                .header("X-Forwarded-For", format!("10.{}.{}.1", i / 250, i % 250))
                .json(&json!({"body": format!("concurrent comment {i}")}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 200);
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 200);
    assert_eq!(app.count("SELECT count(DISTINCT body_md) FROM comments").await, 200);
    let listed = app.comments_json("?limit=200").await;
    let mut listed_ids: Vec<i64> =
        listed["comments"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    listed_ids.sort();
    assert_eq!(listed_ids, ids);
}

#[tokio::test]
async fn the_honeypot_and_a_too_fast_form_are_answered_as_held_but_stored_as_spam() {
    let app = spawn_app_with(|s| s.comments.min_submit_secs = 60).await;
    let r = app.post_form(&[("body", "buy now"), ("website", "http://spam.example")]).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().contains("notice=held"));
    // Filled in at machine speed: too fast for a person.
    let r = app.post_form(&[("body", "fast bot")]).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().contains("notice=held"));
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'spam'").await, 2);
    assert_eq!(app.count("SELECT count(*) FROM comment_reasons WHERE code IN ('honeypot', 'too_fast')").await, 2);
    // Readers never see them.
    let other = super::helpers::client();
    let page = other.get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("buy now") && !page.contains("fast bot"));
    assert_eq!(app.comments_json("").await["total"], 0);
}

#[tokio::test]
async fn a_missing_or_forged_form_token_is_answered_as_held_and_stored_as_spam() {
    let app = spawn_app().await;
    let url = app.url(&format!("/articles/{SLUG}/comments"));
    let genuine = app.form_token().await;
    // A token signed for this form, one character changed; and none at all.
    let mut forged: Vec<char> = genuine.chars().collect();
    let last = forged.len() - 1;
    forged[last] = if forged[last] == '0' { '1' } else { '0' };
    let forged: String = forged.into_iter().collect();
    for (token, body) in [(Some(forged.as_str()), "sent with a forged token"), (None, "sent with no token")] {
        let mut form = vec![("body", body)];
        if let Some(t) = token {
            form.push(("token", t));
        }
        let r = app.client.post(&url).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 303, "{body}");
        assert!(r.headers()["location"].to_str().unwrap().contains("notice=held"), "{body}");
    }
    let rows = app
        .rows("SELECT c.status, r.code FROM comments c JOIN comment_reasons r ON r.comment_id = c.id ORDER BY c.id", &[])
        .await;
    let got: Vec<(String, String)> = rows.iter().map(|r| (r[0].text().unwrap(), r[1].text().unwrap())).collect();
    assert_eq!(got, vec![("spam".into(), "form_token".into()), ("spam".into(), "form_token".into())]);
    assert_eq!(app.comments_json("").await["total"], 0, "readers never see them");
}

#[tokio::test]
async fn only_the_author_sees_their_held_comment_marked_awaiting_moderation() {
    let app = spawn_app().await;
    app.exec_external("UPDATE articles SET premoderation = TRUE", &[]).await;
    let r = app.post_json(json!({"body": "held for review", "author": "Sam"})).await;
    assert_eq!(r.status(), 202);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "pending");
    assert!(v.get("url").is_none());
    let mine = app.article_page().await;
    assert!(mine.contains("held for review"));
    assert!(mine.contains("Your comment is awaiting moderation"));
    assert!(mine.contains(r#"Comments <span class="count">(0)</span>"#), "counts only published");
    let stranger = super::helpers::client();
    let theirs = stranger.get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    assert!(!theirs.contains("held for review"));
    assert_eq!(app.comments_json("").await["total"], 0);
    let feed = app.get_text(&format!("/articles/{SLUG}/comments.atom")).await;
    assert!(!feed.contains("held for review"));

    let r = app.post_form(&[("body", "held form")]).await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with(&format!("/articles/{SLUG}?notice=held#comment-")));
    let page = app.get_text(&format!("/articles/{SLUG}?notice=held")).await;
    assert!(page.contains("Your comment is awaiting moderation"));
}

#[tokio::test]
async fn no_hidden_status_reaches_readers_anywhere() {
    let app = spawn_app_with(|s| s.limits.comment_burst = 50).await;
    for status in ["pending", "rejected", "spam", "deleted"] {
        let id = app
            .post_json(json!({"body": format!("secret {status} text")}))
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        app.exec_external("UPDATE comments SET status = ?1, author_key = NULL WHERE id = ?2", &[status.into(), id.into()]).await;
    }
    app.post_json(json!({"body": "visible text"})).await;
    let page = app.article_page().await;
    let api = app.get_text(&format!("/api/articles/{SLUG}/comments")).await;
    let feed = app.get_text(&format!("/articles/{SLUG}/comments.atom")).await;
    let front = app.get_text("/").await;
    for text in [&page, &api, &feed] {
        assert!(text.contains("visible text"));
        assert!(!text.contains("secret"), "{text}");
    }
    assert!(page.contains(r#"Comments <span class="count">(1)</span>"#));
    assert!(api.contains(r#""total":1"#));
    assert!(front.contains("1 comment<"));
}

#[tokio::test]
async fn the_author_may_edit_and_delete_within_the_window_and_nobody_else_may() {
    let app = spawn_app().await;
    let v: serde_json::Value = app.post_json(json!({"body": "first draft"})).await.json().await.unwrap();
    let id = v["id"].as_i64().unwrap();
    assert!(app.article_page().await.contains(&format!(r#"href="/comments/{id}/edit""#)));

    let r = app
        .client
        .patch(app.url(&format!("/api/comments/{id}")))
        .json(&json!({"body": "second draft"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let list = app.comments_json("").await;
    assert_eq!(list["comments"][0]["body_html"], "<p>second draft</p>\n");
    assert!(list["comments"][0]["edited_at"].is_string());
    assert!(app.article_page().await.contains(r#"<span class="edited">edited</span>"#));

    // The edit form without JavaScript.
    assert_eq!(app.get(&format!("/comments/{id}/edit")).await.status(), 200);
    let r = app
        .client
        .post(app.url(&format!("/comments/{id}/edit")))
        .form(&[("body", "third draft")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(app.article_page().await.contains("third draft"));

    let stranger = super::helpers::client();
    let r =
        stranger.patch(app.url(&format!("/api/comments/{id}"))).json(&json!({"body": "hijack"})).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = stranger.delete(app.url(&format!("/api/comments/{id}"))).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(stranger.get(app.url(&format!("/comments/{id}/edit"))).send().await.unwrap().status(), 403);
    // Another author, with a valid author cookie of their own, may not either.
    let other = super::helpers::client();
    let r = other.post(app.url(&format!("/api/articles/{SLUG}/comments"))).json(&json!({"body": "mine"})).send().await.unwrap();
    assert_eq!(r.status(), 201, "the other author has a cookie now");
    let r = other.patch(app.url(&format!("/api/comments/{id}"))).json(&json!({"body": "hijack"})).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = other.delete(app.url(&format!("/api/comments/{id}"))).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = other.post(app.url(&format!("/comments/{id}/edit"))).form(&[("body", "hijack")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = other.post(app.url(&format!("/comments/{id}/delete"))).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(app.article_page().await.contains("third draft"), "untouched by the other author");
    assert!(!app.article_page().await.contains("hijack"));

    // Past the window, even the author may not.
    app.exec("UPDATE comments SET created_at = created_at - 16 * 60 WHERE id = ?1", &[id.into()]).await;
    let r = app
        .client
        .patch(app.url(&format!("/api/comments/{id}")))
        .json(&json!({"body": "too late"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = app.client.delete(app.url(&format!("/api/comments/{id}"))).send().await.unwrap();
    assert_eq!(r.status(), 403);
    app.exec("UPDATE comments SET created_at = created_at + 16 * 60 WHERE id = ?1", &[id.into()]).await;

    let r = app.client.post(app.url(&format!("/comments/{id}/delete"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(!app.article_page().await.contains("third draft"));
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE status = 'deleted'").await, 1);
}

#[tokio::test]
async fn ip_addresses_are_stored_only_as_keyed_hashes() {
    let app = spawn_app().await;
    app.post_json(json!({"body": "hash me"})).await;
    let ip_hash = app.value("SELECT ip_hash FROM comments", &[]).await.text().unwrap();
    assert_eq!(ip_hash.len(), 32);
    assert!(!ip_hash.contains("127.0.0.1"));
    let dump = app
        .value("SELECT string_agg(coalesce(ip_hash,'') || coalesce(author_key,''), ',') FROM comments", &[])
        .await
        .text()
        .unwrap();
    assert!(!dump.contains("127.0.0.1"));
}
