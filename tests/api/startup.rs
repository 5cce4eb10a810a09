//! Starting against a database that cannot be used: exit code 2, a message that names the host
//! and database, and never the password.
use std::process::Output;

use crate::cli::bin;

fn serve(db: &str) -> Output {
    bin().args(["serve", "--bind", "127.0.0.1:0", "--db", db]).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A local PostgreSQL URL for `user` with `password` (same host, port and database as the tests').
fn url_for(user: &str, password: &str) -> Option<String> {
    let base = url::Url::parse(&commentdesk::store::postgres::test_server_url()).ok()?;
    let mut u = base.clone();
    u.set_username(user).ok()?;
    u.set_password(Some(password)).ok()?;
    Some(u.to_string())
}

fn required() -> bool {
    std::env::var("COMMENTDESK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

#[test]
fn an_unreachable_server_stops_the_start_with_2_naming_host_and_database_not_the_password() {
    // Port 1 on loopback: nothing listens there.
    let o = serve("postgres://news:s3cret-pa55@127.0.0.1:1/newsroom?connect_timeout=2");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("127.0.0.1:1/newsroom"), "{e}");
    assert!(!e.contains("s3cret-pa55"), "the password leaked: {e}");
}

#[test]
fn a_malformed_or_unknown_database_url_stops_the_start_with_2() {
    for (url, says) in [
        ("postgres://user:hunter2@/", "not a PostgreSQL URL"),
        ("mysql://user:hunter2@db/news", "unknown scheme"),
        ("sqlite:", "needs a file name"),
    ] {
        let o = serve(url);
        assert_eq!(o.status.code(), Some(2), "{url}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{url}: {}", stderr(&o));
        assert!(!stderr(&o).contains("hunter2"), "{}", stderr(&o));
    }
}

async fn admin() -> Option<tokio_postgres::Client> {
    let url = commentdesk::store::postgres::test_server_url();
    match tokio_postgres::connect(&url, tokio_postgres::NoTls).await {
        Ok((c, conn)) => {
            tokio::spawn(conn);
            Some(c)
        }
        Err(e) if !required() => {
            println!("SKIPPED startup errors on PostgreSQL: no server ({e})");
            None
        }
        Err(e) => panic!("COMMENTDESK_REQUIRE_POSTGRES=1 but PostgreSQL does not answer: {e}"),
    }
}

#[tokio::test]
async fn a_database_without_permission_stops_the_start_with_2_and_says_what_to_grant() {
    let Some(admin) = admin().await else { return };
    // A role that may connect but not create anything (PostgreSQL 15: no CREATE on public).
    let role = format!("cd_noperm_{:08x}", rand::random::<u32>());
    admin.batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD 'perm-pw-123'")).await.unwrap();
    admin.batch_execute(&format!("REVOKE CREATE ON SCHEMA public FROM {role}")).await.unwrap();
    let url = url_for(&role, "perm-pw-123").unwrap();
    let o = serve(&url);
    let _ = admin.batch_execute(&format!("DROP ROLE {role}")).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("permission denied"), "{e}");
    assert!(e.contains("grant"), "{e}");
    assert!(!e.contains("perm-pw-123"), "{e}");
}

/// The role `.ci/run` gives a password and a `scram-sha-256` rule in `pg_hba.conf`, so that a
/// wrong password is refused even where the server trusts local connections otherwise.
const PASSWORD_ROLE: &str = "commentdesk_pw";

#[tokio::test]
async fn a_wrong_password_stops_the_start_with_2_and_never_prints_it() {
    let Some(admin) = admin().await else { return };
    let wrong = url_for(PASSWORD_ROLE, "not-the-password-42").unwrap();
    let exists = admin.query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&PASSWORD_ROLE]).await.unwrap();
    // Where the server trusts every local connection, no password is ever wrong.
    if exists.is_none() || tokio_postgres::connect(&wrong, tokio_postgres::NoTls).await.is_ok() {
        assert!(
            !required(),
            "COMMENTDESK_REQUIRE_POSTGRES=1 but {PASSWORD_ROLE} is not password-checked (see .ci/run)"
        );
        println!("SKIPPED wrong password: the server trusts local connections for {PASSWORD_ROLE} (see .ci/run)");
        return;
    }
    let o = serve(&wrong);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("password authentication failed"), "{e}");
    assert!(!e.contains("not-the-password-42"), "{e}");
}
