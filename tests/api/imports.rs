//! Imports from other comment systems on real export files (tests/fixtures/imports, sources in
//! its README): each imports whole on both backends with the counts, threads and reasons the file
//! calls for; unreadable files are refused without leaving a database; `--strict` lists every
//! problem; a second import adds nothing and a newer export only what is new.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::cli::bin;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports").join(name)
}

fn run(args: &[&str], db: &str) -> Output {
    bin().args(args).arg("--db").arg(db).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn import(file: &Path, db: &str, extra: &[&str]) -> Output {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args, db)
}

/// One imported comment as a reader sees it: article slug, author, status, the author of the
/// comment it answers, its Markdown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    slug: String,
    author: String,
    status: String,
    parent: Option<String>,
    body: String,
}

/// What the database holds, read through `commentdesk export` so both backends answer alike.
fn state(db: &str, dir: &Path) -> (Vec<Seen>, BTreeMap<String, String>) {
    let file = dir.join(format!("state-{}.jsonl", rand_suffix()));
    let out = run(&["export", file.to_str().unwrap()], db);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    fn of<'a>(lines: &'a [Value], ty: &'static str) -> impl Iterator<Item = &'a Value> {
        lines.iter().filter(move |l| l["type"] == ty).map(|l| &l["data"])
    }
    let articles: BTreeMap<i64, (String, String)> = of(&lines, "article")
        .map(|a| {
            (a["id"].as_i64().unwrap(), (a["slug"].as_str().unwrap().to_string(), a["title"].as_str().unwrap().into()))
        })
        .collect();
    let comments: BTreeMap<i64, &Value> = of(&lines, "comment").map(|c| (c["id"].as_i64().unwrap(), c)).collect();
    let mut seen: Vec<Seen> = comments
        .values()
        .map(|c| Seen {
            slug: articles[&c["article_id"].as_i64().unwrap()].0.clone(),
            author: c["author_name"].as_str().unwrap().to_string(),
            status: c["status"].as_str().unwrap().to_string(),
            parent: c["parent_id"].as_i64().map(|p| comments[&p]["author_name"].as_str().unwrap().to_string()),
            body: c["body_md"].as_str().unwrap().to_string(),
        })
        .collect();
    seen.sort();
    (seen, articles.into_values().collect())
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn seen(slug: &str, author: &str, status: &str, parent: Option<&str>, body: &str) -> Seen {
    Seen {
        slug: slug.into(),
        author: author.into(),
        status: status.into(),
        parent: parent.map(str::to_string),
        body: body.into(),
    }
}

/// A new SQLite path and a new PostgreSQL schema (when a server answers).
async fn databases(dir: &Path, name: &str) -> Vec<String> {
    let mut dbs = vec![dir.join(format!("{name}.db")).display().to_string()];
    if let Some(pg) = crate::helpers::postgres_schema_url(&format!("imports::{name}")).await {
        dbs.push(pg);
    }
    dbs
}

fn isso_db(dir: &Path) -> PathBuf {
    let path = dir.join("isso.db");
    let sql = std::fs::read_to_string(fixture("isso-from-its-tests.sql")).unwrap();
    rusqlite::Connection::open(&path).unwrap().execute_batch(&sql).unwrap();
    path
}

#[tokio::test]
async fn a_wordpress_com_export_with_undeclared_prefixes_imports_whole() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path(), "wpcom").await {
        let out = import(&fixture("wordpress-com-lobsterino.xml"), &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(
            said.contains(
                "imported 1 comments from WordPress (wordpress:http://lobsterino.wordpress.com): 1 published"
            ),
            "{said}"
        );
        assert!(said.contains("read: namespace prefixes used without a declaration read as declared: atom"), "{said}");
        let (rows, articles) = state(&db, dir.path());
        assert_eq!(
            rows,
            [seen(
                "hello-world",
                "Mr WordPress",
                "published",
                None,
                "Hi, this is a comment.\nTo delete a comment, just log in, and view the posts' comments, there you \
                 will have the option to edit or delete them."
            )]
        );
        assert_eq!(articles["hello-world"], "Hello world!");

        // The same file with a byte-order mark and Windows line endings reads the same.
        let crlf = dir.path().join("crlf.xml");
        let text = std::fs::read_to_string(fixture("wordpress-com-lobsterino.xml")).unwrap();
        std::fs::write(&crlf, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
        let fresh = if db.ends_with(".db") { format!("{db}.crlf.db") } else { continue };
        let out = import(&crlf, &fresh, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(state(&fresh, dir.path()).0, rows);
    }
}

#[tokio::test]
async fn isso_s_wordpress_test_export_imports_p_links_reused_ids_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path(), "wpisso").await {
        let out = import(&fixture("wordpress-isso-tests.xml"), &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 8 comments from WordPress (wordpress:): 8 published"), "{said}");
        assert!(said.contains("skipped 0 items and changed 1"), "{said}");
        assert!(
            said.contains("line 132: changed: comment id 11 is also used at line 112 by another comment"),
            "{said}"
        );
        assert!(
            said.contains("created placeholder articles (fill them in with `commentdesk article import`): test, p-4"),
            "{said}"
        );
        let (rows, articles) = state(&db, dir.path());
        let want = [
            seen("p-4", "Anonymous", "published", None, "..."),
            seen("test", "Letzter :/", "published", None, "..."),
            seen(
                "test",
                "Multiline Author",
                "published",
                None,
                "When you have a comment with multiple lines:\nWordPress exports it like this.",
            ),
            seen("test", "Ohai", "published", None, "Erster!1"),
            seen("test", "Tester", "published", None, "Zweiter."),
            seen("test", "Tester", "published", Some("Tester"), "..."),
            seen("test", "Tester", "published", Some("Tester"), "Drölfter!"),
            seen("test", "Tester", "published", Some("Tester"), "Yet another reply."),
        ];
        assert_eq!(rows, want);
        assert_eq!(articles.keys().collect::<Vec<_>>(), ["p-4", "test"], "the post without comments makes no article");
        assert_eq!(articles["test"], "Hello, World…");
    }
}

#[tokio::test]
async fn a_wordpress_export_with_a_reply_to_a_pingback_keeps_the_reply() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path(), "wprmwd").await {
        let out = import(&fixture("wordpress-realmenweardress.xml"), &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(
            said.contains(
                "imported 3 comments from WordPress (wordpress:https://realmenweardress.es): 1 pending, 2 published"
            ),
            "{said}"
        );
        assert!(said.contains("skipped 1 pingbacks and trackbacks"), "{said}");
        assert!(
            said.contains("changed: comment 14 answers comment 13, which is not in the file or was skipped"),
            "{said}"
        );
        let (rows, articles) = state(&db, dir.path());
        assert_eq!(
            rows,
            [
                seen("do-you-rp", "SuperUser1", "published", None, "I do catch myself"),
                seen(
                    "do-you-rp",
                    "SuperUser2",
                    "pending",
                    None,
                    "I think it us inherent in the game to start seeing your character as a personality"
                ),
                seen(
                    "do-you-rp",
                    "SuperUser3",
                    "published",
                    None,
                    "\"Mekkatorque\" was over in that tent up to the right"
                ),
            ]
        );
        assert_eq!(articles.len(), 1, "the attachment without comments makes no article: {articles:?}");
    }
}

