//! Misspelled words of violence, undone before the threat rules read a comment: letters swapped
//! ("klil", "execuetd", "suffre"), a letter left out ("killd", "murdr"), a space left out
//! ("stabthose", "todie", "Deathto"). Normalizing (`super::super::normalize`) already undid case,
//! leetspeak, stretched letters and separators; this is the part that needs to know which words
//! are about violence.
use super::super::normalize::{Normalized, Token};
use super::{DONE, DOOM, FastMap, FastSet, VIOLENT};

/// Words of violence the rules look for, beyond the verb lists: nouns and forms a misspelling
/// may hit.
const MORE: &[&str] = &[
    "death",
    "killed",
    "killing",
    "murdered",
    "murdering",
    "tortured",
    "torture",
    "suffer",
    "executed",
    "execution",
    "dead",
    "die",
    "slaughtered",
    "strangled",
    "stabbed",
    "raping",
    "eradicated",
    "exterminated",
    "shooting",
];

/// The other words a threat turns on, for the same repairs: intent ("wnat", "shuold"), what is
/// deserved ("desrve", "bulet") and the people threatened ("wmoen", "pepole", "muslmis"). A
/// misspelling of these only puts the word right; it never makes a threat by itself.
#[rustfmt::skip]
const KEY: &[&str] = &[
    "want", "wants", "hope", "wish", "must", "should", "ought", "deserve", "deserves", "going", "gonna", "blood",
    "bullet", "bullets", "every", "those", "these", "whole", "women", "woman", "people", "person", "muslims",
    "muslim", "immigrants", "immigrant", "refugees", "disabled", "journalists", "journalist", "reporter",
    "reporters", "editor", "author", "traitors", "christians", "russians", "diplomats", "transgender", "writer",
    "writers", "getting", "coming", "trying", "should", "somebody", "someone",
];

/// Real words one swap away from a word of violence ("beta", "silt"): never repaired.
const REAL: &[&str] = &[
    "beta", "silt", "tera", "ides", "sings", "stung", "eaten", "hoot", "soot", "down", "strange", "sting", "droned",
    "fogged", "thees", "refuges",
];

/// Words a missing space may glue onto a word of violence: "stabthose", "hangall", "todie".
const GLUE: &[&str] = &[
    "to", "all", "those", "these", "them", "him", "her", "you", "every", "the", "their", "his", "your", "die", "kill",
    "dead", "death", "em",
];

/// Chat spellings of short words the rules read, given the token before: "u deserve 2 b shot",
/// "shoot tha writer", "dat reporter".
fn chat_spelling(w: &str, before: &str) -> Option<&'static str> {
    match w {
        "2" if matches!(
            before,
            "deserve"
                | "deserves"
                | "need"
                | "needs"
                | "want"
                | "wants"
                | "going"
                | "gonna"
                | "ought"
                | "have"
                | "has"
                | "like"
                | "love"
                | "hope"
                | "about"
                | "death"
        ) =>
        {
            Some("to")
        }
        "b" if matches!(before, "to" | "2" | "will" | "should" | "must" | "shall" | "would" | "gonna" | "ll") => {
            Some("be")
        }
        "tha" => Some("the"),
        "deserv" => Some("deserve"),
        "deservs" => Some("deserves"),
        // "deserve to dye", "gonna dye": the verb after "to" is "die".
        "dye" if matches!(before, "to" | "gonna" | "will" | "must" | "should" | "ll") => Some("die"),
        "dat" => Some("that"),
        "dis" => Some("this"),
        "dem" => Some("them"),
        _ => None,
    }
}

/// Misspellings of a word: two neighbouring letters swapped (with `swaps`), and one letter left
/// out at each position in `left_out`.
fn misspellings(w: &str, swaps: bool, left_out: std::ops::Range<usize>) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let mut out = Vec::new();
    if swaps {
        for i in 0..chars.len().saturating_sub(1) {
            if chars[i] != chars[i + 1] {
                let mut c = chars.clone();
                c.swap(i, i + 1);
                out.push(c.into_iter().collect());
            }
        }
    }
    for i in left_out {
        let mut c = chars.clone();
        c.remove(i);
        out.push(c.into_iter().collect());
    }
    out
}

/// The repairs: misspelling to word/// The repairs: misspelling to word, and the words a glued token may be split into.
#[derive(Debug, Clone)]
pub(super) struct Repair {
    fixes: FastMap<String, &'static str>,
    known: FastSet<&'static str>,
    violent: FastSet<&'static str>,
}

