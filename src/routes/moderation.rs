//! The moderator console's pages: sign-in, the queues with their actions, the audit log and its
//! exports, and the admin settings. Every action is a plain form POST carrying the session's CSRF
//! token, refused cross-site; `static/js/moderation.js` only adds keyboard shortcuts.
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::assets;
use crate::auth::session::{self, ModeratorSession};
use crate::console::{self, Segment};
use crate::domain::comment::CommentStatus;
use crate::domain::domain_name::DomainName;
use crate::domain::moderator::{Action, RejectReason};
use crate::error::AppError;
use crate::http::origin::require_same_origin;
use crate::i18n::Tr;
use crate::moderation::{Threshold, WordKind};
use crate::routes::articles::html;
use crate::routes::body::{read_limited, require_content_type};
use crate::startup::AppState;
use crate::store::sqlite::queue::{AuthorHistory, Filter, Queue, QueueItem, ReportCount};
use crate::templates::{Layout, iso};

// ---------------------------------------------------------------------------------------------
// Views

/// The console's navigation, on every signed-in page.
pub struct Nav {
    pub name: String,
    pub role: &'static str,
    pub is_admin: bool,
    pub csrf: String,
    pub current: &'static str,
}

impl Nav {
    pub(super) fn new(s: &ModeratorSession, current: &'static str) -> Nav {
        Nav {
            name: s.moderator.name.clone(),
            role: s.moderator.role.as_str(),
            is_admin: s.moderator.is_admin(),
            csrf: s.csrf.clone(),
            current,
        }
    }
}

#[derive(Template)]
#[template(path = "moderation/login.html")]
pub struct LoginPage {
    /// The console's language (the site's).
    pub tr: crate::i18n::Tr,
    pub layout: Layout,
    pub name: String,
    pub error: Option<String>,
}

pub struct Tab {
    pub queue: &'static str,
    pub label: String,
    pub count: i64,
    pub current: bool,
    pub href: String,
}

pub struct ArticleOption {
    pub slug: String,
    pub title: String,
    pub selected: bool,
}

pub struct ReasonView {
    pub code: String,
    pub message: String,
    pub matched: Vec<String>,
}

pub struct ItemView {
    pub id: i64,
    pub status: &'static str,
    pub article_slug: String,
    pub article_title: String,
    pub author: String,
    pub segments: Vec<Segment>,
    pub reasons: Vec<ReasonView>,
    pub reports: Vec<ReportCount>,
    pub open_reports: i64,
    pub score: Option<String>,
    /// For a comment the learned score would hold: the words and character groups that pushed it
    /// up most.
    pub score_why: Vec<String>,
    pub created_iso: String,
    pub created_human: String,
    pub edited: bool,
    pub decided: Option<String>,
    pub history: AuthorHistory,
    /// An editors' pick.
    pub featured: bool,
}

