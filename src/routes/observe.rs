//! One log line and the metrics for every request: method, path, route, status, latency.
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};

use crate::startup::AppState;

pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().clone();
    let path = req.path().to_string();
    let res = next.call(req).await?;
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_string());
    if let Some(state) = state {
        // Labels name the application's routes (`/articles/{slug}`) whatever the base path.
        let base = state.base_path();
        let route = match route.strip_prefix(base) {
            Some(r) if !base.is_empty() && r.is_empty() => "/".to_string(),
            Some(r) if !base.is_empty() && r.starts_with('/') => r.to_string(),
            _ => route,
        };
        state.metrics.observe_request(&route, method.as_str(), status, elapsed);
    }
    tracing::info!(
        method = %method,
        path = %path,
        status,
        latency_ms = format_args!("{:.2}", elapsed.as_secs_f64() * 1000.0),
        "request"
    );
    Ok(res)
}
