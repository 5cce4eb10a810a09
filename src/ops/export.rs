//! `commentdesk export FILE` and the JSON Lines half of `commentdesk import FILE`.
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::OpsError;
use crate::store::{DumpCounts as Counts, DumpError, Store};

/// Writes the export to `file` (`-` is standard output), through a temporary file renamed into
/// place, so an interrupted export never leaves a truncated file behind.
pub async fn export(store: &dyn Store, file: &Path) -> Result<Counts, OpsError> {
    let at = OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default();
    let map = |e: DumpError| match e {
        DumpError::Io(_) | DumpError::Line { .. } => OpsError::bad(file, e),
        other => OpsError::Refused(format!("database: {other}")),
    };
    if file == Path::new("-") {
        let out = BufWriter::new(std::io::stdout());
        return store.export(Box::new(out), at).await.map_err(map);
    }
    let partial = PathBuf::from(format!("{}.partial", file.display()));
    let f = File::create(&partial).map_err(OpsError::io(&partial))?;
    let synced = f.try_clone().map_err(OpsError::io(&partial))?;
    let result = store.export(Box::new(BufWriter::new(f)), at).await.map_err(map).and_then(|counts| {
        synced.sync_all().map_err(OpsError::io(&partial))?;
        Ok(counts)
    });
    match result {
        Ok(counts) => {
            std::fs::rename(&partial, file).map_err(OpsError::io(file))?;
            Ok(counts)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Restores an export, all of it or nothing.
pub async fn import(store: &dyn Store, file: &Path) -> Result<Counts, OpsError> {
    let f = File::open(file).map_err(OpsError::io(file))?;
    store.import(Box::new(BufReader::new(f))).await.map_err(|e| match e {
        DumpError::Refused(m) => OpsError::Refused(format!("{}: {m}", file.display())),
        DumpError::Io(_) | DumpError::Line { .. } => OpsError::bad(file, e),
        other => OpsError::Refused(format!("database: {other}")),
    })
}

/// Writes every comment a moderator decided to `file` as CSV `text,label` (`fine` for approved,
/// `hold` for rejected or spam), through a temporary file renamed into place. Returns the rows.
pub async fn decisions_csv(store: &dyn Store, file: &Path) -> Result<usize, OpsError> {
    let rows = store.decisions().await.map_err(|e| OpsError::Refused(format!("database: {e}")))?;
    let partial = PathBuf::from(format!("{}.partial", file.display()));
    let write = || -> Result<(), OpsError> {
        let f = File::create(&partial).map_err(OpsError::io(&partial))?;
        let mut out = csv::Writer::from_writer(BufWriter::new(f));
        let bad = |e: csv::Error| OpsError::bad(&partial, e);
        out.write_record(["text", "label"]).map_err(bad)?;
        for (text, status) in &rows {
            let label = if *status == crate::domain::comment::CommentStatus::Published { "fine" } else { "hold" };
            out.write_record([text.as_str(), label]).map_err(bad)?;
        }
        let f = out.into_inner().map_err(|e| OpsError::bad(&partial, e.to_string()))?;
        f.into_inner().map_err(|e| OpsError::bad(&partial, e.to_string()))?.sync_all().map_err(OpsError::io(&partial))
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, file).map_err(OpsError::io(file))?;
    Ok(rows.len())
}

/// "3 article, 10 comment" for the command's summary.
pub fn describe(counts: &Counts) -> String {
    let parts: Vec<String> = counts.iter().filter(|(_, n)| **n > 0).map(|(t, n)| format!("{n} {t}")).collect();
    if parts.is_empty() { "no rows".to_string() } else { parts.join(", ") }
}
