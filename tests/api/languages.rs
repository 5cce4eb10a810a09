//! Languages through the real server: every page rendered in the pseudo-locale `en-XA` (each
//! catalogue message with its letters accented) must show no English, and the site's and an
//! article's language choose the page's.
//!
//! The user content here (site name, article, comments, names) is Greek, so any run of Latin
//! letters left in a text node or a text attribute is a string that did not come from the
//! catalogue.
use commentdesk::config::Settings;
use commentdesk::domain::moderator::Role;
use reqwest::StatusCode;
use serde_json::json;

use commentdesk::auth::password::{Hasher, Password};
use commentdesk::domain::moderator::ModeratorName;

use crate::helpers::{SLUG, TestApp, client};

const PASSWORD: &str = "correct horse battery staple";

fn fast(s: &mut Settings) {
    s.moderation_console.argon2_memory_kib = 64;
    s.moderation_console.argon2_iterations = 1;
    s.limits.comment_burst = 100;
}

async fn add_moderator(app: &TestApp, name: &str, role: Role) -> i64 {
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    app.store
        .create_moderator(&ModeratorName::parse(name).unwrap(), role, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap()
}

fn field(page: &str, name: &str) -> String {
    let key = format!(r#"name="{name}" value=""#);
    let start = page.find(&key).unwrap_or_else(|| panic!("no {name} field in page")) + key.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

/// Brand names, and codes shown as codes.
const ALLOWED: &[&str] = &["Facebook", "Twitter", "Bluesky", "Reddit", "LinkedIn", "WhatsApp", "CSV", "JSON", "UTC"];

fn greek_article(slug: &str, extra: &str) -> String {
    format!(
        "+++\nslug = \"{slug}\"\ntitle = \"Πυροβολισμοί στην Άγκυρα\"\ndescription = \"Ένας άνδρας πυροβόλησε έξω από την πρεσβεία.\"\n\
         source = \"Ειδήσεις\"\npublished_at = \"2016-12-19T21:30:00-05:00\"\n{extra}\n[share]\ntext = \"Πυροβολισμοί\"\n\
         call_to_action = \"Μοιραστείτε το\"\nlike_text = \"Μας αρέσει\"\nquestion = \"Τι πιστεύετε;\"\n\
         comment_prompt = \"Σχολιάστε παρακάτω\"\n+++\nΈνας άνδρας πυροβόλησε έξω από την πρεσβεία στην Άγκυρα.\n"
    )
}

async fn spawn(language: &str, customize: impl FnOnce(&mut Settings)) -> (TestApp, tempfile::TempDir) {
    let content = tempfile::tempdir().unwrap();
    std::fs::write(content.path().join("a.md"), greek_article(SLUG, "")).unwrap();
    std::fs::write(content.path().join("b.md"), greek_article("allo-arthro", "language = \"fr\"")).unwrap();
    let dir = content.path().to_path_buf();
    let language = language.to_string();
    let app = crate::helpers::spawn_app_with(move |s| {
        fast(s);
        s.site.name = "Ημερήσια Νέα".into();
        s.site.language = language;
        s.server.content_dir = Some(dir);
        s.embed.allowed_origins = vec!["http://news.test".into()];
        customize(s);
    })
    .await;
    (app, content)
}

/// Runs of two or more Latin letters in the page's text and in the attributes people read
/// (`title`, `aria-label`, `placeholder`, `alt`, a description `<meta>`, the script's
/// `data-messages`), with where they were found. Scripts, styles, `<code>` and `<kbd>` are
/// skipped.
fn english_left(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut check = |where_: &str, text: &str| {
        let text = strip_entities(text);
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphabetic() {
                word.push(c);
            } else {
                if word.len() >= 2 && !ALLOWED.contains(&word.as_str()) {
                    found.push(format!("{where_}: {word:?} in {:?}", text.trim()));
                }
                word.clear();
            }
        }
    };
    let mut skip: Option<String> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if skip.is_none() {
            check("text", &rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else { break };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let name = name.to_ascii_lowercase();
        if let Some(s) = &skip {
            if tag.starts_with('/') && &name == s {
                skip = None;
            }
            continue;
        }
        if tag.starts_with('/') {
            continue;
        }
        for (attr, value) in attributes(tag) {
            let readable = matches!(attr.as_str(), "title" | "aria-label" | "placeholder" | "alt")
                || (attr == "content" && tag.contains(r#"name="description""#));
            if readable {
                check(&format!("<{name} {attr}>"), &value);
            }
            if attr == "data-messages" {
                let v: serde_json::Value = serde_json::from_str(&unescape(&value)).unwrap();
                for (k, m) in v.as_object().unwrap() {
                    check(
                        &format!("data-messages {k}"),
                        &m.as_str().unwrap().replace("{seconds}", "").replace("{count}", ""),
                    );
                }
            }
        }
        if matches!(name.as_str(), "script" | "style" | "code" | "kbd") {
            skip = Some(name);
        }
    }
    found
}

fn strip_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        match rest[i..].find(';') {
            Some(j) if j < 10 => rest = &rest[i + j + 1..],
            _ => {
                out.push('&');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the entities askama writes (named and numeric).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(';') else { break };
        let entity = &rest[i + 1..i + j];
        let c = match entity {
            "quot" => Some('"'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        out.push(c.unwrap_or('?'));
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_string();
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        out.push((name, after[..end].to_string()));
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn the_english_finder_finds_english_and_skips_code() {
    let found = english_left(r#"<p title="Ȧƀƈ">Ǿǿ <code>ok</code> Hello</p><button aria-label="Close">x</button>"#);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("Hello") && found[1].contains("Close"));
}

/// The signed token of a mail's `/replies/{what}?s=` link.
fn link_token(text: &str, what: &str) -> String {
    let key = format!("/replies/{what}?s=");
    let start = text.find(&key).unwrap_or_else(|| panic!("no {what} link in {text}")) + key.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect()
}

/// A mail's subject and both its parts, for the English finder: the text part's addresses (the
/// words that start with `http`) are left out, and so is `quoted`, text a person wrote.
fn mail_texts(name: &str, m: &crate::smtp::Received, quoted: &str) -> Vec<(String, String)> {
    let plain = m.part("text/plain");
    let text: Vec<&str> = plain.split_whitespace().filter(|w| !w.starts_with("http")).collect();
    let cut = |s: String| if quoted.is_empty() { s } else { s.replace(quoted, "") };
    vec![
        (format!("{name} subject"), format!("<p>{}</p>", cut(m.subject()))),
        (format!("{name} text"), format!("<p>{}</p>", cut(text.join(" ")))),
        (format!("{name} html"), cut(m.part("text/html"))),
    ]
}

#[tokio::test]
async fn every_page_in_the_pseudo_locale_has_no_english_left() {
    let smtp = crate::smtp::Smtp::start().await;
    let smtp_url = smtp.url();
    let (app, _content) = spawn("en-XA", move |s| {
        s.email.smtp_url = smtp_url;
        s.email.from = "desk@news.example".into();
        s.email.digest_check_secs = 1;
        // A target that resolves to loopback, refused when delivered: a failed delivery to show.
        s.webhooks.targets = vec![commentdesk::config::WebhookTarget {
            url: "http://localhost:9/hook".into(),
            events: vec![commentdesk::webhooks::EventKind::Published],
            secret: None,
            format: commentdesk::webhooks::Format::Slack,
        }];
    })
    .await;
    // A reader's comment (with a cookie, for the edit page), a reply, and a comment held for a
    // moderator.
    let reader = client();
    let r = reader
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Πολύ ενδιαφέρον άρθρο.", "author": "Μαρία"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Συμφωνώ απόλυτα.", "author": "Νίκος", "parent_id": id}))
        .send()
        .await
        .unwrap();
    app.exec("UPDATE articles SET premoderation = 1 WHERE slug = ?1", &[SLUG.into()]).await;
    let held = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Αυτό περιμένει έλεγχο.", "author": "Ελένη"}))
        .send()
        .await
        .unwrap();
    assert_eq!(held.status(), StatusCode::ACCEPTED);
    app.exec("UPDATE articles SET premoderation = 0 WHERE slug = ?1", &[SLUG.into()]).await;

    let mut pages: Vec<(String, String)> = Vec::new();
    for path in [
        "/".to_string(),
        format!("/articles/{SLUG}"),
        format!("/articles/{SLUG}?notice=held"),
        format!("/articles/{SLUG}?reply_to={id}"),
        format!("/c/{SLUG}"),
        format!("/embed/{SLUG}"),
        format!("/comments/{id}/report"),
        "/no/such/page".to_string(),
        format!("/comments/{}/report", id + 1000),
        "/moderation/login".to_string(),
    ] {
        let r = client().get(app.url(&path)).send().await.unwrap();
        pages.push((path, r.text().await.unwrap()));
    }
    // The author's own pages: edit, and a form with errors.
    let edit = reader.get(app.url(&format!("/comments/{id}/edit"))).send().await.unwrap();
    assert_eq!(edit.status(), StatusCode::OK);
    pages.push(("edit".into(), edit.text().await.unwrap()));
    let token = {
        let page = client().get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
        field(&page, "token")
    };
    let bad = client()
        .post(app.url(&format!("/articles/{SLUG}/comments")))
        .header("Origin", &app.address)
        .form(&[("body", ""), ("author", ""), ("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    pages.push(("form errors".into(), bad.text().await.unwrap()));
    let bad_report = client()
        .post(app.url(&format!("/comments/{id}/report")))
        .header("Origin", &app.address)
        .form(&[("reason", "nonsense")])
        .send()
        .await
        .unwrap();
    pages.push(("report errors".into(), bad_report.text().await.unwrap()));
    let failed_login = client()
        .post(app.url("/moderation/login"))
        .form(&[("name", "x1"), ("password", "wrong password here")])
        .send()
        .await
        .unwrap();
    pages.push(("failed sign-in".into(), failed_login.text().await.unwrap()));

    // The console, signed in as an admin (a name without two Latin letters in a row).
    let x1 = add_moderator(&app, "x1", Role::Admin).await;
    let m = client();
    let r = m.post(app.url("/moderation/login")).form(&[("name", "x1"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The webhook delivery of the published comments has failed by now (or is waiting).
    for _ in 0..100 {
        if app.count("SELECT count(*) FROM webhook_deliveries WHERE status = 'failed'").await > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    for path in [
        "/moderation",
        "/moderation?queue=approved",
        "/moderation?notice=bulk&n=3",
        "/moderation/log",
        "/moderation/settings",
        "/moderation/rules",
        "/moderation/notifications",
        "/moderation/notifications?notice=saved",
        "/moderation/webhooks",
        "/moderation/webhooks?notice=retried",
        &format!("/articles/{SLUG}"),
    ] {
        let r = m.get(app.url(path)).send().await.unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
        pages.push((format!("console {path}"), r.text().await.unwrap()));
    }
    let hooks = &pages.iter().find(|(p, _)| p == "console /moderation/webhooks").unwrap().1;
    assert!(hooks.contains("delivery-failed") && hooks.contains("/retry"), "a delivery is listed: {hooks}");
    let csrf = field(&pages.iter().find(|(p, _)| p == "console /moderation/notifications").unwrap().1, "csrf");
    for (email, notify, minutes) in [("", "threats", "60"), ("ȧƀƈ", "digest", "60"), ("x@news.example", "digest", "1")]
    {
        let r = m
            .post(app.url("/moderation/notifications"))
            .form(&[("csrf", csrf.as_str()), ("email", email), ("notify", notify), ("digest_minutes", minutes)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        pages.push((format!("notifications refused {email} {notify} {minutes}"), r.text().await.unwrap()));
    }
    // A form error of the settings page (a threshold that is not a number), and an email error
    // of the comment form.
    let r = m
        .post(app.url("/moderation/settings/thresholds"))
        .form(&[("csrf", csrf.as_str()), ("classifier_threshold", "πολύ")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    pages.push(("threshold refused".into(), r.text().await.unwrap()));
    let token = {
        let page = client().get(app.url(&format!("/articles/{SLUG}"))).send().await.unwrap().text().await.unwrap();
        field(&page, "token")
    };
    let bad_email = client()
        .post(app.url(&format!("/articles/{SLUG}/comments")))
        .header("Origin", &app.address)
        .form(&[("body", "Καλό άρθρο."), ("author", "Άννα"), ("notify_email", "όχι"), ("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(bad_email.status(), StatusCode::UNPROCESSABLE_ENTITY);
    pages.push(("form with a bad address".into(), bad_email.text().await.unwrap()));

    // Mails and the pages their links open: a reader's confirmation and reply notification, a
    // moderator's threat mail and digest.
    let prefs = commentdesk::domain::email::NotifyPrefs::new;
    app.store.set_notify_prefs(x1, prefs("x1@news.example", "threats", "").unwrap()).await.unwrap();
    let x2 = add_moderator(&app, "x2", Role::Moderator).await;
    app.store.set_notify_prefs(x2, prefs("x2@news.example", "digest", "5").unwrap()).await.unwrap();
    let asker = client();
    let r = asker
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Ποιος φύλαγε την πρεσβεία;", "author": "Σοφία", "notify_email": "sofia@reader.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let parent = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let find = |to: &str, n: usize| {
        let to = to.to_string();
        let smtp = &smtp;
        async move {
            for _ in 0..200 {
                let got: Vec<_> = smtp.received().into_iter().filter(|m| m.to == vec![to.clone()]).collect();
                if got.len() >= n {
                    return got[n - 1].clone();
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!("no mail {n} to {to}: {:#?}", smtp.received());
        }
    };
    let confirm = find("sofia@reader.example", 1).await;
    pages.extend(mail_texts("confirmation", &confirm, ""));
    let text = confirm.part("text/plain");
    assert!(text.contains("lang=en-XA"), "{text}");
    let token = link_token(&text, "confirm");
    for path in [format!("/replies/confirm?s={token}&lang=en-XA"), "/replies/confirm?s=1.00ff".to_string()] {
        pages.push((path.clone(), client().get(app.url(&path)).send().await.unwrap().text().await.unwrap()));
    }
    let done =
        client().post(app.url("/replies/confirm?lang=en-XA")).form(&[("s", token.as_str())]).send().await.unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    pages.push(("confirmed".into(), done.text().await.unwrap()));
    let r = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "Κανείς δεν τον σταμάτησε.", "author": "Πέτρος", "parent_id": parent}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let reply = find("sofia@reader.example", 2).await;
    pages.extend(mail_texts("reply notification", &reply, ""));
    let stop = reply.header("List-Unsubscribe").unwrap().trim_matches(['<', '>']).replace(&app.url(""), "");
    pages.push(("unsubscribe page".into(), client().get(app.url(&stop)).send().await.unwrap().text().await.unwrap()));
    let r = client().post(app.url(&stop)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    pages.push(("unsubscribed".into(), r.text().await.unwrap()));
    let again =
        client().post(app.url("/replies/confirm?lang=en-XA")).form(&[("s", token.as_str())]).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    pages.push(("nothing to confirm".into(), again.text().await.unwrap()));

    let threat = "I will find you and kill you.";
    let r = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": threat, "author": "Ανώνυμος"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED, "held as a threat");
    pages.extend(mail_texts("threat mail", &find("x1@news.example", 1).await, threat));
    let digest = find("x2@news.example", 1).await;
    assert!(digest.part("text/plain").contains("Αυτό περιμένει έλεγχο."), "the held comment is listed");
    pages.extend(mail_texts("digest", &digest, threat));

    let queue = &pages.iter().find(|(p, _)| p == "console /moderation").unwrap().1;
    assert!(queue.contains("mod-item") && queue.contains("mod-reasons"), "a held comment with its reasons is shown");
    let article = &pages.iter().find(|(p, _)| p.starts_with("/articles/")).unwrap().1;
    assert!(article.contains("reaction-button") && article.contains("reply-link"), "comments are shown");
    let mut problems = Vec::new();
    for (path, html) in &pages {
        let plain = path.ends_with(" subject") || path.ends_with(" text");
        assert!(plain || html.contains(r#"lang="en-XA""#), "{path}: {html}");
        problems.extend(english_left(html).into_iter().map(|p| format!("{path}: {p}")));
    }
    assert!(problems.is_empty(), "English left in the pseudo-locale:\n{}", problems.join("\n"));
}

#[tokio::test]
async fn the_site_language_and_an_articles_own_choose_the_page_language() {
    let (app, _content) = spawn("de", |_| {}).await;
    let page = app.get_text(&format!("/articles/{SLUG}")).await;
    assert!(page.contains(r#"<html lang="de" dir="ltr">"#));
    assert!(page.contains("19. Dezember 2016"), "German date");
    assert!(page.contains("Diskutieren Sie mit"));
    let fr = app.get_text("/articles/allo-arthro").await;
    assert!(fr.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(fr.contains("20 décembre 2016") || fr.contains("19 décembre 2016"), "French date");
    assert!(fr.contains("Participez à la discussion"));
    // Errors from the API come in the site's language too.
    let r = client()
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({"body": "   "}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["message"], "Bitte schreiben Sie einen Kommentar, bevor Sie ihn senden.");
    let missing = client().get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let text = missing.text().await.unwrap();
    assert!(text.contains("Seite nicht gefunden") && text.contains("Fehler 404"), "{text}");
}

#[tokio::test]
async fn the_pseudo_locale_in_rtl_mode_sets_the_direction() {
    let (app, _content) = spawn("ar-XB", |_| {}).await;
    let page = app.get_text(&format!("/articles/{SLUG}")).await;
    assert!(page.contains(r#"<html lang="ar-XB" dir="rtl">"#));
    let embed = app.get_text(&format!("/embed/{SLUG}")).await;
    assert!(embed.contains(r#"lang="ar-XB" dir="rtl""#));
    // Without mail, the Notifications page says so, around the setting's name.
    add_moderator(&app, "x1", Role::Moderator).await;
    let m = client();
    let r = m.post(app.url("/moderation/login")).form(&[("name", "x1"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = m.get(app.url("/moderation/notifications")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"dir="rtl""#) && page.contains("<code>[email] smtp_url</code>"), "{page}");
    let left = english_left(&page);
    assert!(left.is_empty(), "English left: {left:?}");
    // And the embed script's texts are in the site's language.
    let js = app.get_text("/embed.js").await;
    assert!(js.contains(&commentdesk::i18n::Tr::new("ar-XB").unwrap().embed_messages()), "{js}");
    assert!(!js.contains("Read and post comments"));
}

#[tokio::test]
async fn an_unknown_language_is_refused_at_start() {
    let mut s = Settings::default();
    s.site.language = "xx".into();
    s.server.bind = "127.0.0.1:0".into();
    let dir = tempfile::tempdir().unwrap();
    s.database.path = dir.path().join("t.db");
    let err = commentdesk::startup::Application::build(s).await.err().expect("refused");
    let msg = err.to_string();
    assert!(msg.contains("site.language") && msg.contains("\"xx\"") && msg.contains("de (Deutsch)"), "{msg}");
}
