//! PostgreSQL counterpart of `store::sqlite::articles`: article rows.
use deadpool_postgres::GenericClient;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio_postgres::Row;

use crate::domain::article::{Article, NewArticle, SharePrompts};
use crate::domain::embed::NewEmbedArticle;
use crate::error::AppError;

const COLUMNS: &str = "id, slug, title, description, source, byline, published_at, body_md, share_text, \
     call_to_action, like_text, question, comment_prompt, comments_open, premoderation, url, language";

fn from_row(r: &Row) -> Result<Article, tokio_postgres::Error> {
    let published: String = r.try_get(6)?;
    Ok(Article {
        id: r.try_get(0)?,
        slug: r.try_get(1)?,
        title: r.try_get(2)?,
        description: r.try_get(3)?,
        source: r.try_get(4)?,
        byline: r.try_get(5)?,
        published_at: OffsetDateTime::parse(&published, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        body_md: r.try_get(7)?,
        share: SharePrompts {
            text: r.try_get(8)?,
            call_to_action: r.try_get(9)?,
            like_text: r.try_get(10)?,
            question: r.try_get(11)?,
            comment_prompt: r.try_get(12)?,
        },
        comments_open: r.try_get(13)?,
        premoderation: r.try_get(14)?,
        url: r.try_get(15)?,
        language: r.try_get(16)?,
    })
}

/// Inserts the article, or updates the one with the same slug. Returns its id and whether it was new.
/// As on SQLite, an update keeps `comments_open` and `premoderation` (the console's choice).
/// One statement, so two nodes importing the same article at once do not collide.
pub async fn upsert(c: &impl GenericClient, a: &NewArticle) -> Result<(i64, bool), AppError> {
    let published = a.published_at.format(&Rfc3339).map_err(|e| AppError::internal(e.to_string()))?;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let st = c
        .prepare_cached(
            "INSERT INTO articles (slug, title, description, source, byline, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, comments_open, premoderation, updated_at, \
                 language) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (slug) DO UPDATE SET title = excluded.title, description = excluded.description, \
                 source = excluded.source, byline = excluded.byline, published_at = excluded.published_at, \
                 body_md = excluded.body_md, share_text = excluded.share_text, \
                 call_to_action = excluded.call_to_action, like_text = excluded.like_text, \
                 question = excluded.question, comment_prompt = excluded.comment_prompt, \
                 language = excluded.language, \
                 updated_at = excluded.updated_at \
             WHERE (articles.title, articles.description, articles.source, articles.byline, articles.published_at, \
                    articles.body_md, articles.share_text, articles.call_to_action, articles.like_text, \
                    articles.question, articles.comment_prompt, articles.language) \
                IS DISTINCT FROM (excluded.title, excluded.description, excluded.source, excluded.byline, \
                    excluded.published_at, excluded.body_md, excluded.share_text, excluded.call_to_action, \
                    excluded.like_text, excluded.question, excluded.comment_prompt, excluded.language) \
             RETURNING id, (xmax = 0) AS inserted",
        )
        .await?;
    // An article stored as it is changes nothing (every node stores the shipped articles at
    // start; an update would tell all nodes to drop their caches).
    let row = c
        .query_opt(
            &st,
            &[
                &a.slug.as_str(),
                &a.title,
                &a.description,
                &a.source,
                &a.byline,
                &published,
                &a.body_md,
                &a.share.text,
                &a.share.call_to_action,
                &a.share.like_text,
                &a.share.question,
                &a.share.comment_prompt,
                &a.comments_open,
                &a.premoderation,
                &now,
                &a.language,
            ],
        )
        .await?;
    match row {
        Some(row) => Ok((row.try_get(0)?, row.try_get(1)?)),
        None => {
            let st = c.prepare_cached("SELECT id FROM articles WHERE slug = $1").await?;
            let row = c.query_one(&st, &[&a.slug.as_str()]).await?;
            Ok((row.try_get(0)?, false))
        }
    }
}

pub async fn by_slug(c: &impl GenericClient, slug: &str) -> Result<Option<Article>, AppError> {
    let st = c.prepare_cached(&format!("SELECT {COLUMNS} FROM articles WHERE slug = $1")).await?;
    Ok(c.query_opt(&st, &[&slug]).await?.map(|r| from_row(&r)).transpose()?)
}

pub async fn by_id(c: &impl GenericClient, id: i64) -> Result<Option<Article>, AppError> {
    let st = c.prepare_cached(&format!("SELECT {COLUMNS} FROM articles WHERE id = $1")).await?;
    Ok(c.query_opt(&st, &[&id]).await?.map(|r| from_row(&r)).transpose()?)
}

/// All articles, newest first, with their published comment counts. `published_at` is RFC 3339
/// text (written by [`upsert`]); like SQLite's `unixepoch()`, whole seconds order the articles
/// and the id breaks ties.
pub async fn list(c: &impl GenericClient) -> Result<Vec<(Article, i64)>, AppError> {
    let st = c
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, (SELECT count(*) FROM comments c WHERE c.article_id = articles.id \
                 AND c.status = 'published') \
             FROM articles ORDER BY floor(extract(epoch FROM published_at::timestamptz)) DESC, id DESC"
        ))
        .await?;
    let rows = c.query(&st, &[]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push((from_row(r)?, r.try_get(17)?));
    }
    Ok(out)
}

pub async fn by_url(c: &impl GenericClient, url: &str) -> Result<Option<Article>, AppError> {
    let st = c.prepare_cached(&format!("SELECT {COLUMNS} FROM articles WHERE url = $1")).await?;
    Ok(c.query_opt(&st, &[&url]).await?.map(|r| from_row(&r)).transpose()?)
}

