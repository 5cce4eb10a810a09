//! The automatic checks that decide whether a new or edited comment is published, held for a
//! moderator, or refused as spam. Each check adds [`Finding`]s (a code, a sentence for the
//! moderator, the matched spans of the original text); the worst action wins.
//!
//! The pipeline is pure and synchronous: whatever it needs from the database (the author's
//! history, bans, recent comments, runtime word lists, the classifier's counts) is gathered by
//! `crate::store::sqlite::moderation` and handed in. Runtime changes (admins editing word lists, moderators'
//! decisions training the classifier) go through [`Pipeline::set_runtime_words`] and
//! [`Pipeline::learn`], behind `RwLock`s: checks only read and run in parallel, writes are rare
//! and short, and the classifier is too big (a few MB) to copy on every online update, which an
//! `arc-swap` of immutable snapshots would need.
pub mod abuse;
pub mod classifier;
pub mod context;
pub mod eval;
pub mod lexicon;
pub mod links;
pub mod normalize;
pub mod rules;
pub mod spam;
pub mod threat;
pub mod wordlists;

use std::sync::{RwLock, RwLockReadGuard};

use serde::Serialize;

use crate::config::ModerationSettings;
use crate::domain::comment::{CommentStatus, Reason, ReasonAction};
pub use classifier::Classifier;
pub use normalize::Span;
pub use wordlists::WordKind;

/// The learned score at or above which a weak sign (shouting, a character flood, recorded with
/// [`Action::Publish`]) holds the comment after all.
pub const WEAK_SIGNAL_SCORE: f64 = 0.5;

/// What a check asks for; ordered so that the worst wins. A finding with `Publish` is a note for
/// moderators that holds nothing by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Publish,
    Hold,
    Spam,
}

/// One reason a check gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable machine code, e.g. `abuse.threat`, `links.shortener`.
    pub code: String,
    /// A sentence a moderator understands.
    pub message: String,
    pub action: Action,
    /// Byte ranges of the original body that matched; empty when no text is to blame.
    pub spans: Vec<Span>,
}

/// The outcome of all checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub action: Action,
    pub findings: Vec<Finding>,
    /// The learned probability of "hold", when the classifier is on and trained.
    pub score: Option<f64>,
}

impl Verdict {
    pub fn status(&self) -> CommentStatus {
        match self.action {
            Action::Publish => CommentStatus::Published,
            Action::Hold => CommentStatus::Pending,
            Action::Spam => CommentStatus::Spam,
        }
    }

    /// The findings as stored with the comment.
    pub fn reasons(&self) -> Vec<Reason> {
        self.findings
            .iter()
            .map(|f| Reason {
                code: f.code.clone(),
                message: f.message.clone(),
                spans: f.spans.clone(),
                action: match f.action {
                    Action::Publish => ReasonAction::Note,
                    Action::Hold => ReasonAction::Hold,
                    Action::Spam => ReasonAction::Spam,
                },
            })
            .collect()
    }
}

/// What the checks found in a comment's text alone (see [`Pipeline::analyze`]), waiting for what
/// the database knows about its author.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The near-duplicate fingerprint (see [`fingerprint`]), stored with the comment.
    pub fingerprint: u64,
    /// Words in the normalized text.
    words: usize,
    findings: Vec<Finding>,
    /// Where the links to untrusted domains are, for the rule on first-time authors' links and
    /// for repeats that carry a link.
    links: Vec<Span>,
    /// The learned probability of "hold", when the classifier is on and trained.
    score: Option<f64>,
    /// The settings the text was checked under, so both halves apply the same ones.
    rules: std::sync::Arc<Rules>,
}

impl Analysis {
    /// Adds the checks that need the author's history and the recent comments, and decides.
    pub fn decide(self, article_premoderated: bool, history: &AuthorHistory, recent: &[Recent]) -> Verdict {
        let s = &self.rules.settings;
        let mut findings = Vec::with_capacity(self.findings.len() + 2);
        context::check(s, article_premoderated, history, &mut findings);
        findings.extend(self.findings);
        // A rule switched off is no sign of anything: dropped before the rules that count signs.
        let off = |f: &Finding| s.disabled_rules.contains(&f.code);
        findings.retain(|f| !off(f));
        let score_high = self.score.is_some_and(|p| p >= s.classifier_threshold);
        if s.links_enabled {
            let other = links::another_sign(&self.links, &findings, score_high);
            self.rules.links.check_history(&self.links, history, other, &mut findings);
        }
        if s.spam_enabled {
            let promotes = !self.links.is_empty() || findings.iter().any(|f| f.code == "spam.promotion");
            self.rules.spam.check_repeats(self.words, self.fingerprint, recent, promotes, &mut findings);
        }
        if let Some(p) = self.score {
            if p >= s.classifier_threshold {
                findings.push(Finding {
                    code: "classifier".into(),
                    message: format!(
                        "The filter trained on this site's moderation rates it {:.0}% likely to need a moderator.",
                        p * 100.0
                    ),
                    action: Action::Hold,
                    spans: Vec::new(),
                });
            }
            if p >= WEAK_SIGNAL_SCORE {
                for f in findings.iter_mut().filter(|f| f.action == Action::Publish) {
                    f.action = Action::Hold;
                    f.message.push_str(" The learned score leans to \"hold\" too.");
                }
            }
        }
        findings.retain(|f| !off(f));
        let action = findings.iter().map(|f| f.action).max().unwrap_or(Action::Publish);
        Verdict { action, findings, score: self.score }
    }
}

