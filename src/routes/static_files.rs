//! Compiled-in static files with ETags; fingerprinted names are cached for a year.
use actix_web::{HttpRequest, HttpResponse, web};

use crate::assets;
use crate::error::AppError;

pub async fn serve(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (asset, immutable) = assets::lookup(&path).ok_or(AppError::NotFound("file"))?;
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=300, must-revalidate" };
    let matches = req
        .headers()
        .get("if-none-match")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == asset.etag || t.trim() == "*"));
    let mut resp = if matches { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    resp.insert_header(("ETag", asset.etag.as_str())).insert_header(("Cache-Control", cache));
    if matches { Ok(resp.finish()) } else { Ok(resp.content_type(asset.content_type).body(asset.bytes)) }
}
