//! Operations: backups while writing, export/import round trip, importers, malformed files,
//! privacy, `/metrics` access, start-up refusal.
use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::Connection;

use crate::cli::bin;
use crate::helpers::{SLUG, TestApp, client, spawn_app_with};

fn run(args: &[&str], db: impl AsRef<std::ffi::OsStr>) -> Output {
    bin().args(args).arg("--db").arg(db).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

async fn proxied_app() -> TestApp {
    spawn_app_with(|s| {
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        s.limits.comment_burst = 100_000;
        s.limits.article_comments_per_minute = 1_000_000;
        s.moderation.suspect_words = vec!["zebra".into()];
        s.moderation.banned_words = vec!["viagra".into()];
    })
    .await
}

async fn post_as(app: &TestApp, c: &reqwest::Client, n: u32, body: &str, parent: Option<i64>) -> i64 {
    let resp = c
        .post(app.url(&format!("/api/articles/{SLUG}/comments")))
        .header("X-Forwarded-For", format!("198.51.100.{}", n % 250))
        .json(&serde_json::json!({ "body": body, "author": format!("Reader {n}"), "parent_id": parent }))
        .send()
        .await
        .unwrap();
    assert!(resp.status() == 201 || resp.status() == 202, "{}", resp.status());
    resp.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_comments_pour_in_is_intact_and_holds_every_earlier_comment() {
    let app = proxied_app().await;
    let mut before = Vec::new();
    for n in 0..40 {
        before.push(post_as(&app, &app.client, n, &format!("Early comment number {n} about the news."), None).await);
    }
    // Enough data that copying it takes a while: comments must be acknowledged meanwhile.
    {
        let db = app.db();
        db.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
        db.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) \
             INSERT INTO comments (article_id, author_name, body_md, body_html, status, created_at) \
             SELECT 1, 'Filler', printf('%0400d', i), printf('<p>%0400d</p>', i), 'rejected', 1 FROM n",
        )
        .unwrap();
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (url, stop) = (app.url(&format!("/api/articles/{SLUG}/comments")), stop.clone());
        tokio::spawn(async move {
            let c = client();
            let mut n = 0u32;
            let mut acked = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let r = c
                    .post(&url)
                    .header("X-Forwarded-For", format!("203.0.113.{}", n % 250))
                    .json(&serde_json::json!({ "body": format!("Concurrent comment {n} during the backup.") }))
                    .send()
                    .await;
                if r.is_ok_and(|r| r.status() == 201 || r.status() == 202) {
                    acked.push(std::time::Instant::now());
                }
            }
            acked
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("copy.db");
    let (db, d) = (app.db_path.clone(), dest.clone());
    let started = std::time::Instant::now();
    let out = tokio::task::spawn_blocking(move || run(&["backup", d.to_str().unwrap()], &db)).await.unwrap();
    let ended = std::time::Instant::now();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let acked = writer.await.unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // A backup that blocked the writer would let none through while it ran.
    let during = acked.iter().filter(|t| **t > started && **t < ended).count();
    assert!(during > 0, "no comment was acknowledged during the {:?} backup ({} in all)", ended - started, acked.len());
    let copy = Connection::open(&dest).unwrap();
    let verdict: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok");
    for id in &before {
        let n: i64 = copy.query_row("SELECT count(*) FROM comments WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "comment {id} acknowledged before the backup is in it");
    }
    assert!(!dir.path().join("copy.db.partial").exists());
    // A backup never overwrites; a directory gets a dated file.
    let again = run(&["backup", dest.to_str().unwrap()], &app.db_path);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    let into_dir = run(&["backup", dir.path().to_str().unwrap()], &app.db_path);
    assert!(into_dir.status.success(), "{}", stderr(&into_dir));
    let dated: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("commentdesk-"))
        .collect();
    assert_eq!(dated.len(), 1, "{dated:?}");
    assert!(stderr(&into_dir).contains(dated[0].to_str().unwrap()), "{}", stderr(&into_dir));
    let n: i64 = Connection::open(&dated[0])
        .unwrap()
        .query_row("SELECT count(*) FROM comments WHERE id = ?1", [before[0]], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the dated backup opens and holds the comments");
}

fn export_lines(db: impl AsRef<std::ffi::OsStr>, file: &Path) -> Vec<String> {
    let out = run(&["export", file.to_str().unwrap()], db);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().skip(1).map(str::to_string).collect()
}

#[tokio::test]
async fn export_then_import_into_a_new_database_round_trips_exactly() {
    let app = proxied_app().await;
    let first = post_as(&app, &app.client, 1, "A fine first comment on the story.", None).await;
    post_as(&app, &client(), 2, "I agree with this, well argued.", Some(first)).await;
    let held = post_as(&app, &client(), 3, "A zebra wandered into the embassy.", None).await;
    let spam = post_as(&app, &client(), 4, "Buy viagra now, cheap.", None).await;
    let rejected = post_as(&app, &client(), 5, "Something a moderator will reject.", None).await;
    {
        let db = app.db();
        db.execute("UPDATE comments SET status = 'rejected' WHERE id = ?1", [rejected]).unwrap();
        db.execute(
            "INSERT INTO reports (comment_id, reason, note, reporter_key, created_at) VALUES (?1, 'spam', 'ads, \"quoted\"', 'k1', 1700000000)",
            [spam],
        )
        .unwrap();
        db.execute("INSERT INTO moderation_words (word, kind, created_at) VALUES ('scam*', 'banned', 1)", []).unwrap();
        db.execute("INSERT INTO banned_authors (ip_hash, note, created_at) VALUES ('abc', 'troll', 2)", []).unwrap();
        db.execute("UPDATE comments SET score = 0.1 + 0.2 WHERE id = ?1", [first]).unwrap();
    }
    assert_eq!(app.count(&format!("SELECT count(*) FROM comment_reasons WHERE comment_id = {held}")).await, 1);
    let dir = tempfile::tempdir().unwrap();
    let original = export_lines(&app.db_path, &dir.path().join("one.jsonl"));
    assert!(original.iter().any(|l| l.starts_with("{\"data\"") && l.contains("\"type\":\"report\"")));
    for ty in ["article", "comment", "reason", "report", "word", "ban", "meta"] {
        assert!(original.iter().any(|l| l.contains(&format!("\"type\":\"{ty}\""))), "{ty} exported");
    }

    let restored = dir.path().join("restored.db");
    let out = run(&["import", dir.path().join("one.jsonl").to_str().unwrap()], &restored);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = export_lines(&restored, &dir.path().join("two.jsonl"));
    assert_eq!(original, again, "a second export of the restored database is the same, line for line");
    let score: f64 = Connection::open(&restored)
        .unwrap()
        .query_row("SELECT score FROM comments WHERE id = ?1", [first], |r| r.get(0))
        .unwrap();
    assert_eq!(score, 0.1 + 0.2, "REAL values come back bit for bit");

    // Importing into a database that has comments is refused and changes nothing.
    let twice = run(&["import", dir.path().join("one.jsonl").to_str().unwrap()], &restored);
    assert_eq!(twice.status.code(), Some(2));
    assert!(stderr(&twice).contains("already holds"), "{}", stderr(&twice));
    assert_eq!(count(&restored, "SELECT count(*) FROM comments"), 5);

    // The site moves to PostgreSQL and back with every line the same (README, "Moving a site").
    let Some(pg) = crate::helpers::postgres_schema_url("ops::export_then_import (PostgreSQL)").await else { return };
    let out = run(&["import", dir.path().join("one.jsonl").to_str().unwrap()], &pg);
    assert!(out.status.success(), "{}", stderr(&out));
    let on_pg = export_lines(&pg, &dir.path().join("pg.jsonl"));
    assert_eq!(original, on_pg, "PostgreSQL exports what it imported, line for line");
    let back = dir.path().join("back.db");
    let out = run(&["import", dir.path().join("pg.jsonl").to_str().unwrap()], &back);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(original, export_lines(&back, &dir.path().join("back.jsonl")), "and back to SQLite");
    let twice = run(&["import", dir.path().join("one.jsonl").to_str().unwrap()], &pg);
    assert_eq!(twice.status.code(), Some(2), "a second import into PostgreSQL is refused too");
    // A node on the moved site serves its comments, under the same install secret.
    let node = crate::helpers::spawn_node(&pg, |_| {}).await;
    let page = node.anonymous_text(&format!("/articles/{SLUG}")).await;
    assert!(page.contains("A fine first comment on the story."), "the moved site serves its comments");
    let secret_sqlite = count_text(&app.db_path, "SELECT value FROM meta WHERE key = 'secret'");
    let secret_pg = node.value("SELECT value FROM meta WHERE key = 'secret'", &[]).await.text().unwrap();
    assert_eq!(secret_sqlite, secret_pg, "author cookies and address hashes stay valid");
}

fn count_text(db: &Path, sql: &str) -> String {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// tid, id, parent, created, mode, remote_addr, text, author.
type IssoRow = (i64, i64, Option<i64>, f64, i64, &'static str, &'static str, Option<&'static str>);

fn isso_sample(path: &Path, now: f64) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
         CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
             created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR,
             author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0,
             dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER DEFAULT 0);",
    )
    .unwrap();
    c.execute("INSERT INTO threads VALUES (1, '/2016/12/Embassy-Story.html', 'Embassy story')", []).unwrap();
    c.execute("INSERT INTO threads VALUES (2, '/news/other-story/', NULL)", []).unwrap();
    let old = now - 400.0 * 86400.0;
    let rows: [IssoRow; 5] = [
        (1, 1, None, old, 1, "10.0.0.0", "An *old* comment.", Some("Alice")),
        (1, 2, Some(1), now - 3600.0, 1, "192.168.1.0", "A reply to Alice.", Some("Bob")),
        (1, 3, Some(2), now - 60.0, 2, "192.168.1.0", "Waiting for approval.", None),
        (1, 4, None, now - 50.0, 4, "", "", Some("Gone")),
        (2, 5, None, now - 40.0, 1, "", "Other page.", Some("Carol")),
    ];
    for (tid, id, parent, created, mode, ip, text, author) in rows {
        c.execute(
            "INSERT INTO comments (tid, id, parent, created, mode, remote_addr, text, author, voters) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, x'00')",
            rusqlite::params![tid, id, parent, created, mode, ip, text, author],
        )
        .unwrap();
    }
}

type Row = (String, String, String, Option<String>, i64, Option<String>, Option<String>);

/// (slug, author, status, parent author, created_at, ip_hash, body) ordered by id.
fn imported(db: &Path) -> Vec<Row> {
    let c = Connection::open(db).unwrap();
    let mut st = c
        .prepare(
            "SELECT a.slug, c.author_name, c.status, p.author_name, c.created_at, c.ip_hash, c.body_md \
             FROM comments c JOIN articles a ON a.id = c.article_id LEFT JOIN comments p ON p.id = c.parent_id \
             ORDER BY c.id",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn an_isso_database_imports_with_threads_statuses_dates_and_only_recent_hashed_ips() {
    let dir = tempfile::tempdir().unwrap();
    let isso = dir.path().join("isso.db");
    let now = time::OffsetDateTime::now_utc().unix_timestamp() as f64;
    isso_sample(&isso, now);
    let db = dir.path().join("cd.db");
    let out = run(&["import", isso.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("imported 5 comments from Isso"), "{}", stdout(&out));
    assert!(stdout(&out).contains("embassy-story"), "placeholder articles are named: {}", stdout(&out));
    let rows = imported(&db);
    assert_eq!(rows.len(), 5);
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str(), rows[0].2.as_str()), ("embassy-story", "Alice", "published"));
    assert_eq!(rows[0].4, (now - 400.0 * 86400.0) as i64);
    assert_eq!(rows[0].5, None, "an IP older than the retention is not kept");
    assert_eq!((rows[1].2.as_str(), rows[1].3.as_deref()), ("published", Some("Alice")), "reply threading");
    let hash = rows[1].5.clone().expect("a recent IP is kept as a hash");
    assert!(!hash.contains("192.168"), "never the raw address");
    assert_eq!((rows[2].2.as_str(), rows[2].3.as_deref()), ("pending", Some("Bob")));
    assert_eq!((rows[3].2.as_str(), rows[3].6.as_deref()), ("deleted", Some("[deleted]")));
    assert_eq!(rows[4].0, "other-story");
    assert_eq!(count(&db, "SELECT count(*) FROM comment_reasons WHERE code = 'imported'"), 1);
    assert_eq!(count(&db, "SELECT title = 'Embassy story' FROM articles WHERE slug = 'embassy-story'"), 1);
}

const WXR: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>News</title>
  <item>
    <title>Council votes on the bridge</title>
    <link>https://news.example/2019/05/council-votes/</link>
    <wp:post_name><![CDATA[council-votes-bridge]]></wp:post_name>
    <wp:comment>
      <wp:comment_id>11</wp:comment_id>
      <wp:comment_author><![CDATA[Dana &amp; Co]]></wp:comment_author>
      <wp:comment_author_IP><![CDATA[203.0.113.9]]></wp:comment_author_IP>
      <wp:comment_date_gmt><![CDATA[2019-05-02 10:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[First line
second line with <a href="https://example.org/x">a link</a>]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>12</wp:comment_id>
      <wp:comment_author><![CDATA[Eli]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2019-05-02 11:30:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Replying to Dana.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[0]]></wp:comment_approved>
      <wp:comment_parent>11</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>13</wp:comment_id>
      <wp:comment_author><![CDATA[Spammer]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2019-05-03 00:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[cheap pills]]></wp:comment_content>
      <wp:comment_approved><![CDATA[spam]]></wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>14</wp:comment_id>
      <wp:comment_author><![CDATA[Other Blog]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2019-05-04 00:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Pingback]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[pingback]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>
</channel>
</rss>
"#;

#[test]
fn a_wordpress_export_imports_comments_with_replies_approval_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site.xml");
    std::fs::write(&file, WXR).unwrap();
    let db = dir.path().join("cd.db");
    let out = run(&["import", file.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("skipped 1 pingbacks"), "{}", stdout(&out));
    let rows = imported(&db);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].0, "council-votes-bridge");
    assert_eq!((rows[0].1.as_str(), rows[0].2.as_str()), ("Dana & Co", "published"));
    assert_eq!(rows[0].4, 1_556_791_200, "2019-05-02 10:00:00 UTC");
    assert_eq!(
        rows[0].6.as_deref(),
        Some("First line\nsecond line with [a link](https://example.org/x)"),
        "newlines and links survive as Markdown"
    );
    assert!(rows[0].5.is_none(), "a 2019 IP is past the retention");
    assert_eq!((rows[1].2.as_str(), rows[1].3.as_deref()), ("pending", Some("Dana & Co")));
    assert_eq!(rows[2].2, "spam");
    let html: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT body_html FROM comments ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(html.contains("<a href=\"https://example.org/x\""), "{html}");
}

fn disqus(thread_link: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>news</forum><title>General</title></category>
  <thread dsq:id="100">
    <id>story-1</id><forum>news</forum><category dsq:id="1"/>
    <link>{thread_link}</link>
    <title>The story</title>
  </thread>
  <post dsq:id="201">
    <id/><message><![CDATA[<p>Top comment &amp; more.</p><p>Second paragraph.</p>]]></message>
    <createdAt>2016-12-19T17:05:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Frank</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.20</ipAddress>
    <thread dsq:id="100"/>
  </post>
  <post dsq:id="203">
    <id/><message><![CDATA[<p>A reply.</p>]]></message>
    <createdAt>2016-12-19T18:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Grace</name></author>
    <thread dsq:id="100"/>
    <parent dsq:id="201"/>
  </post>
  <post dsq:id="202">
    <id/><message><![CDATA[<p>spam spam</p>]]></message>
    <createdAt>2016-12-19T17:30:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>true</isSpam>
    <author><name>Bot</name></author>
    <thread dsq:id="100"/>
  </post>
  <post dsq:id="204">
    <id/><message><![CDATA[]]></message>
    <createdAt>2016-12-20T09:00:00Z</createdAt>
    <isDeleted>true</isDeleted><isSpam>false</isSpam>
    <author><name>Hal</name></author>
    <thread dsq:id="100"/>
    <parent dsq:id="203"/>
  </post>
</disqus>
"#
    )
}

#[tokio::test]
async fn a_disqus_export_imports_onto_the_existing_article_with_threads_and_states() {
    let app = proxied_app().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("disqus.xml");
    std::fs::write(&file, disqus(&format!("https://news.example/articles/{SLUG}"))).unwrap();
    let db = app.db_path.clone();
    let out = tokio::task::spawn_blocking(move || run(&["import", file.to_str().unwrap()], &db)).await.unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("attached to existing articles"), "{}", stdout(&out));
    let rows = imported(&app.db_path);
    let got: Vec<(&str, &str, &str, Option<&str>)> =
        rows.iter().map(|r| (r.0.as_str(), r.1.as_str(), r.2.as_str(), r.3.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            (SLUG, "Frank", "published", None),
            (SLUG, "Bot", "spam", None),
            (SLUG, "Grace", "published", Some("Frank")),
            (SLUG, "Hal", "deleted", Some("Grace")),
        ]
    );
    assert_eq!(rows[0].6.as_deref(), Some("Top comment & more.\n\nSecond paragraph."));
    assert_eq!(rows[0].4, 1_482_167_100);
    // The imported comments show on the live page.
    let list = app.comments_json("").await;
    assert_eq!(list["total"], 2);
}

/// Refused naming the place, and the database the import would have created is not there.
fn assert_refused(out: &Output, db: &Path, needles: &[&str]) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    for n in needles {
        assert!(err.contains(n), "{n:?} in {err}");
    }
    assert!(!db.exists(), "a refused import leaves no database behind");
}