#[tokio::test]
async fn isso_s_disqus_test_export_imports_orphans_index_pages_and_deleted_parents() {
    let dir = tempfile::tempdir().unwrap();
    for db in databases(dir.path(), "dqisso").await {
        let out = import(&fixture("disqus-isso-tests.xml"), &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 6 comments from Disqus (disqus:disqusdev): 1 deleted, 5 published"), "{said}");
        assert!(
            said.contains(
                "line 66: changed: thread 1337 is not in the file: its comments go to the placeholder article \
                 \"disqus-thread-1337\""
            ),
            "{said}"
        );
        let (rows, articles) = state(&db, dir.path());
        assert_eq!(
            rows,
            [
                seen("disqus-thread-1337", "where am I?", "published", None, "..."),
                seen("redacted", "Empty", "published", None, "Message from thread with empty title and id"),
                seen("some-id", "peter", "deleted", None, "[deleted]"),
                seen("some-id", "peter", "published", None, "..."),
                seen("some-id", "user", "published", Some("peter"), "Hello, World."),
                seen("some-id", "user", "published", Some("peter"), "Hello, World."),
            ]
        );
        assert_eq!(articles.keys().collect::<Vec<_>>(), ["disqus-thread-1337", "redacted", "some-id"]);
        assert_eq!(articles["some-id"], "Hello, World!");
        assert_eq!(articles["redacted"], "redacted", "an empty title falls back to the slug");
    }
}

#[tokio::test]
async fn an_isso_database_holding_html_imports_it_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let isso = isso_db(dir.path());
    for db in databases(dir.path(), "into-isso").await {
        let out = import(&isso, &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 11 comments from Isso (isso): 11 published"), "{said}");
        assert!(said.contains("thread 3: changed: thread 3 has no URL a slug can be made from (\"/\")"), "{said}");
        let (rows, articles) = state(&db, dir.path());
        assert_eq!(rows.len(), 11);
        assert!(rows.contains(&seen("isso-thread-3", "user", "published", Some("peter"), "Hello, World.")), "{rows:?}");
        assert!(rows.contains(&seen(
            "redacted",
            "Empty",
            "published",
            None,
            "Message from thread with empty title and id"
        )));
        assert!(rows.contains(&seen("test", "Tester", "published", Some("Tester"), "Yet another reply.")));
        assert!(rows.iter().all(|r| !r.body.contains('<')), "no HTML shown as text: {rows:?}");
        assert_eq!(articles.keys().collect::<Vec<_>>(), ["isso-thread-3", "p-4", "redacted", "test"]);
    }
}

#[tokio::test]
async fn an_unreadable_file_is_refused_and_leaves_no_database_behind() {
    let dir = tempfile::tempdir().unwrap();
    let cut = fixture("disqus-radio-t-cut.xml");
    for db in databases(dir.path(), "refused").await {
        let out = import(&cut, &db, &[]);
        assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
        assert!(stderr(&out).contains("cannot tell the format"), "{}", stderr(&out));
        let out = import(&cut, &db, &["--format", "disqus"]);
        assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
        assert!(stderr(&out).contains("disqus-radio-t-cut.xml: not well-formed XML"), "{}", stderr(&out));
        let out = import(&dir.path().join("missing.xml"), &db, &["--format", "wxr"]);
        assert_eq!(out.status.code(), Some(2));
        if db.ends_with(".db") {
            assert!(!Path::new(&db).exists(), "a refused import leaves no database file");
            assert!(!Path::new(&format!("{db}-wal")).exists());
        } else {
            assert!(state(&db, dir.path()).0.is_empty(), "nothing stored");
        }
    }
    // A database that was there before stays.
    let kept = dir.path().join("kept.db").display().to_string();
    assert!(import(&fixture("disqus-isso-tests.xml"), &kept, &[]).status.success());
    assert_eq!(import(&cut, &kept, &["--format", "disqus"]).status.code(), Some(2));
    assert_eq!(state(&kept, dir.path()).0.len(), 6);
}

#[tokio::test]
async fn strict_lists_every_problem_at_once_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Isso's Disqus export with a post whose date cannot be read: the post is skipped, its reply
    // moves up, and the orphan post goes to a placeholder.
    let text = std::fs::read_to_string(fixture("disqus-isso-tests.xml")).unwrap();
    let bad = text.replacen("<createdAt>2013-10-10T19:20:29Z</createdAt>", "<createdAt>yesterday</createdAt>", 1);
    assert_ne!(bad, text);
    let file = dir.path().join("dated.xml");
    std::fs::write(&file, &bad).unwrap();
    for db in databases(dir.path(), "strict").await {
        let out = import(&file, &db, &["--strict"]);
        assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains("3 problems, nothing imported (--strict)"), "{err}");
        for needle in [
            "line 33: skipped: post 4: <createdAt> \"yesterday\" is not a date",
            "line 66: changed: thread 1337 is not in the file",
            "line 49: changed: comment 5 answers comment 4, which is not in the file or was skipped",
        ] {
            assert!(err.contains(needle), "{needle:?} in {err}");
        }
        if db.ends_with(".db") {
            assert!(!Path::new(&db).exists(), "a refused import leaves no database file");
        } else {
            assert!(state(&db, dir.path()).0.is_empty());
        }
        // Without --strict the same file imports the rest and says the same.
        let out = import(&file, &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 5 comments") && said.contains("skipped 1 items and changed 2"), "{said}");
        assert!(said.contains("line 33: skipped: post 4"), "{said}");
    }
}

