//! Consistent copies of the live database. `VACUUM INTO` reads one snapshot (WAL lets the server
//! keep writing meanwhile) and writes a compact, self-contained file; it is checked, synced and
//! only then renamed into place, so a backup file that exists is always complete.
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use time::OffsetDateTime;
use time::macros::format_description;

use super::OpsError;

/// Scheduled backups are named `commentdesk-YYYYMMDDTHHMMSSZ.db`, so names sort by age.
pub const PREFIX: &str = "commentdesk-";
pub const SUFFIX: &str = ".db";

/// A fresh backup file name for `at`.
pub fn file_name(at: OffsetDateTime) -> String {
    let stamp = at
        .format(format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap_or_else(|_| at.unix_timestamp().to_string());
    format!("{PREFIX}{stamp}{SUFFIX}")
}

/// Copies the database at `source` to `dest` (a new file, or a directory to put a dated file in).
/// Returns the file written.
pub fn backup(source: &Path, dest: &Path) -> Result<PathBuf, OpsError> {
    if !source.is_file() {
        return Err(OpsError::Database { path: source.to_path_buf(), message: "no such database file".into() });
    }
    let target = if dest.is_dir() { dest.join(file_name(OffsetDateTime::now_utc())) } else { dest.to_path_buf() };
    if target.exists() {
        return Err(OpsError::Refused(format!(
            "{} already exists; a backup never overwrites a file",
            target.display()
        )));
    }
    let partial = PathBuf::from(format!("{}.partial", target.display()));
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(OpsError::io(&partial))?;
    }
    let result = copy_checked(source, &partial, &target);
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map(|()| target)
}

fn copy_checked(source: &Path, partial: &Path, target: &Path) -> Result<(), OpsError> {
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(OpsError::db(source))?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(OpsError::db(source))?;
    let dest =
        partial.to_str().ok_or_else(|| OpsError::Refused(format!("{} is not valid UTF-8", partial.display())))?;
    conn.execute("VACUUM INTO ?1", [dest]).map_err(|e| OpsError::Database {
        path: source.to_path_buf(),
        message: format!("copying to {}: {e}", partial.display()),
    })?;
    drop(conn);
    let check =
        Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(OpsError::db(partial))?;
    let verdict: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(OpsError::db(partial))?;
    drop(check);
    if verdict != "ok" {
        return Err(OpsError::Database { path: partial.to_path_buf(), message: format!("integrity check: {verdict}") });
    }
    std::fs::File::open(partial).and_then(|f| f.sync_all()).map_err(OpsError::io(partial))?;
    std::fs::rename(partial, target).map_err(OpsError::io(target))?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Makes the rename itself durable.
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// One scheduled backup into `dir`, then deletes all but the `keep` newest scheduled backups.
/// Returns the new file and the files deleted.
pub fn scheduled(source: &Path, dir: &Path, keep: usize) -> Result<(PathBuf, Vec<PathBuf>), OpsError> {
    std::fs::create_dir_all(dir).map_err(OpsError::io(dir))?;
    let written = backup(source, dir)?;
    let mut ours: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(OpsError::io(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(keep.max(1));
    let mut removed = Vec::new();
    for old in ours.into_iter().take(excess) {
        std::fs::remove_file(&old).map_err(OpsError::io(&old))?;
        removed.push(old);
    }
    Ok((written, removed))
}