fn ts(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

impl ItemView {
    fn new(item: QueueItem, now: OffsetDateTime, pipeline: &crate::moderation::Pipeline, tr: Tr) -> ItemView {
        let threshold = pipeline.settings().classifier_threshold;
        let score_why = match item.score {
            Some(s) if s >= threshold => pipeline
                .explain_score(&item.body_md, 6)
                .into_iter()
                .map(|(label, w)| format!("{label} (+{w:.2})"))
                .collect(),
            _ => Vec::new(),
        };
        let all_spans: Vec<_> = item.reasons.iter().flat_map(|r| r.spans.iter().copied()).collect();
        ItemView {
            id: item.id,
            status: item.status.as_str(),
            segments: console::highlight(&item.body_md, &all_spans),
            reasons: item
                .reasons
                .iter()
                .map(|r| ReasonView {
                    code: r.code.clone(),
                    message: r.message.clone(),
                    matched: console::matched(&item.body_md, &r.spans),
                })
                .collect(),
            author: if item.author_name.is_empty() { tr.t("anonymous") } else { item.author_name.clone() },
            article_slug: item.article_slug,
            article_title: item.article_title,
            reports: item.reports,
            open_reports: item.open_reports,
            score: item.score.map(|s| tr.a("score-likely", "percent", format!("{:.0}", s * 100.0))),
            score_why,
            created_iso: iso(ts(item.created_at)),
            created_human: tr.relative(ts(item.created_at), now),
            edited: item.edited_at.is_some(),
            featured: item.featured,
            decided: match (item.decided_by, item.decided_at) {
                (Some(by), Some(at)) => Some(tr.a2("item-decided", "who", by, "when", tr.relative(ts(at), now))),
                _ => None,
            },
            history: item.history,
        }
    }
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
pub struct QueuePage {
    /// The console's language (the site's).
    pub tr: crate::i18n::Tr,
    pub layout: Layout,
    pub js_url: String,
    pub nav: Nav,
    pub tabs: Vec<Tab>,
    pub queue: &'static str,
    pub queue_label: String,
    pub total: i64,
    pub shown: i64,
    pub search: String,
    pub article: String,
    pub articles: Vec<ArticleOption>,
    pub items: Vec<ItemView>,
    pub reject_reasons: Vec<(&'static str, String)>,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// The page follows `/moderation/events` (see `crate::live`).
    pub live: bool,
}

pub struct LogRow {
    pub id: i64,
    pub at_iso: String,
    pub at_human: String,
    pub moderator: String,
    pub action: String,
    pub comment_id: Option<i64>,
    pub status_before: String,
    pub status_after: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "moderation/log.html")]
pub struct LogPage {
    /// The console's language (the site's).
    pub tr: crate::i18n::Tr,
    pub layout: Layout,
    pub nav: Nav,
    pub entries: Vec<LogRow>,
    pub older_url: Option<String>,
}

pub struct ArticleSettings {
    pub slug: String,
    pub title: String,
    pub comments_open: bool,
    pub premoderation: bool,
}

pub struct ThresholdView {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub value: String,
    pub min: String,
    pub max: String,
    pub step: String,
}

#[derive(Template)]
#[template(path = "moderation/settings.html")]
pub struct SettingsPage {
    /// The console's language (the site's).
    pub tr: crate::i18n::Tr,
    pub layout: Layout,
    pub nav: Nav,
    pub notice: Option<String>,
    pub articles: Vec<ArticleSettings>,
    pub words: Vec<(String, &'static str)>,
    /// The console's trusted domains, and those from the configuration file (not removable here).
    pub domains: Vec<String>,
    pub configured_domains: Vec<String>,
    pub thresholds: Vec<ThresholdView>,
}

pub(crate) fn render<T: Template>(status: StatusCode, t: &T) -> Result<HttpResponse, AppError> {
    let body = t.render().map_err(|e| AppError::internal(format!("template: {e}")))?;
    let mut resp = html(status, body);
    resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(resp)
}

/// A 303 to a path of the application (`/moderation...`), under `[server] base_path`.
pub(super) fn see_other(state: &AppState, location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, state.path(location))).finish()
}

// ---------------------------------------------------------------------------------------------
// Forms

/// A urlencoded form with repeated keys kept (bulk selections).
pub(super) struct Form(Vec<(String, String)>);

impl Form {
    async fn read(req: &HttpRequest, payload: web::Payload, state: &AppState) -> Result<Form, AppError> {
        require_content_type(req, "application/x-www-form-urlencoded", "the form")?;
        refuse_cross_site(req, state)?;
        let bytes = read_limited(req, payload).await?;
        Ok(Form(url::form_urlencoded::parse(&bytes).into_owned().collect()))
    }

    /// Reads a signed-in moderator's form and checks its CSRF token, so no action can skip it.
    pub(super) async fn read_signed_in(
        req: &HttpRequest,
        payload: web::Payload,
        state: &AppState,
        session: &ModeratorSession,
    ) -> Result<Form, AppError> {
        let form = Form::read(req, payload, state).await?;
        session.check_csrf(state, form.get("csrf"))?;
        Ok(form)
    }

    pub(super) fn get(&self, key: &str) -> &str {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

fn refuse_cross_site(req: &HttpRequest, state: &AppState) -> Result<(), AppError> {
    require_same_origin(req, &state.public_origin)
        .map_err(|_| AppError::Forbidden("This request came from another website, so it was refused.".into()))
}

/// Where to go back to after an action: the queue, search and article filter the form came from.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct QueueQuery {
    pub queue: Option<String>,
    pub q: Option<String>,
    pub article: Option<String>,
    pub notice: Option<String>,
    pub n: Option<u32>,
}

impl QueueQuery {
    fn from_form(f: &Form) -> QueueQuery {
        let opt = |k: &str| Some(f.get(k).to_string()).filter(|s| !s.is_empty());
        QueueQuery {
            queue: opt("return_queue"),
            q: opt("return_q"),
            article: opt("return_article"),
            ..Default::default()
        }
    }

    fn queue(&self) -> Queue {
        self.queue.as_deref().and_then(Queue::parse).unwrap_or(Queue::Pending)
    }

    fn href(&self, queue: Queue, notice: Option<&str>, n: Option<usize>) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.append_pair("queue", queue.as_str());
        if let Some(q) = self.q.as_deref().filter(|q| !q.is_empty()) {
            s.append_pair("q", q);
        }
        if let Some(a) = self.article.as_deref().filter(|a| !a.is_empty()) {
            s.append_pair("article", a);
        }
        if let Some(n) = notice {
            s.append_pair("notice", n);
        }
        if let Some(n) = n {
            s.append_pair("n", &n.to_string());
        }
        format!("/moderation?{}", s.finish())
    }
}

/// Fixed messages chosen by a query parameter; nothing from the URL is echoed but a number.
pub(super) fn notice_text(tr: Tr, key: Option<&str>, n: Option<u32>) -> Option<String> {
    let n = n.unwrap_or(1);
    let key = key?;
    match key {
        "approve" | "reject" | "spam" | "ban" | "saved" | "feature" | "unfeature" | "retried" => {
            Some(tr.t(&format!("mod-notice-{key}")))
        }
        "undo" | "bulk" => Some(tr.n(&format!("mod-notice-{key}"), n)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Sign-in

pub async fn login_form(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    if session::load(&state, &req).await?.is_some() {
        return Ok(see_other(&state, "/moderation"));
    }
    render(StatusCode::OK, &LoginPage { tr: state.tr, layout: state.layout(), name: String::new(), error: None })
}

pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read(&req, payload, &state).await?;
    let name = form.get("name").to_string();
    let previous =
        req.cookie(session::cookie_name(state.settings.is_https(), state.base_path())).map(|c| c.value().to_string());
    match session::login(&state, &req, &name, form.get("password"), previous.as_deref()).await {
        Ok((_, token)) => {
            let mut resp = see_other(&state, "/moderation");
            resp.add_cookie(&session::cookie(&token, state.settings.is_https(), state.base_path()))
                .map_err(|e| AppError::internal(e.to_string()))?;
            Ok(resp)
        }
        Err(e @ (AppError::LoginFailed | AppError::RateLimited { .. })) => {
            let status = actix_web::ResponseError::status_code(&e);
            let page = LoginPage { tr: state.tr, layout: state.layout(), name, error: Some(e.message_in(state.tr)) };
            let mut resp = render(status, &page)?;
            if let AppError::RateLimited { retry_after } = e {
                resp.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
            }
            Ok(resp)
        }
        Err(e) => Err(e),
    }
}

pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    Form::read_signed_in(&req, payload, &state, &s).await?;
    session::logout(&state, &s).await?;
    let mut resp = see_other(&state, "/moderation/login");
    resp.add_cookie(&session::removal(state.settings.is_https(), state.base_path()))
        .map_err(|e| AppError::internal(e.to_string()))?;
    Ok(resp)
}

// ---------------------------------------------------------------------------------------------
// The queue

async fn queue_page(
    state: &AppState,
    s: &ModeratorSession,
    query: &QueueQuery,
    error: Option<String>,
) -> Result<QueuePage, AppError> {
    let queue = query.queue();
    let filter = Filter {
        queue,
        search: query.q.clone(),
        article: query.article.clone(),
        limit: state.settings.moderation_console.page_size,
    };
    let (counts, items, articles) =
        (state.store.queue_counts().await?, state.store.queue(filter).await?, state.store.articles().await?);
    let now = OffsetDateTime::now_utc();
    let article = query.article.clone().unwrap_or_default();
    let filtered = query.q.as_deref().is_some_and(|q| !q.trim().is_empty()) || !article.is_empty();
    let shown = items.len();
    Ok(QueuePage {
        tr: state.tr,
        layout: state.layout(),
        js_url: state.path(&assets::url("js/moderation.js")),
        live: state.live.enabled(),
        nav: Nav::new(s, "queue"),
        tabs: Queue::ALL
            .iter()
            .map(|&q| Tab {
                queue: q.as_str(),
                label: state.tr.key("queue-", q.as_str()),
                count: counts.get(q),
                current: q == queue,
                href: state.path(&query.href(q, None, None)),
            })
            .collect(),
        queue: queue.as_str(),
        queue_label: state.tr.key("queue-", queue.as_str()),
        total: if filtered { i64::try_from(shown).unwrap_or(0) } else { counts.get(queue) },
        shown: i64::try_from(shown).unwrap_or(0),
        search: query.q.clone().unwrap_or_default(),
        articles: articles
            .into_iter()
            .map(|(a, _)| ArticleOption { selected: a.slug == article, slug: a.slug, title: a.title })
            .collect(),
        article,
        items: items.into_iter().map(|i| ItemView::new(i, now, &state.pipeline, state.tr)).collect(),
        reject_reasons: RejectReason::ALL.iter().map(|r| (r.as_str(), state.tr.key("reject-", r.as_str()))).collect(),
        notice: notice_text(state.tr, query.notice.as_deref(), query.n),
        error,
    })
}

pub async fn queue(
    state: web::Data<AppState>,
    s: ModeratorSession,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    if let Some(q) = query.queue.as_deref()
        && Queue::parse(q).is_none()
    {
        return Err(AppError::BadRequest(
            "There is no such queue: choose pending, reported, approved, rejected or spam.".into(),
        ));
    }
    let page = queue_page(&state, &s, &query, None).await?;
    render(StatusCode::OK, &page)
}

/// The queue again, with the reason a decision was refused (409).
async fn conflict_page(
    state: &AppState,
    s: &ModeratorSession,
    query: &QueueQuery,
    message: String,
) -> Result<HttpResponse, AppError> {
    let message = crate::i18n::known_message(state.tr, &message).unwrap_or(message);
    let page = queue_page(state, s, query, Some(message)).await?;
    render(StatusCode::CONFLICT, &page)
}

fn reject_reason(action: Action, raw: &str) -> Result<String, AppError> {
    match action {
        Action::Reject => RejectReason::parse(raw)
            .map(|r| r.as_str().to_string())
            .ok_or_else(|| AppError::BadRequest("Choose a reason: spam, abuse, off-topic or other.".into())),
        Action::Spam => Ok("spam".into()),
        Action::Ban => Ok("author banned".into()),
        Action::Approve => Ok(String::new()),
    }
}

pub async fn decision(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    let back = QueueQuery::from_form(&form);
    let action = Action::parse(form.get("action"))
        .ok_or_else(|| AppError::BadRequest("action must be approve, reject, spam or ban.".into()))?;
    let expected = CommentStatus::parse(form.get("expected_status")).ok_or_else(|| {
        AppError::BadRequest("The form lacks the status the comment had. Please reload the page.".into())
    })?;
    let reason = reject_reason(action, form.get("reason"))?;
    let request = console::Request { id: *path, action, expected: Some(expected) };
    let mut results = console::decide(&state, &s.moderator, vec![request], &reason).await?;
    match results.pop() {
        Some(Ok(_)) => Ok(see_other(&state, &back.href(back.queue(), Some(action.as_str()), None))),
        Some(Err(AppError::Conflict(m))) => conflict_page(&state, &s, &back, m).await,
        Some(Err(e)) => Err(e),
        None => Err(AppError::internal("no decision result")),
    }
}

/// Features a published comment as an editors' pick, or unfeatures it (`featured` = 1 or 0),
/// from the console or from the comment on its article page. Back to the article when the form
/// came from there (`return_article_page`), else to the queue it came from.
pub async fn feature(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    path: web::Path<i64>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    let on = match form.get("featured") {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("featured must be 1 or 0.".into())),
    };
    let id = *path;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let back = QueueQuery::from_form(&form);
    match state.store.set_featured(id, on, &s.moderator.name, now).await {
        Ok(_) => {}
        Err(AppError::Conflict(m)) if !form.has("return_article_page") => {
            return conflict_page(&state, &s, &back, m).await;
        }
        Err(e) => return Err(e),
    }
    if form.has("return_article_page") {
        let comment = state.store.comment_by_id(id).await?.ok_or(AppError::NotFound("comment"))?;
        let article = state.store.article_by_id(comment.article_id).await?.ok_or(AppError::NotFound("article"))?;
        return Ok(see_other(&state, &format!("/articles/{}#comment-{id}", article.slug)));
    }
    Ok(see_other(&state, &back.href(back.queue(), Some(if on { "feature" } else { "unfeature" }), None)))
}

pub async fn bulk(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    let back = QueueQuery::from_form(&form);
    let action = Action::parse(form.get("action"))
        .filter(|a| *a != Action::Ban)
        .ok_or_else(|| AppError::BadRequest("action must be approve, reject or spam.".into()))?;
    let reason = reject_reason(action, form.get("reason"))?;
    let mut requests = Vec::new();
    for v in form.all("ids") {
        let (id, status) = v.split_once(':').unwrap_or((v, ""));
        let id = id
            .parse::<i64>()
            .map_err(|_| AppError::BadRequest("A selected comment is not valid. Please reload the page.".into()))?;
        let expected = CommentStatus::parse(status).ok_or_else(|| {
            AppError::BadRequest("A selected comment lacks its status. Please reload the page.".into())
        })?;
        requests.push(console::Request { id, action, expected: Some(expected) });
    }
    if requests.is_empty() {
        return conflict_page(&state, &s, &back, "Select at least one comment first.".into()).await.map(|mut r| {
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        });
    }
    let results = console::decide(&state, &s.moderator, requests, &reason).await?;
    let done = results.iter().filter(|r| r.is_ok()).count();
    let refused: Vec<String> = results
        .into_iter()
        .filter_map(|r| match r {
            Err(AppError::Conflict(m)) => Some(crate::i18n::known_message(state.tr, &m).unwrap_or(m)),
            Err(e) => Some(e.message_in(state.tr)),
            Ok(_) => None,
        })
        .collect();
    if refused.is_empty() {
        Ok(see_other(&state, &back.href(back.queue(), Some("bulk"), Some(done))))
    } else {
        let head = state.tr.a2("mod-bulk-refused", "done", done, "refused", refused.len());
        let msg = format!("{head} {}", refused.join(" "));
        conflict_page(&state, &s, &back, msg).await
    }
}

pub async fn undo(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    let back = QueueQuery::from_form(&form);
    match console::undo(&state, &s.moderator).await {
        Ok(done) => Ok(see_other(&state, &back.href(back.queue(), Some("undo"), Some(done.restored.len())))),
        Err(AppError::Conflict(m)) => conflict_page(&state, &s, &back, m).await,
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// The audit log

#[derive(Debug, Deserialize)]
pub struct LogQuery {
    pub before: Option<i64>,
}

const LOG_PAGE: usize = 100;

pub async fn log(
    state: web::Data<AppState>,
    s: ModeratorSession,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, AppError> {
    let before = query.before;
    let entries = state.store.audit_page(before, LOG_PAGE + 1).await?;
    let more = entries.len() > LOG_PAGE;
    let rows: Vec<LogRow> = entries
        .into_iter()
        .take(LOG_PAGE)
        .map(|e| LogRow {
            id: e.id,
            at_iso: iso(ts(e.at)),
            at_human: state.tr.a2("log-at", "date", state.tr.date(ts(e.at)), "time", clock(ts(e.at))),
            moderator: e.moderator,
            action: e.action,
            comment_id: e.comment_id,
            status_before: e.status_before.unwrap_or_default(),
            status_after: e.status_after.unwrap_or_default(),
            reason: e.reason,
        })
        .collect();
    let older_url =
        if more { rows.last().map(|r| state.path(&format!("/moderation/log?before={}", r.id))) } else { None };
    render(
        StatusCode::OK,
        &LogPage { tr: state.tr, layout: state.layout(), nav: Nav::new(&s, "log"), entries: rows, older_url },
    )
}

fn clock(t: OffsetDateTime) -> String {
    t.format(time::macros::format_description!("[hour]:[minute]:[second] UTC")).unwrap_or_default()
}

pub async fn log_csv(state: web::Data<AppState>, _s: ModeratorSession) -> Result<HttpResponse, AppError> {
    let entries = state.store.audit_all().await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::internal(e.to_string());
    w.write_record([
        "id",
        "at",
        "moderator",
        "action",
        "comment_id",
        "status_before",
        "status_after",
        "reason",
        "batch",
        "undo_of",
    ])
    .map_err(fail)?;
    for e in entries {
        w.write_record([
            e.id.to_string(),
            iso(ts(e.at)),
            e.moderator,
            e.action,
            e.comment_id.map(|c| c.to_string()).unwrap_or_default(),
            e.status_before.unwrap_or_default(),
            e.status_after.unwrap_or_default(),
            e.reason,
            e.batch,
            e.undo_of.map(|c| c.to_string()).unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\""))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}

pub async fn log_json(state: web::Data<AppState>, _s: ModeratorSession) -> Result<HttpResponse, AppError> {
    let entries = state.store.audit_all().await?;
    let out: Vec<serde_json::Value> = entries
        .into_iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id, "at": iso(ts(e.at)), "moderator": e.moderator, "action": e.action,
                "comment_id": e.comment_id, "status_before": e.status_before, "status_after": e.status_after,
                "reason": e.reason, "batch": e.batch, "undo_of": e.undo_of,
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"audit-log.json\""))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({ "entries": out })))
}

// ---------------------------------------------------------------------------------------------
// Admin settings

pub(super) fn require_admin(s: &ModeratorSession) -> Result<(), AppError> {
    if s.moderator.is_admin() { Ok(()) } else { Err(AppError::Forbidden("Only admins can change settings.".into())) }
}

/// A console page's query: only the notice of what was just done (`?notice=saved`).
#[derive(Debug, Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

pub async fn settings(
    state: web::Data<AppState>,
    s: ModeratorSession,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    require_admin(&s)?;
    let (articles, words) = (state.store.articles().await?, state.store.words().await?);
    let domains = state.store.trusted_domains().await?;
    let current = state.pipeline.settings();
    let num = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
    let page = SettingsPage {
        tr: state.tr,
        layout: state.layout(),
        nav: Nav::new(&s, "settings"),
        notice: notice_text(state.tr, query.notice.as_deref(), None),
        articles: articles
            .into_iter()
            .map(|(a, _)| ArticleSettings {
                slug: a.slug,
                title: a.title,
                comments_open: a.comments_open,
                premoderation: a.premoderation,
            })
            .collect(),
        words: words.into_iter().map(|(w, k)| (w, k.as_str())).collect(),
        domains: domains.into_iter().map(|d| d.as_str().to_string()).collect(),
        configured_domains: state.settings.moderation.trusted_domains.clone(),
        thresholds: Threshold::ALL
            .iter()
            .map(|t| ThresholdView {
                key: t.key,
                label: t.label,
                hint: t.hint,
                value: num(t.current(&current)),
                min: num(t.min),
                max: num(t.max),
                step: num(t.step),
            })
            .collect(),
    };
    render(StatusCode::OK, &page)
}

pub(super) async fn audit_setting(
    state: &AppState,
    who: &str,
    action: &'static str,
    reason: String,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    state.store.audit(now, who, action, &reason).await
}

pub async fn article_settings(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    require_admin(&s)?;
    let (open, premod) = (form.has("comments_open"), form.has("premoderation"));
    let slug = path.into_inner();
    if !state.store.set_article_flags(&slug, open, premod).await? {
        return Err(AppError::NotFound("article"));
    }
    let what = format!(
        "{slug}: comments {}, pre-moderation {}",
        if open { "open" } else { "closed" },
        if premod { "on" } else { "off" }
    );
    audit_setting(&state, &s.moderator.name, "article", what).await?;
    Ok(see_other(&state, "/moderation/settings?notice=saved"))
}

pub async fn words(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    require_admin(&s)?;
    let word = form.get("word").trim().to_string();
    if word.is_empty() || word.chars().count() > 200 {
        return Err(AppError::BadRequest("A word must be 1 to 200 characters.".into()));
    }
    let kind = WordKind::parse(form.get("kind"))
        .ok_or_else(|| AppError::BadRequest("kind must be banned or suspect.".into()))?;
    let op = form.get("op").to_string();
    let now = OffsetDateTime::now_utc();
    match op.as_str() {
        "add" => state.store.add_word(&word, kind, now).await?,
        "remove" => {
            state.store.remove_word(&word, kind).await?;
        }
        _ => return Err(AppError::BadRequest("op must be add or remove.".into())),
    }
    crate::intake::reload_words(&state).await?;
    audit_setting(&state, &s.moderator.name, "words", format!("{op} {} word {word}", kind.as_str())).await?;
    Ok(see_other(&state, "/moderation/settings?notice=saved"))
}

/// Adds or removes a trusted domain (links to it never hold a comment).
pub async fn domains(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    require_admin(&s)?;
    let domain = DomainName::parse(form.get("domain")).map_err(AppError::BadRequest)?;
    let op = form.get("op").to_string();
    match op.as_str() {
        "add" => state.store.add_trusted_domain(&domain, OffsetDateTime::now_utc()).await?,
        "remove" => {
            state.store.remove_trusted_domain(&domain).await?;
        }
        _ => return Err(AppError::BadRequest("op must be add or remove.".into())),
    }
    crate::intake::reload_words(&state).await?;
    audit_setting(&state, &s.moderator.name, "words", format!("{op} trusted domain {domain}")).await?;
    Ok(see_other(&state, "/moderation/settings?notice=saved"))
}

/// A threshold's field: none when left empty; a clear error when not a number in its range.
pub(super) fn threshold_field(form: &Form, t: &Threshold) -> Result<Option<f64>, AppError> {
    let raw = form.get(t.key).trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let v: f64 = raw.parse().map_err(|_| AppError::BadRequest(format!("{} must be a number.", t.label)))?;
    if !(t.min..=t.max).contains(&v) {
        return Err(AppError::BadRequest(format!("{} must be between {} and {}.", t.label, t.min, t.max)));
    }
    Ok(Some(v))
}

pub async fn thresholds(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    require_admin(&s)?;
    let mut values = Vec::new();
    for t in Threshold::ALL {
        if let Some(v) = threshold_field(&form, &t)? {
            values.push((t.key.to_string(), v));
        }
    }
    let now = OffsetDateTime::now_utc();
    let all = state.store.set_thresholds(values.clone(), now).await?;
    state.pipeline.set_thresholds(&all);
    let what = values.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
    audit_setting(&state, &s.moderator.name, "thresholds", what).await?;
    Ok(see_other(&state, "/moderation/settings?notice=saved"))
}
