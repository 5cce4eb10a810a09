//! Languages in a real browser: the German page (language, dates, plurals, the script's
//! messages), and the right-to-left layout in the pseudo-locale `ar-XB`, mirrored by the
//! stylesheet's logical properties and passing axe-core.
use commentdesk::auth::password::{Hasher, Password};
use commentdesk::domain::moderator::{ModeratorName, Role};
use serde_json::json;

use crate::helpers::{Browser, Js, SLUG, TestApp};

const PASSWORD: &str = "correct horse battery staple";

async fn start(language: &str) -> Option<(TestApp, Browser)> {
    let browser = Browser::start(Js::On).await?;
    let language = language.to_string();
    let app = TestApp::spawn_with(move |s| {
        s.site.language = language;
        s.limits.comment_burst = 100;
    })
    .await;
    Some((app, browser))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_german_page_speaks_german_with_german_dates_and_plurals() {
    let Some((app, b)) = start("de").await else { return };
    let first = app.post_comment("Ein erster Kommentar.", "Anna", None).await;
    app.post_comment("Eine Antwort.", "", Some(first)).await;

    b.goto(&format!("{}/", app.base)).await;
    assert_eq!(b.js("return document.documentElement.lang;").await, json!("de"));
    let card = b.find(".article-card .meta").await.text().await.unwrap();
    assert!(card.contains("19. Dezember 2016") || card.contains("20. Dezember 2016"), "German date: {card}");
    assert!(card.contains("2 Kommentare"), "German plural: {card}");

    b.goto(&app.article_url()).await;
    assert_eq!(b.js("return document.documentElement.lang;").await, json!("de"));
    assert_eq!(b.js("return document.documentElement.dir;").await, json!("ltr"));
    let time = b.find(".story-header time").await.text().await.unwrap();
    assert!(time.contains("Dezember 2016"), "{time}");
    assert_eq!(b.find("#comments-heading").await.text().await.unwrap(), "Kommentare (2)");
    assert!(b.find(&format!("#comment-{first} .reply-link")).await.text().await.unwrap().starts_with("Antworten"));
    assert_eq!(b.find(&format!("#comment-{first} time")).await.text().await.unwrap(), "gerade eben");
    // The reply without a name is signed in German.
    let names: Vec<String> = serde_json::from_value(
        b.js("return Array.from(document.querySelectorAll('.comment .author')).map(e => e.textContent);").await,
    )
    .unwrap();
    assert!(names.contains(&"Anonym".to_string()), "{names:?}");

    // The script speaks German too: posting in place.
    b.find("#body").await.send_keys("Noch ein Gedanke zum Artikel.").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until("document.querySelector('#comment-form .status').textContent === 'Ihr Kommentar ist veröffentlicht.'")
        .await;
    // An empty comment is refused with the server's German message.
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until("!!document.querySelector('#body-error')").await;
    assert_eq!(
        b.find("#body-error").await.text().await.unwrap(),
        "Bitte schreiben Sie einen Kommentar, bevor Sie ihn senden."
    );
    b.assert_accessible("the German article page").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_to_left_page_mirrors_and_passes_axe() {
    let Some((app, b)) = start("ar-XB").await else { return };
    let first = app.post_comment("A first comment.", "Ann", None).await;
    let reply = app.post_comment("A reply.", "Bo", Some(first)).await;
    b.goto(&app.article_url()).await;
    assert_eq!(b.js("return document.documentElement.dir;").await, json!("rtl"));
    assert_eq!(b.js("return getComputedStyle(document.body).direction;").await, json!("rtl"));

    // A reply is indented from the right, with its rule on the right.
    let style = b
        .js(&format!(
            "const s = getComputedStyle(document.getElementById('comment-{reply}'));
             return [s.marginLeft, s.marginRight, s.borderLeftWidth, s.borderRightWidth];"
        ))
        .await;
    let style: Vec<String> = serde_json::from_value(style).unwrap();
    assert_eq!(style[0], "0px", "no left margin in rtl: {style:?}");
    assert_ne!(style[1], "0px", "indented from the right: {style:?}");
    assert_eq!(style[2], "0px", "{style:?}");
    assert_eq!(style[3], "2px", "{style:?}");
    // The reply sits to the left of its parent's right edge, and text starts on the right.
    let edges = b
        .js(&format!(
            "const p = document.getElementById('comment-{first}').getBoundingClientRect();
             const r = document.getElementById('comment-{reply}').getBoundingClientRect();
             return [p.right, r.right];"
        ))
        .await;
    let edges: Vec<f64> = serde_json::from_value(edges).unwrap();
    assert!(edges[1] < edges[0], "the reply's right edge is inside its parent's: {edges:?}");
    b.assert_accessible("the right-to-left article page").await;

    // The console: a held comment in the queue, signed in as an admin.
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let name = ModeratorName::parse("ann").unwrap();
    commentdesk::store::sqlite::moderators::create(&conn, &name, Role::Admin, &hash, time::OffsetDateTime::now_utc())
        .unwrap();
    conn.execute("UPDATE articles SET premoderation = 1", []).unwrap();
    let held = reqwest::Client::new()
        .post(format!("{}/api/articles/{SLUG}/comments", app.base))
        .json(&json!({ "body": "Held for a moderator.", "author": "Cy" }))
        .send()
        .await
        .unwrap();
    assert_eq!(held.status().as_u16(), 202);
    b.goto(&format!("{}/moderation/login", app.base)).await;
    assert_eq!(b.js("return document.documentElement.dir;").await, json!("rtl"));
    b.assert_accessible("the right-to-left console sign-in").await;
    b.find("#name").await.send_keys("ann").await.unwrap();
    b.find("#password").await.send_keys(PASSWORD).await.unwrap();
    b.find("form.login-form button[type=submit]").await.click().await.unwrap();
    b.wait_for(".mod-item").await;
    assert_eq!(b.js("return document.documentElement.dir;").await, json!("rtl"));
    b.assert_accessible("the right-to-left moderation queue").await;
    // The shortcut help opens at the bottom left: the inline end of a right-to-left page.
    b.js("document.getElementById('shortcut-help').hidden = false; return null;").await;
    let help = b
        .js("const r = document.getElementById('shortcut-help').getBoundingClientRect();
             return [r.left, window.innerWidth - r.right];")
        .await;
    let help: Vec<f64> = serde_json::from_value(help).unwrap();
    assert!(help[0] < help[1], "nearer the left edge: {help:?}");
    b.close().await;
}
