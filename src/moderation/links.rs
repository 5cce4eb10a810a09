//! Links: too many, any from a first-time commenter, blocked domains, URL shorteners.
use super::abuse::quote;
use super::normalize::Span;
use super::{Action, AuthorHistory, Finding};
use crate::config::ModerationSettings;

/// Endings that make a bare `name.tld` a link even without `http://` or `www.`.
const BARE_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "ly", "me", "tv", "ru", "cn", "xyz", "top", "online", "site",
    "club", "shop", "store", "link", "click", "us", "uk", "de", "fr", "in", "gl", "gd", "at", "to", "cc", "ws",
];

/// A link found in the text: where it is and its lowercase host (without `www.`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub host: String,
}

fn trim_punct(s: &str) -> (usize, &str) {
    let lead = s.len() - s.trim_start_matches(|c: char| "([<{\"'“‘*_".contains(c)).len();
    let t = s[lead..].trim_end_matches(|c: char| ")]>}\"'”’.,;:!?*_".contains(c));
    (lead, t)
}

fn bare_host(s: &str) -> Option<String> {
    let host = s.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    let ok_label = |l: &&str| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let tld = labels.last()?;
    (labels.iter().all(ok_label) && BARE_TLDS.contains(tld) && labels[0].chars().any(|c| c.is_ascii_alphabetic()))
        .then_some(host)
}

/// Words (with a letter or digit) in a stretch of text.
fn words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Every link in a comment, in order.
pub fn find_links(body: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut offset = 0;
    for chunk in body.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += chunk.len();
        let word = chunk.trim_end();
        let lower = word.to_ascii_lowercase();
        let scheme = ["http://", "https://", "www."].iter().filter_map(|p| lower.find(p)).min();
        let (at, candidate) = match scheme {
            Some(i) => (i, &word[i..]),
            None => {
                let (lead, t) = trim_punct(word);
                (lead, t)
            }
        };
        let (lead, text) = trim_punct(candidate);
        let at = if scheme.is_some() { at + lead } else { at };
        let host = if scheme.is_some() {
            let with_scheme =
                if text.to_ascii_lowercase().starts_with("www.") { format!("http://{text}") } else { text.to_string() };
            url::Url::parse(&with_scheme).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        } else if text.contains('.') {
            bare_host(text)
        } else {
            None
        };
        if let Some(host) = host {
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            links.push(Link { span: Span { start: start + at, end: start + at + text.len() }, host });
        }
    }
    links
}

fn on_list(host: &str, list: &[String]) -> bool {
    list.iter().any(|d| {
        let d = d.trim().trim_start_matches("www.").to_ascii_lowercase();
        !d.is_empty() && (host == d || host.strip_suffix(d.as_str()).is_some_and(|p| p.ends_with('.')))
    })
}

#[derive(Debug, Clone)]
pub struct LinkCheck {
    max_links: usize,
    first_time: bool,
    blocked: Vec<String>,
    shorteners: Vec<String>,
}

impl LinkCheck {
    pub fn new(s: &ModerationSettings) -> LinkCheck {
        LinkCheck {
            max_links: s.max_links,
            first_time: s.hold_first_time_links,
            blocked: s.blocked_domains.clone(),
            shorteners: s.url_shorteners.clone(),
        }
    }

    /// Both halves of the check, as the tests ask.
    #[cfg(test)]
    pub fn check(&self, body: &str, history: &AuthorHistory, out: &mut Vec<Finding>) {
        let links = self.check_text(body, out);
        self.check_history(&links, history, out);
    }

