//! Abusive language: slurs, profanity and insults from a curated list (`lists/abuse.txt`), and
//! threats of violence recognised by what a clause says (see [`super::threat`]). Words about
//! violence alone never hold a comment: "the gunman was shot and killed" is news; "I will kill
//! you" is a threat.
use super::lexicon::{Hit, Lexicon};
use super::normalize::{Normalized, Span};
use super::threat::{Threats, WordSet};
use super::{Action, Finding};

/// The curated list, compiled in. See the file's header for what it is for and what it leaves out.
const ABUSE_LIST: &str = include_str!("lists/abuse.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Slur,
    Profanity,
    Insult,
    /// Swearing that holds only when aimed at someone ("fuck you"), not as an intensifier
    /// ("this song is fucking great"); reported as profanity.
    Mild,
    /// A phrase in which a listed word is not abuse ("pussy willow", "rotary hoe", "pack of
    /// fags"): a listed word inside it does not hold. Never held itself.
    Harmless,
}

impl Category {
    fn code(self) -> &'static str {
        match self {
            Category::Slur => "abuse.slur",
            Category::Profanity | Category::Mild | Category::Harmless => "abuse.profanity",
            Category::Insult => "abuse.insult",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Category::Slur => "a slur",
            Category::Profanity | Category::Mild | Category::Harmless => "profanity",
            Category::Insult => "a personal insult",
        }
    }
}

/// Words that aim mild swearing and put-downs at someone.
#[derive(Debug, Clone)]
struct Aim {
    /// Words that insult when aimed at the reader ("you are so stupid").
    put_down: WordSet,
    second_person: WordSet,
    /// Words near mild swearing that aim it at someone: "fuck you", "fuck off", "fuck them".
    aimed_after: WordSet,
    /// Words before mild swearing that aim it at the reader: "you fucking liar", "ur shit".
    aimed_before: WordSet,
}

impl Aim {
    fn new() -> Self {
        Self {
            put_down: WordSet::new(&[
                "stupid",
                "dumb",
                "ugly",
                "pathetic",
                "worthless",
                "loser",
                "losers",
                "clown",
                "clowns",
                "fool",
                "fools",
                "ignorant",
                "disgusting",
                "trash",
                "garbage",
                "scum",
                "vermin",
                "subhuman",
                "freak",
                "freaks",
                "lowlife",
                "brainless",
                "retarded",
            ]),
            second_person: WordSet::new(&["you", "u", "ya", "yall", "your", "ur", "youre"]),
            aimed_after: WordSet::new(&[
                "you",
                "u",
                "ya",
                "yall",
                "ye",
                "your",
                "ur",
                "youre",
                "yourself",
                "urself",
                "yourselves",
                "off",
                "him",
                "her",
                "them",
                "em",
                "yo",
                "outta",
            ]),
            aimed_before: WordSet::new(&["you", "u", "ya", "yall", "your", "ur", "youre", "go", "shut"]),
        }
    }
}

impl Aim {
    /// True when the mild swear at tokens `first..=last` is aimed at someone: a person word just
    /// after it ("fuck you", "fuck all of them", "fuck off") or the reader just before it ("you
    /// fucking liar", "go fuck yourself", "shut the fuck up").
    fn aimed(&self, n: &Normalized, first: usize, last: usize) -> bool {
        let t = &n.tokens;
        let after = (last + 1..t.len().min(last + 4)).any(|k| self.aimed_after.has(&t[k].text));
        let before = (first.saturating_sub(2)..first).any(|k| self.aimed_before.has(&t[k].text));
        after || before
    }

    /// Spans of put-downs aimed at the reader: "you are so stupid", "ur a pathetic loser".
    fn put_downs(&self, n: &Normalized) -> Vec<Span> {
        let t: Vec<&str> = n.tokens.iter().map(|t| t.text.as_str()).collect();
        let mut spans = Vec::new();
        for i in 0..t.len() {
            if !self.second_person.has(t[i]) {
                continue;
            }
            let mut j = i + 1;
            while j < t.len()
                && j <= i + 4
                && matches!(
                    t[j],
                    "are"
                        | "r"
                        | "re"
                        | "is"
                        | "a"
                        | "an"
                        | "so"
                        | "such"
                        | "really"
                        | "fucking"
                        | "complete"
                        | "total"
                        | "bunch"
                        | "of"
                        | "just"
                        | "the"
                        | "most"
                        | "very"
                        | "pack"
                )
            {
                j += 1;
            }
            if j < t.len()
                && self.put_down.has(t[j])
                && let Some(s) = n.span_of(i, j)
            {
                spans.push(s);
            }
        }
        spans
    }
}

