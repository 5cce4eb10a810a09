//! Links: too many, blocked domains, URL shorteners, nothing but a link, and a first-time
//! commenter's link with another sign of spam (any such link under the strict rule). Links to
//! trusted domains count for none of them.
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

/// The codes of findings that, next to a first-time author's link, make it worth a moderator's
/// look (besides two or more links and a learned score at its threshold).
const SIGNS: &[&str] = &["links.shortener", "links.blocked_domain", "links.too_many", "links.alone", "spam.promotion"];

/// Whether a comment whose untrusted links are at `links` shows another sign of spam besides
/// them: a finding in [`SIGNS`], two or more links, or a learned score at its threshold.
pub fn another_sign(links: &[Span], findings: &[Finding], score_high: bool) -> bool {
    links.len() >= 2 || score_high || findings.iter().any(|f| SIGNS.contains(&f.code.as_str()))
}

#[derive(Debug, Clone)]
pub struct LinkCheck {
    max_links: usize,
    /// The strict rule: any link from a first-time author holds.
    strict_first_time: bool,
    blocked: Vec<String>,
    shorteners: Vec<String>,
    trusted: Vec<String>,
}

impl LinkCheck {
    pub fn new(s: &ModerationSettings) -> LinkCheck {
        LinkCheck {
            max_links: s.max_links,
            strict_first_time: s.hold_first_time_links,
            blocked: s.blocked_domains.clone(),
            shorteners: s.url_shorteners.clone(),
            trusted: s.trusted_domains.clone(),
        }
    }

    /// Both halves of the check, as the tests ask (no learned score).
    #[cfg(test)]
    pub fn check(&self, body: &str, history: &AuthorHistory, out: &mut Vec<Finding>) {
        let links = self.check_text(body, &find_links(body), out);
        let other = another_sign(&links, out, false);
        self.check_history(&links, history, other, out);
    }

    /// Whether a link goes to a trusted domain, which no rule counts.
    pub fn is_trusted(&self, link: &Link) -> bool {
        on_list(&link.host, &self.trusted)
    }

    /// The rules on the text alone, given the comment's links ([`find_links`]); returns where
    /// the untrusted links are, for [`LinkCheck::check_history`].
    pub fn check_text(&self, body: &str, all_links: &[Link], out: &mut Vec<Finding>) -> Vec<Span> {
        let links: Vec<&Link> = all_links.iter().filter(|l| !self.is_trusted(l)).collect();
        if links.is_empty() {
            return Vec::new();
        }
        let spans: Vec<Span> = links.iter().map(|l| l.span).collect();
        let mut push = |code: &str, message: String, spans: Vec<Span>| {
            out.push(Finding { code: code.into(), message, action: Action::Hold, spans });
        };
        if links.len() > self.max_links {
            push(
                "links.too_many",
                format!("Has {} links; more than {} wait for a moderator.", links.len(), self.max_links),
                spans.clone(),
            );
        }
        // Nothing but a link (two words or fewer besides): a drive-by advertisement.
        let mut rest = 0;
        let mut from = 0;
        for l in all_links {
            rest += words(body.get(from..l.span.start).unwrap_or(""));
            from = l.span.end;
        }
        rest += words(body.get(from..).unwrap_or(""));
        if rest <= 2 {
            push("links.alone", "Nothing but a link.".into(), spans.clone());
        }
        for (code, list, what) in [
            ("links.blocked_domain", &self.blocked, "a blocked domain"),
            ("links.shortener", &self.shorteners, "a URL shortener, which hides where it goes"),
        ] {
            let hits: Vec<Span> = links.iter().filter(|l| on_list(&l.host, list)).map(|l| l.span).collect();
            if !hits.is_empty() {
                push(code, format!("Links to {what}: {}.", quote(body, &hits)), hits);
            }
        }
        spans
    }

