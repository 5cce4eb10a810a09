//! Live pages: the article's event stream, the comments a live page inserts, and the
//! moderators' stream (see `crate::live`).
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::Stream;
use serde::Deserialize;

use crate::domain::comment::CommentStatus;
use crate::error::AppError;
use crate::http::author::AuthorId;
use crate::live::{RETRY_AFTER_SECS, Refused};
use crate::routes::articles::{find_article, html};
use crate::startup::AppState;
use crate::templates::View;

#[derive(Debug, Default, Deserialize)]
pub struct EventsQuery {
    /// The newest event the page shows (from the page itself); `Last-Event-ID` wins after a
    /// reconnect.
    pub after: Option<i64>,
}

fn sse<S>(stream: S) -> HttpResponse
where
    S: Stream<Item = Result<Bytes, AppError>> + 'static,
{
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache, no-transform"))
        // Set, so the compression middleware leaves the stream alone: it would hold events back.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        // Proxies (nginx) would otherwise buffer the stream.
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream)
}

fn refused(r: Refused) -> Result<HttpResponse, AppError> {
    match r {
        Refused::Disabled => Err(AppError::NotFound("page")),
        Refused::Full => Ok(HttpResponse::ServiceUnavailable()
            .insert_header((header::RETRY_AFTER, RETRY_AFTER_SECS.to_string()))
            .content_type("text/plain; charset=utf-8")
            .body("Too many live pages are open; this page works without updates.")),
    }
}

/// `GET /articles/{slug}/events`
pub async fn article_events(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<EventsQuery>,
) -> Result<HttpResponse, AppError> {
    if !state.live.enabled() {
        return Err(AppError::NotFound("page"));
    }
    let article = find_article(&state, &path).await?;
    let resumed =
        req.headers().get("Last-Event-ID").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<i64>().ok());
    match state.live.article_stream(article.id, resumed.or(query.after)).await? {
        Ok(stream) => Ok(sse(stream)),
        Err(r) => refused(r),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FragmentQuery {
    /// Comma-separated comment ids.
    pub ids: String,
    /// The section's view (`embed`, `page` or none), so links stay where the page is.
    pub view: Option<String>,
}

/// Most comments one fragment holds.
const FRAGMENT_MAX: usize = 100;

/// `GET /articles/{slug}/live/comments?ids=1,2`: the published ones among these comments,
/// rendered as the page renders them. Held, refused and deleted ones are left out.
pub async fn fragment(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<FragmentQuery>,
) -> Result<HttpResponse, AppError> {
    let article = find_article(&state, &path).await?;
    let mut ids = Vec::new();
    for part in query.ids.split(',').filter(|p| !p.trim().is_empty()) {
        let id = part.trim().parse::<i64>().map_err(|_| AppError::BadRequest("ids: comment numbers only".into()))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() > FRAGMENT_MAX {
        return Err(AppError::BadRequest(format!("ids: at most {FRAGMENT_MAX} comments at once")));
    }
    ids.sort_unstable();
    let mut comments = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(c) = state.store.comment_by_id(id).await?
            && c.article_id == article.id
            && c.status == CommentStatus::Published
        {
            comments.push(c);
        }
    }
    let viewer = AuthorId::from_request(&req, &state.keys);
    let view = View::from_field(query.view.as_deref());
    let body = crate::routes::articles::live_fragment(&state, &article, comments, viewer.as_ref(), view)?;
    Ok(html(actix_web::http::StatusCode::OK, body))
}

/// `GET /moderation/events`: moderators only (a console session or an API token).
pub async fn console_events(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    if !state.live.enabled() {
        return Err(AppError::NotFound("page"));
    }
    let signed_in = crate::auth::session::load(&state, &req).await?.is_some()
        || crate::auth::session::bearer(&state, &req).await?.is_some();
    if !signed_in {
        return Err(AppError::Unauthorized);
    }
    match state.live.console_stream().await? {
        Ok(stream) => Ok(sse(stream)),
        Err(r) => refused(r),
    }
}
