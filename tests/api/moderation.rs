// The moderator console: accounts, sign-in, sessions, CSRF, decisions, the audit log, the API.
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use commentdesk::auth::password::{Hasher, Password};
use commentdesk::config::Settings;
use commentdesk::domain::moderator::{ModeratorName, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::helpers::{SLUG, TestApp, client, spawn_app_with};

pub(super) const PASSWORD: &str = "correct horse battery staple";

/// Fast hashing for tests; the default cost has its own test.
pub(super) fn fast(s: &mut Settings) {
    s.moderation_console.argon2_memory_kib = 64;
    s.moderation_console.argon2_iterations = 1;
    s.limits.comment_burst = 100;
}

pub(super) async fn spawn(customize: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with(|s| {
        fast(s);
        customize(s);
    })
    .await
}

pub(super) async fn add_moderator(app: &TestApp, name: &str, role: Role) {
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_moderator(&ModeratorName::parse(name).unwrap(), role, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
}

pub(super) async fn sign_in(app: &TestApp, c: &reqwest::Client, name: &str) -> reqwest::Response {
    c.post(app.url("/moderation/login")).form(&[("name", name), ("password", PASSWORD)]).send().await.unwrap()
}

/// A client signed in as a new moderator.
pub(super) async fn moderator(app: &TestApp, name: &str, role: Role) -> reqwest::Client {
    add_moderator(app, name, role).await;
    let c = client();
    let r = sign_in(app, &c, name).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    c
}

pub(super) fn field(page: &str, name: &str) -> String {
    let key = format!(r#"name="{name}" value=""#);
    let start = page.find(&key).unwrap_or_else(|| panic!("no {name} field in page")) + key.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

pub(super) async fn csrf(app: &TestApp, c: &reqwest::Client) -> String {
    let page = c.get(app.url("/moderation")).send().await.unwrap().text().await.unwrap();
    field(&page, "csrf")
}

/// Posts a comment through the public API; returns its id and status.
pub(super) async fn post_comment(app: &TestApp, body: &str) -> (i64, String) {
    let r = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({ "body": body, "author": "Reader" }))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    (v["id"].as_i64().unwrap(), v["status"].as_str().unwrap().to_string())
}

pub(super) async fn held(app: &TestApp, body: &str) -> i64 {
    let (id, status) = post_comment(app, body).await;
    assert_eq!(status, "pending", "{body} should be held");
    id
}

pub(super) async fn decide_form(
    app: &TestApp,
    c: &reqwest::Client,
    id: i64,
    action: &str,
    expected: &str,
    reason: &str,
) -> reqwest::Response {
    let token = csrf(app, c).await;
    c.post(app.url(&format!("/moderation/comments/{id}/decision")))
        .form(&[("csrf", token.as_str()), ("action", action), ("expected_status", expected), ("reason", reason)])
        .send()
        .await
        .unwrap()
}

pub(super) async fn status_of(app: &TestApp, id: i64) -> String {
    app.value("SELECT status FROM comments WHERE id = ?1", &[id.into()]).await.text().unwrap()
}

/// (moderator, action, comment, before, after, reason)
type AuditRow = (String, String, Option<i64>, Option<String>, Option<String>, String);

async fn audit(app: &TestApp) -> Vec<AuditRow> {
    app.rows("SELECT moderator, action, comment_id, status_before, status_after, reason FROM audit_log ORDER BY id", &[])
        .await
        .into_iter()
        .map(|r| {
            let t = |i: usize| r[i].text();
            (t(0).unwrap(), t(1).unwrap(), r[2].int(), t(3), t(4), t(5).unwrap())
        })
        .collect()
}

fn set_cookie(r: &reqwest::Response) -> String {
    r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------------------------
// The command line

fn bin(db: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_commentdesk"));
    for (k, _) in std::env::vars() {
        if k.starts_with("COMMENTDESK_") {
            c.env_remove(k);
        }
    }
    c.arg("--db").arg(db);
    c
}

fn run_with_stdin(mut cmd: Command, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn the_cli_adds_lists_changes_tokens_and_removes_moderators() {
    let app = spawn(|_| {}).await;
    let db = app.db_arg.clone();
    let out = |o: &std::process::Output| {
        format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
    };

    let mut add = bin(&db);
    add.args(["moderator", "add", "ann", "--role", "admin"]);
    let o = run_with_stdin(add, &format!("{PASSWORD}\n"));
    assert!(o.status.success(), "{}", out(&o));
    assert!(!out(&o).contains(PASSWORD), "the password is never printed");

    let mut again = bin(&db);
    again.args(["moderator", "add", "ann"]);
    let o = run_with_stdin(again, &format!("{PASSWORD}\n"));
    assert_eq!(o.status.code(), Some(2), "a taken name is refused");

    let mut short = bin(&db);
    short.args(["moderator", "add", "bob"]);
    let o = run_with_stdin(short, "too short\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("at least 12"), "{}", out(&o));

    let password_hash = async || app.value("SELECT password_hash FROM moderators WHERE name = 'ann'", &[]).await.text().unwrap();
    let hash = password_hash().await;
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "Argon2id at the default cost: {hash}");
    assert!(!hash.contains(PASSWORD));

    let o = bin(&db).args(["moderator", "list"]).output().unwrap();
    let listed = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(listed.contains("ann\tadmin"), "{listed}");
    assert!(!listed.contains("bob"));

    let mut passwd = bin(&db);
    passwd.args(["moderator", "passwd", "ann"]);
    let o = run_with_stdin(passwd, "an entirely new password\n");
    assert!(o.status.success(), "{}", out(&o));
    let new_hash = password_hash().await;
    assert_ne!(hash, new_hash);

    let o = bin(&db).args(["moderator", "token", "ann"]).output().unwrap();
    assert!(o.status.success(), "{}", out(&o));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert_eq!(token.len(), 64, "{token}");
    let stored = app.value("SELECT count(*) FROM moderator_tokens WHERE token_hash = ?1", &[(&token).into()]).await.int().unwrap();
    assert_eq!(stored, 0, "only the token's hash is stored");

    let o = bin(&db).args(["moderator", "remove", "ann"]).output().unwrap();
    assert!(o.status.success(), "{}", out(&o));
    let o = bin(&db).args(["moderator", "remove", "ann"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "removing an unknown account fails");
    let n = app.count("SELECT count(*) FROM moderator_tokens").await;
    assert_eq!(n, 0, "the account's tokens went with it");
}

// ---------------------------------------------------------------------------------------------
// Sign-in and sessions

#[tokio::test]
async fn the_queue_sends_visitors_to_the_sign_in_page() {
    let app = spawn(|_| {}).await;
    let r = app.get("/moderation").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/moderation/login");
    let page = app.get_text("/moderation/login").await;
    assert!(page.contains(r#"name="password""#));
}

#[tokio::test]
async fn signing_in_sets_a_strict_http_only_session_cookie_and_opens_the_queue() {
    let app = spawn(|_| {}).await;
    add_moderator(&app, "ann", Role::Moderator).await;
    let c = client();
    let r = sign_in(&app, &c, "ann").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/moderation");
    let cookie = set_cookie(&r);
    assert!(cookie.starts_with("cd_mod="), "{cookie}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!cookie.contains("Secure"), "plain http: no Secure");
    let token = cookie.trim_start_matches("cd_mod=").split(';').next().unwrap().to_string();
    assert!(token.len() >= 32, "at least 128 bits");
    let stored: i64 = app.count(&format!("SELECT count(*) FROM moderator_sessions WHERE token_hash = '{token}'")).await;
    assert_eq!(stored, 0, "the token itself is not stored");
    assert_eq!(app.count("SELECT count(*) FROM moderator_sessions").await, 1);

    let page = c.get(app.url("/moderation")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Signed in as <strong>ann</strong>"));
    for tab in ["Pending", "Reported", "Approved", "Rejected", "Spam"] {
        assert!(page.contains(&format!(">{tab} <span class=\"count\">")), "tab {tab}");
    }

    // Signing in again makes a new token and ends the old session.
    let r = sign_in(&app, &c, "ann").await;
    let second = set_cookie(&r);
    assert_ne!(cookie.split(';').next(), second.split(';').next());
    assert_eq!(app.count("SELECT count(*) FROM moderator_sessions").await, 1);
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_and_host_prefixed() {
    let app = spawn(|s| s.server.public_url = "https://news.example".into()).await;
    add_moderator(&app, "ann", Role::Moderator).await;
    let r = client()
        .post(app.url("/api/moderation/session"))
        .header("origin", "https://news.example")
        .json(&json!({ "username": "ann", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = set_cookie(&r);
    assert!(cookie.starts_with("__Host-cd_mod="), "{cookie}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!cookie.contains("Domain="), "__Host- cookies carry no Domain");
}

#[tokio::test]
async fn a_failed_sign_in_answers_the_same_whether_or_not_the_account_exists() {
    let app = spawn(|s| {
        s.moderation_console.argon2_memory_kib = 4096;
        s.moderation_console.argon2_iterations = 2;
        s.moderation_console.login_account_burst = 50;
        s.moderation_console.login_client_burst = 50;
    })
    .await;
    let hash = Hasher::new(4096, 2).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_moderator(&ModeratorName::parse("ann").unwrap(), Role::Moderator, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    // Counted, not timed: each attempt runs one Argon2 verification, for an unknown account too.
    let verifications = async || -> u64 {
        let text = app.get_text("/metrics").await;
        text.lines()
            .find_map(|l| l.strip_prefix("commentdesk_password_verifications_total "))
            .map(|n| n.trim().parse().unwrap())
            .unwrap_or_else(|| panic!("no verification count in {text}"))
    };
    let attempt = |name: &'static str| {
        let app = &app;
        let verifications = &verifications;
        async move {
            let before = verifications().await;
            let r = client()
                .post(app.url("/api/moderation/session"))
                .json(&json!({ "username": name, "password": "not the right one" }))
                .send()
                .await
                .unwrap();
            let ran = verifications().await - before;
            (r.status(), r.text().await.unwrap(), ran)
        }
    };
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..3 {
        wrong.push(attempt("ann").await);
        unknown.push(attempt("nobody").await);
    }
    assert_eq!(wrong[0].0, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown[0].0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong[0].1, unknown[0].1, "the same body");
    for (w, u) in wrong.iter().zip(&unknown) {
        assert_eq!(w.2, 1, "a wrong password costs one verification");
        assert_eq!(u.2, 1, "an unknown account costs one verification too");
    }

    // The HTML form says the same for both.
    for name in ["ann", "nobody"] {
        let r = client()
            .post(app.url("/moderation/login"))
            .form(&[("name", name), ("password", "not the right one")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.text().await.unwrap().contains("Wrong name or password."));
    }
    assert_eq!(app.count("SELECT count(*) FROM moderator_sessions").await, 0);
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_account_and_per_client() {
    let app = spawn(|s| {
        s.moderation_console.login_account_burst = 2;
        s.moderation_console.login_client_burst = 4;
        s.moderation_console.login_interval_secs = 600;
    })
    .await;
    add_moderator(&app, "ann", Role::Moderator).await;
    let try_login = |name: &'static str, pw: &'static str| {
        let app = &app;
        async move {
            client()
                .post(app.url("/api/moderation/session"))
                .json(&json!({ "username": name, "password": pw }))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(try_login("ann", "wrong password!").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(try_login("ann", "wrong password!").await.status(), StatusCode::UNAUTHORIZED);
    let r = try_login("ann", PASSWORD).await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the account's attempts are used up, even with the right password"
    );
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= 600, "{wait}");
    // Another name from the same client: one more attempt left for this client, then refused.
    assert_eq!(try_login("bob", "wrong password!").await.status(), StatusCode::UNAUTHORIZED);
    let r = try_login("carol", "wrong password!").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "per client");
    let r = client()
        .post(app.url("/moderation/login"))
        .form(&[("name", "dave"), ("password", "whatever it is")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the HTML form shares the limit");
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn a_session_ends_after_the_idle_timeout() {
    let app = spawn(|s| s.moderation_console.session_idle_secs = 1).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    assert_eq!(c.get(app.url("/moderation")).send().await.unwrap().status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let r = c.get(app.url("/moderation")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/moderation/login");
    assert_eq!(app.count("SELECT count(*) FROM moderator_sessions").await, 0, "the expired session is deleted");
}

#[tokio::test]
async fn a_busy_session_still_ends_at_the_absolute_timeout() {
    let app = spawn(|s| {
        s.moderation_console.session_idle_secs = 60;
        s.moderation_console.session_max_secs = 2;
    })
    .await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let start = Instant::now();
    // Times are whole seconds: within one second the session is young, after three it is over.
    // Busy for a while (each request refreshes the idle timer)...
    while start.elapsed() < Duration::from_millis(900) {
        assert_eq!(c.get(app.url("/moderation")).send().await.unwrap().status(), StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // ...until three seconds after sign-in (however long the loop overran), then refused.
    tokio::time::sleep(Duration::from_millis(3200).saturating_sub(start.elapsed())).await;
    assert_eq!(c.get(app.url("/moderation")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let token = csrf(&app, &c).await;
    let r = c.post(app.url("/moderation/logout")).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(set_cookie(&r).contains("cd_mod=;"), "the cookie is cleared");
    assert_eq!(app.count("SELECT count(*) FROM moderator_sessions").await, 0);
    assert_eq!(c.get(app.url("/moderation")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
}

// ---------------------------------------------------------------------------------------------
// CSRF

#[tokio::test]
async fn a_missing_or_wrong_csrf_token_or_a_cross_site_request_is_refused() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let id = held(&app, "You idiot, nobody cares.").await;
    let url = app.url(&format!("/moderation/comments/{id}/decision"));
    let base = [("action", "approve"), ("expected_status", "pending")];

    let r = c.post(&url).form(&base).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "missing token");
    let mut wrong = base.to_vec();
    wrong.push(("csrf", "0123456789abcdef0123456789abcdef"));
    assert_eq!(c.post(&url).form(&wrong).send().await.unwrap().status(), StatusCode::FORBIDDEN, "wrong token");
    // A token from another session is wrong too.
    let other = moderator(&app, "bob", Role::Moderator).await;
    let foreign = csrf(&app, &other).await;
    let mut stolen = base.to_vec();
    stolen.push(("csrf", foreign.as_str()));
    assert_eq!(c.post(&url).form(&stolen).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, id).await, "pending");

    let token = csrf(&app, &c).await;
    let mut good = base.to_vec();
    good.push(("csrf", token.as_str()));
    let r = c.post(&url).header("sec-fetch-site", "cross-site").form(&good).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "cross-site");
    let r = c.post(&url).header("origin", "https://evil.example").form(&good).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "cross-origin");
    assert_eq!(status_of(&app, id).await, "pending");
    assert!(audit(&app).await.iter().all(|e| e.1 != "approve"), "nothing decided");

    let r = c.post(&url).header("sec-fetch-site", "same-origin").form(&good).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "published");
}

// ---------------------------------------------------------------------------------------------
// Decisions and the audit log

#[tokio::test]
async fn approving_a_held_comment_publishes_it_and_trains_the_score() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let id = held(&app, "You idiot, read the article before commenting.").await;
    let page = c.get(app.url("/moderation")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("id=\"c-{id}\"")));
    assert!(page.contains("<mark>idiot</mark>"), "the matched word is highlighted");
    assert!(page.contains("abuse.insult"));
    assert!(!app.article_page().await.contains("read the article before commenting"));

    let r = decide_form(&app, &c, id, "approve", "pending", "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/moderation?queue=pending"));
    assert_eq!(status_of(&app, id).await, "published");
    assert!(app.article_page().await.contains("read the article before commenting"), "readers see it");
    let docs: i64 = app.count("SELECT docs_fine FROM classifier_state").await;
    assert_eq!(docs, 1, "the decision trained the learned score");
    let decided_by = app.value("SELECT decided_by FROM comments WHERE id = ?1", &[id.into()]).await.text().unwrap();
    assert_eq!(decided_by, "ann");
    let metrics = app.get_text("/metrics").await;
    assert!(metrics.contains(r#"commentdesk_moderator_decisions_total{action="approve"} 1"#), "{metrics}");
    assert!(metrics.contains(r#"commentdesk_moderation_decision_seconds_count{action="approve"} 1"#));
}

#[tokio::test]
async fn comments_hidden_by_reader_reports_reach_the_queue_and_approval_restores_them() {
    let app = spawn(|s| s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()]).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let (id, _) = post_comment(&app, "An unpopular but civil view on the embassy shooting.").await;
    for ip in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        let r = reqwest::Client::new()
            .post(app.url(&format!("/api/comments/{id}/reports")))
            .header("X-Forwarded-For", ip)
            .json(&serde_json::json!({"reason": "off_topic"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    assert_eq!(status_of(&app, id).await, "pending");
    let page = c.get(app.url("/moderation?queue=pending")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("id=\"c-{id}\"")));
    assert!(page.contains("Hidden after 3 reader reports"), "the reason says why it was held");
    let r = decide_form(&app, &c, id, "approve", "pending", "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "published");
    assert_eq!(app.count("SELECT count(*) FROM reports WHERE resolved_at IS NULL").await, 0);
    assert!(app.article_page().await.contains("An unpopular but civil view"));
}

#[tokio::test]
async fn approving_a_reported_comment_clears_its_reports() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let (id, status) = post_comment(&app, "A perfectly civil remark about the embassy.").await;
    assert_eq!(status, "published");
    for (who, reason) in [("r1", "spam"), ("r2", "spam"), ("r3", "harassment")] {
        app.exec(
            "INSERT INTO reports (comment_id, reason, reporter_key, created_at) VALUES (?1, ?2, ?3, 1)",
            &[id.into(), reason.into(), who.into()],
        )
        .await;
    }
    let page = c.get(app.url("/moderation?queue=reported")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("id=\"c-{id}\"")));
    assert!(page.contains("Reports (3): Spam ×2, Harassment or hate ×1"), "report reasons with counts");
    let r = decide_form(&app, &c, id, "approve", "published", "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT count(*) FROM reports WHERE resolved_at IS NULL").await, 0);
    let page = c.get(app.url("/moderation?queue=reported")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(&format!("id=\"c-{id}\"")));
}

#[tokio::test]
async fn every_action_writes_its_audit_entry() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let a = held(&app, "You idiot number one, honestly.").await;
    let b = held(&app, "You moron, that is a second insult here.").await;
    let s = held(&app, "You idiot, the third insult is here.").await;

    assert_eq!(decide_form(&app, &c, a, "approve", "pending", "").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(decide_form(&app, &c, b, "reject", "pending", "abuse").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(decide_form(&app, &c, s, "spam", "pending", "").await.status(), StatusCode::SEE_OTHER);
    let token = csrf(&app, &c).await;
    let r = c.post(app.url("/moderation/undo")).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "undo the spam mark");
    assert_eq!(status_of(&app, s).await, "pending");
    assert_eq!(decide_form(&app, &c, s, "ban", "pending", "").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, s).await, "rejected");
    assert_eq!(app.count("SELECT count(*) FROM banned_authors").await, 2, "author cookie and address");
    let token = csrf(&app, &c).await;
    c.post(app.url("/moderation/logout")).form(&[("csrf", token.as_str())]).send().await.unwrap();

    let log = audit(&app).await;
    type Row<'a> = (&'a str, Option<i64>, Option<&'a str>, Option<&'a str>, &'a str);
    let actions: Vec<Row> = log
        .iter()
        .filter(|e| e.0 == "ann")
        .map(|e| (e.1.as_str(), e.2, e.3.as_deref(), e.4.as_deref(), e.5.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("login", None, None, None, ""),
            ("approve", Some(a), Some("pending"), Some("published"), ""),
            ("reject", Some(b), Some("pending"), Some("rejected"), "abuse"),
            ("spam", Some(s), Some("pending"), Some("spam"), "spam"),
            ("undo", Some(s), Some("spam"), Some("pending"), "undo of spam #4"),
            ("ban", Some(s), Some("pending"), Some("rejected"), "author banned"),
            ("logout", None, None, None, ""),
        ]
    );
    assert!(app.try_exec("DELETE FROM audit_log", &[]).await.is_err(), "append-only");

    // The log page and its exports.
    let c = moderator(&app, "bob", Role::Moderator).await;
    let page = c.get(app.url("/moderation/log")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("<td>ban</td>") && page.contains("author banned"));
    let csv = c.get(app.url("/moderation/log.csv")).send().await.unwrap();
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("id,at,moderator,action,comment_id,status_before,status_after,reason"));
    assert!(csv.contains(&format!(",ann,reject,{b},pending,rejected,abuse,")), "{csv}");
    let json: Value = c.get(app.url("/moderation/log.json")).send().await.unwrap().json().await.unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert!(entries.iter().any(|e| e["action"] == "approve" && e["comment_id"] == a && e["moderator"] == "ann"));
    assert_eq!(client().get(app.url("/moderation/log.csv")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_later_of_two_moderators_gets_already_decided_and_nothing_is_overwritten() {
    let app = spawn(|_| {}).await;
    let ann = moderator(&app, "ann", Role::Moderator).await;
    let bob = moderator(&app, "bob", Role::Moderator).await;
    let id = held(&app, "You idiot, this is the contested comment.").await;
    let bob_token = csrf(&app, &bob).await;

    assert_eq!(decide_form(&app, &ann, id, "approve", "pending", "").await.status(), StatusCode::SEE_OTHER);
    let r = bob
        .post(app.url(&format!("/moderation/comments/{id}/decision")))
        .form(&[
            ("csrf", bob_token.as_str()),
            ("action", "reject"),
            ("expected_status", "pending"),
            ("reason", "abuse"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("Already decided by ann"));
    assert_eq!(status_of(&app, id).await, "published");

    // The API says 409 too.
    let id2 = held(&app, "You moron, a second contested comment.").await;
    let r = ann
        .post(app.url(&format!("/api/moderation/comments/{id2}/decision")))
        .json(&json!({ "action": "spam" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = bob
        .post(app.url(&format!("/api/moderation/comments/{id2}/decision")))
        .json(&json!({ "action": "approve" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let v: Value = r.json().await.unwrap();
    assert!(
        v["error"].as_str().unwrap().contains("already decided by ann")
            || v["error"].as_str().unwrap().contains("Already decided by ann")
    );
    assert_eq!(status_of(&app, id2).await, "spam");
    assert_eq!(audit(&app).await.iter().filter(|e| e.0 == "bob" && e.1 != "login").count(), 0);
}

#[tokio::test]
async fn a_bulk_reject_decides_every_selected_comment() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(held(&app, &format!("You idiot {i}, buy cheap watches at my shop number {i}.")).await);
    }
    let keep = held(&app, "You moron, but this one stays in the queue.").await;
    let token = csrf(&app, &c).await;
    let values: Vec<String> = ids.iter().map(|id| format!("{id}:pending")).collect();
    let mut form: Vec<(&str, &str)> = vec![("csrf", &token), ("action", "reject"), ("reason", "spam")];
    form.extend(values.iter().map(|v| ("ids", v.as_str())));
    let r = c.post(app.url("/moderation/bulk")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for id in &ids {
        assert_eq!(status_of(&app, *id).await, "rejected");
    }
    assert_eq!(status_of(&app, keep).await, "pending");
    assert_eq!(app.count("SELECT count(*) FROM audit_log WHERE action = 'reject' AND reason = 'spam'").await, 3);
}

/// The learned score's training totals: (fine, hold).
async fn trained(app: &TestApp) -> (i64, i64) {
    let row = app.rows("SELECT docs_fine, docs_hold FROM classifier_state", &[]).await;
    row.first().map_or((0, 0), |r| (r[0].int().unwrap(), r[1].int().unwrap()))
}

#[tokio::test]
async fn every_decision_trains_the_score_undo_reverts_a_whole_bulk_action_and_a_refused_undo_changes_nothing() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let ids = [
        held(&app, "You idiot, the first of five held here.").await,
        held(&app, "You moron, the second of five held here.").await,
        held(&app, "You idiot, the third of five held here, truly.").await,
    ];
    let (fine0, hold0) = trained(&app).await;
    // Approve trains "fine"; reject and spam train "hold".
    for (id, action, reason, fine, hold) in
        [(ids[0], "approve", "", 1, 0), (ids[1], "reject", "abuse", 1, 1), (ids[2], "spam", "", 1, 2)]
    {
        assert_eq!(decide_form(&app, &c, id, action, "pending", reason).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(trained(&app).await, (fine0 + fine, hold0 + hold), "after {action}");
    }
    // A ban trains "hold" for each comment it rejects (the one decided and the author's other
    // pending one).
    let banned = client();
    let post = async |c: &reqwest::Client, body: &str| -> i64 {
        let r = c.post(app.url(&format!("/api/articles/{SLUG}/comments"))).json(&json!({ "body": body })).send().await.unwrap();
        r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
    };
    let b1 = post(&banned, "You idiot, a troll's first comment.").await;
    let b2 = post(&banned, "You moron, the same troll again.").await;
    let before = trained(&app).await;
    assert_eq!(decide_form(&app, &c, b1, "ban", "pending", "").await.status(), StatusCode::SEE_OTHER);
    assert_eq!((status_of(&app, b1).await, status_of(&app, b2).await), ("rejected".into(), "rejected".into()));
    assert_eq!(trained(&app).await, (before.0, before.1 + 2));

    // A bulk rejection is undone whole.
    let bulk = [
        held(&app, "You idiot, bulk one of three.").await,
        held(&app, "You moron, bulk two of three.").await,
        held(&app, "You idiot, bulk three of three, really.").await,
    ];
    let token = csrf(&app, &c).await;
    let values: Vec<String> = bulk.iter().map(|id| format!("{id}:pending")).collect();
    let mut form: Vec<(&str, &str)> = vec![("csrf", &token), ("action", "reject"), ("reason", "abuse")];
    form.extend(values.iter().map(|v| ("ids", v.as_str())));
    assert_eq!(c.post(app.url("/moderation/bulk")).form(&form).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    for id in bulk {
        assert_eq!(status_of(&app, id).await, "rejected");
    }
    let token = csrf(&app, &c).await;
    let r = c.post(app.url("/moderation/undo")).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for id in bulk {
        assert_eq!(status_of(&app, id).await, "pending", "the whole bulk action is undone");
    }
    // Someone else decides one of them; undoing again is refused for that one and changes nothing.
    let bob = moderator(&app, "bob", Role::Moderator).await;
    assert_eq!(decide_form(&app, &c, bulk[0], "reject", "pending", "abuse").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(decide_form(&app, &bob, bulk[0], "approve", "rejected", "").await.status(), StatusCode::SEE_OTHER);
    let entries = app.count("SELECT count(*) FROM audit_log").await;
    let token = csrf(&app, &c).await;
    let r = c.post(app.url("/moderation/undo")).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "{}", r.text().await.unwrap());
    assert_eq!(status_of(&app, bulk[0]).await, "published", "bob's decision stands");
    assert_eq!(app.count("SELECT count(*) FROM audit_log").await, entries, "a refused undo writes nothing");
}

#[tokio::test]
async fn a_banned_authors_new_comments_are_held_silently_by_cookie_and_by_address() {
    let app = spawn(|s| s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let troll = client();
    let post = async |c: &reqwest::Client, from: &str, body: &str| -> (reqwest::StatusCode, Value) {
        let r = c
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .header("X-Forwarded-For", from)
            .json(&json!({ "body": body }))
            .send()
            .await
            .unwrap();
        (r.status(), r.json().await.unwrap())
    };
    let (_, v) = post(&troll, "198.51.100.66", "You idiot, a troll's comment to be banned.").await;
    let id = v["id"].as_i64().unwrap();
    assert_eq!(decide_form(&app, &c, id, "ban", "pending", "").await.status(), StatusCode::SEE_OTHER);
    let civil = "A perfectly civil remark about the embassy staff";
    // The banned cookie from a new address, and the banned address without the cookie: both are
    // told "awaiting moderation", exactly as any held comment, and kept from readers.
    for (c, from, n) in [(&troll, "203.0.113.77", 1), (&client(), "198.51.100.66", 2)] {
        let (status, v) = post(c, from, &format!("{civil}, take {n}.")).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert_eq!(v["status"], "pending");
        let reasons = app.rows("SELECT code FROM comment_reasons WHERE comment_id = ?1", &[v["id"].as_i64().unwrap().into()]).await;
        assert!(!reasons.is_empty(), "held for a reason moderators see");
    }
    // Someone else from elsewhere is published.
    let (status, _) = post(&client(), "192.0.2.10", &format!("{civil}, from someone else.")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.comments_json("").await["total"], 1);
}

#[tokio::test]
async fn forgetting_an_author_unlinks_their_reports_and_a_ban_outlives_the_ip_hash_purge() {
    let app = spawn(|s| s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let post = async |c: &reqwest::Client, from: &str, body: &str| -> Value {
        c.post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .header("X-Forwarded-For", from)
            .json(&json!({ "body": body }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    };
    // A reader who commented reports someone else's comment.
    let reader = client();
    let mine = post(&reader, "198.51.100.31", "My own view on the embassy, calmly put.").await["id"].as_i64().unwrap();
    let troll = client();
    let theirs = post(&troll, "198.51.100.32", "A different reader's remark about the guards.").await["id"].as_i64().unwrap();
    let r = reader
        .post(app.url(&format!("/api/comments/{theirs}/reports")))
        .header("X-Forwarded-For", "198.51.100.31")
        .json(&json!({"reason": "spam"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let linked = "SELECT count(*) FROM reports WHERE reporter_key LIKE 'a:%' AND reporter_ip IS NOT NULL";
    assert_eq!(app.count(linked).await, 1);
    let out = bin(&app.db_arg).args(["author", "forget", &mine.to_string()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.count(linked).await, 0, "the report no longer names its author");
    assert_eq!(
        app.count("SELECT count(*) FROM reports WHERE reporter_key LIKE 'forgotten:%' AND reporter_ip IS NULL").await,
        1,
        "the report itself stays"
    );

    // A ban by address outlives the purge of the comments' address hashes.
    assert_eq!(decide_form(&app, &c, theirs, "ban", "published", "").await.status(), StatusCode::SEE_OTHER);
    app.exec("UPDATE comments SET created_at = created_at - 90 * 86400", &[]).await;
    let out = bin(&app.db_arg).args(["privacy", "purge"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.count("SELECT count(*) FROM comments WHERE ip_hash IS NOT NULL").await, 0, "purged");
    assert_eq!(app.count("SELECT count(*) FROM banned_authors WHERE ip_hash IS NOT NULL").await, 1, "the ban keeps it");
    let v = post(&client(), "198.51.100.32", "Back again from the same address, cookie gone.").await;
    assert_eq!(v["status"], "pending", "still held by the ban");
}

#[tokio::test]
async fn search_and_article_filter_narrow_the_queue() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let a = held(&app, "You idiot, the word zeppelin is here.").await;
    let b = held(&app, "You moron, nothing special in this one.").await;
    let page = c.get(app.url("/moderation?queue=pending&q=zeppelin")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("id=\"c-{a}\"")) && !page.contains(&format!("id=\"c-{b}\"")));
    let page = c
        .get(app.url(&format!("/moderation?queue=pending&article={SLUG}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("id=\"c-{a}\"")) && page.contains(&format!("id=\"c-{b}\"")));
    let page =
        c.get(app.url("/moderation?queue=pending&article=no-such-story")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(&format!("id=\"c-{a}\"")));
}

#[tokio::test]
async fn admins_close_comments_and_edit_word_lists_and_moderators_cannot() {
    let app = spawn(|_| {}).await;
    let admin = moderator(&app, "root", Role::Admin).await;
    let plain = moderator(&app, "ann", Role::Moderator).await;
    assert_eq!(plain.get(app.url("/moderation/settings")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let page = admin.get(app.url("/moderation/settings")).send().await.unwrap().text().await.unwrap();
    let token = field(&page, "csrf");
    // Posted while the story is open, so the server has the article in memory when it closes.
    let (_, status) = post_comment(&app, "An open story takes civil remarks.").await;
    assert_eq!(status, "published");

    let r = admin
        .post(app.url(&format!("/moderation/settings/articles/{SLUG}")))
        .form(&[("csrf", token.as_str()), ("premoderation", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({ "body": "Comments should be closed now." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "comments closed");

    let r = admin
        .post(app.url(&format!("/moderation/settings/articles/{SLUG}")))
        .form(&[("csrf", token.as_str()), ("comments_open", "1"), ("premoderation", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, status) = post_comment(&app, "A civil remark, held by pre-moderation.").await;
    assert_eq!(status, "pending");

    let r = admin
        .post(app.url("/moderation/settings/words"))
        .form(&[("csrf", token.as_str()), ("op", "add"), ("word", "zeppelin"), ("kind", "banned")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = admin
        .post(app.url("/moderation/settings/thresholds"))
        .form(&[("csrf", token.as_str()), ("max_links", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = admin.get(app.url("/moderation/settings")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("zeppelin (banned)"));
    assert!(page.contains(r#"name="max_links" value="0""#), "the threshold is in force");
    // Both take effect on comments (pre-moderation off again first)...
    let r = admin
        .post(app.url(&format!("/moderation/settings/articles/{SLUG}")))
        .form(&[("csrf", token.as_str()), ("comments_open", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let effects = async |app: &TestApp, texts: [&str; 3]| {
        let (zeppelin, status) = post_comment(app, texts[0]).await;
        assert_eq!(status, "pending", "answered like a held comment");
        let stored = app.value("SELECT status FROM comments WHERE id = ?1", &[zeppelin.into()]).await.text();
        assert_eq!(stored.as_deref(), Some("spam"), "a banned word refuses the comment");
        let reader = client();
        let first = reader
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .json(&json!({ "body": texts[1] }))
            .send()
            .await
            .unwrap();
        let v: Value = first.json().await.unwrap();
        let why = app.rows("SELECT code FROM comment_reasons WHERE comment_id = ?1", &[v["id"].as_i64().unwrap().into()]).await;
        assert_eq!(v["status"], "published", "{why:?}");
        let r = reader
            .post(app.url(&format!("/api/articles/{SLUG}/comments")))
            .json(&json!({ "body": texts[2] }))
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["status"], "pending", "max_links = 0 holds even one link from a known reader");
        let codes = app.rows("SELECT code FROM comment_reasons WHERE comment_id = ?1", &[v["id"].as_i64().unwrap().into()]).await;
        assert!(codes.iter().any(|r| r[0].text().unwrap().contains("links")), "{codes:?}");
    };
    effects(
        &app,
        [
            "The zeppelin over the embassy was a hoax.",
            "Thanks for the careful reporting on the ambassador's last speech.",
            "The agency's report: https://news.example/report",
        ],
    )
    .await;
    // ...and survive a restart.
    let again = app.restarted(fast).await;
    let page = admin.get(again.url("/moderation/settings")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("zeppelin (banned)"));
    assert!(page.contains(r#"name="max_links" value="0""#));
    effects(
        &again,
        [
            "Some say a zeppelin flew over Ankara that night.",
            "My grandparents lived in Ankara for twenty years; a sad day for the city.",
            "Background from the wire: https://wire.example/ankara-1219",
        ],
    )
    .await;
    let plain_token = csrf(&app, &plain).await;
    let r = plain
        .post(app.url("/moderation/settings/words"))
        .form(&[("csrf", plain_token.as_str()), ("op", "add"), ("word", "x"), ("kind", "banned")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Three article settings, a word, a threshold; nothing for the refused moderator.
    assert_eq!(
        app.count(
            "SELECT count(*) FROM audit_log WHERE moderator = 'root' AND action IN ('article', 'words', 'thresholds')"
        )
        .await,
        5
    );
}

// ---------------------------------------------------------------------------------------------
// The JSON API

#[tokio::test]
async fn the_api_needs_a_session_cookie_or_a_bearer_token() {
    let app = spawn(|_| {}).await;
    add_moderator(&app, "ann", Role::Moderator).await;
    let id = held(&app, "You idiot, this one waits for the API.").await;

    let r = client().get(app.url("/api/moderation/queue?status=pending")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = client()
        .post(app.url(&format!("/api/moderation/comments/{id}/decision")))
        .json(&json!({ "action": "approve" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = client()
        .get(app.url("/api/moderation/queue"))
        .header("authorization", "Bearer 00000000000000000000000000000000")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "an unknown token");

    let r = client()
        .post(app.url("/api/moderation/session"))
        .json(&json!({ "username": "ann", "password": "not the password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Cookie: sign in through the API.
    let c = client();
    let r = c
        .post(app.url("/api/moderation/session"))
        .json(&json!({ "username": "ann", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(set_cookie(&r).contains("SameSite=Strict"));
    let v: Value = c.get(app.url("/api/moderation/queue?status=pending")).send().await.unwrap().json().await.unwrap();
    let item = v["comments"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    assert_eq!(item["status"], "pending");
    assert_eq!(item["article_slug"], SLUG);
    assert_eq!(item["author"], "Reader");
    assert_eq!(item["reports"], 0);
    assert!(item["body_html"].as_str().unwrap().contains("idiot"));
    assert_eq!(item["reasons"][0]["code"], "abuse.insult");
    assert!(item["reasons"][0]["message"].is_string());
    assert!(item["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        c.get(app.url("/api/moderation/queue?status=nonsense")).send().await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );

    // Cookie-authenticated calls: JSON only, same site only.
    let url = app.url(&format!("/api/moderation/comments/{id}/decision"));
    let r = c.post(&url).header("content-type", "text/plain").body(r#"{"action":"approve"}"#).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = c
        .post(&url)
        .header("origin", "https://evil.example")
        .json(&json!({ "action": "approve" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r =
        c.post(&url).header("sec-fetch-site", "cross-site").json(&json!({ "action": "approve" })).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, id).await, "pending");
    let r = c.post(&url).json(&json!({ "action": "reject", "reason": "abuse" })).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({ "id": id, "status": "rejected" }));

    // Bearer token from the CLI.
    let o = bin(&app.db_arg).args(["moderator", "token", "ann"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let token = String::from_utf8(o.stdout).unwrap().trim().to_string();
    let bearer = client();
    let v: Value = bearer
        .get(app.url("/api/moderation/queue?status=rejected"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(v["comments"].as_array().unwrap().iter().any(|c| c["id"] == id && c["status"] == "rejected"));
    let r = bearer
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({ "action": "approve", "expected_status": "rejected" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(status_of(&app, id).await, "published");
    let r = bearer
        .post(app.url("/api/moderation/comments/999999/decision"))
        .bearer_auth(&token)
        .json(&json!({"action": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_queue_says_which_words_pushed_the_learned_score_up() {
    let app = spawn(|_| {}).await;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("train.csv");
    let mut rows = String::from("text,label\n");
    for i in 0..30 {
        rows.push_str(&format!("\"cheap replica watches deal {i}, buy now at my shop\",spam\n"));
        rows.push_str(&format!("the embassy closed for day {i} after the shooting in ankara,ham\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    let out = bin(&app.db_arg).args(["classifier", "train", csv.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let app = app.restarted(fast).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let (id, status) = post_comment(&app, "Replica watches, a cheap deal: buy now at my shop.").await;
    assert_eq!(status, "pending", "held by the learned score");
    let (_, status) = post_comment(&app, "The embassy reopened a week after the shooting.").await;
    assert_eq!(status, "published", "the score lets the story's own words through");
    let page = c.get(app.url("/moderation?queue=pending")).send().await.unwrap().text().await.unwrap();
    let item = &page[page.find(&format!("id=\"c-{id}\"")).expect("the held comment is listed")..];
    let item = &item[..item.find("</article>").unwrap_or(item.len())];
    assert!(item.contains("Pushed up most by:"), "{item}");
    let why = &item[item.find("Pushed up most by:").unwrap()..];
    let why = &why[..why.find("</p>").unwrap()];
    assert!(
        ["cheap", "replica", "watches", "deal", "shop", "buy"].iter().any(|w| why.contains(w)),
        "the spam words are named: {why}"
    );
    assert!(!why.contains("embassy"), "{why}");
}

#[tokio::test]
async fn export_writes_the_moderators_decisions_as_training_csv_that_classifier_eval_reads() {
    let app = spawn(|_| {}).await;
    let c = moderator(&app, "ann", Role::Moderator).await;
    let approved = held(&app, "You idiot, but on reflection a fair point about the embassy.").await;
    let rejected = held(&app, "You moron, this one goes.").await;
    let spam = held(&app, "You idiot, buy cheap watches at my shop today.").await;
    let _waiting = held(&app, "You moron, still waiting for a moderator.").await;
    assert_eq!(decide_form(&app, &c, approved, "approve", "pending", "").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(decide_form(&app, &c, rejected, "reject", "pending", "abuse").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(decide_form(&app, &c, spam, "spam", "pending", "").await.status(), StatusCode::SEE_OTHER);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("decisions.csv");
    let out = bin(&app.db_arg).args(["export", "--decisions-csv", csv.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote 3 moderator decisions"));
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    assert_eq!(reader.headers().unwrap(), vec!["text", "label"]);
    let rows: Vec<(String, String)> =
        reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string())).collect();
    assert_eq!(
        rows,
        vec![
            ("You idiot, but on reflection a fair point about the embassy.".to_string(), "fine".to_string()),
            ("You moron, this one goes.".to_string(), "hold".to_string()),
            ("You idiot, buy cheap watches at my shop today.".to_string(), "hold".to_string()),
        ],
        "decided comments only, with their final decision"
    );
    // An operator measures the checks on their own decisions.
    let out = bin(&app.db_arg).args(["classifier", "eval", csv.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("rules alone:"), "{printed}");
    // Per reason code: the insult rule held all three, one of which the moderator approved.
    let insult = printed.lines().find(|l| l.contains("reason abuse.insult")).unwrap_or_else(|| panic!("{printed}"));
    assert!(insult.contains("2 labeled hold, 1 labeled fine; precision  66.7%"), "{insult}");
    assert!(printed.lines().any(|l| l.contains("label fine") && l.contains("1 rows, 100.0% held")), "{printed}");
}
