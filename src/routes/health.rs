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
    let peer = req.peer_addr().map(|a| a.ip());
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
    if !metrics_allowed(peer, forwarded, token_ok) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("Metrics are served to loopback clients, or with the configured bearer token.");
    }
    let verified = state.console.hasher.verifications();
    let counted = state.metrics.password_verifications.get();
    state.metrics.password_verifications.inc_by(verified.saturating_sub(counted));
    // The queue depth as it is now, not as the last maintenance tick saw it.
    if let Ok(depth) = state.store.pending_count().await {
        state.metrics.queue_depth.set(depth);
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(state.metrics.render())
}

/// Who may read `/metrics`: the right token, or a loopback peer whose request no proxy forwarded.
fn metrics_allowed(peer: Option<std::net::IpAddr>, forwarded: bool, token_ok: bool) -> bool {
    token_ok || (peer.is_some_and(|ip| ip.is_loopback()) && !forwarded)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::metrics_allowed;

    #[test]
    fn metrics_go_to_loopback_peers_or_the_token_only() {
        let local: std::net::IpAddr = "127.0.0.1".parse().unwrap_or(std::net::Ipv4Addr::LOCALHOST.into());
        let v6local = std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST);
        let remote: std::net::IpAddr = "198.51.100.7".parse().unwrap_or(std::net::Ipv4Addr::UNSPECIFIED.into());
        let remote6: std::net::IpAddr = "2001:db8::1".parse().unwrap_or(std::net::Ipv6Addr::UNSPECIFIED.into());
        assert!(metrics_allowed(Some(local), false, false));
        assert!(metrics_allowed(Some(v6local), false, false));
        for peer in [Some(remote), Some(remote6), None] {
            assert!(!metrics_allowed(peer, false, false), "{peer:?} without the token");
            assert!(metrics_allowed(peer, false, true), "{peer:?} with the token");
        }
        assert!(!metrics_allowed(Some(local), true, false), "forwarded through a local proxy");
        assert!(metrics_allowed(Some(local), true, true));
    }
}
