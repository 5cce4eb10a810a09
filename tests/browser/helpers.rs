//! The harness: the real application on a free port with its own database, and one chromedriver
//! (with its own headless Chromium) per test, so tests run in parallel without sharing anything.
//!
//! When Chromium or chromedriver is missing, `Browser::start` returns `None` and the test returns
//! early with a message, unless `COMMENTDESK_REQUIRE_BROWSER` is set: then it panics, so CI can
//! never skip silently.
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use commentdesk::config::Settings;
use commentdesk::startup::Application;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// The article shipped in the binary (content/russian-ambassador-...md).
pub const SLUG: &str = "russian-ambassador-assassinated-us-embassy-incident";
pub const TITLE: &str = "ALERT: Moments After Russian Amb. Assassinated, Chilling “Incident” Occurs at US Embassy";
pub const SHARE_TEXT: &str =
    "Moments after the Russian ambassador was assassinated, shots were fired at the US embassy in Ankara";

/// How long any single wait in a test may take before it fails.
pub const WAIT: Duration = Duration::from_secs(10);

pub const REQUIRE_VAR: &str = "COMMENTDESK_REQUIRE_BROWSER";

pub fn browser_required() -> bool {
    std::env::var_os(REQUIRE_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Skips (returns `None` after saying why) or, when the browser is required, fails.
fn missing(what: &str) -> Option<Browser> {
    if browser_required() {
        panic!("{REQUIRE_VAR} is set but {what}; install it (see README, \"Browser tests\")");
    }
    skip_note(&format!("{what}; install it to run this test (see README, \"Browser tests\")"));
    None
}

/// Says why a test skipped. Written to the stderr handle directly, not with `eprintln!`, so that
/// the test harness does not capture it: the note shows in a plain `cargo test` run.
fn skip_note(why: &str) {
    use std::io::Write;
    let test = std::thread::current().name().unwrap_or("browser test").to_string();
    // One write, so parallel tests do not interleave inside the line.
    let _ = std::io::stderr().write_all(format!("SKIPPED {test}: {why}\n").as_bytes());
}

// ---------------------------------------------------------------------------------------------
// The application

pub struct TestApp {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base: String,
    handle: ServerHandle,
    pub db_path: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// Builds the app as production does, on port 0, with a fresh database and no minimum time
    /// between serving the form and posting it (so a test can submit at once).
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// The same, with settings changed first.
    pub async fn spawn_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::Builder::new().prefix("commentdesk-browser").tempdir().unwrap();
        let mut settings = Settings::default();
        settings.server.bind = "127.0.0.1:0".into();
        settings.server.workers = 2;
        settings.server.shutdown_timeout_secs = 1;
        settings.database.path = dir.path().join("test.db");
        settings.comments.min_submit_secs = 0;
        // Fast password hashing for the moderator tests.
        settings.moderation_console.argon2_memory_kib = 64;
        settings.moderation_console.argon2_iterations = 1;
        customize(&mut settings);
        let db_path = settings.database.path.clone();
        let app = Application::build(settings).await.expect("the application starts");
        // Where the test reaches it: its own port on loopback (a public URL, when one is set,
        // names the front that tests put before it).
        let base = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp { base, handle, db_path, _dir: dir }
    }

    pub fn article_url(&self) -> String {
        format!("{}/articles/{SLUG}", self.base)
    }

    /// Posts a comment through the JSON API, as a reader's browser would; returns its id.
    pub async fn post_comment(&self, body: &str, author: &str, parent_id: Option<i64>) -> i64 {
        self.post_comment_under("", body, author, parent_id).await
    }

    /// The same for an app under a `[server] base_path`.
    pub async fn post_comment_at(&self, base_path: &str, body: &str, author: &str) -> i64 {
        self.post_comment_under(base_path, body, author, None).await
    }

    async fn post_comment_under(&self, base_path: &str, body: &str, author: &str, parent_id: Option<i64>) -> i64 {
        let resp = reqwest::Client::new()
            .post(format!("{}{base_path}/api/articles/{SLUG}/comments", self.base))
            .json(&json!({ "body": body, "author": author, "parent_id": parent_id }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 201, "seeding a comment");
        let v: Value = resp.json().await.unwrap();
        v["id"].as_i64().unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // `stop` sends the command at once; the returned future only waits for completion.
        drop(self.handle.stop(false));
    }
}

// ---------------------------------------------------------------------------------------------
// chromedriver in its own process group

/// Owns chromedriver and, through its process group, every Chromium it started. Dropping it
/// (also while a test panics) kills the whole group and removes the short temporary directory.
struct Driver {
    child: Child,
    port: u16,
    _tmp: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(pgid) = libc::pid_t::try_from(self.child.id()) {
            // SAFETY: plain syscall; the group id is the one we created with `process_group(0)`.
            unsafe {
                libc::killpg(pgid, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_in_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

fn chromedriver_path() -> Option<PathBuf> {
    match std::env::var_os("CHROMEDRIVER") {
        Some(p) => Some(PathBuf::from(p)).filter(|p| p.is_file()),
        None => find_in_path(&["chromedriver"]),
    }
}

fn chromium_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROME_BIN") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    // Debian's real binary first: /usr/bin/chromium is a shell wrapper around it.
    let debian = Path::new("/usr/lib/chromium/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    find_in_path(&["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"])
}

impl Driver {
    /// Starts chromedriver, up to three times: on a loaded 2-core machine it now and then exits
    /// before it reports its port (seen once in CI). The last attempt's stderr goes into the panic.
    fn start(chromedriver: &Path) -> Driver {
        let mut failures = Vec::new();
        for attempt in 1..=3 {
            match Driver::try_start(chromedriver) {
                Ok(driver) => return driver,
                Err(why) => {
                    eprintln!("chromedriver attempt {attempt} failed: {why}");
                    failures.push(why);
                    std::thread::sleep(Duration::from_millis(300));
                }
            }
        }
        panic!("chromedriver did not report its port within {WAIT:?}, three times: {failures:?}");
    }

    fn try_start(chromedriver: &Path) -> Result<Driver, String> {
        use std::os::unix::process::CommandExt;
        // Chromium's socket paths must stay under 108 bytes: a short directory under /tmp.
        let tmp = tempfile::Builder::new().prefix("cdb").tempdir_in("/tmp").unwrap();
        let stderr_path = tmp.path().join("chromedriver.stderr");
        let stderr = std::fs::File::create(&stderr_path).unwrap();
        let mut child = Command::new(chromedriver)
            .arg("--port=0")
            .env("TMPDIR", tmp.path())
            .env("HOME", tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        // Reads the port from "ChromeDriver was started successfully on port N.", then keeps
        // draining the pipe so chromedriver never blocks on a full one.
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !sent && let Some(rest) = line.split("started successfully on port ").nth(1) {
                    let port = rest.trim_end_matches('.').trim().parse::<u16>().ok();
                    let _ = tx.send(port);
                    sent = true;
                }
            }
        });
        // Build the guard before waiting, so a failure still kills the process group.
        let mut driver = Driver { child, port: 0, _tmp: tmp };
        match rx.recv_timeout(WAIT) {
            Ok(Some(port)) => {
                driver.port = port;
                Ok(driver)
            }
            other => {
                let status = driver.child.try_wait().ok().flatten();
                let err = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                let tail: String = err.chars().rev().take(500).collect::<Vec<_>>().into_iter().rev().collect();
                Err(format!("{other:?}, exit status {status:?}, stderr: {tail:?}"))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A browser session

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Js {
    On,
    Off,
}

pub struct Browser {
    pub client: Client,
    // Declared after `client`, so it is dropped (killed) last.
    _driver: Driver,
}

/// A raw chromedriver command that fantoccini has no method for.
#[derive(Debug)]
struct Raw {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for Raw {
    fn endpoint(&self, base: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session, or returns `None` (skip) when either
    /// is not installed and the browser is not required.
    pub async fn start(js: Js) -> Option<Browser> {
        Browser::start_with(js, &[], false).await
    }

    /// The same, with these host names mapped to 127.0.0.1 (two sites on one machine: two ports
    /// of one host are one site to the browser) and, when `block_third_party`, third-party
    /// cookies blocked as Safari and Firefox block them.
    pub async fn start_with(js: Js, hosts: &[&str], block_third_party: bool) -> Option<Browser> {
        let Some(chromedriver) = chromedriver_path() else {
            return missing("chromedriver was not found (PATH or $CHROMEDRIVER)");
        };
        let Some(chromium) = chromium_path() else {
            return missing("Chromium was not found (/usr/lib/chromium/chromium, PATH or $CHROME_BIN)");
        };
        let driver = tokio::task::spawn_blocking(move || Driver::start(&chromedriver)).await.unwrap();
        let mut prefs = serde_json::Map::new();
        if js == Js::Off {
            prefs.insert("profile.managed_default_content_settings.javascript".into(), json!(2));
        }
        // 0: third-party cookies allowed; 1: blocked.
        prefs.insert("profile.cookie_controls_mode".into(), json!(if block_third_party { 1 } else { 0 }));
        let mut rules: Vec<String> = hosts.iter().map(|h| format!("MAP {h} 127.0.0.1")).collect();
        rules.push("MAP * ~NOTFOUND".into());
        rules.push("EXCLUDE 127.0.0.1".into());
        let resolver = format!("--host-resolver-rules={}", rules.join(", "));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,800",
                    // Nothing may leave loopback: every other host name fails to resolve.
                    resolver,
                ],
                "prefs": prefs,
            },
            "goog:loggingPrefs": { "performance": "ALL" },
            // The TLS fronts of the HTTPS tests use a certificate made at test time.
            "acceptInsecureCerts": true,
        });
        let Value::Object(caps) = caps else { unreachable!() };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a Chromium session starts (chromedriver and Chromium versions must match)");
        Some(Browser { client, _driver: driver })
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// Waits for an element to exist.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    /// Runs a script (JavaScript on only) and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script {script}: {e}"))
    }

    /// Polls `condition` (a JavaScript expression) until it is true.
    pub async fn wait_until(&self, condition: &str) {
        let start = Instant::now();
        loop {
            if self.js(&format!("return !!({condition});")).await == json!(true) {
                return;
            }
            assert!(start.elapsed() < WAIT, "timed out after {WAIT:?} waiting for: {condition}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Issues a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, method: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Raw { path: "goog/cdp/execute", body: json!({ "cmd": method, "params": params }) })
            .await
            .unwrap_or_else(|e| panic!("CDP {method}: {e}"))
    }

    /// Every URL the browser has requested since the last call (Chrome's performance log).
    pub async fn requested_urls(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(Raw { path: "se/log", body: json!({ "type": "performance" }) })
            .await
            .expect("reading the performance log");
        let mut urls = Vec::new();
        for entry in log.as_array().expect("the log is a list") {
            let Some(msg) = entry["message"].as_str() else { continue };
            let msg: Value = serde_json::from_str(msg).unwrap();
            if msg["message"]["method"] == "Network.requestWillBeSent"
                && let Some(url) = msg["message"]["params"]["request"]["url"].as_str()
            {
                urls.push(url.to_string());
            }
        }
        urls
    }

    /// Injects axe-core and returns its WCAG 2 A/AA violations, one readable line each.
    /// Needs JavaScript on (axe waits on timers). `None` means axe-core is not installed and the
    /// test should skip (it panics instead when the browser is required).
    pub async fn axe_violations(&self) -> Option<Vec<String>> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                if browser_required() {
                    panic!("{REQUIRE_VAR} is set but {} cannot be read ({e}); run `npm ci`", path.display());
                }
                skip_note(&format!("accessibility check skipped, {} is missing ({e}); run `npm ci`", path.display()));
                return None;
            }
        };
        self.js(&source).await;
        assert_eq!(self.js("return typeof window.axe;").await, json!("object"), "axe-core was injected");
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: "tag",
                    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } })
                  .then(r => done({ passes: r.passes.length, violations: r.violations.map(v =>
                      v.id + " (" + v.impact + "): " + v.help + " at " +
                      v.nodes.map(n => JSON.stringify(n.target) + " " + n.failureSummary).join(" | ")) }),
                        e => done({ error: String(e) }));"#,
                vec![],
            )
            .await
            .expect("axe.run finishes");
        assert!(result.get("error").is_none(), "axe.run failed: {result}");
        // A run that checked nothing would prove nothing.
        assert!(result["passes"].as_u64().unwrap_or(0) > 0, "axe ran no passing rule: {result}");
        Some(result["violations"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect())
    }

    /// Asserts that axe-core finds no WCAG 2 A/AA violation on the current page.
    pub async fn assert_accessible(&self, what: &str) {
        if let Some(violations) = self.axe_violations().await {
            assert!(violations.is_empty(), "axe-core violations on {what}:\n{}", violations.join("\n"));
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// Starts the app and a browser, or returns from the test (skip) when there is no browser.
#[macro_export]
macro_rules! setup {
    ($js:expr) => {{
        let Some(browser) = $crate::helpers::Browser::start($js).await else {
            return;
        };
        let app = $crate::helpers::TestApp::spawn().await;
        (app, browser)
    }};
}
