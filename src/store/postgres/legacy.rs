//! PostgreSQL counterpart of `store::sqlite::legacy`: stores comments brought from another
//! system (Isso, WordPress, Disqus), threads included. The readers and the types are shared with
//! the SQLite module; only the storing differs.
//!
//! [`store`] writes many rows: callers pass a `deadpool_postgres::Transaction` (and commit it),
//! so an import is all or nothing.
use std::collections::HashMap;

use deadpool_postgres::GenericClient;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::domain::comment::{CommentStatus, MAX_AUTHOR_CHARS, MAX_BODY_CHARS, MAX_DEPTH};
use crate::http::keys::Keys;
use crate::markdown;
pub use crate::store::sqlite::legacy::{
    DELETED_BODY, Legacy, LegacyComment, LegacyError, LegacyThread, Stored, slug_from_uri,
};

fn invalid(at: &str, message: impl Into<String>) -> LegacyError {
    LegacyError::Invalid { at: at.to_string(), message: message.into() }
}

fn clean_author(raw: &str) -> String {
    let one_line: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(MAX_AUTHOR_CHARS).collect()
}

fn clean_body(c: &LegacyComment) -> Result<String, LegacyError> {
    let unified = c.body.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = unified.chars().filter(|ch| !ch.is_control() || *ch == '\n' || *ch == '\t').collect();
    let text = text.trim().to_string();
    if text.is_empty() {
        return if matches!(c.status, CommentStatus::Deleted | CommentStatus::Spam | CommentStatus::Rejected) {
            Ok(DELETED_BODY.to_string())
        } else {
            Err(invalid(&c.at, format!("comment {} has no text", c.source_id)))
        };
    }
    let n = text.chars().count();
    if n > MAX_BODY_CHARS {
        return Err(invalid(
            &c.at,
            format!("comment {} is {n} characters long; Commentdesk keeps at most {MAX_BODY_CHARS}", c.source_id),
        ));
    }
    Ok(text)
}

/// Stores threads and comments. Threads attach to the article with their slug; a slug no article
/// has gets a placeholder article (title from the other system, no text) that an editor can fill
/// in later with `article import`. `ip_cutoff` is the oldest creation time whose IP is kept.
///
/// Pass a `deadpool_postgres::Transaction` and commit it when this succeeds.
pub async fn store(c: &impl GenericClient, data: &Legacy, keys: &Keys, ip_cutoff: i64) -> Result<Stored, LegacyError> {
    let mut stored = Stored::default();
    let mut article_of_thread = Vec::with_capacity(data.threads.len());
    let find = c.prepare_cached("SELECT id FROM articles WHERE slug = $1").await?;
    for (i, t) in data.threads.iter().enumerate() {
        let existing = c.query_opt(&find, &[&t.slug.as_str()]).await?;
        let id: i64 = match existing {
            Some(row) => {
                if !stored.articles_matched.iter().any(|s| s == t.slug.as_str()) {
                    stored.articles_matched.push(t.slug.as_str().to_string());
                }
                row.try_get(0)?
            }
            None => {
                let first = data.comments.iter().filter(|c| c.thread == i).map(|c| c.created_at).min();
                let published = OffsetDateTime::from_unix_timestamp(first.unwrap_or(0))
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH)
                    .format(&Rfc3339)
                    .map_err(|e| invalid(&t.at, e.to_string()))?;
                let title =
                    if t.title.trim().is_empty() { t.slug.as_str().to_string() } else { t.title.trim().to_string() };
                stored.articles_created.push(t.slug.as_str().to_string());
                c.query_one(
                    "INSERT INTO articles (slug, title, description, source, published_at, body_md, share_text, \
                         call_to_action, like_text, question, comment_prompt, updated_at) \
                     VALUES ($1, $2, '', $3, $4, '', '', '', '', '', '', $5) RETURNING id",
                    &[
                        &t.slug.as_str(),
                        &title,
                        &format!("Imported from {}", data.source),
                        &published,
                        &OffsetDateTime::now_utc().unix_timestamp(),
                    ],
                )
                .await?
                .try_get(0)?
            }
        };
        article_of_thread.push(id);
    }

    let mut index: HashMap<&str, usize> = HashMap::with_capacity(data.comments.len());
    for (i, cm) in data.comments.iter().enumerate() {
        if cm.thread >= data.threads.len() {
            return Err(invalid(&cm.at, format!("comment {} belongs to no known thread", cm.source_id)));
        }
        if index.insert(cm.source_id.as_str(), i).is_some() {
            return Err(invalid(&cm.at, format!("comment id {} appears twice", cm.source_id)));
        }
    }
    // Parents first: each comment is stored after the comment it answers.
    let mut new_ids: Vec<Option<(i64, i64)>> = vec![None; data.comments.len()];
    let mut order: Vec<usize> = (0..data.comments.len()).collect();
    order.sort_by_key(|i| (data.comments[*i].created_at, *i));
    for start in order {
        let mut chain = vec![start];
        while let Some(&top) = chain.last() {
            if new_ids[top].is_some() {
                chain.pop();
                continue;
            }
            let cm = &data.comments[top];
            let parent = match &cm.parent {
                None => None,
                Some(p) => {
                    let pi = *index.get(p.as_str()).ok_or_else(|| {
                        invalid(
                            &cm.at,
                            format!("comment {} answers comment {p}, which is not in the file", cm.source_id),
                        )
                    })?;
                    if data.comments[pi].thread != cm.thread {
                        return Err(invalid(
                            &cm.at,
                            format!("comment {} answers comment {p} of another page", cm.source_id),
                        ));
                    }
                    match new_ids[pi] {
                        Some(stored_parent) => Some(stored_parent),
                        None => {
                            if chain.contains(&pi) {
                                return Err(invalid(&cm.at, format!("comment {} is in a reply loop", cm.source_id)));
                            }
                            chain.push(pi);
                            continue;
                        }
                    }
                }
            };
            new_ids[top] = Some(insert_one(c, data, cm, article_of_thread[cm.thread], parent, keys, ip_cutoff).await?);
            stored.comments += 1;
            chain.pop();
        }
    }
    Ok(stored)
}