/// As `store::sqlite::articles::embed`. Nodes may create the same page's thread at once: each
/// insert is one statement that does nothing on a conflict, then the winner's row is read; the
/// caller runs this in a transaction and retries once on a conflict the statement cannot absorb.
pub async fn embed(c: &impl GenericClient, a: &NewEmbedArticle) -> Result<(Article, bool), AppError> {
    let find = |given: bool| async move {
        if given { by_slug(c, a.slug.as_str()).await } else { by_url(c, a.url.as_str()).await }
    };
    if let Some(found) = find(a.slug_given).await? {
        return Ok((found, false));
    }
    let taken = c.query_opt("SELECT 1 FROM articles WHERE slug = $1", &[&a.slug.as_str()]).await?.is_some();
    let slug = if !taken { a.slug.clone() } else { a.url.unique_slug(&a.slug) };
    let url_taken = by_url(c, a.url.as_str()).await?.is_some();
    let url = if url_taken { None } else { Some(a.url.as_str()) };
    let published = a.now.format(&Rfc3339).map_err(|e| AppError::internal(e.to_string()))?;
    let row = c
        .query_opt(
            "INSERT INTO articles (slug, title, description, source, byline, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, comments_open, premoderation, updated_at, url) \
             VALUES ($1, $2, '', $3, NULL, $4, '', '', '', '', '', '', TRUE, FALSE, $5, $6) \
             ON CONFLICT DO NOTHING RETURNING id",
            &[&slug.as_str(), &a.title, &a.url.host(), &published, &a.now.unix_timestamp(), &url],
        )
        .await?;
    match row {
        Some(row) => {
            let id: i64 = row.try_get(0)?;
            let created = by_id(c, id).await?.ok_or_else(|| AppError::internal("the new thread vanished"))?;
            Ok((created, true))
        }
        // Another node created it between the look-up and the insert.
        None => match find(a.slug_given).await? {
            Some(found) => Ok((found, false)),
            None => Err(AppError::internal("creating the page's thread collided with another; try again")),
        },
    }
}

/// As `store::sqlite::articles::counts_by_url`, in one query.
pub async fn counts_by_url(c: &impl GenericClient, urls: &[String]) -> Result<Vec<(String, i64)>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT a.url, (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published') \
             FROM articles a WHERE a.url = ANY($1)",
        )
        .await?;
    let rows = c.query(&st, &[&urls]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push((r.try_get(0)?, r.try_get(1)?));
    }
    Ok(out)
}

/// For tests: a bare article row with this slug; returns its id.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) async fn test_article(c: &impl GenericClient, slug: &str) -> i64 {
    c.query_one(
        "INSERT INTO articles (slug, title, description, source, published_at, body_md, share_text, \
             call_to_action, like_text, question, comment_prompt, updated_at) \
         VALUES ($1, 'A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0) RETURNING id",
        &[&slug],
    )
    .await
    .unwrap()
    .get(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::article::Slug;

    fn article(slug: &str, published: &str, title: &str) -> NewArticle {
        NewArticle {
            slug: Slug::parse(slug).unwrap(),
            title: title.into(),
            description: "d".into(),
            source: "s".into(),
            byline: Some("b".into()),
            published_at: OffsetDateTime::parse(published, &Rfc3339).unwrap(),
            body_md: "body".into(),
            comments_open: true,
            premoderation: false,
            language: None,
            share: SharePrompts {
                text: "t".into(),
                call_to_action: "cta".into(),
                like_text: "like".into(),
                question: "q".into(),
                comment_prompt: "p".into(),
            },
        }
    }

    #[tokio::test]
    async fn upsert_inserts_then_updates_keeping_the_console_flags_and_list_orders_newest_first() {
        let Some(pool) = crate::store::postgres::test_pool("articles_upsert").await else { return };
        let c = pool.get().await.unwrap();
        let (a, new_a) = upsert(&c, &article("a", "2016-12-19T10:00:00Z", "A")).await.unwrap();
        assert!(new_a);
        let (b, new_b) = upsert(&c, &article("b", "2016-12-20T08:00:00+02:00", "B")).await.unwrap();
        assert!(new_b);
        // Same second as `b` (06:00Z), fraction ignored: the id breaks the tie.
        let (d, _) = upsert(&c, &article("d", "2016-12-20T06:00:00.500Z", "D")).await.unwrap();
        crate::store::postgres::admin::set_article_flags(&c, "a", false, true).await.unwrap();
        let (a2, new_again) = upsert(&c, &article("a", "2016-12-19T10:00:00Z", "A2")).await.unwrap();
        assert_eq!((a2, new_again), (a, false));
        let got = by_slug(&c, "a").await.unwrap().unwrap();
        assert_eq!(got.title, "A2");
        assert_eq!(got.byline.as_deref(), Some("b"));
        assert_eq!(got.share.comment_prompt, "p");
        assert!(!got.comments_open && got.premoderation, "an import keeps the console's flags");
        assert_eq!(by_id(&c, b).await.unwrap().unwrap().slug, "b");
        assert!(by_slug(&c, "zz").await.unwrap().is_none());
        assert!(by_id(&c, -1).await.unwrap().is_none());
        c.execute(
            "INSERT INTO comments (article_id, body_md, body_html, status, created_at) \
             VALUES ($1, 'x', 'x', 'published', 0), ($1, 'y', 'y', 'pending', 0), ($2, 'z', 'z', 'published', 0)",
            &[&b, &a],
        )
        .await
        .unwrap();
        let listed: Vec<(i64, i64)> = list(&c).await.unwrap().iter().map(|(x, n)| (x.id, *n)).collect();
        assert_eq!(listed, [(d, 0), (b, 1), (a, 1)]);
    }
}
