//! Mail: the SMTP transport `[email]` describes (lettre), and what is sent to moderators
//! (`moderators.rs`). Mail is off while `smtp_url` is empty.
pub mod moderators;
pub mod replies;

use std::net::IpAddr;
use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use percent_encoding::percent_decode_str;

use crate::config::EmailSettings;

/// How long one SMTP conversation may take.
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the mail could not be built: {0}")]
    Build(String),
    #[error("the SMTP server refused or could not be reached: {0}")]
    Send(String),
}

/// One message in both forms mail readers expect.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address (`List-Unsubscribe` with `List-Unsubscribe-Post`,
    /// RFC 8058), for mails a reader asked for.
    pub unsubscribe: Option<String>,
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The transport for `[email]`, or none when mail is off. `smtp://` requires STARTTLS, except
    /// to a relay on loopback (a local MTA, or the tests' server), which is spoken to in plain
    /// text; `smtps://` is TLS from the first byte.
    pub fn from_settings(s: &EmailSettings) -> Result<Option<Mailer>, String> {
        if s.smtp_url.is_empty() {
            return Ok(None);
        }
        let url = url::Url::parse(&s.smtp_url).map_err(|_| "email.smtp_url is not a URL".to_string())?;
        let host = url.host_str().ok_or("email.smtp_url has no host")?.trim_matches(['[', ']']).to_string();
        let loopback = host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        let builder = match url.scheme() {
            "smtps" => AsyncSmtpTransport::<Tokio1Executor>::relay(&host),
            _ if loopback => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)),
            _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&host),
        };
        let mut builder = builder.map_err(|e| format!("email.smtp_url: {e}"))?.timeout(Some(TIMEOUT));
        if let Some(port) = url.port() {
            builder = builder.port(port);
        }
        if !url.username().is_empty() {
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            builder =
                builder.credentials(Credentials::new(decode(url.username()), decode(url.password().unwrap_or(""))));
        }
        let from = s.from.parse::<Mailbox>().map_err(|e| format!("email.from: {e}"))?;
        Ok(Some(Mailer { transport: builder.build(), from }))
    }

    pub async fn send(&self, mail: Mail) -> Result<(), MailError> {
        let to = mail.to.parse::<Mailbox>().map_err(|e| MailError::Build(e.to_string()))?;
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(mail.subject);
        if let Some(url) = mail.unsubscribe {
            let name = |n: &'static str| HeaderName::new_from_ascii_str(n);
            builder = builder
                .raw_header(HeaderValue::new(name("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(name("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click".into()));
        }
        let message = builder
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.transport.send(message).await.map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }
}
