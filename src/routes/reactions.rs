//! The reaction button ("Respect", `[comments] reaction_label`): a form post that works without
//! JavaScript (back to the comment, on a page rendered for the reader), and the JSON API the
//! page's script uses to do it in place. Why counts do not rebuild cached pages: see
//! `crate::reactions`.
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::config::SortOrder;
use crate::error::{ApiError, AppError};
use crate::http::author::AuthorId;
use crate::http::client_ip::client_ip;
use crate::http::origin::require_same_origin;
use crate::routes::articles::{PageQuery, find_article, html, render_article_page};
use crate::routes::body::{read_limited, require_content_type};
use crate::startup::AppState;
use crate::templates::{CommentForm, View};

#[derive(Debug, Default, Deserialize)]
pub struct ReactionForm {
    /// `react` or `undo`.
    #[serde(default)]
    pub action: String,
    /// The order of the page the button was on, to go back to it.
    #[serde(default)]
    pub sort: String,
    /// Where the button was: the article page, the embed or the full comments page
    /// (`View::field`), to go back there.
    #[serde(default)]
    pub view: Option<String>,
}

pub async fn submit_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    require_content_type(&req, "application/x-www-form-urlencoded", "the reaction button")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let form: ReactionForm = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}")))?;
    let on = match form.action.as_str() {
        "react" => true,
        "undo" => false,
        _ => {
            return Err(AppError::BadRequest(
                "This reaction button is not valid. Please reload the page and try again.".into(),
            ));
        }
    };
    let id = *path;
    let comment = state.store.comment_by_id(id).await?.ok_or(AppError::NotFound("comment"))?;
    let article = state.store.article_by_id(comment.article_id).await?.ok_or(AppError::NotFound("article"))?;
    let sort = SortOrder::parse(&form.sort);
    let existing = AuthorId::from_request(&req, &state.keys);
    let had_cookie = existing.is_some();
    let author = existing.unwrap_or_else(AuthorId::generate);
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);
    if let Err(AppError::RateLimited { retry_after }) = crate::reactions::check_limit(&state, ip) {
        let article = find_article(&state, &article.slug).await?;
        let notice = crate::routes::articles::tr_for(&state, &article).n("notice-reacting-too-fast", retry_after);
        let query = PageQuery { sort: sort.map(|s| s.as_str().to_string()), ..Default::default() };
        let viewer = had_cookie.then_some(&author);
        let view = View::from_field(form.view.as_deref());
        let body =
            render_article_page(&state, &article, viewer, &query, CommentForm::default(), Some(notice), view).await?;
        let mut resp = html(StatusCode::TOO_MANY_REQUESTS, body);
        resp.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
        return Ok(resp);
    }
    crate::reactions::react(&state, id, &author, had_cookie, ip, on).await?;
    let query = sort.map(|s| format!("?sort={}", s.as_str())).unwrap_or_default();
    let mut resp = HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!(
                "{}{query}#comment-{id}",
                View::from_field(form.view.as_deref()).base(state.base_path(), &article.slug)
            ),
        ))
        .finish();
    if !had_cookie {
        // The reader is known by this cookie from now on: their page shows their reaction, and
        // undoing it finds it.
        let _ = resp.add_cookie(&author.cookie(&state.keys, state.settings.is_https(), state.base_path()));
    }
    Ok(resp)
}

async fn api(state: &AppState, req: &HttpRequest, id: i64, on: bool) -> Result<HttpResponse, ApiError> {
    require_same_origin(req, &state.public_origin)?;
    let ip = client_ip(req, &state.settings.server.trusted_proxies);
    crate::reactions::check_limit(state, ip)?;
    let existing = AuthorId::from_request(req, &state.keys);
    let had_cookie = existing.is_some();
    let author = existing.unwrap_or_else(AuthorId::generate);
    let done = crate::reactions::react(state, id, &author, had_cookie, ip, on).await?;
    let mut resp = HttpResponse::Ok().json(done);
    if !had_cookie {
        let _ = resp.add_cookie(&author.cookie(&state.keys, state.settings.is_https(), state.base_path()));
    }
    Ok(resp)
}

/// `POST /api/comments/{id}/reaction`: `{"comment_id", "count", "reacted": true}`.
pub async fn add_api(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    api(&state, &req, *path, true).await
}

/// `DELETE /api/comments/{id}/reaction`: `{"comment_id", "count", "reacted": false}`.
pub async fn undo_api(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    api(&state, &req, *path, false).await
}
