//! One HTTP POST to a webhook target, over a connection opened to an address the guard checked
//! (hyper's HTTP/1 client on our own socket; TLS with rustls for https, the name verified
//! against the certificate). No redirects are followed and no proxy is used: either could lead
//! somewhere the guard never saw.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use url::Url;

/// The TLS client for https targets: the system's CA certificates, ring as the provider (as for
/// PostgreSQL). `None` when the system has no certificates (https targets then fail, said in
/// each delivery's error).
pub fn tls_connector() -> Option<tokio_rustls::TlsConnector> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        return None;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Some(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// The request, ready to send.
pub struct Post<'a> {
    pub url: &'a Url,
    pub addrs: &'a [SocketAddr],
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub timeout: Duration,
}

/// Sends it; the answer's status code, or why there was none.
pub async fn post(p: Post<'_>, tls: Option<&tokio_rustls::TlsConnector>) -> Result<u16, String> {
    let timeout = p.timeout;
    match tokio::time::timeout(timeout, exchange(p, tls)).await {
        Ok(r) => r,
        Err(_) => Err(format!("no answer within {} s", timeout.as_secs())),
    }
}

async fn exchange(p: Post<'_>, tls: Option<&tokio_rustls::TlsConnector>) -> Result<u16, String> {
    let host = p.url.host_str().ok_or("the URL has no host")?.to_string();
    let stream = connect(p.addrs).await?;
    let request = build(&p, &host)?;
    if p.url.scheme() == "https" {
        let tls = tls.ok_or("https: no CA certificates were found on this system")?;
        // The name in the URL is what the certificate must name (an address for IP URLs).
        let bare = host.trim_start_matches('[').trim_end_matches(']').to_string();
        let name = rustls::pki_types::ServerName::try_from(bare).map_err(|e| format!("TLS: {e}"))?;
        let stream = tls.connect(name, stream).await.map_err(|e| format!("TLS: {e}"))?;
        send(stream, request).await
    } else {
        send(stream, request).await
    }
}

/// The first of the checked addresses that accepts.
async fn connect(addrs: &[SocketAddr]) -> Result<tokio::net::TcpStream, String> {
    let mut last = String::from("no address to connect to");
    for addr in addrs {
        match tokio::net::TcpStream::connect(addr).await {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = format!("connecting to {addr}: {e}"),
        }
    }
    Err(last)
}

fn build(p: &Post<'_>, host: &str) -> Result<Request<Full<Bytes>>, String> {
    let mut path = p.url.path().to_string();
    if let Some(q) = p.url.query() {
        path.push('?');
        path.push_str(q);
    }
    let authority = match p.url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    let mut req = Request::post(path)
        .header("host", authority)
        .header("content-type", "application/json")
        .header("user-agent", concat!("Commentdesk-Webhooks/", env!("CARGO_PKG_VERSION")));
    for (k, v) in &p.headers {
        req = req.header(*k, v);
    }
    req.body(Full::new(Bytes::from(p.body.clone()))).map_err(|e| format!("building the request: {e}"))
}

async fn send<S>(stream: S, request: Request<Full<Bytes>>) -> Result<u16, String>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| format!("HTTP: {e}"))?;
    let driver = tokio::spawn(conn);
    let response = match sender.send_request(request).await {
        Ok(r) => r,
        Err(e) => {
            driver.abort();
            return Err(format!("HTTP: {e}"));
        }
    };
    let status = response.status().as_u16();
    // The status decides; the answer's content is not used. It is read (a little, briefly) on the
    // side, so the receiver sees its response taken, and a slow body never turns a 2xx into a
    // timeout and a second delivery.
    tokio::spawn(async move {
        let mut body = response.into_body();
        let drain = async {
            let mut read = 0usize;
            while read < 64 * 1024 {
                match body.frame().await {
                    Some(Ok(f)) => read += f.data_ref().map_or(0, |d| d.len()),
                    _ => break,
                }
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(1), drain).await;
        driver.abort();
    });
    Ok(status)
}
