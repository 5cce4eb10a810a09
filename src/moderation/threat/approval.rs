//! Violence wished, approved or called for in words the fixed forms miss: the writer's approval
//! ("it would be best to just drown those ...", "we would be better off if those ... were
//! eradicated", "in a just world they would all be dead", "execution is the only solution for
//! ..."), violence made lawful ("raping a ... like you should not be illegal"), life denied ("we
//! must not let any ... live") and the rhetorical question that is a call ("why don't we just get
//! rid of ...?", "what if we just killed all ...?").
//!
//! A clause holds when a word of approval comes before a predicate of violence (a verb of
//! violence in its base form, a participle after "be", "die", "suffer", "dead") and the violence
//! is aimed at a person or group; it does not hold when negated, asked, reported, set in court or
//! fiction.
use super::{Text, Threats};

/// Words of the writer's approval or wish that a predicate of violence may follow.
const APPROVAL: &[&str] = &[
    "hope",
    "hoping",
    "hopefully",
    "wish",
    "wishing",
    "pray",
    "praying",
    "deserve",
    "deserves",
    "should",
    "shud",
    "must",
    "ought",
    "oughta",
    "gotta",
    "lets",
    "best",
    "interest",
    "solution",
    "answer",
    "cure",
    "remedy",
    "vote",
    "favour",
    "favor",
    "propose",
    "suggest",
    "dare",
    "goal",
    "mission",
    "duty",
    "dream",
    "aim",
    "pleasure",
    "fun",
    "joy",
    "honour",
    "honor",
    "privilege",
    "happier",
    "support",
    "supports",
    "endorse",
    // Violence made a duty or a right: "it is halal to kill ...", "God commands us to kill ...".
    "halal",
    "permissible",
    "obligatory",
    "commands",
    "commanded",
    "obliged",
    "wrong",
];

/// Nouns of violence that stand for the act after "the only solution", "the answer".
const VIOLENCE_NOUN: &[&str] = &[
    "execution",
    "executions",
    "extermination",
    "genocide",
    "death",
    "bullet",
    "bullets",
    "hanging",
    "hangings",
    "lynching",
    "lynchings",
    "rope",
    "massacre",
    "killing",
    "murder",
    "slaughter",
    "firing",
    "gas",
    "gallows",
    "noose",
    "guillotine",
    "purge",
    "cleansing",
    "violence",
    "force",
];

/// Openers of a question that is a call or a claim, not a question: "why don't we ...?".
const RHETORICAL: &[&[&str]] = &[
    &["why", "dont", "we"],
    &["why", "not", "just"],
    &["what", "if", "we"],
    &["how", "about", "we"],
    &["isnt", "it"],
    &["am", "i", "wrong"],
    &["where", "is", "the", "mistake"],
    &["wouldnt", "it", "be"],
    &["dont", "you", "think"],
];

/// Participles that are violence only when people are their subject: "... must be destroyed".
const DESTROYED: &[&str] =
    &["destroyed", "eliminated", "erased", "removed", "purged", "cleansed", "disposed", "culled"];

/// Body parts whose breaking or cutting is violence: "had their throats cut".
const BODY: &[&str] = &[
    "throat", "throats", "neck", "necks", "head", "heads", "legs", "arms", "hands", "tongue", "tongues", "eyes",
    "skull", "skulls", "spine", "bones", "fingers", "knees", "kneecaps", "ribs", "teeth", "jaw", "jaws",
];

/// Words before a violent gerund that make it a wish or a call ("start shooting", "be killing",
/// "support hanging", "the problem ... for shooting").
const BEFORE_GERUND: &[&str] =
    &["start", "keep", "be", "than", "support", "supports", "endorse", "of", "for", "problem", "with"];
/// Words before a violent verb that make it an intent, a call or a wish ("to kill", "should hang",
/// "let's shoot", "someone kill").
const BEFORE_VERB: &[&str] = &[
    "to", "should", "shud", "must", "would", "will", "ll", "d", "lets", "us", "we", "and", "gotta", "could", "can",
    "someone", "somebody", "off",
];

