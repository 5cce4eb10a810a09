//! The console's Webhooks page (admins): the recent deliveries with their event, target, status
//! code, attempts, next attempt and last error, and a button to send one again; the same list at
//! `GET /api/moderation/webhooks`.
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use time::OffsetDateTime;

use super::moderation::{Form, Nav, notice_text, render, require_admin, see_other};
use crate::auth::session::ModeratorSession;
use crate::error::{ApiError, AppError};
use crate::startup::AppState;
use crate::templates::{Layout, iso};
use crate::webhooks::worker::shown_target;
use crate::webhooks::{Delivery, DeliveryStatus, now_ms};

/// Deliveries listed, newest first.
const SHOWN: usize = 100;

fn at(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub struct DeliveryView {
    pub id: i64,
    pub event: String,
    pub target: String,
    pub comment_id: i64,
    pub status: &'static str,
    pub code: String,
    pub attempts: i64,
    pub created_iso: String,
    pub created_human: String,
    /// For pending deliveries.
    pub next_attempt: Option<String>,
    pub last_error: String,
}

impl DeliveryView {
    fn new(d: &Delivery, now: OffsetDateTime, tr: crate::i18n::Tr) -> DeliveryView {
        let next_attempt = (d.status == DeliveryStatus::Pending).then(|| {
            let next = at(d.next_attempt_at);
            if next <= now {
                tr.t("webhooks-next-now")
            } else {
                tr.a("webhooks-next-in", "seconds", (next - now).whole_seconds().max(1))
            }
        });
        DeliveryView {
            id: d.id,
            event: d.event.clone(),
            target: shown_target(&d.target),
            comment_id: d.comment_id,
            status: d.status.as_str(),
            code: d.last_status.map_or_else(|| "–".to_string(), |c| c.to_string()),
            attempts: d.attempts,
            created_iso: iso(at(d.created_at)),
            created_human: tr.relative(at(d.created_at), now),
            next_attempt,
            last_error: d.last_error.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "moderation/webhooks.html")]
pub struct WebhooksPage {
    pub layout: Layout,
    pub tr: crate::i18n::Tr,
    pub nav: Nav,
    pub notice: Option<String>,
    pub targets: Vec<(String, String)>,
    pub deliveries: Vec<DeliveryView>,
}

pub async fn page(
    state: web::Data<AppState>,
    s: ModeratorSession,
    query: web::Query<super::moderation::NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    require_admin(&s)?;
    let now = OffsetDateTime::now_utc();
    let deliveries = state.store.webhook_deliveries(SHOWN).await?;
    let targets = state
        .webhooks
        .targets
        .iter()
        .map(|t| (shown_target(&t.url), t.events.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(", ")))
        .collect();
    let page = WebhooksPage {
        layout: state.layout(),
        tr: state.tr,
        nav: Nav::new(&s, "webhooks"),
        notice: notice_text(state.tr, query.notice.as_deref(), None),
        targets,
        deliveries: deliveries.iter().map(|d| DeliveryView::new(d, now, state.tr)).collect(),
    };
    render(StatusCode::OK, &page)
}

/// Sends a delivery again now (delivered ones too: a receiver that lost it asks), with a new
/// window of `retry_for_secs`.
pub async fn retry(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let _form = Form::read_signed_in(&req, payload, &state, &s).await?;
    if !s.moderator.is_admin() {
        return Err(AppError::Forbidden("Only admins can retry webhook deliveries.".into()));
    }
    let id = path.into_inner();
    let now = now_ms();
    let window = i64::try_from(state.webhooks.retry_for.as_millis()).unwrap_or(i64::MAX / 4);
    if !state.store.retry_webhook(id, now, now.saturating_add(window)).await? {
        return Err(AppError::NotFound("webhook delivery"));
    }
    tracing::info!(delivery = id, moderator = %s.moderator.name, "webhook delivery retried");
    Ok(see_other(&state, "/moderation/webhooks?notice=retried"))
}

/// `GET /api/moderation/webhooks`: the recent deliveries as JSON, for admins.
pub async fn api(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let moderator = super::moderation_api::authenticate(&state, &req).await?;
    if !moderator.is_admin() {
        return Err(AppError::Forbidden("Only admins can see webhook deliveries.".into()).into());
    }
    let deliveries: Vec<serde_json::Value> = state
        .store
        .webhook_deliveries(SHOWN)
        .await?
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "id": d.id,
                "webhook_id": d.msg_id,
                "event": d.event,
                "target": shown_target(&d.target),
                "comment_id": d.comment_id,
                "status": d.status,
                "status_code": d.last_status,
                "attempts": d.attempts,
                "created_at": iso(at(d.created_at)),
                "next_attempt_at": (d.status == DeliveryStatus::Pending).then(|| iso(at(d.next_attempt_at))),
                "last_error": d.last_error,
            })
        })
        .collect();
    let body = serde_json::json!({ "deliveries": deliveries });
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(body))
}
