//! `commentdesk export FILE` and the JSON Lines half of `commentdesk import FILE`.
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::OpsError;
use crate::db::dump::{self, Counts, DumpError};

/// Writes the export to `file` (`-` is standard output), through a temporary file renamed into
/// place, so an interrupted export never leaves a truncated file behind.
pub fn export(conn: &Connection, db_path: &Path, file: &Path) -> Result<Counts, OpsError> {
    let at = OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default();
    let map = |e: DumpError| match e {
        DumpError::Sql(e) => OpsError::Database { path: db_path.to_path_buf(), message: e.to_string() },
        other => OpsError::bad(file, other),
    };
    if file == Path::new("-") {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        return dump::export(conn, &mut out, &at).map_err(map);
    }
    let partial = PathBuf::from(format!("{}.partial", file.display()));
    let f = File::create(&partial).map_err(OpsError::io(&partial))?;
    let mut out = BufWriter::new(f);
    let result = dump::export(conn, &mut out, &at).map_err(map).and_then(|counts| {
        out.flush().map_err(OpsError::io(&partial))?;
        out.get_ref().sync_all().map_err(OpsError::io(&partial))?;
        Ok(counts)
    });
    drop(out);
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
pub fn import(conn: &Connection, db_path: &Path, file: &Path) -> Result<Counts, OpsError> {
    let f = File::open(file).map_err(OpsError::io(file))?;
    let mut input = BufReader::new(f);
    dump::import_checked(conn, &mut input).map_err(|e| match e {
        DumpError::Sql(e) => OpsError::Database { path: db_path.to_path_buf(), message: e.to_string() },
        DumpError::Refused(m) => OpsError::Refused(format!("{}: {m}", file.display())),
        other => OpsError::bad(file, other),
    })
}

/// "3 article, 10 comment" for the command's summary.
pub fn describe(counts: &Counts) -> String {
    let parts: Vec<String> = counts.iter().filter(|(_, n)| **n > 0).map(|(t, n)| format!("{n} {t}")).collect();
    if parts.is_empty() { "no rows".to_string() } else { parts.join(", ") }
}
