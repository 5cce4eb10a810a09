//! More forms of a threat, read over a whole clause: the place a group "belongs" ("... belong in
//! a gas chamber"), what it "deserves" ("a bullet is all they deserve"), "the only good ... is a
//! dead ...", a method of killing asked for ("bring back lynching for ..."), gladness at a
//! death ("I'd be glad if every ... got shot", "I wouldn't shed a tear if someone killed ..."),
//! no rest until they are dead, a weapon held ready for the reader ("I've got a rope ready for
//! you"), no one to be spared ("none of you will survive", "leave none of them alive") and
//! intent to see to a death ("I'll make sure every one of them dies").
//!
//! Like the other forms, a clause does not hold when it is negated (unless the negation is the
//! threat), asked, reported, quoted, or set in court or fiction (`Threats::stands`).
use super::{Text, Threats};

/// Where a group "belongs" when the writer wants it dead.
const GRAVE: &[&str] = &[
    "grave", "graves", "ground", "coffin", "coffins", "chamber", "chambers", "oven", "ovens", "morgue", "cemetery",
    "bag", "bags", "noose", "nooses", "gallows", "pyre", "stake", "dirt", "ditch", "ditches",
];

/// Nouns of a death or a way of killing someone may be said to deserve or need.
const DEATH_NOUN: &[&str] = &[
    "bullet",
    "bullets",
    "rope",
    "noose",
    "death",
    "execution",
    "hanging",
    "hangings",
    "lynching",
    "lynchings",
    "gallows",
    "guillotine",
    "firing",
    "gas",
    "chamber",
    "chambers",
    "holocaust",
    "genocide",
    "pogrom",
    "purge",
    "extermination",
    "massacre",
    "slaughter",
    "bullet",
    "beating",
    "stoning",
    "beheading",
    "beheadings",
    "bomb",
];

/// Weapons a writer may hold ready for the reader or a group.
pub(super) const WEAPON: &[&str] = &[
    "machete",
    "machetes",
    "blades",
    "gun",
    "guns",
    "rifle",
    "rifles",
    "knife",
    "knives",
    "rope",
    "noose",
    "bullet",
    "bullets",
    "machete",
    "axe",
    "blade",
    "shotgun",
    "pistol",
    "bomb",
    "ammo",
    "ammunition",
    "acid",
    "gasoline",
    "petrol",
];

/// Words that make talk of a weapon harmless: "a gun licence", "the knife for the cake".
const HARMLESS: &[&str] = &[
    "licence",
    "license",
    "licenses",
    "toy",
    "shop",
    "store",
    "range",
    "collection",
    "control",
    "law",
    "laws",
    "rights",
    "owner",
    "owners",
    "safety",
    "cake",
    "kitchen",
    "bread",
    "lend",
    "borrow",
    "sell",
    "buy",
    "photo",
    "camera",
    "lesson",
    "lessons",
    "class",
    "hunting",
    "deer",
    "pig",
    "amendment",
    "nra",
    "jump",
    "skipping",
    "dinner",
    "steak",
    "fruit",
    "trick",
    "magic",
];

