//! Storing comments brought from another system (Isso, WordPress, Disqus). The readers turn their
//! files into [`Legacy`]; [`plan`] decides, for both backends alike, what is stored in which order
//! and what is skipped or changed (and why); [`store`] writes it inside the caller's transaction.
//!
//! An import never refuses a file for one item it can handle: an item it cannot keep is skipped
//! and one it must alter is changed, each with a [`Note`] naming its place in the file. With
//! [`Legacy::strict`] every note refuses the whole import instead, all of them listed at once.
//! Each stored comment is remembered in `imported_comments` by its source and id there, so a
//! second import of the same file adds nothing and a newer export adds only what is new.
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::domain::article::Slug;
use crate::domain::comment::{CommentStatus, MAX_AUTHOR_CHARS, MAX_DEPTH};
use crate::http::keys::Keys;
use crate::markdown;

/// The longest comment an import keeps whole. Imported history is not a new comment (those keep
/// `MAX_BODY_CHARS`); beyond this a published or held comment is cut with a visible note.
pub const IMPORT_MAX_BODY_CHARS: usize = 100_000;

/// A page the other system kept comments for.
#[derive(Debug, Clone)]
pub struct LegacyThread {
    /// Where the thread is in the file, for messages ("line 12", "thread 3").
    pub at: String,
    /// The other system's id for the page (Disqus thread id, WordPress post id, Isso thread id).
    pub source_id: String,
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

/// Whether an item was left out or brought in altered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Skipped,
    Changed,
    /// The file itself was mended to be read (a byte-order mark, an undeclared prefix): nothing
    /// of its content is lost, so `--strict` does not refuse for it.
    Repaired,
}

/// One item the import skipped or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line ("line 12") or row ("comment 9") in the file.
    pub at: String,
    pub kind: NoteKind,
    pub message: String,
}

