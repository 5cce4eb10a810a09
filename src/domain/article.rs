//! Articles: Markdown files with TOML front matter between `+++` lines.
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Debug, Clone, PartialEq)]
pub struct Slug(String);

impl Slug {
    /// Lowercase ASCII letters, digits and single hyphens, 1 to 120 characters.
    pub fn parse(s: &str) -> Result<Slug, String> {
        let ok = !s.is_empty()
            && s.len() <= 120
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(Slug(s.to_string()))
        } else {
            Err(format!("slug {s:?} must be 1 to 120 lowercase letters, digits and single hyphens"))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// `page`, a valid slug, for the rare path that yields none.
    pub(crate) fn page() -> Slug {
        Slug("page".into())
    }
}

/// The share prompts an article carries; every article has its own.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharePrompts {
    /// Text proposed with the link on networks that take one (X, Bluesky, WhatsApp, email).
    pub text: String,
    /// The call to action beside the share links.
    pub call_to_action: String,
    /// The "Like us on Facebook" link text.
    pub like_text: String,
    /// The discussion question that leads to the comments.
    pub question: String,
    /// The words that link to the comment section.
    pub comment_prompt: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    description: String,
    source: String,
    #[serde(default)]
    byline: Option<String>,
    published_at: String,
    #[serde(default = "yes")]
    comments_open: bool,
    #[serde(default)]
    premoderation: bool,
    /// The page's language when it is not the site's (`[site] language`).
    #[serde(default)]
    language: Option<String>,
    share: SharePrompts,
}

fn yes() -> bool {
    true
}

/// A parsed article, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub slug: Slug,
    pub title: String,
    pub description: String,
    pub source: String,
    pub byline: Option<String>,
    pub published_at: OffsetDateTime,
    pub body_md: String,
    pub comments_open: bool,
    pub premoderation: bool,
    /// `en`, `de`, `fr`, `es` (a shipped catalogue), or none for the site's language.
    pub language: Option<String>,
    pub share: SharePrompts,
}

impl NewArticle {
    /// Parses `+++\n<toml>\n+++\n<markdown>`.
    pub fn parse(source: &str) -> Result<NewArticle, String> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let rest = source
            .strip_prefix("+++\n")
            .or_else(|| source.strip_prefix("+++\r\n"))
            .ok_or("an article must start with a `+++` line opening its TOML front matter")?;
        let end = rest.find("\n+++").ok_or("the front matter is not closed by a `+++` line")?;
        let front = &rest[..end];
        let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
        let fm: FrontMatter = toml::from_str(front).map_err(|e| format!("front matter: {}", e.message()))?;
        let slug = Slug::parse(&fm.slug)?;
        let published_at = OffsetDateTime::parse(&fm.published_at, &Rfc3339)
            .map_err(|e| format!("published_at must be an RFC 3339 date-time: {e}"))?;
        for (name, value) in [
            ("title", &fm.title),
            ("description", &fm.description),
            ("source", &fm.source),
            ("share.text", &fm.share.text),
            ("share.call_to_action", &fm.share.call_to_action),
            ("share.like_text", &fm.share.like_text),
            ("share.question", &fm.share.question),
            ("share.comment_prompt", &fm.share.comment_prompt),
        ] {
            if value.trim().is_empty() {
                return Err(format!("{name} must not be empty"));
            }
        }
        if body.trim().is_empty() {
            return Err("the article has no body".into());
        }
        if let Some(lang) = &fm.language {
            crate::i18n::Tr::new(lang).map_err(|e| format!("language: {e}"))?;
        }
        Ok(NewArticle {
            slug,
            title: fm.title,
            description: fm.description,
            source: fm.source,
            byline: fm.byline,
            published_at,
            body_md: body.to_string(),
            comments_open: fm.comments_open,
            premoderation: fm.premoderation,
            language: fm.language,
            share: fm.share,
        })
    }
}

/// An article as stored.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub source: String,
    pub byline: Option<String>,
    pub published_at: OffsetDateTime,
    pub body_md: String,
    pub comments_open: bool,
    pub premoderation: bool,
    pub share: SharePrompts,
    /// The page on the publisher's site, for threads the embed created; they have no body here.
    pub url: Option<String>,
    /// The page's own language (front matter `language`); none means the site's.
    pub language: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../content/russian-ambassador-assassinated-us-embassy-incident.md");

    #[test]
    fn the_shipped_sample_parses() {
        let a = NewArticle::parse(SAMPLE).unwrap();
        assert!(a.title.contains("Russian Amb. Assassinated"));
        assert!(a.body_md.contains("“Allahu akbar"));
        assert_eq!(a.share.question, "Do you think this shooting is terror-related?");
    }

    #[test]
    fn slugs_reject_odd_characters() {
        assert!(Slug::parse("a-b-1").is_ok());
        for bad in ["", "A", "a--b", "-a", "a/b", "a b", "ä"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn missing_front_matter_is_refused() {
        assert!(NewArticle::parse("# hello").is_err());
        assert!(NewArticle::parse("+++\nslug = \"x\"\n").is_err());
    }
}
