//! The embed for pages Commentdesk does not render: `embed.js`, the comment section alone for its
//! iframe (`/embed`), the full page its `noscript` link opens (`/c`), and comment counts for
//! listing pages (`/api/counts`). A page's thread is created the first time it is shown, for
//! pages on `[embed] allowed_origins` only.
use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::domain::article::Article;
use crate::domain::embed::{CanonicalUrl, NewEmbedArticle};
use crate::error::{ApiError, AppError};
use crate::http::author::AuthorId;
use crate::http::client_ip::{client_ip, limit_key};
use crate::http::security_headers::embed_csp;
use crate::routes::articles::{PageQuery, find_article, notice_text, render_article_page, tr_for};
use crate::startup::AppState;
use crate::templates::{CommentForm, CommentSection, CommentsPage, EmbedPage, HeadMeta, View};

/// Where a comment section's forms and links lead back to: the form's own `view` field when it
/// has one; for a thread the embed created, the iframe when the browser says the request is
/// an iframe's navigation (`Sec-Fetch-Dest`), else the full page; else the article page.
pub fn view_of(req: &HttpRequest, article: &Article, field: Option<&str>) -> View {
    match View::from_field(field) {
        View::Article if article.url.is_some() => {
            let dest = req.headers().get("sec-fetch-dest").and_then(|v| v.to_str().ok());
            if dest == Some("iframe") { View::Embed } else { View::Page }
        }
        v => v,
    }
}

/// What the snippet tells about the host page (`embed.js` passes it on).
#[derive(Debug, Default, Deserialize)]
pub struct ThreadQuery {
    pub url: Option<String>,
    pub slug: Option<String>,
    pub title: Option<String>,
    pub theme: Option<String>,
    pub accent: Option<String>,
    pub sort: Option<String>,
    pub show: Option<usize>,
    pub reply_to: Option<i64>,
    pub notice: Option<String>,
}

impl ThreadQuery {
    fn page(&self) -> PageQuery {
        PageQuery {
            sort: self.sort.clone(),
            at: None,
            show: self.show,
            reply_to: self.reply_to,
            notice: self.notice.clone(),
            theme: self.theme.clone(),
            accent: self.accent.clone(),
        }
    }
}

