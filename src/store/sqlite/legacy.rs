//! Storing comments brought from another system (Isso, WordPress, Disqus). The readers turn their
//! files into [`Legacy`]; this stores it, threads included, inside the caller's transaction.
use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::domain::article::Slug;
use crate::domain::comment::{CommentStatus, MAX_AUTHOR_CHARS, MAX_BODY_CHARS, MAX_DEPTH};
use crate::http::keys::Keys;
use crate::markdown;

/// A page the other system kept comments for.
#[derive(Debug, Clone)]
pub struct LegacyThread {
    /// Where the thread is in the file, for messages ("line 12", "thread 3").
    pub at: String,
    pub slug: Slug,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct LegacyComment {
    pub at: String,
    /// The other system's id, unique in the file; replies name their parent by it.
    pub source_id: String,
    pub parent: Option<String>,
    /// Index into [`Legacy::threads`].
    pub thread: usize,
    pub author: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    /// Markdown (the readers turn HTML into it).
    pub body: String,
    pub status: CommentStatus,
    /// The address the other system kept, if any: stored only as a keyed hash, and only when the
    /// comment is younger than the IP-hash retention.
    pub ip: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Legacy {
    /// The system's name, for the reason stored with held comments ("Isso").
    pub source: String,
    pub threads: Vec<LegacyThread>,
    pub comments: Vec<LegacyComment>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stored {
    pub comments: usize,
    pub articles_matched: Vec<String>,
    pub articles_created: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LegacyError {
    #[error("{at}: {message}")]
    Invalid { at: String, message: String },
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Postgres(#[from] tokio_postgres::Error),
    /// The store could not run the operation (its connection or thread failed).
    #[error("{0}")]
    Store(String),
}

fn invalid(at: &str, message: impl Into<String>) -> LegacyError {
    LegacyError::Invalid { at: at.to_string(), message: message.into() }
}

/// Text shown for a deleted comment the other system kept without its words.
pub const DELETED_BODY: &str = "[deleted]";

/// Turns any URL or path into a slug: the last path segment, lowercased, with every run of other
/// characters made one hyphen ("https://x.example/2016/12/Big-Story.html?p=1" → "big-story").
pub fn slug_from_uri(uri: &str) -> Option<Slug> {
    let path = match url::Url::parse(uri) {
        Ok(u) => u.path().to_string(),
        Err(_) => uri.split(['?', '#']).next().unwrap_or("").to_string(),
    };
    let segment = path.split('/').rev().find(|s| !s.is_empty())?;
    let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy().to_string();
    let stem = [".html", ".htm", ".php", ".aspx"]
        .iter()
        .find_map(|ext| decoded.strip_suffix(ext))
        .unwrap_or(&decoded)
        .to_lowercase();
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 120 {
        slug.truncate(120);
        slug = slug.trim_end_matches('-').to_string();
    }
    Slug::parse(&slug).ok()
}

fn clean_author(raw: &str) -> String {
    let one_line: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(MAX_AUTHOR_CHARS).collect()
}

fn clean_body(c: &LegacyComment) -> Result<String, LegacyError> {
    let unified = c.body.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = unified.chars().filter(|ch| !ch.is_control() || *ch == '\n' || *ch == '\t').collect();
    let text = text.trim().to_string();
    if text.is_empty() {
        return if matches!(c.status, CommentStatus::Deleted | CommentStatus::Spam | CommentStatus::Rejected) {
            Ok(DELETED_BODY.to_string())
        } else {
            Err(invalid(&c.at, format!("comment {} has no text", c.source_id)))
        };
    }
    let n = text.chars().count();
    if n > MAX_BODY_CHARS {
        return Err(invalid(
            &c.at,
            format!("comment {} is {n} characters long; Commentdesk keeps at most {MAX_BODY_CHARS}", c.source_id),
        ));
    }
    Ok(text)
}

/// Stores threads and comments. Threads attach to the article with their slug; a slug no article
/// has gets a placeholder article (title from the other system, no text) that an editor can fill
/// in later with `article import`. `ip_cutoff` is the oldest creation time whose IP is kept.
pub fn store(conn: &Connection, data: &Legacy, keys: &Keys, ip_cutoff: i64) -> Result<Stored, LegacyError> {
    let mut stored = Stored::default();
    let mut article_of_thread = Vec::with_capacity(data.threads.len());
    for (i, t) in data.threads.iter().enumerate() {
        let existing: Option<i64> =
            conn.query_row("SELECT id FROM articles WHERE slug = ?1", [t.slug.as_str()], |r| r.get(0)).optional()?;
        let id = match existing {
            Some(id) => {
                if !stored.articles_matched.iter().any(|s| s == t.slug.as_str()) {
                    stored.articles_matched.push(t.slug.as_str().to_string());
                }
                id
            }
            None => {
                let first = data.comments.iter().filter(|c| c.thread == i).map(|c| c.created_at).min();
                let published = OffsetDateTime::from_unix_timestamp(first.unwrap_or(0))
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH)
                    .format(&Rfc3339)
                    .map_err(|e| invalid(&t.at, e.to_string()))?;
                let title =
                    if t.title.trim().is_empty() { t.slug.as_str().to_string() } else { t.title.trim().to_string() };
                stored.articles_created.push(t.slug.as_str().to_string());
                conn.query_row(
                    "INSERT INTO articles (slug, title, description, source, published_at, body_md, share_text, \
                         call_to_action, like_text, question, comment_prompt, updated_at) \
                     VALUES (?1, ?2, '', ?3, ?4, '', '', '', '', '', '', ?5) RETURNING id",
                    params![
                        t.slug.as_str(),
                        title,
                        format!("Imported from {}", data.source),
                        published,
                        OffsetDateTime::now_utc().unix_timestamp()
                    ],
                    |r| r.get(0),
                )?
            }
        };
        article_of_thread.push(id);
    }

    let mut index: HashMap<&str, usize> = HashMap::with_capacity(data.comments.len());
    for (i, c) in data.comments.iter().enumerate() {
        if c.thread >= data.threads.len() {
            return Err(invalid(&c.at, format!("comment {} belongs to no known thread", c.source_id)));
        }
        if index.insert(c.source_id.as_str(), i).is_some() {
            return Err(invalid(&c.at, format!("comment id {} appears twice", c.source_id)));
        }
    }
    // Parents first: each comment is stored after the comment it answers.
    let mut new_ids: Vec<Option<(i64, i64)>> = vec![None; data.comments.len()];
    let mut order: Vec<usize> = (0..data.comments.len()).collect();
    order.sort_by_key(|i| (data.comments[*i].created_at, *i));
    for start in order {
        let mut chain = vec![start];
        while let Some(&top) = chain.last() {
            if new_ids[top].is_some() {
                chain.pop();
                continue;
            }
            let c = &data.comments[top];
            let parent = match &c.parent {
                None => None,
                Some(p) => {
                    let pi = *index.get(p.as_str()).ok_or_else(|| {
                        invalid(&c.at, format!("comment {} answers comment {p}, which is not in the file", c.source_id))
                    })?;
                    if data.comments[pi].thread != c.thread {
                        return Err(invalid(
                            &c.at,
                            format!("comment {} answers comment {p} of another page", c.source_id),
                        ));
                    }
                    match new_ids[pi] {
                        Some(stored_parent) => Some(stored_parent),
                        None => {
                            if chain.contains(&pi) {
                                return Err(invalid(&c.at, format!("comment {} is in a reply loop", c.source_id)));
                            }
                            chain.push(pi);
                            continue;
                        }
                    }
                }
            };
            new_ids[top] = Some(insert_one(conn, data, c, article_of_thread[c.thread], parent, keys, ip_cutoff)?);
            stored.comments += 1;
            chain.pop();
        }
    }
    Ok(stored)
}

/// Inserts one comment under `parent` (its new id and depth); returns the comment's id and depth.
fn insert_one(
    conn: &Connection,
    data: &Legacy,
    c: &LegacyComment,
    article_id: i64,
    parent: Option<(i64, i64)>,
    keys: &Keys,
    ip_cutoff: i64,
) -> Result<(i64, i64), LegacyError> {
    let body = clean_body(c)?;
    let html = markdown::render_comment(&body);
    let (parent_id, depth) = match parent {
        None => (None, 0),
        Some((pid, pdepth)) if pdepth < MAX_DEPTH => (Some(pid), pdepth + 1),
        // Deeper than Commentdesk nests: a sibling of its parent, as for new replies.
        Some((pid, _)) => {
            let grand: Option<i64> =
                conn.query_row("SELECT parent_id FROM comments WHERE id = ?1", [pid], |r| r.get(0))?;
            (grand, MAX_DEPTH)
        }
    };
    let ip_hash = match &c.ip {
        Some(ip) if !ip.trim().is_empty() && c.created_at >= ip_cutoff => Some(keys.hash("ip", ip.trim().as_bytes())),
        _ => None,
    };
    let id: i64 = conn.query_row(
        "INSERT INTO comments (article_id, parent_id, depth, author_name, ip_hash, body_md, body_html, status, \
             created_at, edited_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        params![
            article_id,
            parent_id,
            depth,
            clean_author(&c.author),
            ip_hash,
            body,
            html.as_str(),
            c.status.as_str(),
            c.created_at,
            c.edited_at
        ],
        |r| r.get(0),
    )?;
    if c.status == CommentStatus::Pending {
        conn.execute(
            "INSERT INTO comment_reasons (comment_id, code, message) VALUES (?1, 'imported', ?2)",
            params![id, format!("Waiting for a moderator in {} before the import.", data.source)],
        )?;
    }
    Ok((id, depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_the_last_path_segment() {
        let s = |u: &str| slug_from_uri(u).map(|s| s.as_str().to_string());
        assert_eq!(s("https://x.example/2016/12/Big-Story.html?p=1").as_deref(), Some("big-story"));
        assert_eq!(s("/articles/some-slug/").as_deref(), Some("some-slug"));
        assert_eq!(s("/news/Ça va, l'été!").as_deref(), Some("a-va-l-t"));
        assert_eq!(s("/"), None);
    }
}
