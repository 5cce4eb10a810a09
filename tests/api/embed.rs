// The embed for pages Commentdesk does not render (issue 14): threads created on first use for
// allowed origins only, URL canonicalisation, comment counts, the embed pages' framing policy.
use super::helpers::{SLUG, TestApp, Value, spawn_app_with};

const NEWS: &str = "https://news.example";

async fn spawn_embed() -> TestApp {
    spawn_app_with(|s| {
        s.embed.allowed_origins = vec![NEWS.into(), "http://blog.example:8080".into()];
    })
    .await
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn embed(app: &TestApp, url: &str, extra: &str) -> reqwest::Response {
    app.get(&format!("/embed?url={}{extra}", enc(url))).await
}

async fn threads(app: &TestApp) -> i64 {
    app.count("SELECT count(*) FROM articles WHERE url IS NOT NULL").await
}

/// The slug of the thread the embed page shows (the section carries it).
fn section_slug(page: &str) -> String {
    let start = page.find(r#"data-slug=""#).expect("section slug") + r#"data-slug=""#.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

fn token(page: &str) -> String {
    let start = page.find(r#"name="token" value=""#).expect("token") + r#"name="token" value=""#.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn equivalent_urls_of_a_page_share_one_thread_created_on_first_view() {
    let app = spawn_embed().await;
    assert_eq!(threads(&app).await, 0);
    let first = embed(&app, "https://news.example/2016/12/19/ankara", "&title=Ankara").await;
    assert_eq!(first.status(), 200);
    let slug = section_slug(&first.text().await.unwrap());
    assert_eq!(slug, "2016-12-19-ankara");
    for same in [
        "HTTPS://NEWS.example/2016/12/19/ankara",
        "https://news.example:443/2016/12/19/ankara#comments",
        "https://news.example/2016/12/19/ankara?utm_source=twitter&utm_medium=social",
        "https://news.example/2016/12/19/ankara?fbclid=xyz",
    ] {
        let resp = embed(&app, same, "").await;
        assert_eq!(resp.status(), 200, "{same}");
        assert_eq!(section_slug(&resp.text().await.unwrap()), slug, "{same}");
    }
    assert_eq!(threads(&app).await, 1);
    let row = app
        .rows("SELECT title, url, body_md FROM articles WHERE slug = ?1", &[Value::from(slug.as_str())])
        .await;
    assert_eq!(row[0][0], Value::from("Ankara"));
    assert_eq!(row[0][1], Value::from("https://news.example/2016/12/19/ankara"));
    assert_eq!(row[0][2], Value::from(""));
}

#[tokio::test]
async fn different_pages_never_share_a_thread_whatever_their_last_segment() {
    let app = spawn_embed().await;
    let mut slugs = Vec::new();
    for url in [
        "https://news.example/world/ankara",
        "https://news.example/sport/ankara",
        "https://news.example/world-ankara",
        "https://news.example/world/ankara?page=2",
        "http://blog.example:8080/world/ankara",
    ] {
        let resp = embed(&app, url, "").await;
        assert_eq!(resp.status(), 200, "{url}");
        slugs.push(section_slug(&resp.text().await.unwrap()));
    }
    let mut unique = slugs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), slugs.len(), "{slugs:?}");
    assert_eq!(threads(&app).await, 5);
}

#[tokio::test]
async fn a_slug_the_publisher_names_keeps_the_thread_when_the_url_changes() {
    let app = spawn_embed().await;
    let a = embed(&app, "https://news.example/old-address", "&slug=story-42").await.text().await.unwrap();
    let b = embed(&app, "https://news.example/new-address", "&slug=story-42").await.text().await.unwrap();
    assert_eq!(section_slug(&a), "story-42");
    assert_eq!(section_slug(&b), "story-42");
    assert_eq!(app.count("SELECT count(*) FROM articles WHERE slug LIKE 'story-42%'").await, 1);
    let bad = embed(&app, "https://news.example/x", "&slug=Not%20A%20Slug").await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn other_origins_are_refused_with_the_setting_named_and_nothing_is_created() {
    let app = spawn_embed().await;
    let before = app.count("SELECT count(*) FROM articles").await;
    for url in [
        "https://evil.example/2016/12/19/ankara",
        "http://news.example/2016/12/19/ankara",
        "https://news.example.evil.example/a",
        "http://blog.example/a",
    ] {
        for path in ["/embed", "/c"] {
            let resp = app.get(&format!("{path}?url={}", enc(url))).await;
            assert_eq!(resp.status(), 403, "{path} {url}");
            let body = resp.text().await.unwrap();
            assert!(body.contains("allowed_origins"), "{body}");
        }
    }
    for junk in ["", "javascript:alert(1)", "/relative", "ftp://news.example/a"] {
        assert_eq!(embed(&app, junk, "").await.status(), 400, "{junk}");
    }
    assert_eq!(app.count("SELECT count(*) FROM articles").await, before);
}

#[tokio::test]
async fn without_allowed_origins_every_embed_is_refused() {
    let app = spawn_app_with(|_| {}).await;
    let resp = embed(&app, "https://news.example/a", "").await;
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("SELECT count(*) FROM articles WHERE url IS NOT NULL").await, 0);
    let resp = app.get(&format!("/embed/{SLUG}")).await;
    let csp = resp.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
}

#[tokio::test]
async fn only_the_embed_pages_may_be_framed_and_only_by_allowed_origins() {
    let app = spawn_embed().await;
    let page = embed(&app, "https://news.example/a", "").await;
    let slug = section_slug(&page.text().await.unwrap());
    let allowed = "frame-ancestors https://news.example http://blog.example:8080";
    for path in [format!("/embed?url={}", enc("https://news.example/a")), format!("/embed/{slug}")] {
        let resp = app.get(&path).await;
        assert_eq!(resp.status(), 200, "{path}");
        let h = resp.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.ends_with(allowed), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        assert!(h.get("x-frame-options").is_none(), "{path}");
    }
    for path in [
        "/".to_string(),
        format!("/articles/{SLUG}"),
        format!("/c/{slug}"),
        format!("/c?url={}", enc("https://news.example/a")),
        "/moderation".into(),
        "/moderation/login".into(),
        "/moderation/settings".into(),
        "/embed.js".into(),
        "/api/counts?url=x".into(),
        "/healthz".into(),
        "/nope".into(),
    ] {
        let resp = app.get(&path).await;
        let h = resp.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.ends_with("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
}

#[tokio::test]
async fn a_thread_the_embed_created_redirects_its_article_page_to_the_publisher() {
    let app = spawn_embed().await;
    let page = embed(&app, "https://news.example/2016/12/19/ankara?utm_source=x", "").await;
    let slug = section_slug(&page.text().await.unwrap());
    let resp = app.get(&format!("/articles/{slug}")).await;
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], "https://news.example/2016/12/19/ankara");
    // The articles Commentdesk renders are unchanged.
    assert_eq!(app.get(&format!("/articles/{SLUG}")).await.status(), 200);
}

#[tokio::test]
async fn a_comment_posted_in_the_frame_without_cookies_comes_back_to_the_frame() {
    let app = spawn_embed().await;
    let page = embed(&app, "https://news.example/a", "").await.text().await.unwrap();
    let slug = section_slug(&page);
    assert!(page.contains(r#"name="view" value="embed""#));
    assert!(page.contains(&format!(r#"action="/articles/{slug}/comments""#)));
    // A browser that keeps no cookie in the frame: a fresh client per request.
    let resp = super::helpers::client()
        .post(app.url(&format!("/articles/{slug}/comments")))
        .header("Origin", &app.address)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Sec-Fetch-Dest", "iframe")
        .form(&[("token", token(&page).as_str()), ("view", "embed"), ("body", "Posted from the frame."), ("author", "Ana")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("/embed/{slug}")), "{location}");
    let shown = super::helpers::client().get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(shown.contains("Posted from the frame."), "{location}");
    // A post from the host page itself (another site) is still refused.
    let resp = super::helpers::client()
        .post(app.url(&format!("/articles/{slug}/comments")))
        .header("Origin", NEWS)
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("token", token(&page).as_str()), ("body", "From elsewhere.")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn a_held_comment_in_the_frame_says_it_awaits_moderation() {
    let app = spawn_embed().await;
    let page = embed(&app, "https://news.example/held", "").await.text().await.unwrap();
    let slug = section_slug(&page);
    assert!(app.store.set_article_flags(&slug, true, true).await.unwrap());
    let resp = super::helpers::client()
        .post(app.url(&format!("/articles/{slug}/comments")))
        .form(&[("token", token(&page).as_str()), ("view", "embed"), ("body", "Please approve me.")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("/embed/{slug}?notice=held")), "{location}");
    let shown = super::helpers::client().get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(shown.contains("awaiting moderation"));
    // Without a cookie the author is not recognised: no edit, no delete.
    assert!(!shown.contains("/edit\"") && !shown.contains("/delete\""));
}

#[tokio::test]
async fn counts_answer_published_comments_by_the_urls_as_given() {
    let app = spawn_embed().await;
    let page = embed(&app, "https://news.example/counted", "").await.text().await.unwrap();
    let slug = section_slug(&page);
    let id = app.value("SELECT id FROM articles WHERE slug = ?1", &[Value::from(slug.as_str())]).await.int().unwrap();
    for (body, status) in [("one", "published"), ("two", "published"), ("three", "pending"), ("four", "rejected")] {
        app.exec(
            "INSERT INTO comments (article_id, body_md, body_html, status, created_at) VALUES (?1, ?2, ?2, ?3, 0)",
            &[Value::from(id), Value::from(body), Value::from(status)],
        )
        .await;
    }
    let a = "https://news.example/counted?utm_campaign=x";
    let b = "https://news.example/never-shown";
    let resp = app
        .client
        .get(app.url(&format!("/api/counts?url={}&url={}&url=not-a-url", enc(a), enc(b))))
        .header("Origin", NEWS)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["access-control-allow-origin"], NEWS);
    assert!(resp.headers()["cache-control"].to_str().unwrap().contains("max-age"));
    let json: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(json["counts"][a], 2);
    assert_eq!(json["counts"][b], 0);
    assert!(json["counts"].get("not-a-url").is_none());
    // Asking creates nothing.
    assert_eq!(threads(&app).await, 1);
    // Another origin may not read the answer from its pages.
    let resp = app.client.get(app.url(&format!("/api/counts?url={}", enc(a)))).header("Origin", "https://evil.example").send().await.unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());
    let too_many: String = (0..51).map(|i| format!("url={}&", enc(&format!("https://news.example/{i}")))).collect();
    assert_eq!(app.get(&format!("/api/counts?{too_many}")).await.status(), 400);
    assert_eq!(app.get("/api/counts").await.status(), 400);
}

#[tokio::test]
async fn the_noscript_page_shows_the_section_and_links_back() {
    let app = spawn_embed().await;
    let resp = app.get(&format!("/c?url={}&title=Ankara", enc("https://news.example/2016/12/19/ankara#x"))).await;
    assert_eq!(resp.status(), 200);
    let page = resp.text().await.unwrap();
    assert!(page.contains(r#"href="https://news.example/2016/12/19/ankara""#));
    assert!(page.contains(r#"name="view" value="page""#));
    assert!(page.contains("Ankara"));
    assert_eq!(threads(&app).await, 1);
}

#[tokio::test]
async fn embed_js_is_served_under_its_stable_name_and_a_fingerprint() {
    let app = spawn_embed().await;
    let resp = app.get("/embed.js").await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    let etag = resp.headers()["etag"].to_str().unwrap().to_string();
    let js = resp.text().await.unwrap();
    assert!(js.contains("commentdesk:height") && !js.contains("\"*\""));
    let again = app.client.get(app.url("/embed.js")).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let short = etag.trim_matches('"');
    let fingerprinted = app.get(&format!("/static/js/embed.{short}.js")).await;
    assert_eq!(fingerprinted.status(), 200);
    assert_eq!(fingerprinted.text().await.unwrap(), js);
}

#[tokio::test]
async fn embed_threads_travel_through_export_with_their_url() {
    let app = spawn_embed().await;
    embed(&app, "https://news.example/exported", "").await;
    let out = app.db_path.with_extension("export.jsonl");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_commentdesk"));
    for (k, _) in std::env::vars() {
        if k.starts_with("COMMENTDESK_") {
            cmd.env_remove(k);
        }
    }
    let status = cmd.arg("--db").arg(&app.db_arg).args(["export", out.to_str().unwrap()]).status().unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.lines().any(|l| l.contains(r#""url":"https://news.example/exported""#)), "{text}");
}

#[tokio::test]
async fn over_https_a_partitioned_cookie_recognises_the_author_inside_the_frame() {
    let app = spawn_app_with(|s| {
        s.embed.allowed_origins = vec![NEWS.into()];
        s.server.public_url = "https://comments.news.example".into();
    })
    .await;
    let page = embed(&app, "https://news.example/chips", "").await.text().await.unwrap();
    let slug = section_slug(&page);
    assert!(app.store.set_article_flags(&slug, true, true).await.unwrap());
    let resp = super::helpers::client()
        .post(app.url(&format!("/articles/{slug}/comments")))
        .form(&[("token", token(&page).as_str()), ("view", "embed"), ("body", "Mine, awaiting a moderator.")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let set: Vec<String> =
        resp.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let partitioned = set.iter().find(|c| c.starts_with("__Host-cd_author_embed=")).expect("partitioned cookie");
    for attr in ["Partitioned", "Secure", "HttpOnly", "SameSite=None", "Path=/"] {
        assert!(partitioned.contains(attr), "{attr} in {partitioned}");
    }
    assert!(!partitioned.contains("Domain"), "{partitioned}");
    // Only the partitioned cookie reaches the frame (the SameSite=Lax one is never sent there).
    let pair = partitioned.split(';').next().unwrap().to_string();
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    let mine = reqwest::Client::new()
        .get(app.url(&location))
        .header("Cookie", &pair)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains("Mine, awaiting a moderator."));
    assert!(mine.contains("/edit\""), "the author is offered edit");
    let stranger = reqwest::Client::new().get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(!stranger.contains("Mine, awaiting a moderator."));
}

#[tokio::test]
async fn creating_threads_is_limited_per_client_but_reading_existing_ones_is_not() {
    let app = spawn_app_with(|s| {
        s.embed.allowed_origins = vec![NEWS.into()];
        s.limits.thread_burst = 2;
        s.limits.thread_interval_secs = 3600;
    })
    .await;
    for n in 1..=2 {
        let resp = embed(&app, &format!("https://news.example/story-{n}"), "").await;
        assert_eq!(resp.status(), 200, "thread {n}");
    }
    let refused = embed(&app, "https://news.example/story-3", "").await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().get("retry-after").is_some());
    assert_eq!(threads(&app).await, 2, "the refused page made no thread");
    for _ in 0..5 {
        let again = embed(&app, "https://news.example/story-1", "").await;
        assert_eq!(again.status(), 200, "an existing thread is shown whatever the limit");
    }
}

#[tokio::test]
async fn the_embeds_theme_and_accent_stay_on_the_sections_own_links() {
    let app = spawn_embed().await;
    let page = embed(&app, "https://news.example/story", "&theme=dark&accent=%23AA0000").await.text().await.unwrap();
    let slug = section_slug(&page);
    assert!(page.contains(r#"data-theme="dark""#), "the frame is dark");
    // Sort links appear once there are comments.
    let posted = app
        .client
        .post(app.url(&format!("/api/articles/{slug}/comments")))
        .json(&serde_json::json!({"body": "A first comment in the frame."}))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 201);
    let page = embed(&app, "https://news.example/story", "&theme=dark&accent=%23AA0000").await.text().await.unwrap();
    let keep = "&#38;theme=dark&#38;accent=%23aa0000";
    for sort in ["newest", "best"] {
        assert!(page.contains(&format!("/embed/{slug}?sort={sort}{keep}#comments")), "sort={sort}: {page}");
    }
    // The next page keeps it too; the article page's own links never carry it.
    let next = app.get(&format!("/embed/{slug}?sort=newest&theme=dark&accent=%23aa0000")).await.text().await.unwrap();
    assert!(next.contains(&format!("/embed/{slug}?sort=oldest{keep}#comments")), "{next}");
    let plain = embed(&app, "https://news.example/story", "").await.text().await.unwrap();
    assert!(!plain.contains("&#38;theme=") && !plain.contains("&#38;accent="), "nothing to keep without a look");
    let bad = embed(&app, "https://news.example/story", "&theme=%22%3E&accent=red").await.text().await.unwrap();
    assert!(!bad.contains("&#38;theme=") && !bad.contains("&#38;accent="), "only checked values are carried");
}
