//! The rules moderators see on the Rules page: each reason code a check can give, the switch that
//! turns it off, and the report of what it earned (held comments moderators approved or
//! rejected) over the last 7, 30 and 90 days.
use serde::Serialize;

use crate::store::{RuleCount, RuleExample, RuleOutcome, RuleStats, ScoreCount};

/// One reason code a check gives, with the words a moderator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub code: &'static str,
    pub label: &'static str,
    /// Whether admins may switch it off here. Bans and pre-moderation are moderators' own
    /// choices, made where they are set, not rules that guess.
    pub switchable: bool,
}

const fn rule(code: &'static str, label: &'static str) -> RuleInfo {
    RuleInfo { code, label, switchable: true }
}

/// Every code the checks give, in the order the page lists them. Codes not listed here (a
/// report's `reported`, an import's `imported`) are shown when they held something but have no
/// switch.
pub const RULES: &[RuleInfo] = &[
    rule("abuse.threat", "Threats of violence"),
    rule("abuse.slur", "Slurs"),
    rule("abuse.insult", "Personal insults"),
    rule("abuse.profanity", "Profanity"),
    rule("abuse.name", "Abusive author names"),
    rule("words.banned", "Banned words (refused as spam)"),
    rule("words.suspect", "Suspect words"),
    rule("links.too_many", "Too many links"),
    rule("links.blocked_domain", "Links to blocked domains"),
    rule("links.shortener", "Links through URL shorteners"),
    rule("links.alone", "A link and nothing else"),
    rule("links.first_time", "Links from first-time commenters"),
    rule("spam.duplicate", "Repeats and campaigns"),
    rule("spam.promotion", "Self-promotion"),
    rule("spam.shouting", "Shouting (capitals)"),
    rule("spam.flood", "Character floods"),
    rule("context.new_commenter", "First comments of new authors"),
    RuleInfo { code: "context.banned_author", label: "Banned authors", switchable: false },
    RuleInfo { code: "premoderation", label: "Pre-moderated stories", switchable: false },
    rule("classifier", "Learned score"),
];

/// The threshold key that turns a rule off (value 0) or on (1).
pub fn switch_key(code: &str) -> String {
    format!("rule.{code}")
}

