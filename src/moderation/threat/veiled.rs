//! Veiled threats that need more than a fixed phrase: a warning with its condition ("keep
//! writing and you'll find out what happens", "one more article like this and you're done", "if
//! I ever see you in the street, you will regret it") and a death held ready for the reader
//! ("there's a bullet waiting for you", "a rope awaits every one of you").
//!
//! A warning needs both parts: a condition the reader controls, and a consequence for the reader
//! that names no good outcome ("... and you'll win a Pulitzer" is praise). As with the other
//! forms, a negated, asked, quoted or reported clause does not hold (`Threats::stands`).
use super::{Text, Threats};

/// Words that open the condition of a warning: "keep writing", "one more article", "another
/// word", "if I ever see you", "try it", "publish".
const CONDITION: &[&str] =
    &["keep", "one", "another", "if", "unless", "try", "publish", "write", "print", "say", "post"];

/// What a warning promises the reader: "you'll find out what happens", "you're done", "you'll
/// regret it", "you'll get the same", "you'll be sorry".
#[rustfmt::skip]
const CONSEQUENCE: &[&[&str]] = &[
    &["find", "out", "what", "happens"], &["see", "what", "happens"], &["regret", "it"], &["be", "sorry"], &["sorry"],
    &["get", "the", "same"], &["get", "what"], &["done"], &["finished"], &["history"], &["next"],
    &["be", "next"], &["wish", "you", "hadnt"], &["wish", "you", "never"], &["pay"], &["wont", "live"],
    &["regret", "the", "day"], &["find", "out"], &["be", "the", "next"], &["regret", "being"], &["regret", "ever"], &["regret", "writing"],
];

/// Nouns of a death held ready: "a bullet waiting for you".
const READY: &[&str] = &[
    "bullet",
    "bullets",
    "rope",
    "noose",
    "grave",
    "coffin",
    "knife",
    "blade",
    "bomb",
    "gallows",
    "body",
    "bag",
    "fate",
    "death",
    "end",
    "posts",
    "lampposts",
    "lampost",
    "drawer",
    "trees",
    "tree",
    "cemetery",
    "morgue",
    "graves",
    "coffins",
    "noose",
    "nooses",
];

impl Threats {
    /// The forms of this module, for the clause that starts at `start`.
    pub(super) fn veiled_at(&self, x: &Text<'_>, start: usize, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        if end <= start + 1 || x.question[x.clause[start]] {
            return;
        }
        self.warning_at(x, start, end, out);
        self.ready_at(x, start, end, out);
        self.dangerous_at(x, start, end, out);
        self.sent_home_dead_at(x, start, end, out);
        self.disappear_at(x, start, end, out);
    }

    /// "Make the editor disappear": an order or intent to make a person vanish, not a problem.
    fn disappear_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let Some(m) = (start..end).find(|&k| x.is(k, &["make", "making"])) else { return };
        let Some(d) = (m + 2..(m + 7).min(end)).find(|&k| x.is(k, &["disappear", "vanish"])) else { return };
        if (m + 1..d).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us", "myself"])) && !self.negated(x, start, d) {
            out.push((m, d));
        }
    }

    /// "Send the editor back to Moscow in a box": an order to send someone home dead.
    fn sent_home_dead_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.is(start, &["send", "ship"]) || !(start + 1..(start + 4).min(end)).any(|k| self.person_at(x, k)) {
            return;
        }
        let dead = (start + 2..end.saturating_sub(2)).find(|&k| {
            x.is(k, &["in"])
                && x.is(k + 1, &["a", "his", "her", "their", "your"])
                && x.is(k + 2, &["box", "coffin", "casket", "coffins", "boxes", "bag", "bags"])
        });
        if let Some(d) = dead {
            out.push((start, d + 2));
        }
    }

    /// "It's a dangerous city for people like you": danger pointed at the reader and their
    /// kind, not at everyone ("dangerous for people like you and me").
    fn dangerous_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let Some(d) = (start..end).find(|&k| x.is(k, &["dangerous", "unsafe", "deadly"])) else { return };
        // "dangerous for people like you", "a dangerous job, especially for you".
        let like = (d + 1..end.saturating_sub(1)).find(|&k| {
            x.is(k, &["like"]) && x.is(k + 1, &["you", "u", "yourself"])
                || x.is(k, &["for"]) && x.is(k + 1, &["you", "u"]) && x.is(k - 1, &["especially", "particularly"])
        });
        if let Some(l) = like
            && !x.is(l + 2, &["and", "or"])
            && !self.negated(x, start, l)
        {
            out.push((d, l + 1));
        }
    }

    /// "Keep writing and you'll find out what happens", "if I ever see you, you will regret it":
    /// the condition opens the clause (a comma does not end one), the consequence is said to
    /// "you" later in it.
    fn warning_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.is(start, CONDITION) {
            return;
        }
        let condition = match x.t[start] {
            "keep" => true,
            "one" | "another" => x.is(start + 1, &["more", "word", "article", "lie", "story", "post"]),
            // "If I ever see you", "if you write again": the reader is in the condition.
            "if" | "unless" => (start + 1..(start + 6).min(end)).any(|k| x.is(k, &["you", "u"])),
            "try" => x.is(start + 1, &["it", "that", "me"]),
            _ => x.is(start + 1, &["another", "one", "again"]),
        };
        if !condition {
            return;
        }
        // The consequence: "you" (or "you'll", "you're") and what follows it.
        for k in start + 2..end {
            let you = match x.t[k] {
                "youll" | "youre" | "ur" => Some(k + 1),
                "you" | "u" => {
                    let mut j = k + 1;
                    while x
                        .is(j, &["will", "ll", "are", "re", "r", "be", "gonna", "going", "to", "shall", "may", "might"])
                    {
                        j += 1;
                    }
                    (j > k + 1).then_some(j)
                }
                _ => None,
            };
            let Some(j) = you else { continue };
            if let Some(p) = CONSEQUENCE.iter().find(|p| x.t.get(j..j + p.len()) == Some(p)) {
                let last = j + p.len() - 1;
                // The negation of "you'll wish you hadn't" is part of the threat.
                if !self.negated(x, k, j) {
                    out.push((start, last));
                }
                return;
            }
        }
    }

    /// "There's a bullet waiting for you", "a rope awaits every one of them".
    fn ready_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        for k in start..end {
            if !READY.contains(&x.t[k]) {
                continue;
            }
            let waits = (k + 1..(k + 4).min(end)).find(|&j| x.is(j, &["waiting", "awaits", "await", "ready"]));
            let Some(w) = waits else { continue };
            let target = (w + 1..(w + 4).min(end)).find(|&j| self.person_at(x, j) && !x.is(j, &["me", "us"]));
            if let Some(t) = target
                && !self.negated(x, start, t)
            {
                out.push((k, t));
                return;
            }
        }
    }
}
