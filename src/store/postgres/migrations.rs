//! Numbered, embedded migrations, applied at start in one transaction under an advisory lock:
//! nodes that start at once wait for the first, then find nothing left to do.
use deadpool_postgres::GenericClient;

/// Each entry is applied once, in order; the schema version is the number applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial", include_str!("migrations/0001_initial.sql")),
    ("0002_notify_triggers", include_str!("migrations/0002_notify_triggers.sql")),
    ("0003_report_address", include_str!("migrations/0003_report_address.sql")),
    ("0004_rules", include_str!("migrations/0004_rules.sql")),
    ("0005_reactions_picks", include_str!("migrations/0005_reactions_picks.sql")),
    ("0006_embed_urls", include_str!("migrations/0006_embed_urls.sql")),
    ("0007_import_sources", include_str!("migrations/0007_import_sources.sql")),
    ("0008_moderator_mail", include_str!("migrations/0008_moderator_mail.sql")),
    ("0009_reply_subscriptions", include_str!("migrations/0009_reply_subscriptions.sql")),
    ("0010_webhooks", include_str!("migrations/0010_webhooks.sql")),
    ("0011_live_events", include_str!("migrations/0011_live_events.sql")),
    ("0012_article_language", include_str!("migrations/0012_article_language.sql")),
];

/// The advisory lock every node takes to migrate (any fixed number; "cdsk" in ASCII).
const LOCK_KEY: i64 = 0x6364_736b;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Sql(#[from] tokio_postgres::Error),
    #[error("schema version {found} is newer than this binary knows ({known})")]
    TooNew { found: usize, known: usize },
}

/// Applies what is missing; returns the schema version.
pub async fn migrate(client: &mut deadpool_postgres::ClientWrapper) -> Result<usize, MigrateError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY]).await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )
    .await?;
    let found = schema_version(&tx).await?;
    if found > MIGRATIONS.len() {
        return Err(MigrateError::TooNew { found, known: MIGRATIONS.len() });
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found) {
        tx.batch_execute(sql).await?;
        let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
        tx.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", &[&version, name]).await?;
        tracing::info!(migration = name, "applied");
    }
    tx.commit().await?;
    Ok(MIGRATIONS.len())
}

pub async fn schema_version(c: &impl GenericClient) -> Result<usize, tokio_postgres::Error> {
    let row = c.query_one("SELECT COALESCE(max(version), 0) FROM schema_migrations", &[]).await?;
    Ok(usize::try_from(row.get::<_, i32>(0)).unwrap_or(0))
}
