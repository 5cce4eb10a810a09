//! Per-session CSRF tokens for the console's forms: a keyed hash of the session, so nothing more
//! is stored, compared in constant time.
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::http::keys::Keys;

pub fn token_for(keys: &Keys, session_hash: &str) -> String {
    keys.hash("moderation-csrf", session_hash.as_bytes())
}

/// 403 unless `sent` is the session's token.
pub fn check(keys: &Keys, session_hash: &str, sent: &str) -> Result<(), AppError> {
    let expected = token_for(keys, session_hash);
    if !sent.is_empty() && bool::from(expected.as_bytes().ct_eq(sent.as_bytes())) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "This form's security token is missing or out of date. Reload the page and try again.".into(),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sessions_own_token_passes() {
        let k = Keys::new(b"k");
        let t = token_for(&k, "s1");
        assert!(check(&k, "s1", &t).is_ok());
        assert!(check(&k, "s2", &t).is_err());
        assert!(check(&k, "s1", "").is_err());
    }
}
