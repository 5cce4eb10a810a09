//! PostgreSQL storage: an async client and pool (tokio-postgres + deadpool-postgres). SQL lives in
//! async functions over a `GenericClient` (the submodules), mirroring `store::sqlite` one for one.
//! Commits are durable before they are acknowledged (`synchronous_commit = on` on every
//! connection), and each commit that changes what pages show is announced to the other nodes
//! with `NOTIFY` (see [`notify`]).
pub mod admin;
pub mod articles;
pub mod audit;
pub mod comments;
pub mod dump;
pub mod legacy;
pub mod limits;
pub mod live;
pub mod meta;
pub mod migrations;
pub mod moderation;
pub mod moderators;
pub mod notify;
pub mod privacy;
pub mod queue;
pub mod reaction_writer;
pub mod reactions;
pub mod recent;
pub mod replies;
pub mod reports;
pub mod rules;
pub mod sessions;
mod store;
pub mod webhooks;
pub mod writer;

pub use store::PgStore;

use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;
use tokio_postgres::config::{Host, SslMode};

use crate::config::DatabaseSettings;

/// Why a PostgreSQL database could not be opened. Messages name the host and database, never
/// the password.
#[derive(Debug, thiserror::Error)]
pub enum PgOpenError {
    #[error("database.url: {0}")]
    BadUrl(String),
    #[error("PostgreSQL at {target}: {message}")]
    Connect { target: String, message: String },
}

/// Where a URL points, for messages: `host:port/database` (no user, no password).
pub fn describe_target(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().or(config.get_user()).unwrap_or("postgres");
    format!("{host}:{port}/{db}")
}

/// Parses the URL and adds what every connection needs: durable commits and the statement timeout.
pub fn connection_config(url: &str, settings: &DatabaseSettings) -> Result<tokio_postgres::Config, PgOpenError> {
    let mut config = tokio_postgres::Config::from_str(url).map_err(|e| {
        PgOpenError::BadUrl(format!("{} is not a valid PostgreSQL URL: {e}", crate::config::redact_url(url)))
    })?;
    let mut options = config.get_options().unwrap_or("").to_string();
    // A comment is acknowledged only after its commit is on disk, whatever the server's default.
    options.push_str(" -c synchronous_commit=on");
    let ms = settings.statement_timeout_secs.saturating_mul(1000);
    options.push_str(&format!(" -c statement_timeout={ms}"));
    config.options(options.trim());
    config.connect_timeout(Duration::from_secs(settings.connect_timeout_secs));
    config.application_name("commentdesk");
    Ok(config)
}

/// A message for a failed connection or query at start, without secrets: the server's own
/// message for database errors (bad password, missing database, missing permission).
pub fn explain(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let hint = match db.code().code() {
            "28P01" | "28000" => " (check the user and password in database.url)",
            "3D000" => " (create the database first, or fix its name in database.url)",
            "42501" => " (grant the user CREATE and USAGE on the schema, or connect as its owner)",
            _ => "",
        };
        return format!("{}{hint}", db.message());
    }
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// The TLS connector for `sslmode=require`: rustls with the system's CA certificates, the server's
/// certificate and name checked. Other modes connect without TLS (`prefer`, the default, would
/// otherwise fail against a server with a self-signed certificate instead of falling back).
pub fn tls(config: &tokio_postgres::Config) -> Result<Option<tokio_postgres_rustls::MakeRustlsConnect>, String> {
    if !matches!(config.get_ssl_mode(), SslMode::Require) {
        return Ok(None);
    }
    let mut roots = rustls::RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    for cert in found.certs {
        // A certificate the store cannot parse is skipped, as libpq's OpenSSL would.
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        return Err("sslmode=require, but no CA certificates were found on this system".into());
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Some(tokio_postgres_rustls::MakeRustlsConnect::new(tls)))
}

/// Opens the pool, checks that the server answers, and migrates.
pub async fn open_pool(url: &str, settings: &DatabaseSettings) -> Result<Pool, PgOpenError> {
    let config = connection_config(url, settings)?;
    let target = describe_target(&config);
    let connect = |message: String| PgOpenError::Connect { target: target.clone(), message };
    let manager_config = ManagerConfig { recycling_method: RecyclingMethod::Fast };
    let manager = match tls(&config).map_err(&connect)? {
        Some(tls) => Manager::from_config(config, tls, manager_config),
        None => Manager::from_config(config, NoTls, manager_config),
    };
    let wait = Duration::from_secs(settings.connect_timeout_secs);
    let pool = Pool::builder(manager)
        .max_size(settings.pool_size)
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(wait))
        .create_timeout(Some(wait))
        .recycle_timeout(Some(wait))
        .build()
        .map_err(|e| connect(e.to_string()))?;
    let mut client = pool.get().await.map_err(|e| match e {
        deadpool_postgres::PoolError::Backend(e) => connect(explain(&e)),
        deadpool_postgres::PoolError::Timeout(_) => connect("no answer (is the server running and reachable?)".into()),
        other => connect(other.to_string()),
    })?;
    migrations::migrate(&mut client).await.map_err(|e| match e {
        migrations::MigrateError::Sql(e) => connect(format!("migrating the schema: {}", explain(&e))),
        other => connect(other.to_string()),
    })?;
    Ok(pool)
}