/// Imported, with the problem named in the summary; `--strict` refuses the same file naming it.
fn assert_noted(file: &Path, db: &Path, needles: &[&str]) {
    let strict = run(&["import", file.to_str().unwrap(), "--strict"], db);
    assert_refused(&strict, db, needles);
    let out = run(&["import", file.to_str().unwrap()], db);
    assert!(out.status.success(), "{}", stderr(&out));
    for n in needles {
        assert!(stdout(&out).contains(n), "{n:?} in {}", stdout(&out));
    }
}

#[test]
fn a_malformed_file_of_each_kind_is_refused_or_imported_around_the_problem_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| -> PathBuf { dir.path().join(name) };

    // JSON Lines: good lines, then a broken one on line 4.
    let src = dir.path().join("src.db");
    let now = time::OffsetDateTime::now_utc().unix_timestamp() as f64;
    isso_sample(&p("isso.db"), now);
    assert!(run(&["import", p("isso.db").to_str().unwrap()], &src).status.success());
    let export = p("good.jsonl");
    export_lines(&src, &export);
    let mut lines: Vec<String> = std::fs::read_to_string(&export).unwrap().lines().map(str::to_string).collect();
    lines.insert(3, "{\"type\":\"comment\",\"data\":{\"id\": oops}}".into());
    std::fs::write(p("bad.jsonl"), lines.join("\n")).unwrap();
    assert_refused(
        &run(&["import", p("bad.jsonl").to_str().unwrap()], p("a.db")),
        &p("a.db"),
        &["bad.jsonl", "line 4"],
    );
    let unknown = lines.iter().take(3).cloned().chain(["{\"type\":\"comment\",\"data\":{\"nope\":1}}".into()]);
    std::fs::write(p("col.jsonl"), unknown.collect::<Vec<_>>().join("\n")).unwrap();
    assert_refused(&run(&["import", p("col.jsonl").to_str().unwrap()], p("b.db")), &p("b.db"), &["line 4", "nope"]);

    // Isso: a comment whose parent is missing is imported as a top-level comment; a database
    // without the tables is refused.
    let c = Connection::open(p("isso.db")).unwrap();
    c.execute(
        "INSERT INTO comments (tid, id, parent, created, mode, text, voters) VALUES (1, 9, 77, 1.0, 1, 'x', x'00')",
        [],
    )
    .unwrap();
    drop(c);
    assert_noted(&p("isso.db"), &p("c.db"), &["comment 9: changed: comment 9 answers comment 77"]);
    assert_eq!(count(&p("c.db"), "SELECT count(*) FROM comments WHERE body_md = 'x' AND parent_id IS NULL"), 1);
    Connection::open(p("empty.db")).unwrap().execute_batch("CREATE TABLE threads (id INTEGER)").unwrap();
    assert_refused(
        &run(&["import", "--format", "isso", p("empty.db").to_str().unwrap()], p("d.db")),
        &p("d.db"),
        &["not an Isso database", "comments"],
    );

    // WordPress: a comment without an id is skipped (its reply moves up); XML cut short is refused.
    let broken = WXR.replacen("<wp:comment_id>12</wp:comment_id>", "", 1);
    std::fs::write(p("wp.xml"), &broken).unwrap();
    let line = broken.lines().enumerate().filter(|(_, l)| l.contains("<wp:comment>")).nth(1).unwrap().0 + 1;
    assert_noted(&p("wp.xml"), &p("e.db"), &[&format!("line {line}: skipped: <wp:comment> has no <wp:comment_id>")]);
    assert_eq!(count(&p("e.db"), "SELECT count(*) FROM comments"), 2, "the other comments are in");
    std::fs::write(p("cut.xml"), &WXR[..WXR.len() / 2]).unwrap();
    assert_refused(
        &run(&["import", p("cut.xml").to_str().unwrap()], p("f.db")),
        &p("f.db"),
        &["cut.xml", "not well-formed"],
    );

    // Disqus: a bad date on the third post skips that post only.
    let bad = disqus("https://news.example/a/story").replace("2016-12-19T17:30:00Z", "yesterday");
    std::fs::write(p("dq.xml"), &bad).unwrap();
    let line = bad.lines().position(|l| l.contains("dsq:id=\"202\"")).unwrap() + 1;
    assert_noted(&p("dq.xml"), &p("g.db"), &[&format!("line {line}: skipped: post 202: <createdAt>")]);
    assert_eq!(count(&p("g.db"), "SELECT count(*) FROM comments"), 3);
}

