//! Health check and metrics for operators.
use actix_web::{HttpRequest, HttpResponse, web};

use crate::startup::AppState;

/// 200 `ok` when the database answers a query and the writer runs, 503 otherwise.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let ok = state.store.health().await;
    let mut resp = if ok { HttpResponse::Ok() } else { HttpResponse::ServiceUnavailable() };
    resp.content_type("text/plain; charset=utf-8").insert_header(("Cache-Control", "no-store")).body(if ok {
        "ok"
    } else {
        "database unavailable"
    })
}

/// Prometheus text format. Loopback clients may read it; others need the configured bearer token.
pub async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let peer_is_loopback = req.peer_addr().is_some_and(|a| a.ip().is_loopback());
    // An empty token is no token: it must never let an empty bearer through.
    let token_ok = state.settings.metrics.token.as_deref().filter(|t| !t.is_empty()).is_some_and(|t| {
        req.headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| constant_time_eq(given.as_bytes(), t.as_bytes()))
    });
    // Behind a proxy every peer looks local, so a forwarded request needs the token too.
    let forwarded = req.headers().contains_key("x-forwarded-for") || req.headers().contains_key("forwarded");
    if !(token_ok || (peer_is_loopback && !forwarded)) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("Metrics are served to loopback clients, or with the configured bearer token.");
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(state.metrics.render())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
