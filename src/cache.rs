//! Rendered responses for readers without an author cookie (the article page with default
//! parameters, the first page of the JSON comment list), kept with their gzip form and an ETag.
//!
//! An entry is valid while [`crate::store::Freshness::generation`] has not moved past the generation it
//! was built from: the writer bumps it after every commit that changed comments or articles and
//! before it answers any job of that commit, so a reader never gets a page older than a write
//! that was acknowledged before the reader asked. Each key is rebuilt by one request at a time;
//! the others wait for that build and take its result.
use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::error::AppError;

/// One rendered response in both encodings.
#[derive(Debug)]
pub struct Rendered {
    /// What the database looked like, read before the data.
    pub stamp: Stamp,
    /// When it was built, for the bound on how long new comments may be missing.
    pub built: Instant,
    /// For pages that embed a clock (the form token): the second it stands for; else 0.
    pub second: i64,
    pub identity: Bytes,
    pub gzip: Bytes,
    etag: String,
    etag_gzip: String,
}

impl Rendered {
    /// Compresses `body` once, here, instead of on every response.
    pub fn new(epoch: u64, stamp: Stamp, second: i64, body: String) -> Rendered {
        let mut enc = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::new(GZIP_LEVEL));
        // Writing into a Vec cannot fail; if it did, readers get the uncompressed body.
        let gzip = enc.write_all(body.as_bytes()).and_then(|()| enc.finish()).map(Bytes::from).unwrap_or_default();
        let tag = format!("{epoch:x}-{:x}-{:x}-{second:x}", stamp.generation, stamp.version.unwrap_or(-1));
        Rendered {
            stamp,
            built: Instant::now(),
            second,
            identity: Bytes::from(body),
            gzip,
            etag: format!("\"{tag}\""),
            etag_gzip: format!("\"{tag}-gz\""),
        }
    }

    fn newer_or_same(&self, other: &Rendered) -> bool {
        (self.stamp.generation, self.second) >= (other.stamp.generation, other.second)
    }

    /// Whether this was built from the database as it is at `now` (see [`stamp`]).
    pub fn current_at(&self, now: Stamp) -> bool {
        self.stamp.taken >= now.taken
            || (self.stamp.generation >= now.generation && now.version.is_some() && self.stamp.version == now.version)
    }

    /// Whether the only changes since this was built are new comments written by this process:
    /// no update or delete, no article change, no other process's commit. Such an entry may be
    /// served while it is rebuilt: it can lack the newest comments, never show a hidden one.
    ///
    /// A commit of this process's writer shows in `version` a moment before the writer records
    /// it as its own (`own_version`); a stamp taken in between counts it as the writer's. Another
    /// process's commit that lands in that moment is caught by the writer before its next batch
    /// (or within its idle poll), which then marks everything hidden.
    pub fn lacks_only_new_comments(&self, now: Stamp) -> bool {
        self.stamp.hide_generation == now.hide_generation && now.only_own_commits()
    }

    /// The response for `req`: 304 when its `If-None-Match` names this version, gzip when it
    /// accepts gzip. `vary` lists the request headers the cached response depends on.
    pub fn respond(&self, req: &HttpRequest, content_type: &'static str, vary: &'static str) -> HttpResponse {
        let gzip = !self.gzip.is_empty() && accepts_gzip(req);
        let etag = if gzip { &self.etag_gzip } else { &self.etag };
        let not_modified = if_none_match(req, etag);
        let mut res = HttpResponse::build(if not_modified { StatusCode::NOT_MODIFIED } else { StatusCode::OK });
        res.insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
            .insert_header((header::VARY, HeaderValue::from_static(vary)));
        if let Ok(v) = HeaderValue::from_str(etag) {
            res.insert_header((header::ETAG, v));
        }
        if not_modified {
            return res.finish();
        }
        res.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)));
        if gzip {
            res.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
            res.body(self.gzip.clone())
        } else {
            res.body(self.identity.clone())
        }
    }
}