/// What the database knows about the author (by author cookie or IP hash).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuthorHistory {
    pub published: u32,
    pub held: u32,
    /// Rejected or spam.
    pub refused: u32,
    /// The author cookie or the IP hash is on the ban list.
    pub banned: bool,
}

impl AuthorHistory {
    pub fn total(&self) -> u32 {
        self.published + self.held + self.refused
    }
}

/// A recent comment to compare against for repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recent {
    pub fingerprint: u64,
    pub same_author: bool,
}

/// Everything a check may look at.
#[derive(Debug, Clone, Default)]
pub struct CheckInput<'a> {
    pub body: &'a str,
    pub author_name: &'a str,
    pub article_premoderated: bool,
    pub history: AuthorHistory,
    /// Fingerprints of the author's last comments and of everyone's within the duplicate window.
    pub recent: &'a [Recent],
}

/// A near-duplicate fingerprint of a comment's text; see [`spam::fingerprint`].
pub fn fingerprint(body: &str) -> u64 {
    spam::fingerprint(&normalize::normalize(body))
}

/// All checks, built once at startup.
#[derive(Debug)]
pub struct Pipeline {
    /// The settings as configured; runtime thresholds and domains apply over them.
    base: ModerationSettings,
    /// What admins set in the console, kept to rebuild the rules when either part changes.
    runtime: RwLock<Runtime>,
    /// The settings in force with the checks built from them, swapped whole when an admin
    /// changes a threshold.
    rules: RwLock<std::sync::Arc<Rules>>,
    abuse: abuse::AbuseCheck,
    words: RwLock<wordlists::WordLists>,
    classifier: RwLock<Classifier>,
}

impl Pipeline {
    /// A pipeline with the configured lists, no runtime words and an untrained classifier.
    pub fn new(settings: &ModerationSettings) -> Pipeline {
        Pipeline::with_state(settings, &[], Classifier::new())
    }

    /// A pipeline with the runtime word lists and classifier loaded from the database.
    pub fn with_state(
        settings: &ModerationSettings,
        runtime_words: &[(String, WordKind)],
        classifier: Classifier,
    ) -> Pipeline {
        Pipeline {
            base: settings.clone(),
            runtime: RwLock::new(Runtime::default()),
            rules: RwLock::new(std::sync::Arc::new(Rules::new(settings.clone()))),
            abuse: abuse::AbuseCheck::builtin(),
            words: RwLock::new(wordlists::WordLists::new(settings, runtime_words)),
            classifier: RwLock::new(classifier),
        }
    }

    /// The settings in force (the configured ones with the runtime thresholds applied).
    pub fn settings(&self) -> ModerationSettings {
        self.rules().settings.clone()
    }

    fn rules(&self) -> std::sync::Arc<Rules> {
        read(&self.rules).clone()
    }

    /// Applies runtime thresholds (see [`Threshold`]) and rule switches (see [`rules`]) over the
    /// configured settings; unknown keys are ignored, values are clamped to each threshold's
    /// range.
    pub fn set_thresholds(&self, overrides: &[(String, f64)]) {
        self.runtime.write().unwrap_or_else(std::sync::PoisonError::into_inner).overrides = overrides.to_vec();
        self.rebuild();
    }

    /// Links to these domains (the console's list) never hold, beside `trusted_domains`.
    pub fn set_runtime_domains(&self, domains: &[String]) {
        self.runtime.write().unwrap_or_else(std::sync::PoisonError::into_inner).trusted_domains = domains.to_vec();
        self.rebuild();
    }

