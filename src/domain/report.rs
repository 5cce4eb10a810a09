//! Reader reports on published comments.
use crate::domain::comment::FieldError;

pub const MAX_NOTE_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportReason {
    Spam,
    Harassment,
    Threat,
    OffTopic,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 5] = [
        ReportReason::Spam,
        ReportReason::Harassment,
        ReportReason::Threat,
        ReportReason::OffTopic,
        ReportReason::Other,
    ];

    pub fn parse(s: &str) -> Result<ReportReason, FieldError> {
        Ok(match s.trim() {
            "spam" => ReportReason::Spam,
            "harassment" => ReportReason::Harassment,
            "threat" => ReportReason::Threat,
            "off_topic" => ReportReason::OffTopic,
            "other" => ReportReason::Other,
            _ => {
                return Err(FieldError::new(
                    "reason",
                    "Please choose why you are reporting: spam, harassment, threat, off_topic or other.",
                )
                .id("error-reason", &[]));
            }
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Harassment => "harassment",
            ReportReason::Threat => "threat",
            ReportReason::OffTopic => "off_topic",
            ReportReason::Other => "other",
        }
    }

    /// The label readers and moderators see.
    pub fn label(self) -> &'static str {
        match self {
            ReportReason::Spam => "Spam",
            ReportReason::Harassment => "Harassment or hate",
            ReportReason::Threat => "Threat of violence",
            ReportReason::OffTopic => "Off-topic",
            ReportReason::Other => "Something else",
        }
    }
}

/// A validated report.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub reason: ReportReason,
    pub note: String,
}

impl NewReport {
    pub fn parse(reason: &str, note: &str) -> Result<NewReport, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = ReportReason::parse(reason).map_err(|e| errors.push(e)).ok();
        let note: String = note.trim().to_string();
        if note.chars().count() > MAX_NOTE_CHARS {
            errors.push(
                FieldError::new("note", format!("The note is limited to {MAX_NOTE_CHARS} characters."))
                    .id("error-note-too-long", &[("max", i64::try_from(MAX_NOTE_CHARS).unwrap_or(i64::MAX))]),
            );
        }
        if note.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
            errors.push(
                FieldError::new("note", "The note contains invisible control characters.")
                    .id("error-note-control", &[]),
            );
        }
        match reason {
            Some(reason) if errors.is_empty() => Ok(NewReport { reason, note }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip_and_unknown_ones_are_refused() {
        for r in ReportReason::ALL {
            assert_eq!(ReportReason::parse(r.as_str()).unwrap(), r);
        }
        assert!(ReportReason::parse("boring").is_err());
        assert!(NewReport::parse("spam", &"x".repeat(501)).is_err());
        assert_eq!(NewReport::parse("threat", "  see above ").unwrap().note, "see above");
    }
}