#[tokio::test]
async fn ip_hashes_past_the_retention_are_purged_by_the_server_and_by_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let isso = dir.path().join("isso.db");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    isso_sample(&isso, now as f64);
    let db = dir.path().join("cd.db");
    assert!(run(&["import", isso.to_str().unwrap()], &db).status.success());
    let hashed = "SELECT count(*) FROM comments WHERE ip_hash IS NOT NULL";
    assert_eq!(count(&db, hashed), 2);
    // Comment 2 (an hour old) ages to 10 days; comment 3 stays a minute old.
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE comments SET created_at = ?1 WHERE id = 2", [now - 10 * 86400])
        .unwrap();

    let out = bin()
        .args(["privacy", "purge", "--db"])
        .arg(&db)
        .env("COMMENTDESK_PRIVACY__IP_HASH_RETENTION_DAYS", "20")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("erased 0 IP hashes"), "{}", stderr(&out));
    assert_eq!(count(&db, hashed), 2);

    // The server purges at start-up, then hourly.
    let path = db.clone();
    let app = spawn_app_with(move |s| {
        s.database.path = path;
        s.privacy.ip_hash_retention_days = 7;
    })
    .await;
    let mut left = 2;
    for _ in 0..50 {
        left = count(&db, hashed);
        if left == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, 1, "only the recent hash is left");
    assert_eq!(count(&db, "SELECT count(*) FROM comments WHERE id = 3 AND ip_hash IS NOT NULL"), 1);
    let metrics = app.get_text("/metrics").await;
    assert!(metrics.contains("commentdesk_ip_hashes_purged_total 1"), "{metrics}");

    let out = bin()
        .args(["privacy", "purge", "--db"])
        .arg(&db)
        .env("COMMENTDESK_PRIVACY__IP_HASH_RETENTION_DAYS", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db, hashed), 1, "a minute-old hash is within even one day");
}