impl Threats {
    /// The forms of this module, for the clause that starts at `start`.
    pub(super) fn more_at(&self, x: &Text<'_>, start: usize, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        if end <= start + 1 || x.question[x.clause[start]] {
            return;
        }
        if (start..end).any(|k| self.court_at(x, k) || self.contest_at(x, k) || x.is(k, &["penalty", "sentence"])) {
            return;
        }
        let person = |k: usize| self.person_at(x, k) && !x.is(k, &["me", "us", "myself", "i", "we"]);
        let negated = |a: usize, b: usize| self.negated(x, a, b);
        // "... belong in a gas chamber", "... belong six feet under".
        if let Some(b) = (start..end).find(|&k| x.is(k, &["belong", "belongs"]))
            && (start..b).any(person)
            && !negated(start, b + 1)
            && ((b + 1..(b + 6).min(end)).any(|k| {
                GRAVE.contains(&x.t[k]) && !x.is(k, &["ground"]) || x.is(k, &["ground"]) && x.is(k - 1, &["the"])
            }) || x.is(b + 1, &["six", "6"]) && x.is(b + 2, &["feet"]))
        {
            out.push((start, (b + 5).min(end - 1)));
            return;
        }
        // "a bullet is all they deserve", "they deserve nothing but a rope".
        if let Some(d) = (start..end).find(|&k| x.is(k, &["deserve", "deserves", "deserved", "need", "needs"]))
            && let Some(n) = (start.max(d.saturating_sub(6))..(d + 6).min(end)).find(|&k| DEATH_NOUN.contains(&x.t[k]))
            && (start..end).any(|k| person(k) || x.is(k, &["they", "he", "she", "you"]))
            && !x.is(d, &["deserved"])
            && (x.is(d, &["deserve", "deserves"]) || n > d)
            && !(n == d + 1 && x.is(n, &["death"]) && x.is(d, &["need", "needs"]))
        {
            let but = (d..n).any(|k| x.is(k, &["but", "less", "only", "except"]));
            let denied = (start..n.max(d)).any(|k| self.negation.has(x.t[k]) && !x.is(k + 1, &["but", "less"]));
            if !denied || but && !(start..d).any(|k| self.negation.has(x.t[k])) {
                out.push((d.min(n), d.max(n)));
                return;
            }
        }
        // "The only good ... is a dead ...", "dead ... are the only good ...".
        if let Some(g) = (start..end).find(|&k| x.is(k, &["good", "best"]))
            && let Some(p) = (g + 1..(g + 4).min(end)).find(|&k| person(k) || x.is(k, &["one", "ones"]))
            && let Some(d) = (p + 1..(p + 5).min(end)).find(|&k| x.is(k, &["dead"]))
            && (p + 1..d).any(|k| x.is(k, &["is", "are", "s", "re"]))
        {
            out.push((g, d));
            return;
        }
        if let Some(d) = (start..end).find(|&k| x.is(k, &["dead"]))
            && (d + 1..(d + 3).min(end)).any(person)
            && (d + 2..end).any(|k| x.is(k, &["good"]) && x.is(k.wrapping_sub(1), &["only"]))
        {
            out.push((d, end - 1));
            return;
        }
        // "bring back lynching for ...", "another holocaust for ...", "the final solution for ...".
        if let Some(n) = (start..end)
            .find(|&k| DEATH_NOUN.contains(&x.t[k]) && !x.is(k, &["death", "bomb", "gas", "bullet", "bullets", "rope"]))
            && (start..n).any(|k| {
                x.is(
                    k,
                    &[
                        "bring", "another", "solution", "need", "needs", "time", "want", "more", "answer", "support",
                        "favour", "favor", "for",
                    ],
                )
            })
            && let Some(p) = (n + 1..(n + 5).min(end))
                .find(|&k| person(k) && (k.saturating_sub(3).max(n + 1)..k).any(|j| x.is(j, &["for", "of", "on"])))
            && !negated(start, end)
            && !(start..end).any(|k| x.is(k, &["was", "were", "had", "never", "history", "nazis"]))
        {
            out.push((n, p));
            return;
        }
        self.glad_at(x, start, end, out);
        self.until_dead_at(x, start, end, out);
        self.armed_at(x, start, end, out);
        self.spared_at(x, start, end, out);
    }

    /// "I'd be glad if every ... got shot", "I wouldn't mind if they were all gassed", "I
    /// wouldn't shed a tear if someone killed the author", "I would not mind seeing ... hanged".
    fn glad_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let Some(g) = (start..end).find(|&k| {
            x.is(
                k,
                &[
                    "happy",
                    "glad",
                    "enjoy",
                    "great",
                    "nice",
                    "love",
                    "mind",
                    "care",
                    "object",
                    "complain",
                    "tear",
                    "cry",
                    "celebrate",
                    "cheer",
                    "party",
                    "sad",
                    "sorry",
                    "pleased",
                    "delighted",
                    "thrilled",
                    "happier",
                    "gladder",
                ],
            ) || x.is(k, &["day"])
                && x.is(k.wrapping_sub(1), &["my"])
                && x.is(k.wrapping_sub(2), &["make", "makes", "made"])
        }) else {
            return;
        };
        // "mind", "tear", "cry", "sad", "sorry" need their negation: "I wouldn't mind".
        let needs_not = x.is(g, &["mind", "care", "object", "complain", "tear", "cry", "sad", "sorry"]);
        // "Nothing would make me happier than seeing ...": the negation is the praise.
        let not = (start..g).any(|k| self.negation.has(x.t[k])) && !x.is(g, &["happier", "gladder"]);
        if needs_not != not {
            return;
        }
        let Some(c) = (g + 1..(g + 4).min(end)).find(|&k| x.is(k, &["if", "when", "seeing", "watching", "to", "that"]))
        else {
            return;
        };
        if x.is(c, &["to"]) && !x.is(c + 1, &["see", "watch", "hear"]) {
            return;
        }
        if self.negated(x, c, end) {
            return;
        }
        // Someone does violence to a target, or a person meets a participle of violence or death.
        for v in c + 1..end.min(c + 12) {
            if self.violent_at(x, v)
                && (v > c + 1 && x.is(v - 1, &["someone", "somebody", "anyone", "they", "you", "we", "i"]))
                && let Some(t) = self.target_after(x, v)
            {
                out.push((g, t));
                return;
            }
            let done = self.done_at(x, v) || x.is(v, &["dead", "died", "die", "dies", "burned", "burnt", "hanged"]);
            if done
                && (c + 1..v).any(|k| self.person_at(x, k) || x.is(k, &["they", "he", "she"]))
                && !(c + 1..v).any(|k| x.is(k, &["me", "us", "i", "we", "my", "our"]))
                && !x.is(v + 1, &["down", "by", "in", "of"])
            {
                out.push((g, v));
                return;
            }
        }
    }

    /// "I won't rest until every ... is dead", "I won't stop until all of them are dead".
    fn until_dead_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let Some(u) = (start..end).find(|&k| x.is(k, &["until", "till", "untill"])) else {
            return;
        };
        if !(u.saturating_sub(3).max(start)..u).any(|k| x.is(k, &["rest", "stop", "sleep", "quit", "give"])) {
            return;
        }
        if (start..u).any(|k| x.is(k, &["he", "she", "they", "police"])) {
            return;
        }
        let Some(d) = (u + 1..(u + 9).min(end))
            .find(|&k| x.is(k, &["dead", "die", "dies", "gone", "wiped", "exterminated"]) || self.done_at(x, k))
        else {
            return;
        };
        if (u + 1..d).any(|k| self.person_at(x, k) || x.is(k, &["they", "you"]))
            && !(u + 1..d).any(|k| {
                x.is(k, &["i", "me", "we", "us", "killer", "killers", "gunman", "terrorists", "responsible", "justice"])
            })
        {
            out.push((u, d));
        }
    }

    /// "I've got a rope ready for you", "I'm sharpening my knife for you", "you'd better watch
    /// out, I've got a gun": a weapon of the writer's, and the reader, in one clause.
    fn armed_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let Some(w) = (start..end).find(|&k| WEAPON.contains(&x.t[k])) else {
            return;
        };
        let reader = (start..end).find(|&k| x.is(k, &["you", "u", "your", "ur", "yours", "yall", "youd"]));
        let mine = (start..end).any(|k| x.is(k, &["i", "ive", "im", "ill", "my", "we", "weve", "were", "well", "our"]));
        let Some(r) = reader else {
            return;
        };
        if !mine
            || self.negated(x, start, end)
            || (start..end).any(|k| {
                HARMLESS.contains(&x.t[k])
                    || x.is(
                        k,
                        &["if", "when", "whether", "do", "did", "does", "need", "want", "like", "thanks", "thank"],
                    )
            })
        {
            return;
        }
        // The reader is the one it is for: "for you", "your name", not "you know I own a gun".
        let aimed = x.is(r.wrapping_sub(1), &["for", "at", "on", "in", "to", "into"])
            || x.is(r, &["your", "ur"])
                && x.is(r + 1, &["name", "names", "head", "face", "throat", "heart", "chest", "skull"])
            || (x.is(r + 1, &["better", "d", "had"]) || x.is(r, &["youd"]) && x.is(r + 1, &["better"]))
                && (start..end).any(|k| x.is(k, &["got", "have", "has", "loaded"]));
        if aimed {
            out.push((w.min(r), w.max(r)));
        }
    }

    /// "None of you will survive", "no ... will be spared", "we won't let a single ... live",
    /// "leave none of them alive", "I'll make sure every one of them dies".
    fn spared_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let none = (start..end).find(|&k| {
            x.is(k, &["none", "noone", "nobody"])
                || x.is(k, &["no"]) && (self.person_at(x, k + 1) || x.is(k + 1, &["one"]))
                || x.is(k, &["not"])
                    && x.is(k + 1, &["a", "one"])
                    && (x.is(k + 2, &["single", "one", "of"]) || self.person_at(x, k + 2))
        });
        if let Some(n) = none
            && (n..(n + 5).min(end)).any(|k| self.person_at(x, k) || x.is(k, &["you", "them", "one"]))
            && let Some(v) = (n + 1..(n + 9).min(end)).find(|&k| {
                x.is(k, &["survive", "alive"])
                    || x.is(k, &["spared"]) && !x.is(k + 1, &["the", "a", "an", "from", "of", "any"])
                    || x.is(k, &["live"]) && x.is(k + 1, &["to", "through", "past"]) && !x.is(k + 2, &["tell"])
            })
            && (start..v)
                .any(|k| x.is(k, &["will", "ll", "shall", "gonna", "going", "leave", "let"]) || x.is(k, &["be"]))
            && !(n..v).any(|k| {
                x.is(k, &["war", "crash", "accident", "disease", "cancer", "quake", "earthquake", "fire", "flood"])
            })
        {
            out.push((n, v));
            return;
        }
        // "make sure every one of them dies", "see to it that all ... are killed".
        if let Some(m) = (start..end).find(|&k| {
            x.is(k, &["sure", "ensure", "certain"]) && !x.is(k.wrapping_sub(1), &["not", "unsure"])
                || x.is(k, &["to"]) && x.is(k + 1, &["it"]) && x.is(k.wrapping_sub(1), &["see"])
        }) && (start..m).any(|k| x.is(k, &["i", "ill", "im", "we", "well", "were", "lets"]))
            && (start..m).any(|k| self.intent.has(x.t[k]) || x.is(k, &["ill", "well", "lets", "personally"]))
            && !self.negated(x, start, end)
            && let Some(d) = (m + 1..(m + 10).min(end)).find(|&k| {
                x.is(k, &["dies", "die", "dead"])
                        || self.done_at(x, k)
                        // "ends up in a ditch", "winds up in the morgue".
                        || GRAVE.contains(&x.t[k]) && (k.saturating_sub(4)..k).any(|j| x.is(j, &["up"]))
            })
            && (m + 1..d)
                .any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]) || x.is(k, &["he", "she", "they", "you"]))
            && !x.is(d + 1, &["of", "from", "in", "down", "by"])
        {
            out.push((m, d));
        }
    }
}
