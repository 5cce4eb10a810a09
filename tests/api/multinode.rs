//! Several identical nodes on one PostgreSQL database, as behind a load balancer: what one node
//! changes, the others show and decide with, within a second; sessions work on any node.
use std::time::{Duration, Instant};

use commentdesk::auth::password::{Hasher, Password};
use commentdesk::domain::moderator::{ModeratorName, Role};
use serde_json::{Value, json};

use crate::helpers::{SLUG, TestApp, client, postgres_schema_url, spawn_node};

const PASSWORD: &str = "correct horse battery staple";

/// Three nodes on one fresh schema, or `None` (SKIPPED) without a server.
async fn three_nodes(test: &str) -> Option<Vec<TestApp>> {
    let url = postgres_schema_url(test).await?;
    let mut nodes = Vec::new();
    for _ in 0..3 {
        nodes.push(
            spawn_node(&url, |s| {
                s.moderation_console.argon2_memory_kib = 64;
                s.moderation_console.argon2_iterations = 1;
                s.limits.comment_burst = 100;
            })
            .await,
        );
    }
    Some(nodes)
}

/// Polls `check` until it holds or a second has passed; how long it took.
async fn within_a_second(mut check: impl AsyncFnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        if check().await {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

async fn post(node: &TestApp, c: &reqwest::Client, body: &str) -> (i64, String) {
    let r = c
        .post(node.url(&format!("/api/articles/{SLUG}/comments")))
        .json(&json!({ "body": body, "author": "Reader" }))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    (v["id"].as_i64().unwrap(), v["status"].as_str().unwrap().to_string())
}

async fn signed_in_admin(node: &TestApp) -> reqwest::Client {
    let hash = Hasher::new(64, 1).unwrap().hash(&Password::parse(PASSWORD).unwrap()).unwrap();
    node.store
        .create_moderator(&ModeratorName::parse("ann").unwrap(), Role::Admin, &hash, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    let c = client();
    let r =
        c.post(node.url("/moderation/login")).form(&[("name", "ann"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), 303, "signed in");
    c
}

fn field(page: &str, name: &str) -> String {
    let key = format!(r#"name="{name}" value=""#);
    let start = page.find(&key).unwrap_or_else(|| panic!("no {name} field in page")) + key.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn a_comment_posted_through_one_node_is_on_another_nodes_cached_page_within_a_second() {
    let Some(nodes) = three_nodes("multinode::comment").await else { return };
    // Node 2's anonymous page is cached before the comment arrives elsewhere.
    let before = nodes[1].anonymous_text(&format!("/articles/{SLUG}")).await;
    assert!(!before.contains("Posted through the first node"));
    let _ = nodes[1].anonymous_text(&format!("/articles/{SLUG}")).await;
    let (_, status) = post(&nodes[0], &client(), "Posted through the first node, read on the second.").await;
    assert_eq!(status, "published");
    let seen = within_a_second(async || {
        nodes[1].anonymous_text(&format!("/articles/{SLUG}")).await.contains("Posted through the first node")
    })
    .await;
    assert!(seen.is_some(), "node 2 still serves its old page after a second");
    let json = within_a_second(async || {
        let v: Value = client()
            .get(nodes[2].url(&format!("/api/articles/{SLUG}/comments")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["total"] == 1
    })
    .await;
    assert!(json.is_some(), "node 3's cached JSON list still lacks the comment");
}

#[tokio::test]
async fn sessions_decisions_and_word_lists_work_across_nodes() {
    let Some(nodes) = three_nodes("multinode::decisions").await else { return };
    // Signed in through node 1; the same cookie works on node 3 (cookies do not tell ports apart).
    let admin = signed_in_admin(&nodes[0]).await;
    let page = admin.get(nodes[2].url("/moderation")).send().await.unwrap();
    assert_eq!(page.status(), 200, "a session made on node 1 is valid on node 3");
    let csrf = field(&page.text().await.unwrap(), "csrf");

    // A held comment, rejected through node 3, disappears from node 1's and node 2's pages...
    let reader = client();
    let (id, status) = post(&nodes[1], &reader, "I will find you and kill you, you will pay with your life.").await;
    assert_eq!(status, "pending");
    // ...and a published one, rejected through node 3, too.
    let (shown, status) = post(&nodes[1], &reader, "A calm remark about the embassy staff.").await;
    assert_eq!(status, "published");
    for n in &nodes[..2] {
        assert!(n.anonymous_text(&format!("/articles/{SLUG}")).await.contains("A calm remark"));
    }
    for (target, seen) in [(id, "pending"), (shown, "published")] {
        let r = admin
            .post(nodes[2].url(&format!("/moderation/comments/{target}/decision")))
            .form(&[("csrf", csrf.as_str()), ("action", "reject"), ("expected_status", seen), ("reason", "abuse")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    for n in &nodes[..2] {
        let gone =
            within_a_second(async || !n.anonymous_text(&format!("/articles/{SLUG}")).await.contains("A calm remark"))
                .await;
        assert!(gone.is_some(), "a rejection through node 3 shows on {}", n.address);
        let queue = admin.get(n.url("/moderation?queue=rejected")).send().await.unwrap().text().await.unwrap();
        assert!(queue.contains(&format!("id=\"c-{id}\"")), "node {} lists the decision", n.address);
    }

    // A banned word added through node 1 holds a comment posted through node 2.
    let settings = admin.get(nodes[0].url("/moderation/settings")).send().await.unwrap().text().await.unwrap();
    let csrf = field(&settings, "csrf");
    let r = admin
        .post(nodes[0].url("/moderation/settings/words"))
        .form(&[("csrf", csrf.as_str()), ("op", "add"), ("word", "zanzibarium"), ("kind", "suspect")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let held = within_a_second(async || {
        let (_, status) = post(&nodes[1], &client(), "Have you heard of zanzibarium, the new element?").await;
        status == "pending"
    })
    .await;
    assert!(held.is_some(), "node 2 still publishes a word node 1 made suspect");

    // A rule switched off on node 1's Rules page holds nothing on node 2, and a domain trusted
    // through node 1 holds no link on node 2: node 2's own figures show both in force, then a
    // comment through it is published.
    let rules_on = async |node: &TestApp| -> serde_json::Value {
        admin.get(node.url("/api/moderation/rules")).send().await.unwrap().json().await.unwrap()
    };
    let rules = rules_on(&nodes[0]).await;
    let mut form: Vec<(String, String)> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["enabled"].is_null() && r["code"] != "words.suspect")
        .map(|r| (format!("rule.{}", r["code"].as_str().unwrap()), "1".to_string()))
        .collect();
    form.push(("csrf".into(), csrf.clone()));
    assert_eq!(admin.post(nodes[0].url("/moderation/rules")).form(&form).send().await.unwrap().status(), 303);
    let shortened = "The whole speech is at https://bit.ly/karlov-speech for those who missed it.";
    assert_eq!(post(&nodes[1], &client(), shortened).await.1, "pending", "a shortener holds");
    let r = admin
        .post(nodes[0].url("/moderation/settings/domains"))
        .form(&[("csrf", csrf.as_str()), ("op", "add"), ("domain", "bit.ly")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let in_force = within_a_second(async || {
        let v = rules_on(&nodes[1]).await;
        let suspect = v["rules"].as_array().unwrap().iter().find(|r| r["code"] == "words.suspect").unwrap();
        suspect["enabled"] == false && v["trusted_domains"].as_array().unwrap().iter().any(|d| d == "bit.ly")
    })
    .await;
    assert!(in_force.is_some(), "node 2 does not apply node 1's switch and domain");
    let (_, status) = post(&nodes[1], &client(), "Zanzibarium again: the element nobody has heard of.").await;
    assert_eq!(status, "published");
    let (_, status) =
        post(&nodes[1], &client(), "Photos of the gallery afterwards https://bit.ly/karlov-gallery.").await;
    assert_eq!(status, "published");
}

#[tokio::test]
async fn the_per_article_cap_holds_for_all_nodes_together() {
    let Some(url) = postgres_schema_url("multinode::cap").await else { return };
    let mut nodes = Vec::new();
    for _ in 0..3 {
        nodes.push(
            spawn_node(&url, |s| {
                s.limits.comment_burst = 100;
                s.limits.article_comments_per_minute = 6;
            })
            .await,
        );
    }
    // Four comments through each node: each node alone would take them all (its own limiter
    // allows six), together only six pass in this minute.
    let mut accepted = 0;
    let mut refused = 0;
    for round in 0..4 {
        for (i, n) in nodes.iter().enumerate() {
            let r = client()
                .post(n.url(&format!("/api/articles/{SLUG}/comments")))
                .json(&json!({ "body": format!("Comment {round} through node {i}, on the embassy.") }))
                .send()
                .await
                .unwrap();
            match r.status().as_u16() {
                201 | 202 => accepted += 1,
                429 => {
                    assert!(r.headers().contains_key("retry-after"));
                    refused += 1;
                }
                other => panic!("unexpected {other}"),
            }
        }
    }
    // A minute boundary in the middle of the test lets a few more through; never all twelve.
    assert!((6..=11).contains(&accepted), "accepted {accepted}, refused {refused}");
    assert_eq!(accepted + refused, 12);
}

#[tokio::test]
async fn a_node_that_loses_its_notification_connection_still_shows_others_changes_within_a_second() {
    let Some(nodes) = three_nodes("multinode::lost listener").await else { return };
    let page = format!("/articles/{SLUG}");
    let _ = nodes[1].anonymous_text(&page).await;
    // Every listening connection of this database is cut (other tests' nodes reconnect too).
    let admin = {
        let (c, conn) = tokio_postgres::connect(&nodes[0].db_arg, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        c
    };
    let cut = admin
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            &[&commentdesk::store::postgres::notify::LISTENER_NAME],
        )
        .await
        .unwrap();
    assert!(cut.len() >= 3, "each node listens on a connection of its own: {}", cut.len());
    let (_, status) = post(&nodes[0], &client(), "Written while node 2 was not listening.").await;
    assert_eq!(status, "published");
    let seen =
        within_a_second(async || nodes[1].anonymous_text(&page).await.contains("while node 2 was not listening")).await;
    assert!(seen.is_some(), "node 2 served a stale page for more than a second after losing its notifications");
}