/// The abusive-language check.
#[derive(Debug, Clone)]
pub struct AbuseCheck {
    words: Lexicon<Category>,
    threats: Threats,
    aim: Aim,
    /// Dutch words that are not English ones: "hoe" is Dutch for "how", so in a comment written
    /// in Dutch it is not the English slur.
    dutch: WordSet,
}

/// Words common in Dutch and not English words (nor English slang), for telling a Dutch comment.
/// ("van", "dan" and "wie", Dutch too, are left out: an English word or name, and German's "how".)
const DUTCH: &[&str] = &[
    "ik", "jij", "je", "het", "een", "niet", "wat", "zijn", "voor", "met", "ook", "maar", "nog", "wel", "naar", "bij",
    "ze", "mijn", "moet", "weer", "hij", "heeft", "hebben", "wordt", "worden", "kan", "geen", "door", "nu", "zich",
    "dit", "deze", "waarom", "omdat", "zoals", "heel", "veel", "gaat", "doen", "weet", "zei", "werd", "alweer",
    "steeds",
];

/// Distinct Dutch words that make a comment read as Dutch.
const DUTCH_WORDS_NEEDED: usize = 3;

impl AbuseCheck {
    /// The compiled-in lists.
    pub fn builtin() -> Self {
        let mut words = Lexicon::new();
        let mut category = Category::Profanity;
        for line in ABUSE_LIST.lines() {
            let line = line.trim();
            match line {
                "" => {}
                l if l.starts_with('#') => {}
                "[slur]" => category = Category::Slur,
                "[profanity]" => category = Category::Profanity,
                "[insult]" => category = Category::Insult,
                "[mild]" => category = Category::Mild,
                "[harmless]" => category = Category::Harmless,
                l => words.add(l, category),
            }
        }
        Self { words, threats: Threats::new(), aim: Aim::new(), dutch: WordSet::new(DUTCH) }
    }

    /// True when the comment reads as Dutch: enough distinct Dutch words that are not English.
    fn reads_as_dutch(&self, n: &Normalized) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        for t in &n.tokens {
            if self.dutch.has(&t.text) && !seen.contains(&t.text.as_str()) {
                seen.push(&t.text);
                if seen.len() >= DUTCH_WORDS_NEEDED {
                    return true;
                }
            }
        }
        false
    }

    /// Findings for words in the list (when `words` is on) and for threats (when `threats` is on).
    pub fn check(&self, body: &str, n: &Normalized, words: bool, threats: bool, out: &mut Vec<Finding>) {
        if threats {
            let spans = self.threats.find(body, n);
            if !spans.is_empty() {
                out.push(Finding {
                    code: "abuse.threat".into(),
                    message: format!("Reads as a threat of violence: {}.", quote(body, &spans)),
                    action: Action::Hold,
                    spans,
                });
            }
        }
        if words {
            let hits = self.listed_hits(n);
            let category = |h: &Hit| {
                self.words.entry(h.entry).map(|e| match e.category {
                    Category::Mild if self.aim.aimed(n, h.first, h.last) => Category::Profanity,
                    c => c,
                })
            };
            for cat in [Category::Slur, Category::Profanity, Category::Insult] {
                let mut spans: Vec<Span> = hits.iter().filter(|h| category(h) == Some(cat)).map(|h| h.span).collect();
                spans.sort_by_key(|s| (s.start, s.end));
                if cat == Category::Insult {
                    spans.extend(self.aim.put_downs(n));
                    spans.sort_by_key(|s| (s.start, s.end));
                    spans.dedup();
                }
                if !spans.is_empty() {
                    out.push(Finding {
                        code: cat.code().into(),
                        message: format!("Contains {}: {}.", cat.describe(), quote(body, &spans)),
                        action: Action::Hold,
                        spans,
                    });
                }
            }
        }
    }

    /// True when the text (an author's name, say) holds a listed word.
    pub fn has_listed_word(&self, n: &Normalized) -> bool {
        !self.listed_hits(n).is_empty()
    }

    /// The listed words in the text, but those inside a harmless phrase (which go too) and the
    /// Dutch "hoe" (how) in a comment written in Dutch.
    fn listed_hits(&self, n: &Normalized) -> Vec<Hit> {
        let mut hits = self.words.find(n);
        let harmless: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| self.words.entry(h.entry).is_some_and(|e| e.category == Category::Harmless))
            .map(|h| (h.first, h.last))
            .collect();
        hits.retain(|h| !harmless.iter().any(|&(first, last)| first <= h.first && h.last <= last));
        if hits.iter().any(|h| self.is_word(h, "hoe")) && self.reads_as_dutch(n) {
            hits.retain(|h| !self.is_word(h, "hoe"));
        }
        hits
    }

    /// True when the hit is the listed term `term`.
    fn is_word(&self, h: &Hit, term: &str) -> bool {
        self.words.entry(h.entry).is_some_and(|e| e.term == term)
    }
}