/// What a cache entry is checked against (see [`crate::store::Freshness`]: `generation`,
/// `hide_generation`, `version`, `own_version`). Read it before reading the data to build from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub generation: u64,
    pub hide_generation: u64,
    pub version: Option<i64>,
    pub own_version: Option<i64>,
    /// Whether the writer was between its commit and recording `own_version` (read in between).
    pub writer_committing: bool,
    /// When it was read: an entry built from a later stamp reflects every commit before this one.
    pub taken: Instant,
}

impl Stamp {
    /// Whether every commit so far is this process's writer's (see
    /// [`Rendered::lacks_only_new_comments`]): no other process has changed the database.
    pub fn only_own_commits(&self) -> bool {
        self.version.is_some() && (self.version == self.own_version || self.writer_committing)
    }
}

pub fn stamp(db: &dyn crate::store::Store) -> Stamp {
    // The writer bumps the generations before it records its version: read in the other order.
    let own_version = db.own_version();
    let writer_committing = db.writer_committing();
    let hide_generation = db.hide_generation();
    let generation = db.generation();
    Stamp { generation, hide_generation, version: db.version(), own_version, writer_committing, taken: Instant::now() }
}

/// zlib level: 4 compresses an article page about as well as 6 in half the time, and pages are
/// rebuilt often while comments pour in.
const GZIP_LEVEL: u32 = 4;

/// Whether `Accept-Encoding` allows gzip (by name or `*`, with a non-zero q).
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    let Some(v) = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    v.split(',').any(|item| {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q_zero = parts.any(|p| {
            let p = p.trim();
            p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")).and_then(|q| q.trim().parse::<f32>().ok())
                == Some(0.0)
        });
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !q_zero
    })
}

fn if_none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').map(|t| t.trim()).any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag))
}

/// The cache entry of one key, and the lock that lets one request at a time rebuild it.
#[derive(Debug, Default)]
pub struct Slot {
    current: RwLock<Option<Arc<Rendered>>>,
    build: Arc<tokio::sync::Mutex<()>>,
}

impl Slot {
    pub fn current(&self) -> Option<Arc<Rendered>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    /// Whether a rebuild is running now.
    pub fn building(&self) -> bool {
        self.build.try_lock().is_err()
    }

    fn store(&self, r: Arc<Rendered>) {
        if let Ok(mut cur) = self.current.write()
            && cur.as_ref().is_none_or(|c| r.newer_or_same(c))
        {
            *cur = Some(r);
        }
    }

    /// Rebuilds in the background unless a build is already running; for an entry that may
    /// still be served meanwhile.
    pub fn refresh<F, Fut>(self: &Arc<Self>, build: F)
    where
        F: FnOnce() -> Fut + 'static,
        Fut: Future<Output = Result<Rendered, AppError>> + 'static,
    {
        let Ok(guard) = self.build.clone().try_lock_owned() else { return };
        let slot = self.clone();
        actix_web::rt::spawn(async move {
            let _guard = guard;
            match build().await {
                Ok(r) => slot.store(Arc::new(r)),
                Err(e) => tracing::warn!(error = %e, "rebuilding a cached page failed"),
            }
        });
    }
}

/// The cached responses by key. Keys are only added after a successful build, so requests
/// for pages that do not exist add nothing.
#[derive(Debug)]
pub struct ResponseCache {
    /// Random per process, so an ETag from before a restart never matches a new generation.
    pub epoch: u64,
    slots: RwLock<HashMap<String, Arc<Slot>>>,
    /// Articles by slug with the `hide_generation` read before them: every comment post looks
    /// its article up, and articles change rarely (any change bumps that generation).
    articles: RwLock<HashMap<String, (u64, crate::domain::article::Article)>>,
}

/// Articles kept at most; past that the map starts over (a newsroom's busy stories are few).
const ARTICLES_KEPT: usize = 1_024;

impl Default for ResponseCache {
    fn default() -> Self {
        Self::new()
    }
}

impl ResponseCache {
    pub fn new() -> Self {
        ResponseCache {
            epoch: rand::random::<u32>().into(),
            slots: RwLock::new(HashMap::new()),
            articles: RwLock::new(HashMap::new()),
        }
    }

