//! Headers every response carries.
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;

/// No inline script, nothing from another origin, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// The policy of the embed's pages: as [`CSP`], but framable by exactly these origins (the
/// `[embed] allowed_origins`, validated at load); `'none'` when there are none.
pub fn embed_csp(allowed_origins: &[String]) -> String {
    let ancestors = if allowed_origins.is_empty() { "'none'".to_string() } else { allowed_origins.join(" ") };
    let base = CSP.trim_end_matches("frame-ancestors 'none'");
    format!("{base}frame-ancestors {ancestors}")
}

/// Adds the headers a response does not set itself. A response that sets its own
/// `Content-Security-Policy` (the embed's pages, with their `frame-ancestors`) gets no
/// `X-Frame-Options: DENY`, which would contradict it in browsers that read only that header.
pub async fn apply(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let https = req
        .app_data::<actix_web::web::Data<crate::startup::AppState>>()
        .map(|s| s.settings.is_https())
        .unwrap_or(false);
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    let own_policy = headers.contains_key("content-security-policy");
    let mut add = |name: &'static str, value: &'static str| {
        let name = HeaderName::from_static(name);
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    add("content-security-policy", CSP);
    add("x-content-type-options", "nosniff");
    add("referrer-policy", "strict-origin-when-cross-origin");
    if !own_policy {
        add("x-frame-options", "DENY");
    }
    add("cross-origin-opener-policy", "same-origin");
    add("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if https {
        add("strict-transport-security", "max-age=31536000");
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_policy_differs_from_the_default_only_in_its_ancestors() {
        let p = embed_csp(&["https://a.example".into(), "http://b.example:8080".into()]);
        assert!(p.ends_with("frame-ancestors https://a.example http://b.example:8080"), "{p}");
        assert_eq!(p.trim_end_matches("https://a.example http://b.example:8080"), CSP.trim_end_matches("'none'"));
        assert_eq!(embed_csp(&[]), CSP);
    }
}