    fn rebuild(&self) {
        let runtime = read(&self.runtime);
        let mut s = self.base.clone();
        for (key, value) in &runtime.overrides {
            if let Some(t) = Threshold::ALL.iter().find(|t| t.key == key.as_str()) {
                t.apply(&mut s, *value);
            } else if key == STRICT_FIRST_TIME_LINKS {
                s.hold_first_time_links = *value >= 0.5;
            } else if let Some(code) = key.strip_prefix("rule.") {
                let on = *value >= 0.5;
                s.disabled_rules.retain(|c| c != code);
                if !on && rules::known(code).is_some_and(|r| r.switchable) {
                    s.disabled_rules.push(code.to_string());
                }
            }
        }
        for d in &runtime.trusted_domains {
            if !s.trusted_domains.contains(d) {
                s.trusted_domains.push(d.clone());
            }
        }
        *self.rules.write().unwrap_or_else(std::sync::PoisonError::into_inner) = std::sync::Arc::new(Rules::new(s));
    }

    /// Whether a rule holds anything now (its switch, over `disabled_rules`).
    pub fn rule_enabled(&self, code: &str) -> bool {
        !self.rules().settings.disabled_rules.iter().any(|c| c == code)
    }

    /// Runs every enabled check, the learned score included.
    pub fn check(&self, input: &CheckInput<'_>) -> Verdict {
        self.check_with(input, self.rules().settings.classifier_enabled)
    }

    /// Runs the checks; `use_score` decides whether the learned score takes part.
    pub fn check_with(&self, input: &CheckInput<'_>, use_score: bool) -> Verdict {
        self.analyze_with(input.body, input.author_name, use_score).decide(
            input.article_premoderated,
            &input.history,
            input.recent,
        )
    }

    /// The checks that read the text alone, the learned score included: all but the author's
    /// history and the repeats. Comment intake runs these before a comment reaches the single
    /// writer, which then only decides with what the database knows ([`Analysis::decide`]).
    pub fn analyze(&self, body: &str, author_name: &str) -> Analysis {
        self.analyze_with(body, author_name, self.rules().settings.classifier_enabled)
    }

    fn analyze_with(&self, body: &str, author_name: &str, use_score: bool) -> Analysis {
        let rules = self.rules();
        let s = &rules.settings;
        let n = normalize::normalize(body);
        let mut findings = Vec::new();
        if s.abuse_enabled || s.threats_enabled {
            // The abuse and threat rules read words around each word; should one of them ever
            // read past the text, the comment waits for a moderator instead of failing the post.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut found = Vec::new();
                self.abuse.check(body, &n, s.abuse_enabled, s.threats_enabled, &mut found);
                found
            }));
            match checked {
                Ok(found) => findings.extend(found),
                Err(_) => {
                    tracing::error!(chars = body.chars().count(), "the abuse and threat check failed on a comment");
                    findings.push(Finding {
                        code: "abuse.check_failed".into(),
                        message: "The abuse and threat check failed on this comment; a moderator should read it."
                            .into(),
                        action: Action::Hold,
                        spans: Vec::new(),
                    });
                }
            }
        }
        if s.abuse_enabled && !author_name.is_empty() && self.abuse.has_listed_word(&normalize::normalize(author_name))
        {
            findings.push(Finding {
                code: "abuse.name".into(),
                message: "The author's name contains an abusive word.".into(),
                action: Action::Hold,
                spans: Vec::new(),
            });
        }
        if s.wordlists_enabled {
            read(&self.words).check(body, &n, &mut findings);
        }
        let all_links = links::find_links(body);
        let links = if s.links_enabled {
            rules.links.check_text(body, &all_links, &mut findings)
        } else {
            all_links.iter().filter(|l| !rules.links.is_trusted(l)).map(|l| l.span).collect()
        };
        if s.spam_enabled {
            rules.spam.check_text(body, &n, !links.is_empty(), &mut findings);
        }
        let mut score = None;
        if use_score {
            let c = read(&self.classifier);
            if c.is_trained(s.classifier_min_examples) {
                score = Some(c.score_normalized(&n));
            }
        }
        Analysis { fingerprint: spam::fingerprint(&n), words: n.tokens.len(), findings, links, score, rules }
    }

    /// What pushed a text's learned score up most (see [`Classifier::explain`]).
    pub fn explain_score(&self, body: &str, top: usize) -> Vec<(String, f32)> {
        read(&self.classifier).explain(&normalize::normalize(body), top)
    }

    /// The learned probability of "hold" for a text, whether or not the classifier is trained.
    pub fn score(&self, body: &str) -> f64 {
        read(&self.classifier).score_normalized(&normalize::normalize(body))
    }

    /// Trains the classifier on one decision (`hold` = a moderator rejected it or marked it
    /// spam). Returns what changed, for [`crate::store::sqlite::moderation::save_classifier_delta`].
    pub fn learn(&self, body: &str, hold: bool) -> classifier::ClassifierDelta {
        let n = normalize::normalize(body);
        let mut c = self.classifier.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let touched = c.train(&n, hold);
        c.delta(&touched)
    }

    /// Replaces the runtime (database) word lists; configured words stay.
    pub fn set_runtime_words(&self, runtime_words: &[(String, WordKind)]) {
        let lists = wordlists::WordLists::new(&self.rules().settings, runtime_words);
        *self.words.write().unwrap_or_else(std::sync::PoisonError::into_inner) = lists;
    }

    /// The classifier, for saving.
    pub fn classifier(&self) -> RwLockReadGuard<'_, Classifier> {
        read(&self.classifier)
    }

    /// Replaces the classifier (after bulk training or a reload).
    pub fn set_classifier(&self, classifier: Classifier) {
        *self.classifier.write().unwrap_or_else(std::sync::PoisonError::into_inner) = classifier;
    }
}

