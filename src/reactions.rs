//! Readers' reactions ("Respect"), shared by the form and the JSON API: who the reader is, the
//! limit, storage.
//!
//! How counts reach pages without rebuilding them: a count lives in its own table
//! (`reaction_counts`), changed in the reaction's transaction, and a reaction changes nothing
//! the page caches watch (no row of `comments`, no generation; SQLite's writer records the
//! commit as its own, PostgreSQL sends no notice). The cached anonymous page is rebuilt at most
//! once a second anyway (its form token carries the second), and reads the stored counts then:
//! its counts are at most about two seconds old, like its relative times. The reader who
//! reacted sees the exact count at once: with JavaScript from the reaction's answer, filled into
//! the button in place; without it, the form's redirect brings them back with their author
//! cookie, which takes them past the cache to a page rendered for them. So a reaction costs one
//! small write, never a rebuild of the page for every reader.
use std::net::IpAddr;

use time::OffsetDateTime;

use crate::error::AppError;
use crate::http::author::AuthorId;
use crate::http::client_ip::limit_key;
use crate::startup::AppState;
use crate::store::{Reaction, ReactionRequest};

pub fn check_limit(state: &AppState, ip: Option<IpAddr>) -> Result<(), AppError> {
    if let Some(ip) = ip
        && let Err(retry_after) = state.limiters.reactions_per_client.check(&limit_key(ip))
    {
        state.metrics.rate_limited.with_label_values(&["reaction_client"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    Ok(())
}

/// Adds (`on`) or undoes the reaction of the reader behind `author` (their cookie, or the one
/// about to be set when `had_cookie` is false) from `ip`.
pub async fn react(
    state: &AppState,
    comment_id: i64,
    author: &AuthorId,
    had_cookie: bool,
    ip: Option<IpAddr>,
    on: bool,
) -> Result<Reaction, AppError> {
    let request = ReactionRequest {
        comment_id,
        reader_key: author.key(&state.keys),
        reader_ip: ip.map(|ip| state.keys.hash("ip", ip.to_string().as_bytes())),
        by_address: !had_cookie,
        on,
        now_ms: i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX),
    };
    state.store.react(request).await
}
