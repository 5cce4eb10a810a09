//! Comment rows. Readers only ever get `published` rows, plus an author's own held ones.
use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;

use crate::domain::comment::{Comment, CommentStatus, FieldError, MAX_DEPTH, NewComment, Reason, ReasonAction};
use crate::error::AppError;
use crate::markdown::SanitizedHtml;

/// The reaction count comes from its own table (see migration 0007), read per row by its key.
pub(crate) const COLUMNS: &str = "id, article_id, parent_id, depth, author_name, body_md, body_html, status, \
     created_at, edited_at, author_key, \
     COALESCE((SELECT rc.count FROM reaction_counts rc WHERE rc.comment_id = comments.id), 0), \
     featured_at IS NOT NULL";
/// [`COLUMNS`] without the texts, which [`fill_bodies`] adds for the comments a page shows.
const OUTLINE_COLUMNS: &str = "id, article_id, parent_id, depth, author_name, '', '', status, created_at, \
     edited_at, author_key, \
     COALESCE((SELECT rc.count FROM reaction_counts rc WHERE rc.comment_id = comments.id), 0), \
     featured_at IS NOT NULL";

fn ts(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Comment> {
    let status: String = r.get(7)?;
    let html: String = r.get(6)?;
    Ok(Comment {
        id: r.get(0)?,
        article_id: r.get(1)?,
        parent_id: r.get(2)?,
        depth: r.get(3)?,
        author: r.get(4)?,
        body_md: r.get(5)?,
        // Written only from a `SanitizedHtml` by `insert`/`update_body` below.
        body_html: SanitizedHtml::from_own_row(html),
        status: CommentStatus::parse(&status).unwrap_or(CommentStatus::Pending),
        created_at: ts(r.get(8)?),
        edited_at: r.get::<_, Option<i64>>(9)?.map(ts),
        author_key: r.get(10)?,
        reactions: r.get(11)?,
        featured: r.get(12)?,
    })
}

/// Stores a new comment. The parent must be a published comment of the same article; a reply
/// to a comment at the deepest level becomes that comment's sibling.
pub fn insert(conn: &Connection, c: &NewComment, now: OffsetDateTime) -> Result<i64, AppError> {
    let (parent_id, depth) = match c.parent_id {
        None => (None, 0),
        Some(pid) => {
            let parent: Option<(i64, Option<i64>, i64, String)> = conn
                .prepare_cached("SELECT article_id, parent_id, depth, status FROM comments WHERE id = ?1")?
                .query_row([pid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            match parent {
                Some((aid, grand, d, status)) if aid == c.article_id && status == "published" => {
                    if d >= MAX_DEPTH {
                        (grand, MAX_DEPTH)
                    } else {
                        (Some(pid), d + 1)
                    }
                }
                _ => {
                    return Err(AppError::Validation(vec![
                        FieldError::new(
                            "parent_id",
                            "The comment you are replying to does not exist or is no longer visible.",
                        )
                        .id("error-parent", &[]),
                    ]));
                }
            }
        }
    };
    let id = conn
        .prepare_cached(
            "INSERT INTO comments (article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, \
                 body_html, status, created_at, score, fingerprint) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        )?
        .query_row(
            params![
                c.article_id,
                parent_id,
                depth,
                c.author.as_str(),
                c.author_key,
                c.ip_hash,
                c.body.as_str(),
                c.body_html.as_str(),
                c.status.as_str(),
                now.unix_timestamp(),
                c.score,
                c.fingerprint
            ],
            |r| r.get::<_, i64>(0),
        )?;
    insert_reasons(conn, id, &c.reasons)?;
    Ok(id)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Comment>, AppError> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM comments WHERE id = ?1"))?;
    Ok(st.query_row([id], from_row).optional()?)
}

/// What the article page may show: every published comment of the article, plus the viewer's
/// own held ones, oldest first (the page builds threads from this), without their texts
/// (`body_md` and `body_html` empty): a page shows at most a few hundred of an article's comments,
/// and reads the texts of those alone ([`fill_bodies`]).
pub fn for_page_outline(
    conn: &Connection,
    article_id: i64,
    viewer_key: Option<&str>,
) -> Result<Vec<Comment>, AppError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {OUTLINE_COLUMNS} FROM comments WHERE article_id = ?1 \
           AND (status = 'published' OR (?2 IS NOT NULL AND author_key = ?2 AND status IN ('pending', 'spam'))) \
         ORDER BY id"
    ))?;
    let rows = st.query_map(params![article_id, viewer_key], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The first `limit` published comments of the first `roots` threads in the order the page
/// shows them (roots by the sort, each followed by its replies, oldest first, depth first), in id
/// order. For readers without a key, whose page shows a prefix of that order: it reads what the
/// page shows and one more, however many replies the threads hold.
pub fn page_prefix(
    conn: &Connection,
    article_id: i64,
    newest: bool,
    roots: usize,
    limit: usize,
) -> Result<Vec<Comment>, AppError> {
    let order = if newest { "DESC" } else { "ASC" };
    // The recursive part's ORDER BY makes its queue take the smallest path first: a comment's
    // replies (its path and a dot) come before its next sibling, so the rows come depth first,
    // and the LIMIT stops the walk there. Paths are fixed-width numbers, so text order is theirs.
    let sql = format!(
        "WITH RECURSIVE \
           first_roots(id) AS ( \
             SELECT c.id FROM comments c WHERE c.article_id = ?1 AND c.status = 'published' \
               AND (c.parent_id IS NULL \
                    OR NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'published')) \
             ORDER BY c.id {order} LIMIT ?2), \
           ranked(id, path) AS ( \
             SELECT id, printf('%08d', row_number() OVER (ORDER BY id {order})) FROM first_roots), \
           shown(id, path) AS ( \
             SELECT id, path FROM ranked \
             UNION ALL \
             SELECT c.id, s.path || printf('.%019d', c.id) FROM shown s CROSS JOIN comments c ON c.parent_id = s.id \
               WHERE +c.status = 'published' \
             ORDER BY 2 LIMIT ?3) \
         SELECT {COLUMNS} FROM comments WHERE id IN (SELECT id FROM shown) ORDER BY id"
    );
    let roots = i64::try_from(roots).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![article_id, roots, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Reads the texts of the comments at `shown` (indexes into `comments`, from an outline).
pub fn fill_bodies(conn: &Connection, comments: &mut [Comment], shown: &[usize]) -> Result<(), AppError> {
    let at: std::collections::HashMap<i64, usize> =
        shown.iter().filter_map(|&i| comments.get(i).map(|c| (c.id, i))).collect();
    let ids: Vec<i64> = at.keys().copied().collect();
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut st = conn.prepare(&format!("SELECT id, body_md, body_html FROM comments WHERE id IN ({marks})"))?;
        let mut rows = st.query(rusqlite::params_from_iter(chunk))?;
        while let Some(r) = rows.next()? {
            if let Some(c) = at.get(&r.get::<_, i64>(0)?).and_then(|&i| comments.get_mut(i)) {
                c.body_md = r.get(1)?;
                // Written only from a `SanitizedHtml` by `insert`/`update_body` below.
                c.body_html = SanitizedHtml::from_own_row(r.get(2)?);
            }
        }
    }
    Ok(())
}

/// What [`for_page_outline`] returns, but only the threads the page shows: the first `roots`
/// threads (oldest first, or newest first with `newest`) with all their visible replies, oldest
/// first, without texts. A root is a visible comment whose parent is not visible, as the page
/// threads them, so the page built from this is the same as from `for_page_outline`. Ask for one
/// root more than the page shows to learn whether there are more.
pub fn for_page_threads_outline(
    conn: &Connection,
    article_id: i64,
    viewer_key: Option<&str>,
    newest: bool,
    roots: usize,
) -> Result<Vec<Comment>, AppError> {
    // Readers without a key get plain `status = 'published'`, which the (article_id, status, id)
    // index answers in order, so the roots are found without reading the rest of the article.
    let visible = |t: &str| match viewer_key {
        None => format!("{t}.status = 'published'"),
        Some(_) => format!("({t}.status = 'published' OR ({t}.author_key = ?2 AND {t}.status IN ('pending', 'spam')))"),
    };
    // For the replies: `+` keeps the status from choosing an index, so they are found through
    // the parent index, shown comment by shown comment (CROSS JOIN fixes that order). Left to
    // itself, SQLite 3.54 scans every published comment for each step as the table grows.
    let visible_reply = visible("c").replace("c.status", "+c.status");
    let order = if newest { "DESC" } else { "ASC" };
    // `?2 IS ?2` (always true) keeps the key a parameter of both forms of the statement.
    let sql = format!(
        "WITH RECURSIVE \
           roots(id) AS ( \
             SELECT c.id FROM comments c WHERE c.article_id = ?1 AND {vc} \
               AND (c.parent_id IS NULL \
                    OR NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND {vp})) \
             ORDER BY c.id {order} LIMIT ?3), \
           shown(id) AS ( \
             SELECT id FROM roots \
             UNION ALL \
             SELECT c.id FROM shown s CROSS JOIN comments c ON c.parent_id = s.id WHERE {vr}) \
         SELECT {OUTLINE_COLUMNS} FROM comments WHERE id IN (SELECT id FROM shown) AND ?2 IS ?2 ORDER BY id",
        vc = visible("c"),
        vp = visible("p"),
        vr = visible_reply,
    );
    let limit = i64::try_from(roots).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![article_id, viewer_key, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn published_count(conn: &Connection, article_id: i64) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM comments WHERE article_id = ?1 AND status = 'published'")?
        .query_row([article_id], |r| r.get(0))?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Oldest,
    Newest,
}

/// One page of published comments for the JSON API and the feed, keyed by id.
pub fn published_page(
    conn: &Connection,
    article_id: i64,
    sort: Sort,
    after: Option<i64>,
    limit: usize,
) -> Result<Vec<Comment>, AppError> {
    let sql = match sort {
        Sort::Oldest => format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND status = 'published' AND id > ?2 \
             ORDER BY id ASC LIMIT ?3"
        ),
        Sort::Newest => format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND status = 'published' AND id < ?2 \
             ORDER BY id DESC LIMIT ?3"
        ),
    };
    let cursor = after.unwrap_or(match sort {
        Sort::Oldest => 0,
        Sort::Newest => i64::MAX,
    });
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![article_id, cursor, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn insert_reasons(conn: &Connection, id: i64, reasons: &[Reason]) -> Result<(), AppError> {
    let mut st = conn.prepare_cached(
        "INSERT INTO comment_reasons (comment_id, code, message, spans, action) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in reasons {
        let spans = serde_json::to_string(&r.spans).map_err(|e| AppError::internal(e.to_string()))?;
        st.execute(params![id, r.code, r.message, spans, r.action.as_str()])?;
    }
    Ok(())
}

/// The reasons stored with a comment, in the order the checks gave them.
pub fn reasons(conn: &Connection, id: i64) -> Result<Vec<Reason>, AppError> {
    let mut st = conn.prepare_cached(
        "SELECT code, message, spans, action FROM comment_reasons WHERE comment_id = ?1 ORDER BY rowid",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, message, spans, action) = row?;
        out.push(Reason {
            code,
            message,
            spans: serde_json::from_str(&spans).unwrap_or_default(),
            action: ReasonAction::parse(&action),
        });
    }
    Ok(out)
}

/// The learned score stored with a comment.
pub fn score(conn: &Connection, id: i64) -> Result<Option<f64>, AppError> {
    Ok(conn
        .prepare_cached("SELECT score FROM comments WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Replaces the text of a comment after an edit by its author, with the checks' new findings.
#[allow(clippy::too_many_arguments)]
pub fn update_body(
    conn: &Connection,
    id: i64,
    body_md: &str,
    body_html: &SanitizedHtml,
    status: CommentStatus,
    score: Option<f64>,
    fingerprint: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    conn.execute(
        "UPDATE comments SET body_md = ?2, body_html = ?3, status = ?4, edited_at = ?5, score = ?6, \
             fingerprint = ?7 WHERE id = ?1",
        params![id, body_md, body_html.as_str(), status.as_str(), now.unix_timestamp(), score, fingerprint],
    )?;
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: CommentStatus) -> Result<(), AppError> {
    conn.execute("UPDATE comments SET status = ?2 WHERE id = ?1", params![id, status.as_str()])?;
    Ok(())
}

pub fn replace_reasons(conn: &Connection, id: i64, reasons: &[Reason]) -> Result<(), AppError> {
    conn.execute("DELETE FROM comment_reasons WHERE comment_id = ?1", [id])?;
    insert_reasons(conn, id, reasons)
}

/// Counts by status, for tests and operators.
pub fn count_by_status(conn: &Connection, status: CommentStatus) -> Result<i64, AppError> {
    Ok(conn.query_row("SELECT count(*) FROM comments WHERE status = ?1", [status.as_str()], |r| r.get(0))?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Comments with parents, statuses and authors mixed; every way of asking for the first
    /// threads gives the threads `for_page_outline` gives.
    #[test]
    fn threads_read_in_sql_are_the_threads_of_the_whole_list() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::sqlite::migrations::migrate(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES (1, 'a', 'A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0), \
                    (2, 'b', 'B', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0);",
        )
        .unwrap();
        let statuses = ["published", "published", "pending", "published", "spam", "rejected", "deleted"];
        let mut ids: Vec<i64> = Vec::new();
        for i in 0..120usize {
            // Replies stay in their article, as `insert` ensures.
            let article = if i % 11 == 5 { 2 } else { 1 };
            let parent =
                if i % 3 == 0 || article == 2 || ids.is_empty() { None } else { Some(ids[(i * 7) % ids.len()]) };
            let status = statuses[i % statuses.len()];
            let key = if i % 4 == 0 { "me" } else { "other" };
            conn.execute(
                "INSERT INTO comments (article_id, parent_id, author_key, body_md, body_html, status, created_at) \
                 VALUES (?1, ?2, ?3, 'x', 'x', ?4, ?5)",
                params![article, parent, key, status, i as i64],
            )
            .unwrap();
            if article == 1 {
                ids.push(conn.last_insert_rowid());
            }
        }
        // The page's order, on the whole list: roots by the sort, each followed depth first by its
        // replies, oldest first.
        fn depth_first(all: &[Comment], newest: bool, roots: usize) -> Vec<i64> {
            let visible: std::collections::HashSet<i64> = all.iter().map(|c| c.id).collect();
            let mut root_ids: Vec<i64> =
                all.iter().filter(|c| c.parent_id.is_none_or(|p| !visible.contains(&p))).map(|c| c.id).collect();
            if newest {
                root_ids.reverse();
            }
            root_ids.truncate(roots);
            fn walk(all: &[Comment], id: i64, out: &mut Vec<i64>) {
                out.push(id);
                for c in all.iter().filter(|c| c.parent_id == Some(id)) {
                    walk(all, c.id, out);
                }
            }
            let mut out = Vec::new();
            for r in root_ids {
                walk(all, r, &mut out);
            }
            out
        }
        for viewer in [None, Some("me")] {
            let all = for_page_outline(&conn, 1, viewer).unwrap();
            for newest in [false, true] {
                for roots in [1, 2, 5, 17, 1000] {
                    let got: Vec<i64> = for_page_threads_outline(&conn, 1, viewer, newest, roots)
                        .unwrap()
                        .iter()
                        .map(|c| c.id)
                        .collect();
                    // The first threads whole: the page's order, in id order.
                    let mut want = depth_first(&all, newest, roots);
                    want.sort_unstable();
                    assert_eq!(got, want, "viewer {viewer:?} newest {newest} roots {roots}");
                }
            }
            if viewer.is_none() {
                for newest in [false, true] {
                    for (roots, limit) in [(1, 3), (2, 1), (5, 7), (17, 40), (1000, 1000), (3, 1000)] {
                        let got: Vec<i64> =
                            page_prefix(&conn, 1, newest, roots, limit).unwrap().iter().map(|c| c.id).collect();
                        let mut want = depth_first(&all, newest, roots);
                        want.truncate(limit);
                        want.sort_unstable();
                        assert_eq!(got, want, "newest {newest} roots {roots} limit {limit}");
                    }
                }
            }
            // The outline has no texts until they are filled in, and then only where asked.
            let mut outline = for_page_outline(&conn, 1, viewer).unwrap();
            assert!(outline.iter().all(|c| c.body_md.is_empty() && c.body_html.as_str().is_empty()));
            let shown: Vec<usize> = (0..outline.len()).step_by(3).collect();
            fill_bodies(&conn, &mut outline, &shown).unwrap();
            for (i, c) in outline.iter().enumerate() {
                let full = by_id(&conn, c.id).unwrap().unwrap();
                let filled = shown.contains(&i);
                assert_eq!(c.body_md == full.body_md && c.body_html == full.body_html, filled, "comment {i}");
            }
        }
    }
}