/// For tests: a schema of its own in the database at `url` (so tests run in parallel on one
/// database), as a URL whose connections use it.
pub async fn fresh_schema_url(url: &str) -> Result<String, String> {
    let (client, conn) = tokio_postgres::connect(url, NoTls).await.map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let schema = format!("t_{now}_{:08x}", rand::random::<u32>());
    client.batch_execute(&format!("CREATE SCHEMA {schema}")).await.map_err(|e| e.to_string())?;
    // Test schemas of runs more than a day old go (a test's own lives minutes at most).
    if let Ok(rows) = client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%\\_%'", &[]).await {
        for row in rows {
            let name: String = row.get(0);
            let made = name.split('_').nth(1).and_then(|t| t.parse::<u64>().ok());
            if made.is_some_and(|t| t + 86_400 < now) {
                let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE")).await;
            }
        }
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}

/// The server the tests use: `COMMENTDESK_TEST_POSTGRES_URL`, by default the local one.
pub fn test_server_url() -> String {
    std::env::var("COMMENTDESK_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// For unit tests: a migrated pool on a schema of its own, or `None` (after printing `SKIPPED`)
/// when no server answers, unless `COMMENTDESK_REQUIRE_POSTGRES=1` makes that a failure.
#[cfg(test)]
pub(crate) async fn test_pool(test: &str) -> Option<Pool> {
    let url = test_server_url();
    let required = std::env::var("COMMENTDESK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let schema_url = match fresh_schema_url(&url).await {
        Ok(u) => u,
        Err(e) if !required => {
            println!("SKIPPED {test}: no PostgreSQL at {} ({e})", crate::config::redact_url(&url));
            return None;
        }
        Err(e) => panic!("COMMENTDESK_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable: {e}"),
    };
    let settings = DatabaseSettings { pool_size: 4, ..Default::default() };
    match open_pool(&schema_url, &settings).await {
        Ok(pool) => Some(pool),
        Err(e) => panic!("opening the test schema: {e}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::DatabaseSettings;

    #[tokio::test]
    async fn every_pooled_connection_commits_durably_and_has_the_statement_timeout() {
        let Some(pool) = super::test_pool("connection settings").await else { return };
        // The test pool's settings are the defaults but for the pool size: 30 s.
        for _ in 0..3 {
            let c = pool.get().await.unwrap();
            let sync: String = c.query_one("SHOW synchronous_commit", &[]).await.unwrap().get(0);
            assert_eq!(sync, "on", "an acknowledged comment is on disk");
            let timeout: String = c.query_one("SHOW statement_timeout", &[]).await.unwrap().get(0);
            assert_eq!(timeout, "30s");
        }
    }

    #[tokio::test]
    async fn sslmode_require_speaks_tls_and_checks_the_certificate_name() {
        let Some(pool) = super::test_pool("sslmode_require").await else { return };
        let c = pool.get().await.unwrap();
        let ssl: String = c.query_one("SHOW ssl", &[]).await.unwrap().get(0);
        if ssl != "on" {
            let required = std::env::var("COMMENTDESK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            assert!(!required, "COMMENTDESK_REQUIRE_POSTGRES=1 but the server has ssl = off");
            println!("SKIPPED sslmode_require: the server has ssl = off");
            return;
        }
        let schema: String = c.query_one("SELECT current_schema()", &[]).await.unwrap().get(0);
        let settings = DatabaseSettings { pool_size: 2, ..Default::default() };
        // The server's certificate names localhost (Debian's snakeoil, in the system's store).
        let mut url = url::Url::parse(&super::test_server_url()).unwrap();
        url.set_host(Some("localhost")).unwrap();
        let base = url.to_string();
        let sep = if base.contains('?') { '&' } else { '?' };
        let tls_url = format!("{base}{sep}sslmode=require&options=-c%20search_path%3D{schema}");
        let tls_pool = super::open_pool(&tls_url, &settings).await.expect("a TLS connection");
        let row = tls_pool
            .get()
            .await
            .unwrap()
            .query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
            .await
            .unwrap();
        assert!(row.get::<_, bool>(0), "the connection is encrypted");
        // By address, the name on the certificate does not match: refused, not silently accepted.
        let by_ip = tls_url.replacen("localhost", "127.0.0.1", 1);
        let err = super::open_pool(&by_ip, &settings).await.unwrap_err().to_string();
        assert!(err.contains("certificate"), "{err}");
    }

    #[tokio::test]
    async fn migrations_apply_once_and_the_audit_log_refuses_changes() {
        let Some(pool) = super::test_pool("migrations_apply_once").await else { return };
        let mut client = pool.get().await.unwrap();
        // A second run (another node starting) finds nothing to do.
        assert_eq!(super::migrations::migrate(&mut client).await.unwrap(), super::migrations::MIGRATIONS.len());
        let n: i64 = client.query_one("SELECT count(*) FROM schema_migrations", &[]).await.unwrap().get(0);
        assert_eq!(n, super::migrations::MIGRATIONS.len() as i64);
        client.execute("INSERT INTO audit_log (at, moderator, action) VALUES (1, 'ann', 'login')", &[]).await.unwrap();
        let err = client.execute("UPDATE audit_log SET moderator = 'bob'", &[]).await.unwrap_err();
        assert!(super::explain(&err).contains("append-only"), "{err}");
        let err = client.execute("DELETE FROM audit_log", &[]).await.unwrap_err();
        assert!(super::explain(&err).contains("append-only"), "{err}");
    }
}
