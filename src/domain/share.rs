//! Share links that open each network's own share dialog; built from the article, not the template.
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded, so the values survive any network's
/// query parser and `mailto:` (where `+` would not mean a space).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    /// Machine name, used for CSS and tests: `facebook`, `x`, `bluesky`, ...
    pub network: &'static str,
    /// The visible label.
    pub label: &'static str,
    pub href: String,
}

/// Builds the share links for an article at `url` with a proposed `text` and its `title`.
pub fn share_links(url: &str, title: &str, text: &str) -> Vec<ShareLink> {
    let (u, t, title_enc) = (enc(url), enc(text), enc(title));
    let text_and_url = enc(&format!("{text} {url}"));
    vec![
        ShareLink {
            network: "facebook",
            label: "Facebook",
            href: format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        },
        ShareLink { network: "x", label: "X (Twitter)", href: format!("https://x.com/intent/tweet?url={u}&text={t}") },
        ShareLink {
            network: "bluesky",
            label: "Bluesky",
            href: format!("https://bsky.app/intent/compose?text={text_and_url}"),
        },
        ShareLink {
            network: "reddit",
            label: "Reddit",
            href: format!("https://www.reddit.com/submit?url={u}&title={title_enc}"),
        },
        ShareLink {
            network: "linkedin",
            label: "LinkedIn",
            href: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        },
        ShareLink { network: "whatsapp", label: "WhatsApp", href: format!("https://wa.me/?text={text_and_url}") },
        ShareLink {
            network: "email",
            label: "Email",
            href: format!("mailto:?subject={title_enc}&body={}", enc(&format!("{text}\n\n{url}"))),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facebook_and_x_links_encode_the_url_and_text() {
        let links = share_links("https://n.example/articles/a-b?x=1&y=2", "T & Co", "Shots “fired”");
        assert_eq!(
            links[0].href,
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fn.example%2Farticles%2Fa-b%3Fx%3D1%26y%3D2"
        );
        assert_eq!(
            links[1].href,
            "https://x.com/intent/tweet?url=https%3A%2F%2Fn.example%2Farticles%2Fa-b%3Fx%3D1%26y%3D2&text=Shots%20%E2%80%9Cfired%E2%80%9D"
        );
    }

    #[test]
    fn email_uses_percent_twenty_not_plus() {
        let links = share_links("http://h/a", "A b", "c d");
        let mail = links.iter().find(|l| l.network == "email").unwrap();
        assert_eq!(mail.href, "mailto:?subject=A%20b&body=c%20d%0A%0Ahttp%3A%2F%2Fh%2Fa");
    }
}
