//! Banned words (refuse as spam) and suspect words (hold), from the configuration file and from
//! the lists admins edit at run time (stored in the database).
use super::abuse::quote;
use super::lexicon::Lexicon;
use super::normalize::{Normalized, Span};
use super::{Action, Finding};
use crate::config::ModerationSettings;

/// Which list a word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WordKind {
    Banned,
    Suspect,
}

impl WordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WordKind::Banned => "banned",
            WordKind::Suspect => "suspect",
        }
    }

    pub fn parse(s: &str) -> Option<WordKind> {
        match s {
            "banned" => Some(WordKind::Banned),
            "suspect" => Some(WordKind::Suspect),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct WordLists {
    lex: Lexicon<WordKind>,
}

impl WordLists {
    pub fn new(settings: &ModerationSettings, runtime: &[(String, WordKind)]) -> WordLists {
        let mut lex = Lexicon::new();
        for w in &settings.banned_words {
            lex.add(w, WordKind::Banned);
        }
        for w in &settings.suspect_words {
            lex.add(w, WordKind::Suspect);
        }
        for (w, kind) in runtime {
            lex.add(w, *kind);
        }
        WordLists { lex }
    }

    pub fn check(&self, body: &str, n: &Normalized, out: &mut Vec<Finding>) {
        if self.lex.is_empty() {
            return;
        }
        let hits = self.lex.find(n);
        for (kind, code, action, what) in [
            (WordKind::Banned, "words.banned", Action::Spam, "a banned word"),
            (WordKind::Suspect, "words.suspect", Action::Hold, "a word on the watch list"),
        ] {
            let spans: Vec<Span> = hits
                .iter()
                .filter(|h| self.lex.entry(h.entry).is_some_and(|e| e.category == kind))
                .map(|h| h.span)
                .collect();
            if !spans.is_empty() {
                out.push(Finding {
                    code: code.into(),
                    message: format!("Contains {what}: {}.", quote(body, &spans)),
                    action,
                    spans,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn check(lists: &WordLists, body: &str) -> Vec<(String, Action)> {
        let mut out = Vec::new();
        lists.check(body, &normalize(body), &mut out);
        out.into_iter().map(|f| (f.code, f.action)).collect()
    }

    #[test]
    fn banned_words_refuse_and_suspect_words_hold_through_evasions() {
        let s = ModerationSettings {
            banned_words: vec!["viagra".into(), "crypto*".into()],
            suspect_words: vec!["false flag".into()],
            ..Default::default()
        };
        let lists = WordLists::new(&s, &[("soros".into(), WordKind::Suspect)]);
        assert_eq!(check(&lists, "V.I.A.G.R.A cheap"), [("words.banned".into(), Action::Spam)]);
        assert_eq!(check(&lists, "CRYPTOCURRENCY tips"), [("words.banned".into(), Action::Spam)]);
        assert_eq!(check(&lists, "it was a f\u{430}lse fl\u{430}g"), [("words.suspect".into(), Action::Hold)]);
        assert_eq!(check(&lists, "S\u{200b}oros paid him"), [("words.suspect".into(), Action::Hold)]);
    }

    #[test]
    fn comments_without_listed_words_pass() {
        let s = ModerationSettings { banned_words: vec!["viagra".into()], ..Default::default() };
        let lists = WordLists::new(&s, &[("flag".into(), WordKind::Suspect)]);
        assert!(check(&lists, "The flagship embassy in Ankara was closed").is_empty());
        assert!(WordLists::default().lex.is_empty());
    }
}
