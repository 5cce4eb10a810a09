//! Moderator sessions: a random 256-bit token in a cookie (`HttpOnly; SameSite=Strict; Path=/`,
//! plus `Secure` and the `__Host-` prefix over https; under a `[server] base_path` the cookie's
//! path is the base path and its prefix `__Secure-`, since `__Host-` requires `Path=/`), only
//! its SHA-256 stored. A session ends after `session_idle_secs` unused or `session_max_secs`
//! after sign-in; signing in always makes a new token. [`ModeratorSession`] is the extractor console pages use.
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::auth::{csrf, password::Hasher};
use crate::config::ConsoleSettings;
use crate::domain::moderator::Moderator;
use crate::error::AppError;
use crate::http::client_ip::{client_ip, limit_key};
use crate::http::cookie_path;
use crate::http::rate_limit::Limiter;
use crate::startup::AppState;

const COOKIE_PLAIN: &str = "cd_mod";
const COOKIE_HOST: &str = "__Host-cd_mod";
const COOKIE_SECURE: &str = "__Secure-cd_mod";

/// What the console shares: the password hasher and the sign-in limits.
pub struct Console {
    pub hasher: Arc<Hasher>,
    pub login_per_client: Limiter<std::net::IpAddr>,
    pub login_per_account: Limiter<String>,
}

impl Console {
    pub fn from_settings(s: &ConsoleSettings, max_keys: usize) -> Result<Console, String> {
        let hasher = Hasher::new(s.argon2_memory_kib, s.argon2_iterations).map_err(|e| e.to_string())?;
        let interval = std::time::Duration::from_secs(s.login_interval_secs);
        Ok(Console {
            hasher: Arc::new(hasher),
            login_per_client: Limiter::new(s.login_client_burst, interval, max_keys),
            login_per_account: Limiter::new(s.login_account_burst, interval, max_keys),
        })
    }

    pub fn prune(&self) {
        self.login_per_client.prune();
        self.login_per_account.prune();
    }
}

/// The cookie's name: `__Host-` over https at the root, `__Secure-` over https under a base
/// path (`base_path`, "" for the root), no prefix over plain http.
pub fn cookie_name(https: bool, base_path: &str) -> &'static str {
    match (https, base_path.is_empty()) {
        (false, _) => COOKIE_PLAIN,
        (true, true) => COOKIE_HOST,
        (true, false) => COOKIE_SECURE,
    }
}

/// A new random token (hex of 32 bytes) and its hash.
pub fn new_token() -> (String, String) {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    let token = hex::encode(b);
    let hash = hash_token(&token);
    (token, hash)
}

/// What is stored for a token: its SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn cookie(token: &str, https: bool, base_path: &str) -> Cookie<'static> {
    Cookie::build(cookie_name(https, base_path), token.to_string())
        .path(cookie_path(base_path).to_string())
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Strict)
        .finish()
}

/// Tells the browser to forget the cookie.
pub fn removal(https: bool, base_path: &str) -> Cookie<'static> {
    let mut c = cookie("", https, base_path);
    c.make_removal();
    c
}

/// A signed-in moderator's browser session.
#[derive(Debug, Clone)]
pub struct ModeratorSession {
    pub moderator: Moderator,
    pub token_hash: String,
    /// The token every state-changing form must carry.
    pub csrf: String,
}

impl ModeratorSession {
    pub fn check_csrf(&self, state: &AppState, sent: &str) -> Result<(), AppError> {
        csrf::check(&state.keys, &self.token_hash, sent)
    }
}

/// The session the request's cookie names, if it is still valid; refreshes its idle timer.
/// An expired session is deleted.
pub async fn load(state: &AppState, req: &HttpRequest) -> Result<Option<ModeratorSession>, AppError> {
    let https = state.settings.is_https();
    let Some(token) = req.cookie(cookie_name(https, state.base_path())).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = hash_token(&token);
    let h = hash.clone();
    let Some(row) = state.store.session(&h).await? else {
        return Ok(None);
    };
    let now = OffsetDateTime::now_utc();
    let ts = now.unix_timestamp();
    let s = &state.settings.moderation_console;
    let idle = i64::try_from(s.session_idle_secs).unwrap_or(i64::MAX / 2);
    let max = i64::try_from(s.session_max_secs).unwrap_or(i64::MAX / 2);
    if ts - row.last_seen_at > idle || ts - row.created_at > max {
        let h = hash.clone();
        state.store.delete_session(&h).await?;
        return Ok(None);
    }
    // Refresh the idle timer, at most about once a minute (every request when the timeout is short).
    if ts - row.last_seen_at >= (idle / 10).min(60) {
        let h = hash.clone();
        state.store.touch_session(&h, now).await?;
    }
    let csrf = csrf::token_for(&state.keys, &hash);
    Ok(Some(ModeratorSession { moderator: row.moderator, token_hash: hash, csrf }))
}

