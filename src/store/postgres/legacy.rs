//! PostgreSQL counterpart of `store::sqlite::legacy`: stores comments brought from another
//! system (Isso, WordPress, Disqus), threads included. The readers, the types and the plan (what
//! is stored in which order, what is skipped or changed) are shared with the SQLite module; only
//! the storing differs.
//!
//! [`store`] writes many rows: callers pass a `deadpool_postgres::Transaction` (and commit it),
//! so an import is all or nothing.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;

use crate::domain::comment::CommentStatus;
use crate::http::keys::Keys;
use crate::markdown;
pub use crate::store::sqlite::legacy::{DELETED_BODY, Legacy, LegacyComment, LegacyError, LegacyThread, slug_from_uri};
use crate::store::sqlite::legacy::{
    Known, Stored, finish, held_reason, ip_hash, placeholder_title, placement, plan, published_at, tick,
};

fn clean_author(raw: &str) -> String {
    let one_line: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(crate::domain::comment::MAX_AUTHOR_CHARS)
        .collect()
}

/// Stores threads and comments, as the SQLite store does: a thread attaches to the article with
/// its slug, or gets a placeholder article when one of its comments is stored; a comment an
/// earlier import stored (same source and id) is left as it is. `ip_cutoff` is the oldest
/// creation time whose IP is kept.
///
/// Pass a `deadpool_postgres::Transaction` and commit it when this succeeds.
pub async fn store(c: &impl GenericClient, data: &Legacy, keys: &Keys, ip_cutoff: i64) -> Result<Stored, LegacyError> {
    let (planned, plan_notes) = plan(data);
    let mut stored = Stored::default();
    let mut article_of_thread: Vec<Option<i64>> = vec![None; data.threads.len()];
    let mut new_ids: Vec<Known> = vec![None; data.comments.len()];
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let known = c
        .prepare_cached(
            "SELECT i.comment_id, c.depth::bigint FROM imported_comments i LEFT JOIN comments c ON c.id = i.comment_id \
             WHERE i.source = $1 AND i.source_id = $2",
        )
        .await?;
    let insert = c
        .prepare_cached(
            "INSERT INTO comments (article_id, parent_id, depth, author_name, ip_hash, body_md, body_html, status, \
                 created_at, edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .await?;
    let remember = c
        .prepare_cached(
            "INSERT INTO imported_comments (source, source_id, comment_id, imported_at) VALUES ($1, $2, $3, $4)",
        )
        .await?;
    for p in &planned {
        tick(data);
        let cm = &data.comments[p.index];
        if let Some(row) = c.query_opt(&known, &[&data.origin, &cm.source_id]).await? {
            let (id, depth): (Option<i64>, Option<i64>) = (row.try_get(0)?, row.try_get(1)?);
            stored.already += 1;
            new_ids[p.index] = id.zip(depth);
            continue;
        }
        let article_id = match article_of_thread[cm.thread] {
            Some(id) => id,
            None => {
                let id = article_for(c, data, cm.thread, &mut stored, now).await?;
                article_of_thread[cm.thread] = Some(id);
                id
            }
        };
        let parent = p.parent.and_then(|pi| new_ids[pi]);
        let grand = match parent {
            Some((pid, _)) => c
                .query_one("SELECT parent_id FROM comments WHERE id = $1", &[&pid])
                .await?
                .try_get::<_, Option<i64>>(0)?,
            None => None,
        };
        let (parent_id, depth) = placement(parent, |_| grand);
        let html = markdown::render_comment(&p.body);
        let depth_col = i32::try_from(depth).unwrap_or(i32::MAX);
        let id: i64 = c
            .query_one(
                &insert,
                &[
                    &article_id,
                    &parent_id,
                    &depth_col,
                    &clean_author(&cm.author),
                    &ip_hash(cm, keys, ip_cutoff),
                    &p.body,
                    &html.as_str(),
                    &cm.status.as_str(),
                    &cm.created_at,
                    &cm.edited_at,
                ],
            )
            .await?
            .try_get(0)?;
        if cm.status == CommentStatus::Pending {
            c.execute(
                "INSERT INTO comment_reasons (comment_id, code, message) VALUES ($1, 'imported', $2)",
                &[&id, &held_reason(data)],
            )
            .await?;
        }
        c.execute(&remember, &[&data.origin, &cm.source_id, &id, &now]).await?;
        new_ids[p.index] = Some((id, depth));
        stored.comments += 1;
        *stored.by_status.entry(cm.status.as_str().to_string()).or_default() += 1;
    }
    finish(data, stored, plan_notes)
}

async fn article_for(
    c: &impl GenericClient,
    data: &Legacy,
    thread: usize,
    stored: &mut Stored,
    now: i64,
) -> Result<i64, LegacyError> {
    let t = &data.threads[thread];
    if let Some(row) = c.query_opt("SELECT id FROM articles WHERE slug = $1", &[&t.slug.as_str()]).await? {
        let created_now = stored.articles_created.iter().any(|s| s == t.slug.as_str());
        if !created_now && !stored.articles_matched.iter().any(|s| s == t.slug.as_str()) {
            stored.articles_matched.push(t.slug.as_str().to_string());
        }
        return Ok(row.try_get(0)?);
    }
    stored.articles_created.push(t.slug.as_str().to_string());
    Ok(c.query_one(
        "INSERT INTO articles (slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES ($1, $2, '', $3, $4, '', '', '', '', '', '', $5) RETURNING id",
        &[
            &t.slug.as_str(),
            &placeholder_title(t),
            &format!("Imported from {}", data.source),
            &published_at(data, thread),
            &now,
        ],
    )
    .await?
    .try_get(0)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::article::Slug;
    use crate::domain::comment::MAX_DEPTH;

    fn thread(slug: &str, title: &str) -> LegacyThread {
        LegacyThread {
            at: format!("thread {slug}"),
            source_id: slug.into(),
            slug: Slug::parse(slug).unwrap(),
            title: title.into(),
        }
    }

    fn comment(
        id: &str,
        parent: Option<&str>,
        thread: usize,
        at: i64,
        status: CommentStatus,
        body: &str,
    ) -> LegacyComment {
        LegacyComment {
            at: format!("line {id}"),
            source_id: id.into(),
            parent: parent.map(str::to_string),
            thread,
            author: format!("  Author\n{id}  "),
            created_at: at,
            edited_at: if id == "c1" { Some(at + 5) } else { None },
            body: body.into(),
            status,
            ip: Some(format!(" 10.0.0.{} ", at % 250)),
        }
    }

    /// Two threads (one matches the existing article `a`), replies listed before their parents,
    /// a chain deeper than Commentdesk nests, held and deleted comments, and addresses on both
    /// sides of the cutoff.
    fn sample() -> Legacy {
        use CommentStatus::*;
        let mut comments = vec![
            comment("r1", Some("c1"), 0, 120, Published, "a reply listed first"),
            comment("c1", None, 0, 100, Published, "first **comment**"),
            comment("c2", None, 1, 50, Pending, "held in the other system"),
            comment("gone", None, 1, 60, Deleted, "   "),
        ];
        let mut parent = "c1".to_string();
        for d in 0..7 {
            let id = format!("d{d}");
            comments.push(comment(&id, Some(&parent), 0, 200 + d, Published, &format!("level {d}")));
            parent = id;
        }
        Legacy {
            source: "Isso".into(),
            origin: "isso".into(),
            threads: vec![thread("a", "Matched"), thread("new-story", "  New Story  "), thread("no-comments", "")],
            comments,
            ..Legacy::default()
        }
    }

    const CUTOFF: i64 = 100;

    type Row = (i64, i64, Option<i64>, i64, String, Option<String>, String, String, String, i64, Option<i64>);

    /// What was stored: the result, comments, reasons and articles (slug, title|source|published).
    type Outcome = (Stored, Vec<Row>, Vec<(i64, String, String)>, Vec<(String, String)>);

    fn sqlite_rows(data: &Legacy) -> Outcome {
        let conn = crate::store::sqlite::test_db("Story A");
        let stored = crate::store::sqlite::legacy::store(&conn, data, &Keys::new(b"k"), CUTOFF).unwrap();
        let mut st = conn
            .prepare(
                "SELECT id, article_id, parent_id, depth, author_name, ip_hash, body_md, body_html, status, \
                 created_at, edited_at FROM comments ORDER BY id",
            )
            .unwrap();
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })
            .unwrap()
            .collect::<Result<Vec<Row>, _>>()
            .unwrap();
        let mut st = conn.prepare("SELECT comment_id, code, message FROM comment_reasons ORDER BY rowid").unwrap();
        let reasons = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>();
        let mut st = conn
            .prepare("SELECT slug, title || '|' || source || '|' || published_at FROM articles ORDER BY id")
            .unwrap();
        let articles = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>();
        (stored, rows, reasons.unwrap(), articles.unwrap())
    }

    async fn pg_db(name: &str) -> Option<deadpool_postgres::Object> {
        let pool = crate::store::postgres::test_pool(name).await?;
        let c = pool.get().await.unwrap();
        c.execute(
            "INSERT INTO articles (slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES ('a', 'Story A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0)",
            &[],
        )
        .await
        .unwrap();
        Some(c)
    }

    #[tokio::test]
    async fn stores_what_sqlite_stores_threads_parents_depths_statuses_and_hashed_addresses() {
        let Some(mut c) = pg_db("legacy_same_as_sqlite").await else { return };
        let data = sample();
        let (want_stored, want_rows, want_reasons, want_articles) = sqlite_rows(&data);
        let tx = c.transaction().await.unwrap();
        let stored = store(&tx, &data, &Keys::new(b"k"), CUTOFF).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(stored, want_stored);
        assert_eq!(stored.comments, 11);
        assert_eq!(stored.articles_matched, ["a"]);
        assert_eq!(stored.articles_created, ["new-story"]);

        let rows: Vec<Row> = c
            .query(
                "SELECT id, article_id, parent_id, depth::bigint, author_name, ip_hash, body_md, body_html, status, \
                 created_at, edited_at FROM comments ORDER BY id",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                    r.get(7),
                    r.get(8),
                    r.get(9),
                    r.get(10),
                )
            })
            .collect();
        assert_eq!(rows, want_rows);
        // Spot checks of what "the same" means here.
        assert!(rows.iter().all(|r| r.3 <= MAX_DEPTH));
        assert!(rows.iter().any(|r| r.6 == DELETED_BODY));
        assert!(rows.iter().any(|r| r.5.is_none()) && rows.iter().any(|r| r.5.is_some()), "the cutoff applies");
        let reasons: Vec<(i64, String, String)> = c
            .query("SELECT comment_id, code, message FROM comment_reasons ORDER BY ctid", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        assert_eq!(reasons, want_reasons);
        let articles: Vec<(String, String)> = c
            .query("SELECT slug, title || '|' || source || '|' || published_at FROM articles ORDER BY id", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        assert_eq!(articles, want_articles);
    }

    /// Each problem is noted and the rest stored; with `strict` every problem is listed and
    /// nothing kept. The same on both backends.
    #[tokio::test]
    async fn problems_are_noted_and_strict_refuses_listing_them_all() {
        let Some(mut c) = pg_db("legacy_problems").await else { return };
        use CommentStatus::*;
        let comments = vec![
            comment("ok", None, 0, 1, Published, "kept"),
            comment("x", Some("missing"), 0, 2, Published, "orphan reply"),
            comment("l1", Some("l2"), 0, 3, Published, "loop one"),
            comment("l2", Some("l1"), 0, 4, Published, "loop two"),
            comment("ok", None, 0, 5, Published, "same id again"),
            comment("empty", None, 0, 6, Published, " "),
            comment("lost", None, 5, 7, Published, "no thread"),
            comment("long", None, 0, 8, Published, &"w".repeat(120_000)),
            comment("longspam", None, 0, 9, Spam, &"s".repeat(120_000)),
        ];
        let data = Legacy {
            source: "Isso".into(),
            origin: "isso".into(),
            threads: vec![thread("fresh", "")],
            comments,
            ..Legacy::default()
        };
        let want = [
            "appears twice",
            "has no text",
            "no known thread",
            "kept its first",
            "spam comment longspam is 120000 characters",
            "answers comment missing",
            "reply loop",
        ];
        let tx = c.transaction().await.unwrap();
        let stored = store(&tx, &data, &Keys::new(b"k"), 0).await.unwrap();
        tx.rollback().await.unwrap();
        let on_sqlite =
            crate::store::sqlite::legacy::store(&crate::store::sqlite::test_db("Story A"), &data, &Keys::new(b"k"), 0)
                .unwrap();
        assert_eq!(stored, on_sqlite);
        assert_eq!(stored.comments, 5, "ok, the orphan, both loop comments, the long one");
        assert_eq!(stored.notes.len(), want.len(), "{:?}", stored.notes);
        for (note, words) in stored.notes.iter().zip(want) {
            assert!(note.to_string().contains(words), "{note} has {words:?}");
        }

        let strict = Legacy { strict: true, ..data };
        let tx = c.transaction().await.unwrap();
        let err = store(&tx, &strict, &Keys::new(b"k"), 0).await.unwrap_err();
        tx.rollback().await.unwrap();
        let LegacyError::Problems(problems) = &err else { panic!("{err}") };
        assert_eq!(problems.len(), want.len(), "every problem at once: {err}");
        assert!(err.to_string().starts_with("7 problems, nothing imported"), "{err}");
        let n: i64 = c.query_one("SELECT count(*) FROM comments", &[]).await.unwrap().get(0);
        assert_eq!(n, 0);
        let n: i64 = c.query_one("SELECT count(*) FROM articles", &[]).await.unwrap().get(0);
        assert_eq!(n, 1);
    }

    /// A second import of the same data adds nothing; one with more adds only what is new, its
    /// replies under the comments stored the first time.
    #[tokio::test]
    async fn a_second_import_adds_only_what_is_new() {
        let Some(mut c) = pg_db("legacy_again").await else { return };
        let sqlite = crate::store::sqlite::test_db("Story A");
        let mut data = sample();
        let first_len = data.comments.len();
        for round in 0..3 {
            if round == 2 {
                data.comments.push(comment("new", Some("c1"), 0, 500, CommentStatus::Published, "a new reply"));
            }
            let tx = c.transaction().await.unwrap();
            let stored = store(&tx, &data, &Keys::new(b"k"), CUTOFF).await.unwrap();
            tx.commit().await.unwrap();
            let on_sqlite = crate::store::sqlite::legacy::store(&sqlite, &data, &Keys::new(b"k"), CUTOFF).unwrap();
            assert_eq!(stored, on_sqlite, "round {round}");
            match round {
                0 => assert_eq!((stored.comments, stored.already), (first_len, 0)),
                1 => assert_eq!((stored.comments, stored.already), (0, first_len)),
                _ => assert_eq!((stored.comments, stored.already), (1, first_len)),
            }
        }
        let n: i64 = c.query_one("SELECT count(*) FROM comments", &[]).await.unwrap().get(0);
        assert_eq!(n as usize, first_len + 1);
        let parent: String = c
            .query_one(
                "SELECT p.body_md FROM comments c JOIN comments p ON p.id = c.parent_id WHERE c.body_md = 'a new reply'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(parent, "first **comment**", "the new reply answers the comment stored the first time");
        let n: i64 =
            c.query_one("SELECT count(*) FROM imported_comments WHERE source = 'isso'", &[]).await.unwrap().get(0);
        assert_eq!(n as usize, first_len + 1);
    }
}
