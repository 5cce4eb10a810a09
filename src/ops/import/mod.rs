//! `commentdesk import FILE`: a Commentdesk export (JSON Lines), an Isso database, a WordPress
//! export (WXR) or a Disqus export, told apart by their first bytes or named with `--format`.
//!
//! Comments from another system are imported whole and the rest reported: the readers skip or
//! change what they cannot keep as it is and say why, with the line or row ([`Note`]); a file is
//! refused only when it cannot be read at all. Everything is stored in one transaction, and each
//! comment remembers its source and id there, so importing a file again adds only what is new.
//! `--strict` refuses the import on any problem instead, listing them all.
pub mod disqus;
pub mod html;
pub mod isso;
pub mod wxr;
mod xml;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::{OpsError, export, privacy};
use crate::config::Settings;
use crate::store::sqlite::legacy::{Legacy, LegacyThread, Note, NoteKind, Stored, fallback_slug, slug_from_uri};
use crate::store::{LegacyError, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A `commentdesk export` file.
    Jsonl,
    /// An Isso SQLite database.
    Isso,
    /// A WordPress or WordPress.com export (WXR).
    Wxr,
    /// A Disqus XML export.
    Disqus,
}

/// Tells the format from the first bytes of the file.
pub fn detect(path: &Path) -> Result<Format, OpsError> {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head)).map_err(OpsError::io(path))?;
    if head.starts_with(b"SQLite format 3\0") {
        return Ok(Format::Isso);
    }
    let text = String::from_utf8_lossy(&head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        return Ok(Format::Jsonl);
    }
    if start.starts_with('<') {
        if text.contains("<disqus") {
            return Ok(Format::Disqus);
        }
        if text.contains("<rss") || text.contains("wordpress.org/export") {
            return Ok(Format::Wxr);
        }
    }
    Err(OpsError::bad(
        path,
        "cannot tell the format (not a Commentdesk export, Isso database, WordPress or Disqus export); \
         name it with --format",
    ))
}

/// Imports `file` and returns the summary to print.
pub async fn import(
    store: &dyn Store,
    settings: &Settings,
    file: &Path,
    format: Option<Format>,
    strict: bool,
) -> Result<String, OpsError> {
    let format = match format {
        Some(f) => f,
        None => detect(file)?,
    };
    let started = Instant::now();
    let mut legacy = match format {
        Format::Jsonl => {
            let counts = export::import(store, file).await?;
            return Ok(format!("imported {}", export::describe(&counts)));
        }
        Format::Isso => isso::read(file)?,
        Format::Wxr => wxr::parse(file, &read_text(file)?)?,
        Format::Disqus => disqus::parse(file, &read_text(file)?)?,
    };
    legacy.strict = strict;
    merge_same_pages(&mut legacy);
    tell_apart_reused_ids(&mut legacy);
    let (source, origin) = (legacy.source.clone(), legacy.origin.clone());
    let not_comments = legacy.not_comments;
    let progress = ProgressTask::start(legacy.progress.clone(), legacy.comments.len(), started);
    let result = store_legacy(store, settings, file, legacy).await;
    progress.stop().await;
    let stored = result?;
    Ok(summary(&source, &origin, &stored, not_comments))
}

/// The SQLite file an import would create (the configured one, when it does not exist yet), so a
/// refused import can remove it again.
pub fn database_to_create(settings: &Settings) -> Option<PathBuf> {
    match settings.database.backend() {
        Ok(crate::config::Backend::Sqlite(path)) if !path.exists() => Some(path),
        _ => None,
    }
}

/// Removes a database file this import created, with its write-ahead log.
pub fn remove_created_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn read_text(path: &Path) -> Result<String, OpsError> {
    let bytes = std::fs::read(path).map_err(OpsError::io(path))?;
    String::from_utf8(bytes).map_err(|e| {
        OpsError::bad(path, format!("not UTF-8 text (byte {}): export it again as UTF-8", e.utf8_error().valid_up_to()))
    })
}

async fn store_legacy(store: &dyn Store, settings: &Settings, file: &Path, data: Legacy) -> Result<Stored, OpsError> {
    let keys = super::keys(settings, store).await?;
    let cutoff = privacy::cutoff(super::now(), settings.privacy.ip_hash_retention_days);
    store.import_legacy(data, keys, cutoff).await.map_err(|e| match e {
        LegacyError::Invalid { .. } | LegacyError::Problems(_) => OpsError::bad(file, e),
        other => OpsError::Refused(format!("database: {other}")),
    })
}

