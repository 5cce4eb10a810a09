//! Request bodies read with a hard size limit and a required content type, so every failure gets
//! the right status (413, 415) and our own message.
use actix_web::HttpRequest;
use actix_web::web::{Bytes, BytesMut, Payload};
use futures_util::StreamExt;

use crate::error::AppError;

pub const MAX_BODY: usize = 64 * 1024;

pub fn require_content_type(req: &HttpRequest, expected: &str, what: &str) -> Result<(), AppError> {
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == expected {
        Ok(())
    } else if essence.is_empty() {
        Err(AppError::UnsupportedMediaType(format!("Send {what} with Content-Type: {expected}.")))
    } else {
        Err(AppError::UnsupportedMediaType(format!(
            "Content-Type {essence} is not accepted here; send {what} as {expected}."
        )))
    }
}

pub async fn read_limited(req: &HttpRequest, mut payload: Payload) -> Result<Bytes, AppError> {
    if let Some(len) =
        req.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok())
        && len > MAX_BODY
    {
        return Err(AppError::PayloadTooLarge(MAX_BODY));
    }
    let mut buf = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("The request body could not be read: {e}")))?;
        if buf.len() + chunk.len() > MAX_BODY {
            return Err(AppError::PayloadTooLarge(MAX_BODY));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
