//! The embed on a publisher's page of another site: the host page is served from `news.test`,
//! Commentdesk from `comments.test`, both mapped to 127.0.0.1 (two ports of one host would be one
//! site to the browser). Once with third-party cookies allowed, once blocked.
use std::net::TcpListener;
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::json;

use crate::helpers::{Browser, Js, TestApp, WAIT};

const HOSTS: &[&str] = &["news.test", "other.test", "comments.test"];

/// The publisher's site: `/story` embeds the comment section for its own URL, `/list` shows a
/// count, `/console` tries to frame the moderation console.
struct HostSite {
    port: u16,
    handle: ServerHandle,
}

impl Drop for HostSite {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

/// Where the host page loads Commentdesk from: `http://comments.test:PORT` (the app itself) or
/// `https://comments.test:PORT` (a TLS front before it).
struct CommentsOrigin(String);

async fn host_page(req: HttpRequest, comments: web::Data<CommentsOrigin>) -> HttpResponse {
    let host = req.connection_info().host().to_string();
    let comments = &comments.0;
    let story = format!("http://{host}/story");
    let body = match req.path() {
        "/story" => format!(
            r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ankara story</title></head>
<body><main><h1>Ankara story</h1><p>The publisher's own text.</p>
<div id="commentdesk" data-commentdesk-url="{story}?utm_source=newsletter" data-commentdesk-title="Ankara story"></div>
<script src="{comments}/embed.js" async></script></main></body></html>"#
        ),
        "/list" => format!(
            r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Stories</title></head>
<body><main><ul><li><a href="/story">Ankara story</a> <span id="count" data-commentdesk-count-url="{story}">Comments</span></li></ul>
<script src="{comments}/embed.js" async></script></main></body></html>"#
        ),
        "/console" => format!(
            r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Framing</title></head>
<body><iframe id="console" title="console" src="{comments}/moderation/login"></iframe></body></html>"#
        ),
        _ => return HttpResponse::NotFound().finish(),
    };
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body)
}

/// Starts the publisher's site and Commentdesk allowing it (and only it).
async fn sites() -> (HostSite, TestApp) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = TestApp::spawn_with(|s| s.embed.allowed_origins = vec![format!("http://news.test:{port}")]).await;
    let comments = app.base.replace("127.0.0.1", "comments.test");
    (host_site(listener, comments), app)
}

fn host_site(listener: TcpListener, comments: String) -> HostSite {
    let port = listener.local_addr().unwrap().port();
    let origin = web::Data::new(CommentsOrigin(comments));
    let server = HttpServer::new(move || App::new().app_data(origin.clone()).default_service(web::to(host_page)))
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
    let handle = server.handle();
    tokio::spawn(server);
    HostSite { port, handle }
}

/// A TLS front for Commentdesk, as a real deployment has: it ends TLS with a certificate for
/// `comments.test` made now and passes the bytes on to the app's own port.
fn tls_front(listener: tokio::net::TcpListener, upstream: String) -> tokio::task::JoinHandle<()> {
    use tokio_rustls::rustls;
    let made = rcgen::generate_simple_self_signed(vec!["comments.test".to_string()]).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(made.signing_key.serialize_der().into());
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let Ok(mut app) = tokio::net::TcpStream::connect(upstream.as_str()).await else { return };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut app).await;
            });
        }
    })
}

fn comments_origin(app: &TestApp) -> String {
    app.base.replace("127.0.0.1", "comments.test")
}

fn threads(app: &TestApp, like: &str) -> i64 {
    let db = rusqlite::Connection::open(&app.db_path).unwrap();
    db.query_row("SELECT count(*) FROM articles WHERE url LIKE ?1", [like], |r| r.get(0)).unwrap()
}

/// Enters the comment frame (the first iframe of the page).
async fn enter_frame(b: &Browser) {
    let frame = b.find("iframe.commentdesk-frame").await;
    frame.enter_frame().await.unwrap();
}

async fn leave_frame(b: &Browser) {
    b.client.enter_parent_frame().await.unwrap();
}

