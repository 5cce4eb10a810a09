//! The pages reply-notification mails link to: confirm the subscription (a page with a button,
//! since mail scanners follow links), and unsubscribe (one click from the mail client, RFC 8058,
//! or the button on the page). The signed link is the only credential.
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::mail::replies::{CONFIRM, UNSUBSCRIBE, verify};
use crate::routes::moderation::render;
use crate::startup::AppState;
use crate::templates::Layout;

#[derive(Template)]
#[template(path = "replies.html")]
pub struct RepliesPage {
    pub layout: Layout,
    pub tr: crate::i18n::Tr,
    pub heading: &'static str,
    pub message: &'static str,
    /// The form's action and its button, when the page asks to confirm.
    pub action: Option<String>,
    pub button: &'static str,
    pub token: String,
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub s: String,
}

fn page(
    state: &AppState,
    status: StatusCode,
    heading: &'static str,
    message: &'static str,
) -> Result<HttpResponse, AppError> {
    let p = RepliesPage {
        layout: state.layout(),
        tr: state.tr,
        heading,
        message,
        action: None,
        button: "",
        token: String::new(),
    };
    render(status, &p)
}

fn invalid(state: &AppState) -> Result<HttpResponse, AppError> {
    page(
        state,
        StatusCode::BAD_REQUEST,
        "This link is not valid",
        "The link may have been cut off by your mail program. Copy the whole link from the mail into the address bar.",
    )
}

/// `GET /replies/confirm?s=`: asks to confirm.
pub async fn confirm_form(state: web::Data<AppState>, q: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    if verify(&state.keys, CONFIRM, &q.s).is_none() {
        return invalid(&state);
    }
    let p = RepliesPage {
        layout: state.layout(),
        tr: state.tr,
        heading: "Tell me about replies",
        message: "Confirm that you want a mail when someone replies to your comment. You can stop them from any of those mails.",
        action: Some(state.path("/replies/confirm")),
        button: "Confirm",
        token: q.s.clone(),
    };
    render(StatusCode::OK, &p)
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub s: String,
}

/// `POST /replies/confirm` (`s`): confirms.
pub async fn confirm(state: web::Data<AppState>, form: web::Form<TokenForm>) -> Result<HttpResponse, AppError> {
    let Some(id) = verify(&state.keys, CONFIRM, &form.s) else { return invalid(&state) };
    let now = OffsetDateTime::now_utc().unix_timestamp();
    if state.store.confirm_reply_subscription(id, now).await? {
        page(&state, StatusCode::OK, "Confirmed", "You will get a mail when someone replies to your comment.")
    } else {
        page(
            &state,
            StatusCode::NOT_FOUND,
            "Nothing to confirm",
            "This request was withdrawn, or its comment was removed.",
        )
    }
}

/// `GET /replies/unsubscribe?s=`: the page with the button, for mail programs that open the link.
pub async fn unsubscribe_form(state: web::Data<AppState>, q: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    if verify(&state.keys, UNSUBSCRIBE, &q.s).is_none() {
        return invalid(&state);
    }
    let p = RepliesPage {
        layout: state.layout(),
        tr: state.tr,
        heading: "Stop reply mails",
        message: "Stop the mails about replies to your comment. Your address is deleted.",
        action: Some(state.path(&format!(
            "/replies/unsubscribe?s={}",
            url::form_urlencoded::byte_serialize(q.s.as_bytes()).collect::<String>()
        ))),
        button: "Stop these mails",
        token: q.s.clone(),
    };
    render(StatusCode::OK, &p)
}

/// `POST /replies/unsubscribe?s=`: one click, from the mail program (`List-Unsubscribe-Post`) or
/// the page; the address is deleted. Done twice, the answer is the same.
pub async fn unsubscribe(state: web::Data<AppState>, q: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    let Some(id) = verify(&state.keys, UNSUBSCRIBE, &q.s) else { return invalid(&state) };
    state.store.remove_reply_subscription(id).await?;
    page(
        &state,
        StatusCode::OK,
        "Unsubscribed",
        "You will get no more mails about replies to this comment, and your address is deleted.",
    )
}
