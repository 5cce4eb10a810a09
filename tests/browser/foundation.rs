//! The article page itself: rendering, the comment prompt, share links and buttons, no
//! third-party requests, accessibility.
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use crate::helpers::{Js, SHARE_TEXT, SLUG, TITLE, WAIT};
use crate::setup;

/// Percent-encodes everything but RFC 3986 unreserved characters (written here independently of
/// the code under test).
fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_page_shows_the_headline_and_the_story() {
    let (app, b) = setup!(Js::Off);
    b.goto(&app.article_url()).await;
    let h1 = b.find("h1").await;
    assert!(h1.is_displayed().await.unwrap(), "the headline is visible");
    assert_eq!(h1.text().await.unwrap(), TITLE);
    assert!(b.client.title().await.unwrap().starts_with(TITLE));
    let body = b.find(".story-body").await.text().await.unwrap();
    assert!(body.contains("Mevlut Mert Altintas"), "the story text is shown: {body}");
    assert_eq!(b.find("#comments-heading").await.text().await.unwrap(), "Comments (0)");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn front_page_links_to_the_article_page() {
    let (app, b) = setup!(Js::Off);
    b.goto(&format!("{}/", app.base)).await;
    let link = b.find(&format!(r#".article-list a[href="/articles/{SLUG}"]"#)).await;
    assert_eq!(link.text().await.unwrap(), TITLE);
    link.click().await.unwrap();
    let h1 = b.wait_for("h1").await;
    assert_eq!(b.client.current_url().await.unwrap().as_str(), app.article_url());
    assert_eq!(h1.text().await.unwrap(), TITLE);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comment_prompt_link_lands_on_the_comments_section() {
    let (app, b) = setup!(Js::On);
    b.goto(&app.article_url()).await;
    // The section's top is on screen; scrolling to it can leave it a fraction of a pixel above 0.
    let in_viewport = "(() => { const r = document.getElementById('comments').getBoundingClientRect(); \
                       return r.top > -1 && r.top < window.innerHeight; })()";
    assert_eq!(b.js(&format!("return {in_viewport};")).await, json!(false), "#comments starts below the fold");
    let link = b.client.find(Locator::LinkText("Scroll down to comment below!")).await.unwrap();
    assert_eq!(link.attr("href").await.unwrap().as_deref(), Some("#comments"));
    link.click().await.unwrap();
    b.wait_until("location.hash === '#comments'").await;
    assert_eq!(b.client.current_url().await.unwrap().fragment(), Some("comments"));
    b.wait_until(in_viewport).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_links_carry_the_canonical_address_and_open_safely() {
    let (app, b) = setup!(Js::Off);
    let canonical = app.article_url();
    b.goto(&canonical).await;
    let link_canonical = b.find(r#"link[rel="canonical"]"#).await.attr("href").await.unwrap();
    assert_eq!(link_canonical.as_deref(), Some(canonical.as_str()));

    let facebook = b.find("a.share-facebook").await.attr("href").await.unwrap().unwrap();
    assert_eq!(facebook, format!("https://www.facebook.com/sharer/sharer.php?u={}", encode_component(&canonical)));

    let x = b.find("a.share-x").await.attr("href").await.unwrap().unwrap();
    assert!(x.starts_with("https://x.com/intent/tweet?"), "{x}");
    assert!(x.contains(&format!("url={}", encode_component(&canonical))), "{x}");
    assert!(x.contains(&format!("text={}", encode_component(SHARE_TEXT))), "{x}");
    let parsed = url::Url::parse(&x).unwrap();
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    assert_eq!(pairs, vec![("url".to_string(), canonical.clone()), ("text".to_string(), SHARE_TEXT.to_string())]);

    let links = b.client.find_all(Locator::Css("a.share-link")).await.unwrap();
    assert!(links.len() >= 2, "share links are present");
    for l in links {
        let href = l.attr("href").await.unwrap().unwrap_or_default();
        assert_eq!(l.attr("target").await.unwrap().as_deref(), Some("_blank"), "{href}");
        let rel = l.attr("rel").await.unwrap().unwrap_or_default();
        assert!(rel.split_whitespace().any(|r| r == "noopener"), "rel={rel:?} on {href}");
        assert!(l.text().await.unwrap().trim().len() > 1, "{href} has a visible label");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_page_requests_nothing_from_another_origin() {
    let (app, b) = setup!(Js::On);
    let origin = format!("{}/", app.base);
    b.goto(&origin).await;
    b.goto(&app.article_url()).await;
    b.wait_until("document.readyState === 'complete'").await;
    // Everything the page's scripts started on load is logged before a request made after it:
    // wait (with a deadline) until that marker request shows in the log, instead of a fixed sleep.
    b.js("setTimeout(() => fetch('/healthz?marker=after-load'), 0); return true;").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let requested = loop {
        let requested = b.requested_urls().await;
        if requested.iter().any(|u| u.ends_with("/healthz?marker=after-load")) {
            break requested;
        }
        assert!(std::time::Instant::now() < deadline, "the marker request never showed: {requested:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(requested.contains(&app.article_url()), "the log saw the page itself: {requested:?}");
    assert!(requested.iter().any(|u| u.contains("/static/") && u.contains(".css")), "{requested:?}");
    assert!(requested.iter().any(|u| u.contains("/static/") && u.contains(".js")), "{requested:?}");
    let foreign: Vec<_> = requested.iter().filter(|u| !u.starts_with(&origin) && !u.starts_with("data:")).collect();
    assert!(foreign.is_empty(), "requests to another origin: {foreign:?}");

    let resources = b.js("return performance.getEntriesByType('resource').map(e => e.name);").await;
    let resources: Vec<String> = serde_json::from_value(resources).unwrap();
    assert!(!resources.is_empty(), "the page loaded its CSS and script");
    let foreign: Vec<_> = resources.iter().filter(|u| !u.starts_with(&origin)).collect();
    assert!(foreign.is_empty(), "resources from another origin: {foreign:?}");

    // Control: both detectors do catch a request to another origin (another port on loopback,
    // so nothing leaves the machine). CSP would block it, so bypass CSP for this check only.
    let other = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let probe = format!("http://127.0.0.1:{other}/probe.png");
    b.cdp("Page.setBypassCSP", json!({ "enabled": true })).await;
    b.goto(&app.article_url()).await;
    b.js(&format!("const i = new Image(); i.src = '{probe}'; document.body.appendChild(i); return null;")).await;
    let start = Instant::now();
    let mut seen = Vec::new();
    while !seen.contains(&probe) {
        assert!(start.elapsed() < WAIT, "the performance log missed a request to {probe}: {seen:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        seen.extend(b.requested_urls().await);
    }
    b.wait_until(&format!("performance.getEntriesByType('resource').some(e => e.name === '{probe}')")).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_page_has_no_wcag_violations() {
    let (app, b) = setup!(Js::On);
    b.goto(&app.article_url()).await;
    b.wait_until("document.readyState === 'complete'").await;
    b.assert_accessible("the article page").await;
    b.close().await;
}

const SHARE_STUB: &str = "Object.defineProperty(navigator, 'share', { configurable: true, \
    value: function (data) { window.__shared = data; return Promise.resolve(); } });";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_buttons_appear_with_javascript_where_the_browser_supports_them() {
    let (app, b) = setup!(Js::On);
    let canonical = app.article_url();
    b.goto(&canonical).await;
    b.wait_until("document.readyState === 'complete'").await;
    // http://127.0.0.1 is a secure context, so the clipboard exists and "Copy link" shows.
    assert_eq!(b.js("return window.isSecureContext && !!navigator.clipboard;").await, json!(true));
    assert!(b.find(".share-copy").await.is_displayed().await.unwrap(), "Copy link is shown");
    if b.js("return typeof navigator.share;").await == json!("undefined") {
        assert!(!b.find(".share-native").await.is_displayed().await.unwrap(), "no Web Share, no Share… button");
    }

    b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": SHARE_STUB })).await;
    b.goto(&canonical).await;
    b.wait_until("!document.querySelector('.share-native').hidden").await;
    let native = b.find(".share-native").await;
    assert!(native.is_displayed().await.unwrap());
    assert_eq!(native.text().await.unwrap(), "Share…");
    native.click().await.unwrap();
    b.wait_until("window.__shared !== undefined").await;
    let shared = b.js("return window.__shared;").await;
    assert_eq!(shared["url"], json!(canonical));
    assert_eq!(shared["title"], json!(TITLE));
    assert_eq!(shared["text"], json!(SHARE_TEXT));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_buttons_stay_hidden_without_javascript() {
    let (app, b) = setup!(Js::Off);
    // Even where the browser could share, nothing shows a button without the script.
    b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": SHARE_STUB })).await;
    b.goto(&app.article_url()).await;
    for css in [".share-copy", ".share-native"] {
        let button = b.find(css).await;
        assert!(!button.is_displayed().await.unwrap(), "{css} is hidden without JavaScript");
        assert!(button.attr("hidden").await.unwrap().is_some(), "{css} keeps its hidden attribute");
    }
    // The share links themselves work without JavaScript.
    assert!(b.find("a.share-facebook").await.is_displayed().await.unwrap());
    b.close().await;
}