impl Note {
    pub fn skipped(at: impl Into<String>, message: impl Into<String>) -> Note {
        Note { at: at.into(), kind: NoteKind::Skipped, message: message.into() }
    }
    pub fn changed(at: impl Into<String>, message: impl Into<String>) -> Note {
        Note { at: at.into(), kind: NoteKind::Changed, message: message.into() }
    }
    pub fn repaired(at: impl Into<String>, message: impl Into<String>) -> Note {
        Note { at: at.into(), kind: NoteKind::Repaired, message: message.into() }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            NoteKind::Skipped => "skipped",
            NoteKind::Changed => "changed",
            NoteKind::Repaired => "read",
        };
        write!(f, "{}: {kind}: {}", self.at, self.message)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Legacy {
    /// The system's name, for the reason stored with held comments ("Isso").
    pub source: String,
    /// The system and the site the file comes from ("disqus:news"): with a comment's id it
    /// identifies the comment across imports.
    pub origin: String,
    pub threads: Vec<LegacyThread>,
    pub comments: Vec<LegacyComment>,
    /// What the reader already skipped or changed.
    pub notes: Vec<Note>,
    /// Pingbacks and trackbacks: not reader comments, left out without a note.
    pub not_comments: usize,
    /// Refuse the whole import on any note (but a repair), listing them all.
    pub strict: bool,
    /// Comments handled so far, for a progress display.
    pub progress: Arc<AtomicUsize>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Comments stored now, by status.
    pub by_status: BTreeMap<String, usize>,
    pub comments: usize,
    /// Comments of the file an earlier import already stored.
    pub already: usize,
    pub articles_matched: Vec<String>,
    pub articles_created: Vec<String>,
    /// Everything skipped or changed, the reader's notes first.
    pub notes: Vec<Note>,
}

#[derive(Debug, thiserror::Error)]
pub enum LegacyError {
    #[error("{at}: {message}")]
    Invalid { at: String, message: String },
    /// `--strict`: every problem found, nothing stored.
    #[error("{} problems, nothing imported (--strict):\n{}", .0.len(), list(.0))]
    Problems(Vec<Note>),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Postgres(#[from] tokio_postgres::Error),
    /// The store could not run the operation (its connection or thread failed).
    #[error("{0}")]
    Store(String),
}

fn list(notes: &[Note]) -> String {
    notes.iter().map(|n| format!("  {n}")).collect::<Vec<_>>().join("\n")
}

/// Text shown for a deleted comment the other system kept without its words.
pub const DELETED_BODY: &str = "[deleted]";

/// Turns a URL or path into a slug from its last meaningful path segment: percent-decoded and
/// transliterated to ASCII ("/2016/12/Ça-va.html" → "ca-va"), `.../story/index.html` → "story",
/// and a WordPress `/?p=42` → "p-42". `None` when nothing usable is left.
pub fn slug_from_uri(uri: &str) -> Option<Slug> {
    let uri = uri.trim();
    let (path, query) = match url::Url::parse(uri) {
        Ok(u) => (u.path().to_string(), u.query().unwrap_or("").to_string()),
        Err(_) => {
            let no_fragment = uri.split('#').next().unwrap_or("");
            let mut parts = no_fragment.splitn(2, '?');
            (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string())
        }
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let is_index = |s: &str| {
        let l = s.to_ascii_lowercase();
        ["index", "default"].iter().any(|stem| l == *stem || l.starts_with(&format!("{stem}.")))
    };
    let segment = segments.iter().rev().find(|s| !is_index(s)).copied();
    if let Some(slug) = segment.and_then(slugify_segment) {
        return Some(slug);
    }
    // WordPress's plain permalinks: /?p=42, /?page_id=7.
    for pair in query.split('&') {
        let mut kv = pair.splitn(2, '=');
        let (k, v) = (kv.next().unwrap_or(""), kv.next().unwrap_or(""));
        let prefix = match k {
            "p" => "p",
            "page_id" => "page",
            _ => continue,
        };
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            return Slug::parse(&format!("{prefix}-{v}")).ok();
        }
    }
    None
}

/// A slug from free text (a title, an identifier): transliterated, lowercased, hyphenated.
pub fn slugify(text: &str) -> Option<Slug> {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::new();
    for c in ascii.chars() {
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

fn slugify_segment(segment: &str) -> Option<Slug> {
    let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy().to_string();
    let lower = decoded.to_lowercase();
    let stem = [".html", ".htm", ".php", ".aspx", ".asp", ".shtml"]
        .iter()
        .find_map(|ext| lower.strip_suffix(ext))
        .unwrap_or(&lower);
    slugify(stem)
}

/// A slug made from the other system's thread id, for a thread with no usable URL: prefixed by
/// the system so it reads as what it is ("disqus-thread-3"); the caller keeps it unique.
pub fn fallback_slug(system: &str, id: &str) -> Option<Slug> {
    slugify(&format!("{system} thread {id}")).or_else(|| slugify("imported thread"))
}

fn clean_author(raw: &str) -> String {
    let one_line: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(MAX_AUTHOR_CHARS).collect()
}

/// The body as stored, or why the comment is skipped; a body cut at the limit is noted.
fn clean_body(c: &LegacyComment, notes: &mut Vec<Note>) -> Option<String> {
    let unified = c.body.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = unified.chars().filter(|ch| !ch.is_control() || *ch == '\n' || *ch == '\t').collect();
    let text = text.trim().to_string();
    let kept_without_words = matches!(c.status, CommentStatus::Deleted | CommentStatus::Spam | CommentStatus::Rejected);
    if text.is_empty() {
        if kept_without_words {
            return Some(DELETED_BODY.to_string());
        }
        notes.push(Note::skipped(&c.at, format!("comment {} has no text", c.source_id)));
        return None;
    }
    let n = text.chars().count();
    if n <= IMPORT_MAX_BODY_CHARS {
        return Some(text);
    }
    if kept_without_words {
        notes.push(Note::skipped(
            &c.at,
            format!(
                "{} comment {} is {n} characters long, over the {IMPORT_MAX_BODY_CHARS} an import keeps",
                c.status.as_str(),
                c.source_id
            ),
        ));
        return None;
    }
    let note = format!("\n\n*[Cut at {IMPORT_MAX_BODY_CHARS} characters on import; the original had {n}.]*");
    let keep = IMPORT_MAX_BODY_CHARS - note.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(&note);
    notes.push(Note::changed(
        &c.at,
        format!("comment {} is {n} characters long: kept its first {keep} with a note", c.source_id),
    ));
    Some(cut)
}

/// One comment to store: its index in [`Legacy::comments`], the index of the comment it answers
/// (stored before it), and its cleaned body.
#[derive(Debug, Clone)]
pub struct Planned {
    pub index: usize,
    pub parent: Option<usize>,
    pub body: String,
}

/// Decides what is stored, parents first, and notes what is skipped or changed: a comment
/// without text (unless deleted or spam) is skipped; a reply whose parent is missing, skipped,
/// on another page or in a reply loop becomes a top-level comment; a second comment with an id
/// already seen is skipped.
pub fn plan(data: &Legacy) -> (Vec<Planned>, Vec<Note>) {
    let mut notes = Vec::new();
    let n = data.comments.len();
    let mut bodies: Vec<Option<String>> = Vec::with_capacity(n);
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, c) in data.comments.iter().enumerate() {
        if c.thread >= data.threads.len() {
            notes.push(Note::skipped(&c.at, format!("comment {} belongs to no known thread", c.source_id)));
            bodies.push(None);
            continue;
        }
        if let Some(&first) = index.get(c.source_id.as_str()) {
            notes.push(Note::skipped(
                &c.at,
                format!("comment id {} appears twice (first at {})", c.source_id, data.comments[first].at),
            ));
            bodies.push(None);
            continue;
        }
        let body = clean_body(c, &mut notes);
        if body.is_some() {
            index.insert(c.source_id.as_str(), i);
        }
        bodies.push(body);
    }
    // The parent each kept comment is stored under, after the checks.
    let mut parent_of: Vec<Option<usize>> = vec![None; n];
    for (i, c) in data.comments.iter().enumerate() {
        if bodies[i].is_none() {
            continue;
        }
        let Some(p) = &c.parent else { continue };
        match index.get(p.as_str()) {
            None => notes.push(Note::changed(
                &c.at,
                format!(
                    "comment {} answers comment {p}, which is not in the file or was skipped: imported as a \
                     top-level comment",
                    c.source_id
                ),
            )),
            Some(&pi) if data.comments[pi].thread != c.thread => notes.push(Note::changed(
                &c.at,
                format!("comment {} answers comment {p} of another page: imported as a top-level comment", c.source_id),
            )),
            Some(&pi) => parent_of[i] = Some(pi),
        }
    }
    // Reply loops: the comment where a walk up the parents comes back to itself is made top-level.
    for i in 0..n {
        let mut seen = vec![i];
        let mut at = parent_of[i];
        while let Some(p) = at {
            if p == i || seen.contains(&p) {
                if p == i {
                    let c = &data.comments[i];
                    notes.push(Note::changed(
                        &c.at,
                        format!("comment {} is in a reply loop: imported as a top-level comment", c.source_id),
                    ));
                    parent_of[i] = None;
                }
                break;
            }
            seen.push(p);
            at = parent_of[p];
        }
    }
    // Parents first, otherwise by time then place in the file.
    let mut order: Vec<usize> = (0..n).filter(|i| bodies[*i].is_some()).collect();
    order.sort_by_key(|i| (data.comments[*i].created_at, *i));
    let mut placed = vec![false; n];
    let mut out = Vec::with_capacity(order.len());
    for start in order {
        let mut chain = vec![start];
        while let Some(&top) = chain.last() {
            if placed[top] {
                chain.pop();
                continue;
            }
            match parent_of[top] {
                Some(p) if !placed[p] => chain.push(p),
                parent => {
                    placed[top] = true;
                    out.push(Planned { index: top, parent, body: bodies[top].clone().unwrap_or_default() });
                    chain.pop();
                }
            }
        }
    }
    (out, notes)
}

/// Where an earlier import put a comment: its id (None once removed) and depth.
pub type Known = Option<(i64, i64)>;

/// The depth and parent id a reply gets under `parent` (its new id and depth): deeper than
/// Commentdesk nests, it becomes a sibling of its parent (`grand` is the parent's parent).
pub fn placement(parent: Option<(i64, i64)>, grand: impl FnOnce(i64) -> Option<i64>) -> (Option<i64>, i64) {
    match parent {
        None => (None, 0),
        Some((pid, pdepth)) if pdepth < MAX_DEPTH => (Some(pid), pdepth + 1),
        Some((pid, _)) => (grand(pid), MAX_DEPTH),
    }
}

pub fn ip_hash(c: &LegacyComment, keys: &Keys, ip_cutoff: i64) -> Option<String> {
    match &c.ip {
        Some(ip) if !ip.trim().is_empty() && c.created_at >= ip_cutoff => Some(keys.hash("ip", ip.trim().as_bytes())),
        _ => None,
    }
}

pub fn placeholder_title(t: &LegacyThread) -> String {
    if t.title.trim().is_empty() { t.slug.as_str().to_string() } else { t.title.trim().chars().take(300).collect() }
}

pub fn published_at(data: &Legacy, thread: usize) -> String {
    let first = data.comments.iter().filter(|c| c.thread == thread).map(|c| c.created_at).min();
    OffsetDateTime::from_unix_timestamp(first.unwrap_or(0))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

pub fn held_reason(data: &Legacy) -> String {
    format!("Waiting for a moderator in {} before the import.", data.source)
}

/// The end of a store: strict mode refuses on any note.
pub fn finish(data: &Legacy, mut stored: Stored, plan_notes: Vec<Note>) -> Result<Stored, LegacyError> {
    let mut notes = data.notes.clone();
    notes.extend(plan_notes);
    if data.strict && notes.iter().any(|n| n.kind != NoteKind::Repaired) {
        return Err(LegacyError::Problems(notes.into_iter().filter(|n| n.kind != NoteKind::Repaired).collect()));
    }
    stored.notes = notes;
    Ok(stored)
}

pub fn tick(data: &Legacy) {
    data.progress.fetch_add(1, Ordering::Relaxed);
}

/// Stores threads and comments. A thread attaches to the article with its slug; a slug no article
/// has gets a placeholder article (title from the other system, no text) that an editor can fill
/// in later with `article import`, and only when one of its comments is stored. `ip_cutoff` is the
/// oldest creation time whose IP is kept.
pub fn store(conn: &Connection, data: &Legacy, keys: &Keys, ip_cutoff: i64) -> Result<Stored, LegacyError> {
    let (planned, plan_notes) = plan(data);
    let mut stored = Stored::default();
    let mut article_of_thread: Vec<Option<i64>> = vec![None; data.threads.len()];
    let mut new_ids: Vec<Known> = vec![None; data.comments.len()];
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut known = conn.prepare_cached(
        "SELECT i.comment_id, c.depth FROM imported_comments i LEFT JOIN comments c ON c.id = i.comment_id \
         WHERE i.source = ?1 AND i.source_id = ?2",
    )?;
    for p in &planned {
        tick(data);
        let c = &data.comments[p.index];
        let before: Option<(Option<i64>, Option<i64>)> =
            known.query_row(params![data.origin, c.source_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        if let Some((id, depth)) = before {
            stored.already += 1;
            new_ids[p.index] = id.zip(depth);
            continue;
        }
        let article_id = match article_of_thread[c.thread] {
            Some(id) => id,
            None => {
                let id = article_for(conn, data, c.thread, &mut stored, now)?;
                article_of_thread[c.thread] = Some(id);
                id
            }
        };
        let parent = p.parent.and_then(|pi| new_ids[pi]);
        let (parent_id, depth) = placement(parent, |pid| {
            conn.query_row("SELECT parent_id FROM comments WHERE id = ?1", [pid], |r| r.get(0)).ok().flatten()
        });
        let html = markdown::render_comment(&p.body);
        let id: i64 = conn.query_row(
            "INSERT INTO comments (article_id, parent_id, depth, author_name, ip_hash, body_md, body_html, status, \
                 created_at, edited_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            params![
                article_id,
                parent_id,
                depth,
                clean_author(&c.author),
                ip_hash(c, keys, ip_cutoff),
                p.body,
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
                params![id, held_reason(data)],
            )?;
        }
        conn.execute(
            "INSERT INTO imported_comments (source, source_id, comment_id, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![data.origin, c.source_id, id, now],
        )?;
        new_ids[p.index] = Some((id, depth));
        stored.comments += 1;
        *stored.by_status.entry(c.status.as_str().to_string()).or_default() += 1;
    }
    finish(data, stored, plan_notes)
}

fn article_for(
    conn: &Connection,
    data: &Legacy,
    thread: usize,
    stored: &mut Stored,
    now: i64,
) -> Result<i64, LegacyError> {
    let t = &data.threads[thread];
    let existing: Option<i64> =
        conn.query_row("SELECT id FROM articles WHERE slug = ?1", [t.slug.as_str()], |r| r.get(0)).optional()?;
    if let Some(id) = existing {
        let created_now = stored.articles_created.iter().any(|s| s == t.slug.as_str());
        if !created_now && !stored.articles_matched.iter().any(|s| s == t.slug.as_str()) {
            stored.articles_matched.push(t.slug.as_str().to_string());
        }
        return Ok(id);
    }
    stored.articles_created.push(t.slug.as_str().to_string());
    let id = conn.query_row(
        "INSERT INTO articles (slug, title, description, source, published_at, body_md, share_text, \
             call_to_action, like_text, question, comment_prompt, updated_at) \
         VALUES (?1, ?2, '', ?3, ?4, '', '', '', '', '', '', ?5) RETURNING id",
        params![
            t.slug.as_str(),
            placeholder_title(t),
            format!("Imported from {}", data.source),
            published_at(data, thread),
            now
        ],
        |r| r.get(0),
    )?;
    Ok(id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_the_last_meaningful_path_segment() {
        let s = |u: &str| slug_from_uri(u).map(|s| s.as_str().to_string());
        assert_eq!(s("https://x.example/2016/12/Big-Story.html?p=1").as_deref(), Some("big-story"));
        assert_eq!(s("/articles/some-slug/").as_deref(), Some("some-slug"));
        assert_eq!(s("/news/Ça va, l'été!").as_deref(), Some("ca-va-l-ete"));
        assert_eq!(s("https://x.example/news/%C3%A9t%C3%A9-2019/").as_deref(), Some("ete-2019"));
        assert_eq!(s("https://x.example/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/").as_deref(), Some("novosti"));
        assert_eq!(s("http://example.tld/?p=4").as_deref(), Some("p-4"));
        assert_eq!(s("http://example.tld/?page_id=7").as_deref(), Some("page-7"));
        assert_eq!(s("https://x.example/2019/bridge-vote/index.html").as_deref(), Some("bridge-vote"));
        assert_eq!(s("https://x.example/2019/bridge-vote/index.php?x=1").as_deref(), Some("bridge-vote"));
        assert_eq!(s("/"), None);
        assert_eq!(s("http://example.org/"), None);
        assert_eq!(fallback_slug("Disqus", "1337").unwrap().as_str(), "disqus-thread-1337");
    }
}
