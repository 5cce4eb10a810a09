//! Starting the real app on port 0 with a database of its own, on either backend, and looking at
//! what it stored with plain SQL (the same SQL runs on both: `?N` parameters become `$N`).
use std::sync::Arc;

use commentdesk::config::Settings;
use commentdesk::startup::Application;
use commentdesk::store::Store;
use tempfile::TempDir;

pub const SLUG: &str = "russian-ambassador-assassinated-us-embassy-incident";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The SQLite file (on PostgreSQL: a path in the test's directory that does not exist).
    pub db_path: std::path::PathBuf,
    /// What `--db` takes to reach this database: the file, or the PostgreSQL URL.
    pub db_arg: String,
    pub backend: Backend,
    pub store: Arc<dyn Store>,
    _dir: TempDir,
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap()
}

/// A SQL value for the look-up helpers.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Value {
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Real(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

/// The PostgreSQL server the tests use, or `None` with a `SKIPPED` line when none answers (a
/// failure instead when `COMMENTDESK_REQUIRE_POSTGRES=1`).
pub async fn postgres_schema_url(test: &str) -> Option<String> {
    let url = commentdesk::store::postgres::test_server_url();
    match commentdesk::store::postgres::fresh_schema_url(&url).await {
        Ok(u) => Some(u),
        Err(e) => {
            if std::env::var("COMMENTDESK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("COMMENTDESK_REQUIRE_POSTGRES=1 but PostgreSQL does not answer: {e}");
            }
            println!("SKIPPED {test} on PostgreSQL: no server ({e}); ran on SQLite instead");
            None
        }
    }
}

/// Starts the app exactly as production does, on port 0 with a database of its own.
pub async fn spawn_on(backend: Backend, customize: impl FnOnce(&mut Settings)) -> TestApp {
    let url = match backend {
        Backend::Postgres => {
            let thread = std::thread::current();
            postgres_schema_url(thread.name().unwrap_or("a test")).await
        }
        Backend::Sqlite => None,
    };
    spawn_sqlite_or(url, customize).await
}

/// Another node on the same PostgreSQL database (`url` from [`postgres_schema_url`]).
pub async fn spawn_node(url: &str, customize: impl FnOnce(&mut Settings)) -> TestApp {
    let url = url.to_string();
    spawn_sqlite_or(Some(url), customize).await
}

async fn spawn_sqlite_or(url: Option<String>, customize: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".into();
    settings.server.workers = 2;
    settings.database.path = dir.path().join("test.db");
    settings.comments.min_submit_secs = 0;
    let backend = match url {
        Some(u) => {
            settings.database.url = u;
            settings.database.pool_size = 4;
            Backend::Postgres
        }
        None => Backend::Sqlite,
    };
    customize(&mut settings);
    let db_path = settings.database.path.clone();
    let db_arg =
        if backend == Backend::Postgres { settings.database.url.clone() } else { db_path.display().to_string() };
    let app = Application::build(settings).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let store = app.store();
    tokio::spawn(app.run_until_stopped());
    TestApp { address, client: client(), db_path, db_arg, backend, store, _dir: dir }
}

/// The helpers each test file uses, for one backend: `spawn_app` and `spawn_app_with` start the
/// app on it.
macro_rules! backend_helpers {
    ($name:ident, $backend:expr) => {
        pub mod $name {
            #[allow(unused_imports)]
            pub use super::{Backend, SLUG, TestApp, Value, client};
            use commentdesk::config::Settings;

            pub const BACKEND: Backend = $backend;

            pub async fn spawn_app() -> TestApp {
                super::spawn_on(BACKEND, |_| {}).await
            }

            pub async fn spawn_app_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
                super::spawn_on(BACKEND, customize).await
            }
        }
    };
}

backend_helpers!(sqlite, Backend::Sqlite);
backend_helpers!(postgres, Backend::Postgres);

pub use sqlite::spawn_app_with;

