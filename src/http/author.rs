//! Author continuity without accounts: a signed, HttpOnly, SameSite=Lax cookie carrying a random
//! id. Only a keyed hash of the id (the author key) is stored with comments.
//!
//! Inside the embed's iframe on the publisher's site that cookie is third-party and never sent.
//! Over HTTPS a second, partitioned cookie (`Partitioned`, CHIPS: kept per top-level site) carries
//! the same id there where the browser supports it; where it does not, the embed works without
//! any cookie (the author is told their comment awaits moderation and is offered no edit).
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header::{HeaderValue, SET_COOKIE};
use actix_web::{HttpRequest, HttpResponse};
use rand::RngCore;

use super::cookie_path;
use super::keys::Keys;

pub const COOKIE: &str = "cd_author";
/// The partitioned cookie for the embed (`__Host-`: Secure, path `/`, no domain).
pub const EMBED_COOKIE: &str = "__Host-cd_author_embed";
/// The same under a `[server] base_path`: `__Host-` requires `Path=/`, so the prefix is
/// `__Secure-` and the path the base path.
pub const EMBED_COOKIE_UNDER_PATH: &str = "__Secure-cd_author_embed";
const PURPOSE: &str = "author-cookie";

/// The author behind a request, if their cookie is genuine.
#[derive(Debug, Clone)]
pub struct AuthorId {
    raw: String,
}

impl AuthorId {
    pub fn from_request(req: &HttpRequest, keys: &Keys) -> Option<AuthorId> {
        // Either embed cookie name: the value is signed, and only one is ever set per install.
        let c =
            req.cookie(COOKIE).or_else(|| req.cookie(EMBED_COOKIE)).or_else(|| req.cookie(EMBED_COOKIE_UNDER_PATH))?;
        let raw = keys.verify(PURPOSE, c.value())?;
        if raw.len() == 32 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
            Some(AuthorId { raw: raw.to_string() })
        } else {
            None
        }
    }

    pub fn generate() -> AuthorId {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        AuthorId { raw: hex::encode(bytes) }
    }

    /// What is stored with the author's comments.
    pub fn key(&self, keys: &Keys) -> String {
        keys.hash("author", self.raw.as_bytes())
    }

    /// The author cookie, scoped to `base_path` (`[server] base_path`, "" for the root).
    pub fn cookie(&self, keys: &Keys, secure: bool, base_path: &str) -> Cookie<'static> {
        Cookie::build(COOKIE, keys.sign(PURPOSE, &self.raw))
            .path(cookie_path(base_path).to_string())
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .max_age(CookieDuration::days(365))
            .finish()
    }

    /// Sets the author cookie on `resp`, and over HTTPS the partitioned one the embed reads.
    pub fn set_cookies(&self, resp: &mut HttpResponse, keys: &Keys, secure: bool, base_path: &str) {
        let _ = resp.add_cookie(&self.cookie(keys, secure, base_path));
        if secure {
            let name = if base_path.is_empty() { EMBED_COOKIE } else { EMBED_COOKIE_UNDER_PATH };
            let embed = Cookie::build(name, keys.sign(PURPOSE, &self.raw))
                .path(cookie_path(base_path).to_string())
                .http_only(true)
                .secure(true)
                .same_site(SameSite::None)
                .max_age(CookieDuration::days(365))
                .finish();
            // The cookie crate actix-web uses predates the `Partitioned` attribute.
            if let Ok(v) = HeaderValue::from_str(&format!("{}; Partitioned", embed.encoded())) {
                resp.headers_mut().append(SET_COOKIE, v);
            }
        }
    }
}

/// The signed form token: when the form was served, and for which article. A form sent faster
/// than a person could write is treated as a bot's.
pub fn form_token(keys: &Keys, article_id: i64, now_ms: i64) -> String {
    keys.sign("comment-form", &format!("{now_ms}-{article_id}"))
}

/// Milliseconds since the form was served, when the token is genuine and for this article.
pub fn form_age_ms(keys: &Keys, token: &str, article_id: i64, now_ms: i64) -> Option<i64> {
    let payload = keys.verify("comment-form", token)?;
    let (issued, aid) = payload.split_once('-')?;
    if aid.parse::<i64>().ok()? != article_id {
        return None;
    }
    Some(now_ms - issued.parse::<i64>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_tokens_are_bound_to_the_article_and_carry_their_age() {
        let k = Keys::new(b"s");
        let t = form_token(&k, 7, 1_000);
        assert_eq!(form_age_ms(&k, &t, 7, 4_500), Some(3_500));
        assert_eq!(form_age_ms(&k, &t, 8, 4_500), None);
        assert_eq!(form_age_ms(&k, "1000-7.00", 7, 4_500), None);
    }
}