    /// The rules on the text alone; returns where the links are, for [`LinkCheck::check_history`].
    pub fn check_text(&self, body: &str, out: &mut Vec<Finding>) -> Vec<Span> {
        let links = find_links(body);
        if links.is_empty() {
            return Vec::new();
        }
        let all: Vec<Span> = links.iter().map(|l| l.span).collect();
        let mut push = |code: &str, message: String, spans: Vec<Span>| {
            out.push(Finding { code: code.into(), message, action: Action::Hold, spans });
        };
        if links.len() > self.max_links {
            push(
                "links.too_many",
                format!("Has {} links; more than {} wait for a moderator.", links.len(), self.max_links),
                all.clone(),
            );
        }
        // Nothing but a link (two words or fewer besides): a drive-by advertisement.
        let mut rest = 0;
        let mut from = 0;
        for l in &links {
            rest += words(body.get(from..l.span.start).unwrap_or(""));
            from = l.span.end;
        }
        rest += words(body.get(from..).unwrap_or(""));
        if rest <= 2 {
            push("links.alone", "Nothing but a link.".into(), all.clone());
        }
        for (code, list, what) in [
            ("links.blocked_domain", &self.blocked, "a blocked domain"),
            ("links.shortener", &self.shorteners, "a URL shortener, which hides where it goes"),
        ] {
            let spans: Vec<Span> = links.iter().filter(|l| on_list(&l.host, list)).map(|l| l.span).collect();
            if !spans.is_empty() {
                push(code, format!("Links to {what}: {}.", quote(body, &spans)), spans);
            }
        }
        all
    }

    /// The rule that needs the author's history: links from authors with nothing published.
    pub fn check_history(&self, links: &[Span], history: &AuthorHistory, out: &mut Vec<Finding>) {
        if self.first_time && history.published == 0 && !links.is_empty() {
            out.push(Finding {
                code: "links.first_time".into(),
                message: "A link from an author with no published comment yet.".into(),
                action: Action::Hold,
                spans: links.to_vec(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &ModerationSettings, body: &str, published: u32) -> Vec<String> {
        let mut out = Vec::new();
        let h = AuthorHistory { published, ..Default::default() };
        LinkCheck::new(s).check(body, &h, &mut out);
        out.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn links_are_found_with_their_hosts_and_spans() {
        let body = "See (https://WWW.Example.com/a?b=1), www.cnn.com/x and murdev.com. Not 3.50 or e.g. this.";
        let links = find_links(body);
        let hosts: Vec<&str> = links.iter().map(|l| l.host.as_str()).collect();
        assert_eq!(hosts, ["example.com", "cnn.com", "murdev.com"]);
        assert_eq!(&body[links[0].span.start..links[0].span.end], "https://WWW.Example.com/a?b=1");
        assert_eq!(&body[links[2].span.start..links[2].span.end], "murdev.com");
        assert_eq!(find_links("[the story](https://news.example/x)")[0].host, "news.example");
    }

    #[test]
    fn too_many_links_shorteners_and_blocked_domains_are_held() {
        let s = ModerationSettings { blocked_domains: vec!["spam.example".into()], ..Default::default() };
        assert_eq!(codes(&s, "compare a.com with b.com and c.com", 3), ["links.too_many"]);
        assert_eq!(codes(&s, "read the whole thing https://bit.ly/x1", 3), ["links.shortener"]);
        assert_eq!(codes(&s, "go to this shop http://shop.spam.example/", 3), ["links.blocked_domain"]);
        assert!(codes(&s, "the video: https://youtu.be/abc is worth a look", 3).is_empty());
    }

    #[test]
    fn a_comment_that_is_nothing_but_a_link_is_held() {
        let s = ModerationSettings::default();
        assert_eq!(codes(&s, "https://cheap.example/offer?ref=1", 3), ["links.alone"]);
        assert_eq!(codes(&s, "Nice! www.cheap.example/x =)", 3), ["links.alone"]);
        assert!(codes(&s, "See https://www.reuters.com/world for the timeline.", 3).is_empty());
    }

    #[test]
    fn any_link_from_a_first_time_commenter_is_held() {
        let s = ModerationSettings::default();
        let body = "the full timeline is here: https://www.reuters.com/world";
        assert_eq!(codes(&s, body, 0), ["links.first_time"]);
        assert!(codes(&s, body, 1).is_empty());
    }

    #[test]
    fn comments_without_links_pass() {
        let s = ModerationSettings::default();
        assert!(codes(&s, "The U.S. embassy in Ankara closed at 3.50 a.m., per the U.K. Telegraph.", 0).is_empty());
    }
}