pub fn known(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

/// The windows the page reports, in days.
pub const WINDOWS: [u32; 3] = [7, 30, 90];

/// Above this share of decided holds approved, a rule is marked: moderators overturn it more often
/// than they agree with it.
pub const OVERTURN_MARK: f64 = 0.5;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Window {
    pub days: u32,
    /// Comments the rule held (or refused as spam) that were written in the window.
    pub held: u64,
    /// Of those, published by a moderator: held by mistake.
    pub approved: u64,
    /// Of those, rejected or marked spam by a moderator.
    pub rejected: u64,
    /// Of those, not decided yet (still waiting, or refused as spam with nobody looking).
    pub undecided: u64,
    /// rejected / (approved + rejected); none before any decision.
    pub precision: Option<f64>,
    /// approved / (approved + rejected) above [`OVERTURN_MARK`].
    pub overturned: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Example {
    pub comment_id: i64,
    pub created_at: i64,
    pub excerpt: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RuleReport {
    pub code: String,
    pub label: String,
    /// Whether the rule holds anything now (the switch); `None` for codes with no switch.
    pub enabled: Option<bool>,
    pub windows: Vec<Window>,
    /// Marked when moderators overturned it more than half the time over the longest window
    /// with decisions.
    pub overturned: bool,
    pub approved_examples: Vec<Example>,
    pub rejected_examples: Vec<Example>,
}

/// The learned score against moderators' decisions at its current threshold: a comment scored at
/// or above it counts as "held by the score" whether or not the score was switched on; a comment
/// moderators rejected or marked spam is "bad", a published one "fine".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoreWindow {
    pub days: u32,
    pub threshold: f64,
    pub true_holds: u64,
    pub false_holds: u64,
    pub missed: u64,
    pub fine_published: u64,
    /// true_holds / (true_holds + false_holds).
    pub precision: Option<f64>,
    /// true_holds / (true_holds + missed).
    pub recall: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RulesReport {
    pub rules: Vec<RuleReport>,
    pub score: Vec<ScoreWindow>,
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

impl Window {
    fn new(days: u32, c: &RuleCount) -> Window {
        let decided = c.approved + c.rejected;
        Window {
            days,
            held: c.held,
            approved: c.approved,
            rejected: c.rejected,
            undecided: c.held.saturating_sub(decided),
            precision: ratio(c.rejected, decided),
            overturned: ratio(c.approved, decided).is_some_and(|r| r > OVERTURN_MARK),
        }
    }
}

impl RulesReport {
    /// Builds the report from the store's counts. `enabled` tells whether a code's switch is on.
    pub fn build(stats: &RuleStats, threshold: f64, enabled: impl Fn(&str) -> bool) -> RulesReport {
        let mut codes: Vec<String> = RULES.iter().map(|r| r.code.to_string()).collect();
        for c in &stats.counts {
            if !codes.contains(&c.code) {
                codes.push(c.code.clone());
            }
        }
        let examples = |code: &str, outcome: RuleOutcome| -> Vec<Example> {
            let mut v: Vec<&RuleExample> =
                stats.examples.iter().filter(|e| e.code == code && e.outcome == outcome).collect();
            v.sort_by_key(|e| std::cmp::Reverse(e.comment_id));
            v.into_iter()
                .take(3)
                .map(|e| Example { comment_id: e.comment_id, created_at: e.created_at, excerpt: e.excerpt.clone() })
                .collect()
        };
        let rules = codes
            .into_iter()
            .map(|code| {
                let windows: Vec<Window> = WINDOWS
                    .iter()
                    .map(|&days| {
                        let zero = RuleCount { code: code.clone(), days, ..Default::default() };
                        let c = stats.counts.iter().find(|c| c.code == code && c.days == days).unwrap_or(&zero);
                        Window::new(days, c)
                    })
                    .collect();
                let overturned =
                    windows.iter().rev().find(|w| w.approved + w.rejected > 0).is_some_and(|w| w.overturned);
                let info = known(&code);
                RuleReport {
                    label: info.map_or_else(|| code.clone(), |i| i.label.to_string()),
                    enabled: info.filter(|i| i.switchable).map(|i| enabled(i.code)),
                    windows,
                    overturned,
                    approved_examples: examples(&code, RuleOutcome::Approved),
                    rejected_examples: examples(&code, RuleOutcome::Rejected),
                    code,
                }
            })
            .collect();
        let score = WINDOWS
            .iter()
            .map(|&days| {
                let zero = ScoreCount { days, ..Default::default() };
                let s = stats.score.iter().find(|s| s.days == days).unwrap_or(&zero);
                ScoreWindow {
                    days,
                    threshold,
                    true_holds: s.true_holds,
                    false_holds: s.false_holds,
                    missed: s.missed,
                    fine_published: s.fine_published,
                    precision: ratio(s.true_holds, s.true_holds + s.false_holds),
                    recall: ratio(s.true_holds, s.true_holds + s.missed),
                }
            })
            .collect();
        RulesReport { rules, score }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn count(code: &str, days: u32, held: u64, approved: u64, rejected: u64) -> RuleCount {
        RuleCount { code: code.into(), days, held, approved, rejected }
    }

    #[test]
    fn precision_and_the_overturned_mark_follow_the_decisions() {
        let stats = RuleStats {
            counts: vec![
                count("links.first_time", 7, 4, 3, 1),
                count("links.first_time", 90, 10, 6, 2),
                count("abuse.threat", 90, 5, 0, 4),
                count("reported", 30, 2, 1, 1),
            ],
            examples: Vec::new(),
            score: Vec::new(),
        };
        let r = RulesReport::build(&stats, 0.7, |c| c != "spam.shouting");
        let first = r.rules.iter().find(|x| x.code == "links.first_time").unwrap();
        assert_eq!(first.windows[0].precision, Some(0.25));
        assert_eq!(first.windows[2].undecided, 2);
        assert!(first.windows[0].overturned && first.overturned);
        let threat = r.rules.iter().find(|x| x.code == "abuse.threat").unwrap();
        assert_eq!(threat.windows[2].precision, Some(1.0));
        assert!(!threat.overturned);
        assert_eq!(threat.windows[0].precision, None, "no decision in 7 days");
        // Exactly half is not "more than half".
        let reported = r.rules.iter().find(|x| x.code == "reported").unwrap();
        assert!(!reported.overturned && reported.enabled.is_none());
        let shouting = r.rules.iter().find(|x| x.code == "spam.shouting").unwrap();
        assert_eq!(shouting.enabled, Some(false));
    }

    #[test]
    fn the_score_reports_precision_and_recall() {
        let stats = RuleStats {
            counts: Vec::new(),
            examples: Vec::new(),
            score: vec![ScoreCount { days: 30, true_holds: 6, false_holds: 2, missed: 3, fine_published: 50 }],
        };
        let r = RulesReport::build(&stats, 0.7, |_| true);
        let w = &r.score[1];
        assert_eq!((w.precision, w.recall), (Some(0.75), Some(6.0 / 9.0)));
        assert_eq!(r.score[0].precision, None);
    }
}
