//! Consistent copies of the live database, whichever backend runs: the store writes a checked
//! copy to a partial file (SQLite: `VACUUM INTO`; PostgreSQL: a JSON Lines export from one
//! snapshot), which is synced and only then renamed into place, so a backup file that exists is
//! always complete.
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::macros::format_description;

use super::OpsError;
use crate::store::Store;

/// Scheduled backups are named `commentdesk-YYYYMMDDTHHMMSSZ` and the store's suffix (`.db` or
/// `.jsonl`), so names sort by age.
pub const PREFIX: &str = "commentdesk-";

/// A fresh backup file name for `at`.
pub fn file_name(at: OffsetDateTime, suffix: &str) -> String {
    let stamp = at
        .format(format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap_or_else(|_| at.unix_timestamp().to_string());
    format!("{PREFIX}{stamp}{suffix}")
}

/// Copies the database to `dest` (a new file, or a directory to put a dated file in).
/// Returns the file written.
pub async fn backup(store: &dyn Store, dest: &Path) -> Result<PathBuf, OpsError> {
    let target = if dest.is_dir() {
        dest.join(file_name(OffsetDateTime::now_utc(), store.backup_suffix()))
    } else {
        dest.to_path_buf()
    };
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
    let result = match store.backup_into(partial.clone()).await {
        // fsync and rename block: off the async workers (scheduled backups run in the server).
        Ok(()) => {
            let (p, t) = (partial.clone(), target.clone());
            tokio::task::spawn_blocking(move || finish(&p, &t))
                .await
                .map_err(|e| OpsError::Refused(format!("backup task failed: {e}")))
                .and_then(|r| r)
        }
        Err(e) => Err(OpsError::Refused(format!("backup to {}: {e}", target.display()))),
    };
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map(|()| target)
}

fn finish(partial: &Path, target: &Path) -> Result<(), OpsError> {
    std::fs::File::open(partial).and_then(|f| f.sync_all()).map_err(OpsError::io(partial))?;
    std::fs::rename(partial, target).map_err(OpsError::io(target))?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Makes the rename itself durable.
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// Whether `name` is one of the scheduled backups' names (`commentdesk-YYYYMMDDTHHMMSSZ` and the
/// suffix): rotation deletes only those, never an operator's own files beside them.
pub fn is_scheduled_name(name: &str, suffix: &str) -> bool {
    let Some(stamp) = name.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(suffix)) else { return false };
    let b = stamp.as_bytes();
    b.len() == 16 && b[8] == b'T' && b[15] == b'Z' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

/// One scheduled backup into `dir`, then deletes all but the `keep` newest scheduled backups.
/// Returns the new file and the files deleted.
pub async fn scheduled(store: &dyn Store, dir: &Path, keep: usize) -> Result<(PathBuf, Vec<PathBuf>), OpsError> {
    std::fs::create_dir_all(dir).map_err(OpsError::io(dir))?;
    let written = backup(store, dir).await?;
    let suffix = store.backup_suffix();
    let mut ours: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(OpsError::io(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| is_scheduled_name(n, suffix)))
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

#[cfg(test)]
mod tests {
    #[test]
    fn rotation_knows_its_own_names_only() {
        let name = super::file_name(time::macros::datetime!(2026-11-29 16:05:09 UTC), ".db");
        assert_eq!(name, "commentdesk-20261129T160509Z.db");
        assert!(super::is_scheduled_name(&name, ".db"));
        assert!(!super::is_scheduled_name(&name, ".jsonl"));
        for other in [
            "commentdesk-before-upgrade.db",
            "commentdesk-20261129T160509Z.db.partial",
            "notes.db",
            "commentdesk-2026112XT160509Z.db",
        ] {
            assert!(!super::is_scheduled_name(other, ".db"), "{other}");
        }
    }
}
