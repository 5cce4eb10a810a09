//! The comment form for browsers without JavaScript: post, edit, delete. Failures re-render the
//! page with the reader's text kept and each error beside its field.
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::domain::comment::Reason;
use crate::error::AppError;
use crate::http::author::{AuthorId, form_age_ms};
use crate::http::client_ip::client_ip;
use crate::http::origin::require_same_origin;
use crate::intake::{self, Outcome, Submission};
use crate::routes::articles::{PageQuery, find_article, html, render_article_page, tr_for};
use crate::routes::body::{read_limited, require_content_type};
use crate::routes::embed::view_of;
use crate::startup::AppState;
use crate::templates::{CommentForm, EditPage, HeadMeta};

#[derive(Debug, Default, Deserialize)]
pub struct CommentFormData {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub token: String,
    /// The honeypot: people never see it, bots fill it in.
    #[serde(default)]
    pub website: String,
    /// Where the form was shown (`embed`, `page`; see `templates::View`).
    #[serde(default)]
    pub view: Option<String>,
    /// "Tell me when someone replies" (optional).
    #[serde(default)]
    pub notify_email: String,
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}

fn with_author_cookie(mut resp: HttpResponse, state: &AppState, author: &AuthorId, is_new: bool) -> HttpResponse {
    if is_new {
        author.set_cookies(&mut resp, &state.keys, state.settings.is_https(), state.base_path());
    }
    resp
}

pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let article = find_article(&state, &path).await?;
    require_content_type(&req, "application/x-www-form-urlencoded", "the comment form")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let data: CommentFormData = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}")))?;
    intake::ensure_open(&article)?;
    let view = view_of(&req, &article, data.view.as_deref());
    let base = view.base(state.base_path(), &article.slug);

    let existing = AuthorId::from_request(&req, &state.keys);
    let is_new_author = existing.is_none();
    let author = existing.unwrap_or_else(AuthorId::generate);
    let parent_id = match data.parent_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            s.parse::<i64>()
                .map_err(|_| AppError::BadRequest("The comment to reply to is not a valid number.".into()))?,
        ),
    };
    let mut form = CommentForm {
        body: data.body.clone(),
        author: data.author.clone(),
        parent_id,
        token: data.token.clone(),
        notify_email: data.notify_email.clone(),
        ..Default::default()
    };
    let query = PageQuery { reply_to: parent_id, ..Default::default() };
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);

    let limited = intake::check_limits(&state, &article, ip).await;
    if let Err(AppError::RateLimited { retry_after }) = limited {
        form.form_error = Some(tr_for(&state, &article).n("notice-posting-too-fast", retry_after));
        let body = render_article_page(&state, &article, Some(&author), &query, form, None, view).await?;
        let mut resp = html(StatusCode::TOO_MANY_REQUESTS, body);
        resp.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
        return Ok(resp);
    }
    limited?;

    let now_ms = OffsetDateTime::now_utc().unix_timestamp() * 1000;
    let min_ms = i64::try_from(state.settings.comments.min_submit_secs * 1000).unwrap_or(i64::MAX);
    let bot_reason = if !data.website.trim().is_empty() {
        Some(Reason::new("honeypot", "A field hidden from people was filled in."))
    } else {
        match form_age_ms(&state.keys, &data.token, article.id, now_ms) {
            None => Some(Reason::new("form_token", "The form's token was missing or forged.")),
            Some(age) if age < min_ms => Some(Reason::new(
                "too_fast",
                format!("The form was sent {age} ms after it was served, faster than a person writes."),
            )),
            Some(_) => None,
        }
    };
    let notify_email = Some(data.notify_email).filter(|e| !e.trim().is_empty());
    let sub = Submission { body: data.body, author: data.author, parent_id, bot_reason, notify_email };
    match intake::submit(&state, &article, sub, &author, ip).await {
        Ok(Outcome::Published(id)) => {
            Ok(with_author_cookie(see_other(&format!("{base}#comment-{id}")), &state, &author, is_new_author))
        }
        Ok(Outcome::Held(id)) => Ok(with_author_cookie(
            see_other(&format!("{base}?notice=held#comment-{id}")),
            &state,
            &author,
            is_new_author,
        )),
        Err(AppError::Validation(errors)) => {
            let tr = tr_for(&state, &article);
            for e in errors {
                match e.field {
                    "body" => form.body_error = Some(tr.field_error(&e)),
                    "author" => form.author_error = Some(tr.field_error(&e)),
                    "notify_email" => form.notify_email_error = Some(tr.field_error(&e)),
                    _ => form.form_error = Some(tr.field_error(&e)),
                }
            }
            // Keep the reader's reply target when it is still valid; otherwise show the form on top.
            let body = render_article_page(&state, &article, Some(&author), &query, form, None, view).await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
pub struct EditFormData {
    #[serde(default)]
    pub body: String,
}

pub async fn edit_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let author = AuthorId::from_request(&req, &state.keys);
    let (comment, article, secs_left) = intake::own_editable(&state, *path, author.as_ref()).await?;
    let page = edit_page(&state, &article, comment.id, comment.body_md, None, secs_left);
    Ok(html(StatusCode::OK, page.render().map_err(|e| AppError::internal(e.to_string()))?))
}

fn edit_page(
    state: &AppState,
    article: &crate::domain::article::Article,
    id: i64,
    body: String,
    body_error: Option<String>,
    secs_left: i64,
) -> EditPage {
    let tr = tr_for(state, article);
    EditPage {
        tr,
        layout: state.layout(),
        head: HeadMeta {
            title: tr.t("edit-title"),
            description: String::new(),
            canonical: String::new(),
            og_type: "website",
            published_iso: None,
            json_ld: None,
        },
        slug: article.slug.clone(),
        article_title: article.title.clone(),
        comment_id: id,
        body,
        body_error,
        minutes_left: (secs_left / 60).max(1),
    }
}

pub async fn edit(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    require_content_type(&req, "application/x-www-form-urlencoded", "the edit form")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let data: EditFormData = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}")))?;
    let author = AuthorId::from_request(&req, &state.keys);
    let (comment, article, secs_left) = intake::own_editable(&state, *path, author.as_ref()).await?;
    let base = view_of(&req, &article, None).base(state.base_path(), &article.slug);
    match intake::edit(&state, &article, &comment, &data.body).await {
        Ok(Outcome::Published(id)) => Ok(see_other(&format!("{base}?notice=edited#comment-{id}"))),
        Ok(Outcome::Held(id)) => Ok(see_other(&format!("{base}?notice=held#comment-{id}"))),
        Err(AppError::Validation(errors)) => {
            let tr = tr_for(&state, &article);
            let msg = errors.iter().map(|e| tr.field_error(e)).collect::<Vec<_>>().join(" ");
            let page = edit_page(&state, &article, comment.id, data.body, Some(msg), secs_left);
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page.render().map_err(|e| AppError::internal(e.to_string()))?))
        }
        Err(e) => Err(e),
    }
}

pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    require_same_origin(&req, &state.public_origin)?;
    let author = AuthorId::from_request(&req, &state.keys);
    let (comment, article, _) = intake::own_editable(&state, *path, author.as_ref()).await?;
    intake::delete(&state, comment.id).await?;
    let base = view_of(&req, &article, None).base(state.base_path(), &article.slug);
    Ok(see_other(&format!("{base}?notice=deleted#comments")))
}