/// Inserts one comment under `parent` (its new id and depth); returns the comment's id and depth.
async fn insert_one(
    c: &impl GenericClient,
    data: &Legacy,
    cm: &LegacyComment,
    article_id: i64,
    parent: Option<(i64, i64)>,
    keys: &Keys,
    ip_cutoff: i64,
) -> Result<(i64, i64), LegacyError> {
    let body = clean_body(cm)?;
    let html = markdown::render_comment(&body);
    let (parent_id, depth) = match parent {
        None => (None, 0),
        Some((pid, pdepth)) if pdepth < MAX_DEPTH => (Some(pid), pdepth + 1),
        // Deeper than Commentdesk nests: a sibling of its parent, as for new replies.
        Some((pid, _)) => {
            let grand: Option<i64> =
                c.query_one("SELECT parent_id FROM comments WHERE id = $1", &[&pid]).await?.try_get(0)?;
            (grand, MAX_DEPTH)
        }
    };
    let ip_hash = match &cm.ip {
        Some(ip) if !ip.trim().is_empty() && cm.created_at >= ip_cutoff => Some(keys.hash("ip", ip.trim().as_bytes())),
        _ => None,
    };
    let depth_col = i32::try_from(depth).unwrap_or(i32::MAX);
    let st = c
        .prepare_cached(
            "INSERT INTO comments (article_id, parent_id, depth, author_name, ip_hash, body_md, body_html, status, \
                 created_at, edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .await?;
    let id: i64 = c
        .query_one(
            &st,
            &[
                &article_id,
                &parent_id,
                &depth_col,
                &clean_author(&cm.author),
                &ip_hash,
                &body,
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
            &[&id, &format!("Waiting for a moderator in {} before the import.", data.source)],
        )
        .await?;
    }
    Ok((id, depth))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::article::Slug;

    fn thread(slug: &str, title: &str) -> LegacyThread {
        LegacyThread { at: format!("thread {slug}"), slug: Slug::parse(slug).unwrap(), title: title.into() }
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
            threads: vec![thread("a", "Matched"), thread("new-story", "  New Story  ")],
            comments,
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

    #[tokio::test]
    async fn bad_files_are_refused_and_nothing_is_kept() {
        let Some(mut c) = pg_db("legacy_refused").await else { return };
        use CommentStatus::*;
        let cases: Vec<(Vec<LegacyComment>, &str)> = vec![
            (vec![comment("x", Some("missing"), 0, 1, Published, "t")], "not in the file"),
            (
                vec![comment("x", Some("y"), 0, 1, Published, "t"), comment("y", Some("x"), 0, 2, Published, "t")],
                "reply loop",
            ),
            (vec![comment("x", None, 0, 1, Published, "t"), comment("x", None, 0, 2, Published, "t")], "twice"),
            (vec![comment("x", None, 0, 1, Published, " ")], "no text"),
            (vec![comment("x", None, 5, 1, Published, "t")], "no known thread"),
        ];
        for (comments, message) in cases {
            let data = Legacy { source: "Isso".into(), threads: vec![thread("fresh", "")], comments };
            let tx = c.transaction().await.unwrap();
            let err = store(&tx, &data, &Keys::new(b"k"), 0).await.unwrap_err();
            tx.rollback().await.unwrap();
            assert!(matches!(&err, LegacyError::Invalid { .. }) && err.to_string().contains(message), "{err}");
        }
        let n: i64 = c.query_one("SELECT count(*) FROM comments", &[]).await.unwrap().get(0);
        assert_eq!(n, 0);
        let n: i64 = c.query_one("SELECT count(*) FROM articles", &[]).await.unwrap().get(0);
        assert_eq!(n, 1);
    }
}
