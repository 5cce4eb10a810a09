//! The one error type, and the one place errors become responses: an HTML page for browsers
//! ([`AppError`]) or JSON for `/api` ([`ApiError`]). 4xx carry a message for the person;
//! 5xx are opaque to the client and logged with their cause.
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use serde::Serialize;

use crate::domain::comment::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    #[error("The request body is larger than the {0} bytes allowed.")]
    PayloadTooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("Too many requests; please wait {retry_after} seconds before trying again.")]
    RateLimited { retry_after: u64 },
    #[error("Please sign in.")]
    Unauthorized,
    /// A console page without a valid session: browsers are sent to the sign-in page.
    #[error("Please sign in to the moderation console.")]
    LoginRequired,
    /// The same answer whether the account exists or not.
    #[error("Wrong name or password.")]
    LoginFailed,
    #[error("The service is temporarily unavailable.")]
    Unavailable,
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database error: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// The PostgreSQL pool could not hand out a connection (server gone, pool timed out).
    #[error("database pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(msg: impl Into<String>) -> Self {
        AppError::Internal(msg.into())
    }

    /// The message shown to the person; 5xx never reveal their cause.
    pub fn public_message(&self) -> String {
        match self {
            AppError::NotFound(what) => format!("We could not find that {what}."),
            AppError::Validation(errs) => errs.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(" "),
            AppError::Database(_) | AppError::Postgres(_) | AppError::Pool(_) | AppError::Internal(_) => {
                "Something went wrong on our side. Please try again in a moment.".into()
            }
            other => other.to_string(),
        }
    }

    /// The message shown to the person, in the page's language. Messages built from free text
    /// elsewhere in the code are matched to their catalogue entry; one that has none is shown
    /// as written.
    pub fn message_in(&self, tr: crate::i18n::Tr) -> String {
        match self {
            AppError::NotFound(what) => tr.a("error-not-found", "what", *what),
            AppError::Validation(errs) => errs.iter().map(|e| tr.field_error(e)).collect::<Vec<_>>().join(" "),
            AppError::PayloadTooLarge(n) => tr.a("error-too-large", "bytes", *n),
            AppError::RateLimited { retry_after } => tr.n("error-rate-limited", *retry_after),
            AppError::Unauthorized => tr.t("error-sign-in"),
            AppError::LoginRequired => tr.t("error-console-sign-in"),
            AppError::LoginFailed => tr.t("error-login-failed"),
            AppError::Unavailable => tr.t("error-unavailable"),
            AppError::BadRequest(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::UnsupportedMediaType(m) => crate::i18n::known_message(tr, m).unwrap_or_else(|| m.clone()),
            AppError::Database(_) | AppError::Postgres(_) | AppError::Pool(_) | AppError::Internal(_) => {
                tr.t("error-server")
            }
        }
    }

    fn log(&self) {
        if self.status_code().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unauthorized | AppError::LoginFailed => StatusCode::UNAUTHORIZED,
            AppError::LoginRequired => StatusCode::SEE_OTHER,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) =>
            {
                StatusCode::SERVICE_UNAVAILABLE
            }
            // A pool that cannot reach the server: the node is up, its database is not.
            AppError::Pool(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Postgres(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        if let AppError::LoginRequired = self {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, LOGIN_PATH))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .finish();
        }
        let status = self.status_code();
        // English here, where no request is at hand; `routes::error_pages` renders the page again
        // in the site's language.
        let tr = crate::i18n::Tr::english();
        let page = crate::templates::ErrorPage::new(status, self.message_in(tr), tr);
        let body = page.render().unwrap_or_else(|_| self.public_message());
        let mut resp = HttpResponse::build(status);
        resp.content_type("text/html; charset=utf-8");
        with_retry_after(&mut resp, self);
        resp.body(body)
    }
}

fn with_retry_after(resp: &mut actix_web::HttpResponseBuilder, err: &AppError) {
    if let AppError::RateLimited { retry_after } = err {
        resp.insert_header((header::RETRY_AFTER, HeaderValue::from(*retry_after)));
    }
}

/// Where [`AppError::LoginRequired`] sends browsers; `routes::error_pages` puts it under
/// `[server] base_path`.
pub const LOGIN_PATH: &str = "/moderation/login";

/// The same errors, answered as JSON for API clients.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub AppError);

#[derive(Serialize)]
pub(crate) struct ErrorBody<'a> {
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<&'a [FieldError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError(AppError::from(e))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self.0 {
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            _ => self.0.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log();
        let body = ErrorBody {
            error: self.0.public_message(),
            errors: match &self.0 {
                AppError::Validation(errs) => Some(errs),
                _ => None,
            },
            retry_after: match &self.0 {
                AppError::RateLimited { retry_after } => Some(*retry_after),
                _ => None,
            },
        };
        let mut resp = HttpResponse::build(self.status_code());
        with_retry_after(&mut resp, &self.0);
        if matches!(self.0, AppError::LoginRequired | AppError::Unauthorized) {
            resp.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"commentdesk\""));
        }
        resp.json(body)
    }
}