/// The settings in force and the checks built from them.
#[derive(Debug)]
struct Rules {
    settings: ModerationSettings,
    links: links::LinkCheck,
    spam: spam::SpamCheck,
}

impl Rules {
    fn new(settings: ModerationSettings) -> Rules {
        Rules { links: links::LinkCheck::new(&settings), spam: spam::SpamCheck::new(&settings), settings }
    }
}

/// The runtime key of the strict first-time link rule (0 off, 1 on), set on the Rules page.
pub const STRICT_FIRST_TIME_LINKS: &str = "hold_first_time_links";

/// What admins set in the console over the configured settings.
#[derive(Debug, Default)]
struct Runtime {
    overrides: Vec<(String, f64)>,
    trusted_domains: Vec<String>,
}

/// A threshold admins may change at run time in the moderation console.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// The key, the same as the `[moderation]` setting's name.
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub min: f64,
    pub max: f64,
    /// 1 for whole numbers.
    pub step: f64,
}

impl Threshold {
    pub const ALL: [Threshold; 4] = [
        Threshold {
            key: "classifier_threshold",
            label: "Learned score threshold",
            hint: "Hold a comment when the learned probability of hold is at least this (0.01 to 0.99).",
            min: 0.01,
            max: 0.99,
            step: 0.01,
        },
        Threshold {
            key: "max_links",
            label: "Most links in a comment",
            hint: "Hold comments with more links than this.",
            min: 0.0,
            max: 50.0,
            step: 1.0,
        },
        Threshold {
            key: "caps_ratio",
            label: "Shouting: share of capitals",
            hint: "Hold a comment whose letters are capitals above this share (0.05 to 1).",
            min: 0.05,
            max: 1.0,
            step: 0.01,
        },
        Threshold {
            key: "new_commenter_holds",
            label: "Hold the first comments of new authors",
            hint: "How many first comments of every author are held; 0 turns this off.",
            min: 0.0,
            max: 100.0,
            step: 1.0,
        },
    ];

    pub fn current(&self, s: &ModerationSettings) -> f64 {
        match self.key {
            "classifier_threshold" => s.classifier_threshold,
            "max_links" => s.max_links as f64,
            "caps_ratio" => s.caps_ratio,
            "new_commenter_holds" => f64::from(s.new_commenter_holds),
            _ => 0.0,
        }
    }

    pub fn apply(&self, s: &mut ModerationSettings, value: f64) {
        if !value.is_finite() {
            return;
        }
        let v = value.clamp(self.min, self.max);
        match self.key {
            "classifier_threshold" => s.classifier_threshold = v,
            "max_links" => s.max_links = v.round() as usize,
            "caps_ratio" => s.caps_ratio = v,
            "new_commenter_holds" => s.new_commenter_holds = v.round() as u32,
            _ => {}
        }
    }
}

