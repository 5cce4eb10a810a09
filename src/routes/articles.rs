//! The front page and the article page with its share prompts and comment section.
use std::collections::{HashMap, HashSet};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::config::SortOrder;
use crate::domain::article::Article;
use crate::domain::comment::{Comment, CommentStatus};
use crate::domain::share::share_links;
use crate::error::AppError;
use crate::http::author::{AuthorId, form_token};
use crate::i18n::Tr;
use crate::markdown;
use crate::ranking::Key;
use crate::startup::AppState;
use crate::store::Outline;
use crate::templates::{
    ArticleListItem, ArticlePage, CommentForm, CommentSection, CommentView, HeadMeta, IndexPage, JsonLd, PickView,
    View, iso,
};

pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-cache"))
        .body(body)
}

fn render<T: Template>(t: &T) -> Result<String, AppError> {
    t.render().map_err(|e| AppError::internal(format!("template: {e}")))
}

pub async fn index(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let tr = state.tr;
    let rows = state.store.articles().await?;
    let articles = rows
        .into_iter()
        .map(|(a, n)| ArticleListItem {
            published_iso: iso(a.published_at),
            published_human: tr.date(a.published_at),
            slug: a.slug,
            title: a.title,
            description: a.description,
            comment_count: n,
        })
        .collect();
    let page = IndexPage { tr, layout: state.layout(), articles };
    Ok(html(StatusCode::OK, render(&page)?))
}

pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound("page"))
}

pub async fn find_article(state: &AppState, slug: &str) -> Result<Article, AppError> {
    let stamp = crate::cache::stamp(state.store.as_ref());
    if let Some(article) = state.cache.article(slug, stamp) {
        return Ok(article);
    }
    let article = state.store.article_by_slug(slug).await?.ok_or(AppError::NotFound("article"))?;
    state.cache.keep_article(slug, stamp, &article);
    Ok(article)
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub sort: Option<String>,
    /// For `sort=best`: the moment (Unix ms) whose order the reader is paging through.
    pub at: Option<i64>,
    pub show: Option<usize>,
    pub reply_to: Option<i64>,
    pub notice: Option<String>,
    /// The embed's look (see `routes::embed`); ignored elsewhere.
    pub theme: Option<String>,
    pub accent: Option<String>,
}

/// Fixed messages chosen by a query parameter; nothing from the URL is echoed.
pub fn notice_text(tr: Tr, key: Option<&str>) -> Option<String> {
    let id = match key? {
        "held" => "notice-held",
        "edited" => "notice-edited",
        "deleted" => "notice-deleted",
        "reported" => "notice-reported",
        "already_reported" => "notice-already-reported",
        _ => return None,
    };
    Some(tr.t(id))
}

/// The language of an article's page: its own (front matter `language`), else the site's.
pub fn tr_for(state: &AppState, article: &Article) -> Tr {
    article.language.as_deref().and_then(|l| Tr::new(l).ok()).unwrap_or(state.tr)
}

/// The order a page shows its threads in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOrder {
    Oldest,
    Newest,
    /// By [`crate::ranking`] as things stood at `as_of_ms`.
    Best {
        as_of_ms: i64,
    },
}

impl PageOrder {
    fn as_str(self) -> &'static str {
        match self {
            PageOrder::Oldest => "oldest",
            PageOrder::Newest => "newest",
            PageOrder::Best { .. } => "best",
        }
    }
}

pub fn now_ms() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

impl PageQuery {
    /// The order asked for (an unknown one is the configured default). "Best" is fixed at the
    /// moment in `at`, or now: the "Show more" link carries it on.
    fn order(&self, state: &AppState) -> PageOrder {
        let sort = self.sort.as_deref().and_then(SortOrder::parse).unwrap_or(state.settings.comments.default_sort);
        match sort {
            SortOrder::Oldest => PageOrder::Oldest,
            SortOrder::Newest => PageOrder::Newest,
            SortOrder::Best => {
                let now = now_ms();
                // A moment from the future would fix nothing; one from long ago is allowed.
                PageOrder::Best { as_of_ms: self.at.filter(|&t| t > 0 && t <= now).unwrap_or(now) }
            }
        }
    }

    /// Threads shown.
    fn show(&self, state: &AppState) -> usize {
        self.show.unwrap_or(state.settings.comments.page_size).clamp(1, 10_000)
    }

    /// No parameter that changes the page: what readers arriving from a link see.
    fn is_default(&self) -> bool {
        self.sort.is_none()
            && self.at.is_none()
            && self.show.is_none()
            && self.reply_to.is_none()
            && self.notice.is_none()
    }
}

pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let article = find_article(&state, &path).await;
    // A thread the embed created lives on the publisher's page; there is no body to show here.
    if let Ok(Article { url: Some(url), .. }) = &article {
        return Ok(HttpResponse::Found().insert_header((actix_web::http::header::LOCATION, url.as_str())).finish());
    }
    let viewer = AuthorId::from_request(&req, &state.keys);
    // A signed-in moderator gets buttons to feature comments: a page of their own. A missing
    // article's 404 page is cached too.
    let moderator = crate::auth::session::load(&state, &req).await?;
    if viewer.is_none() && moderator.is_none() && query.is_default() {
        return cached_page(state, &req, path.into_inner()).await;
    }
    let article = article?;
    let notice = notice_text(tr_for(&state, &article), query.notice.as_deref());
    let form = CommentForm { parent_id: query.reply_to, ..Default::default() };
    let csrf = moderator.map(|m| m.csrf);
    let body = render_page(&state, &article, viewer.as_ref(), csrf, &query, form, notice, View::Article).await?;
    Ok(html(StatusCode::OK, body))
}

/// The page for a reader without an author cookie and with default parameters, from the cache.
/// It is the same for every such reader except for the form token, which carries the time the
/// form was served in whole seconds (as it always did), so an entry serves for the second it was
/// built in. In the next second it is still served while one request rebuilds it in the
/// background (its token then reads up to about a second older than the page is, which eases
/// the timing trap by as much); later, readers wait for a rebuild. Relative times ("5 minutes
/// ago") are therefore at most about two seconds old, and need no script.
async fn cached_page(state: web::Data<AppState>, req: &HttpRequest, slug: String) -> Result<HttpResponse, AppError> {
    const VARY: &str = "Accept-Encoding, Cookie";
    let key = format!("page:{slug}");
    let stamp = crate::cache::stamp(state.store.as_ref());
    let now = OffsetDateTime::now_utc().unix_timestamp();
    if let Some(slot) = state.cache.slot(&key)
        && let Some(r) = slot.current()
        && r.second >= now - 1
    {
        let exact = r.current_at(stamp);
        if exact && r.second >= now {
            state.metrics.page_cache.with_label_values(&["hit"]).inc();
            return Ok(r.respond(req, HTML, VARY));
        }
        // Served while one request rebuilds it: the previous second's page, or a page that
        // lacks only comments posted in the last moments (bounded by NEW_COMMENTS_LAG).
        let age = r.built.elapsed();
        // While a rebuild is under way (slow when the database is busy with a flood of writes,
        // as PostgreSQL under several nodes can be), the page keeps being served a little longer
        // rather than every reader waiting for the rebuild.
        let lag = if slot.building() { REBUILDING_LAG } else { NEW_COMMENTS_LAG };
        if exact || (r.lacks_only_new_comments(stamp) && age < lag) {
            if if exact { r.second < now } else { age >= REBUILD_INTERVAL } {
                let st = state.clone();
                slot.refresh(move || build_cached_page(st, slug));
            }
            state.metrics.page_cache.with_label_values(&["stale"]).inc();
            return Ok(r.respond(req, HTML, VARY));
        }
    }
    state.metrics.page_cache.with_label_values(&["wait"]).inc();
    let st = state.clone();
    let r = state
        .cache
        .fetch(&key, |r| r.current_at(stamp) && r.second >= now, move || build_cached_page(st, slug))
        .await?;
    Ok(r.respond(req, HTML, VARY))
}

const HTML: &str = "text/html; charset=utf-8";

/// While comments pour in, the anonymous page is rebuilt at most this often (every rebuild
/// renders and compresses a page of up to 250 comments: at 40 a second, as with 25 ms, that took
/// an eighth of a core from the readers in `bench/run --only d`)...
const REBUILD_INTERVAL: std::time::Duration = std::time::Duration::from_millis(100);
/// ...and a page that lacks new comments is served for at most this long after it was built.
/// Authors see their own comment at once: their cookie takes them past the cache.
const NEW_COMMENTS_LAG: std::time::Duration = std::time::Duration::from_millis(250);
/// ...or, while its rebuild is running, for at most this long.
const REBUILDING_LAG: std::time::Duration = std::time::Duration::from_millis(1_000);

