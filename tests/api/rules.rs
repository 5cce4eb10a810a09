// The Rules page and its API: what each rule held and what moderators made of it, the switches,
// the strict first-time link rule, the learned score's record, and the console's trusted domains.
use commentdesk::domain::moderator::Role;
use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{TestApp, client};
use super::flagging::post_as;
use super::moderation::{csrf, decide_form, field, held, moderator, post_comment, spawn};

/// Texts different enough not to be repeats (a repeat with a link is held as a campaign).
const SENTENCES: [&str; 9] = [
    "",
    "The full timeline of the attack is here for anyone asking:",
    "Reuters has the gunman's movements before the speech:",
    "My cousin works near the gallery and sent me this report:",
    "The Turkish police statement, translated in full:",
    "Background on the ambassador's career from the wire:",
    "Here is what the foreign ministry said this morning:",
    "Photos from the exhibition hall, before and after:",
    "An interview with a witness who was in the second row:",
];

async fn rules_json(app: &TestApp, c: &reqwest::Client) -> Value {
    let r = c.get(app.url("/api/moderation/rules")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

fn rule<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["rules"].as_array().unwrap().iter().find(|r| r["code"] == code).unwrap_or_else(|| panic!("no rule {code}"))
}

/// (held, approved, rejected) in the 7, 30 and 90 days windows.
fn windows(r: &Value) -> Vec<(u64, u64, u64)> {
    r["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["held"].as_u64().unwrap(), w["approved"].as_u64().unwrap(), w["rejected"].as_u64().unwrap()))
        .collect()
}

/// Every switchable rule's form field, on, but those in `off`.
async fn switches(app: &TestApp, admin: &reqwest::Client, off: &[&str]) -> Vec<(String, String)> {
    let v = rules_json(app, admin).await;
    v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["enabled"].is_null())
        .map(|r| r["code"].as_str().unwrap())
        .filter(|c| !off.contains(c))
        .map(|c| (format!("rule.{c}"), "1".to_string()))
        .collect()
}

async fn save_rules(app: &TestApp, admin: &reqwest::Client, mut fields: Vec<(String, String)>) -> reqwest::Response {
    fields.push(("csrf".into(), csrf(app, admin).await));
    admin.post(app.url("/moderation/rules")).form(&fields).send().await.unwrap()
}

#[tokio::test]
async fn the_rules_page_and_its_api_are_for_admins_only() {
    let app = spawn(|_| {}).await;
    let admin = moderator(&app, "root", Role::Admin).await;
    let plain = moderator(&app, "ann", Role::Moderator).await;
    assert_eq!(client().get(app.url("/api/moderation/rules")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = client().get(app.url("/moderation/rules")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/moderation/login"));
    assert_eq!(plain.get(app.url("/moderation/rules")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(plain.get(app.url("/api/moderation/rules")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let token = csrf(&app, &plain).await;
    let r = plain
        .post(app.url("/moderation/rules"))
        .form(&[("csrf", token.as_str()), ("hold_first_time_links", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT count(*) FROM moderation_thresholds").await, 0, "nothing stored");
    // Only admins see the page in the console's navigation.
    let queue = plain.get(app.url("/moderation")).send().await.unwrap().text().await.unwrap();
    assert!(!queue.contains("/moderation/rules"));
    let queue = admin.get(app.url("/moderation")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains(r#"href="/moderation/rules""#));
    let page = admin.get(app.url("/moderation/rules")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let page = page.text().await.unwrap();
    for code in ["abuse.threat", "links.first_time", "spam.duplicate", "classifier"] {
        assert!(page.contains(&format!(r#"name="rule.{code}""#)), "a switch for {code}");
    }
    assert!(page.contains(r#"name="hold_first_time_links""#) && page.contains(r#"name="classifier_threshold""#));
    // A bearer token of an admin reads the API too.
    let v = rules_json(&app, &admin).await;
    assert_eq!(v["hold_first_time_links"], false);
    assert_eq!(v["score"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_rules_page_counts_holds_and_decisions_and_marks_a_rule_moderators_overturn() {
    let app = spawn(|_| {}).await;
    let admin = moderator(&app, "root", Role::Admin).await;
    // A shortener from a first-time commenter: held for both; moderators approve two of three.
    let mut shortened = Vec::new();
    for n in 1..=3 {
        shortened.push(held(&app, &format!("The full timeline is at https://bit.ly/karlov{n} for anyone asking.")).await);
    }
    // Insults: rejected, one of them written 40 days ago.
    let insults = [
        held(&app, "You idiot, the ambassador was a diplomat, not a soldier.").await,
        held(&app, "Only a moron would defend the gunman.").await,
    ];
    // One waits undecided.
    let waiting = held(&app, "You idiot, read the article before you comment.").await;
    // Shouting is a note for moderators, not a hold: published and never counted.
    let (_, status) = post_comment(&app, "THIS IS A TERRIBLE DAY FOR EVERY DIPLOMAT IN THE WORLD TODAY").await;
    assert_eq!(status, "published");
    for (id, action) in [(shortened[0], "approve"), (shortened[1], "approve"), (shortened[2], "reject")] {
        assert_eq!(decide_form(&app, &admin, id, action, "pending", "other").await.status(), StatusCode::SEE_OTHER);
    }
    for id in insults {
        assert_eq!(decide_form(&app, &admin, id, "reject", "pending", "abuse").await.status(), StatusCode::SEE_OTHER);
    }
    let forty_days_ago = time::OffsetDateTime::now_utc().unix_timestamp() - 40 * 86_400;
    app.exec("UPDATE comments SET created_at = ?1 WHERE id = ?2", &[forty_days_ago.into(), insults[0].into()]).await;

    let v = rules_json(&app, &admin).await;
    let short = rule(&v, "links.shortener");
    assert_eq!(windows(short), vec![(3, 2, 1); 3]);
    let precision = short["windows"][0]["precision"].as_f64().unwrap();
    assert!((precision - 1.0 / 3.0).abs() < 1e-9, "{precision}");
    assert_eq!(short["overturned"], true, "approved two of three");
    assert_eq!(short["windows"][0]["overturned"], true);
    assert_eq!(short["approved_examples"].as_array().unwrap().len(), 2);
    assert_eq!(short["rejected_examples"][0]["comment_id"], shortened[2]);
    assert!(short["rejected_examples"][0]["excerpt"].as_str().unwrap().contains("bit.ly/karlov3"));
    // The same comments were held for the first-time link too.
    assert_eq!(windows(rule(&v, "links.first_time")), vec![(3, 2, 1); 3]);
    let insult = rule(&v, "abuse.insult");
    assert_eq!(windows(insult), vec![(2, 0, 1), (2, 0, 1), (3, 0, 2)], "the old one only in 90 days");
    assert_eq!(insult["windows"][0]["undecided"], 1);
    assert_eq!(insult["windows"][2]["precision"], 1.0);
    assert_eq!(insult["overturned"], false);
    assert_eq!(windows(rule(&v, "spam.shouting")), vec![(0, 0, 0); 3], "a note holds nothing");
    // The learned score against the decisions, from the scores stored with the comments.
    for (id, score) in [(insults[0], 0.9), (insults[1], 0.8), (shortened[0], 0.95), (shortened[2], 0.1), (waiting, 0.9)] {
        app.exec("UPDATE comments SET score = ?1 WHERE id = ?2", &[score.into(), id.into()]).await;
    }
    let v = rules_json(&app, &admin).await;
    let score = &v["score"][2];
    assert_eq!((score["days"].as_u64(), score["threshold"].as_f64()), (Some(90), Some(0.5)));
    assert_eq!(
        (score["true_holds"].as_u64(), score["false_holds"].as_u64(), score["missed"].as_u64()),
        (Some(2), Some(1), Some(1)),
        "the waiting comment is no decision"
    );
    assert_eq!(score["recall"].as_f64(), Some(2.0 / 3.0));
    assert_eq!(v["score"][0]["true_holds"], 1, "the 40-day-old insult is outside 7 days");

    let page = admin.get(app.url("/moderation/rules")).send().await.unwrap().text().await.unwrap();
    let row = &page[page.find(r#"id="rule-links.shortener""#).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("Overturned more than half the time"), "{row}");
    assert!(row.contains("held 3: approved 2, rejected 1") && row.contains("precision 33%"), "{row}");
    let insult_row = &page[page.find(r#"id="rule-abuse.insult""#).unwrap()..];
    assert!(!insult_row[..insult_row.find("</tr>").unwrap()].contains("Overturned"));
    assert!(page.contains("bit.ly/karlov3"), "examples are listed");
}

#[tokio::test]
async fn a_rule_switched_off_holds_nothing_and_the_strict_link_rule_switches_on_until_restart_and_after() {
    let app = spawn(|_| {}).await;
    let admin = moderator(&app, "root", Role::Admin).await;
    // Different texts each time: a repeat with a link is held as a campaign.
    let shortened = |n: usize| format!("{} https://bit.ly/karlov{n}", SENTENCES[n]);
    assert_eq!(post_as(&app, &client(), &shortened(1)).await.0, 202);
    let r = save_rules(&app, &admin, switches(&app, &admin, &["links.shortener"]).await).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Without the shortener as a sign, a first-time link alone holds nothing.
    assert_eq!(post_as(&app, &client(), &shortened(2)).await, (201, vec![]));
    let v = rules_json(&app, &admin).await;
    assert_eq!(rule(&v, "links.shortener")["enabled"], false);
    assert_eq!(rule(&v, "links.first_time")["enabled"], true);
    assert!(rule(&v, "context.banned_author")["enabled"].is_null(), "bans are no switch");

    // The strict rule on: a first-time commenter's cited source is held.
    let mut fields = switches(&app, &admin, &["links.shortener"]).await;
    fields.push(("hold_first_time_links".into(), "1".into()));
    assert_eq!(save_rules(&app, &admin, fields).await.status(), StatusCode::SEE_OTHER);
    let cited = |n: usize| format!("{} https://www.reuters.com/world/europe/karlov-{n}", SENTENCES[n + 4]);
    assert_eq!(post_as(&app, &client(), &cited(1)).await, (202, vec!["links.first_time".to_string()]));
    let logged = app.rows("SELECT reason FROM audit_log WHERE action = 'thresholds' ORDER BY id", &[]).await;
    let logged: Vec<String> = logged.into_iter().map(|r| r[0].text().unwrap()).collect();
    assert_eq!(logged, vec!["rule.links.shortener=0".to_string(), "hold_first_time_links=1".to_string()]);

    // A threshold out of range is refused and changes nothing.
    let mut fields = switches(&app, &admin, &[]).await;
    fields.push(("classifier_threshold".into(), "1.5".into()));
    let r = save_rules(&app, &admin, fields).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("between"));
    assert_eq!(rule(&rules_json(&app, &admin).await, "links.shortener")["enabled"], false);

    // Both survive a restart.
    let again = app.restarted(super::moderation::fast).await;
    let v = rules_json(&again, &admin).await;
    assert_eq!((v["hold_first_time_links"].as_bool(), rule(&v, "links.shortener")["enabled"].as_bool()), (Some(true), Some(false)));
    assert_eq!(post_as(&again, &client(), &cited(2)).await, (202, vec!["links.first_time".to_string()]));
    // Switched on again, the shortener holds again.
    let mut fields = switches(&again, &admin, &[]).await;
    fields.push(("hold_first_time_links".into(), "1".into()));
    assert_eq!(save_rules(&again, &admin, fields).await.status(), StatusCode::SEE_OTHER);
    let (status, codes) = post_as(&again, &client(), &shortened(3)).await;
    assert_eq!(status, 202);
    assert!(codes.contains(&"links.shortener".to_string()), "{codes:?}");
}

#[tokio::test]
async fn trusted_domains_added_in_the_console_never_hold_and_outlive_a_restart() {
    let app = spawn(|s| s.moderation.hold_first_time_links = true).await;
    let admin = moderator(&app, "root", Role::Admin).await;
    let plain = moderator(&app, "ann", Role::Moderator).await;
    // Different texts each time: a repeat with a link is held as a campaign.
    let cited = |n: usize| format!("{} https://uk.reuters.com/world/karlov-{n}", SENTENCES[n]);
    assert_eq!(post_as(&app, &client(), &cited(1)).await, (202, vec!["links.first_time".to_string()]));

    let page = admin.get(app.url("/moderation/settings")).send().await.unwrap().text().await.unwrap();
    let token = field(&page, "csrf");
    let add = |c: &reqwest::Client, token: &str, domain: &str, op: &str| {
        c.post(app.url("/moderation/settings/domains"))
            .form(&[("csrf", token), ("op", op), ("domain", domain)])
            .send()
    };
    let plain_token = csrf(&app, &plain).await;
    assert_eq!(add(&plain, &plain_token, "reuters.com", "add").await.unwrap().status(), StatusCode::FORBIDDEN);
    let r = add(&admin, &token, "localhost", "add").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("not a full domain name"));
    assert_eq!(app.count("SELECT count(*) FROM trusted_domains").await, 0);

    // Pasted as an address, stored as the domain.
    let r = add(&admin, &token, "https://www.Reuters.com/world/", "add").await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = admin.get(app.url("/moderation/settings")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"name="domain" value="reuters.com""#), "listed with a remove button");
    assert_eq!(post_as(&app, &client(), &cited(2)).await, (201, vec![]));
    let lookalike = "See https://reuters.com.news-now.example/karlov for the timeline.";
    assert_eq!(post_as(&app, &client(), lookalike).await.0, 202, "a look-alike is not trusted");
    let logged = app.count("SELECT count(*) FROM audit_log WHERE action = 'words' AND reason = 'add trusted domain reuters.com'").await;
    assert_eq!(logged, 1);

    let again = app.restarted(|s| {
        super::moderation::fast(s);
        s.moderation.hold_first_time_links = true;
    })
    .await;
    assert_eq!(post_as(&again, &client(), &cited(3)).await, (201, vec![]));
    let token = csrf(&again, &admin).await;
    let r = admin
        .post(again.url("/moderation/settings/domains"))
        .form(&[("csrf", token.as_str()), ("op", "remove"), ("domain", "reuters.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(post_as(&again, &client(), &cited(4)).await, (202, vec!["links.first_time".to_string()]));
}
