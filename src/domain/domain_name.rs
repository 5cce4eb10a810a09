//! A domain name an admin lists (trusted domains): what a person types, made the form links are
//! compared in.
use std::fmt;

/// A lower-case host name without `www.`, such as `reuters.com`; Unicode names in their ASCII
/// (punycode) form, as links are compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DomainName(String);

impl DomainName {
    /// Accepts `reuters.com`, `www.Reuters.com` or a pasted address such as
    /// `https://www.reuters.com/world/`; refuses addresses, single labels and anything that is
    /// not a host name, with a sentence saying why.
    pub fn parse(input: &str) -> Result<DomainName, String> {
        let raw = input.trim();
        if raw.is_empty() {
            return Err("Enter a domain, such as reuters.com.".into());
        }
        if raw.chars().count() > 253 || raw.chars().any(char::is_whitespace) {
            return Err("A domain is one word of at most 253 characters, such as reuters.com.".into());
        }
        let with_scheme = if raw.contains("://") { raw.to_string() } else { format!("http://{raw}") };
        let url = url::Url::parse(&with_scheme).map_err(|_| format!("\"{raw}\" is not a domain name."))?;
        let Some(url::Host::Domain(host)) = url.host() else {
            return Err(format!("\"{raw}\" is not a domain name (addresses cannot be trusted domains)."));
        };
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        let labels: Vec<&str> = host.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || l.len() > 63) {
            return Err(format!("\"{raw}\" is not a full domain name, such as reuters.com."));
        }
        Ok(DomainName(host))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn what_admins_paste_becomes_the_host() {
        for (input, want) in [
            ("reuters.com", "reuters.com"),
            ("  www.Reuters.com ", "reuters.com"),
            ("https://www.apnews.com/article/x?y=1", "apnews.com"),
            ("news.bbc.co.uk.", "news.bbc.co.uk"),
            ("bücher.example", "xn--bcher-kva.example"),
        ] {
            assert_eq!(DomainName::parse(input).unwrap().as_str(), want, "{input}");
        }
    }

    #[test]
    fn what_is_no_domain_is_refused_with_a_reason() {
        for input in ["", "localhost", "127.0.0.1", "http://[::1]/", "two words.com", "a..b"] {
            let err = DomainName::parse(input).unwrap_err();
            assert!(!err.is_empty(), "{input}");
        }
    }
}