/// Reads, renders and compresses the anonymous page.
async fn build_cached_page(state: web::Data<AppState>, slug: String) -> Result<crate::cache::Rendered, AppError> {
    let stamp = crate::cache::stamp(state.store.as_ref());
    let article = state.store.article_by_slug(&slug).await?.ok_or(AppError::NotFound("article"))?;
    // Only the threads the default page shows (one root more, to tell whether there are more):
    // the page is rebuilt often while comments pour in, and the whole article's comments grow
    // with them.
    let query = PageQuery::default();
    let order = query.order(&state);
    let live_after = live_position(&state, article.id).await?;
    let (comments, selection) = read_page_comments(&state, article.id, None, order, query.show(&state), None).await?;
    let count = state.store.published_count(article.id).await?;
    let picks = state.store.featured(article.id).await?;
    // Rendering and compressing a page of up to 250 comments is CPU work: off the async workers.
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let now = OffsetDateTime::now_utc();
        let second = now.unix_timestamp();
        let form = CommentForm { token: form_token(&st.keys, article.id, second * 1000), ..Default::default() };
        let page = PageData {
            comments: &comments,
            selection,
            count,
            viewer_key: None,
            order,
            reacted: HashSet::new(),
            picks,
            moderator_csrf: None,
            live_after,
        };
        let body = build_article_page(&st, &article, page, &query, form, None, now, View::Article)?;
        Ok(crate::cache::Rendered::new(st.cache.epoch, stamp, second, body))
    })
    .await
    .map_err(|e| AppError::internal(format!("page build failed: {e}")))?
}

/// Renders the article page; also used to answer a failed form post with the reader's text kept.
pub async fn render_article_page(
    state: &AppState,
    article: &Article,
    viewer: Option<&AuthorId>,
    query: &PageQuery,
    form: CommentForm,
    notice: Option<String>,
    view: View,
) -> Result<String, AppError> {
    render_page(state, article, viewer, None, query, form, notice, view).await
}

/// [`render_article_page`], with feature buttons for a signed-in moderator (their CSRF token).
#[allow(clippy::too_many_arguments)]
async fn render_page(
    state: &AppState,
    article: &Article,
    viewer: Option<&AuthorId>,
    moderator_csrf: Option<String>,
    query: &PageQuery,
    form: CommentForm,
    notice: Option<String>,
    view: View,
) -> Result<String, AppError> {
    let viewer_key = viewer.map(|v| v.key(&state.keys));
    let aid = article.id;
    let (order, show, reply_to) = (query.order(state), query.show(state), form.parent_id);
    let live_after = live_position(state, aid).await?;
    let (comments, selection) = read_page_comments(state, aid, viewer_key.as_deref(), order, show, reply_to).await?;
    let count = state.store.published_count(aid).await?;
    let picks = state.store.featured(aid).await?;
    let reacted = match viewer_key.as_deref() {
        Some(key) => state.store.reacted_by(aid, key).await?.into_iter().collect(),
        None => HashSet::new(),
    };
    let now = OffsetDateTime::now_utc();
    let page = PageData {
        comments: &comments,
        selection,
        count,
        viewer_key,
        order,
        reacted,
        picks,
        moderator_csrf,
        live_after,
    };
    build_article_page(state, article, page, query, form, notice, now, view)
}

/// Which comments a page shows, in order, with their depth (see [`thread`]).
#[derive(Debug)]
struct Selection {
    shown: Vec<(usize, i64)>,
    /// The first comment left out, for "Show more comments".
    more: Option<i64>,
    /// The comment a reply form opens under: the one asked for, if the reader can see it.
    reply_to: Option<i64>,
}

/// What a page is built from.
struct PageData<'a> {
    comments: &'a [Comment],
    selection: Selection,
    count: i64,
    viewer_key: Option<String>,
    order: PageOrder,
    /// The comments the viewer's reaction stands on.
    reacted: HashSet<i64>,
    picks: Vec<Comment>,
    moderator_csrf: Option<String>,
    /// The article's newest live event number, read before the comments: the page's live stream
    /// starts after it (see `crate::live`); `None` when live pages are off.
    live_after: Option<i64>,
}

/// See [`PageData::live_after`].
async fn live_position(state: &AppState, article_id: i64) -> Result<Option<i64>, AppError> {
    if !state.live.enabled() {
        return Ok(None);
    }
    Ok(Some(state.live.current(article_id).await?))
}

