//! Moderators and their decisions: names and roles that parse at construction, and the actions a
//! moderator can take on a comment.
use serde::Serialize;

use crate::domain::comment::CommentStatus;

/// An account name: 1 to 64 ASCII letters, digits, `.`, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeratorName(String);

impl ModeratorName {
    pub fn parse(raw: &str) -> Result<ModeratorName, String> {
        let s = raw.trim();
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if ok {
            Ok(ModeratorName(s.to_string()))
        } else {
            Err(format!("moderator name {s:?} must be 1 to 64 letters, digits, '.', '_' or '-'"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Moderator,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A signed-in moderator (by session cookie or API token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moderator {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

impl Moderator {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// What a moderator decides about one comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Approve,
    Reject,
    Spam,
    /// Ban the author (cookie key and address) and reject their pending comments.
    Ban,
}

impl Action {
    pub fn parse(s: &str) -> Option<Action> {
        Some(match s {
            "approve" => Action::Approve,
            "reject" => Action::Reject,
            "spam" => Action::Spam,
            "ban" => Action::Ban,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Spam => "spam",
            Action::Ban => "ban",
        }
    }

    /// The status the comment gets.
    pub fn status(self) -> CommentStatus {
        match self {
            Action::Approve => CommentStatus::Published,
            Action::Reject | Action::Ban => CommentStatus::Rejected,
            Action::Spam => CommentStatus::Spam,
        }
    }

    /// Whether the learned score should learn "hold" from it.
    pub fn holds(self) -> bool {
        self != Action::Approve
    }
}

/// Why a comment was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectReason {
    Spam,
    Abuse,
    OffTopic,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 4] =
        [RejectReason::Abuse, RejectReason::Spam, RejectReason::OffTopic, RejectReason::Other];

    pub fn parse(s: &str) -> Option<RejectReason> {
        Some(match s.trim() {
            "spam" => RejectReason::Spam,
            "abuse" => RejectReason::Abuse,
            "off-topic" | "off_topic" => RejectReason::OffTopic,
            "other" => RejectReason::Other,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Spam => "spam",
            RejectReason::Abuse => "abuse",
            RejectReason::OffTopic => "off-topic",
            RejectReason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RejectReason::Spam => "Spam",
            RejectReason::Abuse => "Abuse",
            RejectReason::OffTopic => "Off-topic",
            RejectReason::Other => "Other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_plain_words() {
        assert_eq!(ModeratorName::parse(" ann.lee ").unwrap().as_str(), "ann.lee");
        assert!(ModeratorName::parse("").is_err());
        assert!(ModeratorName::parse("a b").is_err());
        assert!(ModeratorName::parse(&"x".repeat(65)).is_err());
    }

    #[test]
    fn actions_map_to_statuses() {
        assert_eq!(Action::parse("approve").unwrap().status(), CommentStatus::Published);
        assert_eq!(Action::Ban.status(), CommentStatus::Rejected);
        assert!(Action::parse("delete").is_none());
        assert_eq!(RejectReason::parse("off_topic"), Some(RejectReason::OffTopic));
    }
}
