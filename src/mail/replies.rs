//! Reply notifications for readers: an address given with a comment ("Tell me when someone
//! replies") is confirmed first (a mail with a link to a page that asks to confirm: a link
//! alone could be followed by a mail scanner), then mailed when a reply to that comment is
//! published, never when one is held. Each mail has a one-click unsubscribe. The links carry
//! the subscription's id signed with the server's key, so no token is stored.
use std::sync::Arc;

use askama::Template;
use time::OffsetDateTime;

use super::Mail;
use super::moderators::{EXCERPT_CHARS, Notifier};
use crate::domain::article::Article;
use crate::domain::comment::CommentStatus;
use crate::domain::email::EmailAddress;
use crate::http::keys::Keys;
use crate::i18n::Tr;
use crate::markdown::excerpt;

pub const CONFIRM: &str = "reply-confirm";
pub const UNSUBSCRIBE: &str = "reply-unsubscribe";

#[derive(Template)]
#[template(path = "mail/confirm.txt")]
struct ConfirmText<'a> {
    tr: Tr,
    m: &'a ConfirmMail,
}

#[derive(Template)]
#[template(path = "mail/confirm.html")]
struct ConfirmHtml<'a> {
    tr: Tr,
    m: &'a ConfirmMail,
}

struct ConfirmMail {
    site: String,
    title: String,
    link: String,
}

#[derive(Template)]
#[template(path = "mail/reply.txt")]
struct ReplyText<'a> {
    tr: Tr,
    m: &'a ReplyMail,
}

#[derive(Template)]
#[template(path = "mail/reply.html")]
struct ReplyHtml<'a> {
    tr: Tr,
    m: &'a ReplyMail,
}

struct ReplyMail {
    site: String,
    title: String,
    author: String,
    excerpt: String,
    link: String,
    unsubscribe: String,
}

/// The subscription id a signed link names, if the signature holds.
pub fn verify(keys: &Keys, purpose: &str, token: &str) -> Option<i64> {
    keys.verify(purpose, token)?.parse().ok()
}

impl Notifier {
    /// A reader's mail is in the language of the article the comment is on (its front matter's
    /// `language`), else the site's.
    fn tr_for(&self, article: &Article) -> Tr {
        article.language.as_deref().and_then(|l| Tr::new(l).ok()).unwrap_or(self.tr)
    }

    /// Stores the subscription of comment `id`'s author and mails them the link to confirm it.
    pub fn subscribe(self: &Arc<Self>, keys: Keys, id: i64, email: EmailAddress) {
        let me = self.clone();
        tokio::spawn(async move {
            if let Err(e) = me.send_confirmation(&keys, id, email).await {
                tracing::warn!(comment = id, error = %e, "reply subscription or its confirmation mail failed");
            }
        });
    }

    async fn send_confirmation(&self, keys: &Keys, id: i64, email: EmailAddress) -> Result<(), String> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let sub =
            self.store.add_reply_subscription(id, email.as_str().to_string(), now).await.map_err(|e| e.to_string())?;
        let comment = self.store.comment_by_id(id).await.map_err(|e| e.to_string())?.ok_or("comment gone")?;
        let article =
            self.store.article_by_id(comment.article_id).await.map_err(|e| e.to_string())?.ok_or("article gone")?;
        let tr = self.tr_for(&article);
        let m = ConfirmMail {
            site: self.site.clone(),
            title: article.title,
            link: format!(
                "{}/replies/confirm?s={}&lang={}",
                self.base,
                keys.sign(CONFIRM, &sub.to_string()),
                tr.lang()
            ),
        };
        let mail = Mail {
            to: email.as_str().to_string(),
            subject: tr.a("mail-confirm-subject", "site", &self.site),
            text: ConfirmText { tr, m: &m }.render().map_err(|e| e.to_string())?,
            html: ConfirmHtml { tr, m: &m }.render().map_err(|e| e.to_string())?,
            unsubscribe: None,
        };
        self.mailer.send(mail).await.map_err(|e| e.to_string())?;
        tracing::info!(comment = id, "reply subscription confirmation mailed");
        Ok(())
    }

    /// Mails the confirmed subscriber of the comment `reply_id` answers, now that it is published
    /// (not when the reply is the subscriber's own).
    pub fn reply_published(self: &Arc<Self>, keys: Keys, reply_id: i64) {
        let me = self.clone();
        tokio::spawn(async move {
            if let Err(e) = me.send_reply(&keys, reply_id).await {
                tracing::warn!(comment = reply_id, error = %e, "reply notification failed");
            }
        });
    }

    async fn send_reply(&self, keys: &Keys, reply_id: i64) -> Result<(), String> {
        let reply = self.store.comment_by_id(reply_id).await.map_err(|e| e.to_string())?.ok_or("comment gone")?;
        let Some(parent_id) = reply.parent_id else { return Ok(()) };
        if reply.status != CommentStatus::Published {
            return Ok(());
        }
        let Some((sub, to)) = self.store.reply_subscription(parent_id).await.map_err(|e| e.to_string())? else {
            return Ok(());
        };
        let parent = self.store.comment_by_id(parent_id).await.map_err(|e| e.to_string())?.ok_or("parent gone")?;
        if parent.author_key.is_some() && parent.author_key == reply.author_key {
            return Ok(());
        }
        let article =
            self.store.article_by_id(reply.article_id).await.map_err(|e| e.to_string())?.ok_or("article gone")?;
        let page = match &article.url {
            Some(url) => url.clone(),
            None => format!("{}/articles/{}", self.base, article.slug),
        };
        let tr = self.tr_for(&article);
        let unsubscribe = format!(
            "{}/replies/unsubscribe?s={}&lang={}",
            self.base,
            keys.sign(UNSUBSCRIBE, &sub.to_string()),
            tr.lang()
        );
        let m = ReplyMail {
            site: self.site.clone(),
            title: article.title,
            author: crate::domain::comment::AuthorName::display(&reply.author).to_string(),
            excerpt: excerpt(&reply.body_md, EXCERPT_CHARS),
            link: format!("{page}#comment-{reply_id}"),
            unsubscribe: unsubscribe.clone(),
        };
        let mail = Mail {
            to,
            subject: tr.a("mail-reply-subject", "title", excerpt(&m.title, 80)),
            text: ReplyText { tr, m: &m }.render().map_err(|e| e.to_string())?,
            html: ReplyHtml { tr, m: &m }.render().map_err(|e| e.to_string())?,
            unsubscribe: Some(unsubscribe),
        };
        self.mailer.send(mail).await.map_err(|e| e.to_string())?;
        tracing::info!(comment = reply_id, parent = parent_id, "reply notification mailed");
        Ok(())
    }
}
