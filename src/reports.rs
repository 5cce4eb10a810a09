//! Reader reports, shared by the form and the JSON API: limits, validation, storage.
use std::net::IpAddr;

use time::OffsetDateTime;

use crate::domain::report::NewReport;
use crate::error::AppError;
use crate::http::author::AuthorId;
use crate::http::client_ip::limit_key;
use crate::startup::AppState;
use crate::store::Filed;

/// Who a report is from: their author cookie and their address's keyed hash. A report is stored
/// under the first; a reader matching either on an earlier report is the same reader, so
/// clearing cookies or switching to the API does not buy a second report.
pub fn reporter_keys(state: &AppState, author: Option<&AuthorId>, ip: Option<IpAddr>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(a) = author {
        keys.push(format!("a:{}", a.key(&state.keys)));
    }
    if let Some(ip) = ip {
        keys.push(format!("i:{}", state.keys.hash("ip", ip.to_string().as_bytes())));
    }
    if keys.is_empty() {
        keys.push("unknown".to_string());
    }
    keys
}

pub fn check_limit(state: &AppState, ip: Option<IpAddr>) -> Result<(), AppError> {
    if let Some(ip) = ip
        && let Err(retry_after) = state.limiters.reports_per_client.check(&limit_key(ip))
    {
        state.metrics.rate_limited.with_label_values(&["report_client"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    Ok(())
}

/// Files the report; at the threshold the comment is hidden and held for review.
pub async fn file(
    state: &AppState,
    comment_id: i64,
    reporter: Vec<String>,
    report: NewReport,
) -> Result<Filed, AppError> {
    let threshold = state.settings.moderation.report_threshold;
    let reason = report.reason;
    let now = OffsetDateTime::now_utc();
    let filed = state.store.file_report(comment_id, reporter, report, threshold, now).await?;
    state.metrics.observe_report(reason.as_str());
    Ok(filed)
}