/// Reads the comments the page for `query` shows: first the threads without their texts, then
/// the texts of the comments shown alone. A page shows a few hundred comments however many
/// replies its threads hold; under a flood they held thousands, all read at every rebuild.
async fn read_page_comments(
    state: &AppState,
    article_id: i64,
    viewer_key: Option<&str>,
    order: PageOrder,
    show: usize,
    reply_to: Option<i64>,
) -> Result<(Vec<Comment>, Selection), AppError> {
    if let PageOrder::Best { as_of_ms } = order {
        return read_best_page_comments(state, article_id, viewer_key, as_of_ms, show, reply_to).await;
    }
    let newest = order == PageOrder::Newest;
    let roots = if newest { RootOrder::Newest } else { RootOrder::Oldest };
    let budget = show.saturating_mul(COMMENTS_PER_THREAD);
    if viewer_key.is_none() && reply_to.is_none() {
        // Nothing to keep beyond the page's own order: what it shows and the first left out.
        let list = state.store.page_prefix(article_id, newest, show + 1, budget + 1).await?;
        let (shown, more) = thread(&list, roots, show, |_| false);
        return Ok((list, Selection { shown, more, reply_to: None }));
    }
    // Every comment when a reply form is to open under one that may be in a thread further down;
    // else the threads shown and one root more, to tell whether there are more.
    let outline = if reply_to.is_some() { Outline::All } else { Outline::Threads { newest, roots: show + 1 } };
    let list = state.store.page_outline(article_id, viewer_key, outline).await?;
    let reply_to = reply_to.filter(|id| list.iter().any(|c| c.id == *id && c.status == CommentStatus::Published));
    // The viewer's own comments and the one being replied to are shown wherever they are.
    let keep = |c: &Comment| reply_to == Some(c.id) || viewer_key.is_some() && c.author_key.as_deref() == viewer_key;
    let (shown, more) = thread(&list, roots, show, keep);
    let at: Vec<usize> = shown.iter().map(|(i, _)| *i).collect();
    let list = state.store.fill_bodies(list, at).await?;
    Ok((list, Selection { shown, more, reply_to }))
}

/// The page's comments in the "best" order as it stood at `as_of_ms` (see [`crate::ranking`]).
/// Every visible comment is outlined (without texts) and ranked by the reactions it had then;
/// the texts are read for the comments shown. Comments posted since score nothing at that
/// moment and so come after the ranked ones: a "Show more" link keeps the threads it showed.
async fn read_best_page_comments(
    state: &AppState,
    article_id: i64,
    viewer_key: Option<&str>,
    as_of_ms: i64,
    show: usize,
    reply_to: Option<i64>,
) -> Result<(Vec<Comment>, Selection), AppError> {
    let list = state.store.page_outline(article_id, viewer_key, Outline::All).await?;
    let standing: HashMap<i64, i64> =
        state.store.standings(article_id, as_of_ms).await?.into_iter().map(|s| (s.id, s.reactions)).collect();
    let keys: HashMap<i64, Key> = list
        .iter()
        .map(|c| {
            let k = standing.get(&c.id).copied().unwrap_or(0);
            (c.id, Key::new(k, c.created_at.unix_timestamp(), c.id, as_of_ms))
        })
        .collect();
    let reply_to = reply_to.filter(|id| list.iter().any(|c| c.id == *id && c.status == CommentStatus::Published));
    let keep = |c: &Comment| reply_to == Some(c.id) || viewer_key.is_some() && c.author_key.as_deref() == viewer_key;
    let (shown, more) = thread(&list, RootOrder::Best(&keys), show, keep);
    let at: Vec<usize> = shown.iter().map(|(i, _)| *i).collect();
    let list = state.store.fill_bodies(list, at).await?;
    Ok((list, Selection { shown, more, reply_to }))
}

/// The page from what was read: threads, the form, head metadata.
#[allow(clippy::too_many_arguments)]
fn build_article_page(
    state: &AppState,
    article: &Article,
    page: PageData<'_>,
    query: &PageQuery,
    form: CommentForm,
    notice: Option<String>,
    now: OffsetDateTime,
    view: View,
) -> Result<String, AppError> {
    let section = build_section(state, article, page, query, form, notice, now, view);
    let mut out = String::with_capacity(64 * 1024 + section.comments.len() * 1536);
    match view {
        View::Article => article_page(state, article, section).render_into(&mut out),
        View::Embed => crate::routes::embed::embed_page(state, article, query, section).render_into(&mut out),
        View::Page => crate::routes::embed::comments_page(state, article, section).render_into(&mut out),
    }
    .map_err(|e| AppError::internal(format!("template: {e}")))?;
    Ok(out)
}

