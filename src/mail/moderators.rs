//! Mail to moderators: one for every held threat to those who want it, and a digest of the
//! queue every so many minutes while it is not empty. The mails link to the console and name
//! the comment's article and author as readers see them; they never hold the commenter's
//! address, IP hash or any other stored key.
use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use time::OffsetDateTime;

use super::{Mail, Mailer};
use crate::i18n::Tr;
use crate::markdown::excerpt;
use crate::store::{Queue, QueueFilter, Store};

/// Characters of a comment quoted in a mail.
pub(super) const EXCERPT_CHARS: usize = 300;
/// Comments listed in a digest.
const DIGEST_ITEMS: usize = 10;

#[derive(Template)]
#[template(path = "mail/threat.txt")]
struct ThreatText<'a> {
    tr: Tr,
    m: &'a ThreatMail,
}

#[derive(Template)]
#[template(path = "mail/threat.html")]
struct ThreatHtml<'a> {
    tr: Tr,
    m: &'a ThreatMail,
}

struct ThreatMail {
    site: String,
    title: String,
    author: String,
    excerpt: String,
    link: String,
    settings_link: String,
}

pub struct DigestItem {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub excerpt: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "mail/digest.txt")]
struct DigestText<'a> {
    tr: Tr,
    m: &'a DigestMail,
}

#[derive(Template)]
#[template(path = "mail/digest.html")]
struct DigestHtml<'a> {
    tr: Tr,
    m: &'a DigestMail,
}

struct DigestMail {
    site: String,
    pending: i64,
    reported: i64,
    items: Vec<DigestItem>,
    queue_link: String,
    settings_link: String,
}

/// What sends mail to moderators: the transport, the store to find recipients, and the
/// console's address for links.
pub struct Notifier {
    pub(super) mailer: Mailer,
    pub(super) store: Arc<dyn Store>,
    pub(super) base: String,
    pub(super) site: String,
    /// The site's language (`[site] language`): moderators' mails are in it, and readers' mails
    /// are when their article has no language of its own.
    pub(super) tr: Tr,
}

impl Notifier {
    pub fn new(mailer: Mailer, store: Arc<dyn Store>, base: &str, site: &str, tr: Tr) -> Arc<Notifier> {
        Arc::new(Notifier { mailer, store, base: base.trim_end_matches('/').to_string(), site: site.to_string(), tr })
    }

    /// Mails the moderators who asked for it that comment `id` was held as a threat. In a task
    /// of its own: the reader's answer never waits for SMTP.
    pub fn threat_held(self: &Arc<Self>, id: i64) {
        let me = self.clone();
        tokio::spawn(async move {
            if let Err(e) = me.send_threat(id).await {
                tracing::warn!(comment = id, error = %e, "mailing moderators about a held threat failed");
            }
        });
    }

    async fn send_threat(&self, id: i64) -> Result<(), String> {
        let recipients = self.store.threat_recipients().await.map_err(|e| e.to_string())?;
        if recipients.is_empty() {
            return Ok(());
        }
        let comment = self.store.comment_by_id(id).await.map_err(|e| e.to_string())?.ok_or("comment gone")?;
        let article =
            self.store.article_by_id(comment.article_id).await.map_err(|e| e.to_string())?.ok_or("article gone")?;
        let m = ThreatMail {
            site: self.site.clone(),
            title: article.title,
            author: comment.author,
            excerpt: excerpt(&comment.body_md, EXCERPT_CHARS),
            link: format!("{}/moderation?queue=pending#c-{id}", self.base),
            settings_link: format!("{}/moderation/notifications", self.base),
        };
        let tr = self.tr;
        let subject = tr.a2("mail-threat-subject", "excerpt", excerpt(&m.excerpt, 60), "title", excerpt(&m.title, 60));
        let text = ThreatText { tr, m: &m }.render().map_err(|e| e.to_string())?;
        let html = ThreatHtml { tr, m: &m }.render().map_err(|e| e.to_string())?;
        for (name, to) in recipients {
            let mail = Mail { to, subject: subject.clone(), text: text.clone(), html: html.clone(), unsubscribe: None };
            match self.mailer.send(mail).await {
                Ok(()) => tracing::info!(comment = id, moderator = %name, "threat mailed"),
                Err(e) => tracing::warn!(comment = id, moderator = %name, error = %e, "threat mail failed"),
            }
        }
        Ok(())
    }

    /// Sends the digests that are due, when the queue is not empty. Each is claimed in the
    /// database first, so of several nodes one sends it.
    pub async fn send_due_digests(&self, now: i64) -> Result<usize, String> {
        let counts = self.store.queue_counts().await.map_err(|e| e.to_string())?;
        if counts.pending + counts.reported == 0 {
            return Ok(0);
        }
        let due = self.store.claim_digests(now).await.map_err(|e| e.to_string())?;
        if due.is_empty() {
            return Ok(0);
        }
        let mut filter = QueueFilter::new(Queue::Pending);
        filter.limit = DIGEST_ITEMS;
        let items = self.store.queue(filter).await.map_err(|e| e.to_string())?;
        let m = DigestMail {
            site: self.site.clone(),
            pending: counts.pending,
            reported: counts.reported,
            items: items
                .into_iter()
                .map(|c| DigestItem {
                    link: format!("{}/moderation?queue=pending#c-{}", self.base, c.id),
                    id: c.id,
                    title: c.article_title,
                    author: c.author_name,
                    excerpt: excerpt(&c.body_md, EXCERPT_CHARS),
                })
                .collect(),
            queue_link: format!("{}/moderation", self.base),
            settings_link: format!("{}/moderation/notifications", self.base),
        };
        let tr = self.tr;
        let subject =
            tr.a3("mail-digest-subject", "site", &self.site, "pending", counts.pending, "reported", counts.reported);
        let text = DigestText { tr, m: &m }.render().map_err(|e| e.to_string())?;
        let html = DigestHtml { tr, m: &m }.render().map_err(|e| e.to_string())?;
        let mut sent = 0;
        for (name, to) in due {
            let mail = Mail { to, subject: subject.clone(), text: text.clone(), html: html.clone(), unsubscribe: None };
            match self.mailer.send(mail).await {
                Ok(()) => sent += 1,
                Err(e) => tracing::warn!(moderator = %name, error = %e, "digest mail failed"),
            }
        }
        Ok(sent)
    }

    /// Looks for due digests every `every` until the process ends.
    pub fn spawn_digests(self: &Arc<Self>, every: Duration) {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(e) = me.send_due_digests(OffsetDateTime::now_utc().unix_timestamp()).await {
                    tracing::warn!(error = %e, "sending digests failed");
                }
            }
        });
    }
}