/// The thread of the page at `raw_url`, created at its first view. Pages of other sites are
/// refused, with the setting named, and nothing is created.
async fn thread_for(state: &AppState, req: &HttpRequest, q: &ThreadQuery) -> Result<Article, AppError> {
    let url = CanonicalUrl::parse(q.url.as_deref().unwrap_or("")).map_err(AppError::BadRequest)?;
    let origin = url.origin();
    if !state.settings.embed.allows(&origin) {
        tracing::info!(origin = %origin, "embed refused: origin not allowed");
        return Err(AppError::Forbidden(format!(
            "Comments are not enabled for pages on {origin}: it is not listed in the [embed] allowed_origins \
             setting of this Commentdesk."
        )));
    }
    let new = NewEmbedArticle::new(url, q.slug.as_deref(), q.title.as_deref()).map_err(AppError::BadRequest)?;
    // Most views are of threads that exist: read them without a write.
    let existing = if new.slug_given {
        state.store.article_by_slug(new.slug.as_str()).await?
    } else {
        state.store.article_by_url(new.url.as_str()).await?
    };
    if let Some(found) = existing {
        return Ok(found);
    }
    // Any page of an allowed site may be named, so creating threads is limited per client
    // (after the lookup: readers of existing threads never spend a token).
    if let Some(ip) = client_ip(req, &state.settings.server.trusted_proxies)
        && let Err(retry_after) = state.limiters.threads_per_client.check(&limit_key(ip))
    {
        state.metrics.rate_limited.with_label_values(&["thread_client"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    let (article, created) = state.store.embed_article(new).await?;
    if created {
        tracing::info!(slug = %article.slug, "thread created for an embedded page");
    }
    Ok(article)
}

/// `GET /embed?url=...`: the comment section for the iframe, the thread created if need be.
pub async fn for_url(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<ThreadQuery>,
) -> Result<HttpResponse, AppError> {
    let article = thread_for(&state, &req, &query).await?;
    section_page(&state, &req, &article, &query.page(), View::Embed).await
}

/// `GET /embed/{slug}`: the same for a thread that exists (the section's own links lead here).
pub async fn for_slug(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let article = find_article(&state, &path).await?;
    section_page(&state, &req, &article, &query, View::Embed).await
}

/// `GET /c?url=...`: the full page the `noscript` link opens.
pub async fn page_for_url(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<ThreadQuery>,
) -> Result<HttpResponse, AppError> {
    let article = thread_for(&state, &req, &query).await?;
    section_page(&state, &req, &article, &query.page(), View::Page).await
}

/// `GET /c/{slug}`.
pub async fn page_for_slug(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let article = find_article(&state, &path).await?;
    section_page(&state, &req, &article, &query, View::Page).await
}

async fn section_page(
    state: &AppState,
    req: &HttpRequest,
    article: &Article,
    query: &PageQuery,
    view: View,
) -> Result<HttpResponse, AppError> {
    let viewer = AuthorId::from_request(req, &state.keys);
    let notice = notice_text(tr_for(state, article), query.notice.as_deref());
    let form = CommentForm { parent_id: query.reply_to, ..Default::default() };
    let body = render_article_page(state, article, viewer.as_ref(), query, form, notice, view).await?;
    let mut resp = HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body);
    if view == View::Embed {
        frame_for_allowed_origins(state, &mut resp);
    }
    Ok(resp)
}

/// Lets exactly the allowed origins frame this response (and nobody else).
pub fn frame_for_allowed_origins(state: &AppState, resp: &mut HttpResponse) {
    if let Ok(v) = HeaderValue::from_str(&embed_csp(&state.settings.embed.allowed_origins)) {
        resp.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
}

/// `light`, `dark` or `auto` (the default).
fn theme(q: Option<&str>) -> &'static str {
    match q {
        Some("light") => "light",
        Some("dark") => "dark",
        _ => "auto",
    }
}

/// The embed's look as query parameters (`&theme=dark&accent=%23aa0000`), so the section's own
/// links keep it: the host page sets it once, in the iframe's first address. Only checked values
/// are carried; `auto` (the default) is left out.
pub fn look_query(q: &PageQuery) -> String {
    let mut out = String::new();
    let t = theme(q.theme.as_deref());
    if t != "auto" {
        out.push_str(&format!("&theme={t}"));
    }
    if let Some(a) = accent(q.accent.as_deref()) {
        out.push_str(&format!("&accent=%23{}", a.trim_start_matches('#')));
    }
    out
}

/// `#rgb` or `#rrggbb` (with or without the `#`), else none.
fn accent(q: Option<&str>) -> Option<String> {
    let hex = q?.trim().trim_start_matches('#');
    ((hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// The iframe's page around its comment section.
pub fn embed_page(state: &AppState, article: &Article, query: &PageQuery, section: CommentSection) -> EmbedPage {
    let allowed = &state.settings.embed.allowed_origins;
    // The page's own site when it is allowed (as it is for threads the embed created), else
    // every allowed site: a message to any other origin is dropped by the browser.
    let own = article.url.as_deref().and_then(|u| CanonicalUrl::parse(u).ok()).map(|u| u.origin());
    let parent_origins = match own {
        Some(o) if state.settings.embed.allows(&o) => o,
        _ => allowed.join(" "),
    };
    EmbedPage {
        tr: tr_for(state, article),
        parent_origins,
        base: state.base_path().to_string(),
        css_url: state.path(&crate::assets::url("css/site.css")),
        js_url: state.path(&crate::assets::url("js/article.js")),
        title: article.title.clone(),
        theme: theme(query.theme.as_deref()),
        accent: accent(query.accent.as_deref()),
        section,
    }
}

/// The `noscript` page around its comment section.
pub fn comments_page(state: &AppState, article: &Article, section: CommentSection) -> CommentsPage {
    let url = article.url.clone().unwrap_or_else(|| state.url(&format!("/articles/{}", article.slug)));
    let tr = tr_for(state, article);
    CommentsPage {
        tr,
        layout: state.layout(),
        head: HeadMeta {
            title: tr.a("comments-title", "title", &article.title),
            description: String::new(),
            canonical: url.clone(),
            og_type: "website",
            published_iso: None,
            json_ld: None,
        },
        title: article.title.clone(),
        url,
        section,
    }
}

/// `GET /embed.js`: the snippet's script, under the stable name the snippet uses (revalidated
/// hourly; the fingerprinted copy under `/static/` may be cached for good). Its few texts (the
/// link shown when the comment section does not load) are filled in in the site's language; the
/// fingerprinted copy keeps the file's English.
pub async fn script(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (asset, _) = crate::assets::lookup("js/embed.js").ok_or(AppError::NotFound("file"))?;
    let (body, etag) = localized_script(asset, state.tr);
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut resp = if fresh { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    resp.insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        // Host pages load it across origins (`crossorigin` or not).
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"));
    if fresh {
        return Ok(resp.finish());
    }
    Ok(resp.content_type(asset.content_type).body(body))
}

/// The script with its messages in `tr`'s language, and its ETag (the file's own when that
/// changed nothing, as for English).
fn localized_script(asset: &crate::assets::Asset, tr: crate::i18n::Tr) -> (Vec<u8>, String) {
    let english = crate::i18n::Tr::english().embed_messages();
    let ours = tr.embed_messages();
    if ours == english {
        return (asset.bytes.to_vec(), asset.etag.clone());
    }
    let text = String::from_utf8_lossy(asset.bytes).replacen(&english, &ours, 1);
    (text.into_bytes(), format!("\"{}-{}\"", asset.etag.trim_matches('"'), tr.lang()))
}

/// The most URLs one `/api/counts` request may ask about.
pub const MAX_COUNT_URLS: usize = 50;

/// `GET /api/counts?url=...&url=...`: published comment counts by the URLs as given (the same
/// page spelled twice gets the same count); URLs that cannot be read are left out, pages without
/// a thread count 0. Allowed origins may read it from their pages; answers are cached a minute.
pub async fn counts(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let given: Vec<String> = url::form_urlencoded::parse(req.query_string().as_bytes())
        .filter(|(k, _)| k == "url")
        .map(|(_, v)| v.into_owned())
        .collect();
    if given.is_empty() {
        return Err(AppError::BadRequest("Name at least one page: /api/counts?url=...".into()).into());
    }
    if given.len() > MAX_COUNT_URLS {
        return Err(AppError::BadRequest(format!("At most {MAX_COUNT_URLS} URLs per request.")).into());
    }
    let canonical: Vec<(String, String)> =
        given.into_iter().filter_map(|g| CanonicalUrl::parse(&g).ok().map(|c| (g, c.as_str().to_string()))).collect();
    let mut wanted: Vec<String> = canonical.iter().map(|(_, c)| c.clone()).collect();
    wanted.sort();
    wanted.dedup();
    let found: BTreeMap<String, i64> = state.store.counts_by_url(wanted).await?.into_iter().collect();
    let answer: BTreeMap<String, i64> =
        canonical.into_iter().map(|(g, c)| (g, found.get(&c).copied().unwrap_or(0))).collect();
    let mut resp = HttpResponse::build(StatusCode::OK);
    resp.insert_header((header::CACHE_CONTROL, "public, max-age=60")).insert_header((header::VARY, "Origin"));
    if let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && state.settings.embed.allows(origin)
        && let Ok(v) = HeaderValue::from_str(origin)
    {
        resp.insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, v));
    }
    // The same counts as words in the site's language ("12 Kommentare"), for embed.js to show.
    let labels: BTreeMap<&String, String> = answer.iter().map(|(u, n)| (u, state.tr.n("comment-count", *n))).collect();
    Ok(resp.json(serde_json::json!({ "counts": answer, "labels": labels })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_script_is_served_with_its_messages_in_the_sites_language() {
        let (asset, _) = crate::assets::lookup("js/embed.js").unwrap();
        let js = String::from_utf8_lossy(asset.bytes);
        let english = crate::i18n::Tr::english().embed_messages();
        assert!(
            js.contains(&format!("var messages = {english};")),
            "the file holds the English messages as the server writes them"
        );
        let (en, en_tag) = localized_script(asset, crate::i18n::Tr::english());
        assert_eq!((en.as_slice(), en_tag.as_str()), (asset.bytes, asset.etag.as_str()));
        let de = crate::i18n::Tr::new("de").unwrap();
        let (body, tag) = localized_script(asset, de);
        let body = String::from_utf8(body).unwrap();
        assert!(body.contains(&de.embed_messages()) && !body.contains("Read and post comments"), "{body}");
        assert_ne!(tag, asset.etag);
    }

    #[test]
    fn only_hex_colours_and_known_themes_pass() {
        assert_eq!(accent(Some("#A4161A")).as_deref(), Some("#a4161a"));
        assert_eq!(accent(Some("0b4")).as_deref(), Some("#0b4"));
        for bad in ["red", "#12345", "#1234567", "url(x)", "#12;x"] {
            assert_eq!(accent(Some(bad)), None, "{bad}");
        }
        assert_eq!(theme(Some("dark")), "dark");
        assert_eq!(theme(Some("<x>")), "auto");
    }
}
