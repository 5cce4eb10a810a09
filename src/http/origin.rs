//! Refuses cross-site state changes: the browser says where a request came from through
//! `Sec-Fetch-Site` (modern browsers) or `Origin`; either naming another site is refused.
use actix_web::HttpRequest;

use crate::error::AppError;

/// `public_origin` is `public_url`'s scheme, host and port (no path: browsers send none, and
/// under a `[server] base_path` the base URL has one).
pub fn require_same_origin(req: &HttpRequest, public_origin: &str) -> Result<(), AppError> {
    let refuse = || {
        Err(AppError::Forbidden(
            "This form was sent from another website, so it was refused. Please post from the article page.".into(),
        ))
    };
    if let Some(site) = req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && (site == "cross-site" || site == "same-site")
    {
        return refuse();
    }
    if let Some(origin) = req.headers().get("origin").and_then(|v| v.to_str().ok()) {
        if origin == "null" {
            return refuse();
        }
        let host = req.headers().get("host").and_then(|v| v.to_str().ok()).unwrap_or("");
        let matches_host =
            origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/') == host).unwrap_or(false);
        if !matches_host && origin.trim_end_matches('/') != public_origin {
            return refuse();
        }
    }
    Ok(())
}
