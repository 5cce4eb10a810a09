//! "Report" on a published comment: a form page that works without JavaScript, and the JSON API.
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use crate::domain::comment::{Comment, CommentStatus};
use crate::domain::report::{NewReport, ReportReason};
use crate::error::{ApiError, AppError};
use crate::http::author::AuthorId;
use crate::http::client_ip::client_ip;
use crate::http::origin::require_same_origin;
use crate::routes::articles::html;
use crate::routes::body::{read_limited, require_content_type};
use crate::startup::AppState;
use crate::templates::{ReasonChoice, ReportPage};

#[derive(Debug, Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// The comment, if readers can see it (only published comments can be reported).
async fn visible_comment(state: &AppState, id: i64) -> Result<(Comment, crate::domain::article::Article), AppError> {
    let found = match state.store.comment_by_id(id).await? {
        Some(comment) => state.store.article_by_id(comment.article_id).await?.map(|a| (comment, a)),
        None => None,
    };
    match found {
        Some((c, a)) if c.status == CommentStatus::Published => Ok((c, a)),
        Some((c, _)) if c.status == CommentStatus::Pending => {
            Err(AppError::Conflict("This comment is already waiting for a moderator.".into()))
        }
        _ => Err(AppError::NotFound("comment")),
    }
}

fn page(
    state: &AppState,
    comment: &Comment,
    article: &crate::domain::article::Article,
    form: &ReportForm,
    errors: (Option<String>, Option<String>, Option<String>),
) -> Result<String, AppError> {
    let tr = crate::routes::articles::tr_for(state, article);
    let p = ReportPage {
        tr,
        layout: state.layout(),
        slug: article.slug.clone(),
        article_title: article.title.clone(),
        comment_id: comment.id,
        comment_author: if comment.author.is_empty() { tr.t("anonymous") } else { comment.author.clone() },
        comment_html: comment.body_html.clone(),
        reasons: ReportReason::ALL
            .iter()
            .map(|r| ReasonChoice {
                value: r.as_str(),
                label: tr.t(&format!("reason-{}", r.as_str())),
                checked: form.reason == r.as_str(),
            })
            .collect(),
        note: form.note.clone(),
        reason_error: errors.0,
        note_error: errors.1,
        form_error: errors.2,
    };
    p.render().map_err(|e| AppError::internal(format!("template: {e}")))
}

pub async fn form(state: web::Data<AppState>, path: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let (comment, article) = visible_comment(&state, *path).await?;
    Ok(html(StatusCode::OK, page(&state, &comment, &article, &ReportForm::default(), (None, None, None))?))
}

pub async fn submit_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    require_content_type(&req, "application/x-www-form-urlencoded", "the report form")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let form: ReportForm = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}")))?;
    let (comment, article) = visible_comment(&state, *path).await?;
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);
    if let Err(AppError::RateLimited { retry_after }) = crate::reports::check_limit(&state, ip) {
        let msg = crate::routes::articles::tr_for(&state, &article).n("notice-reporting-too-fast", retry_after);
        let mut resp =
            html(StatusCode::TOO_MANY_REQUESTS, page(&state, &comment, &article, &form, (None, None, Some(msg)))?);
        resp.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
        return Ok(resp);
    }
    let report = match NewReport::parse(&form.reason, &form.note) {
        Ok(r) => r,
        Err(errors) => {
            let tr = crate::routes::articles::tr_for(&state, &article);
            let mut e = (None, None, None);
            for err in errors {
                match err.field {
                    "reason" => e.0 = Some(tr.field_error(&err)),
                    _ => e.1 = Some(tr.field_error(&err)),
                }
            }
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page(&state, &comment, &article, &form, e)?));
        }
    };
    let existing = AuthorId::from_request(&req, &state.keys);
    let author = existing.clone().unwrap_or_else(AuthorId::generate);
    let reporter = crate::reports::reporter_keys(&state, existing.as_ref(), ip);
    let base = crate::routes::embed::view_of(&req, &article, None).base(state.base_path(), &article.slug);
    let target = match crate::reports::file(&state, comment.id, reporter, report).await {
        Ok(filed) if filed.hidden => format!("{base}?notice=reported#comments"),
        Ok(_) => format!("{base}?notice=reported#comment-{}", comment.id),
        Err(AppError::Conflict(_)) => format!("{base}?notice=already_reported#comment-{}", comment.id),
        Err(e) => return Err(e),
    };
    let mut resp = HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish();
    if existing.is_none() {
        author.set_cookies(&mut resp, &state.keys, state.settings.is_https(), state.base_path());
    }
    Ok(resp)
}

#[derive(Debug, Deserialize)]
pub struct ReportJson {
    pub reason: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
struct FiledJson {
    id: i64,
    comment_id: i64,
    status: &'static str,
}

pub async fn submit_api(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    require_content_type(&req, "application/json", "reports")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let input: ReportJson = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::BadRequest(format!("The JSON body could not be read: {e}")))?;
    let (comment, _) = visible_comment(&state, *path).await?;
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);
    crate::reports::check_limit(&state, ip)?;
    let report = NewReport::parse(input.reason.as_deref().unwrap_or(""), input.note.as_deref().unwrap_or(""))
        .map_err(AppError::Validation)?;
    let author = AuthorId::from_request(&req, &state.keys);
    let reporter = crate::reports::reporter_keys(&state, author.as_ref(), ip);
    let filed = crate::reports::file(&state, comment.id, reporter, report).await?;
    Ok(HttpResponse::Created().json(FiledJson { id: filed.report_id, comment_id: comment.id, status: "received" }))
}