impl TestApp {
    /// Another server on this app's database, as after a restart (this one keeps running).
    pub async fn restarted(&self, customize: impl FnOnce(&mut Settings)) -> TestApp {
        let (backend, path, url) = (self.backend, self.db_path.clone(), self.db_arg.clone());
        let mut app = spawn_sqlite_or((backend == Backend::Postgres).then_some(url), |s| {
            if backend == Backend::Sqlite {
                s.database.path = path.clone();
            }
            customize(s);
        })
        .await;
        app.db_path = path;
        app
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// A page as a reader without this client's cookies sees it.
    pub async fn anonymous_text(&self, path: &str) -> String {
        client().get(self.url(path)).send().await.unwrap().text().await.unwrap()
    }

    pub async fn article_page(&self) -> String {
        self.get_text(&format!("/articles/{SLUG}")).await
    }

    /// The form token the page hands out, as a browser would send it back.
    pub async fn form_token(&self) -> String {
        let page = self.article_page().await;
        let start = page.find(r#"name="token" value=""#).expect("token in form") + r#"name="token" value=""#.len();
        let end = start + page[start..].find('"').unwrap();
        page[start..end].to_string()
    }

    pub async fn post_form(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.form_token().await;
        let mut all: Vec<(&str, &str)> = vec![("token", token.as_str())];
        all.extend_from_slice(fields);
        self.client.post(self.url(&format!("/articles/{SLUG}/comments"))).form(&all).send().await.unwrap()
    }

    pub async fn post_json(&self, body: serde_json::Value) -> reqwest::Response {
        self.client.post(self.url(&format!("/api/articles/{SLUG}/comments"))).json(&body).send().await.unwrap()
    }

    pub async fn comments_json(&self, query: &str) -> serde_json::Value {
        self.get(&format!("/api/articles/{SLUG}/comments{query}")).await.json().await.unwrap()
    }

    /// The SQLite file, opened directly (tests of SQLite's own file operations).
    pub fn db(&self) -> rusqlite::Connection {
        assert_eq!(self.backend, Backend::Sqlite, "db() is for SQLite files");
        rusqlite::Connection::open(&self.db_path).unwrap()
    }

    /// Runs a statement directly on the database, as an operator would; the rows changed.
    pub async fn try_exec(&self, sql: &str, params: &[Value]) -> Result<u64, String> {
        match self.backend {
            Backend::Sqlite => {
                let conn = rusqlite::Connection::open(&self.db_path).map_err(|e| e.to_string())?;
                conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| e.to_string())?;
                let p: Vec<rusqlite::types::Value> = params.iter().map(sqlite_value).collect();
                conn.execute(sql, rusqlite::params_from_iter(p)).map(|n| n as u64).map_err(|e| e.to_string())
            }
            Backend::Postgres => {
                let client = self.pg().await;
                let p = pg_params(params);
                let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
                client.execute(&pg_sql(sql), &refs).await.map_err(|e| match e.as_db_error() {
                    Some(db) => db.message().to_string(),
                    None => e.to_string(),
                })
            }
        }
    }

    pub async fn exec(&self, sql: &str, params: &[Value]) -> u64 {
        self.try_exec(sql, params).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// [`TestApp::exec`] for a change made behind the server's back that it must notice before the
    /// test goes on: on PostgreSQL the database's trigger tells the node asynchronously (within a
    /// second is the promise), so this waits until the node has heard; SQLite checks on every
    /// request.
    pub async fn exec_external(&self, sql: &str, params: &[Value]) -> u64 {
        let before = self.store.hide_generation();
        let n = self.exec(sql, params).await;
        if self.backend == Backend::Postgres {
            let start = std::time::Instant::now();
            while self.store.hide_generation() == before {
                assert!(start.elapsed() < std::time::Duration::from_secs(1), "the node did not hear of: {sql}");
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        }
        n
    }

    /// Every row of a query, each as its columns' values.
    pub async fn rows(&self, sql: &str, params: &[Value]) -> Vec<Vec<Value>> {
        match self.backend {
            Backend::Sqlite => {
                let conn = rusqlite::Connection::open(&self.db_path).unwrap();
                conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
                let p: Vec<rusqlite::types::Value> = params.iter().map(sqlite_value).collect();
                let mut st = conn.prepare(sql).unwrap();
                let n = st.column_count();
                st.query_map(rusqlite::params_from_iter(p), |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                                rusqlite::types::Value::Null => Value::Null,
                                rusqlite::types::Value::Integer(v) => Value::Int(v),
                                rusqlite::types::Value::Real(v) => Value::Real(v),
                                rusqlite::types::Value::Text(v) => Value::Text(v),
                                rusqlite::types::Value::Blob(_) => Value::Null,
                            })
                        })
                        .collect()
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
            }
            Backend::Postgres => {
                use tokio_postgres::types::Type;
                let client = self.pg().await;
                let p = pg_params(params);
                let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
                let rows = client.query(&pg_sql(sql), &refs).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
                rows.iter()
                    .map(|r| {
                        (0..r.len())
                            .map(|i| {
                                let t = r.columns()[i].type_().clone();
                                let v = if t == Type::INT8 {
                                    r.get::<_, Option<i64>>(i).map(Value::Int)
                                } else if t == Type::INT4 {
                                    r.get::<_, Option<i32>>(i).map(|v| Value::Int(v.into()))
                                } else if t == Type::BOOL {
                                    r.get::<_, Option<bool>>(i).map(|v| Value::Int(v.into()))
                                } else if t == Type::FLOAT8 {
                                    r.get::<_, Option<f64>>(i).map(Value::Real)
                                } else {
                                    r.get::<_, Option<String>>(i).map(Value::Text)
                                };
                                v.unwrap_or(Value::Null)
                            })
                            .collect()
                    })
                    .collect()
            }
        }
    }

    /// The first column of the first row.
    pub async fn value(&self, sql: &str, params: &[Value]) -> Value {
        self.rows(sql, params).await.into_iter().next().and_then(|r| r.into_iter().next()).unwrap_or(Value::Null)
    }

    pub async fn count(&self, sql: &str) -> i64 {
        self.value(sql, &[]).await.int().unwrap_or_else(|| panic!("{sql}: not a number"))
    }

    async fn pg(&self) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(&self.db_arg, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        client
    }
}

fn sqlite_value(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Int(i) => rusqlite::types::Value::Integer(*i),
        Value::Real(f) => rusqlite::types::Value::Real(*f),
        Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
    }
}

fn pg_params(params: &[Value]) -> Vec<Box<dyn tokio_postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn tokio_postgres::types::ToSql + Sync> {
            match v {
                Value::Null => Box::new(Option::<i64>::None),
                Value::Int(i) => Box::new(*i),
                Value::Real(f) => Box::new(*f),
                Value::Text(s) => Box::new(s.clone()),
            }
        })
        .collect()
}

/// `?1` becomes `$1`.
fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}
