//! PostgreSQL counterpart of `store::sqlite::comments`: comment rows. Readers only ever get
//! `published` rows, plus an author's own held ones.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;
use tokio_postgres::Row;

use crate::domain::comment::{Comment, CommentStatus, FieldError, MAX_DEPTH, NewComment, Reason, ReasonAction};
use crate::error::AppError;
use crate::markdown::SanitizedHtml;
use crate::store::sqlite::comments::Sort;

/// The reaction count comes from its own table (see migration 0004), read per row by its key.
pub(crate) const COLUMNS: &str = "id, article_id, parent_id, depth, author_name, body_md, body_html, status, \
     created_at, edited_at, author_key, \
     COALESCE((SELECT rc.count FROM reaction_counts rc WHERE rc.comment_id = comments.id), 0::bigint), \
     featured_at IS NOT NULL";
/// [`COLUMNS`] without the texts, which [`fill_bodies`] adds for the comments a page shows.
const OUTLINE_COLUMNS: &str = "id, article_id, parent_id, depth, author_name, ''::text, ''::text, status, \
     created_at, edited_at, author_key, \
     COALESCE((SELECT rc.count FROM reaction_counts rc WHERE rc.comment_id = comments.id), 0::bigint), \
     featured_at IS NOT NULL";

fn ts(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(crate) fn from_row(r: &Row) -> Result<Comment, tokio_postgres::Error> {
    let status: String = r.try_get(7)?;
    let html: String = r.try_get(6)?;
    Ok(Comment {
        id: r.try_get(0)?,
        article_id: r.try_get(1)?,
        parent_id: r.try_get(2)?,
        depth: i64::from(r.try_get::<_, i32>(3)?),
        author: r.try_get(4)?,
        body_md: r.try_get(5)?,
        // Written only from a `SanitizedHtml` by `insert`/`update_body` below.
        body_html: SanitizedHtml::from_own_row(html),
        status: CommentStatus::parse(&status).unwrap_or(CommentStatus::Pending),
        created_at: ts(r.try_get(8)?),
        edited_at: r.try_get::<_, Option<i64>>(9)?.map(ts),
        author_key: r.try_get(10)?,
        reactions: r.try_get(11)?,
        featured: r.try_get(12)?,
    })
}

pub(crate) fn from_rows(rows: &[Row]) -> Result<Vec<Comment>, AppError> {
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

fn depth_i32(depth: i64) -> Result<i32, AppError> {
    i32::try_from(depth).map_err(|_| AppError::internal(format!("comment depth {depth} out of range")))
}

/// Stores a new comment with its reasons. The parent must be a published comment of the same
/// article; a reply to a comment at the deepest level becomes that comment's sibling.
/// Several statements: the caller runs it inside a transaction (`deadpool_postgres::Transaction`),
/// so that a comment is never stored without its reasons.
pub async fn insert(c: &impl GenericClient, n: &NewComment, now: OffsetDateTime) -> Result<i64, AppError> {
    let (parent_id, depth) = match n.parent_id {
        None => (None, 0),
        Some(pid) => {
            let st =
                c.prepare_cached("SELECT article_id, parent_id, depth, status FROM comments WHERE id = $1").await?;
            let parent = match c.query_opt(&st, &[&pid]).await? {
                Some(r) => Some((
                    r.try_get::<_, i64>(0)?,
                    r.try_get::<_, Option<i64>>(1)?,
                    i64::from(r.try_get::<_, i32>(2)?),
                    r.try_get::<_, String>(3)?,
                )),
                None => None,
            };
            match parent {
                Some((aid, grand, d, status)) if aid == n.article_id && status == "published" => {
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
    let mut codes = Vec::with_capacity(n.reasons.len());
    let mut messages = Vec::with_capacity(n.reasons.len());
    let mut spans = Vec::with_capacity(n.reasons.len());
    let mut actions = Vec::with_capacity(n.reasons.len());
    for r in &n.reasons {
        codes.push(r.code.as_str());
        messages.push(r.message.as_str());
        spans.push(serde_json::to_string(&r.spans).map_err(|e| AppError::internal(e.to_string()))?);
        actions.push(r.action.as_str());
    }
    // One statement for the comment and its reasons: under a flood every round trip counts.
    let st = c
        .prepare_cached(
            "WITH c AS (\
                 INSERT INTO comments (article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, \
                     body_html, status, created_at, score, fingerprint) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id), \
             r AS (\
                 INSERT INTO comment_reasons (comment_id, code, message, spans, action) \
                 SELECT c.id, x.code, x.message, x.spans, x.action FROM c, \
                     unnest($13::text[], $14::text[], $15::text[], $16::text[]) \
                         WITH ORDINALITY AS x(code, message, spans, action, n) \
                 ORDER BY x.n) \
             SELECT id FROM c",
        )
        .await?;
    let row = c
        .query_one(
            &st,
            &[
                &n.article_id,
                &parent_id,
                &depth_i32(depth)?,
                &n.author.as_str(),
                &n.author_key,
                &n.ip_hash,
                &n.body.as_str(),
                &n.body_html.as_str(),
                &n.status.as_str(),
                &now.unix_timestamp(),
                &n.score,
                &n.fingerprint,
                &codes,
                &messages,
                &spans,
                &actions,
            ],
        )
        .await?;
    Ok(row.try_get(0)?)
}

pub async fn by_id(c: &impl GenericClient, id: i64) -> Result<Option<Comment>, AppError> {
    let st = c.prepare_cached(&format!("SELECT {COLUMNS} FROM comments WHERE id = $1")).await?;
    Ok(c.query_opt(&st, &[&id]).await?.map(|r| from_row(&r)).transpose()?)
}

/// What the article page may show: every published comment of the article, plus the viewer's
/// own held ones, oldest first (the page builds threads from this), without their texts
/// (`body_md` and `body_html` empty): a page shows at most a few hundred of an article's comments,
/// and reads the texts of those alone ([`fill_bodies`]).
pub async fn for_page_outline(
    c: &impl GenericClient,
    article_id: i64,
    viewer_key: Option<&str>,
) -> Result<Vec<Comment>, AppError> {
    let st = c
        .prepare_cached(&format!(
            "SELECT {OUTLINE_COLUMNS} FROM comments WHERE article_id = $1 \
               AND (status = 'published' \
                    OR ($2::text IS NOT NULL AND author_key = $2::text AND status IN ('pending', 'spam'))) \
             ORDER BY id"
        ))
        .await?;
    from_rows(&c.query(&st, &[&article_id, &viewer_key]).await?)
}

/// The first `limit` published comments of the first `roots` threads in the order the page
/// shows them (roots by the sort, each followed by its replies, oldest first, depth first), in id
/// order. For readers without a key, whose page shows a prefix of that order.
///
/// The same rows as SQLite's: where SQLite's recursive query walks depth first through an
/// ordered queue and stops after `limit` rows, PostgreSQL's walks breadth first, so this reads
/// the first `roots` threads whole, orders them by their depth-first path (the root's rank, then
/// the ids down to the comment: an array, so a comment comes right after its parent and before
/// its parent's next sibling) and keeps the first `limit`.
pub async fn page_prefix(
    c: &impl GenericClient,
    article_id: i64,
    newest: bool,
    roots: usize,
    limit: usize,
) -> Result<Vec<Comment>, AppError> {
    let order = if newest { "DESC" } else { "ASC" };
    let sql = format!(
        "WITH RECURSIVE \
           first_roots(id) AS ( \
             SELECT c.id FROM comments c WHERE c.article_id = $1 AND c.status = 'published' \
               AND (c.parent_id IS NULL \
                    OR NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'published')) \
             ORDER BY c.id {order} LIMIT $2), \
           shown(id, path) AS ( \
             SELECT id, ARRAY[row_number() OVER (ORDER BY id {order})] FROM first_roots \
             UNION ALL \
             SELECT c.id, s.path || c.id FROM shown s JOIN comments c ON c.parent_id = s.id \
               WHERE c.status = 'published'), \
           prefix(id) AS (SELECT id FROM shown ORDER BY path LIMIT $3) \
         SELECT {COLUMNS} FROM comments WHERE id IN (SELECT id FROM prefix) ORDER BY id"
    );
    let roots = i64::try_from(roots).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let st = c.prepare_cached(&sql).await?;
    from_rows(&c.query(&st, &[&article_id, &roots, &limit]).await?)
}

/// Reads the texts of the comments at `shown` (indexes into `comments`, from an outline).
pub async fn fill_bodies(c: &impl GenericClient, comments: &mut [Comment], shown: &[usize]) -> Result<(), AppError> {
    let at: std::collections::HashMap<i64, usize> =
        shown.iter().filter_map(|&i| comments.get(i).map(|c| (c.id, i))).collect();
    if at.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = at.keys().copied().collect();
    let st = c.prepare_cached("SELECT id, body_md, body_html FROM comments WHERE id = ANY($1)").await?;
    for r in c.query(&st, &[&ids]).await? {
        if let Some(cm) = at.get(&r.try_get::<_, i64>(0)?).and_then(|&i| comments.get_mut(i)) {
            cm.body_md = r.try_get(1)?;
            // Written only from a `SanitizedHtml` by `insert`/`update_body` below.
            cm.body_html = SanitizedHtml::from_own_row(r.try_get(2)?);
        }
    }
    Ok(())
}

/// The visibility test for comments aliased `t`: published, or the viewer's (`$2`) held ones.
fn visible(t: &str, keyed: bool) -> String {
    if keyed {
        format!("({t}.status = 'published' OR ({t}.author_key = $2::text AND {t}.status IN ('pending', 'spam')))")
    } else {
        format!("{t}.status = 'published'")
    }
}

/// What [`for_page_outline`] returns, but only the threads the page shows: the first `roots`
/// threads (oldest first, or newest first with `newest`) with all their visible replies, oldest
/// first, without texts. A root is a visible comment whose parent is not visible, as the page
/// threads them, so the page built from this is the same as from `for_page_outline`. Ask for one
/// root more than the page shows to learn whether there are more.
pub async fn for_page_threads_outline(
    c: &impl GenericClient,
    article_id: i64,
    viewer_key: Option<&str>,
    newest: bool,
    roots: usize,
) -> Result<Vec<Comment>, AppError> {
    let keyed = viewer_key.is_some();
    let order = if newest { "DESC" } else { "ASC" };
    // Readers without a key get plain `status = 'published'` (the (article_id, status, id) index
    // answers it in order) and one parameter less.
    let limit_param = if keyed { "$3" } else { "$2" };
    let sql = format!(
        "WITH RECURSIVE \
           roots(id) AS ( \
             SELECT c.id FROM comments c WHERE c.article_id = $1 AND {vc} \
               AND (c.parent_id IS NULL \
                    OR NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND {vp})) \
             ORDER BY c.id {order} LIMIT {limit_param}), \
           shown(id) AS ( \
             SELECT id FROM roots \
             UNION ALL \
             SELECT c.id FROM shown s JOIN comments c ON c.parent_id = s.id WHERE {vc}) \
         SELECT {OUTLINE_COLUMNS} FROM comments WHERE id IN (SELECT id FROM shown) ORDER BY id",
        vc = visible("c", keyed),
        vp = visible("p", keyed),
    );
    let limit = i64::try_from(roots).unwrap_or(i64::MAX);
    let st = c.prepare_cached(&sql).await?;
    let rows = match viewer_key {
        Some(key) => c.query(&st, &[&article_id, &key, &limit]).await?,
        None => c.query(&st, &[&article_id, &limit]).await?,
    };
    from_rows(&rows)
}

pub async fn published_count(c: &impl GenericClient, article_id: i64) -> Result<i64, AppError> {
    let st = c.prepare_cached("SELECT count(*) FROM comments WHERE article_id = $1 AND status = 'published'").await?;
    Ok(c.query_one(&st, &[&article_id]).await?.try_get(0)?)
}

/// One page of published comments for the JSON API and the feed, keyed by id.
pub async fn published_page(
    c: &impl GenericClient,
    article_id: i64,
    sort: Sort,
    after: Option<i64>,
    limit: usize,
) -> Result<Vec<Comment>, AppError> {
    let sql = match sort {
        Sort::Oldest => format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = $1 AND status = 'published' AND id > $2 \
             ORDER BY id ASC LIMIT $3"
        ),
        Sort::Newest => format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = $1 AND status = 'published' AND id < $2 \
             ORDER BY id DESC LIMIT $3"
        ),
    };
    let cursor = after.unwrap_or(match sort {
        Sort::Oldest => 0,
        Sort::Newest => i64::MAX,
    });
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let st = c.prepare_cached(&sql).await?;
    from_rows(&c.query(&st, &[&article_id, &cursor, &limit]).await?)
}

/// Stores the reasons in their order: one statement, rows in array order.
async fn insert_reasons(c: &impl GenericClient, id: i64, reasons: &[Reason]) -> Result<(), AppError> {
    if reasons.is_empty() {
        return Ok(());
    }
    let mut codes = Vec::with_capacity(reasons.len());
    let mut messages = Vec::with_capacity(reasons.len());
    let mut spans = Vec::with_capacity(reasons.len());
    let mut actions = Vec::with_capacity(reasons.len());
    for r in reasons {
        codes.push(r.code.as_str());
        messages.push(r.message.as_str());
        spans.push(serde_json::to_string(&r.spans).map_err(|e| AppError::internal(e.to_string()))?);
        actions.push(r.action.as_str());
    }
    let st = c
        .prepare_cached(
            "INSERT INTO comment_reasons (comment_id, code, message, spans, action) \
             SELECT $1, r.code, r.message, r.spans, r.action \
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) \
                 WITH ORDINALITY AS r(code, message, spans, action, n) \
             ORDER BY r.n",
        )
        .await?;
    c.execute(&st, &[&id, &codes, &messages, &spans, &actions]).await?;
    Ok(())
}

/// The reasons stored with a comment, in the order the checks gave them. The table has no key of
/// its own (SQLite reads them by `rowid`): rows stored by earlier transactions come first (their
/// `xmin`), and the rows of one transaction in their physical order (`ctid`; [`insert_reasons`]
/// stores a comment's reasons in one statement, in order). Wrong only across a transaction-id
/// wraparound; a key column in a later migration would make this exact.
pub async fn reasons(c: &impl GenericClient, id: i64) -> Result<Vec<Reason>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT code, message, spans, action FROM comment_reasons WHERE comment_id = $1 \
             ORDER BY xmin::text::bigint, ctid",
        )
        .await?;
    let mut out = Vec::new();
    for r in c.query(&st, &[&id]).await? {
        let spans: String = r.try_get(2)?;
        let action: String = r.try_get(3)?;
        out.push(Reason {
            code: r.try_get(0)?,
            message: r.try_get(1)?,
            spans: serde_json::from_str(&spans).unwrap_or_default(),
            action: ReasonAction::parse(&action),
        });
    }
    Ok(out)
}

/// The learned score stored with a comment.
pub async fn score(c: &impl GenericClient, id: i64) -> Result<Option<f64>, AppError> {
    let st = c.prepare_cached("SELECT score FROM comments WHERE id = $1").await?;
    Ok(match c.query_opt(&st, &[&id]).await? {
        Some(r) => r.try_get::<_, Option<f64>>(0)?,
        None => None,
    })
}

/// Replaces the text of a comment after an edit by its author, with the checks' new findings.
#[allow(clippy::too_many_arguments)]
pub async fn update_body(
    c: &impl GenericClient,
    id: i64,
    body_md: &str,
    body_html: &SanitizedHtml,
    status: CommentStatus,
    score: Option<f64>,
    fingerprint: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let st = c
        .prepare_cached(
            "UPDATE comments SET body_md = $2, body_html = $3, status = $4, edited_at = $5, score = $6, \
                 fingerprint = $7 WHERE id = $1",
        )
        .await?;
    c.execute(
        &st,
        &[&id, &body_md, &body_html.as_str(), &status.as_str(), &now.unix_timestamp(), &score, &fingerprint],
    )
    .await?;
    Ok(())
}

pub async fn set_status(c: &impl GenericClient, id: i64, status: CommentStatus) -> Result<(), AppError> {
    let st = c.prepare_cached("UPDATE comments SET status = $2 WHERE id = $1").await?;
    c.execute(&st, &[&id, &status.as_str()]).await?;
    Ok(())
}

/// Replaces the reasons of a comment. Two statements: call inside a transaction.
pub async fn replace_reasons(c: &impl GenericClient, id: i64, reasons: &[Reason]) -> Result<(), AppError> {
    let st = c.prepare_cached("DELETE FROM comment_reasons WHERE comment_id = $1").await?;
    c.execute(&st, &[&id]).await?;
    insert_reasons(c, id, reasons).await
}

/// Counts by status, for tests and operators.
pub async fn count_by_status(c: &impl GenericClient, status: CommentStatus) -> Result<i64, AppError> {
    let st = c.prepare_cached("SELECT count(*) FROM comments WHERE status = $1").await?;
    Ok(c.query_one(&st, &[&status.as_str()]).await?.try_get(0)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::comment::{AuthorName, CommentBody};

    fn new_comment(article_id: i64, parent_id: Option<i64>, body: &str, reasons: Vec<Reason>) -> NewComment {
        NewComment {
            article_id,
            parent_id,
            author: AuthorName::parse("Ann").unwrap(),
            body: CommentBody::parse(body).unwrap(),
            body_html: SanitizedHtml::from_own_row(format!("<p>{body}</p>")),
            status: CommentStatus::Published,
            author_key: Some("k".into()),
            ip_hash: Some("ip".into()),
            reasons,
            score: Some(0.25),
            fingerprint: Some(-7),
        }
    }

    /// Comments with parents, statuses and authors mixed; every way of asking for the first
    /// threads gives the threads `for_page_outline` gives (the SQLite test, on PostgreSQL).
    #[tokio::test]
    async fn threads_read_in_sql_are_the_threads_of_the_whole_list() {
        let Some(pool) = crate::store::postgres::test_pool("comments_threads").await else { return };
        let c = pool.get().await.unwrap();
        let a1 = crate::store::postgres::articles::test_article(&c, "a").await;
        let a2 = crate::store::postgres::articles::test_article(&c, "b").await;
        let statuses = ["published", "published", "pending", "published", "spam", "rejected", "deleted"];
        let mut ids: Vec<i64> = Vec::new();
        for i in 0..120usize {
            // Replies stay in their article, as `insert` ensures.
            let article = if i % 11 == 5 { a2 } else { a1 };
            let parent =
                if i % 3 == 0 || article == a2 || ids.is_empty() { None } else { Some(ids[(i * 7) % ids.len()]) };
            let status = statuses[i % statuses.len()];
            let key = if i % 4 == 0 { "me" } else { "other" };
            let id: i64 = c
                .query_one(
                    "INSERT INTO comments (article_id, parent_id, author_key, body_md, body_html, status, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    &[&article, &parent, &key, &format!("md{i}"), &format!("<p>{i}</p>"), &status, &(i as i64)],
                )
                .await
                .unwrap()
                .get(0);
            if article == a1 {
                ids.push(id);
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
        let mut nested = false;
        for viewer in [None, Some("me")] {
            let all = for_page_outline(&c, a1, viewer).await.unwrap();
            nested |= all.iter().any(|x| x.parent_id.is_some());
            for newest in [false, true] {
                for roots in [1, 2, 5, 17, 1000] {
                    let got: Vec<i64> = for_page_threads_outline(&c, a1, viewer, newest, roots)
                        .await
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
                        let got = page_prefix(&c, a1, newest, roots, limit).await.unwrap();
                        assert!(got.iter().all(|x| !x.body_md.is_empty()), "the prefix has its texts");
                        let got: Vec<i64> = got.iter().map(|c| c.id).collect();
                        let mut want = depth_first(&all, newest, roots);
                        want.truncate(limit);
                        want.sort_unstable();
                        assert_eq!(got, want, "newest {newest} roots {roots} limit {limit}");
                    }
                }
            }
            // The outline has no texts until they are filled in, and then only where asked.
            let mut outline = for_page_outline(&c, a1, viewer).await.unwrap();
            assert!(outline.iter().all(|c| c.body_md.is_empty() && c.body_html.as_str().is_empty()));
            let shown: Vec<usize> = (0..outline.len()).step_by(3).collect();
            fill_bodies(&c, &mut outline, &shown).await.unwrap();
            for (i, x) in outline.iter().enumerate() {
                let full = by_id(&c, x.id).await.unwrap().unwrap();
                let filled = shown.contains(&i);
                assert_eq!(x.body_md == full.body_md && x.body_html == full.body_html, filled, "comment {i}");
            }
        }
        assert!(nested, "the data has threads");
        let mine = for_page_outline(&c, a1, Some("me")).await.unwrap();
        assert!(mine.iter().any(|x| x.status != CommentStatus::Published), "the viewer's held ones");
        assert!(mine.iter().all(|x| x.status == CommentStatus::Published || x.author_key.as_deref() == Some("me")));
    }

    #[tokio::test]
    async fn insert_checks_the_parent_and_caps_depth_and_keeps_reasons_in_order() {
        let Some(pool) = crate::store::postgres::test_pool("comments_insert").await else { return };
        let mut client = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&client, "a").await;
        let b = crate::store::postgres::articles::test_article(&client, "b").await;
        let now = OffsetDateTime::from_unix_timestamp(1_000).unwrap();
        let reasons: Vec<Reason> = (0..5).map(|i| Reason::new(format!("code{i}"), format!("message {i}"))).collect();
        let tx = client.transaction().await.unwrap();
        let root = insert(&tx, &new_comment(a, None, "root", reasons.clone()), now).await.unwrap();
        tx.commit().await.unwrap();
        let c = client;
        assert_eq!(super::reasons(&c, root).await.unwrap(), reasons);
        let stored = by_id(&c, root).await.unwrap().unwrap();
        assert_eq!((stored.depth, stored.parent_id, stored.author.as_str()), (0, None, "Ann"));
        assert_eq!((stored.body_md.as_str(), stored.body_html.as_str()), ("root", "<p>root</p>"));
        assert_eq!(stored.created_at, now);
        assert_eq!(score(&c, root).await.unwrap(), Some(0.25));
        assert_eq!(score(&c, -1).await.unwrap(), None);
        // A chain down to the deepest level; a reply there becomes a sibling.
        let mut parent = root;
        for d in 1..=MAX_DEPTH {
            parent = insert(&c, &new_comment(a, Some(parent), "r", vec![]), now).await.unwrap();
            assert_eq!(by_id(&c, parent).await.unwrap().unwrap().depth, d);
        }
        let deepest = by_id(&c, parent).await.unwrap().unwrap();
        let sib = by_id(&c, insert(&c, &new_comment(a, Some(parent), "s", vec![]), now).await.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!((sib.depth, sib.parent_id), (MAX_DEPTH, deepest.parent_id));
        // Parents in another article, held or missing are refused.
        for bad in [Some(root), Some(-5)] {
            let err = insert(&c, &new_comment(b, bad, "x", vec![]), now).await.unwrap_err();
            assert!(matches!(err, AppError::Validation(_)), "{err:?}");
        }
        set_status(&c, root, CommentStatus::Pending).await.unwrap();
        assert!(matches!(
            insert(&c, &new_comment(a, Some(root), "x", vec![]), now).await,
            Err(AppError::Validation(_))
        ));
        assert_eq!(count_by_status(&c, CommentStatus::Pending).await.unwrap(), 1);
        assert_eq!(count_by_status(&c, CommentStatus::Published).await.unwrap(), 6);
        assert_eq!(published_count(&c, a).await.unwrap(), 6);
        assert_eq!(published_count(&c, b).await.unwrap(), 0);
        // Edits and new reasons.
        let later = OffsetDateTime::from_unix_timestamp(2_000).unwrap();
        let html = SanitizedHtml::from_own_row("<p>new</p>".into());
        update_body(&c, root, "new", &html, CommentStatus::Spam, None, Some(9), later).await.unwrap();
        let edited = by_id(&c, root).await.unwrap().unwrap();
        assert_eq!(
            (edited.body_md.as_str(), edited.status, edited.edited_at),
            ("new", CommentStatus::Spam, Some(later))
        );
        assert_eq!(score(&c, root).await.unwrap(), None);
        let fresh = vec![Reason::new("z", "last"), Reason::new("a", "first?")];
        replace_reasons(&c, root, &fresh).await.unwrap();
        assert_eq!(super::reasons(&c, root).await.unwrap(), fresh);
        replace_reasons(&c, root, &[]).await.unwrap();
        assert!(super::reasons(&c, root).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn published_pages_follow_the_cursor_both_ways() {
        let Some(pool) = crate::store::postgres::test_pool("comments_pages").await else { return };
        let c = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&c, "a").await;
        let now = OffsetDateTime::now_utc();
        let mut ids = Vec::new();
        for i in 0..7 {
            let id = insert(&c, &new_comment(a, None, &format!("c{i}"), vec![]), now).await.unwrap();
            if i == 3 {
                set_status(&c, id, CommentStatus::Rejected).await.unwrap();
            } else {
                ids.push(id);
            }
        }
        let page = |sort, after, limit| {
            let c = &c;
            async move { published_page(c, a, sort, after, limit).await.unwrap().iter().map(|x| x.id).collect::<Vec<_>>() }
        };
        assert_eq!(page(Sort::Oldest, None, 4).await, ids[..4]);
        assert_eq!(page(Sort::Oldest, Some(ids[3]), 4).await, ids[4..]);
        let mut rev = ids.clone();
        rev.reverse();
        assert_eq!(page(Sort::Newest, None, 2).await, rev[..2]);
        assert_eq!(page(Sort::Newest, Some(rev[1]), 10).await, rev[2..]);
        assert!(page(Sort::Oldest, Some(i64::MAX - 1), 10).await.is_empty());
    }

    /// The same rows in SQLite and PostgreSQL (deep threads, replies under held comments, ties in
    /// time): every read gives the same comments in the same order on both.
    #[tokio::test]
    async fn reads_answer_as_on_sqlite() {
        use crate::store::sqlite;
        let Some(pool) = crate::store::postgres::test_pool("comments_as_on_sqlite").await else { return };
        let c = pool.get().await.unwrap();
        let lite = sqlite::test_db("A");
        lite.execute(
            "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES (2, 'b', 'B', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0)",
            [],
        )
        .unwrap();
        c.batch_execute(
            "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES (1, 'a', 'A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0), \
                    (2, 'b', 'B', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0)",
        )
        .await
        .unwrap();
        let statuses = ["published", "published", "published", "pending", "spam", "rejected", "deleted"];
        let keys = [Some("me"), Some("other"), Some("third"), None];
        let mut seed: u64 = 42;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let mut depths: Vec<(i64, i64)> = Vec::new();
        for id in 1..=400i64 {
            let article: i64 = if next(13) == 0 { 2 } else { 1 };
            let (parent, depth) = if article == 1 && !depths.is_empty() && next(10) < 7 {
                // Mostly recent parents, so threads grow deep.
                let back = 1 + next(depths.len().min(12) as u64) as usize;
                let (pid, pd) = depths[depths.len() - back];
                (Some(pid), (pd + 1).min(MAX_DEPTH))
            } else {
                (None, 0)
            };
            let status = statuses[next(statuses.len() as u64) as usize];
            let key = keys[next(keys.len() as u64) as usize];
            let at = 1_000 + id / 3; // three comments a second: ties in time
            let fp = next(1 << 40) as i64 - (1 << 39);
            let (md, html) = (format!("md {id}"), format!("<p>{id}</p>"));
            lite.execute(
                "INSERT INTO comments (id, article_id, parent_id, depth, author_key, body_md, body_html, status, \
                     created_at, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                rusqlite::params![id, article, parent, depth, key, md, html, status, at, fp],
            )
            .unwrap();
            c.execute(
                "INSERT INTO comments (id, article_id, parent_id, depth, author_key, body_md, body_html, status, \
                     created_at, fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                &[&id, &article, &parent, &(depth as i32), &key, &md, &html, &status, &at, &fp],
            )
            .await
            .unwrap();
            if article == 1 {
                depths.push((id, depth));
            }
        }
        let dbg = |v: Vec<Comment>| v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>();
        assert!(depths.iter().any(|&(_, d)| d == MAX_DEPTH), "the data has deep threads");
        for viewer in [None, Some("me")] {
            assert_eq!(
                dbg(for_page_outline(&c, 1, viewer).await.unwrap()),
                dbg(sqlite::comments::for_page_outline(&lite, 1, viewer).unwrap())
            );
            for newest in [false, true] {
                for roots in [1, 3, 10, 50, 1000] {
                    assert_eq!(
                        dbg(for_page_threads_outline(&c, 1, viewer, newest, roots).await.unwrap()),
                        dbg(sqlite::comments::for_page_threads_outline(&lite, 1, viewer, newest, roots).unwrap()),
                        "viewer {viewer:?} newest {newest} roots {roots}"
                    );
                }
            }
        }
        for newest in [false, true] {
            for (roots, limit) in [(1, 1), (1, 5), (3, 2), (4, 30), (10, 11), (26, 101), (51, 401), (1000, 1000)] {
                let pg = dbg(page_prefix(&c, 1, newest, roots, limit).await.unwrap());
                assert!(!pg.is_empty() && pg.len() <= limit);
                assert_eq!(
                    pg,
                    dbg(sqlite::comments::page_prefix(&lite, 1, newest, roots, limit).unwrap()),
                    "newest {newest} roots {roots} limit {limit}"
                );
            }
        }
        for sort in [Sort::Oldest, Sort::Newest] {
            for after in [None, Some(17), Some(200)] {
                assert_eq!(
                    dbg(published_page(&c, 1, sort, after, 25).await.unwrap()),
                    dbg(sqlite::comments::published_page(&lite, 1, sort, after, 25).unwrap())
                );
            }
        }
        assert_eq!(published_count(&c, 1).await.unwrap(), sqlite::comments::published_count(&lite, 1).unwrap());
        let now = OffsetDateTime::from_unix_timestamp(1_120).unwrap();
        for key in [Some("me"), Some("other"), None] {
            for exclude in [None, Some(398)] {
                for since in [0, 1_100] {
                    assert_eq!(
                        crate::store::postgres::recent::by_others_sql(&c, key, exclude, since).await.unwrap(),
                        sqlite::recent::by_others_sql(&lite, key, exclude, since).unwrap(),
                        "key {key:?} exclude {exclude:?} since {since}"
                    );
                }
                assert_eq!(
                    crate::store::postgres::moderation::gather_context(&c, key, Some("ip"), exclude, now, 60)
                        .await
                        .unwrap(),
                    sqlite::moderation::gather_context(&lite, key, Some("ip"), exclude, now, 60).unwrap()
                );
            }
        }
    }
}