#[tokio::test]
async fn importing_again_adds_nothing_and_a_newer_export_adds_only_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    // The older export: isso's WordPress test file before comments 9 (a reply) and 10 were written.
    let full = std::fs::read_to_string(fixture("wordpress-isso-tests.xml")).unwrap();
    let mut older = full.clone();
    for id in ["9", "10"] {
        let start = older.find(&format!("<wp:comment_id>{id}</wp:comment_id>")).unwrap();
        let open = older[..start].rfind("<wp:comment>").unwrap();
        let close = start + older[start..].find("</wp:comment>").unwrap() + "</wp:comment>".len();
        older.replace_range(open..close, "");
    }
    let older_file = dir.path().join("older.xml");
    std::fs::write(&older_file, older).unwrap();
    for db in databases(dir.path(), "again").await {
        let out = import(&older_file, &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("imported 6 comments"), "{}", stdout(&out));
        let first = state(&db, dir.path()).0;

        let out = import(&older_file, &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out)
                .contains("nothing new: all 6 comments of this WordPress export (wordpress:) were imported before"),
            "{}",
            stdout(&out)
        );
        assert_eq!(state(&db, dir.path()).0, first, "the second import changed nothing");

        let out = import(&fixture("wordpress-isso-tests.xml"), &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 2 comments from WordPress (wordpress:): 2 published"), "{said}");
        assert!(said.contains("6 comments were imported before and are left as they are"), "{said}");
        let (rows, _) = state(&db, dir.path());
        assert_eq!(rows.len(), 8);
        assert!(
            rows.contains(&seen("test", "Tester", "published", Some("Tester"), "...")),
            "the new reply hangs under its parent from the first import: {rows:?}"
        );
        assert!(rows.contains(&seen(
            "test",
            "Multiline Author",
            "published",
            None,
            "When you have a comment with multiple lines:\nWordPress exports it like this."
        )));
    }
}