/// A read lock; a panic while a writer held it leaves plain data, still usable.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn regular() -> AuthorHistory {
        AuthorHistory { published: 5, ..Default::default() }
    }

    fn verdict(p: &Pipeline, body: &str) -> Verdict {
        p.check(&CheckInput { body, history: regular(), ..Default::default() })
    }

    #[test]
    fn civil_comments_about_the_article_are_published() {
        let p = Pipeline::new(&ModerationSettings::default());
        for body in [
            "The shooting at the embassy was terrorism, and Karlov's killer should have been tried.",
            "Do I think this shooting is terror-related? Yes. An ambassador was assassinated on camera.",
            "The gunman was shot and killed, so we will never hear his side in court.",
            "Killing a diplomat is an act of war in all but name. Terrible news from Ankara.",
            "He threatened to kill more people before police shot him. Horrifying attack.",
            "RIP Ambassador Karlov. The assassination of a diplomat is a terror attack on all of us.",
            "Why was an off-duty police officer allowed near the ambassador with a gun?",
        ] {
            let v = verdict(&p, body);
            assert_eq!(v.action, Action::Publish, "{body}: {:?}", v.findings);
        }
    }

    #[test]
    fn the_worst_action_wins_and_every_reason_is_kept() {
        let s = ModerationSettings { banned_words: vec!["casino".into()], ..Default::default() };
        let p = Pipeline::new(&s);
        let v = verdict(&p, "You idiot, play casino now");
        assert_eq!(v.action, Action::Spam);
        assert_eq!(v.status(), CommentStatus::Spam);
        let codes: Vec<&str> = v.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["abuse.insult", "words.banned"]);
        assert_eq!(v.reasons()[0].spans.len(), 1);
    }

    #[test]
    fn shouting_alone_is_noted_but_published() {
        let p = Pipeline::new(&ModerationSettings::default());
        let v = verdict(&p, "WHY DID NOBODY CHECK THE GUNMAN AT THE DOOR");
        assert_eq!(v.action, Action::Publish);
        assert_eq!(v.findings[0].code, "spam.shouting");
    }

    #[test]
    fn disabled_checks_do_not_run() {
        let s = ModerationSettings { abuse_enabled: false, threats_enabled: false, ..Default::default() };
        let p = Pipeline::new(&s);
        assert_eq!(verdict(&p, "I will kill you, idiot").action, Action::Publish);
    }

    #[test]
    fn runtime_word_lists_apply_to_later_checks() {
        let p = Pipeline::new(&ModerationSettings::default());
        assert_eq!(verdict(&p, "Buy cheap pills here").action, Action::Publish);
        p.set_runtime_words(&[("cheap pills".into(), WordKind::Suspect)]);
        let v = verdict(&p, "Buy CHEAP p1lls here");
        assert_eq!(v.action, Action::Hold);
        assert_eq!(v.findings[0].code, "words.suspect");
    }

    #[test]
    fn an_abusive_author_name_is_held() {
        let p = Pipeline::new(&ModerationSettings::default());
        let v =
            p.check(&CheckInput { body: "Sad day.", author_name: "b1tch", history: regular(), ..Default::default() });
        assert_eq!(v.action, Action::Hold);
    }

    #[test]
    fn runtime_thresholds_apply_over_the_configured_ones() {
        let p = Pipeline::new(&ModerationSettings::default());
        let body = "Two good sources on the embassy attack: https://a.example and https://b.example";
        assert_eq!(verdict(&p, body).action, Action::Publish);
        p.set_thresholds(&[("max_links".into(), 1.0), ("nonsense".into(), 3.0)]);
        assert_eq!(p.settings().max_links, 1);
        assert_eq!(verdict(&p, body).action, Action::Hold);
        p.set_thresholds(&[]);
        assert_eq!(verdict(&p, body).action, Action::Publish);
    }

    #[test]
    fn online_training_changes_later_scores() {
        let s = ModerationSettings { classifier_min_examples: 2, ..Default::default() };
        let p = Pipeline::new(&s);
        for _ in 0..3 {
            p.learn("cheap replica watches discount", true);
            p.learn("the ambassador was a respected diplomat", false);
        }
        let v = verdict(&p, "replica watches at a discount");
        assert_eq!(v.action, Action::Hold);
        assert!(v.score.unwrap() > 0.5);
        let v = verdict(&p, "a respected diplomat");
        assert_eq!(v.action, Action::Publish);
    }

    #[test]
    fn a_first_time_commenters_link_holds_with_a_learned_score_at_its_threshold() {
        let s = ModerationSettings { classifier_min_examples: 2, ..Default::default() };
        let p = Pipeline::new(&s);
        let body = "replica watches at a discount, details https://watches.example/x today";
        let first = |p: &Pipeline| p.check(&CheckInput { body, ..Default::default() });
        assert_eq!(first(&p).action, Action::Publish, "{:?}", first(&p).findings);
        for _ in 0..3 {
            p.learn("cheap replica watches discount", true);
            p.learn("the ambassador was a respected diplomat", false);
        }
        let v = first(&p);
        let codes: Vec<&str> = v.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(v.action, Action::Hold);
        assert!(codes.contains(&"links.first_time") && codes.contains(&"classifier"), "{codes:?}");
    }
}
