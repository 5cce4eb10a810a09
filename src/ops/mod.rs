//! Operations on the data, for the command line and the maintenance task: backups, the JSON Lines
//! export and import, importers from other comment systems, and the privacy chores. The SQL is in
//! `crate::store`; this module reads and writes files and reports errors that name them.
pub mod backup;
pub mod export;
pub mod import;
pub mod privacy;

use std::path::{Path, PathBuf};

use rand::RngCore;

use crate::config::Settings;
use crate::http::keys::Keys;
use crate::store::Store;

#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A file that cannot be used as it is; the message names the line or element.
    #[error("{path}: {message}")]
    BadFile { path: PathBuf, message: String },
    #[error("database {path}: {message}")]
    Database { path: PathBuf, message: String },
    #[error("{0}")]
    Refused(String),
}

impl OpsError {
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OpsError + '_ {
        move |source| OpsError::Io { path: path.to_path_buf(), source }
    }

    pub fn db(path: &Path) -> impl FnOnce(rusqlite::Error) -> OpsError + '_ {
        move |e| OpsError::Database { path: path.to_path_buf(), message: e.to_string() }
    }

    pub fn bad(path: &Path, message: impl std::fmt::Display) -> OpsError {
        OpsError::BadFile { path: path.to_path_buf(), message: message.to_string() }
    }
}

/// Opens the configured database for a command-line tool, creating and migrating it if needed.
pub async fn open_existing_or_new(settings: &Settings) -> Result<std::sync::Arc<dyn Store>, OpsError> {
    crate::store::open(&settings.database, None).await.map_err(|e| OpsError::Refused(e.to_string()))
}

/// For commands that read what is there: a missing SQLite file is an error, not a new empty
/// database.
pub fn check_exists(settings: &Settings) -> Result<(), OpsError> {
    let backend = settings.database.backend().map_err(|e| OpsError::Refused(e.to_string()))?;
    match backend {
        crate::config::Backend::Sqlite(path) if !path.is_file() => {
            Err(OpsError::Database { path, message: "no such database file".into() })
        }
        _ => Ok(()),
    }
}

/// The install's keys, as the server derives them: from `site.secret_file`, or from the secret
/// kept in the database (created here when the database has none yet).
pub async fn keys(settings: &Settings, store: &dyn Store) -> Result<Keys, OpsError> {
    if let Some(path) = &settings.site.secret_file {
        let text = std::fs::read_to_string(path).map_err(OpsError::io(path))?;
        return Ok(Keys::new(text.trim().as_bytes()));
    }
    let hex_secret = store
        .secret(Box::new(|| {
            let mut b = [0u8; 32];
            rand::rng().fill_bytes(&mut b);
            hex::encode(b)
        }))
        .await
        .map_err(|e| OpsError::Refused(format!("reading the install secret: {e}")))?;
    let secret = hex::decode(hex_secret).map_err(|e| OpsError::Refused(format!("stored secret is corrupt: {e}")))?;
    Ok(Keys::new(&secret))
}

/// Seconds since the epoch, now.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