    /// The rule that needs the author's history: links from authors with nothing published,
    /// held when `another_sign` (see [`another_sign`]) or under the strict rule.
    pub fn check_history(&self, links: &[Span], history: &AuthorHistory, another_sign: bool, out: &mut Vec<Finding>) {
        if history.published > 0 || links.is_empty() {
            return;
        }
        let message = if another_sign {
            "A link from an author with no published comment yet, with another sign of spam."
        } else if self.strict_first_time {
            "A link from an author with no published comment yet."
        } else {
            return;
        };
        out.push(Finding {
            code: "links.first_time".into(),
            message: message.into(),
            action: Action::Hold,
            spans: links.to_vec(),
        });
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
    fn a_first_time_commenter_citing_a_source_is_published() {
        let s = ModerationSettings::default();
        for body in [
            "the full timeline is here: https://www.reuters.com/world",
            "Reuters has the video: https://youtu.be/abc and it is horrifying.",
            "The BBC reports the gunman was an off-duty officer, bbc.co.uk/news has details.",
        ] {
            assert!(codes(&s, body, 0).is_empty(), "{body}: {:?}", codes(&s, body, 0));
        }
    }

    #[test]
    fn a_first_time_commenters_link_with_another_sign_is_held() {
        let s = ModerationSettings { blocked_domains: vec!["spam.example".into()], ..Default::default() };
        let first = |body: &str| codes(&s, body, 0);
        assert_eq!(first("read the whole thing https://bit.ly/x1"), ["links.shortener", "links.first_time"]);
        assert_eq!(first("the real story http://news.spam.example/x"), ["links.blocked_domain", "links.first_time"]);
        assert_eq!(first("https://cheap.example/offer?ref=1"), ["links.alone", "links.first_time"]);
        // Several links: two are within `max_links`, so only a first-time author is held for them.
        assert_eq!(first("compare https://a.example/x with https://b.example/y please"), ["links.first_time"]);
        assert!(codes(&s, "compare https://a.example/x with https://b.example/y please", 1).is_empty());
        // Self-promotion and a high learned score come from the other checks.
        let mut out = vec![Finding {
            code: "spam.promotion".into(),
            message: String::new(),
            action: Action::Hold,
            spans: Vec::new(),
        }];
        let links = [Span { start: 0, end: 5 }];
        assert!(another_sign(&links, &out, false));
        out.clear();
        assert!(!another_sign(&links, &out, false));
        assert!(another_sign(&links, &out, true));
    }

    #[test]
    fn the_strict_rule_holds_any_link_from_a_first_time_commenter() {
        let s = ModerationSettings { hold_first_time_links: true, ..Default::default() };
        let body = "the full timeline is here: https://www.reuters.com/world";
        assert_eq!(codes(&s, body, 0), ["links.first_time"]);
        assert!(codes(&s, body, 1).is_empty());
    }

    #[test]
    fn links_to_trusted_domains_and_their_subdomains_never_hold() {
        let s = ModerationSettings {
            hold_first_time_links: true,
            max_links: 1,
            trusted_domains: vec!["reuters.com".into(), "www.apnews.com".into()],
            ..Default::default()
        };
        for body in [
            "https://www.reuters.com/world",
            "see https://uk.reuters.com/a and https://apnews.com/b and https://reuters.com/c",
        ] {
            assert!(codes(&s, body, 0).is_empty(), "{body}: {:?}", codes(&s, body, 0));
        }
        // Only the look-alike domain counts: not a subdomain of a trusted one.
        assert_eq!(codes(&s, "see https://notreuters.com/a for more on this", 0), ["links.first_time"]);
        assert_eq!(codes(&s, "see https://reuters.com.evil.example/a for more on this", 0), ["links.first_time"]);
    }

    #[test]
    fn comments_without_links_pass() {
        let s = ModerationSettings::default();
        assert!(codes(&s, "The U.S. embassy in Ankara closed at 3.50 a.m., per the U.K. Telegraph.", 0).is_empty());
    }
}
