//! Error responses in the site's language. [`AppError`] turns into a response where no request
//! is at hand, so it writes English; this middleware, which sees the application state, writes
//! the page (or the API's JSON message) again in `[site] language`, keeping status and headers.
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, LOCATION};
use actix_web::middleware::Next;
use actix_web::{Error, web};
use askama::Template;

use crate::error::{ApiError, AppError, ErrorBody};
use crate::startup::AppState;
use crate::templates::ErrorPage;

pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let res = next.call(req).await?.map_into_boxed_body();
    let Some(state) = state else { return Ok(res) };
    let tr = state.tr;
    let status = res.status();
    // The sign-in redirect is written where no state is at hand: put it under the base path.
    let mut res = res;
    if matches!(res.response().error().and_then(|e| e.as_error::<AppError>()), Some(AppError::LoginRequired))
        && let Ok(v) = HeaderValue::from_str(&state.path(crate::error::LOGIN_PATH))
    {
        res.headers_mut().insert(LOCATION, v);
    }
    let body = match res.response().error() {
        Some(e) if status.as_u16() >= 400 => {
            if let Some(err) = e.as_error::<AppError>() {
                let page = ErrorPage::new(status, err.message_in(tr), tr).with_layout(state.layout());
                page.render().ok()
            } else if let Some(ApiError(err)) = e.as_error::<ApiError>() {
                let errors: Option<Vec<_>> = match err {
                    AppError::Validation(errs) => Some(
                        errs.iter()
                            .map(|f| crate::domain::comment::FieldError { message: tr.field_error(f), ..f.clone() })
                            .collect(),
                    ),
                    _ => None,
                };
                let retry_after = match err {
                    AppError::RateLimited { retry_after } => Some(*retry_after),
                    _ => None,
                };
                serde_json::to_string(&ErrorBody { error: err.message_in(tr), errors: errors.as_deref(), retry_after })
                    .ok()
            } else {
                None
            }
        }
        _ => None,
    };
    let Some(body) = body else { return Ok(res) };
    // A redirect to sign in and other bodiless answers stay as they are.
    if !res.headers().contains_key(CONTENT_TYPE) {
        return Ok(res);
    }
    Ok(res.map_body(|head, _| {
        head.headers.remove(CONTENT_LENGTH);
        BoxBody::new(body)
    }))
}
