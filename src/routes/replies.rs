//! The pages reply-notification mails link to: confirm the subscription (a page with a button,
//! since mail scanners follow links), and unsubscribe (one click from the mail client, RFC 8058,
//! or the button on the page). The signed link is the only credential. The links name the
//! language of their mail (`lang`, the article's), and the pages are shown in it.
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::replies::{CONFIRM, UNSUBSCRIBE, verify};
use crate::routes::moderation::render;
use crate::startup::AppState;
use crate::templates::Layout;

#[derive(Template)]
#[template(path = "replies.html")]
pub struct RepliesPage {
    pub layout: Layout,
    pub tr: Tr,
    pub heading: String,
    pub message: String,
    /// The form's action and its button, when the page asks to confirm.
    pub action: Option<String>,
    pub button: String,
    pub token: String,
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub s: String,
    /// The mail's language; the site's when absent or not a shipped one.
    pub lang: Option<String>,
}

impl TokenQuery {
    fn tr(&self, state: &AppState) -> Tr {
        self.lang.as_deref().and_then(|l| Tr::new(l).ok()).unwrap_or(state.tr)
    }

    /// `?lang=` to carry on to the next page.
    fn lang_param(&self, tr: Tr) -> String {
        if self.lang.is_some() { format!("lang={}", tr.lang()) } else { String::new() }
    }
}

/// A page with a heading and a sentence: the messages `{prefix}-heading` and `{prefix}-text`.
fn page(state: &AppState, tr: Tr, status: StatusCode, prefix: &str) -> Result<HttpResponse, AppError> {
    let p = RepliesPage {
        layout: state.layout(),
        tr,
        heading: tr.t(&format!("{prefix}-heading")),
        message: tr.t(&format!("{prefix}-text")),
        action: None,
        button: String::new(),
        token: String::new(),
    };
    render(status, &p)
}

fn invalid(state: &AppState, tr: Tr) -> Result<HttpResponse, AppError> {
    page(state, tr, StatusCode::BAD_REQUEST, "replies-invalid")
}

/// `GET /replies/confirm?s=`: asks to confirm.
pub async fn confirm_form(state: web::Data<AppState>, q: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    let tr = q.tr(&state);
    if verify(&state.keys, CONFIRM, &q.s).is_none() {
        return invalid(&state, tr);
    }
    let lang = q.lang_param(tr);
    let p = RepliesPage {
        layout: state.layout(),
        tr,
        heading: tr.t("replies-confirm-heading"),
        message: tr.t("replies-confirm-text"),
        action: Some(state.path(&if lang.is_empty() {
            "/replies/confirm".to_string()
        } else {
            format!("/replies/confirm?{lang}")
        })),
        button: tr.t("replies-confirm-button"),
        token: q.s.clone(),
    };
    render(StatusCode::OK, &p)
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub s: String,
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

/// `POST /replies/confirm` (`s`): confirms.
pub async fn confirm(
    state: web::Data<AppState>,
    q: web::Query<LangQuery>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let tr = q.lang.as_deref().and_then(|l| Tr::new(l).ok()).unwrap_or(state.tr);
    let Some(id) = verify(&state.keys, CONFIRM, &form.s) else { return invalid(&state, tr) };
    let now = OffsetDateTime::now_utc().unix_timestamp();
    if state.store.confirm_reply_subscription(id, now).await? {
        page(&state, tr, StatusCode::OK, "replies-confirmed")
    } else {
        page(&state, tr, StatusCode::NOT_FOUND, "replies-nothing")
    }
}

/// `GET /replies/unsubscribe?s=`: the page with the button, for mail programs that open the link.
pub async fn unsubscribe_form(state: web::Data<AppState>, q: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    let tr = q.tr(&state);
    if verify(&state.keys, UNSUBSCRIBE, &q.s).is_none() {
        return invalid(&state, tr);
    }
    let lang = q.lang_param(tr);
    let p = RepliesPage {
        layout: state.layout(),
        tr,
        heading: tr.t("replies-stop-heading"),
        message: tr.t("replies-stop-text"),
        action: Some(state.path(&format!(
            "/replies/unsubscribe?s={}{}{lang}",
            url::form_urlencoded::byte_serialize(q.s.as_bytes()).collect::<String>(),
            if lang.is_empty() { "" } else { "&" },
        ))),
        button: tr.t("replies-stop-button"),
        token: q.s.clone(),
    };
    render(StatusCode::OK, &p)
}

/// `POST /replies/unsubscribe?s=`: one click, from the mail program (`List-Unsubscribe-Post`) or
/// the page; the address is deleted. Done twice, the answer is the same.
pub async fn unsubscribe(state: web::Data<AppState>, q: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    let tr = q.tr(&state);
    let Some(id) = verify(&state.keys, UNSUBSCRIBE, &q.s) else { return invalid(&state, tr) };
    state.store.remove_reply_subscription(id).await?;
    page(&state, tr, StatusCode::OK, "replies-stopped")
}
