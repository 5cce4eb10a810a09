//! The install's secret, used to sign tokens and cookies and to hash client addresses. Every use
//! is domain-separated, so a value signed for one purpose is never valid for another.
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone)]
pub struct Keys {
    secret: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Keys {
    pub fn new(secret: &[u8]) -> Self {
        Self { secret: secret.to_vec() }
    }

    fn mac(&self, purpose: &str, data: &[u8]) -> Vec<u8> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut m = match HmacSha256::new_from_slice(&self.secret) {
            Ok(m) => m,
            Err(_) => return Vec::new(),
        };
        m.update(purpose.as_bytes());
        m.update(&[0]);
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }

    /// A keyed hash, hex encoded (used for IP addresses and author ids).
    pub fn hash(&self, purpose: &str, data: &[u8]) -> String {
        hex::encode(&self.mac(purpose, data)[..16])
    }

    /// `payload.signature`, the payload readable, the signature checked by [`Keys::verify`].
    pub fn sign(&self, purpose: &str, payload: &str) -> String {
        format!("{payload}.{}", hex::encode(&self.mac(purpose, payload.as_bytes())[..16]))
    }

    pub fn verify<'a>(&self, purpose: &str, token: &'a str) -> Option<&'a str> {
        let (payload, sig) = token.rsplit_once('.')?;
        let sig = hex::decode(sig).ok()?;
        let mut m = HmacSha256::new_from_slice(&self.secret).ok()?;
        m.update(purpose.as_bytes());
        m.update(&[0]);
        m.update(payload.as_bytes());
        m.verify_truncated_left(&sig).ok()?;
        if sig.len() != 16 {
            return None;
        }
        Some(payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_for_their_purpose_and_payload() {
        let k = Keys::new(b"secret");
        let t = k.sign("form", "123:4");
        assert_eq!(k.verify("form", &t), Some("123:4"));
        assert_eq!(k.verify("author", &t), None);
        assert_eq!(k.verify("form", &t.replace("123", "124")), None);
        assert_eq!(k.verify("form", "123:4"), None);
        assert_eq!(Keys::new(b"other").verify("form", &t), None);
    }
}
