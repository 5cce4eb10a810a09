//! A small SMTP server on 127.0.0.1 for the mail tests: it speaks the real conversation lettre
//! holds (EHLO, MAIL, RCPT, DATA with dot-stuffing, QUIT) and keeps every message it accepts.
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body), dot-stuffing undone, lines joined by CRLF.
    pub data: String,
}

impl Received {
    /// The message with quoted-printable undone (soft line breaks joined, `=XX` decoded), so
    /// tests can look for text as written.
    pub fn decoded(&self) -> String {
        String::from_utf8_lossy(&qp(&self.data.replace("=\r\n", ""))).into_owned()
    }

    /// The `Subject` as written: RFC 2047 encoded words (`=?utf-8?b?...?=`) decoded; the space
    /// between two encoded words is not part of the text.
    pub fn subject(&self) -> String {
        let raw = self.header("Subject").unwrap_or_default();
        let mut out: Vec<u8> = Vec::new();
        let mut last_encoded = false;
        for (i, word) in raw.split(' ').enumerate() {
            let encoded = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")).and_then(|w| {
                let mut it = w.splitn(3, '?');
                Some((it.next()?, it.next()?, it.next()?))
            });
            match encoded {
                Some((_, enc, data)) => {
                    if i > 0 && !last_encoded {
                        out.push(b' ');
                    }
                    if enc.eq_ignore_ascii_case("b") {
                        out.extend(base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).unwrap());
                    } else {
                        out.extend(qp(&data.replace('_', " ")));
                    }
                    last_encoded = true;
                }
                None => {
                    if i > 0 {
                        out.push(b' ');
                    }
                    out.extend(word.as_bytes());
                    last_encoded = false;
                }
            }
        }
        String::from_utf8(out).unwrap()
    }

    /// The body parts, `(content type, text)`, each decoded from its transfer encoding (base64,
    /// quoted-printable or none).
    pub fn parts(&self) -> Vec<(String, String)> {
        let content_type = self.header("Content-Type").unwrap_or_default();
        let Some(boundary) = content_type.split(';').find_map(|p| p.trim().strip_prefix("boundary=")) else {
            return Vec::new();
        };
        let boundary = format!("--{}", boundary.trim_matches('"'));
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        body.split(boundary.as_str())
            .filter_map(|part| {
                let (head, text) = part.trim_start_matches("\r\n").split_once("\r\n\r\n")?;
                let header = |name: &str| {
                    head.replace("\r\n ", " ").split("\r\n").find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
                    })
                };
                let kind = header("Content-Type")?;
                let bytes = match header("Content-Transfer-Encoding").unwrap_or_default().to_ascii_lowercase().as_str()
                {
                    "base64" => base64::Engine::decode(
                        &base64::engine::general_purpose::STANDARD,
                        text.split_whitespace().collect::<String>(),
                    )
                    .unwrap(),
                    "quoted-printable" => qp(&text.replace("=\r\n", "")),
                    _ => text.as_bytes().to_vec(),
                };
                Some((kind, String::from_utf8(bytes).unwrap()))
            })
            .collect()
    }

    /// The decoded part whose type starts with `kind` (`text/plain`, `text/html`).
    pub fn part(&self, kind: &str) -> String {
        self.parts()
            .into_iter()
            .find(|(k, _)| k.starts_with(kind))
            .unwrap_or_else(|| panic!("no {kind} part in {}", self.data))
            .1
    }

    /// A header's value, folded lines joined.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Quoted-printable `=XX` escapes decoded (soft line breaks already joined).
fn qp(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

pub struct Smtp {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Smtp {
    pub async fn start() -> Smtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let keep = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, keep.clone()));
            }
        });
        Smtp { port, received, task }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (up to ten seconds) until at least `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "expected {n} mails, got {}: {got:#?}", got.len());
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

async fn session(stream: TcpStream, keep: Arc<Mutex<Vec<Received>>>) {
    let (r, mut w) = stream.into_split();
    let mut r = BufReader::new(r);
    let mut line = String::new();
    let (mut from, mut to) = (String::new(), Vec::new());
    if w.write_all(b"220 127.0.0.1 Commentdesk test SMTP\r\n").await.is_err() {
        return;
    }
    loop {
        line.clear();
        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let cmd = line.trim_end().to_string();
        let upper = cmd.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if upper.starts_with("RSET") {
            (from, to) = (String::new(), Vec::new());
            b"250 OK\r\n"
        } else if let Some(rest) = upper.strip_prefix("MAIL FROM:") {
            from = cmd[cmd.len() - rest.len()..].trim().trim_matches(['<', '>']).to_string();
            b"250 OK\r\n"
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:") {
            to.push(cmd[cmd.len() - rest.len()..].trim().trim_matches(['<', '>']).to_string());
            b"250 OK\r\n"
        } else if upper == "DATA" {
            if w.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await.is_err() {
                return;
            }
            let mut lines = Vec::new();
            loop {
                line.clear();
                if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                let l = line.trim_end_matches(['\r', '\n']);
                if l == "." {
                    break;
                }
                lines.push(l.strip_prefix('.').filter(|_| l.starts_with("..")).unwrap_or(l).to_string());
            }
            let data = lines.join("\r\n");
            keep.lock().unwrap().push(Received { from: from.clone(), to: std::mem::take(&mut to), data });
            b"250 OK: queued\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = w.write_all(b"221 Bye\r\n").await;
            return;
        } else {
            b"502 Command not implemented\r\n"
        };
        if w.write_all(reply).await.is_err() {
            return;
        }
    }
}