/// The comment section from what was read.
#[allow(clippy::too_many_arguments)]
fn build_section(
    state: &AppState,
    article: &Article,
    page: PageData<'_>,
    query: &PageQuery,
    mut form: CommentForm,
    notice: Option<String>,
    now: OffsetDateTime,
    view: View,
) -> CommentSection {
    let PageData { comments, selection, count, viewer_key, order, reacted, picks, moderator_csrf, live_after } = page;
    let tr = tr_for(state, article);
    let display = |name: &str| if name.is_empty() { tr.t("anonymous") } else { name.to_string() };
    let show = query.show(state);
    let page_size = state.settings.comments.page_size;
    let reply_to = selection.reply_to;
    form.parent_id = reply_to;
    if form.token.is_empty() {
        form.token = form_token(&state.keys, article.id, now.unix_timestamp() * 1000);
    }
    let edit_window = i64::try_from(state.settings.comments.edit_window_secs).unwrap_or(i64::MAX);
    let views: Vec<CommentView> = selection
        .shown
        .iter()
        .filter_map(|&(i, depth)| comments.get(i).map(|c| (c, depth)))
        .map(|(c, depth)| CommentView {
            id: c.id,
            parent_id: c.parent_id,
            depth,
            author: display(&c.author),
            body_html: c.body_html.clone(),
            created_iso: iso(c.created_at),
            created_human: tr.relative(c.created_at, now),
            edited: c.edited_at.is_some(),
            pending: c.status != CommentStatus::Published,
            own: viewer_key.is_some() && c.author_key == viewer_key,
            can_edit: viewer_key.is_some()
                && c.author_key == viewer_key
                && (now - c.created_at).whole_seconds() <= edit_window,
            replying: reply_to == Some(c.id),
            reactions: c.reactions,
            reacted: reacted.contains(&c.id),
            featured: c.featured,
        })
        .collect();
    let picks = picks
        .iter()
        .map(|c| PickView {
            id: c.id,
            author: display(&c.author),
            body_html: c.body_html.clone(),
            created_iso: iso(c.created_at),
            created_human: tr.relative(c.created_at, now),
        })
        .collect();
    let root = state.base_path().to_string();
    let base = view.base(&root, &article.slug);
    let sort_param = match order {
        PageOrder::Best { as_of_ms } => format!("best&at={as_of_ms}"),
        other => other.as_str().to_string(),
    };
    let keep = if view == View::Embed { crate::routes::embed::look_query(query) } else { String::new() };
    let more_url =
        selection.more.map(|id| format!("{base}?sort={sort_param}&show={}{keep}#comment-{id}", show + page_size));
    CommentSection {
        slug: article.slug.clone(),
        form_action: state.path(&format!("/articles/{}/comments", article.slug)),
        view: view.field(),
        base,
        comments_open: article.comments_open,
        comment_count: count,
        comments: views,
        sort: order.as_str(),
        reaction_label: match state.settings.comments.reaction_label.trim() {
            "" => tr.t("reaction-label"),
            label => label.to_string(),
        },
        picks,
        moderator_csrf,
        more_url,
        notice,
        reply_to,
        form,
        feed_url: state.path(&format!("/articles/{}/comments.atom", article.slug)),
        mail_on: state.notifier.is_some(),
        keep_query: keep.strip_prefix('&').map(|k| format!("?{k}")).unwrap_or_default(),
        keep,
        live_events: live_after.map(|n| state.path(&format!("/articles/{}/events?after={n}", article.slug))),
        root,
    }
}

/// The comment section holding only `comments` (published, of `article`), in the order given:
/// the live page inserts their `li` elements into its threads (see `routes::live`).
pub fn live_fragment(
    state: &AppState,
    article: &Article,
    comments: Vec<Comment>,
    viewer: Option<&AuthorId>,
    view: View,
) -> Result<String, AppError> {
    let viewer_key = viewer.map(|v| v.key(&state.keys));
    let shown = comments.iter().enumerate().map(|(i, c)| (i, c.depth.min(crate::domain::comment::MAX_DEPTH))).collect();
    let page = PageData {
        comments: &comments,
        selection: Selection { shown, more: None, reply_to: None },
        count: 0,
        viewer_key,
        order: PageOrder::Oldest,
        reacted: HashSet::new(),
        picks: Vec::new(),
        moderator_csrf: None,
        live_after: None,
    };
    let now = OffsetDateTime::now_utc();
    let section = build_section(state, article, page, &PageQuery::default(), CommentForm::default(), None, now, view);
    render(&crate::templates::LiveFragment { tr: tr_for(state, article), section })
}

