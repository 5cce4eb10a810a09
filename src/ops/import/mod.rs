//! `commentdesk import FILE`: a Commentdesk export (JSON Lines), an Isso database, a WordPress
//! export (WXR) or a Disqus export, told apart by their first bytes or named with `--format`.
//! Every import runs in one transaction: a bad file changes nothing.
pub mod disqus;
pub mod html;
pub mod isso;
pub mod wxr;
mod xml;

use std::io::Read;
use std::path::Path;

use super::{OpsError, export, privacy};
use crate::config::Settings;
use crate::store::{Legacy, LegacyError, LegacyStored, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A `commentdesk export` file.
    Jsonl,
    /// An Isso SQLite database.
    Isso,
    /// A WordPress export (WXR).
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

/// What an import brought in, for the command's summary.
pub async fn import(
    store: &dyn Store,
    settings: &Settings,
    file: &Path,
    format: Option<Format>,
) -> Result<String, OpsError> {
    let format = match format {
        Some(f) => f,
        None => detect(file)?,
    };
    let (legacy, skipped) = match format {
        Format::Jsonl => {
            let counts = export::import(store, file).await?;
            return Ok(format!("imported {}", export::describe(&counts)));
        }
        Format::Isso => (isso::read(file)?, 0),
        Format::Wxr => wxr::parse(file, &read_text(file)?)?,
        Format::Disqus => (disqus::parse(file, &read_text(file)?)?, 0),
    };
    let source = legacy.source.clone();
    let stored = store_legacy(store, settings, file, legacy).await?;
    let mut summary = format!("imported {} comments from {source}", stored.comments);
    if !stored.articles_matched.is_empty() {
        summary.push_str(&format!("\nattached to existing articles: {}", stored.articles_matched.join(", ")));
    }
    if !stored.articles_created.is_empty() {
        summary.push_str(&format!(
            "\ncreated placeholder articles (fill them in with `commentdesk article import`): {}",
            stored.articles_created.join(", ")
        ));
    }
    if skipped > 0 {
        summary.push_str(&format!("\nskipped {skipped} pingbacks and trackbacks"));
    }
    Ok(summary)
}

fn read_text(path: &Path) -> Result<String, OpsError> {
    let bytes = std::fs::read(path).map_err(OpsError::io(path))?;
    String::from_utf8(bytes).map_err(|e| {
        OpsError::bad(path, format!("not UTF-8 text (byte {}): export it again as UTF-8", e.utf8_error().valid_up_to()))
    })
}

async fn store_legacy(
    store: &dyn Store,
    settings: &Settings,
    file: &Path,
    data: Legacy,
) -> Result<LegacyStored, OpsError> {
    let keys = super::keys(settings, store).await?;
    let cutoff = privacy::cutoff(super::now(), settings.privacy.ip_hash_retention_days);
    store.import_legacy(data, keys, cutoff).await.map_err(|e| match e {
        LegacyError::Invalid { .. } => OpsError::bad(file, e),
        other => OpsError::Refused(format!("database: {other}")),
    })
}
