// `[server] base_path` (issue 14): the whole product under a path of the publisher's site
// (`/comments` behind a proxy that passes `/comments/` through). Every path the pages, redirects,
// cookies, JSON and mails name carries the prefix; paths without it are 404s.
use commentdesk::auth::password::{Hasher, Password};
use commentdesk::config::Settings;
use commentdesk::domain::moderator::{ModeratorName, Role};
use reqwest::StatusCode;
use serde_json::json;

use super::helpers::{SLUG, TestApp, client, spawn_app_with};
use crate::smtp::Smtp;

const BASE: &str = "/comments";
const PASSWORD: &str = "correct horse battery staple";
const NEWS: &str = "https://news.example";

async fn spawn(customize: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with(|s| {
        s.server.base_path = BASE.into();
        s.moderation_console.argon2_memory_kib = 64;
        s.moderation_console.argon2_iterations = 1;
        s.limits.comment_burst = 100;
        s.embed.allowed_origins = vec![NEWS.into()];
        customize(s);
    })
    .await
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Every attribute value in `page` that is a path (`="/..."`: href, action, src, data-events,
/// data-fragment...). Text and JSON-LD hold absolute URLs or escaped quotes, never `="/`.
fn paths(page: &str) -> Vec<String> {
    page.match_indices("=\"/").map(|(i, _)| page[i + 2..].split('"').next().unwrap_or("").to_string()).collect()
}

/// The application's own first path segments. The base path `/comments` is also the name of a
/// route (`/comments/{id}/edit`), so a forgotten prefix is caught by what follows the base: a
/// path under it must go on with one of these.
const ROUTES: &[&str] =
    &["/articles/", "/comments/", "/api/", "/moderation", "/static/", "/embed", "/c/", "/c?", "/replies/"];

/// Asserts that the page names paths, and that each of them lies under the base path.
fn all_under_base(page: &str, what: &str) -> Vec<String> {
    let found = paths(page);
    assert!(!found.is_empty(), "{what}: no paths at all?\n{page}");
    let under = |p: &str| match p.strip_prefix(BASE) {
        Some("" | "/") => true,
        Some(rest) => ROUTES.iter().any(|r| rest.starts_with(r)),
        None => false,
    };
    let stray: Vec<&String> = found.iter().filter(|p| !under(p)).collect();
    assert!(stray.is_empty(), "{what}: paths without {BASE}: {stray:?}");
    found
}

fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

fn field(page: &str, name: &str) -> String {
    let key = format!(r#"name="{name}" value=""#);
    let start = page.find(&key).unwrap_or_else(|| panic!("no {name} field in page")) + key.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

async fn add_moderator(app: &TestApp, name: &str, role: Role) {
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_moderator(&ModeratorName::parse(name).unwrap(), role, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
}

#[tokio::test]
async fn the_article_page_its_assets_and_every_link_and_form_on_it_lie_under_the_base_path() {
    let app = spawn(|_| {}).await;
    let resp = app.get(&format!("{BASE}/articles/{SLUG}")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let page = resp.text().await.unwrap();
    assert!(page.contains("Moments After Russian Amb. Assassinated"));
    assert!(page.contains(r#"data-base="/comments""#), "the script learns the base path");
    let found = all_under_base(&page, "article page");
    assert!(found.contains(&format!("{BASE}/articles/{SLUG}/comments")), "the form posts under the base: {found:?}");
    assert!(found.contains(&format!("{BASE}/articles/{SLUG}/comments.atom")), "{found:?}");
    assert!(found.contains(&format!("{BASE}/")), "the site name links to the front page: {found:?}");
    // The canonical link and the share links are absolute and carry the base path once.
    let canonical = format!("{}{BASE}/articles/{SLUG}", app.address);
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{canonical}">"#)), "{canonical}");
    assert!(!page.contains("/comments/comments/"), "no doubled prefix");
    // The fingerprinted assets answer where the page says they are.
    let assets: Vec<&String> = found.iter().filter(|p| p.starts_with("/comments/static/")).collect();
    assert!(assets.len() >= 3, "css, js and icon: {assets:?}");
    for a in assets {
        assert_eq!(app.get(a).await.status(), StatusCode::OK, "{a}");
    }
    // The front page, with and without its trailing slash, and the feed.
    for front in [BASE.to_string(), format!("{BASE}/")] {
        let r = app.get(&front).await;
        assert_eq!(r.status(), StatusCode::OK, "{front}");
        let list = r.text().await.unwrap();
        assert!(list.contains(&format!(r#"href="{BASE}/articles/{SLUG}""#)), "{front}");
        all_under_base(&list, "front page");
    }
    let feed = app.get_text(&format!("{BASE}/articles/{SLUG}/comments.atom")).await;
    assert!(feed.contains(&format!(r#"href="{canonical}""#)), "{feed}");
}

#[tokio::test]
async fn paths_without_the_base_path_are_404_pages_except_health_and_metrics() {
    let app = spawn(|_| {}).await;
    for path in ["/", &format!("/articles/{SLUG}"), &format!("/api/articles/{SLUG}/comments"), "/moderation", "/embed.js"]
    {
        let r = app.get(path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        let page = r.text().await.unwrap();
        all_under_base(&page, "404 page");
    }
    // A path that only starts like the base is not under it.
    assert_eq!(app.get(&format!("/commentsx/articles/{SLUG}")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("{BASE}/nothing-here")).await.status(), StatusCode::NOT_FOUND);
    for ops in ["/healthz", "/comments/healthz", "/metrics", "/comments/metrics"] {
        assert_eq!(app.get(ops).await.status(), StatusCode::OK, "{ops}");
    }
    // Metrics name the application's routes, without the base path.
    assert_eq!(app.get(&format!("{BASE}/articles/{SLUG}")).await.status(), StatusCode::OK);
    assert_eq!(app.get(BASE).await.status(), StatusCode::OK);
    let metrics = app.get_text("/metrics").await;
    for route in [r#"route="/articles/{slug}""#, r#"route="/healthz""#, r#"route="/""#] {
        assert!(metrics.contains(route), "{route} in {metrics}");
    }
    assert!(!metrics.contains(r#"route="/comments"#), "{metrics}");
}

#[tokio::test]
async fn a_comment_posted_without_javascript_comes_back_under_the_base_path_with_its_links() {
    let app = spawn(|_| {}).await;
    let page = app.get_text(&format!("{BASE}/articles/{SLUG}")).await;
    let token = field(&page, "token");
    let r = app
        .client
        .post(app.url(&format!("{BASE}/articles/{SLUG}/comments")))
        .header("Origin", &app.address)
        .form(&[("token", token.as_str()), ("body", "Posted under the base path."), ("author", "Ana")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    assert!(to.starts_with(&format!("{BASE}/articles/{SLUG}#comment-")), "{to}");
    let author = set_cookies(&r).into_iter().find(|c| c.starts_with("cd_author=")).expect("author cookie");
    assert!(author.contains("Path=/comments"), "{author}");
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE body_md = 'Posted under the base path.'").await, 1);

    // The author's page: their comment with edit and delete, every link under the base path.
    let mine = app.get_text(&to).await;
    assert!(mine.contains("Posted under the base path."));
    let found = all_under_base(&mine, "the author's page");
    let id = to.rsplit("#comment-").next().unwrap();
    assert!(found.contains(&format!("{BASE}/comments/{id}/edit")), "{found:?}");
    assert!(found.contains(&format!("{BASE}/comments/{id}/delete")), "{found:?}");
    let edit = app.get(&format!("{BASE}/comments/{id}/edit")).await;
    assert_eq!(edit.status(), StatusCode::OK);
    all_under_base(&edit.text().await.unwrap(), "edit page");

    // Another reader's view: report and reaction forms, the report page.
    let other = client();
    // (A parameter skips the anonymous page cache, which may serve the page of a second ago.)
    let theirs =
        other.get(app.url(&format!("{BASE}/articles/{SLUG}?sort=oldest"))).send().await.unwrap().text().await.unwrap();
    let found = all_under_base(&theirs, "another reader's page");
    assert!(found.contains(&format!("{BASE}/comments/{id}/report")), "{found:?}");
    assert!(found.contains(&format!("{BASE}/comments/{id}/react")), "{found:?}");
    let report = other.get(app.url(&format!("{BASE}/comments/{id}/report"))).send().await.unwrap();
    assert_eq!(report.status(), StatusCode::OK);
    all_under_base(&report.text().await.unwrap(), "report page");
    let r = other
        .post(app.url(&format!("{BASE}/comments/{id}/react")))
        .header("Origin", &app.address)
        .form(&[("action", "react")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{BASE}/articles/{SLUG}#comment-{id}"));

    // Deleting sends the author back under the base path too.
    let page = app.get_text(&to).await;
    assert!(page.contains(&format!(r#"action="{BASE}/comments/{id}/delete""#)));
    let r = app
        .client
        .post(app.url(&format!("{BASE}/comments/{id}/delete")))
        .header("Origin", &app.address)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&format!("{BASE}/articles/{SLUG}?notice=deleted")), "{}", location(&r));
}

#[tokio::test]
async fn the_json_api_answers_under_the_base_path_and_its_urls_carry_it() {
    let app = spawn(|_| {}).await;
    let r = app
        .client
        .post(app.url(&format!("{BASE}/api/articles/{SLUG}/comments")))
        .header("Origin", &app.address)
        .json(&json!({"body": "Through the API.", "author": "Ben"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: serde_json::Value = r.json().await.unwrap();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["url"], format!("{BASE}/articles/{SLUG}#comment-{id}"));
    let list: serde_json::Value = app.get(&format!("{BASE}/api/articles/{SLUG}/comments")).await.json().await.unwrap();
    assert_eq!(list["comments"][0]["id"], id);
    let r = app
        .client
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Not under the base.", "author": "Ben"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 1);
}

#[tokio::test]
async fn over_https_cookies_are_scoped_to_the_base_path_with_the_secure_prefix_and_same_origin_posts_pass() {
    let app = spawn(|s| s.server.public_url = format!("{NEWS}{BASE}")).await;
    // The reader's cookies: the plain one and the partitioned one for the embed.
    let page = app.get_text(&format!("{BASE}/articles/{SLUG}")).await;
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{NEWS}{BASE}/articles/{SLUG}">"#)));
    let r = client()
        .post(app.url(&format!("{BASE}/articles/{SLUG}/comments")))
        .header("Origin", NEWS)
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[("token", field(&page, "token").as_str()), ("body", "Over https under a path."), ("author", "Cy")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the same-origin check passes: {:?}", r.text().await);
    let cookies = set_cookies(&r);
    assert!(cookies.iter().all(|c| !c.starts_with("__Host-")), "{cookies:?}");
    let embed = cookies.iter().find(|c| c.starts_with("__Secure-cd_author_embed=")).expect("partitioned cookie");
    for attr in ["Path=/comments", "Secure", "Partitioned", "SameSite=None"] {
        assert!(embed.contains(attr), "{attr} in {embed}");
    }
    // The partitioned cookie alone recognises the author.
    let pair = embed.split(';').next().unwrap().to_string();
    let to = location(&r);
    let mine = reqwest::Client::new().get(app.url(&to)).header("Cookie", &pair).send().await.unwrap();
    assert!(mine.text().await.unwrap().contains("/edit\""), "the author is offered edit");
    // Another site's post is still refused.
    let r = client()
        .post(app.url(&format!("{BASE}/articles/{SLUG}/comments")))
        .header("Origin", "https://evil.example")
        .form(&[("token", field(&page, "token").as_str()), ("body", "From elsewhere.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The moderator's session cookie.
    add_moderator(&app, "ann", Role::Admin).await;
    let r = client()
        .post(app.url(&format!("{BASE}/api/moderation/session")))
        .header("Origin", NEWS)
        .json(&json!({ "username": "ann", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = set_cookies(&r).join("\n");
    assert!(cookie.starts_with("__Secure-cd_mod="), "{cookie}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/comments", "Secure"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    // The session it names opens the console.
    let pair = cookie.split(';').next().unwrap().to_string();
    let queue = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(&format!("{BASE}/moderation")))
        .header("Cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(queue.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_moderator_signs_in_works_and_signs_out_under_the_base_path() {
    let app = spawn(|_| {}).await;
    add_moderator(&app, "ann", Role::Admin).await;
    let c = client();
    let r = c.get(app.url(&format!("{BASE}/moderation"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{BASE}/moderation/login"));
    let login = c.get(app.url(&format!("{BASE}/moderation/login"))).send().await.unwrap().text().await.unwrap();
    let found = all_under_base(&login, "sign-in page");
    assert!(found.contains(&format!("{BASE}/moderation/login")), "{found:?}");

    let r = c
        .post(app.url(&format!("{BASE}/moderation/login")))
        .header("Origin", &app.address)
        .form(&[("name", "ann"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{BASE}/moderation"));
    let cookie = set_cookies(&r).join("\n");
    assert!(cookie.starts_with("cd_mod=") && cookie.contains("Path=/comments"), "{cookie}");
    assert!(!cookie.contains("__Host-"), "{cookie}");

    // A held comment to act on, so the queue shows its forms.
    app.store.set_article_flags(SLUG, true, true).await.unwrap();
    let r = client()
        .post(app.url(&format!("{BASE}/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Waiting for a moderator.", "author": "Dee"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();

    let queue = c.get(app.url(&format!("{BASE}/moderation"))).send().await.unwrap().text().await.unwrap();
    let found = all_under_base(&queue, "queue");
    for want in [
        format!("{BASE}/moderation/comments/{id}/decision"),
        format!("{BASE}/moderation/events"),
        format!("{BASE}/moderation/logout"),
        format!("{BASE}/moderation/settings"),
    ] {
        assert!(found.contains(&want), "{want} in {found:?}");
    }
    assert!(found.iter().any(|p| p.starts_with(&format!("{BASE}/moderation?queue="))), "tabs: {found:?}");
    for page in ["/moderation/log", "/moderation/settings", "/moderation/rules", "/moderation/webhooks", "/moderation/notifications"] {
        let r = c.get(app.url(&format!("{BASE}{page}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{page}");
        all_under_base(&r.text().await.unwrap(), page);
    }

    // A decision comes back to the queue under the base path.
    let csrf = field(&queue, "csrf");
    let r = c
        .post(app.url(&format!("{BASE}/moderation/comments/{id}/decision")))
        .header("Origin", &app.address)
        .form(&[("csrf", csrf.as_str()), ("action", "approve"), ("expected_status", "pending"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&format!("{BASE}/moderation?queue=")), "{}", location(&r));
    assert_eq!(app.value("SELECT status FROM comments WHERE id = ?1", &[id.into()]).await.text().unwrap(), "published");
    // A signed-in moderator's article page carries the feature forms, under the base path too.
    let article = c.get(app.url(&format!("{BASE}/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
    let found = all_under_base(&article, "moderator's article page");
    assert!(found.contains(&format!("{BASE}/moderation/comments/{id}/feature")), "{found:?}");

    let r = c
        .post(app.url(&format!("{BASE}/moderation/logout")))
        .header("Origin", &app.address)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{BASE}/moderation/login"));
    assert!(set_cookies(&r).join("\n").contains("Path=/comments"), "the cookie cleared is the one set");
}

#[tokio::test]
async fn the_embed_script_frame_and_noscript_page_lie_under_the_base_path() {
    let app = spawn(|_| {}).await;
    let js = app.get(&format!("{BASE}/embed.js")).await;
    assert_eq!(js.status(), StatusCode::OK);
    assert!(js.text().await.unwrap().contains("data-commentdesk-url"));
    let url = enc("https://news.example/2016/12/19/ankara");
    let frame = app.get(&format!("{BASE}/embed?url={url}&title=Ankara")).await;
    assert_eq!(frame.status(), StatusCode::OK);
    let page = frame.text().await.unwrap();
    assert!(page.contains(r#"data-base="/comments""#), "the frame's script learns the base path");
    let found = all_under_base(&page, "embed frame");
    assert!(found.iter().any(|p| p.starts_with("/comments/static/js/article.")), "{found:?}");
    assert!(found.contains(&format!("{BASE}/articles/2016-12-19-ankara/comments")), "{found:?}");
    assert!(page.contains(r#"name="view" value="embed""#));
    let noscript = app.get(&format!("{BASE}/c?url={url}")).await;
    assert_eq!(noscript.status(), StatusCode::OK);
    all_under_base(&noscript.text().await.unwrap(), "noscript page");
    let counts: serde_json::Value = app.get(&format!("{BASE}/api/counts?url={url}")).await.json().await.unwrap();
    assert_eq!(counts["counts"]["https://news.example/2016/12/19/ankara"], 0);
}

#[tokio::test]
async fn a_reply_notification_mail_links_under_the_base_path_once() {
    let smtp = Smtp::start().await;
    let url = smtp.url();
    let app = spawn(move |s| {
        s.server.public_url = "http://news.example/".into();
        s.email.smtp_url = url;
        s.email.from = "News desk <desk@news.example>".into();
    })
    .await;
    let r = client()
        .post(app.url(&format!("{BASE}/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Tell me about replies.", "author": "Eve", "notify_email": "eve@reader.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let mails = smtp.wait_for(1).await;
    let text = mails[0].decoded();
    let key = "http://news.example/comments/replies/confirm?s=";
    let start = text.find(key).unwrap_or_else(|| panic!("no confirm link under the base path in {text}")) + key.len();
    assert!(!text.contains("/comments/comments/"), "{text}");
    let token: String = text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
    let page = app.get(&format!("{BASE}/replies/confirm?s={token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains(r#"action="/comments/replies/confirm""#), "{page}");
    all_under_base(&page, "confirm page");
}