async fn embed_works(block_third_party: bool) {
    let Some(b) = Browser::start_with(Js::On, HOSTS, block_third_party).await else { return };
    let (host, app) = sites().await;
    let news = format!("http://news.test:{}", host.port);
    b.goto(&format!("{news}/story")).await;

    // The frame appears and takes the height of its content.
    b.wait_until("document.querySelector('iframe.commentdesk-frame') && document.querySelector('iframe.commentdesk-frame').dataset.ready === '1'").await;
    let outer = b.js("return document.querySelector('iframe.commentdesk-frame').getBoundingClientRect().height;").await;
    enter_frame(&b).await;
    let inner = b.js("return Math.ceil(document.body.getBoundingClientRect().height);").await;
    assert!((outer.as_f64().unwrap() - inner.as_f64().unwrap()).abs() <= 1.0, "frame {outer} vs content {inner}");
    // The browser runs with the cookie setting asked for: storage access is what third-party
    // cookies decide.
    let access = b
        .client
        .execute_async("const done = arguments[0]; document.hasStorageAccess().then(done, () => done(null));", vec![])
        .await
        .unwrap();
    // Chromium reports no storage access to this frame in either mode over plain HTTP (the
    // site's cookies are SameSite=Lax, and Secure ones need HTTPS); with cookies blocked it
    // must never report access.
    if block_third_party {
        assert_eq!(access, json!(false), "third-party cookies are blocked");
    }

    // A comment posted in the frame shows up there.
    b.find("#body").await.send_keys("Posted from the publisher's page.").await.unwrap();
    b.find("#author").await.send_keys("Ana").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until("document.querySelector('.comment-list') && document.querySelector('.comment-list').textContent.includes(\"Posted from the publisher's page.\")").await;
    leave_frame(&b).await;
    // The frame grew with it (the host page never scrolls twice).
    b.wait_until(&format!(
        "document.querySelector('iframe.commentdesk-frame').getBoundingClientRect().height > {}",
        outer.as_f64().unwrap()
    ))
    .await;
    enter_frame(&b).await;

    // A reply.
    b.wait_for(".comment-list a.reply-link").await.click().await.unwrap();
    b.wait_until("document.querySelector('.comment-list #comment-form')").await;
    b.find(".comment-list #comment-form textarea").await.send_keys("A reply in the frame.").await.unwrap();
    b.find(".comment-list #comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until(
        "[...document.querySelectorAll('.comment.depth-1')].some(c => c.textContent.includes('A reply in the frame.'))",
    )
    .await;

    // A report.
    b.find(".comment-list a.report-link").await.click().await.unwrap();
    b.wait_for(".report-inline input[value=spam]").await.click().await.unwrap();
    b.find(".report-inline button[type=submit]").await.click().await.unwrap();
    b.wait_until("document.querySelector('.report-status').textContent.includes('moderator will look')").await;

    // The author's pending notice: with premoderation on, a new comment awaits a moderator.
    {
        let db = rusqlite::Connection::open(&app.db_path).unwrap();
        db.execute("UPDATE articles SET premoderation = 1 WHERE url LIKE '%news.test%'", []).unwrap();
    }
    // The form stays where the reply left it, now for a new comment.
    b.find("#comment-form textarea").await.send_keys("Held for a moderator.").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until("document.querySelector('#comment-form .status').textContent.includes('awaiting moderation')").await;
    // Over plain HTTP no cookie reaches the frame: the author is not recognised, so no edit.
    assert_eq!(b.js("return document.querySelectorAll('a[href$=\"/edit\"]').length;").await, json!(0));

    // Inside the frame, nothing an accessibility checker can fault.
    b.assert_accessible("the embedded comment section").await;
    leave_frame(&b).await;

    // One thread, for the canonical URL (the tracking parameter dropped).
    assert_eq!(threads(&app, &format!("{news}/story")), 1);

    // The count on a listing page.
    b.goto(&format!("{news}/list")).await;
    b.wait_until("document.getElementById('count').textContent === '2 comments'").await;

    // The console cannot be framed, even by an allowed origin.
    b.goto(&format!("{news}/console")).await;
    b.wait_until("document.readyState === 'complete'").await;
    let console = b.find("#console").await;
    console.enter_frame().await.unwrap();
    // A refused frame holds the browser's error page (or no document a script can reach).
    let framed = b.client.execute("return location.href + ' ' + document.body.textContent;", vec![]).await;
    if let Ok(framed) = framed {
        let text = framed.as_str().unwrap_or("").to_string();
        assert!(!text.contains("/moderation/login") && !text.contains("Sign in"), "console was framed: {text}");
    }
    leave_frame(&b).await;

    // An origin not in allowed_origins gets no thread, and nothing is created.
    let before = threads(&app, "%");
    let other = format!("http://other.test:{}", host.port);
    b.goto(&format!("{other}/story")).await;
    let start = Instant::now();
    loop {
        let urls = b.requested_urls().await;
        if urls.iter().any(|u| u.contains("/embed?url=http%3A%2F%2Fother.test")) {
            break;
        }
        assert!(start.elapsed() < WAIT, "the frame for other.test was never requested");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(threads(&app, "%other.test%"), 0);
    assert_eq!(threads(&app, "%"), before);
    assert_ne!(
        b.js("return document.querySelector('iframe.commentdesk-frame').dataset.ready || '';").await,
        json!("1"),
        "the refused frame never reports"
    );

    // Nothing was loaded from a third origin.
    b.goto(&format!("{news}/story")).await;
    b.wait_until("document.querySelector('iframe.commentdesk-frame') && document.querySelector('iframe.commentdesk-frame').dataset.ready === '1'").await;
    let comments = comments_origin(&app);
    let urls = b.requested_urls().await;
    assert!(!urls.is_empty());
    for u in &urls {
        assert!(
            u.starts_with(&news) || u.starts_with(&comments) || u.starts_with(&other) || u.starts_with("data:"),
            "request to a third origin: {u}"
        );
    }
    b.close().await;
}

#[tokio::test]
async fn the_embed_works_on_another_site_with_third_party_cookies_allowed() {
    embed_works(false).await;
}

#[tokio::test]
async fn the_embed_works_on_another_site_with_third_party_cookies_blocked() {
    embed_works(true).await;
}

/// Over HTTPS, with third-party cookies blocked, the author is still recognised inside the frame
/// through the partitioned cookie (CHIPS): their pending comment and its edit link come back
/// after the host page is reloaded. The unpartitioned cookie is refused by the browser.
#[tokio::test]
async fn over_https_the_partitioned_cookie_recognises_the_author_with_third_party_cookies_blocked() {
    let Some(b) = Browser::start_with(Js::On, HOSTS, true).await else { return };
    let host_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let news = format!("http://news.test:{}", host_listener.local_addr().unwrap().port());
    let front_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let comments = format!("https://comments.test:{}", front_listener.local_addr().unwrap().port());
    let app = TestApp::spawn_with(|s| {
        s.embed.allowed_origins = vec![news.clone()];
        s.server.public_url = comments.clone();
    })
    .await;
    let front = tls_front(front_listener, app.base.trim_start_matches("http://").to_string());
    let _host = host_site(host_listener, comments.clone());

    b.goto(&format!("{news}/story")).await;
    b.wait_until("document.querySelector('iframe.commentdesk-frame') && document.querySelector('iframe.commentdesk-frame').dataset.ready === '1'").await;
    assert!(
        b.js("return document.querySelector('iframe.commentdesk-frame').src;")
            .await
            .as_str()
            .unwrap()
            .starts_with(&comments),
        "the frame is served over HTTPS"
    );
    {
        let db = rusqlite::Connection::open(&app.db_path).unwrap();
        db.execute("UPDATE articles SET premoderation = 1 WHERE url LIKE '%news.test%'", []).unwrap();
    }
    enter_frame(&b).await;
    b.find("#body").await.send_keys("Held, and mine to edit.").await.unwrap();
    b.find("#author").await.send_keys("Ana").await.unwrap();
    b.find("#comment-form button[type=submit]").await.click().await.unwrap();
    b.wait_until("document.querySelector('#comment-form .status').textContent.includes('awaiting moderation')").await;
    leave_frame(&b).await;

    // The browser kept only the partitioned cookie, under the publisher's site.
    let cookies = b.cdp("Network.getAllCookies", json!({})).await;
    let cookies = cookies["cookies"].as_array().cloned().unwrap_or_default();
    let embed_cookie = cookies
        .iter()
        .find(|c| c["name"] == "__Host-cd_author_embed")
        .unwrap_or_else(|| panic!("no partitioned author cookie: {cookies:?}"));
    assert_eq!(embed_cookie["partitionKey"]["topLevelSite"], json!("http://news.test"), "{embed_cookie}");
    assert!(cookies.iter().all(|c| c["name"] != "cd_author"), "the third-party cookie was blocked: {cookies:?}");

    // A new visit: the frame knows its author, shows their pending comment and offers edit.
    b.goto(&format!("{news}/story")).await;
    b.wait_until("document.querySelector('iframe.commentdesk-frame') && document.querySelector('iframe.commentdesk-frame').dataset.ready === '1'").await;
    enter_frame(&b).await;
    b.wait_until("document.querySelector('.comment-list') && document.querySelector('.comment-list').textContent.includes('Held, and mine to edit.')").await;
    assert!(b.js("return document.querySelector('.badge-pending') !== null;").await.as_bool().unwrap());
    assert_eq!(b.js("return document.querySelectorAll('a[href$=\"/edit\"]').length;").await, json!(1));
    b.assert_accessible("the embedded comment section over HTTPS").await;
    leave_frame(&b).await;
    b.close().await;
    front.abort();
}
