//! The attack held up after the fact, in forms that need more than a phrase: regret that it
//! spared anyone ("the shooter should have killed more of them", "too bad he only got one",
//! "pity the bullet didn't hit the rest of them"), the same wished on others ("I hope this
//! happens to every Russian official", "this is what should happen to every puppet"), a reward
//! for whoever kills ("anyone who kills this author deserves a medal", "10k to anyone who shoots
//! the editor"), a dare whose price is death ("cross us and die", "insult the prophet and you're a
//! dead man") and doom in the passive for the reader ("you will be dealt with").
//!
//! As with the other forms, a quoted, reported, fictional or historical clause does not hold
//! (`Threats::stands`); each form names what it needs, so that "the police should have stopped
//! him before he killed anyone", "the officer who shot the gunman deserves a medal" and "stay
//! in the sun too long and you'll die" are not read as threats.
use super::{Text, Threats};

/// Words of regret that the attack did not go further: "too bad", "shame", "pity", "wish".
const REGRET: &[&str] = &["bad", "shame", "pity", "shame", "wish", "wished", "unfortunately", "sadly", "damn"];

/// Words that say more people should have been hit: "more of them", "the rest", "all of them".
const MORE: &[&str] = &["more", "rest", "all", "whole", "others", "everyone", "everybody", "too", "well", "entire"];

/// Verbs that carry the attack in this form besides the verbs of violence: "hit", "got".
const STRUCK: &[&str] = &["hit", "got", "get", "take", "took", "taken", "finish", "finished", "shot", "killed", "been"];

/// What a killer is promised: "a medal", "a hero", "a reward", "a drink", "10k".
const REWARD: &[&str] = &[
    "medal",
    "medals",
    "hero",
    "heroes",
    "reward",
    "rewarded",
    "prize",
    "bounty",
    "celebrated",
    "honoured",
    "honored",
    "favour",
    "favor",
    "service",
    "saint",
    "legend",
    "paradise",
    "heaven",
    "knighthood",
    "statue",
    "beer",
    "drink",
    "drinks",
    "thanks",
    "thanked",
    "blessed",
    // A killing to come called a pleasure: "killing you would be the highlight of my year".
    "highlight",
    "pleasure",
    "joy",
    "honour",
    "privilege",
    "worth",
];

/// Dares whose price is named after "and": "cross us and die".
const DARE: &[&str] = &[
    "cross",
    "insult",
    "mock",
    "speak",
    "criticize",
    "criticise",
    "disrespect",
    "defy",
    "touch",
    "oppose",
    "betray",
    "test",
    "mess",
    "publish",
    "write",
    "say",
    "print",
    "post",
    "come",
    "show",
    "talk",
    "report",
];

/// What a dare costs the reader, after "and": "die", "you're dead", "you won't wake up".
const PRICE: &[&[&str]] = &[
    &["die"],
    &["youre", "dead"],
    &["you", "are", "dead"],
    &["ur", "dead"],
    &["youre", "a", "dead"],
    &["you", "are", "a", "dead"],
    &["youll", "die"],
    &["you", "will", "die"],
    &["you", "die"],
    &["wont", "wake"],
    &["youll", "never", "wake"],
    &["youll", "lose", "your"],
    &["you", "will", "lose", "your"],
    &["itll", "be", "your", "last"],
    &["it", "will", "be", "your", "last"],
    &["its", "your", "last"],
    &["youll", "be", "shot"],
    &["youll", "be", "killed"],
    &["you", "will", "be", "shot"],
    &["you", "will", "be", "killed"],
    &["get", "shot"],
    &["get", "killed"],
    &["be", "shot"],
    &["be", "killed"],
    &["youll", "get", "shot"],
    &["youll", "end", "up", "dead"],
    &["you", "wont", "wake"],
    &["you", "wont", "live"],
    &["youll", "never", "walk"],
    &["youll", "never", "write"],
];

/// Participles of doom for the reader in the passive future: "you will be dealt with".
const HANDLED: &[&[&str]] = &[
    &["dealt", "with"],
    &["taken", "care", "of"],
    &["found"],
    &["hunted"],
    &["punished"],
    &["silenced"],
    &["made", "to", "pay"],
    &["made", "an", "example", "of"],
    &["got", "rid", "of"],
    &["gotten", "rid", "of"],
    &["handled"],
    &["sorted", "out"],
    &["removed"],
    &["eliminated"],
    &["erased"],
    &["next"],
];

/// Each form's bit in `Text::hit`; `implied`'s forms take bits 0-31, this module's 32-63.
const SPARED_REGRET: u32 = 32;
const SAME_WISHED: u32 = 33;
const DEALT_WITH: u32 = 34;
const REWARDED: u32 = 35;