impl Repair {
    /// `known`: every word the threat rules know, which is never taken for a misspelling.
    pub(super) fn new(known: impl IntoIterator<Item = &'static str>) -> Self {
        let mut known: FastSet<&'static str> = known.into_iter().collect();
        let violent: FastSet<&'static str> =
            VIOLENT.iter().chain(DONE).chain(DOOM).chain(MORE).copied().filter(|w| w.len() >= 3).collect();
        known.extend(violent.iter().copied());
        known.extend(GLUE.iter().copied());
        let mut fixes: FastMap<String, &'static str> = FastMap::default();
        for &w in &violent {
            let n = w.chars().count();
            // One letter left out, not the first ("eaten" is not "beaten"); only in long words
            // ("dad" is not "dead").
            let left_out = if n >= 6 || matches!(w, "death" | "dead") { 1..n } else { 0..0 };
            for m in misspellings(w, n >= 4, left_out) {
                fixes.entry(m).or_insert(w);
            }
        }
        for &w in KEY {
            let n = w.chars().count();
            // Only letters inside the word: a word cut short is often another word ("disable").
            let left_out = if n >= 5 { 1..n - 1 } else { 0..0 };
            for m in misspellings(w, true, left_out) {
                fixes.entry(m).or_insert(w);
            }
        }
        known.extend(KEY.iter().copied());
        // A consonant doubled by mistake ("writter", "edditor"), put right only into a word of
        // violence or of the people threatened ("shoots" is not "shots", "noose" not "nose"); and
        // a dropped final g ("gettin", "killin").
        for &w in violent.iter().chain(KEY) {
            for (j, c) in w.char_indices() {
                if c.is_ascii_alphabetic() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
                    fixes.entry(format!("{}{c}{}", &w[..j], &w[j..])).or_insert(w);
                }
            }
        }
        for &w in known.iter() {
            if let Some(cut) = w.strip_suffix('g').filter(|c| c.ends_with("in") && c.len() >= 5) {
                fixes.entry(cut.to_string()).or_insert(w);
            }
        }
        fixes.retain(|k, _| !known.contains(k.as_str()) && !REAL.contains(&k.as_str()) && k.len() >= 4);
        Self { fixes, known, violent }
    }

    /// The comment's tokens with misspelled words of violence put right. A glued token becomes
    /// two tokens with the same span, so a match still points at the original text.
    pub(super) fn apply(&self, n: &Normalized) -> Option<Normalized> {
        let mut out: Vec<Token> = Vec::with_capacity(n.tokens.len());
        let mut changed = false;
        for tok in &n.tokens {
            let w = tok.text.as_str();
            let before = out.last().map_or("", |t: &Token| t.text.as_str());
            if let Some(fix) = chat_spelling(w, before) {
                out.push(Token { text: fix.to_string(), span: tok.span });
                changed = true;
                continue;
            }
            if w.len() < 4 || self.known.contains(w) || !w.chars().all(|c| c.is_ascii_lowercase()) {
                out.push(tok.clone());
                continue;
            }
            if let Some(fix) = self.fixes.get(w) {
                out.push(Token { text: (*fix).to_string(), span: tok.span });
                changed = true;
                continue;
            }
            if let Some((a, b)) = self.split(w) {
                out.push(Token { text: a.to_string(), span: tok.span });
                out.push(Token { text: b.to_string(), span: tok.span });
                changed = true;
                continue;
            }
            out.push(tok.clone());
        }
        changed.then_some(Normalized { tokens: out })
    }

    /// "stabthose" → ("stab", "those"), "todie" → ("to", "die"), "deathto" → ("death", "to").
    fn split<'w>(&self, w: &'w str) -> Option<(&'w str, &'w str)> {
        (2..w.len() - 1)
            .filter(|&i| w.is_char_boundary(i))
            .map(|i| w.split_at(i))
            .find(|(a, b)| (self.violent.contains(a) && GLUE.contains(b)) || (*a == "to" && self.violent.contains(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::normalize;
    use super::*;

    fn repaired(text: &str) -> String {
        let r = Repair::new(["women", "all", "should", "be", "i", "want", "to"]);
        let n = normalize(text);
        r.apply(&n).unwrap_or(n).tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn swapped_and_missing_letters_and_missing_spaces_are_put_right() {
        assert_eq!(repaired("I want to klil all women"), "i want to kill all women");
        assert_eq!(repaired("women should all be killd"), "women should all be killed");
        assert_eq!(repaired("Those ought to be execuetd"), "those ought to be executed");
        assert_eq!(repaired("Deaht to all women"), "death to all women");
        assert_eq!(repaired("Somebody should just stabthose women"), "somebody should just stab those women");
        assert_eq!(repaired("women deserve todie"), "women deserve to die");
        assert_eq!(repaired("I wnat to kill all wmoen"), "i want to kill all women");
        assert_eq!(repaired("those pepole shuold die"), "those people should die");
    }

    #[test]
    fn real_words_near_words_of_violence_stay() {
        assert_eq!(repaired("the beta version is down"), "the beta version is down");
        assert_eq!(repaired("she sings and the kids have eaten"), "she sings and the kids have eaten");
        assert_eq!(repaired("theme together hangover"), "theme together hangover");
    }
}
