//! An email address a person gives (a moderator's, for notifications), and what they want sent
//! to it.
use std::fmt;
use std::str::FromStr;

/// An address the mail crate accepts, at most 254 characters, kept as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, String> {
        let raw = input.trim();
        if raw.is_empty() {
            return Err("Enter an email address, such as desk@news.example.".into());
        }
        if raw.chars().count() > 254 || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("An email address is one word of at most 254 characters.".into());
        }
        lettre::Address::from_str(raw).map_err(|_| format!("\"{raw}\" is not an email address."))?;
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

impl NotifyPrefs {
    pub fn new(email: &str, notify: &str, digest_minutes: &str) -> Result<NotifyPrefs, String> {
        let notify = Notify::parse(notify).ok_or("Choose what to be sent: threats, a digest, or nothing.")?;
        let email = if email.trim().is_empty() { None } else { Some(EmailAddress::parse(email)?) };
        if notify != Notify::None && email.is_none() {
            return Err("Enter the email address to send to.".into());
        }
        let digest_minutes = match digest_minutes.trim() {
            "" => 60,
            m => m.parse::<u32>().ok().filter(|m| DIGEST_MINUTES.contains(m)).ok_or_else(|| {
                format!(
                    "The digest interval is a number of minutes from {} to {}.",
                    DIGEST_MINUTES.start(),
                    DIGEST_MINUTES.end()
                )
            })?,
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
}
