//! The binary: configuration precedence, bad configuration, article import.
use std::process::Command;

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_commentdesk"));
    for (k, _) in std::env::vars() {
        if k.starts_with("COMMENTDESK_") {
            c.env_remove(k);
        }
    }
    c
}

#[test]
fn configuration_layers_apply_in_order_defaults_file_env_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    std::fs::write(
        &file,
        "[server]\nbind = \"127.0.0.1:7001\"\npublic_url = \"https://file.example\"\n[site]\nname = \"From File\"\n[database]\nsynchronous = \"normal\"\n",
    )
    .unwrap();
    let out = bin()
        .args(["config", "--config"])
        .arg(&file)
        .env("COMMENTDESK_SERVER__PUBLIC_URL", "https://env.example")
        .env("COMMENTDESK_SITE__NAME", "From Env")
        .args(["--bind", "127.0.0.1:7002"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: toml::Value = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(s["server"]["bind"].as_str(), Some("127.0.0.1:7002"), "flag beats file");
    assert_eq!(s["server"]["public_url"].as_str(), Some("https://env.example"), "env beats file");
    assert_eq!(s["site"]["name"].as_str(), Some("From Env"));
    assert_eq!(s["database"]["synchronous"].as_str(), Some("normal"), "file beats default");
    assert_eq!(s["limits"]["comment_burst"].as_integer(), Some(5), "default");

    // COMMENTDESK_CONFIG names the file when --config is absent.
    let out = bin().arg("config").env("COMMENTDESK_CONFIG", &file).output().unwrap();
    let s: toml::Value = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(s["site"]["name"].as_str(), Some("From File"));
}

#[test]
fn an_unknown_key_or_bad_value_stops_the_start_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[server]\nbindd = \"127.0.0.1:1\"\n").unwrap();
    let out = bin().args(["serve", "--config"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bindd"), "{err}");

    std::fs::write(&file, "[database]\nsynchronous = \"sometimes\"\n").unwrap();
    let out = bin().args(["--config"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("database.synchronous") && err.contains("sometimes"), "{err}");

    let out = bin().env("COMMENTDESK_SERVER__BIND", "not-an-address").arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("server.bind"));

    let out = bin().env("COMMENTDESK_NOPE__X", "1").arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

#[test]
fn the_base_path_comes_from_the_environment_and_a_bad_one_stops_the_start_with_2() {
    let out = bin().env("COMMENTDESK_SERVER__BASE_PATH", "/comments").arg("config").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: toml::Value = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(s["server"]["base_path"].as_str(), Some("/comments"));
    for bad in ["comments", "/comments/"] {
        let out = bin().env("COMMENTDESK_SERVER__BASE_PATH", bad).arg("config").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("server.base_path") && err.contains("must be empty or start with"), "{bad}: {err}");
    }
}

#[test]
fn article_import_upserts_by_slug() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let art = dir.path().join("story.md");
    let write = |title: &str| {
        std::fs::write(
            &art,
            format!(
                "+++\nslug = \"local-story\"\ntitle = \"{title}\"\ndescription = \"d\"\nsource = \"s\"\npublished_at = \"2024-01-02T03:04:05Z\"\n[share]\ntext = \"t\"\ncall_to_action = \"c\"\nlike_text = \"l\"\nquestion = \"q\"\ncomment_prompt = \"p\"\n+++\nBody text.\n"
            ),
        )
        .unwrap();
    };
    write("First title");
    let out = bin().args(["article", "import"]).arg(&art).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("added local-story"));
    write("Second title");
    let out = bin().args(["article", "import"]).arg(&art).arg("--db").arg(&db).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("updated local-story"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (n, title): (i64, String) =
        conn.query_row("SELECT count(*), max(title) FROM articles", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((n, title.as_str()), (1, "Second title"));

    std::fs::write(&art, "no front matter").unwrap();
    let out = bin().args(["article", "import"]).arg(&art).arg("--db").arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("story.md"));
}

