//! A consistent copy of the live database: `VACUUM INTO` reads one snapshot (WAL lets the server
//! keep writing meanwhile) and writes a compact, self-contained file, which is then checked.
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::AppError;

pub fn vacuum_into(conn: &Connection, partial: &Path) -> Result<(), AppError> {
    let dest =
        partial.to_str().ok_or_else(|| AppError::BadRequest(format!("{} is not valid UTF-8", partial.display())))?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute("VACUUM INTO ?1", [dest])
        .map_err(|e| AppError::internal(format!("copying to {}: {e}", partial.display())))?;
    let check = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(AppError::internal(format!("{}: integrity check: {verdict}", partial.display())));
    }
    Ok(())
}
