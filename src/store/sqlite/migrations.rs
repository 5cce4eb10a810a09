//! Numbered, embedded migrations tracked by `PRAGMA user_version`.
use rusqlite::Connection;

/// Each entry is applied once, in order; the schema version is the number applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial", include_str!("migrations/0001_initial.sql")),
    ("0002_moderation", include_str!("migrations/0002_moderation.sql")),
    ("0003_reports", include_str!("migrations/0003_reports.sql")),
    ("0004_moderators", include_str!("migrations/0004_moderators.sql")),
    ("0005_classifier", include_str!("migrations/0005_classifier.sql")),
    ("0006_report_address", include_str!("migrations/0006_report_address.sql")),
    ("0007_rules", include_str!("migrations/0007_rules.sql")),
    ("0008_reactions_picks", include_str!("migrations/0008_reactions_picks.sql")),
    ("0009_embed_urls", include_str!("migrations/0009_embed_urls.sql")),
    ("0010_import_sources", include_str!("migrations/0010_import_sources.sql")),
    ("0011_moderator_mail", include_str!("migrations/0011_moderator_mail.sql")),
    ("0012_reply_subscriptions", include_str!("migrations/0012_reply_subscriptions.sql")),
    ("0013_webhooks", include_str!("migrations/0013_webhooks.sql")),
    ("0014_live_events", include_str!("migrations/0014_live_events.sql")),
    ("0015_article_language", include_str!("migrations/0015_article_language.sql")),
];

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error("schema version {found} is newer than this binary knows ({known})")]
    TooNew { found: usize, known: usize },
}

pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).map(|v| usize::try_from(v).unwrap_or(0))
}

pub fn migrate(conn: &mut Connection) -> Result<usize, MigrateError> {
    let found = schema_version(conn)?;
    if found > MIGRATIONS.len() {
        return Err(MigrateError::TooNew { found, known: MIGRATIONS.len() });
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(i64::MAX))?;
        tx.commit()?;
        tracing::info!(migration = name, "applied migration");
    }
    Ok(MIGRATIONS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_to_an_empty_database_and_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len());
        let n: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'comments'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn migration_names_are_numbered_in_order() {
        // The schema version is the position in the list, so the file numbers must match it.
        for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name}");
        }
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        assert!(matches!(migrate(&mut conn), Err(MigrateError::TooNew { found: 999, .. })));
    }
}