#[tokio::test]
async fn author_forget_erases_name_and_hashes_on_all_their_comments_and_can_remove_them() {
    let app = proxied_app().await;
    let mine = post_as(&app, &app.client, 7, "My first comment on this.", None).await;
    let mine2 = post_as(&app, &app.client, 7, "And my second thought.", None).await;
    let other = client();
    let reply = post_as(&app, &other, 8, "Someone else replies.", Some(mine)).await;
    let theirs = post_as(&app, &other, 8, "Someone else on their own.", None).await;

    // The author being forgotten respected someone else's comment.
    let reacted = app
        .client
        .post(app.url(&format!("/api/comments/{theirs}/reaction")))
        .header("X-Forwarded-For", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(reacted.status(), 200, "{}", reacted.text().await.unwrap());

    // They asked to hear of replies to their first comment.
    app.exec(
        "INSERT INTO reply_subscriptions (comment_id, email, created_at, confirmed_at) VALUES (?1, 'me@reader.example', 1, 1)",
        &[mine.into()],
    )
    .await;

    let out = run(&["author", "forget", &mine2.to_string()], &app.db_path);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(app.count("SELECT count(*) FROM reply_subscriptions").await, 0, "their address is gone");
    assert!(stderr(&out).contains("anonymized 2 comments and 1 reactions"), "{}", stderr(&out));
    assert_eq!(
        app.count("SELECT count(*) FROM reactions WHERE reader_key LIKE 'forgotten:%' AND reader_ip IS NULL").await,
        1,
        "their reaction no longer names them"
    );
    assert_eq!(
        app.count(&format!("SELECT count FROM reaction_counts WHERE comment_id = {theirs}")).await,
        1,
        "and still counts"
    );
    let anon = format!(
        "SELECT count(*) FROM comments WHERE id IN ({mine}, {mine2}) AND author_name = '' AND author_key IS NULL AND ip_hash IS NULL"
    );
    assert_eq!(app.count(&anon).await, 2);
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM comments WHERE id IN ({reply}, {theirs}) AND author_name = 'Reader 8' AND author_key IS NOT NULL AND ip_hash IS NOT NULL")).await,
        2,
        "other authors are untouched"
    );

    let out = run(&["author", "forget", &theirs.to_string(), "--remove-comments"], &app.db_path);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(app.count(&format!("SELECT count(*) FROM comments WHERE id IN ({reply}, {theirs})")).await, 0);
    // The first author's comment had a reply; after the reply went it can go too. Their other
    // comment is no longer linked to them (the first `forget` erased the key), so it stays.
    let out = run(&["author", "forget", &mine.to_string(), "--remove-comments"], &app.db_path);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(app.count("SELECT count(*) FROM comments").await, 1);
    assert_eq!(app.count(&format!("SELECT count(*) FROM comments WHERE id = {mine2}")).await, 1);
    let missing = run(&["author", "forget", "999999"], &app.db_path);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no comment 999999"));
}