    /// The article as kept, if nothing that could change it has happened since: no change of
    /// articles or hiding change by this process, no commit by another one.
    pub fn article(&self, slug: &str, now: Stamp) -> Option<crate::domain::article::Article> {
        if !now.only_own_commits() {
            return None;
        }
        let articles = self.articles.read().ok()?;
        let (hide_generation, article) = articles.get(slug)?;
        (*hide_generation == now.hide_generation).then(|| article.clone())
    }

    /// Keeps the article found by `slug`, read after `before` was taken.
    pub fn keep_article(&self, slug: &str, before: Stamp, article: &crate::domain::article::Article) {
        if let Ok(mut articles) = self.articles.write() {
            if articles.len() >= ARTICLES_KEPT {
                articles.clear();
            }
            articles.insert(slug.to_string(), (before.hide_generation, article.clone()));
        }
    }

    pub fn slot(&self, key: &str) -> Option<Arc<Slot>> {
        self.slots.read().ok().and_then(|s| s.get(key).cloned())
    }

    fn slot_or_insert(&self, key: &str) -> Option<Arc<Slot>> {
        let mut slots = self.slots.write().ok()?;
        Some(slots.entry(key.to_string()).or_default().clone())
    }

    /// The entry for `key` when `fresh` accepts it; otherwise builds it, one build at a time.
    pub async fn fetch<F, Fut>(
        &self,
        key: &str,
        fresh: impl Fn(&Rendered) -> bool,
        build: F,
    ) -> Result<Arc<Rendered>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, AppError>>,
    {
        let Some(slot) = self.slot(key) else {
            let r = Arc::new(build().await?);
            if let Some(slot) = self.slot_or_insert(key) {
                slot.store(r.clone());
            }
            return Ok(r);
        };
        if let Some(r) = slot.current()
            && fresh(&r)
        {
            return Ok(r);
        }
        let _guard = slot.build.lock().await;
        if let Some(r) = slot.current()
            && fresh(&r)
        {
            return Ok(r);
        }
        let r = Arc::new(build().await?);
        slot.store(r.clone());
        Ok(r)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn gzip_is_chosen_only_when_accepted() {
        let yes = ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "GZIP"];
        let no = ["", "br", "gzip;q=0", "identity", "deflate, gzip;q=0.0"];
        for v in yes {
            assert!(
                accepts_gzip(&TestRequest::default().insert_header(("accept-encoding", v)).to_http_request()),
                "{v}"
            );
        }
        for v in no {
            assert!(
                !accepts_gzip(&TestRequest::default().insert_header(("accept-encoding", v)).to_http_request()),
                "{v}"
            );
        }
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }

    #[test]
    fn a_matching_etag_gets_304_and_the_gzip_body_unzips_to_the_page() {
        let r = Rendered::new(
            1,
            Stamp {
                generation: 2,
                hide_generation: 0,
                version: Some(4),
                own_version: None,
                writer_committing: false,
                taken: Instant::now(),
            },
            3,
            "<p>hello</p>".repeat(100),
        );
        let req = TestRequest::default().insert_header(("accept-encoding", "gzip")).to_http_request();
        let res = r.respond(&req, "text/html; charset=utf-8", "Accept-Encoding");
        assert_eq!(res.status(), StatusCode::OK);
        let etag = res.headers().get("etag").unwrap().to_str().unwrap().to_string();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&r.gzip[..]), &mut out).unwrap();
        assert_eq!(out.as_bytes(), &r.identity[..]);
        let again = TestRequest::default()
            .insert_header(("accept-encoding", "gzip"))
            .insert_header(("if-none-match", etag.as_str()))
            .to_http_request();
        assert_eq!(r.respond(&again, "text/html", "Accept-Encoding").status(), StatusCode::NOT_MODIFIED);
        let plain = TestRequest::default().insert_header(("if-none-match", etag.as_str())).to_http_request();
        assert_eq!(r.respond(&plain, "text/html", "Accept-Encoding").status(), StatusCode::OK, "other encoding");
    }
}