/// What the import did, for standard output: counts per status, articles, and every item skipped
/// or changed with its place in the file.
pub fn summary(source: &str, origin: &str, stored: &Stored, not_comments: usize) -> String {
    let mut out = String::new();
    let statuses: Vec<String> = stored.by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
    if stored.comments == 0 && stored.already > 0 {
        out.push_str(&format!(
            "nothing new: all {} comments of this {source} export ({origin}) were imported before",
            stored.already
        ));
    } else {
        out.push_str(&format!("imported {} comments from {source} ({origin})", stored.comments));
        if !statuses.is_empty() {
            out.push_str(&format!(": {}", statuses.join(", ")));
        }
        if stored.already > 0 {
            out.push_str(&format!("\n{} comments were imported before and are left as they are", stored.already));
        }
    }
    if !stored.articles_matched.is_empty() {
        out.push_str(&format!("\nattached to existing articles: {}", stored.articles_matched.join(", ")));
    }
    if !stored.articles_created.is_empty() {
        out.push_str(&format!(
            "\ncreated placeholder articles (fill them in with `commentdesk article import`): {}",
            stored.articles_created.join(", ")
        ));
    }
    if not_comments > 0 {
        out.push_str(&format!("\nskipped {not_comments} pingbacks and trackbacks (not reader comments)"));
    }
    let count = |k: NoteKind| stored.notes.iter().filter(|n| n.kind == k).count();
    let (skipped, changed) = (count(NoteKind::Skipped), count(NoteKind::Changed));
    if skipped + changed > 0 {
        out.push_str(&format!("\nskipped {skipped} items and changed {changed}; each with why:"));
    }
    for n in &stored.notes {
        out.push_str(&format!("\n  {n}"));
    }
    out
}

/// Threads by their source id, with slugs kept apart: a reader adds each thread once.
#[derive(Default)]
pub(crate) struct ThreadBook {
    by_source: HashMap<String, usize>,
    /// Slug → the source id of the first thread that took it from a URL.
    slugs: HashMap<String, String>,
}

impl ThreadBook {
    /// Adds a thread: its slug from the first URL (or path) that gives one; failing that, one made
    /// from the system and the thread's id, kept apart from every other thread's slug.
    pub(crate) fn add(&mut self, legacy: &mut Legacy, at: &str, source_id: &str, uris: &[&str], title: &str) -> usize {
        if let Some(&i) = self.by_source.get(source_id) {
            return i;
        }
        let slug = match uris.iter().find_map(|u| slug_from_uri(u)) {
            Some(s) => s,
            None => {
                let base = fallback_slug(&legacy.source, source_id);
                let mut slug = base.clone();
                let mut n = 1;
                while slug.as_ref().is_some_and(|s| self.slugs.contains_key(s.as_str())) {
                    n += 1;
                    slug = base
                        .as_ref()
                        .and_then(|b| crate::store::sqlite::legacy::slugify(&format!("{} {n}", b.as_str())));
                }
                let Some(slug) = slug else { return usize::MAX };
                let shown: Vec<String> = uris.iter().filter(|u| !u.is_empty()).map(|u| format!("{u:?}")).collect();
                legacy.notes.push(Note::changed(
                    at,
                    format!(
                        "thread {source_id} has no URL a slug can be made from{}: its comments go to the article \
                         \"{}\"",
                        if shown.is_empty() { String::new() } else { format!(" ({})", shown.join(", ")) },
                        slug.as_str()
                    ),
                ));
                slug
            }
        };
        self.slugs.entry(slug.as_str().to_string()).or_insert_with(|| source_id.to_string());
        let i = legacy.threads.len();
        legacy.threads.push(LegacyThread {
            at: at.to_string(),
            source_id: source_id.to_string(),
            slug,
            title: html::decode_entities(title).trim().to_string(),
        });
        self.by_source.insert(source_id.to_string(), i);
        i
    }

    pub(crate) fn get(&self, source_id: &str) -> Option<usize> {
        self.by_source.get(source_id).copied()
    }

    /// The thread for comments whose thread is not in the file: one placeholder per missing id.
    pub(crate) fn missing(&mut self, legacy: &mut Legacy, at: &str, source_id: &str) -> usize {
        if let Some(i) = self.get(source_id) {
            return i;
        }
        let title = format!("Comments from {} thread {source_id}", legacy.source);
        let i = self.add(legacy, at, source_id, &[], &title);
        if let (Some(t), Some(last)) = (legacy.threads.get(i), legacy.notes.last_mut()) {
            // Replace the "no URL" note by what really happened.
            last.message = format!(
                "thread {source_id} is not in the file: its comments go to the placeholder article \"{}\"",
                t.slug.as_str()
            );
        }
        i
    }
}

type Fingerprint = (String, i64, String);

fn fingerprint(c: &crate::store::sqlite::legacy::LegacyComment) -> Fingerprint {
    (c.author.trim().to_string(), c.created_at, c.body.trim().to_string())
}

