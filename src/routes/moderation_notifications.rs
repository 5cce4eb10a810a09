//! The console's Notifications page: each moderator chooses the address mail goes to and what
//! is sent (every held threat at once, a digest of the queue, or nothing).
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::moderation::{Form, Nav, NoticeQuery, notice_text, render, see_other};
use crate::auth::session::ModeratorSession;
use crate::domain::email::{DIGEST_MINUTES, Notify, NotifyPrefs};
use crate::error::AppError;
use crate::startup::AppState;
use crate::templates::Layout;

#[derive(Template)]
#[template(path = "moderation/notifications.html")]
pub struct NotificationsPage {
    pub layout: Layout,
    pub tr: crate::i18n::Tr,
    pub nav: Nav,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// Whether `[email] smtp_url` is set: without it nothing is sent, whatever is chosen.
    pub mail_on: bool,
    pub email: String,
    pub notify: &'static str,
    pub digest_minutes: String,
    pub minutes_min: u32,
    pub minutes_max: u32,
}

fn page(state: &AppState, s: &ModeratorSession, prefs: &NotifyPrefs) -> NotificationsPage {
    NotificationsPage {
        layout: state.layout(),
        tr: state.tr,
        nav: Nav::new(s, "notifications"),
        notice: None,
        error: None,
        mail_on: state.notifier.is_some(),
        email: prefs.email.as_ref().map(|e| e.as_str().to_string()).unwrap_or_default(),
        notify: prefs.notify.as_str(),
        digest_minutes: prefs.digest_minutes.to_string(),
        minutes_min: *DIGEST_MINUTES.start(),
        minutes_max: *DIGEST_MINUTES.end(),
    }
}

pub async fn show(
    state: web::Data<AppState>,
    s: ModeratorSession,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let prefs = state.store.notify_prefs(s.moderator.id).await?;
    let mut p = page(&state, &s, &prefs);
    p.notice = notice_text(state.tr, query.notice.as_deref(), None);
    render(StatusCode::OK, &p)
}

/// Saves the signed-in moderator's choice; a choice that does not hold together comes back with
/// what was typed and a sentence saying why (422), and nothing is stored.
pub async fn save(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    match NotifyPrefs::new(form.get("email"), form.get("notify"), form.get("digest_minutes")) {
        Ok(prefs) => {
            state.store.set_notify_prefs(s.moderator.id, prefs).await?;
            Ok(see_other(&state, "/moderation/notifications?notice=saved"))
        }
        Err(refused) => {
            let mut p = page(&state, &s, &NotifyPrefs::default());
            p.error = Some(refused.message_in(state.tr));
            p.email = form.get("email").to_string();
            p.notify = Notify::parse(form.get("notify")).unwrap_or(Notify::None).as_str();
            p.digest_minutes = form.get("digest_minutes").to_string();
            render(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
    }
}
