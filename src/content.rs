//! Articles shipped in the binary and loaded from a directory at start.
use std::path::Path;

use crate::domain::article::NewArticle;

/// The sample article, compiled in so the binary works from any directory.
pub const BUILTIN: &[(&str, &str)] = &[(
    "russian-ambassador-assassinated-us-embassy-incident.md",
    include_str!("../content/russian-ambassador-assassinated-us-embassy-incident.md"),
)];

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

pub fn builtin() -> Result<Vec<NewArticle>, ContentError> {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            NewArticle::parse(text).map_err(|message| ContentError::Invalid { path: (*name).to_string(), message })
        })
        .collect()
}

pub fn load_file(path: &Path) -> Result<NewArticle, ContentError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| ContentError::Io { path: path.display().to_string(), source })?;
    NewArticle::parse(&text).map_err(|message| ContentError::Invalid { path: path.display().to_string(), message })
}

/// Every `*.md` file in `dir`, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<NewArticle>, ContentError> {
    let io = |source| ContentError::Io { path: dir.display().to_string(), source };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load_file(p)).collect()
}
