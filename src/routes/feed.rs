//! An Atom feed of an article's published comments, newest first.
use actix_web::{HttpResponse, web};
use askama::Template;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::routes::articles::find_article;
use crate::startup::AppState;
use crate::store::Sort;
use crate::templates::iso;

#[derive(Template)]
#[template(path = "feed.xml")]
struct Feed {
    id: String,
    title: String,
    updated: String,
    self_url: String,
    article_url: String,
    entries: Vec<Entry>,
}

struct Entry {
    id: String,
    url: String,
    title: String,
    author: String,
    published: String,
    updated: String,
    content_html: String,
}

pub async fn atom(state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let article = find_article(&state, &path).await?;
    let aid = article.id;
    let tr = crate::routes::articles::tr_for(&state, &article);
    let rows = state.store.published_page(aid, Sort::Newest, None, 100).await?;
    let article_url = format!("{}/articles/{}", state.public_base, article.slug);
    let updated = rows.first().map(|c| c.edited_at.unwrap_or(c.created_at)).unwrap_or(article.published_at);
    let entries = rows
        .iter()
        .map(|c| {
            let author = if c.author.is_empty() { tr.t("anonymous") } else { c.author.clone() };
            Entry {
                id: format!("{article_url}#comment-{}", c.id),
                url: format!("{article_url}#comment-{}", c.id),
                title: format!("{author}: {}", crate::markdown::excerpt(&c.body_md, 60)),
                author,
                published: iso(c.created_at),
                updated: iso(c.edited_at.unwrap_or(c.created_at)),
                // Escaped once more by the template: Atom's type="html" carries HTML as text.
                content_html: c.body_html.as_str().to_string(),
            }
        })
        .collect();
    let feed = Feed {
        id: format!("{article_url}/comments.atom"),
        title: tr.a("feed-title", "title", &article.title),
        updated: iso(updated.max(OffsetDateTime::UNIX_EPOCH)),
        self_url: format!("{article_url}/comments.atom"),
        article_url,
        entries,
    };
    let body = feed.render().map_err(|e| AppError::internal(e.to_string()))?;
    Ok(HttpResponse::Ok().content_type("application/atom+xml; charset=utf-8").body(body))
}