/// The binary serving from `dir` on a free port, with `env` set: the child and the URL its
/// start-up log names. A thread keeps draining the log so the server never blocks on a full pipe.
fn serve_in(dir: &std::path::Path, env: &[(&str, &str)]) -> (std::process::Child, String) {
    let mut cmd = bin();
    cmd.current_dir(dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)).map_while(Result::ok) {
            if let Some(pos) = line.find("open http://") {
                let _ = tx.send(line[pos + 5..].trim().trim_end_matches('/').to_string());
            }
        }
    });
    let url = rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the start-up log names the URL to open");
    (child, url)
}

#[tokio::test]
async fn the_server_starts_from_another_directory_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = serve_in(dir.path(), &[]);
    let health = reqwest::get(format!("{url}/healthz")).await.unwrap();
    assert_eq!(health.text().await.unwrap(), "ok");
    let page = reqwest::get(format!("{url}/")).await.unwrap().text().await.unwrap();
    assert!(page.contains("/articles/russian-ambassador-assassinated-us-embassy-incident"), "the compiled-in article");
    assert!(dir.path().join("commentdesk.db").exists(), "creates ./commentdesk.db");
    unsafe_kill(child.id());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful stop exits 0: {status:?}");
    let conn = rusqlite::Connection::open(dir.path().join("commentdesk.db")).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

/// A graceful stop (SIGTERM) ends every open live stream instead of waiting
/// `shutdown_timeout_secs` for pages that never finish loading.
#[tokio::test]
async fn sigterm_ends_open_live_streams_and_the_server_stops_without_waiting_for_them() {
    let dir = tempfile::tempdir().unwrap();
    // Long enough that a stop which waited for the streams could not pass below.
    let (mut child, url) = serve_in(dir.path(), &[("COMMENTDESK_SERVER__SHUTDOWN_TIMEOUT_SECS", "300")]);
    let slug = "russian-ambassador-assassinated-us-embassy-incident";
    let mut streams = Vec::new();
    for _ in 0..3 {
        let mut r = reqwest::get(format!("{url}/articles/{slug}/events")).await.unwrap();
        assert_eq!(r.status(), 200);
        let first = r.chunk().await.unwrap().expect("the stream's first lines");
        assert!(String::from_utf8_lossy(&first).contains("retry:"));
        streams.push(r);
    }
    let stopped_at = std::time::Instant::now();
    unsafe_kill(child.id());
    for mut r in streams {
        // Each stream ends cleanly (or the connection closes): no more data, no hang.
        let rest = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            let mut rest = Vec::new();
            while let Ok(Some(c)) = r.chunk().await {
                rest.extend_from_slice(&c);
            }
            rest
        })
        .await
        .expect("the stream ends on SIGTERM");
        assert!(!String::from_utf8_lossy(&rest).contains("data:"), "no event after the stop");
    }
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap()).await.unwrap();
    assert!(status.success(), "graceful stop exits 0: {status:?}");
    assert!(
        stopped_at.elapsed() < std::time::Duration::from_secs(120),
        "the stop did not wait out shutdown_timeout_secs (300 s) for the open streams: {:?}",
        stopped_at.elapsed()
    );
}

fn unsafe_kill(pid: u32) {
    let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
}

#[test]
fn the_database_url_is_taken_from_flag_or_env_and_printed_without_its_password() {
    let out = bin().args(["config", "--db", "postgres://news:flag-secret@db.internal:5432/comments"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let s: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(s["database"]["url"].as_str(), Some("postgres://news:***@db.internal:5432/comments"));
    assert!(!text.contains("flag-secret"));
    let out = bin()
        .arg("config")
        .env("COMMENTDESK_DATABASE__URL", "postgresql://news:env-secret@db.internal/comments?sslmode=require")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("postgresql://news:***@db.internal/comments?sslmode=require"), "{text}");
    assert!(!text.contains("env-secret"));
    // A plain path and sqlite: select SQLite, as `path` did.
    let out = bin().args(["config", "--db", "sqlite:elsewhere.db"]).output().unwrap();
    let s: toml::Value = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(s["database"]["path"].as_str(), Some("elsewhere.db"));
}