#[tokio::test]
async fn long_comments_are_kept_whole_up_to_the_import_limit_then_cut_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("disqus-isso-tests.xml")).unwrap();
    // n characters, none of them trimmed away as surrounding space.
    let long = |n: usize| format!("{}.", &"Long words. ".repeat(n / 12 + 1)[..n - 1]);
    // Post 4 becomes a genuine 8,000-character comment, the orphan post 6 150,000 characters,
    // the deleted post 9 12,000 characters of spam, post 8 150,000 characters of spam.
    let mut file_text = text.replacen("<message>...</message>", &format!("<message>{}</message>", long(8_000)), 1);
    file_text = file_text.replacen("<message>...</message>", &format!("<message>{}</message>", long(150_000)), 1);
    file_text = file_text.replacen("<message/>\n        <createdAt>2013-10-10T19:20:29Z</createdAt>\n        <isDeleted>true</isDeleted>\n        <isSpam>false</isSpam>", &format!("<message>{}</message>\n        <createdAt>2013-10-10T19:20:29Z</createdAt>\n        <isDeleted>true</isDeleted>\n        <isSpam>true</isSpam>", long(12_000)), 1);
    file_text = file_text.replacen(
        "<![CDATA[<p>Message from thread with empty title and id</p>]]></message>\n        <createdAt>2013-10-11T06:51:33Z</createdAt>\n        <isDeleted>false</isDeleted>\n        <isSpam>false</isSpam>",
        &format!("{}</message>\n        <createdAt>2013-10-11T06:51:33Z</createdAt>\n        <isDeleted>false</isDeleted>\n        <isSpam>true</isSpam>", long(150_000)),
        1,
    );
    let file = dir.path().join("long.xml");
    std::fs::write(&file, &file_text).unwrap();
    for db in databases(dir.path(), "long").await {
        let out = import(&file, &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 5 comments"), "{said}");
        assert!(said.contains("changed: comment 6 is 150000 characters long: kept its first"), "{said}");
        assert!(
            said.contains("skipped: spam comment 8 is 150000 characters long, over the 100000 an import keeps"),
            "{said}"
        );
        let (rows, _) = state(&db, dir.path());
        let by_len: Vec<usize> = rows.iter().map(|r| r.body.chars().count()).collect();
        assert!(by_len.contains(&8_000), "kept whole: {by_len:?}");
        assert!(by_len.contains(&12_000), "spam under the limit kept whole: {by_len:?}");
        assert!(by_len.contains(&100_000), "cut at the limit: {by_len:?}");
        let cut = rows.iter().find(|r| r.body.chars().count() == 100_000).unwrap();
        assert!(
            cut.body.ends_with("*[Cut at 100000 characters on import; the original had 150000.]*"),
            "a visible note"
        );
    }
}