impl FromRequest for ModeratorSession {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(|| AppError::internal("application state missing"))?;
            load(&state, &req).await?.ok_or(AppError::LoginRequired)
        })
    }
}

/// Checks a name and password under the sign-in limits (per client, then per account name),
/// spending one Argon2 verification whether or not the account exists. On success, stores a
/// new session (ending `previous`, the session the browser had) and returns its token.
pub async fn login(
    state: &AppState,
    req: &HttpRequest,
    name: &str,
    password: &str,
    previous: Option<&str>,
) -> Result<(Moderator, String), AppError> {
    if let Some(ip) = client_ip(req, &state.settings.server.trusted_proxies)
        && let Err(retry_after) = state.console.login_per_client.check(&limit_key(ip))
    {
        state.metrics.rate_limited.with_label_values(&["login_client"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    let name = name.trim().to_string();
    if let Err(retry_after) = state.console.login_per_account.check(&name.to_lowercase()) {
        state.metrics.rate_limited.with_label_values(&["login_account"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    let n = name.clone();
    let found = state.store.moderator_for_login(&n).await?;
    let hasher = state.console.hasher.clone();
    let password = password.to_string();
    let (moderator, ok) = tokio::task::spawn_blocking(move || {
        let ok = hasher.verify(&password, found.as_ref().map(|(_, h)| h.as_str()));
        (found.map(|(m, _)| m), ok)
    })
    .await
    .map_err(|e| AppError::internal(format!("password check failed: {e}")))?;
    let Some(moderator) = moderator.filter(|_| ok) else {
        tracing::info!("moderator sign-in refused");
        return Err(AppError::LoginFailed);
    };
    let (token, hash) = new_token();
    let previous = previous.map(hash_token);
    let now = OffsetDateTime::now_utc();
    let (idle, max) =
        (state.settings.moderation_console.session_idle_secs, state.settings.moderation_console.session_max_secs);
    state.store.start_session(previous, hash, &moderator, now, idle, max).await?;
    tracing::info!(moderator = %moderator.name, "moderator signed in");
    Ok((moderator, token))
}

/// Ends a session and notes it in the audit log.
pub async fn logout(state: &AppState, session: &ModeratorSession) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    state.store.end_session(&session.token_hash, &session.moderator.name, now).await
}

/// The moderator an `Authorization: Bearer` token belongs to, if the request carries one.
pub async fn bearer(state: &AppState, req: &HttpRequest) -> Result<Option<Moderator>, AppError> {
    let Some(value) = req.headers().get("authorization").and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let Some(token) = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")) else {
        return Err(AppError::Unauthorized);
    };
    let hash = hash_token(token.trim());
    match state.store.moderator_by_token(&hash).await? {
        Some(m) => Ok(Some(m)),
        None => Err(AppError::Unauthorized),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_only_their_hash_is_kept() {
        let (t, h) = new_token();
        assert_eq!(hex::decode(&t).unwrap().len(), 32, "256 random bits");
        assert_ne!(t, h);
        // The stored value is SHA-256 of the token: a known vector, not the function against itself.
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "SHA-256 of \"abc\""
        );
        assert_eq!(h.len(), 64);
        assert_eq!(h, hash_token(&t));
        let tokens: std::collections::HashSet<String> = (0..64).map(|_| new_token().0).collect();
        assert_eq!(tokens.len(), 64, "no two tokens alike");
    }

    #[test]
    fn the_cookie_is_strict_http_only_and_host_prefixed_over_https() {
        let c = cookie("abc", true, "").to_string();
        assert!(c.starts_with("__Host-cd_mod=abc"), "{c}");
        for attr in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
            assert!(c.contains(attr), "{c} lacks {attr}");
        }
        let c = cookie("abc", false, "").to_string();
        assert!(c.starts_with("cd_mod=abc") && !c.contains("Secure"), "{c}");
    }

    #[test]
    fn under_a_base_path_the_cookie_is_scoped_to_it_and_secure_prefixed_over_https() {
        let c = cookie("abc", true, "/comments").to_string();
        assert!(c.starts_with("__Secure-cd_mod=abc"), "{c}");
        for attr in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/comments"] {
            assert!(c.contains(attr), "{c} lacks {attr}");
        }
        assert_eq!(cookie_name(true, "/comments"), "__Secure-cd_mod");
        let c = cookie("abc", false, "/comments").to_string();
        assert!(c.starts_with("cd_mod=abc") && c.contains("Path=/comments") && !c.contains("Secure"), "{c}");
        let gone = removal(true, "/comments").to_string();
        assert!(gone.starts_with("__Secure-cd_mod=;") && gone.contains("Path=/comments"), "{gone}");
    }
}
