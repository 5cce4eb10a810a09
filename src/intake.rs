//! Comment intake, shared by the HTML form and the JSON API: limits, validation, the checks that
//! decide the status, and storage. A comment is acknowledged only after its transaction commits.
use std::net::IpAddr;

use time::OffsetDateTime;

use crate::domain::article::Article;
use crate::domain::comment::{AuthorName, CommentBody, CommentStatus, FieldError, NewComment, Reason};
use crate::domain::email::EmailAddress;
use crate::error::AppError;
use crate::http::author::AuthorId;
use crate::http::client_ip::limit_key;
use crate::markdown;
use crate::moderation::Analysis;
use crate::startup::AppState;
use crate::store::{BodyUpdate, ContextQuery, Inserted, ModerationContext};

/// What a reader sent, before validation.
#[derive(Debug, Default, Clone)]
pub struct Submission {
    pub body: String,
    pub author: String,
    pub parent_id: Option<i64>,
    /// Set when the form's bot traps caught it: stored as spam, answered like a held comment.
    pub bot_reason: Option<Reason>,
    /// "Tell me when someone replies": the address to confirm (see `mail::replies`).
    pub notify_email: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Published(i64),
    /// Held, or refused as spam: readers are told the same, so a spammer never learns which.
    Held(i64),
}

impl Outcome {
    pub fn id(self) -> i64 {
        match self {
            Outcome::Published(id) | Outcome::Held(id) => id,
        }
    }
}

