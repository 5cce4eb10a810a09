use commentdesk::config::Settings;
use commentdesk::startup::Application;
use tempfile::TempDir;

pub const SLUG: &str = "russian-ambassador-assassinated-us-embassy-incident";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db_path: std::path::PathBuf,
    _dir: TempDir,
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app exactly as production does, on port 0 with a temporary database.
pub async fn spawn_app_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".into();
    settings.server.workers = 2;
    settings.database.path = dir.path().join("test.db");
    // Tests submit forms at machine speed; the timing trap has its own test.
    settings.comments.min_submit_secs = 0;
    customize(&mut settings);
    let db_path = settings.database.path.clone();
    let app = Application::build(settings).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp { address, client: client(), db_path, _dir: dir }
}

impl TestApp {
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

    /// Opens the database directly, as an operator would, to check what was stored.
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db_path).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}
