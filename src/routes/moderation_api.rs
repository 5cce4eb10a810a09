//! The moderation JSON API, authenticated by the console's session cookie or by a bearer token
//! (`commentdesk moderator token NAME`). Cookie-authenticated calls must come from this site:
//! a cross-origin `Origin` or `Sec-Fetch-Site: cross-site` is refused (403), and bodies must be
//! `application/json`, which a cross-site form cannot send.
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::session;
use crate::console;
use crate::domain::comment::{AuthorName, CommentStatus};
use crate::domain::moderator::{Action, Moderator, RejectReason};
use crate::error::{ApiError, AppError};
use crate::routes::body::{read_limited, require_content_type};
use crate::startup::AppState;
use crate::store::sqlite::queue::{Filter, Queue};
use crate::templates::iso;

fn refuse_cross_site(req: &HttpRequest, state: &AppState) -> Result<(), AppError> {
    crate::http::origin::require_same_origin(req, &state.public_origin)
        .map_err(|_| AppError::Forbidden("Cross-site requests are refused.".into()))
}

/// The moderator behind an API call: a bearer token, else the session cookie (same site only).
pub(super) async fn authenticate(state: &AppState, req: &HttpRequest) -> Result<Moderator, AppError> {
    if let Some(m) = session::bearer(state, req).await? {
        return Ok(m);
    }
    refuse_cross_site(req, state)?;
    match session::load(state, req).await? {
        Some(s) => Ok(s.moderator),
        None => Err(AppError::LoginRequired),
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::BadRequest(format!("The JSON body could not be read: {e}")))
}

#[derive(Debug, Deserialize)]
pub struct SessionJson {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
}

#[derive(Serialize)]
struct SessionAnswer {
    username: String,
    role: &'static str,
}

pub async fn create_session(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    require_content_type(&req, "application/json", "the sign-in")?;
    refuse_cross_site(&req, &state)?;
    let bytes = read_limited(&req, payload).await?;
    let input: SessionJson = parse_json(&bytes)?;
    let https = state.settings.is_https();
    let previous = req.cookie(session::cookie_name(https, state.base_path())).map(|c| c.value().to_string());
    let (m, token) = session::login(&state, &req, &input.username, &input.password, previous.as_deref()).await?;
    let mut resp = HttpResponse::Ok().json(SessionAnswer { username: m.name, role: m.role.as_str() });
    resp.add_cookie(&session::cookie(&token, https, state.base_path()))
        .map_err(|e| AppError::internal(e.to_string()))?;
    Ok(resp)
}

#[derive(Debug, Deserialize)]
pub struct QueueParams {
    pub status: Option<String>,
}

#[derive(Serialize)]
struct ReasonJson {
    code: String,
    message: String,
}

#[derive(Serialize)]
struct QueueComment {
    id: i64,
    article_slug: String,
    author: String,
    body_html: String,
    status: &'static str,
    reasons: Vec<ReasonJson>,
    reports: i64,
    created_at: String,
}

#[derive(Serialize)]
struct QueueAnswer {
    comments: Vec<QueueComment>,
}

pub async fn queue(
    state: web::Data<AppState>,
    req: HttpRequest,
    params: web::Query<QueueParams>,
) -> Result<HttpResponse, ApiError> {
    authenticate(&state, &req).await?;
    let queue = match params.status.as_deref() {
        None => Queue::Pending,
        Some(s) => Queue::parse(s).ok_or_else(|| {
            AppError::BadRequest("status must be pending, reported, approved, rejected or spam.".into())
        })?,
    };
    let mut filter = Filter::new(queue);
    filter.limit = state.settings.moderation_console.page_size.max(200);
    let items = state.store.queue(filter).await?;
    let comments = items
        .into_iter()
        .map(|i| QueueComment {
            id: i.id,
            article_slug: i.article_slug,
            author: AuthorName::display(&i.author_name).to_string(),
            body_html: i.body_html.as_str().to_string(),
            status: i.status.as_str(),
            reasons: i.reasons.into_iter().map(|r| ReasonJson { code: r.code, message: r.message }).collect(),
            reports: i.open_reports,
            created_at: iso(
                time::OffsetDateTime::from_unix_timestamp(i.created_at).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            ),
        })
        .collect();
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(QueueAnswer { comments }))
}

#[derive(Debug, Deserialize)]
pub struct DecisionJson {
    pub action: Option<String>,
    pub reason: Option<String>,
    /// Optional: the status the caller saw; when given, a different current status is a 409.
    pub expected_status: Option<String>,
}

#[derive(Serialize)]
struct DecisionAnswer {
    id: i64,
    status: &'static str,
}

pub async fn decision(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let moderator = authenticate(&state, &req).await?;
    require_content_type(&req, "application/json", "the decision")?;
    let bytes = read_limited(&req, payload).await?;
    let input: DecisionJson = parse_json(&bytes)?;
    let action = input
        .action
        .as_deref()
        .and_then(Action::parse)
        .filter(|a| *a != Action::Ban)
        .ok_or_else(|| AppError::BadRequest("action must be approve, reject or spam.".into()))?;
    let reason = match (action, input.reason.as_deref().map(str::trim).filter(|r| !r.is_empty())) {
        (Action::Reject, Some(r)) => RejectReason::parse(r)
            .ok_or_else(|| AppError::BadRequest("reason must be spam, abuse, off-topic or other.".into()))?
            .as_str()
            .to_string(),
        (Action::Reject, None) => RejectReason::Other.as_str().to_string(),
        (Action::Spam, _) => "spam".to_string(),
        (_, r) => r.unwrap_or_default().chars().take(200).collect(),
    };
    let expected = match input.expected_status.as_deref() {
        None => None,
        Some(s) => Some(
            CommentStatus::parse(s)
                .ok_or_else(|| AppError::BadRequest("expected_status is not a comment status.".into()))?,
        ),
    };
    let request = console::Request { id: *path, action, expected };
    let mut results = console::decide(&state, &moderator, vec![request], &reason).await?;
    match results.pop() {
        Some(Ok(d)) => Ok(HttpResponse::Ok().json(DecisionAnswer { id: d.id, status: d.status.as_str() })),
        Some(Err(e)) => Err(e.into()),
        None => Err(AppError::internal("no decision result").into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct FeatureJson {
    pub featured: Option<bool>,
}

#[derive(Serialize)]
struct FeatureAnswer {
    id: i64,
    featured: bool,
}

/// `POST /api/moderation/comments/{id}/feature` `{"featured": true|false}`: the console's
/// editors'-pick button for scripts and newsroom tools. The audit log records it as from the
/// console.
pub async fn feature(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let moderator = authenticate(&state, &req).await?;
    require_content_type(&req, "application/json", "the pick")?;
    let bytes = read_limited(&req, payload).await?;
    let input: FeatureJson = parse_json(&bytes)?;
    let featured = input.featured.ok_or_else(|| AppError::BadRequest("featured must be true or false.".into()))?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    state.store.set_featured(*path, featured, &moderator.name, now).await?;
    Ok(HttpResponse::Ok().json(FeatureAnswer { id: *path, featured }))
}