/// Both limits for a new comment: per client, then per article (this node's, then, with several
/// nodes, all nodes' together).
pub async fn check_limits(state: &AppState, article: &Article, ip: Option<IpAddr>) -> Result<(), AppError> {
    if let Some(ip) = ip
        && let Err(retry_after) = state.limiters.comments_per_client.check(&limit_key(ip))
    {
        state.metrics.rate_limited.with_label_values(&["comment_client"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    if let Err(retry_after) = state.limiters.comments_per_article.check(&article.id) {
        state.metrics.rate_limited.with_label_values(&["comment_article"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    let per_minute = state.settings.limits.article_comments_per_minute;
    if let Err(retry_after) = state.store.article_slot(article.id, per_minute).await? {
        state.metrics.rate_limited.with_label_values(&["comment_article"]).inc();
        return Err(AppError::RateLimited { retry_after });
    }
    Ok(())
}

pub fn ensure_open(article: &Article) -> Result<(), AppError> {
    if article.comments_open { Ok(()) } else { Err(AppError::Forbidden("Comments are closed on this story.".into())) }
}

/// Validates every field, reporting all problems at once.
pub fn validate(sub: &Submission) -> Result<(CommentBody, AuthorName), AppError> {
    let body = CommentBody::parse(&sub.body);
    let author = AuthorName::parse(&sub.author);
    match (body, author) {
        (Ok(b), Ok(a)) => Ok((b, a)),
        (b, a) => {
            let errors: Vec<FieldError> = [b.err(), a.err()].into_iter().flatten().collect();
            Err(AppError::Validation(errors))
        }
    }
}

/// What the checks decided about a text, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub status: CommentStatus,
    pub reasons: Vec<Reason>,
    pub score: Option<f64>,
    pub fingerprint: i64,
}

/// Decides the status a new or edited comment is stored with: bot traps first, then the
/// pipeline's checks on the text (run before, off the writer) with what the database knows about
/// the author.
fn decide(analysis: Analysis, bot_reason: Option<Reason>, premoderated: bool, ctx: &ModerationContext) -> Decision {
    let fingerprint = crate::store::sqlite::moderation::stored_fingerprint(analysis.fingerprint);
    if let Some(r) = bot_reason {
        return Decision { status: CommentStatus::Spam, reasons: vec![r], score: None, fingerprint };
    }
    let verdict = analysis.decide(premoderated, &ctx.history, &ctx.recent);
    Decision { status: verdict.status(), reasons: verdict.reasons(), score: verdict.score, fingerprint }
}

/// Others' comments since this many seconds ago count as repeats.
fn repeat_since(window_secs: u64) -> i64 {
    OffsetDateTime::now_utc().unix_timestamp() - i64::try_from(window_secs).unwrap_or(i64::MAX / 2)
}

/// Trains the learned score on a moderator's decision (`hold`: rejected or spam; otherwise
/// approved) and stores what changed.
pub async fn learn(state: &AppState, body: &str, hold: bool) -> Result<(), AppError> {
    let delta = state.pipeline.learn(body, hold);
    state.store.save_classifier_delta(delta).await
}

/// Reloads the lists admins edit in the console (words, trusted domains) after a change.
pub async fn reload_words(state: &AppState) -> Result<(), AppError> {
    let words = state.store.words().await?;
    let domains = state.store.trusted_domains().await?;
    state.pipeline.set_runtime_words(&words);
    state.pipeline.set_runtime_domains(&domains.iter().map(|d| d.as_str().to_string()).collect::<Vec<_>>());
    Ok(())
}

/// The reason code of a threat of violence: moderators may ask to be mailed at once.
const THREAT_CODE: &str = "abuse.threat";

/// The address for reply notifications, when one was given: it must be one, and mail must be on.
fn notify_address(state: &AppState, raw: Option<&str>) -> Result<Option<EmailAddress>, FieldError> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else { return Ok(None) };
    if state.notifier.is_none() {
        return Err(FieldError::new(
            "notify_email",
            "This site does not send reply notifications; leave the address empty.",
        )
        .id("error-notify-off", &[]));
    }
    EmailAddress::parse(raw).map(Some).map_err(|e| {
        let error = FieldError::new("notify_email", e.to_string());
        match e.id() {
            (id, Some(address)) => error.id(id, &[]).text_arg("address", address),
            (id, None) => error.id(id, &[]),
        }
    })
}

/// Validates, decides and stores. The caller has checked limits and that comments are open.
///
/// The single writer is the one thing every comment waits for, so it does only what needs the
/// database as it is at that moment: the checks on the text and the Markdown run before, on the
/// request's own thread; the writer job reads the author's history (a few indexed lookups on its
/// warm connection) and the others' recent comments (from memory), decides, and inserts. So the
/// history a decision sees is never one commit behind.
pub async fn submit(
    state: &AppState,
    article: &Article,
    sub: Submission,
    author: &AuthorId,
    ip: Option<IpAddr>,
) -> Result<Outcome, AppError> {
    let notify = notify_address(state, sub.notify_email.as_deref());
    let (body, name, notify) = match (validate(&sub), notify) {
        (Ok((body, name)), Ok(notify)) => (body, name, notify),
        (Err(AppError::Validation(mut errors)), Err(e)) => {
            errors.push(e);
            return Err(AppError::Validation(errors));
        }
        (Err(e), _) => return Err(e),
        (Ok(_), Err(e)) => return Err(AppError::Validation(vec![e])),
    };
    let announced = state.store.announce();
    let author_key = author.key(&state.keys);
    let ip_hash = ip.map(|ip| state.keys.hash("ip", ip.to_string().as_bytes()));
    let analysis = state.pipeline.analyze(body.as_str(), name.as_str());
    let body_html = markdown::render_comment(body.as_str());
    let query = ContextQuery {
        author_key: Some(author_key.clone()),
        ip_hash: ip_hash.clone(),
        exclude: None,
        since: repeat_since(state.settings.moderation.duplicate_window_secs),
        fingerprint: analysis.fingerprint,
    };
    let article_id = article.id;
    let premoderated = article.premoderation;
    let (parent_id, bot_reason) = (sub.parent_id, sub.bot_reason);
    let Inserted { id, status, reason_codes: codes } = state
        .store
        .insert_comment(
            announced,
            query,
            Box::new(move |ctx| {
                let Decision { status, reasons, score, fingerprint } = decide(analysis, bot_reason, premoderated, ctx);
                NewComment {
                    article_id,
                    parent_id,
                    author: name,
                    body,
                    body_html,
                    status,
                    author_key: Some(author_key),
                    ip_hash,
                    reasons,
                    score,
                    fingerprint: Some(fingerprint),
                }
            }),
        )
        .await?;
    state.metrics.comments.with_label_values(&[status.as_str()]).inc();
    state.metrics.observe_reasons(status.as_str(), codes.iter().map(String::as_str));
    if let Some(n) = &state.notifier {
        if status == CommentStatus::Pending && codes.iter().any(|c| c == THREAT_CODE) {
            n.threat_held(id);
        }
        // Spam never mails anyone (an address a bot gives would be mailed on its behalf).
        if let Some(email) = notify
            && status != CommentStatus::Spam
        {
            n.subscribe(state.keys.clone(), id, email);
        }
        if status == CommentStatus::Published && parent_id.is_some() {
            n.reply_published(state.keys.clone(), id);
        }
    }
    Ok(match status {
        CommentStatus::Published => Outcome::Published(id),
        _ => Outcome::Held(id),
    })
}

/// The comment, if the request's author wrote it and the edit window is still open.
pub async fn own_editable(
    state: &AppState,
    id: i64,
    author: Option<&AuthorId>,
) -> Result<(crate::domain::comment::Comment, Article, i64), AppError> {
    let comment = state
        .store
        .comment_by_id(id)
        .await?
        .filter(|c| c.status != CommentStatus::Deleted && c.status != CommentStatus::Rejected)
        .ok_or(AppError::NotFound("comment"))?;
    let key = author.map(|a| a.key(&state.keys));
    if key.is_none() || comment.author_key != key {
        return Err(AppError::Forbidden("Only the author of a comment can change it.".into()));
    }
    let window = i64::try_from(state.settings.comments.edit_window_secs).unwrap_or(i64::MAX);
    let age = (OffsetDateTime::now_utc() - comment.created_at).whole_seconds();
    if age > window {
        return Err(AppError::Forbidden(format!(
            "Comments can be changed for {} minutes after posting; that time has passed.",
            window / 60
        )));
    }
    let aid = comment.article_id;
    let article = state.store.article_by_id(aid).await?.ok_or(AppError::NotFound("article"))?;
    Ok((comment, article, window - age))
}

/// Replaces the text of the author's comment; it is checked again and marked edited.
/// A comment that was held stays held: editing never releases it.
pub async fn edit(
    state: &AppState,
    article: &Article,
    comment: &crate::domain::comment::Comment,
    raw_body: &str,
) -> Result<Outcome, AppError> {
    let id = comment.id;
    let body = CommentBody::parse(raw_body).map_err(|e| AppError::Validation(vec![e]))?;
    let analysis = state.pipeline.analyze(body.as_str(), &comment.author);
    let query = ContextQuery {
        author_key: comment.author_key.clone(),
        ip_hash: None,
        exclude: Some(id),
        since: repeat_since(state.settings.moderation.duplicate_window_secs),
        fingerprint: analysis.fingerprint,
    };
    let ctx = state.store.moderation_context(query).await?;
    let Decision { mut status, reasons, score, fingerprint } = decide(analysis, None, article.premoderation, &ctx);
    if comment.status != CommentStatus::Published {
        status = comment.status;
    }
    let body_html = markdown::render_comment(body.as_str());
    let update = BodyUpdate {
        id,
        body_md: body.as_str().to_string(),
        body_html,
        status,
        score,
        fingerprint: Some(fingerprint),
        reasons,
        now: OffsetDateTime::now_utc(),
    };
    state.store.update_comment_body(update).await?;
    Ok(match status {
        CommentStatus::Published => Outcome::Published(id),
        _ => Outcome::Held(id),
    })
}

pub async fn delete(state: &AppState, id: i64) -> Result<(), AppError> {
    state.store.set_comment_status(id, CommentStatus::Deleted).await
}