/// The matched passages of the original text, quoted, at most five.
pub(crate) fn quote(body: &str, spans: &[Span]) -> String {
    let mut parts: Vec<String> = spans
        .iter()
        .take(5)
        .filter_map(|s| body.get(s.start..s.end))
        .map(|s| {
            let short: String = s.chars().take(60).collect();
            format!("“{short}”")
        })
        .collect();
    parts.dedup();
    if spans.len() > 5 {
        parts.push(format!("and {} more", spans.len() - 5));
    }
    parts.join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        AbuseCheck::builtin().check(text, &normalize(text), true, true, &mut out);
        out.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn threats_against_a_person_are_held() {
        for t in [
            "You will pay with your life",
            "I will kill you",
            "i'll k1ll u",
            "I will k.i.l.l you",
            "I'm gonna KIIIILL you",
            "someone should shoot him",
            "I hope you die",
            "hope you rot",
            "we are going to hang them all",
            "he should be shot",
            "y\u{43e}u will pay with y\u{43e}ur life",
            "i will ki\u{200d}ll you",
            "kys",
        ] {
            assert_eq!(codes(t), ["abuse.threat"], "{t}");
        }
    }

    #[test]
    fn reporting_on_violence_is_not_a_threat() {
        for t in [
            "The gunman was shot and killed",
            "Karlov's killer should have been tried",
            "He threatened to kill the ambassador",
            "The shooting at the embassy was terrorism, and Karlov's killer should have been tried.",
            "Do you think this shooting is terror-related? I think the assassination was planned.",
            "Everyone who has taken part in this oppression will one by one pay for it, he said.",
            "Only death will remove me from here.",
            "I would kill for a quiet week. You are dead wrong about the embassy.",
            "I hope they find out who killed him.",
            "The assassin shot him dead at the gallery and was later killed by police.",
            "I hope the killer rots in hell.",
        ] {
            assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
        }
    }

    #[test]
    fn slurs_profanity_and_insults_are_held_through_evasions() {
        assert_eq!(codes("you f*cking idiot"), ["abuse.insult"]);
        assert_eq!(codes("fuuuuck you"), ["abuse.profanity"]);
        assert_eq!(codes("F.U.C.K them all"), ["abuse.profanity"]);
        assert_eq!(codes("you sh1t"), ["abuse.profanity"]);
        assert_eq!(codes("b\u{456}tch"), ["abuse.profanity"]);
        assert_eq!(codes("Ｆａｇｇｏｔ"), ["abuse.slur"]);
        assert_eq!(codes("you m\u{43e}r\u{43e}n"), ["abuse.insult"]);
        assert_eq!(codes("fu\u{200b}ck off"), ["abuse.profanity"]);
        // Respellings of listed slurs.
        assert_eq!(codes("wassup my nicca"), ["abuse.slur"]);
        assert_eq!(codes("bunch of white trash"), ["abuse.slur"]);
    }

    #[test]
    fn words_that_describe_an_idea_or_praise_are_not_insults() {
        // "idiot" insults a person; "idiotic" and "moronic" judge an opinion or a decision.
        assert_eq!(codes("you idiot"), ["abuse.insult"]);
        for t in ["What an idiotic decision by the ministry", "a moronic policy", "that stunt was badass"] {
            assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
        }
    }

    #[test]
    fn mild_swearing_holds_only_when_aimed_at_someone() {
        for t in ["fuck off", "go fuck yourself", "you fucking liar", "shut the fuck up", "fuck all of you"] {
            assert_eq!(codes(t), ["abuse.profanity"], "{t}");
        }
        for t in ["this song is fucking great", "holy shit, two billion views", "what the fuck happened here"] {
            assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
        }
    }

    #[test]
    fn findings_carry_spans_of_the_original_text() {
        let text = "Well, I will k.i.l.l you, m\u{43e}r\u{43e}n";
        let mut out = Vec::new();
        AbuseCheck::builtin().check(text, &normalize(text), true, true, &mut out);
        let threat = &out[0];
        assert_eq!(&text[threat.spans[0].start..threat.spans[0].end], "I will k.i.l.l you");
        let insult = &out[1];
        assert_eq!(&text[insult.spans[0].start..insult.spans[0].end], "m\u{43e}r\u{43e}n");
        assert!(insult.message.contains("m\u{43e}r\u{43e}n"));
    }

    #[test]
    fn put_downs_aimed_at_the_reader_are_insults_but_the_words_alone_are_not() {
        assert_eq!(codes("you are so stupid"), ["abuse.insult"]);
        assert_eq!(codes("ur a pathetic l0ser"), ["abuse.insult"]);
        assert!(codes("That was a stupid decision by the embassy's security team.").is_empty());
    }

    #[test]
    fn listed_words_inside_harmless_phrases_pass_and_hold_elsewhere() {
        for t in [
            "Stop pussy footin' and tell us who let the gunman in",
            "the pussy willows are out early this year",
            "Dad ran a rotary hoe over the corn after the freeze",
            "I only went out for a pack of fags and saw the police cordon",
            "Pussy Riot were jailed for a song in a Moscow cathedral.",
            "Dick Cheney said the same about Iraq in 2003.",
            "She graduated summa cum laude from the Ankara law school.",
            "Russia and Turkey expel diplomats, tit for tat.",
            "Injun Joe is the villain of Tom Sawyer.",
        ] {
            assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
        }
        // "pussy cat" stays: on the datasets it calls people cowards more often than it means a cat.
        for t in ["you are a pussy", "she is a hoe", "look at those fags", "You and your boys are some pussy cats"] {
            assert!(!codes(t).is_empty(), "{t}");
        }
        // A harmless phrase spares only the word inside it.
        assert_eq!(codes("the pussy willows, you pussy"), ["abuse.profanity"]);
        let mut names = AbuseCheck::builtin();
        assert!(!names.has_listed_word(&normalize("pussy willow lover")));
        assert!(names.has_listed_word(&normalize("hoe")));
        names.dutch = WordSet::new(&[]);
        assert!(!names.reads_as_dutch(&normalize("ik weet niet hoe")));
    }

    #[test]
    fn hoe_in_a_comment_written_in_dutch_means_how() {
        for t in [
            "Ik vraag me al maanden af hoe de pers zich zo kan gedragen",
            "Och hoe wonderbaarlijk dat Jan het alweer met een BNer aan de stok heeft",
            "Dreigdwergen en de Roze Khmer: hoe Twitter een slagveld werd, zei hij",
        ] {
            assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
        }
        // English with a stray Dutch-looking word, or French "je", is still English; so is a
        // van with Dan in it.
        for t in ["you are a hoe", "je ne sais quoi, you hoe", "Het is what it is, she is a hoe", "Dan van je hoe"] {
            assert_eq!(codes(t), ["abuse.profanity"], "{t}");
        }
        // Other listed words are held in Dutch comments too.
        assert_eq!(codes("Ik weet niet hoe, maar je bent een bitch"), ["abuse.profanity"]);
    }

    #[test]
    fn civil_words_that_contain_listed_ones_pass() {
        assert!(codes("The assassination in Ankara; the class assessed Scunthorpe's cocktail hour").is_empty());
    }
}
