//! The public JSON API for comments.
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::domain::comment::{AuthorName, Comment};
use crate::error::{ApiError, AppError};
use crate::http::author::AuthorId;
use crate::http::client_ip::client_ip;
use crate::http::origin::require_same_origin;
use crate::intake::{self, Outcome, Submission};
use crate::ranking::Key;
use crate::routes::articles::find_article;
use crate::routes::body::{read_limited, require_content_type};
use crate::startup::AppState;
use crate::store::{Outline, Sort};
use crate::templates::iso;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    pub sort: Option<String>,
    pub after: Option<String>,
    pub limit: Option<usize>,
    /// Only the editors' picks.
    pub featured: Option<bool>,
}

#[derive(Serialize)]
pub struct CommentJson {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author: String,
    pub body_html: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// Readers' reactions, as stored (at most about a second old on the first, cached page).
    pub reactions: i64,
    /// An editors' pick.
    pub featured: bool,
}

impl From<&Comment> for CommentJson {
    fn from(c: &Comment) -> Self {
        CommentJson {
            id: c.id,
            parent_id: c.parent_id,
            author: AuthorName::display(&c.author).to_string(),
            body_html: c.body_html.as_str().to_string(),
            created_at: iso(c.created_at),
            edited_at: c.edited_at.map(iso),
            reactions: c.reactions,
            featured: c.featured,
        }
    }
}

#[derive(Serialize)]
struct ListJson {
    comments: Vec<CommentJson>,
    total: i64,
    next: Option<String>,
}

/// How old the reaction counts of the cached first page may be.
const COUNTS_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(1);

/// Comments on the first page of the list when the client does not ask for a size.
const DEFAULT_LIMIT: usize = 50;

pub async fn list_comments(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    if query.sort.is_none()
        && query.after.as_deref().is_none_or(str::is_empty)
        && query.limit.is_none()
        && query.featured.is_none()
    {
        return Ok(cached_first_page(state, &req, path.into_inner()).await?);
    }
    let article = find_article(&state, &path).await?;
    if query.featured == Some(true) {
        let picks = state.store.featured(article.id).await?;
        let total = i64::try_from(picks.len()).unwrap_or(i64::MAX);
        let comments = picks.iter().map(CommentJson::from).collect();
        return Ok(HttpResponse::Ok().json(ListJson { comments, total, next: None }));
    }
    let sort = match query.sort.as_deref() {
        None | Some("oldest") => Sort::Oldest,
        Some("newest") => Sort::Newest,
        Some("best") => return Ok(best_page(&state, article.id, &query).await?),
        Some(other) => {
            return Err(AppError::BadRequest(format!("sort must be oldest, newest or best, not {other:?}.")).into());
        }
    };
    let after = match query.after.as_deref() {
        None | Some("") => None,
        Some(c) => Some(c.parse::<i64>().map_err(|_| AppError::BadRequest("after is not a valid cursor.".into()))?),
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=200).contains(&limit) {
        return Err(AppError::BadRequest("limit must be between 1 and 200.".into()).into());
    }
    let aid = article.id;
    let rows = state.store.published_page(aid, sort, after, limit + 1).await?;
    let total = state.store.published_count(aid).await?;
    Ok(HttpResponse::Ok().json(list_json(&rows, total, limit)))
}

/// A page of the published comments in the "best" order (each comment ranked by its own
/// reactions, see [`crate::ranking`]) as it stood at the moment the first page was asked for:
/// the cursor carries that moment and the last comment's place, so the pages that follow
/// neither repeat nor skip a comment however reactions change meanwhile. Comments posted since
/// come last.
async fn best_page(state: &AppState, article_id: i64, query: &ListQuery) -> Result<HttpResponse, AppError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=200).contains(&limit) {
        return Err(AppError::BadRequest("limit must be between 1 and 200.".into()));
    }
    let (as_of_ms, after) = match query.after.as_deref() {
        None | Some("") => (crate::routes::articles::now_ms(), None),
        Some(c) => {
            let (at, key) =
                Key::parse_cursor(c).ok_or_else(|| AppError::BadRequest("after is not a valid cursor.".into()))?;
            (at, Some(key))
        }
    };
    let outline = state.store.page_outline(article_id, None, Outline::All).await?;
    let standing: HashMap<i64, i64> =
        state.store.standings(article_id, as_of_ms).await?.into_iter().map(|s| (s.id, s.reactions)).collect();
    let mut ranked: Vec<(Key, usize)> = outline
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let k = standing.get(&c.id).copied().unwrap_or(0);
            (Key::new(k, c.created_at.unix_timestamp(), c.id, as_of_ms), i)
        })
        .filter(|(k, _)| after.is_none_or(|a| k.cmp_best(&a) == std::cmp::Ordering::Greater))
        .collect();
    ranked.sort_by(|a, b| a.0.cmp_best(&b.0));
    let has_more = ranked.len() > limit;
    ranked.truncate(limit);
    let next = if has_more { ranked.last().map(|(k, _)| k.cursor(as_of_ms)) } else { None };
    let at: Vec<usize> = ranked.iter().map(|(_, i)| *i).collect();
    let total = i64::try_from(outline.len()).unwrap_or(i64::MAX);
    let filled = state.store.fill_bodies(outline, at).await?;
    let comments = ranked.iter().filter_map(|(_, i)| filled.get(*i)).map(CommentJson::from).collect();
    Ok(HttpResponse::Ok().json(ListJson { comments, total, next }))
}

