// Mail to moderators (issue 15): a mail at once for every held threat to those who ask for it,
// a digest of the queue while it is not empty, the console page where each chooses. A real SMTP
// conversation with the test server on 127.0.0.1 (`crate::smtp`).
use std::time::Duration;

use commentdesk::auth::password::{Hasher, Password};
use commentdesk::config::Settings;
use commentdesk::domain::email::NotifyPrefs;
use commentdesk::domain::moderator::{ModeratorName, Role};
use reqwest::StatusCode;
use serde_json::json;

use super::helpers::{SLUG, TestApp, client, spawn_app_with};
use crate::smtp::Smtp;

const PASSWORD: &str = "correct horse battery staple";

async fn spawn(smtp: &Smtp, customize: impl FnOnce(&mut Settings)) -> TestApp {
    let url = smtp.url();
    spawn_app_with(move |s| {
        s.moderation_console.argon2_memory_kib = 64;
        s.moderation_console.argon2_iterations = 1;
        s.limits.comment_burst = 100;
        s.server.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        s.email.smtp_url = url;
        s.email.from = "News desk <desk@news.example>".into();
        customize(s);
    })
    .await
}

/// A moderator account; returns its id.
async fn account(app: &TestApp, name: &str) -> i64 {
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_moderator(&ModeratorName::parse(name).unwrap(), Role::Moderator, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap()
}

async fn wants(app: &TestApp, id: i64, email: &str, notify: &str, minutes: &str) {
    app.store.set_notify_prefs(id, NotifyPrefs::new(email, notify, minutes).unwrap()).await.unwrap();
}

/// A signed-in client and its console form token.
async fn signed_in(app: &TestApp, name: &str) -> (reqwest::Client, String) {
    let c = client();
    let r = c.post(app.url("/moderation/login")).form(&[("name", name), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = c.get(app.url("/moderation/notifications")).send().await.unwrap().text().await.unwrap();
    let key = r#"name="csrf" value=""#;
    let start = page.find(key).unwrap() + key.len();
    let csrf = page[start..start + page[start..].find('"').unwrap()].to_string();
    (c, csrf)
}

/// Posts as a reader from `ip`; returns (status, id).
async fn post(app: &TestApp, body: &str, ip: &str) -> (StatusCode, i64) {
    let r = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .header("X-Forwarded-For", ip)
        .json(&json!({"body": body, "author": "Reader"}))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let v: serde_json::Value = r.json().await.unwrap();
    (status, v["id"].as_i64().unwrap())
}

#[tokio::test]
async fn a_held_threat_is_mailed_at_once_to_the_moderators_who_asked_and_to_nobody_else() {
    let smtp = Smtp::start().await;
    let app = spawn(&smtp, |_| {}).await;
    let alert = account(&app, "alert").await;
    wants(&app, alert, "alert@news.example", "threats", "").await;
    let digester = account(&app, "digester").await;
    wants(&app, digester, "digest@news.example", "digest", "60").await;
    account(&app, "quiet").await;

    let (status, _) = post(&app, "A sad day for diplomacy.", "203.0.113.8").await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, id) = post(&app, "I will find you and kill you.", "203.0.113.9").await;
    assert_eq!(status, StatusCode::ACCEPTED, "the threat is held");
    let mails = smtp.wait_for(1).await;
    let m = &mails[0];
    assert_eq!(m.to, vec!["alert@news.example".to_string()]);
    assert_eq!(m.from, "desk@news.example");
    let subject = m.header("Subject").unwrap();
    assert!(subject.starts_with("Held as a threat: \"I will find you and kill you.\" on "), "{subject}");
    assert!(m.header("Content-Type").unwrap().starts_with("multipart/alternative"), "{}", m.data);
    assert!(m.data.contains("Content-Type: text/plain") && m.data.contains("Content-Type: text/html"), "{}", m.data);
    let text = m.decoded();
    assert!(text.contains("\"I will find you and kill you.\""), "{text}");
    assert!(text.contains("<blockquote>I will find you and kill you.</blockquote>"), "{text}");
    let link = format!("{}/moderation?queue=pending#c-{id}", app.url(""));
    assert!(text.contains(&format!("console: {link}")), "a link in the text part: {text}");
    assert!(text.contains(&format!("href=\"{link}\"")), "and in the HTML part: {text}");
    // Never the commenter's address or its keyed hash.
    let hash = app.rows("SELECT ip_hash FROM comments WHERE id = ?1", &[id.into()]).await[0][0].text().unwrap();
    assert!(!text.contains(&hash) && !text.contains("203.0.113.9"), "{text}");
    // The published comment and the other moderators got nothing.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 1, "{:#?}", smtp.received());
}

#[tokio::test]
async fn the_console_saves_each_moderators_choice_and_refuses_one_that_does_not_hold_together() {
    let smtp = Smtp::start().await;
    let app = spawn(&smtp, |_| {}).await;
    account(&app, "desk").await;
    let anonymous = client().get(app.url("/moderation/notifications")).send().await.unwrap();
    assert!(
        !anonymous.status().is_success()
            && anonymous.headers().get("location").is_none_or(|l| l.to_str().unwrap().contains("login")),
        "signed out: {}",
        anonymous.status()
    );
    let (c, csrf) = signed_in(&app, "desk").await;
    let url = app.url("/moderation/notifications");
    let r = c.post(&url).form(&[("csrf", "forged"), ("email", "d@news.example"), ("notify", "threats")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("email", ""), ("notify", "threats"), ("digest_minutes", "60")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("Enter the email address to send to."), "{page}");
    assert!(page.contains(r#"value="threats" checked"#), "the choice is kept");
    let r = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("email", "desk@news"), ("notify", "digest"), ("digest_minutes", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("The digest interval is a number of minutes from 5 to 1440."), "{page}");
    assert!(page.contains(r#"value="desk@news""#) && page.contains(r#"value="1""#), "what was typed is kept");
    assert_eq!(app.count("SELECT count(*) FROM moderators WHERE email IS NOT NULL").await, 0, "nothing stored");
    let r = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("email", "desk@news.example"), ("notify", "digest"), ("digest_minutes", "15")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = c.get(app.url("/moderation/notifications?notice=saved")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Saved."));
    assert!(page.contains(r#"value="desk@news.example""#) && page.contains(r#"value="digest" checked"#));
    assert!(page.contains(r#"value="15""#));
}

#[tokio::test]
async fn a_digest_goes_out_while_the_queue_is_not_empty_and_not_again_before_its_interval() {
    let smtp = Smtp::start().await;
    let app = spawn(&smtp, |s| s.email.digest_check_secs = 1).await;
    let digester = account(&app, "digester").await;
    wants(&app, digester, "digest@news.example", "digest", "5").await;
    // An empty queue sends nothing.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(smtp.received().is_empty(), "{:#?}", smtp.received());

    let (status, id) = post(&app, "You are an idiot and so is everyone who agrees with you.", "203.0.113.20").await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let mails = smtp.wait_for(1).await;
    let m = &mails[0];
    assert_eq!(m.to, vec!["digest@news.example".to_string()]);
    let subject = m.header("Subject").unwrap();
    assert!(subject.contains("1 awaiting moderation, 0 reported"), "{subject}");
    let text = m.decoded();
    assert!(text.contains("\"You are an idiot and so is everyone who agrees with you.\""), "{text}");
    assert!(text.contains(&format!("/moderation?queue=pending#c-{id}")), "{text}");
    // Not again within its interval (five minutes), whatever the ticks.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(smtp.received().len(), 1);
    // Once the interval has passed: the next one.
    app.exec("UPDATE moderators SET digest_sent_at = digest_sent_at - 301", &[]).await;
    smtp.wait_for(2).await;
}

/// Posts as the reader behind `c` from `ip`, with an address for replies when given.
async fn post_as(
    app: &TestApp,
    c: &reqwest::Client,
    ip: &str,
    body: &str,
    parent: Option<i64>,
    notify: Option<&str>,
) -> reqwest::Response {
    c.post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .header("X-Forwarded-For", ip)
        .json(&json!({"body": body, "author": "Reader", "parent_id": parent, "notify_email": notify}))
        .send()
        .await
        .unwrap()
}

/// The signed token in a link of the mail's text (`/replies/{what}?s=TOKEN`).
fn link_token(text: &str, what: &str) -> String {
    let key = format!("/replies/{what}?s=");
    let start = text.find(&key).unwrap_or_else(|| panic!("no {what} link in {text}")) + key.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect()
}

#[tokio::test]
async fn a_reader_confirms_then_hears_of_published_replies_only_and_unsubscribes_in_one_click() {
    let smtp = Smtp::start().await;
    let app = spawn(&smtp, |_| {}).await;
    let (ana, ben) = (client(), client());
    let r = post_as(&app, &ana, "198.51.100.1", "The embassy should have had more guards.", None, Some("ana@reader.example")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let parent = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let mails = smtp.wait_for(1).await;
    assert_eq!(mails[0].to, vec!["ana@reader.example".to_string()]);
    assert!(mails[0].header("Subject").unwrap().starts_with("Confirm"), "{}", mails[0].data);
    let token = link_token(&mails[0].decoded(), "confirm");

    // Nothing goes out before the address is confirmed.
    let r = post_as(&app, &ben, "198.51.100.2", "They had guards; it was a police officer.", Some(parent), None).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 1, "no mail before confirmation");

    // Confirming: the link opens a page that asks (mail scanners follow links), a POST confirms.
    let forged = client().get(app.url("/replies/confirm?s=1.00ff")).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    let page = client().get(app.url(&format!("/replies/confirm?s={token}"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains(r#"action="/replies/confirm""#));
    assert_eq!(app.count("SELECT count(*) FROM reply_subscriptions WHERE confirmed_at IS NOT NULL").await, 0);
    let done = client().post(app.url("/replies/confirm")).form(&[("s", token.as_str())]).send().await.unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.text().await.unwrap().contains("Confirmed"));

    // A published reply is mailed, with a one-click unsubscribe.
    let r = post_as(&app, &ben, "198.51.100.2", "Either way, nobody stopped him in time.", Some(parent), None).await;
    let reply = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let mails = smtp.wait_for(2).await;
    let m = &mails[1];
    assert_eq!(m.to, vec!["ana@reader.example".to_string()]);
    assert!(m.header("Subject").unwrap().starts_with("New reply to your comment on "), "{}", m.data);
    let text = m.decoded();
    assert!(text.contains("\"Either way, nobody stopped him in time.\""), "{text}");
    assert!(text.contains(&format!("#comment-{reply}")), "{text}");
    let unsubscribe = m.header("List-Unsubscribe").unwrap();
    assert!(unsubscribe.starts_with('<') && unsubscribe.contains("/replies/unsubscribe?s="), "{unsubscribe}");
    assert_eq!(m.header("List-Unsubscribe-Post").unwrap(), "List-Unsubscribe=One-Click");

    // A held reply is not mailed; the author's own reply neither.
    let r = post_as(&app, &ben, "198.51.100.2", "You are an idiot and so is everyone who agrees with you.", Some(parent), None).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let held = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = post_as(&app, &ana, "198.51.100.1", "Thanks, I stand corrected.", Some(parent), None).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 2, "{:#?}", smtp.received());
    // Once a moderator publishes the held reply, it is mailed.
    account(&app, "desk").await;
    let (desk, _) = signed_in(&app, "desk").await;
    let r = desk
        .post(app.url(&format!("/api/moderation/comments/{held}/decision")))
        .json(&json!({"action": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let mails = smtp.wait_for(3).await;
    assert!(mails[2].decoded().contains("You are an idiot"), "{}", mails[2].data);

    // The address is never shown to readers.
    assert!(!app.get_text(&format!("/api/articles/{SLUG}/comments")).await.contains("ana@reader.example"));
    assert!(!app.get_text(&format!("/articles/{SLUG}")).await.contains("ana@reader.example"));

    // One click from the mail program: the address is deleted, nothing more is sent.
    let url = unsubscribe.trim_matches(['<', '>']).replace(&app.url(""), "");
    let r = client()
        .post(app.url(&url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT count(*) FROM reply_subscriptions").await, 0);
    post_as(&app, &ben, "198.51.100.2", "One more thought on the guards.", Some(parent), None).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 3);
}

#[tokio::test]
async fn a_bad_address_for_replies_is_refused_with_the_text_kept_and_nothing_stored() {
    let smtp = Smtp::start().await;
    let app = spawn(&smtp, |_| {}).await;
    let r = post_as(&app, &client(), "198.51.100.3", "A thoughtful comment.", None, Some("not an address")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["field"], "notify_email", "{v}");
    // The form without JavaScript: the page comes back with the text and the address kept.
    let page = app.get_text(&format!("/articles/{SLUG}")).await;
    assert!(page.contains(r#"id="notify_email""#), "the form offers it when mail is on");
    let r = app.post_form(&[("body", "Kept while I fix the address."), ("notify_email", "ana@")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("Kept while I fix the address.") && page.contains(r#"value="ana@""#), "{page}");
    assert!(page.contains(r#"id="notify_email-error""#));
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 0, "nothing stored");
    assert!(smtp.received().is_empty());

    // Without mail, the form does not offer it and the API says why.
    let quiet = spawn_app_with(|_| {}).await;
    assert!(!quiet.get_text(&format!("/articles/{SLUG}")).await.contains(r#"id="notify_email""#));
    let r = quiet.post_json(json!({"body": "Hello.", "notify_email": "ana@reader.example"})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("does not send reply notifications"));
}

#[tokio::test]
async fn mails_come_in_the_articles_language_and_moderators_mails_in_the_sites() {
    let smtp = Smtp::start().await;
    let app = spawn(&smtp, |s| s.site.language = "de".into()).await;
    let alert = account(&app, "alert").await;
    wants(&app, alert, "alert@news.example", "threats", "").await;
    let (ana, ben) = (client(), client());

    // The reader's confirmation: German, as the site is and the article has no language of its own.
    let r = post_as(&app, &ana, "198.51.100.1", "The embassy should have had more guards.", None, Some("ana@reader.example")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let parent = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let mails = smtp.wait_for(1).await;
    let m = &mails[0];
    assert!(m.subject().starts_with("Bitte bestätigen: Benachrichtigung über Antworten auf "), "{}", m.subject());
    let text = m.part("text/plain");
    assert!(text.starts_with("Sie haben ") && text.contains("antwortet."), "{text}");
    assert!(text.contains("Hier bestätigen (bis dahin wird nichts gesendet): http"), "{text}");
    assert!(text.contains("Wenn Sie das nicht waren, ignorieren Sie diese Mail"), "{text}");
    assert!(!text.contains("You asked") && !text.contains("Confirm it"), "no English left: {text}");
    let html = m.part("text/html");
    assert!(html.contains(r#"<html lang="de" dir="ltr">"#) && html.contains(">Bestätigen</a>"), "{html}");
    assert!(text.contains("&lang=de"), "the link names the mail's language: {text}");
    let token = link_token(&text, "confirm");

    // The pages the links open are in the mail's language.
    let page = client().get(app.url(&format!("/replies/confirm?s={token}&lang=de"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains(r#"lang="de""#) && page.contains("Über Antworten informieren"), "{page}");
    assert!(page.contains(r#"action="/replies/confirm?lang=de""#), "{page}");
    let done = client()
        .post(app.url("/replies/confirm?lang=de"))
        .form(&[("s", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.text().await.unwrap().contains("<h1>Bestätigt</h1>"));

    // The reply notification.
    let r = post_as(&app, &ben, "198.51.100.2", "Either way, nobody stopped him in time.", Some(parent), None).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mails = smtp.wait_for(2).await;
    let m = &mails[1];
    assert_eq!(m.to, vec!["ana@reader.example".to_string()]);
    assert!(m.subject().starts_with("Neue Antwort auf Ihren Kommentar zu "), "{}", m.subject());
    let text = m.part("text/plain");
    assert!(text.starts_with("Reader hat auf Ihren Kommentar zu „"), "{text}");
    assert!(text.contains("„Either way, nobody stopped him in time.“"), "{text}");
    assert!(text.contains("Lesen: http") && text.contains("Abbestellen: http"), "{text}");
    let unsubscribe = m.header("List-Unsubscribe").unwrap();
    assert!(unsubscribe.contains("&lang=de>"), "{unsubscribe}");
    let stop = unsubscribe.trim_matches(['<', '>']).replace(&app.url(""), "");
    let page = client().get(app.url(&stop)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Mails über Antworten abbestellen") && page.contains("lang=de\">"), "the form keeps the language: {page}");

    // The article says it is French: the reader's next mail is French, the moderators' stay German.
    app.exec("UPDATE articles SET language = 'fr' WHERE slug = ?1", &[SLUG.into()]).await;
    let r = post_as(&app, &ben, "198.51.100.2", "One more thought on the guards.", Some(parent), None).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mails = smtp.wait_for(3).await;
    let m = &mails[2];
    assert!(m.subject().starts_with("Nouvelle réponse à votre commentaire sur "), "{}", m.subject());
    assert!(m.part("text/plain").contains("a répondu à votre commentaire sur « "), "{}", m.part("text/plain"));
    assert!(m.part("text/html").contains(r#"<html lang="fr""#));

    let (status, id) = post(&app, "I will find you and kill you.", "203.0.113.9").await;
    assert_eq!(status, StatusCode::ACCEPTED, "the threat is held");
    let mails = smtp.wait_for(4).await;
    let m = &mails[3];
    assert_eq!(m.to, vec!["alert@news.example".to_string()]);
    assert_eq!(m.subject().split(" zu ").next().unwrap(), "Als Drohung zurückgehalten: „I will find you and kill you.“");
    let text = m.part("text/plain");
    assert!(text.contains("wurde auf ") && text.contains("zurückgehalten und wartet auf eine Moderation."), "{text}");
    assert!(text.contains("Verfasser: Reader"), "{text}");
    assert!(text.contains(&format!("In der Moderation öffnen: {}/moderation?queue=pending#c-{id}", app.url(""))), "{text}");
    assert!(m.part("text/html").contains(r#"<html lang="de""#));
}