#[tokio::test]
async fn forget_with_remove_keeps_a_placeholder_where_others_replied() {
    let app = proxied_app().await;
    let mine = post_as(&app, &app.client, 7, "A comment that gets answers.", None).await;
    let reply = post_as(&app, &client(), 8, "An answer from someone else.", Some(mine)).await;
    let out = run(&["author", "forget", &mine.to_string(), "--remove-comments"], &app.db_path);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("left 1 as placeholders"), "{}", stderr(&out));
    let (status, body): (String, String) = app
        .db()
        .query_row("SELECT status, body_md FROM comments WHERE id = ?1", [mine], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(status, "deleted");
    assert!(!body.contains("answers"), "{body}");
    assert_eq!(app.count(&format!("SELECT count(*) FROM comments WHERE id = {reply}")).await, 1);
}

#[tokio::test]
async fn metrics_are_refused_to_a_non_loopback_client_without_the_token() {
    // A client out on the network, as a trusted proxy on this machine forwards it: the same
    // decision as a direct non-loopback peer (see the unit test in routes/health.rs), without
    // depending on this machine's network.
    let app = spawn_app_with(|s| {
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        s.metrics.token = Some("op-token-123".into());
    })
    .await;
    let get = |token: Option<&str>| {
        let mut r = client().get(app.url("/metrics")).header("X-Forwarded-For", "198.51.100.7");
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(get(None).await.unwrap().status(), 403);
    assert_eq!(get(Some("wrong")).await.unwrap().status(), 403);
    assert_eq!(get(Some("")).await.unwrap().status(), 403);
    let resp = get(Some("op-token-123")).await.unwrap();
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    for name in [
        "commentdesk_moderation_queue_depth",
        "commentdesk_db_writer_batch_size",
        "commentdesk_last_backup_timestamp_seconds",
    ] {
        assert!(text.contains(name), "{name} in {text}");
    }
    // And a loopback client asking directly needs no token.
    assert_eq!(client().get(app.url("/metrics")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn metrics_count_held_and_refused_comments_by_reason_and_the_queue_depth() {
    let app = proxied_app().await;
    post_as(&app, &app.client, 1, "A zebra wandered into the embassy.", None).await;
    post_as(&app, &client(), 2, "Another zebra was seen near the gallery.", None).await;
    post_as(&app, &client(), 3, "Buy viagra now, cheap.", None).await;
    post_as(&app, &client(), 4, "A calm and civil remark about the story.", None).await;
    let text = app.get_text("/metrics").await;
    let value = |line: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(line).and_then(|rest| rest.trim().parse().ok()))
            .unwrap_or_else(|| panic!("no {line} in {text}"))
    };
    assert_eq!(value(r#"commentdesk_comments_total{status="pending"}"#), 2.0);
    assert_eq!(value(r#"commentdesk_comments_total{status="spam"}"#), 1.0);
    assert_eq!(value(r#"commentdesk_comments_total{status="published"}"#), 1.0);
    assert_eq!(value(r#"commentdesk_comment_reasons_total{reason="words.suspect",status="pending"}"#), 2.0);
    assert_eq!(value(r#"commentdesk_comment_reasons_total{reason="words.banned",status="spam"}"#), 1.0);
    assert_eq!(value("commentdesk_moderation_queue_depth"), 2.0, "two comments wait for a moderator");
    // Every comment went through a writer group (the start-up's own writes too).
    assert!(value("commentdesk_db_writer_batch_size_sum") >= 4.0, "{text}");
}

#[tokio::test]
async fn a_database_from_an_older_schema_with_data_is_migrated_and_served() {
    // A database as the first release left it (migrations 1-3), with a comment and a report.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    {
        let c = Connection::open(&old).unwrap();
        for (_, sql) in &commentdesk::store::sqlite::migrations::MIGRATIONS[..3] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
        c.execute_batch(&format!(
            "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES (1, '{SLUG}', 'Old title', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0); \
             INSERT INTO comments (id, article_id, author_name, body_md, body_html, status, created_at) \
             VALUES (7, 1, 'Early Reader', 'Written before the upgrade.', '<p>Written before the upgrade.</p>', 'published', 1482170000); \
             INSERT INTO reports (comment_id, reason, reporter_key, created_at) VALUES (7, 'spam', 'k', 1482170001);"
        ))
        .unwrap();
    }
    let app = spawn_app_with(|s| s.database.path = old.clone()).await;
    let list = app.comments_json("").await;
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["comments"][0]["id"], 7);
    assert_eq!(list["comments"][0]["body_html"], "<p>Written before the upgrade.</p>");
    let c = Connection::open(&old).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version as usize, commentdesk::store::sqlite::migrations::MIGRATIONS.len(), "every migration applied");
    let kept: (i64, Option<String>) = c
        .query_row(
            "SELECT count(*), max(decided_by) FROM reports JOIN comments ON comments.id = reports.comment_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kept, (1, None), "the report is kept; columns added later start empty");
    // New comments work on the migrated database.
    let r = app.post_json(serde_json::json!({"body": "Written after the upgrade."})).await;
    assert_eq!(r.status(), 201);
}

#[test]
fn the_server_refuses_to_start_on_an_unusable_database_with_exit_2_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing_dir = dir.path().join("no-such-dir").join("c.db");
    let is_dir = dir.path().join("a-directory");
    std::fs::create_dir(&is_dir).unwrap();
    let newer = dir.path().join("newer.db");
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", 999).unwrap();
    for (db, words) in
        [(&missing_dir, "does not exist"), (&is_dir, "is a directory"), (&newer, "newer than this binary knows")]
    {
        let out = bin().args(["serve", "--bind", "127.0.0.1:0", "--db"]).arg(db).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&db.display().to_string()) && err.contains(words), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// The same operations on PostgreSQL

/// An export's lines without its header and with the times an import stamps on placeholder
/// articles, which differ between two runs a second apart.
fn comparable(lines: Vec<String>) -> Vec<String> {
    let zero = |l: String, key: &str| match l.find(&format!("\"{key}\":")) {
        Some(at) => {
            let end = at + l[at..].find([',', '}']).unwrap();
            format!("{}\"{key}\":0{}", &l[..at], &l[end..])
        }
        None => l,
    };
    lines.into_iter().map(|l| zero(zero(l, "updated_at"), "imported_at")).collect()
}

#[tokio::test]
async fn every_importer_stores_on_postgresql_exactly_what_it_stores_on_sqlite() {
    let Some(_) = crate::helpers::postgres_schema_url("ops::importers on PostgreSQL").await else { return };
    let dir = tempfile::tempdir().unwrap();
    // One secret for both, so the address hashes match.
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "a-shared-secret-of-more-than-thirty-two-characters").unwrap();
    let isso = dir.path().join("isso.db");
    isso_sample(&isso, time::OffsetDateTime::now_utc().unix_timestamp() as f64);
    let wxr = dir.path().join("site.xml");
    std::fs::write(&wxr, WXR).unwrap();
    let dq = dir.path().join("disqus.xml");
    std::fs::write(&dq, disqus("https://news.example/2016/12/19/ankara")).unwrap();
    for (name, file) in [("isso", &isso), ("wxr", &wxr), ("disqus", &dq)] {
        let pg = crate::helpers::postgres_schema_url("ops::importers on PostgreSQL").await.unwrap();
        let sqlite = dir.path().join(format!("into-{name}.db"));
        let mut exports = Vec::new();
        for db in [sqlite.display().to_string(), pg] {
            let out = bin()
                .args(["import", file.to_str().unwrap(), "--db", &db])
                .env("COMMENTDESK_SITE__SECRET_FILE", &secret)
                .output()
                .unwrap();
            assert!(out.status.success(), "{name} into {}: {}", &db[..6], stderr(&out));
            exports.push(comparable(export_lines(&db, &dir.path().join(format!("{name}-{}.jsonl", exports.len())))));
        }
        assert!(exports[0].iter().any(|l| l.contains("\"type\":\"comment\"")), "{name}: comments imported");
        assert_eq!(exports[0], exports[1], "{name}: the same rows on both backends");
    }
}

#[tokio::test]
async fn backup_forget_and_purge_work_on_postgresql() {
    let Some(pg) = crate::helpers::postgres_schema_url("ops::backup on PostgreSQL").await else { return };
    let node = crate::helpers::spawn_node(&pg, |s| {
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        s.limits.comment_burst = 100_000;
    })
    .await;
    let mine = post_as(&node, &node.client, 1, "My first comment about the embassy.", None).await;
    let mine2 = post_as(&node, &node.client, 1, "My second comment, on the guards.", None).await;
    let theirs = post_as(&node, &client(), 2, "Someone else writes here.", None).await;

    // backup: a JSON Lines export, and the tools for physical backups named.
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["backup", dir.path().to_str().unwrap()], &pg);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("pg_dump"), "{}", stderr(&out));
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let file = &written[0];
    assert!(file.file_name().unwrap().to_str().unwrap().ends_with(".jsonl"), "{file:?}");
    let restored = dir.path().join("restored.db");
    let out = run(&["import", file.to_str().unwrap()], &restored);
    assert!(out.status.success(), "the backup restores: {}", stderr(&out));
    assert_eq!(count(&restored, "SELECT count(*) FROM comments"), 3);

    // author forget
    let out = run(&["author", "forget", &mine.to_string()], &pg);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("anonymized 2 comments"), "{}", stderr(&out));
    let anon = format!(
        "SELECT count(*) FROM comments WHERE id IN ({mine}, {mine2}) AND author_name = '' AND author_key IS NULL AND ip_hash IS NULL"
    );
    assert_eq!(node.count(&anon).await, 2);
    assert_eq!(
        node.count(&format!("SELECT count(*) FROM comments WHERE id = {theirs} AND ip_hash IS NOT NULL")).await,
        1
    );

    // privacy purge: hashes older than the retention go.
    node.exec("UPDATE comments SET created_at = created_at - 40 * 86400 WHERE id = ?1", &[theirs.into()]).await;
    let out = run(&["privacy", "purge"], &pg);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("erased 1 IP hashes"), "{}", stderr(&out));
    assert_eq!(node.count("SELECT count(*) FROM comments WHERE ip_hash IS NOT NULL").await, 0);
}