fn list_json(rows: &[Comment], total: i64, limit: usize) -> ListJson {
    let has_more = rows.len() > limit;
    let comments: Vec<CommentJson> = rows.iter().take(limit).map(CommentJson::from).collect();
    let next = if has_more { comments.last().map(|c| c.id.to_string()) } else { None };
    ListJson { comments, total, next }
}

/// The first page with default parameters, the one every reader's script asks for, from the
/// cache (see `crate::cache`): serialized and compressed once per change of the comments.
async fn cached_first_page(
    state: web::Data<AppState>,
    req: &HttpRequest,
    slug: String,
) -> Result<HttpResponse, AppError> {
    let stamp = crate::cache::stamp(state.store.as_ref());
    let st = state.clone();
    let build = move || async move {
        let stamp = crate::cache::stamp(st.store.as_ref());
        let epoch = st.cache.epoch;
        let article = st.store.article_by_slug(&slug).await?.ok_or(AppError::NotFound("article"))?;
        let rows = st.store.published_page(article.id, Sort::Oldest, None, DEFAULT_LIMIT + 1).await?;
        let total = st.store.published_count(article.id).await?;
        let body = serde_json::to_string(&list_json(&rows, total, DEFAULT_LIMIT))
            .map_err(|e| AppError::internal(e.to_string()))?;
        Ok(crate::cache::Rendered::new(epoch, stamp, 0, body))
    };
    let key = format!("json:{}", req.match_info().get("slug").unwrap_or_default());
    // Reactions do not move the stamp (see `crate::reactions`): their counts in the cached
    // list are at most COUNTS_MAX_AGE old, as on the cached page.
    let r = state.cache.fetch(&key, |r| r.current_at(stamp) && r.built.elapsed() < COUNTS_MAX_AGE, build).await?;
    Ok(r.respond(req, "application/json", "Accept-Encoding"))
}

#[derive(Debug, Deserialize)]
pub struct CreateJson {
    pub body: Option<String>,
    pub author: Option<String>,
    pub parent_id: Option<i64>,
    /// "Tell me when someone replies": an address to confirm, then mail replies to.
    pub notify_email: Option<String>,
}

#[derive(Serialize)]
struct CreatedJson {
    id: i64,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::BadRequest(format!("The JSON body could not be read: {e}")))
}

pub async fn create_comment(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let article = find_article(&state, &path).await?;
    require_content_type(&req, "application/json", "comments")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let input: CreateJson = parse_json(&bytes)?;
    intake::ensure_open(&article)?;
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);
    intake::check_limits(&state, &article, ip).await?;
    let existing = AuthorId::from_request(&req, &state.keys);
    let is_new = existing.is_none();
    let author = existing.unwrap_or_else(AuthorId::generate);
    let sub = Submission {
        body: input.body.unwrap_or_default(),
        author: input.author.unwrap_or_default(),
        parent_id: input.parent_id,
        bot_reason: None,
        notify_email: input.notify_email,
    };
    let outcome = intake::submit(&state, &article, sub, &author, ip).await?;
    let mut resp = match outcome {
        Outcome::Published(id) => HttpResponse::build(StatusCode::CREATED).json(CreatedJson {
            id,
            status: "published",
            url: Some(state.path(&format!("/articles/{}#comment-{id}", article.slug))),
        }),
        Outcome::Held(id) => {
            HttpResponse::build(StatusCode::ACCEPTED).json(CreatedJson { id, status: "pending", url: None })
        }
    };
    if is_new {
        author.set_cookies(&mut resp, &state.keys, state.settings.is_https(), state.base_path());
    }
    Ok(resp)
}

#[derive(Debug, Deserialize)]
pub struct EditJson {
    pub body: Option<String>,
}

pub async fn edit_comment(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    require_content_type(&req, "application/json", "the edit")?;
    require_same_origin(&req, &state.public_origin)?;
    let bytes = read_limited(&req, payload).await?;
    let input: EditJson = parse_json(&bytes)?;
    let author = AuthorId::from_request(&req, &state.keys);
    let (comment, article, _) = intake::own_editable(&state, *path, author.as_ref()).await?;
    let outcome = intake::edit(&state, &article, &comment, input.body.as_deref().unwrap_or("")).await?;
    let status = match outcome {
        Outcome::Published(_) => "published",
        Outcome::Held(_) => "pending",
    };
    Ok(HttpResponse::Ok().json(CreatedJson { id: outcome.id(), status, url: None }))
}

pub async fn delete_comment(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    require_same_origin(&req, &state.public_origin)?;
    let author = AuthorId::from_request(&req, &state.keys);
    let (comment, _, _) = intake::own_editable(&state, *path, author.as_ref()).await?;
    intake::delete(&state, comment.id).await?;
    Ok(HttpResponse::NoContent().finish())
}