#[tokio::test]
async fn one_page_under_two_urls_is_merged_and_unicode_paths_make_slugs() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("disqus-isso-tests.xml")).unwrap();
    // The page of thread 2 exported again under a new URL (a percent-encoded Cyrillic path), with
    // copies of posts 4 and 5 under new ids, and one comment written only there.
    let copy = r#"
    <thread dsq:id="20">
      <id/>
      <link>https://example.org/2013/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80/</link>
      <title>Hello, World! (new URL)</title>
    </thread>
    <post dsq:id="40">
        <message>...</message>
        <createdAt>2013-10-10T19:20:29Z</createdAt>
        <isDeleted>false</isDeleted><isSpam>false</isSpam>
        <author><name>peter</name></author>
        <thread dsq:id="20" />
    </post>
    <post dsq:id="50">
        <message><![CDATA[<p>Hello, World.</p>]]></message>
        <createdAt>2013-10-11T06:51:33Z</createdAt>
        <isDeleted>false</isDeleted><isSpam>false</isSpam>
        <author><name>user</name></author>
        <thread dsq:id="20" />
        <parent dsq:id="40" />
    </post>
    <post dsq:id="60">
        <message><![CDATA[<p>Only under the new URL.</p>]]></message>
        <createdAt>2014-01-01T00:00:00Z</createdAt>
        <isDeleted>false</isDeleted><isSpam>false</isSpam>
        <author><name>newcomer</name></author>
        <thread dsq:id="20" />
        <parent dsq:id="50" />
    </post>
  </disqus>"#;
    let file = dir.path().join("two-urls.xml");
    std::fs::write(&file, text.replace("  </disqus>", copy)).unwrap();
    for db in databases(dir.path(), "merge").await {
        let out = import(&file, &db, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains("imported 7 comments"), "{said}");
        assert!(said.contains("holds the same comments as thread"), "{said}");
        assert!(said.contains("(\"privet-mir\")"), "the Cyrillic path transliterated: {said}");
        assert!(said.contains("merged into \"some-id\""), "into the thread with more comments: {said}");
        assert!(said.contains("skipped: comment 40 is comment 4 again"), "{said}");
        assert!(said.contains("skipped: comment 50 is comment 5 again"), "{said}");
        let (rows, articles) = state(&db, dir.path());
        assert_eq!(articles.keys().collect::<Vec<_>>(), ["disqus-thread-1337", "redacted", "some-id"]);
        let on_page: Vec<&Seen> = rows.iter().filter(|r| r.slug == "some-id").collect();
        assert_eq!(on_page.len(), 5, "four from the first URL, one new, none twice: {rows:?}");
        assert!(on_page.iter().any(|r| r.author == "newcomer" && r.parent.as_deref() == Some("user")), "{rows:?}");
    }
}
