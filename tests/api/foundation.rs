// The front page, the article page with its share prompts, health, metrics, static files, 404.
use super::helpers::{SLUG, spawn_app, spawn_app_with};

#[tokio::test]
async fn the_front_page_lists_the_sample_article() {
    let app = spawn_app().await;
    let resp = app.get("/").await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(body.contains(&format!(r#"href="/articles/{SLUG}""#)), "{body}");
    assert!(body.contains("Moments After Russian Amb. Assassinated"));
}

#[tokio::test]
async fn the_article_page_has_the_story_as_written() {
    let app = spawn_app().await;
    let resp = app.get(&format!("/articles/{SLUG}")).await;
    assert_eq!(resp.status(), 200);
    let page = resp.text().await.unwrap();
    assert!(
        page.contains(
            "<h1>ALERT: Moments After Russian Amb. Assassinated, Chilling “Incident” Occurs at US Embassy</h1>"
        )
    );
    assert!(page.contains(r#"<time datetime="2016-12-19T21:30:00-05:00">December 19, 2016</time>"#));
    assert!(page.contains("“Allahu akbar (God is greatest)."));
    assert!(page.contains(r#"<span class="source">USA Liberty News</span>"#));
}

#[tokio::test]
async fn the_share_links_carry_the_encoded_article_url() {
    let app = spawn_app().await;
    let page = app.article_page().await;
    let url = format!("{}/articles/{SLUG}", app.address);
    let enc = url.replace(':', "%3A").replace('/', "%2F");
    assert!(
        page.contains(&format!(r#"href="https://www.facebook.com/sharer/sharer.php?u={enc}""#)),
        "facebook link missing"
    );
    assert!(
        page.contains(&format!(
            r#"href="https://x.com/intent/tweet?url={enc}&#38;text=Moments%20after%20the%20Russian"#
        ))
    );
    for network in
        ["bsky.app/intent/compose", "reddit.com/submit", "linkedin.com/sharing", "wa.me/?text=", "mailto:?subject="]
    {
        assert!(page.contains(network), "{network} missing");
    }
    assert_eq!(page.matches(r#"target="_blank" rel="noopener noreferrer""#).count(), 7);
    assert!(page.contains(r#"<a class="like-link" href="https://www.facebook.com/USALibertyNews" rel="noopener">Like us on Facebook – USA Liberty News</a>"#));
    assert!(
        page.contains("Please like and share on Facebook and Twitter with your thoughts on this horrifying attack.")
    );
    assert!(page.contains(r##"Do you think this shooting is terror-related? <a class="comment-prompt" href="#comments">Scroll down to comment below!</a>"##));
    assert!(page.contains(r#"<section id="comments""#));
    assert!(!page.contains("connect.facebook.net") && !page.contains("<iframe"));
}

#[tokio::test]
async fn the_head_has_open_graph_twitter_and_json_ld_with_absolute_urls() {
    let app = spawn_app_with_public_url().await;
    let page = app.article_page().await;
    let canonical = format!("https://news.example/articles/{SLUG}");
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{canonical}">"#)));
    assert!(page.contains(&format!(r#"<meta property="og:url" content="{canonical}">"#)));
    assert!(page.contains(r#"<meta property="og:type" content="article">"#));
    assert!(page.contains(r#"<meta property="og:site_name" content="USA Liberty News">"#));
    assert!(page.contains(r#"<meta property="og:title" content="ALERT: Moments After"#));
    assert!(page.contains(r#"<meta property="og:description" content="Hours after Russia"#));
    assert!(page.contains(r#"<meta property="article:published_time" content="2016-12-19T21:30:00-05:00">"#));
    assert!(page.contains(r#"<meta name="twitter:card" content="summary">"#));
    assert!(page.contains(r#"<meta name="description" content="#));
    let start = page.find(r#"<script type="application/ld+json">"#).unwrap() + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["url"], canonical);
    assert!(page.contains(&format!("u=https%3A%2F%2Fnews.example%2Farticles%2F{SLUG}")));
}

async fn spawn_app_with_public_url() -> super::helpers::TestApp {
    super::helpers::spawn_app_with(|s| s.server.public_url = "https://news.example/".into()).await
}

#[tokio::test]
async fn every_response_carries_security_headers() {
    let app = spawn_app().await;
    for path in ["/", &format!("/articles/{SLUG}"), "/nope", "/healthz"] {
        let resp = app.get(path).await;
        let h = resp.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert!(h.get("referrer-policy").is_some());
    }
}

#[tokio::test]
async fn the_page_references_no_other_origin_for_assets() {
    let app = spawn_app().await;
    let page = app.article_page().await;
    for attr in ["src=\"http", "href=\"//", "src=\"//"] {
        assert!(!page.contains(attr), "{attr}");
    }
    for stylesheet in page.match_indices(r#"rel="stylesheet" href=""#) {
        assert!(page[stylesheet.0 + 23..].starts_with("/static/"));
    }
}

#[tokio::test]
async fn unknown_slugs_and_paths_get_a_404_page() {
    let app = spawn_app().await;
    for path in ["/articles/no-such-story", "/nothing/here", "/static/nope.css"] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), 404, "{path}");
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(resp.text().await.unwrap().contains("not found"));
    }
}

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let resp = app.get("/healthz").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn healthz_answers_503_once_the_store_has_stopped() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    // The writer (SQLite) or the pool (PostgreSQL) stops while the server still answers.
    app.store.close().await;
    let resp = app.get("/healthz").await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.text().await.unwrap(), "database unavailable");
    // A comment cannot be acknowledged any more: refused, never a false 201.
    let r = app.post_json(serde_json::json!({"body": "Sent after the store stopped."})).await;
    assert!(r.status().is_server_error(), "{}", r.status());
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    // The volume under the database disappears (on PostgreSQL: its schema): the health check
    // must notice.
    match app.backend {
        super::helpers::Backend::Sqlite => {
            for ext in ["db", "db-wal", "db-shm"] {
                let _ = std::fs::remove_file(app.db_path.with_extension(ext));
            }
        }
        super::helpers::Backend::Postgres => {
            let schema = app.value("SELECT current_schema()", &[]).await.text().unwrap();
            app.exec(&format!("DROP SCHEMA {schema} CASCADE"), &[]).await;
        }
    }
    let resp = app.get("/healthz").await;
    assert_eq!(resp.status(), 503);
    assert_ne!(resp.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_with_a_latency_histogram() {
    let app = spawn_app().await;
    let unix = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let built_from = unix();
    app.get(&format!("/articles/{SLUG}")).await;
    let built_by = unix();
    app.get("/articles/nope").await;
    let resp = app.get("/metrics").await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = resp.text().await.unwrap();
    assert!(
        text.contains(r#"commentdesk_http_requests_total{method="GET",route="/articles/{slug}",status="200"} 1"#),
        "{text}"
    );
    assert!(text.contains(r#"commentdesk_http_requests_total{method="GET",route="/articles/{slug}",status="404"} 1"#));
    assert!(text.contains("commentdesk_http_request_duration_seconds_bucket{"));
    // Both anonymous pages asked (the missing one too) were built while the reader waited; the
    // article asked again comes from the cache.
    assert!(text.contains(r#"commentdesk_page_cache_total{outcome="wait"} 2"#), "{text}");
    // The page is kept for the second it was built in and served (while rebuilt) in the next:
    // asked again within that, it comes from the cache; later, it is built again. Which one the
    // server saw depends on this machine's speed, so the clock is read around each request.
    let asked_from = unix();
    app.get(&format!("/articles/{SLUG}")).await;
    let asked_by = unix();
    let text = app.get("/metrics").await.text().await.unwrap();
    let count = |o: &str| -> u64 {
        let key = format!(r#"commentdesk_page_cache_total{{outcome="{o}"}} "#);
        text.lines().find_map(|l| l.strip_prefix(key.as_str())).map_or(0, |n| n.trim().parse().unwrap())
    };
    assert_eq!(count("wait") + count("hit") + count("stale"), 3, "each page request counted once: {text}");
    if asked_by <= built_from + 1 {
        assert_eq!(count("hit") + count("stale"), 1, "served from the cache within its second: {text}");
    } else if asked_from > built_by + 1 {
        assert_eq!(count("wait"), 3, "built again after its seconds: {text}");
    }
}

#[tokio::test]
async fn metrics_refuse_forwarded_requests_without_the_token() {
    let app = super::helpers::spawn_app_with(|s| s.metrics.token = Some("s3cret-token".into())).await;
    let resp = app.client.get(app.url("/metrics")).header("X-Forwarded-For", "203.0.113.5").send().await.unwrap();
    assert_eq!(resp.status(), 403);
    let resp = app
        .client
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.5")
        .header("Authorization", "Bearer s3cret-token")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn static_assets_have_etags_and_fingerprinted_names_cache_for_a_year() {
    let app = spawn_app().await;
    let page = app.article_page().await;
    let start = page.find(r#"rel="stylesheet" href=""#).unwrap() + 23;
    let href = &page[start..start + page[start..].find('"').unwrap()];
    assert!(href.starts_with("/static/css/site.") && href != "/static/css/site.css");
    let resp = app.get(href).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["cache-control"].to_str().unwrap().contains("max-age=31536000"));
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    let etag = resp.headers()["etag"].to_str().unwrap().to_string();
    let again = app.client.get(app.url(href)).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let plain = app.get("/static/css/site.css").await;
    assert_eq!(plain.status(), 200);
    assert!(!plain.headers()["cache-control"].to_str().unwrap().contains("31536000"));
}

#[tokio::test]
async fn html_is_compressed_when_the_client_accepts_gzip() {
    let app = spawn_app().await;
    let resp =
        app.client.get(app.url(&format!("/articles/{SLUG}"))).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert_eq!(resp.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn an_empty_metrics_token_never_admits_an_empty_bearer() {
    let app = super::helpers::spawn_app_with(|s| s.metrics.token = Some(String::new())).await;
    let resp = app
        .client
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.5")
        .header("Authorization", "Bearer ")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn scheduled_backups_are_taken_rotated_and_counted_and_leave_other_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    // An operator's own files beside the backups, one named much like them.
    for own in ["commentdesk-before-upgrade.db", "commentdesk-before-upgrade.jsonl", "notes.txt"] {
        std::fs::write(dir.path().join(own), "mine").unwrap();
    }
    let backups = dir.path().to_path_buf();
    let app = spawn_app_with(move |s| {
        s.backup.dir = Some(backups);
        s.backup.interval_hours = 1.2 / 3600.0; // every 1.2 s (names have whole seconds)
        s.backup.keep = 2;
    })
    .await;
    app.post_json(serde_json::json!({"body": "A comment the backups must hold."})).await;
    // Wait (with a deadline) until four backups were taken.
    let value = |text: &str, key: &str| -> f64 {
        text.lines().find_map(|l| l.strip_prefix(key)).map_or(0.0, |n| n.trim().parse().unwrap())
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let text = loop {
        let text = app.get_text("/metrics").await;
        if value(&text, r#"commentdesk_backups_total{result="ok"} "#) >= 4.0 {
            break text;
        }
        assert!(std::time::Instant::now() < deadline, "fewer than four scheduled backups in 30 s: {text}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(value(&text, r#"commentdesk_backups_total{result="error"} "#), 0.0, "{text}");
    assert!(value(&text, "commentdesk_last_backup_timestamp_seconds ") > 1.7e9, "{text}");
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for own in ["commentdesk-before-upgrade.db", "commentdesk-before-upgrade.jsonl", "notes.txt"] {
        assert!(names.contains(&own.to_string()), "{own} was deleted: {names:?}");
    }
    let ours: Vec<&String> = names.iter().filter(|n| n.starts_with("commentdesk-20")).collect();
    // At most one more than `keep` while a new one is being written and the oldest not yet gone.
    assert!((2..=3).contains(&ours.len()), "kept: {ours:?}");
    assert!(!names.iter().any(|n| n.ends_with(".partial")) || ours.len() == 2, "{names:?}");
    // The newest holds the comment (a SQLite file or a JSON Lines export, by backend).
    let newest = dir.path().join(ours.last().unwrap());
    let bytes = std::fs::read(&newest).unwrap();
    let holds = bytes.windows(b"A comment the backups must hold.".len()).any(|w| w == b"A comment the backups must hold.");
    assert!(holds, "{} holds the comment", newest.display());
}