/// The words each form of this module needs somewhere in the comment, with the form's bit in
/// `Text::hit`: a comment with none of them skips the form.
#[rustfmt::skip]
pub(super) const GATES: &[(u32, &[&[&str]])] = &[
    (SPARED_REGRET, &[&[ "should", "shouldve", "could", "couldve", "bad", "shame", "pity", "wish", "wished", "unfortunately", "sadly", "damn", "only", "why", ]]),
    (SAME_WISHED, &[&["happen", "happens", "happening", "done", "do", "does", "doing"]]),
    (DEALT_WITH, &[&["youll", "will", "shall", "going", "gonna"]]),
    (REWARDED, &[REWARD]),
];

impl Threats {
    /// The forms of this module, for the clause that starts at `start`.
    pub(super) fn aftermath_at(&self, x: &Text<'_>, start: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        if end <= start + 1 {
            return;
        }
        if violence {
            self.spared_regret_at(x, start, end, out);
            self.same_wished_at(x, start, end, out);
        }
        self.rewarded_at(x, start, end, out);
        if violence {
            self.done_again_at(x, start, end, out);
        }
        self.dare_at(x, start, end, out);
        self.handled_at(x, start, end, out);
    }

    /// "The shooter should have killed more of them", "too bad he only got one", "shame he
    /// didn't take out the whole room", "only one? should have been all of them", "why stop at
    /// one": the attack regretted for those it spared. Needs a counterfactual or regret, a verb
    /// of the attack and more people than were hit.
    fn spared_regret_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(SPARED_REGRET) {
            return;
        }
        // "why stop at one ambassador?"
        if x.is(start, &["why"]) && x.is(start + 1, &["stop"]) && x.is(start + 2, &["at", "with"]) {
            out.push((start, (start + 3).min(end - 1)));
            return;
        }
        let counterfactual = (start..end).find(|&k| {
            x.is(k, &["should", "shouldve", "could", "couldve"])
                && x.is(k + 1, &["have", "ve", "of"])
                && !x.is(k.wrapping_sub(1), &["police", "guards", "security", "they", "someone", "somebody"])
                || x.is(k, &["shouldve"])
                || REGRET.contains(&x.t[k])
                    && (x.t[k] != "bad" || x.is(k.wrapping_sub(1), &["too"]))
                    // "shame on everyone cheering this murder" condemns.
                    && !(x.t[k] == "shame" && x.is(k + 1, &["on"]))
                    && (x.t[k] != "well" || k == start)
                || x.is(k, &["only"]) && x.is(k + 1, &["got", "killed", "shot", "one", "hit", "took"])
        });
        let Some(c) = counterfactual else { return };
        let verb = (start..end)
            .find(|&k| self.violent_verb(x.t[k]).is_some() || self.done.has(x.t[k]) || STRUCK.contains(&x.t[k]));
        let more = (start..end).find(|&k| {
            MORE.contains(&x.t[k])
                && (x.t[k] != "well" || x.is(k.wrapping_sub(1), &["as"]))
                && (x.t[k] != "too" || k + 1 == end)
                && (x.t[k] != "rest" || !x.is(k + 1, &["in"]))
                || x.is(k, &["one"])
                    && (x.is(k.wrapping_sub(1), &["only", "just"]) || x.is(k.wrapping_sub(2), &["only", "just"]))
        });
        let (Some(v), Some(m)) = (verb, more) else { return };
        // Regret for the victim ("a shame he was killed") or for the attack ("should have been
        // stopped before he killed anyone") names no more people to hit.
        if (start..end).any(|k| {
            x.is(
                k,
                &[
                    "stopped",
                    "prevented",
                    "caught",
                    "arrested",
                    "protected",
                    "saved",
                    "anyone",
                    "anybody",
                    "innocent",
                    "victims",
                    "police",
                    "security",
                    "guards",
                    "sorry",
                    "rip",
                    "condolences",
                    "tragic",
                ],
            )
        }) {
            return;
        }
        out.push((c.min(v).min(m), c.max(v).max(m)));
    }

    /// "I hope this happens to every Russian official", "this is what should happen to every
    /// puppet", "hope they do the same in every embassy", "this should happen every week": the
    /// attack ("this", "the same") wished on people, or again.
    fn same_wished_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(SAME_WISHED) {
            return;
        }
        if x.question[x.clause[start]] || self.negated(x, start, end) {
            return;
        }
        let wish = (start..end).find(|&k| {
            x.is(k, &["hope", "hoping", "hopefully", "wish", "pray", "praying", "should", "must", "needs", "lets"])
        });
        let Some(w) = wish else { return };
        let happen = (w + 1..end).find(|&k| x.is(k, &["happen", "happens", "happening", "done"]));
        if let Some(h) = happen
            && (start..h).any(|k| x.is(k, &["this", "that", "it", "same"]))
        {
            // "happen to every ...", "happen every week", "happen again".
            if let Some(t) = (h + 1..(h + 5).min(end)).find(|&k| self.person_at(x, k) && !x.is(k, &["me", "us"])) {
                out.push((w.min(h), t));
                return;
            }
            if x.is(h + 1, &["every", "again", "more"]) && x.is(h + 2, &["week", "day", "month", "year", "often"]) {
                out.push((w.min(h), h + 2));
                return;
            }
        }
        // "hope they do the same in every embassy", "do the same to".
        if let Some(d) =
            (w + 1..end).find(|&k| x.is(k, &["do", "does", "doing"]) && x.is(k + 1, &["the"]) && x.is(k + 2, &["same"]))
            && x.is(d + 3, &["in", "at", "to", "with"])
            && (d + 4..(d + 7).min(end)).any(|k| self.person_at(x, k) || self.place.has(x.t[k]))
        {
            out.push((w, d + 4));
        }
    }

    /// "Someone needs to do to Putin what was done to Karlov", "let's do to Moscow what they did
    /// to Aleppo": the attack wished on others by what was done before.
    fn done_again_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.has_any(&["what"]) || self.negated(x, start, end) {
            return;
        }
        let Some(d) = (start..end).find(|&k| x.is(k, &["do", "doing"]) && x.is(k + 1, &["to"])) else { return };
        let Some(w) = (d + 2..(d + 6).min(end)).find(|&k| x.is(k, &["what"])) else { return };
        let target = (d + 2..w).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]) || self.place.has(x.t[k]));
        let done = (w + 1..(w + 5).min(end)).any(|k| x.is(k, &["done", "did", "happened"]));
        let wished = (start..d).any(|k| {
            x.is(k, &["lets", "should", "must", "needs", "need", "hope", "wish", "we", "ill", "well", "gonna", "time"])
        });
        if target && done && wished {
            out.push((d, w));
        }
    }

    /// "Anyone who kills this author deserves a medal", "whoever shoots Putin will be a hero",
    /// "10k to anyone who kills this reporter", "killing this journalist would be doing the world
    /// a favour": a reward promised for a killing to come. A killing done ("the officer who shot
    /// the gunman deserves a medal") is not a call.
    fn rewarded_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(REWARDED) && !x.t.iter().any(|w| self.money(w)) {
            return;
        }
        if self.negated(x, start, end) {
            return;
        }
        let Some(r) = (start..end).find(|&k| REWARD.contains(&x.t[k]) || self.money(x.t[k])) else { return };
        // The killer to come: "anyone who kills", "whoever shoots", "the person who kills", or a
        // gerund subject "killing this journalist".
        for v in start..end {
            let w = x.t[v];
            let Some(stem) = self.violent_verb(w) else { continue };
            let present = w.ends_with('s') || w == stem;
            let relative = present
                && (x.is(v.wrapping_sub(1), &["who", "that"])
                    && !x.is(v.wrapping_sub(2), &["ones", "police", "officer", "cop"])
                    || x.is(v.wrapping_sub(1), &["whoever"]));
            let gerund = w.ends_with("ing") && (v == start || x.is(v.wrapping_sub(1), &["by", "for", "just"]));
            if !(relative || gerund) || !self.violent_at(x, v) {
                continue;
            }
            let Some(t) = self.target_after(x, v) else { continue };
            if x.is(t, &["me", "us", "myself"]) {
                continue;
            }
            out.push((r.min(v), r.max(t)));
            return;
        }
    }

    /// A sum of money: "10k", "$500", "1000".
    /// Digits before a "k" may have been read as letters ("10k" is the token "iok").
    fn money(&self, w: &str) -> bool {
        let thousands = w.strip_suffix('k').is_some_and(|d| {
            !d.is_empty() && d.len() <= 4 && d.chars().all(|c| c.is_ascii_digit() || matches!(c, 'i' | 'o' | 'l'))
        });
        let sum = w.len() >= 3 && w.chars().all(|c| c.is_ascii_digit()) && !(w.len() == 4 && w.starts_with(['1', '2']));
        thousands || sum
    }

    /// "Cross us and die", "insult the prophet and you're a dead man", "one more lie and it'll be
    /// your last": a dare to the reader with death as its price, after "and".
    fn dare_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let opens = x.is(start, DARE)
            || x.is(start, &["one", "another"])
                && x.is(start + 1, &["more", "word", "lie", "article", "post", "story"])
            || x.is(start, &["try"]) && x.is(start + 1, &["that", "it", "this"]);
        if !opens {
            return;
        }
        for a in start + 1..end {
            if !x.is(a, &["and", "n"]) {
                continue;
            }
            if let Some(p) = PRICE.iter().find(|p| x.t.get(a + 1..a + 1 + p.len()) == Some(p)) {
                let last = a + p.len();
                // "you'll die laughing", "you'll die of boredom".
                if x.is(last + 1, &["laughing", "of", "happy", "trying", "from"]) {
                    return;
                }
                out.push((start, last));
                return;
            }
        }
    }

    /// "You will be dealt with", "you'll be taken care of", "you will be found": the reader's
    /// doom in the passive future, standing alone (not "you'll be taken care of by our staff").
    fn handled_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(DEALT_WITH) {
            return;
        }
        for k in start..end {
            let be = match x.t[k] {
                "youll" => x.is(k + 1, &["be"]).then_some(k + 2),
                "you" | "u" if x.is(k + 1, &["will", "shall"]) && x.is(k + 2, &["be"]) => Some(k + 3),
                "you" | "u" if x.is(k + 1, &["are", "re"]) && x.is(k + 2, &["going", "gonna"]) => {
                    let j = if x.is(k + 3, &["to"]) { k + 4 } else { k + 3 };
                    x.is(j, &["be"]).then_some(j + 1)
                }
                _ => None,
            };
            let Some(mut j) = be else { continue };
            while x.is(j, &["soon", "all", "quickly", "eventually", "personally", "properly"]) {
                j += 1;
            }
            let Some(p) = HANDLED.iter().find(|p| x.t.get(j..j + p.len()) == Some(p)) else { continue };
            let last = j + p.len() - 1;
            let next = last + 1;
            // Alone: at the clause's end, or before the reader, a time or a manner of harm.
            let alone = next >= end
                || x.is(next, &["soon", "eventually", "tonight", "tomorrow", "permanently", "severely", "physically"])
                || self.person.has(x.t[next]) && x.comma[next];
            if alone
                && !self.negated(x, start, j)
                && !x.question[x.clause[start]]
                && !(start..end).any(|q| self.court_at(x, q))
            {
                out.push((k, last));
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_held, none_held};

    #[test]
    fn regret_that_the_attack_spared_anyone_is_a_threat() {
        all_held(&[
            "the gunman should have killed more of them",
            "too bad he only shot one of them",
            "pity the bullet didn't hit the rest of the diplomats too",
            "he only shot one? should have been all of them",
            "why stop at one ambassador?",
        ]);
        none_held(&[
            "the police should have stopped him before he killed anyone",
            "the guards should have shot him sooner",
            "such a shame he was killed, rest in peace",
            "too bad the article doesn't say more about the gunman",
        ]);
    }

    #[test]
    fn the_attack_wished_on_others_is_a_threat() {
        all_held(&[
            "i hope this happens to every official in moscow after the shooting",
            "after the shooting this is what should happen to every puppet of the kremlin",
            "that ambassador got shot, hope they do the same in every embassy",
            "the ambassador was shot and this should happen every week",
        ]);
        none_held(&[
            "the ambassador was shot, i hope this never happens to anyone again",
            "i hope this happens to more writers, what a great prize",
        ]);
    }

    #[test]
    fn a_reward_for_a_killing_to_come_is_a_threat() {
        all_held(&[
            "anyone who kills this author deserves a medal",
            "whoever shoots the editor will be a hero",
            "10k to anyone who stabs that reporter",
            "killing this journalist would be doing the world a favour",
        ]);
        none_held(&[
            "the officer who shot the gunman deserves a medal",
            "calling him a hero is sick, nobody who kills deserves praise",
            "the firefighter who saved them deserves a medal",
        ]);
    }

    #[test]
    fn a_dare_with_death_as_its_price_is_a_threat() {
        all_held(&[
            "cross us and die",
            "insult the prophet and you're a dead man",
            "one more lie and it'll be your last",
            "try that again and you'll lose your fingers",
        ]);
        none_held(&[
            "publish the leak and you'll win a prize",
            "come to the show and you'll die laughing",
            "say something nice and you'll make her day",
        ]);
    }

    #[test]
    fn the_attack_wished_on_others_by_what_was_done_before() {
        all_held(&[
            "after the shooting someone needs to do to putin what was done to karlov",
            "the ambassador was shot, let's do to moscow what they did to aleppo",
        ]);
        none_held(&[
            "after the shooting, nobody should do to anyone what was done to karlov",
            "the ambassador was shot, what they did to aleppo was a crime",
        ]);
    }

    #[test]
    fn the_reader_s_doom_in_the_passive_is_a_threat() {
        all_held(&["you will be dealt with", "you'll be taken care of, journalist", "you are going to be found soon"]);
        none_held(&[
            "you'll be taken care of by our nurses",
            "you will be found guilty by the court",
            "you will be found in the index under K",
        ]);
    }
}