impl Threats {
    /// The forms of this module, for the clause that starts at `start`.
    pub(super) fn approval_at(&self, x: &Text<'_>, start: usize, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        if end <= start + 1 {
            return;
        }
        // "Shooting journalists should be legal": the law is what is asked for.
        self.lawful_at(x, start, end, out);
        if (start..end).any(|k| self.court_at(x, k) || self.contest_at(x, k)) {
            return;
        }
        let opener = RHETORICAL.iter().find(|p| p.iter().enumerate().all(|(j, w)| x.is(start + j, &[w])));
        if x.question[x.clause[start]] && opener.is_none() {
            return;
        }
        self.approved_at(x, start, end, opener.map(|p| p.len()), out);
        self.denied_life_at(x, start, end, out);
    }

    /// Whether token `k` is a word of approval: "hope", "should", "better off", "just world",
    /// "love to", "if only", or the opener of a rhetorical question.
    fn approves(&self, x: &Text<'_>, k: usize, rhetorical: bool, start: usize) -> bool {
        let w = x.t[k];
        APPROVAL.contains(&w)
            || w == "better" && x.is(k + 1, &["off"])
            || w == "world" && x.is(k.wrapping_sub(1), &["just", "better", "perfect", "ideal"])
            || matches!(w, "love" | "like") && x.is(k + 1, &["to"]) && x.is(k.wrapping_sub(1), &["would", "d", "i"])
            || w == "only" && x.is(k.wrapping_sub(1), &["if"])
            // "if it were up to me", "if I had my way", "a world where", "the day when", "no problem".
            || w == "me" && x.is(k.wrapping_sub(1), &["to"]) && x.is(k.wrapping_sub(2), &["up"])
            || w == "way" && x.is(k.wrapping_sub(1), &["my", "our"]) && x.is(k.wrapping_sub(2), &["had", "get"])
            || w == "charge" && x.is(k.wrapping_sub(1), &["in"]) && (start..k).any(|j| x.is(j, &["i", "we", "when", "once", "if"]))
            || matches!(w, "world" | "day") && x.is(k + 1, &["where", "when"])
            || w == "problem" && x.is(k.wrapping_sub(1), &["no", "zero"])
            || w == "please" && x.is(k + 1, &["me", "us"]) && x.is(k.wrapping_sub(1), &["would", "could"])
            || w == "need" && x.is(k + 1, &["to"])
            || w == "time" && x.is(k + 1, &["to"])
            || matches!(w, "see" | "watch") && x.is(k.wrapping_sub(1), &["to"])
            // "it's about time someone shot one of them".
            || w == "time" && x.is(k.wrapping_sub(1), &["about", "high"]) && x.is(k + 1, &["someone", "somebody", "they", "we"])
            // "it would be a good thing to drown all ...", "a great idea to shoot them".
            || matches!(w, "thing" | "idea") && x.is(k.wrapping_sub(1), &["good", "great", "best", "smart", "right", "only"]) && x.is(k + 1, &["to", "if"])
            || rhetorical && k == start
    }

    /// `opener`: the length of a rhetorical question's opener ("why don't we"), if the clause has one.
    fn approved_at(
        &self,
        x: &Text<'_>,
        start: usize,
        end: usize,
        opener: Option<usize>,
        out: &mut Vec<(usize, usize)>,
    ) {
        let rhetorical = opener.is_some();
        let Some(m) = (start..end).find(|&k| self.approves(x, k, rhetorical, start)) else {
            return;
        };
        // Negation counts from just before the approval ("we must not", "nobody should"), or
        // after the opener of a rhetorical question ("why don't we").
        let from = opener.map_or(m.saturating_sub(3).max(start), |n| start + n);
        // "I have no problem killing ...": the negation is the approval.
        let from = if x.is(m, &["problem", "please", "happier", "wrong"]) { m + 1 } else { from };
        // "nothing wrong with shooting ...", not "what's wrong with shooting".
        if x.is(m, &["wrong"]) && !(x.is(m.wrapping_sub(1), &["nothing"]) && x.is(m + 1, &["with"])) {
            return;
        }
        // "the only solution for those ...": a noun of violence with a person in the clause.
        if matches!(x.t[m], "solution" | "answer" | "cure" | "remedy") {
            let noun = (start..end).find(|&k| VIOLENCE_NOUN.contains(&x.t[k]));
            let person = (m + 1..end).find(|&k| self.person_at(x, k) && !self.is_me(x, k));
            if let (Some(v), Some(p)) = (noun, person)
                && !self.negated(x, from, end)
            {
                out.push((v.min(m), p));
            }
            return;
        }
        for v in m + 1..end.min(m + 20) {
            if self.negated(x, from, v + 1) {
                return;
            }
            let Some(active) = self.predicate(x, m, v, rhetorical) else {
                continue;
            };
            let target = if active {
                self.target_after(x, v)
            } else {
                // The subject of a passive or of doom: a person between the approval and the verb,
                // or before the approval ("those ... ought to be executed").
                (start..v).rev().find(|&k| {
                    (self.person_at(x, k) || x.is(k, &["they", "he", "she", "you", "u", "yall"])) && !self.is_me(x, k)
                })
            };
            if let Some(t) = target {
                out.push((m.min(t), v.max(t)));
            }
            return;
        }
    }

    /// Whether token `v` is a predicate of violence after the approval at `m`: Some(true) for an
    /// active verb that needs its object after it, Some(false) for a passive or doom whose
    /// subject comes before.
    fn predicate(&self, x: &Text<'_>, m: usize, v: usize, rhetorical: bool) -> Option<bool> {
        let w = x.t[v];
        let prev = |k: usize| {
            // The word before `k`, skipping adverbs: "should just all be".
            let mut j = k;
            while j > m + 1
                && x.is(
                    j - 1,
                    &["just", "all", "simply", "finally", "slowly", "publicly", "really", "both", "then", "also"],
                )
            {
                j -= 1;
            }
            x.t.get(j.wrapping_sub(1)).copied().unwrap_or("")
        };
        // "get rid of", "put an end to": the word before the phrase.
        let p = match w {
            "rid" => prev(v.saturating_sub(1)),
            "end" if x.is(v.wrapping_sub(1), &["an"]) => prev(v.saturating_sub(2)),
            _ => prev(v),
        };
        if self.violent_at(x, v) {
            let base = self.violent.has(w) || w.ends_with("ing") && BEFORE_GERUND.contains(&p);
            if base && (BEFORE_VERB.contains(&p) || BEFORE_GERUND.contains(&p)) {
                return Some(true);
            }
        }
        // "what if we just killed all ...", "about time someone shot one of them".
        if (rhetorical && p == "we" || x.is(m, &["time"]) && matches!(p, "someone" | "somebody" | "they" | "we"))
            && (self.done.has(w) || self.violent_at(x, v))
        {
            return Some(true);
        }
        // "should get a bullet", "deserves a rope": the subject before gets the weapon.
        if matches!(w, "bullet" | "rope" | "noose" | "beating")
            && x.is(v.wrapping_sub(1), &["a", "the"])
            && x.is(v.wrapping_sub(2), &["get", "gets", "receive"])
        {
            return Some(false);
        }
        // "should be dragged out and shot": a participle coordinated after "be".
        let coordinated = matches!(p, "and" | "then") && (m..v).any(|k| x.is(k, &["be", "get", "been"]));
        if self.done_at(x, v)
            && (coordinated
                || matches!(p, "be" | "been" | "being" | "get" | "gets" | "getting" | "were")
                || matches!(p, "are" | "is") && x.is(m, &["world", "day", "way", "me", "charge"]))
        {
            // Not "should have been shot" (what is past), not "plans shot down".
            return (!(x.is(v.wrapping_sub(2), &["have", "ve"]) || w == "shot" && x.is(v + 1, &["down"])))
                .then_some(false);
        }
        // "I'd like to see every ... hanging from a tree".
        if matches!(w, "hanging" | "swinging" | "burning" | "dying" | "bleeding" | "suffering" | "dead" | "rotting")
            && (m..v).any(|k| x.is(k, &["see", "watch", "seeing", "watching"]))
            && !x.is(v + 1, &["out", "around", "on", "of", "wrong"])
            && (!x.is(v + 1, &["from"]) || x.is(v, &["hanging", "swinging"]))
            || DESTROYED.contains(&w) && matches!(p, "be" | "been" | "get" | "being")
        {
            return Some(false);
        }
        // "a world where all ... are dead", "the day when they are all dead".
        if w == "dead"
            && matches!(p, "are" | "were" | "is" | "was")
            && x.is(m, &["world", "day", "way", "me", "charge"])
        {
            return Some(false);
        }
        if matches!(w, "die" | "suffer" | "bleed" | "perish" | "burn" | "rot" | "dead" | "hang" | "swing")
            && (matches!(
                p,
                "to" | "will" | "would" | "should" | "must" | "ll" | "be" | "could" | "gonna" | "shall" | "may"
            ) || (m..v).any(|k| x.is(k, &["see", "watch", "let", "make", "watching", "seeing"])))
            && !x.is(v + 1, &["of", "from", "in", "out", "on", "laughing", "wrong", "tired"])
        {
            return Some(false);
        }
        // "you deserve a slow and painful death".
        if w == "death" && x.is(m, &["deserve", "deserves", "wish", "wishing"]) && v <= m + 5 {
            return Some(false);
        }
        // "had their throats cut", "get their necks broken".
        if matches!(w, "cut" | "slit" | "broken" | "snapped" | "chopped" | "smashed" | "crushed")
            && (v.saturating_sub(4)..v).any(|k| BODY.contains(&x.t[k]))
        {
            return Some(false);
        }
        None
    }

    /// "Raping a ... like you should not be illegal", "murdering you should be decriminalised".
    fn lawful_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let w = x.t[start];
        let gerund = w.ends_with("ing") && self.violent_verb(w).is_some()
            || matches!(w, "killing" | "murdering" | "raping" | "lynching" | "hanging" | "shooting");
        if !gerund {
            return;
        }
        let Some(p) = (start + 1..(start + 5).min(end)).find(|&k| self.person_at(x, k)) else {
            return;
        };
        // "Shooting the attacker was justified": a judgement of what was done.
        if (p..end).any(|k| x.is(k, &["was", "were", "wasnt", "werent", "had"])) {
            return;
        }
        let negated = (p..end).any(|k| self.negation.has(x.t[k]));
        let lawful = (p..end).any(|k| {
            x.is(
                k,
                &[
                    "legal",
                    "decriminalised",
                    "decriminalized",
                    "allowed",
                    "permitted",
                    "encouraged",
                    "rewarded",
                    "good",
                    "great",
                    "fun",
                    "hobby",
                    "favourite",
                    "favorite",
                    "duty",
                    "necessary",
                    "solution",
                    "answer",
                    "fine",
                    "ok",
                    "okay",
                    "justified",
                    "acceptable",
                    "service",
                    "needs",
                    "need",
                    "mandatory",
                    "happy",
                    "happier",
                    "proud",
                    "satisfying",
                    "enjoy",
                    "pleasure",
                    "compulsory",
                    "sport",
                ],
            )
        });
        let unlawful = (p..end).any(|k| x.is(k, &["illegal", "crime", "punished", "banned", "forbidden"]));
        if lawful && !negated || unlawful && negated {
            out.push((start, end - 1));
        }
    }

    /// "We must not let any ... live", "... like you do not deserve to live".
    fn denied_life_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        // "... to stay alive", "not one ... should be left breathing".
        let Some(v) = (start..end).find(|&k| {
            x.is(k, &["live", "survive"])
                || x.is(k, &["alive", "breathing"])
                    && x.is(k.wrapping_sub(1), &["stay", "remain", "left", "kept", "be"])
        }) else {
            return;
        };
        if x.is(v + 1, &["in", "with", "like", "on", "under", "near", "here", "there", "without", "through", "off"]) {
            return;
        }
        let rather = (start..v).any(|k| x.is(k, &["than"]) && x.is(k + 1, &["let", "allow", "see"]))
            && (start..v).any(|k| x.is(k, &["rather", "sooner"]));
        let denied = rather
            || (start..v).any(|k| {
                self.negation.has(x.t[k])
                    && (k + 1..v)
                        .any(|j| x.is(j, &["deserve", "deserves", "let", "allowed", "allow", "should", "must", "left"]))
            });
        if denied && let Some(p) = (start..v).find(|&k| self.person_at(x, k) && !self.is_me(x, k)) {
            out.push((start.min(p), v));
        }
    }

    /// The writer or the writer's side: "me", "us", not a target.
    fn is_me(&self, x: &Text<'_>, k: usize) -> bool {
        x.is(k, &["me", "us", "myself", "ourselves", "i", "we"])
    }
}