/// The article page Commentdesk renders, around its comment section.
fn article_page(state: &AppState, article: &Article, section: CommentSection) -> ArticlePage {
    let count = section.comment_count;
    let canonical = state.url(&format!("/articles/{}", article.slug));
    let published_iso = iso(article.published_at);
    let json_ld = JsonLd::new(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.description,
        "datePublished": published_iso,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "publisher": {"@type": "Organization", "name": state.settings.site.name},
        "author": {"@type": "Organization", "name": article.byline.clone().unwrap_or_else(|| article.source.clone())},
        "commentCount": count,
        "discussionUrl": format!("{canonical}#comments"),
    }));
    let tr = tr_for(state, article);
    ArticlePage {
        tr,
        layout: state.layout(),
        head: HeadMeta {
            title: article.title.clone(),
            description: article.description.clone(),
            canonical: canonical.clone(),
            og_type: "article",
            published_iso: Some(published_iso.clone()),
            json_ld: Some(json_ld),
        },
        slug: article.slug.clone(),
        title: article.title.clone(),
        source: article.source.clone(),
        byline: article.byline.clone(),
        published_human: tr.date(article.published_at),
        published_iso,
        body_html: markdown::render_article(&article.body_md),
        share_links: share_links(&canonical, &article.title, &article.share.text),
        canonical,
        share_text: article.share.text.clone(),
        call_to_action: article.share.call_to_action.clone(),
        like_text: article.share.like_text.clone(),
        facebook_page_url: state.settings.site.facebook_page_url.clone(),
        question: article.share.question.clone(),
        comment_prompt: article.share.comment_prompt.clone(),
        section,
    }
}

/// Comments a page shows per thread it shows, on average: a page of 50 threads holds at most 250
/// comments. Without a bound, a flood of replies to the first threads made the page (and every
/// rebuild and download of it) grow without end; the rest is a "Show more comments" away.
pub const COMMENTS_PER_THREAD: usize = 5;

/// How [`thread`] orders the roots (replies are always oldest first under their parent).
#[derive(Clone, Copy)]
enum RootOrder<'a> {
    /// The order of the list (ids ascending).
    Oldest,
    Newest,
    Best(&'a HashMap<i64, Key>),
}

/// Orders comments into threads: roots by the chosen sort, replies oldest first beneath their
/// parent. A reply whose parent is not visible is shown as a root. Returns the first `show`
/// threads flattened (indexes into `comments`, with their depth), cut after `show` ×
/// [`COMMENTS_PER_THREAD`] comments, and the first comment left out (a reply in a cut thread, or
/// the next root), if any. Comments for which `keep` holds are never left out.
fn thread<K: Fn(&Comment) -> bool>(
    comments: &[Comment],
    order: RootOrder<'_>,
    show: usize,
    keep: K,
) -> (Vec<(usize, i64)>, Option<i64>) {
    let visible: HashMap<i64, usize> = comments.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut children: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        match c.parent_id.filter(|p| visible.contains_key(p)) {
            Some(p) => children.entry(p).or_default().push(i),
            None => roots.push(i),
        }
    }
    match order {
        RootOrder::Oldest => {}
        RootOrder::Newest => roots.reverse(),
        RootOrder::Best(keys) => {
            let key = |i: &usize| keys.get(&comments[*i].id).copied();
            roots.sort_by(|a, b| match (key(a), key(b)) {
                (Some(x), Some(y)) => x.cmp_best(&y),
                (x, y) => y.is_none().cmp(&x.is_none()).then(a.cmp(b)),
            });
        }
    }
    let budget = show.saturating_mul(COMMENTS_PER_THREAD);
    let mut more = None;
    let mut out = Vec::with_capacity(comments.len().min(budget));
    // (index, depth, whether its thread is among the first `show`)
    let mut stack: Vec<(usize, i64, bool)> = roots.iter().enumerate().rev().map(|(n, &i)| (i, 0, n < show)).collect();
    while let Some((i, depth, shown_thread)) = stack.pop() {
        let c = &comments[i];
        if shown_thread && out.len() < budget || keep(c) {
            out.push((i, depth.min(crate::domain::comment::MAX_DEPTH)));
        } else if more.is_none() {
            more = Some(c.id);
        }
        if let Some(kids) = children.get(&c.id) {
            for &k in kids.iter().rev() {
                stack.push((k, depth + 1, shown_thread));
            }
        }
    }
    (out, more)
}
