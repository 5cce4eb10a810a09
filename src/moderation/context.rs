//! Context rules: pre-moderated stories, new commenters, banned authors.
use super::{Action, AuthorHistory, Finding};
use crate::config::ModerationSettings;

pub fn check(s: &ModerationSettings, article_premoderated: bool, history: &AuthorHistory, out: &mut Vec<Finding>) {
    let mut push = |code: &str, message: String| {
        out.push(Finding { code: code.into(), message, action: Action::Hold, spans: Vec::new() });
    };
    if article_premoderated {
        push("premoderation", "Every comment on this story waits for a moderator.".into());
    }
    // Held like any other comment: the author is told nothing different.
    if history.banned {
        push("context.banned_author", "The author (by cookie or address) is banned.".into());
    }
    if s.new_commenter_holds > 0 && history.total() < s.new_commenter_holds {
        push(
            "context.new_commenter",
            format!(
                "The author's first {} comments wait for a moderator; this is number {}.",
                s.new_commenter_holds,
                history.total() + 1
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::CheckInput;
    use super::*;

    fn codes(s: &ModerationSettings, input: &CheckInput<'_>) -> Vec<String> {
        let mut out = Vec::new();
        check(s, input.article_premoderated, &input.history, &mut out);
        out.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn premoderated_stories_hold_everything() {
        let input = CheckInput { body: "Fine comment.", article_premoderated: true, ..Default::default() };
        assert_eq!(codes(&ModerationSettings::default(), &input), ["premoderation"]);
    }

    #[test]
    fn banned_authors_are_held() {
        let input = CheckInput {
            body: "Fine comment.",
            history: AuthorHistory { published: 40, banned: true, ..Default::default() },
            ..Default::default()
        };
        assert_eq!(codes(&ModerationSettings::default(), &input), ["context.banned_author"]);
    }

    #[test]
    fn the_new_commenter_rule_is_off_by_default_and_holds_the_first_n_when_on() {
        let first = CheckInput { body: "Hello", ..Default::default() };
        assert!(codes(&ModerationSettings::default(), &first).is_empty());
        let s = ModerationSettings { new_commenter_holds: 2, ..Default::default() };
        assert_eq!(codes(&s, &first), ["context.new_commenter"]);
        let second = CheckInput { history: AuthorHistory { held: 1, ..Default::default() }, ..first.clone() };
        assert_eq!(codes(&s, &second), ["context.new_commenter"]);
        let third = CheckInput { history: AuthorHistory { published: 1, held: 1, ..Default::default() }, ..first };
        assert!(codes(&s, &third).is_empty());
    }
}
