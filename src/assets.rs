//! Static files compiled into the binary, served under fingerprinted names (content hash in the
//! file name) so they can be cached for a year, and under their plain names with an ETag.
use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub struct Asset {
    /// Path under `/static/`, e.g. `css/site.css`.
    pub path: &'static str,
    pub bytes: &'static [u8],
    pub content_type: &'static str,
    /// Strong validator: a prefix of the SHA-256 of the bytes.
    pub etag: String,
    /// Path under `/static/` with the hash in the name, e.g. `css/site.1a2b3c4d5e.css`.
    pub fingerprinted: String,
}

macro_rules! asset {
    ($path:literal, $ct:literal) => {
        ($path, include_bytes!(concat!("../static/", $path)) as &'static [u8], $ct)
    };
}

const FILES: &[(&str, &[u8], &str)] = &[
    asset!("css/site.css", "text/css; charset=utf-8"),
    asset!("js/article.js", "text/javascript; charset=utf-8"),
    asset!("js/moderation.js", "text/javascript; charset=utf-8"),
    asset!("js/embed.js", "text/javascript; charset=utf-8"),
    asset!("favicon.svg", "image/svg+xml"),
];

// Built once from compile-time bytes; it holds no configuration, only derived constants.
static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(path, bytes, content_type)| {
            let hash = hex::encode(Sha256::digest(bytes));
            let short = &hash[..12];
            let fingerprinted = match path.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{short}.{ext}"),
                None => format!("{path}.{short}"),
            };
            Asset { path, bytes, content_type, etag: format!("\"{short}\""), fingerprinted }
        })
        .collect()
});

/// The URL to use in pages for a static file; falls back to the plain path.
pub fn url(path: &str) -> String {
    match ASSETS.iter().find(|a| a.path == path) {
        Some(a) => format!("/static/{}", a.fingerprinted),
        None => format!("/static/{path}"),
    }
}

/// Finds the asset for a request path (without `/static/`); `true` when it was the fingerprinted
/// name, which never changes content and may be cached forever.
pub fn lookup(path: &str) -> Option<(&'static Asset, bool)> {
    ASSETS.iter().find_map(|a| {
        if a.fingerprinted == path {
            Some((a, true))
        } else if a.path == path {
            Some((a, false))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_urls_resolve_to_their_asset() {
        let u = url("css/site.css");
        assert!(u.starts_with("/static/css/site.") && u.ends_with(".css") && u != "/static/css/site.css");
        let (a, immutable) = lookup(u.trim_start_matches("/static/")).unwrap();
        assert!(immutable);
        assert_eq!(a.path, "css/site.css");
        assert!(!lookup("css/site.css").unwrap().1);
        assert!(lookup("../Cargo.toml").is_none());
    }
}
