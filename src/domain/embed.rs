//! Threads for pages Commentdesk does not render (the embed): the canonical form of a page's URL,
//! and the article such a page gets the first time its comment section is shown.
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use url::Url;

use super::article::Slug;

/// The longest URL a thread is created for.
pub const MAX_URL: usize = 2048;

/// Query parameters that only say where a reader came from; they never make another page.
fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gbraid"
                | "wbraid"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_ga"
                | "_gl"
                | "_hsenc"
                | "_hsmi"
                | "mkt_tok"
        )
}

/// A page's URL in the one form every equivalent spelling of it shares: scheme and host in lower
/// case, default port and fragment dropped, tracking parameters (`utm_*`, `fbclid`, ...) removed,
/// the remaining parameters in a fixed order. Two different canonical URLs are two threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalUrl(Url);

impl CanonicalUrl {
    pub fn parse(raw: &str) -> Result<CanonicalUrl, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("The page's address (url) is missing.".into());
        }
        if raw.len() > MAX_URL {
            return Err(format!("The page's address is longer than {MAX_URL} characters."));
        }
        let mut url = Url::parse(raw).map_err(|e| format!("The page's address is not a valid URL: {e}."))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err("The page's address must be an http or https URL.".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("The page's address must not carry a user name or password.".into());
        }
        url.set_fragment(None);
        let mut pairs: Vec<(String, String)> =
            url.query_pairs().filter(|(k, _)| !is_tracking(k)).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        if pairs.is_empty() {
            url.set_query(None);
        } else {
            pairs.sort();
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
        if url.as_str().len() > MAX_URL {
            return Err(format!("The page's address is longer than {MAX_URL} characters."));
        }
        Ok(CanonicalUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// `scheme://host[:port]`, as browsers write it in `Origin`.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or("")
    }

    /// A readable slug from the whole path (never only its last segment), e.g.
    /// `/2016/12/19/ankara` gives `2016-12-19-ankara`; `home` for the root.
    pub fn path_slug(&self) -> Slug {
        let mut s = String::new();
        for ch in self.0.path().chars() {
            let c = ch.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                s.push(c);
            } else if !s.is_empty() && !s.ends_with('-') {
                s.push('-');
            }
        }
        // Room for the `-` and the 12 characters of `unique_slug`.
        let mut s: String = s.chars().take(100).collect();
        while s.ends_with('-') {
            s.pop();
        }
        Slug::parse(if s.is_empty() { "home" } else { &s }).unwrap_or_else(|_| fallback_slug())
    }

    /// `base` with a short hash of this URL appended: the slug when `base` belongs to another page.
    pub fn unique_slug(&self, base: &Slug) -> Slug {
        let hash = hex::encode(Sha256::digest(self.as_str().as_bytes()));
        let stem: String = base.as_str().chars().take(107).collect();
        let stem = stem.trim_end_matches('-');
        Slug::parse(&format!("{stem}-{}", &hash[..12])).unwrap_or_else(|_| fallback_slug())
    }
}

fn fallback_slug() -> Slug {
    Slug::page()
}

/// The longest title kept for a thread (host pages' titles can be anything).
pub const MAX_TITLE: usize = 300;

/// What the embed asks for: the thread of this page, created when it does not exist yet.
#[derive(Debug, Clone)]
pub struct NewEmbedArticle {
    pub url: CanonicalUrl,
    /// The slug to use: the publisher's `data-commentdesk-slug` when given, else from the path.
    pub slug: Slug,
    /// `true` when the publisher named the slug: the thread is found by slug, whatever its URL.
    pub slug_given: bool,
    pub title: String,
    pub now: OffsetDateTime,
}

impl NewEmbedArticle {
    pub fn new(url: CanonicalUrl, slug: Option<&str>, title: Option<&str>) -> Result<NewEmbedArticle, String> {
        let given = slug.map(str::trim).filter(|s| !s.is_empty());
        let (slug, slug_given) = match given {
            Some(s) => (Slug::parse(s)?, true),
            None => (url.path_slug(), false),
        };
        let title: String = title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(url.as_str())
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_TITLE)
            .collect();
        Ok(NewEmbedArticle { url, slug, slug_given, title, now: OffsetDateTime::now_utc() })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        CanonicalUrl::parse(s).unwrap().as_str().to_string()
    }

    #[test]
    fn equivalent_spellings_of_a_page_have_one_canonical_url() {
        let want = "https://news.example/2016/12/19/ankara";
        for s in [
            "https://news.example/2016/12/19/ankara",
            "HTTPS://News.Example/2016/12/19/ankara",
            "https://news.example:443/2016/12/19/ankara#comments",
            "https://news.example/2016/12/19/ankara?utm_source=x&utm_medium=y",
            "https://news.example/2016/12/19/ankara?fbclid=abc#comment-4",
            " https://news.example/2016/12/19/ankara ",
        ] {
            assert_eq!(canon(s), want, "{s}");
        }
        assert_eq!(canon("https://n.example/a?b=2&a=1&utm_campaign=z"), "https://n.example/a?a=1&b=2");
        assert_eq!(canon("http://n.example:8080/a"), "http://n.example:8080/a");
    }

    #[test]
    fn different_pages_stay_different() {
        assert_ne!(canon("https://n.example/a?id=1"), canon("https://n.example/a?id=2"));
        assert_ne!(canon("https://n.example/x/ankara"), canon("https://n.example/y/ankara"));
        assert_ne!(canon("http://n.example/a"), canon("https://n.example/a"));
    }

    #[test]
    fn other_schemes_credentials_and_junk_are_refused() {
        for bad in ["", "javascript:alert(1)", "ftp://n.example/a", "/relative", "https://u:p@n.example/", "data:,x"] {
            assert!(CanonicalUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(CanonicalUrl::parse(&format!("https://n.example/{}", "a".repeat(MAX_URL))).is_err());
    }

    #[test]
    fn slugs_come_from_the_whole_path_and_a_hash_makes_them_unique() {
        let a = CanonicalUrl::parse("https://n.example/2016/12/19/Ankara.html").unwrap();
        assert_eq!(a.path_slug().as_str(), "2016-12-19-ankara-html");
        assert_eq!(CanonicalUrl::parse("https://n.example/").unwrap().path_slug().as_str(), "home");
        let long = CanonicalUrl::parse(&format!("https://n.example/{}", "ab/".repeat(200))).unwrap();
        let b = long.unique_slug(&long.path_slug());
        assert!(b.as_str().len() <= 120, "{}", b.as_str());
        let other = CanonicalUrl::parse("https://n.example/2016/12/19/ankara-html").unwrap();
        assert_eq!(other.path_slug(), a.path_slug());
        assert_ne!(a.unique_slug(&a.path_slug()), other.unique_slug(&other.path_slug()));
    }

    #[test]
    fn a_given_slug_is_validated_and_the_title_falls_back_to_the_url() {
        let u = CanonicalUrl::parse("https://n.example/a").unwrap();
        assert!(NewEmbedArticle::new(u.clone(), Some("Bad Slug"), None).is_err());
        let n = NewEmbedArticle::new(u.clone(), Some("story-7"), Some("  ")).unwrap();
        assert!(n.slug_given);
        assert_eq!(n.title, "https://n.example/a");
        let n = NewEmbedArticle::new(u, None, Some("A\u{7}b")).unwrap();
        assert_eq!((n.slug.as_str(), n.title.as_str(), n.slug_given), ("a", "Ab", false));
    }
}
