// Hostile input is inert everywhere it is shown: the page, the JSON API and the feed.
use serde_json::json;

use super::helpers::{SLUG, spawn_app_with};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    "[click](java\tscript:alert(4))",
    "[click](&#106;avascript:alert(5))",
    "[click](JaVaScRiPt&#58;alert(6))",
    "' onmouseover='alert(7)",
    "\" onmouseover=\"alert(8)",
    "‹scrİpt>alert(9)‹/scrİpt>",
    "<a href=\"javascript:alert(10)\">x</a>",
    "<svg onload=alert(11)>",
];

/// Looks at every real tag (text is escaped, so `<` only opens tags): no script, image or svg
/// element, no event handler attribute, no javascript: URL.
fn assert_inert(text: &str, context: &str) {
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map(|e| start + e).unwrap_or(rest.len());
        let tag = &rest[start..end];
        for bad in ["<script", "<img", "<svg", "<iframe"] {
            assert!(!tag.starts_with(bad), "{context}: {tag}");
        }
        assert!(!tag.contains("javascript:"), "{context}: {tag}");
        let words: Vec<&str> = tag.split(|c: char| c.is_whitespace() || c == '"' || c == '\'').collect();
        assert!(!words.iter().any(|w| w.starts_with("on") && w.contains('=')), "{context}: {tag}");
        rest = &rest[end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
}

#[tokio::test]
async fn hostile_bodies_and_names_are_inert_in_page_api_and_feed() {
    let app = spawn_app_with(|s| s.limits.comment_burst = 100).await;
    for p in PAYLOADS {
        // Names may not hold control characters (the tab), so those are sent in the body only.
        let name: String = p.chars().filter(|c| !c.is_control()).take(80).collect();
        let r = app.post_json(json!({"body": p, "author": name})).await;
        // The flagging may hold some of these; either way they are stored and shown to their author.
        assert!(matches!(r.status().as_u16(), 201 | 202), "{p}: {}", r.status());
    }
    let page = app.article_page().await;
    // The page itself has one script: our own, external.
    assert_eq!(page.matches("<script").count(), 2, "JSON-LD and the app script only");
    assert_inert(&page.replace(r#"<script type="application/ld+json">"#, "").replace("<script src=", ""), "page");
    let api = app.get_text(&format!("/api/articles/{SLUG}/comments?limit=200")).await;
    let v: serde_json::Value = serde_json::from_str(&api).unwrap();
    for c in v["comments"].as_array().unwrap() {
        assert_inert(c["body_html"].as_str().unwrap(), "api body_html");
    }
    let feed = app.get_text(&format!("/articles/{SLUG}/comments.atom")).await;
    assert!(!feed.contains("<script") && !feed.contains("<img"), "feed");
    // The text is still shown, as text.
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(page.contains("‹scrİpt&#62;") || page.contains("‹scrİpt&gt;"));
}

#[tokio::test]
async fn a_10000_deep_quote_or_list_is_accepted_and_flattened() {
    let app = spawn_app_with(|s| s.limits.comment_burst = 10).await;
    let quote = format!("{}deep", "> ".repeat(2_400));
    let r = app.post_json(json!({"body": quote.chars().take(5000).collect::<String>()})).await;
    assert_eq!(r.status(), 201);
    let list = format!("{}x", "- ".repeat(2_400));
    let r = app.post_json(json!({"body": list.chars().take(5000).collect::<String>()})).await;
    assert_eq!(r.status(), 201);
    // 10,000 levels cannot fit in 5,000 characters: the form refuses it, nothing is stored.
    let r = app.post_json(json!({"body": format!("{}x", ">".repeat(10_000))})).await;
    assert_eq!(r.status(), 422);
    let page = app.article_page().await;
    assert!(page.matches("<blockquote>").count() <= 6);
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 2);
}

#[tokio::test]
async fn control_characters_and_line_breaks_in_the_name_are_refused() {
    let app = spawn_app_with(|_| {}).await;
    for name in ["Ann\r\nSet-Cookie: x=1", "Bob\u{0}", "Cy\u{1b}[31m"] {
        let r = app.post_json(json!({"body": "hi", "author": name})).await;
        assert_eq!(r.status(), 422, "{name:?}");
    }
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 0);
}
