//! An email address a person gives (a moderator's, for notifications), and what they want sent
//! to it.
use std::fmt;
use std::str::FromStr;

/// An address the mail crate accepts, at most 254 characters, kept as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

/// Why a typed address was refused. `Display` is the English sentence; [`EmailError::id`] names
/// the catalogue message that says it in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address, such as desk@news.example.")]
    Empty,
    #[error("An email address is one word of at most 254 characters.")]
    Shape,
    /// What was typed.
    #[error("\"{0}\" is not an email address.")]
    Invalid(String),
}

impl EmailError {
    /// The catalogue message, and its `$address` when it has one.
    pub fn id(&self) -> (&'static str, Option<&str>) {
        match self {
            EmailError::Empty => ("error-email-empty", None),
            EmailError::Shape => ("error-email-too-long", None),
            EmailError::Invalid(raw) => ("error-email-invalid", Some(raw)),
        }
    }
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, EmailError> {
        let raw = input.trim();
        if raw.is_empty() {
            return Err(EmailError::Empty);
        }
        if raw.chars().count() > 254 || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailError::Shape);
        }
        lettre::Address::from_str(raw).map_err(|_| EmailError::Invalid(raw.to_string()))?;
        Ok(EmailAddress(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a moderator is sent: a mail for every held threat, a digest of the queue every so many
/// minutes while it is not empty, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    Threats,
    Digest,
    None,
}

impl Notify {
    pub fn parse(s: &str) -> Option<Notify> {
        match s {
            "threats" => Some(Notify::Threats),
            "digest" => Some(Notify::Digest),
            "none" => Some(Notify::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Notify::Threats => "threats",
            Notify::Digest => "digest",
            Notify::None => "none",
        }
    }
}

/// The digest's interval bounds, in minutes.
pub const DIGEST_MINUTES: std::ops::RangeInclusive<u32> = 5..=1440;

/// A moderator's notification choice, valid as a whole: an address whenever something is sent,
/// a digest interval within [`DIGEST_MINUTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyPrefs {
    pub email: Option<EmailAddress>,
    pub notify: Notify,
    pub digest_minutes: u32,
}

impl Default for NotifyPrefs {
    fn default() -> Self {
        NotifyPrefs { email: None, notify: Notify::None, digest_minutes: 60 }
    }
}

/// Why a notification choice was refused (English in `Display`; [`PrefsError::message_in`] in
/// the page's language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefsError {
    #[error("Choose what to be sent: threats, a digest, or nothing.")]
    Choice,
    #[error("Enter the email address to send to.")]
    NoAddress,
    #[error("The digest interval is a number of minutes from {} to {}.", DIGEST_MINUTES.start(), DIGEST_MINUTES.end())]
    Minutes,
    #[error(transparent)]
    Email(#[from] EmailError),
}

impl PrefsError {
    pub fn message_in(&self, tr: crate::i18n::Tr) -> String {
        match self {
            PrefsError::Choice => tr.t("notify-error-choice"),
            PrefsError::NoAddress => tr.t("notify-error-address"),
            // As the field's `min` and `max` say them, without grouping.
            PrefsError::Minutes => tr.a2(
                "notify-error-minutes",
                "min",
                DIGEST_MINUTES.start().to_string(),
                "max",
                DIGEST_MINUTES.end().to_string(),
            ),
            PrefsError::Email(e) => match e.id() {
                (id, Some(address)) => tr.a(id, "address", address),
                (id, None) => tr.t(id),
            },
        }
    }
}

impl NotifyPrefs {
    pub fn new(email: &str, notify: &str, digest_minutes: &str) -> Result<NotifyPrefs, PrefsError> {
        let notify = Notify::parse(notify).ok_or(PrefsError::Choice)?;
        let email = if email.trim().is_empty() { None } else { Some(EmailAddress::parse(email)?) };
        if notify != Notify::None && email.is_none() {
            return Err(PrefsError::NoAddress);
        }
        let digest_minutes = match digest_minutes.trim() {
            "" => 60,
            m => m.parse::<u32>().ok().filter(|m| DIGEST_MINUTES.contains(m)).ok_or(PrefsError::Minutes)?,
        };
        Ok(NotifyPrefs { email, notify, digest_minutes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_choices_need_an_address() {
        assert!(EmailAddress::parse("desk@news.example").is_ok());
        for bad in ["", "desk", "desk@", "a b@news.example", "desk@news.example\r\nBcc: x@y.z"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        assert!(NotifyPrefs::new("", "threats", "").is_err());
        assert_eq!(NotifyPrefs::new("", "none", "").unwrap().notify, Notify::None);
        let p = NotifyPrefs::new(" desk@news.example ", "digest", "15").unwrap();
        assert_eq!((p.email.unwrap().as_str(), p.notify, p.digest_minutes), ("desk@news.example", Notify::Digest, 15));
        assert!(NotifyPrefs::new("desk@news.example", "digest", "2").is_err());
        assert!(NotifyPrefs::new("desk@news.example", "sometimes", "").is_err());
    }

    #[test]
    fn refusals_read_the_same_in_english_and_are_translated() {
        let en = crate::i18n::Tr::english();
        let de = crate::i18n::Tr::new("de").unwrap();
        for (email, notify, minutes) in
            [("", "threats", ""), ("desk@news.example", "digest", "2"), ("x", "sometimes", ""), ("a b", "none", "")]
        {
            let e = NotifyPrefs::new(email, notify, minutes).unwrap_err();
            assert_eq!(e.message_in(en), e.to_string(), "the catalogue says what the code says");
            assert_ne!(e.message_in(de), e.to_string(), "{e}");
        }
        let e = EmailAddress::parse("nobody@").unwrap_err();
        assert_eq!(e.to_string(), "\"nobody@\" is not an email address.");
        assert!(PrefsError::from(e).message_in(de).contains("nobody@"));
    }
}