/// Two threads holding the same comment (same author, time and text) are one page under two
/// URLs (an old and a new permalink): they are merged into the thread with more comments, and the
/// copies of a comment are stored once (replies to a copy answer the comment kept).
fn merge_same_pages(legacy: &mut Legacy) {
    let n = legacy.threads.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut seen: HashMap<Fingerprint, usize> = HashMap::new();
    for c in &legacy.comments {
        if c.thread >= n || c.body.trim().is_empty() {
            continue;
        }
        match seen.get(&fingerprint(c)) {
            Some(&t) if t != c.thread => {
                let (a, b) = (root(&mut parent, t), root(&mut parent, c.thread));
                if a != b {
                    parent[b] = a;
                }
            }
            Some(_) => {}
            None => {
                seen.insert(fingerprint(c), c.thread);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for t in 0..n {
        let r = root(&mut parent, t);
        groups.entry(r).or_default().push(t);
    }
    let mut per_thread = vec![0usize; n];
    for c in legacy.comments.iter().filter(|c| c.thread < n) {
        per_thread[c.thread] += 1;
    }
    let mut into = (0..n).collect::<Vec<_>>();
    for members in groups.values().filter(|m| m.len() > 1) {
        // The thread with most comments; on a tie the later one (usually the newer URL).
        let keep = *members.iter().max_by_key(|t| (per_thread[**t], **t)).unwrap_or(&members[0]);
        for &t in members.iter().filter(|t| **t != keep) {
            into[t] = keep;
            let (from, to) = (&legacy.threads[t], &legacy.threads[keep]);
            legacy.notes.push(Note::changed(
                &from.at,
                format!(
                    "thread {} (\"{}\") holds the same comments as thread {} (\"{}\"): one page under two URLs, \
                     merged into \"{}\"",
                    from.source_id,
                    from.slug.as_str(),
                    to.source_id,
                    to.slug.as_str(),
                    to.slug.as_str()
                ),
            ));
        }
    }
    if into.iter().enumerate().all(|(i, t)| i == *t) {
        return;
    }
    // Copies: a comment whose fingerprint is already in its merged thread, from another thread.
    let mut kept: HashMap<(usize, Fingerprint), (usize, String)> = HashMap::new();
    let mut replaced: HashMap<String, String> = HashMap::new();
    let mut drop = vec![false; legacy.comments.len()];
    for (i, c) in legacy.comments.iter_mut().enumerate() {
        if c.thread >= n {
            continue;
        }
        let original = c.thread;
        c.thread = into[original];
        let key = (c.thread, fingerprint(c));
        match kept.get(&key) {
            Some((from_thread, id)) if *from_thread != original => {
                replaced.insert(c.source_id.clone(), id.clone());
                legacy.notes.push(Note::skipped(
                    &c.at,
                    format!("comment {} is comment {id} again (the same page under another URL)", c.source_id),
                ));
                drop[i] = true;
            }
            Some(_) => {}
            None => {
                kept.insert(key, (original, c.source_id.clone()));
            }
        }
    }
    let mut i = 0;
    legacy.comments.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    for c in &mut legacy.comments {
        if let Some(p) = c.parent.as_ref().and_then(|p| replaced.get(p)) {
            c.parent = Some(p.clone());
        }
    }
}

/// A comment id used again by a different comment on another page (WordPress exports of merged
/// sites do this) gets the page's id added, so both are imported and stay apart on a re-import.
fn tell_apart_reused_ids(legacy: &mut Legacy) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for i in 0..legacy.comments.len() {
        let id = legacy.comments[i].source_id.clone();
        match first.get(&id) {
            None => {
                first.insert(id, i);
            }
            Some(&f) if legacy.comments[f].thread != legacy.comments[i].thread => {
                let thread = legacy.threads.get(legacy.comments[i].thread).map(|t| t.source_id.clone());
                let new_id = format!("{id}@{}", thread.unwrap_or_default());
                let (at, first_at) = (legacy.comments[i].at.clone(), legacy.comments[f].at.clone());
                legacy.notes.push(Note::changed(
                    at,
                    format!(
                        "comment id {id} is also used at {first_at} by another comment: this one is kept as {new_id}"
                    ),
                ));
                legacy.comments[i].source_id = new_id;
            }
            // The same id twice on one page: the store skips the second, with a note.
            Some(_) => {}
        }
    }
}

/// A progress bar on standard error, shown only once an import has taken more than a second
/// (and only on a terminal: indicatif draws nothing elsewhere).
struct ProgressTask {
    done: Arc<AtomicBool>,
    handle: tokio::task::JoinHandle<()>,
}

impl ProgressTask {
    fn start(counter: Arc<AtomicUsize>, total: usize, started: Instant) -> ProgressTask {
        let done = Arc::new(AtomicBool::new(false));
        let stop = done.clone();
        let handle = tokio::spawn(async move {
            let bar =
                indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::hidden());
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{elapsed} [{bar:40}] {pos}/{len} comments ({per_sec})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            let mut shown = false;
            while !stop.load(Ordering::Relaxed) {
                if !shown && started.elapsed() > Duration::from_secs(1) {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    shown = true;
                }
                bar.set_position(counter.load(Ordering::Relaxed) as u64);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            bar.finish_and_clear();
        });
        ProgressTask { done, handle }
    }

    async fn stop(self) {
        self.done.store(true, Ordering::Relaxed);
        let _ = self.handle.await;
    }
}
