//! `commentdesk moderator ...`: accounts managed from the command line. Passwords come from
//! standard input and are never printed or logged.
use std::io::{BufRead, IsTerminal};

use time::OffsetDateTime;

use crate::auth::password::{Hasher, Password};
use crate::auth::session::new_token;
use crate::cli::{ModeratorCommand, RoleArg};
use crate::config::Settings;
use crate::domain::moderator::{ModeratorName, Role};
use crate::store::Store;

/// Reads a new password: twice without echo from the terminal, or one line from a pipe.
pub fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ").map_err(|e| e.to_string())?;
        let second = rpassword::prompt_password("Repeat the password: ").map_err(|e| e.to_string())?;
        if first != second {
            return Err("the passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("reading the password: {e}"))?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

fn name(raw: &str) -> Result<ModeratorName, String> {
    ModeratorName::parse(raw)
}

fn hasher(settings: &Settings) -> Result<Hasher, String> {
    let c = &settings.moderation_console;
    Hasher::new(c.argon2_memory_kib, c.argon2_iterations).map_err(|e| e.to_string())
}

/// Runs one command on the database; `password` supplies a password when one is needed.
/// Returns what to print.
pub async fn run(
    settings: &Settings,
    store: &dyn Store,
    cmd: ModeratorCommand,
    password: impl FnOnce() -> Result<String, String>,
) -> Result<String, String> {
    let now = OffsetDateTime::now_utc();
    match cmd {
        ModeratorCommand::Add { name: raw, role } => {
            let name = name(&raw)?;
            let role = match role {
                RoleArg::Moderator => Role::Moderator,
                RoleArg::Admin => Role::Admin,
            };
            if store.moderator_by_name(&name).await.map_err(|e| e.to_string())?.is_some() {
                return Err(format!("a moderator named {} already exists", name.as_str()));
            }
            let pw = Password::parse(&password()?).map_err(|e| e.to_string())?;
            let hash = hasher(settings)?.hash(&pw).map_err(|e| e.to_string())?;
            store.create_moderator(&name, role, &hash, now).await.map_err(|e| e.to_string())?;
            Ok(format!("added {} ({})", name.as_str(), role.as_str()))
        }
        ModeratorCommand::List => {
            let rows = store.moderators().await.map_err(|e| e.to_string())?;
            let fmt = time::macros::format_description!("[year]-[month]-[day]");
            Ok(rows
                .iter()
                .map(|a| {
                    let created = OffsetDateTime::from_unix_timestamp(a.created_at)
                        .ok()
                        .and_then(|t| t.format(&fmt).ok())
                        .unwrap_or_default();
                    format!("{}\t{}\t{created}", a.moderator.name, a.moderator.role.as_str())
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        ModeratorCommand::Remove { name: raw } => {
            let name = name(&raw)?;
            if store.remove_moderator(&name).await.map_err(|e| e.to_string())? {
                Ok(format!("removed {}", name.as_str()))
            } else {
                Err(format!("no moderator named {}", name.as_str()))
            }
        }
        ModeratorCommand::Passwd { name: raw } => {
            let name = name(&raw)?;
            if store.moderator_by_name(&name).await.map_err(|e| e.to_string())?.is_none() {
                return Err(format!("no moderator named {}", name.as_str()));
            }
            let pw = Password::parse(&password()?).map_err(|e| e.to_string())?;
            let hash = hasher(settings)?.hash(&pw).map_err(|e| e.to_string())?;
            store.set_moderator_password(&name, &hash).await.map_err(|e| e.to_string())?;
            Ok(format!("changed the password of {}; their sessions have ended", name.as_str()))
        }
        ModeratorCommand::Token { name: raw } => {
            let name = name(&raw)?;
            let m = store
                .moderator_by_name(&name)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no moderator named {}", name.as_str()))?;
            let (token, hash) = new_token();
            store.add_api_token(m.id, &hash, now).await.map_err(|e| e.to_string())?;
            Ok(token)
        }
    }
}
