//! Turns a comment into lowercase word tokens that evasions cannot hide from, while keeping, for
//! every token, the byte range of the original text it came from (so the console can highlight).
//!
//! Steps, per character: zero-width and soft-hyphen characters are dropped; Cyrillic and Greek
//! lookalikes become their Latin letters; NFKD folds fullwidth and other compatibility forms and
//! splits accents off, which are then dropped; everything is lowercased. Per token: digits and
//! symbols used as letters (`k1ll`, `$hit`, `@ss`) become letters when the token also holds
//! letters; apostrophes inside words are removed (`you'll` → `youll`). Across tokens: three or
//! more single letters split by separators (`k.i.l.l`, `k i l l`, `k-i-l-l`) are joined. Letters
//! repeated three or more times (`KIIIILL`) are matched through [`squeeze`].
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub use crate::domain::comment::Span;

/// One normalized word and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub span: Span,
}

/// The tokens of a comment, in order.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub tokens: Vec<Token>,
}

impl Normalized {
    /// The span covering tokens `from..=to`.
    pub fn span_of(&self, from: usize, to: usize) -> Option<Span> {
        let a = self.tokens.get(from)?;
        let b = self.tokens.get(to)?;
        Some(Span { start: a.span.start, end: b.span.end })
    }

    /// The tokens joined by single spaces.
    pub fn joined(&self) -> String {
        let mut s = String::with_capacity(self.tokens.iter().map(|t| t.text.len() + 1).sum());
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{034F}' | '\u{180E}')
}

/// Lookalike letters from other scripts that NFKD leaves alone.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'а' | 'А' => 'a',
        'в' | 'В' => 'b',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'к' | 'К' => 'k',
        'м' | 'М' => 'm',
        'н' | 'Н' => 'h',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'с' | 'С' => 'c',
        'т' | 'Т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'і' | 'І' | 'ї' | 'Ї' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'ԁ' => 'd',
        'ɡ' => 'g',
        'ⅼ' => 'l',
        // Greek
        'α' | 'Α' => 'a',
        'β' | 'Β' => 'b',
        'ε' | 'Ε' => 'e',
        'η' | 'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'μ' | 'Μ' => 'm',
        'ν' | 'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'u',
        'χ' | 'Χ' => 'x',
        'ζ' | 'Ζ' => 'z',
        _ => return None,
    })
}

/// Digits and symbols read as letters inside a word.
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '|' => 'l',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

/// Collapses every run of a repeated character to one (`kiiill` → `kil`).
pub fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// True when some character repeats three or more times in a row: the sign of a stretched word.
pub fn is_stretched(word: &str) -> bool {
    let mut last = None;
    let mut run = 0;
    for c in word.chars() {
        if Some(c) == last {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 1;
        }
        last = Some(c);
    }
    false
}

/// A cleaned character with the original byte range it came from.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    start: usize,
    end: usize,
}

fn clean_chars(text: &str) -> Vec<Ch> {
    let mut out = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        if is_invisible(c) {
            continue;
        }
        if c.is_ascii() {
            out.push(Ch { c: c.to_ascii_lowercase(), start, end });
            continue;
        }
        if let Some(l) = confusable(c) {
            out.push(Ch { c: l, start, end });
            continue;
        }
        for d in std::iter::once(c).nfkd() {
            if is_combining_mark(d) || is_invisible(d) {
                continue;
            }
            let d = confusable(d).unwrap_or(d);
            for l in d.to_lowercase() {
                out.push(Ch { c: l, start, end });
            }
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | 'ʼ')
}

/// A word before single letters are joined: its text, span, and the cleaned-char index range.
struct Word {
    text: String,
    span: Span,
    first: usize,
    last: usize,
}

/// Normalizes a comment into tokens; see the module documentation.
pub fn normalize(text: &str) -> Normalized {
    let chars = clean_chars(text);
    let mut words: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].c.is_whitespace() {
            i += 1;
            continue;
        }
        // A raw token: a run of non-whitespace.
        let begin = i;
        while i < chars.len() && !chars[i].c.is_whitespace() {
            i += 1;
        }
        let raw = &chars[begin..i];
        let has_letter = raw.iter().filter(|ch| ch.c.is_alphabetic()).count() >= 1;
        let mut current: Option<Word> = None;
        for (k, ch) in raw.iter().enumerate() {
            let idx = begin + k;
            let prev_letter = k > 0 && current.is_some();
            let next_wordy = raw.get(k + 1).is_some_and(|n| n.c.is_alphanumeric() || leet(n.c).is_some());
            let next_letter = raw.get(k + 1).is_some_and(|n| n.c.is_alphabetic());
            // Letters stay; digits stay in tokens without letters ("2016"), else may be leet.
            let mapped = if ch.c.is_alphabetic() || (ch.c.is_ascii_digit() && !has_letter) {
                Some(ch.c)
            } else if has_letter && (prev_letter || next_wordy) {
                leet(ch.c)
            } else {
                None
            };
            // `!` and `|` end words more often than they spell them: only inside a word.
            let mapped = match (ch.c, mapped) {
                ('!' | '|' | '+', Some(_)) if !(prev_letter && next_letter) => None,
                (_, m) => m,
            };
            match mapped {
                Some(c) => {
                    let w = current.get_or_insert_with(|| Word {
                        text: String::new(),
                        span: Span { start: ch.start, end: ch.end },
                        first: idx,
                        last: idx,
                    });
                    w.text.push(c);
                    w.span.end = ch.end;
                    w.last = idx;
                }
                None if is_apostrophe(ch.c) && current.is_some() && next_wordy => {}
                None => {
                    if let Some(w) = current.take() {
                        words.push(w);
                    }
                }
            }
        }
        if let Some(w) = current.take() {
            words.push(w);
        }
    }
    Normalized { tokens: join_spelled_out(words, &chars, text) }
}

/// Joins runs of three or more one-letter words split by at most two separator characters on one
/// line (`k.i.l.l`, `k i l l`). A capital after small letters starts a new word: in "the next
/// i m m i g r a n t I see" the pronoun is not the word's last letter.
fn join_spelled_out(words: Vec<Word>, chars: &[Ch], text: &str) -> Vec<Token> {
    let upper = |w: &Word| text.get(w.span.start..w.span.end).is_some_and(|s| s.chars().all(char::is_uppercase));
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let single = |w: &Word| w.text.chars().count() == 1 && w.text.chars().all(char::is_alphabetic);
        let mut j = i;
        if single(&words[i]) {
            while j + 1 < words.len() && single(&words[j + 1]) {
                let gap = &chars[words[j].last + 1..words[j + 1].first];
                if gap.len() > 2 || gap.iter().any(|c| c.c == '\n') || !upper(&words[j]) && upper(&words[j + 1]) {
                    break;
                }
                j += 1;
            }
        }
        if j >= i + 2 {
            let text: String = words[i..=j].iter().map(|w| w.text.as_str()).collect();
            out.push(Token { text, span: Span { start: words[i].span.start, end: words[j].span.end } });
            i = j + 1;
        } else {
            let w = &words[i];
            out.push(Token { text: w.text.clone(), span: w.span });
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        normalize(s).tokens.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn case_accents_and_fullwidth_fold_to_plain_lowercase() {
        assert_eq!(words("KÏLL Ｋｉｌｌ Café"), ["kill", "kill", "cafe"]);
    }

    #[test]
    fn leetspeak_becomes_letters_but_numbers_stay_numbers() {
        assert_eq!(words("k1ll $h1t @ss"), ["kill", "shit", "ass"]);
        assert_eq!(words("at 3:50 in 2016"), ["at", "3", "50", "in", "2016"]);
        assert_eq!(words("wow! really?!!"), ["wow", "really"]);
    }

    #[test]
    fn separated_letters_are_joined() {
        assert_eq!(words("the next i m m i g r a n t I see"), ["the", "next", "immigrant", "i", "see"]);
        assert_eq!(words("K I L L them"), ["kill", "them"]);
        assert_eq!(words("k.i.l.l you"), ["kill", "you"]);
        assert_eq!(words("k i l l you"), ["kill", "you"]);
        assert_eq!(words("I am a fan"), ["i", "am", "a", "fan"]);
    }

    #[test]
    fn confusables_and_zero_width_characters_are_undone() {
        // Cyrillic о and е, and a zero-width joiner inside the word.
        assert_eq!(words("y\u{43e}u w\u{200d}ill di\u{435}"), ["you", "will", "die"]);
        assert_eq!(words("ki\u{200b}ll"), ["kill"]);
    }

    #[test]
    fn apostrophes_inside_words_are_dropped() {
        assert_eq!(words("you'll Karlov’s"), ["youll", "karlovs"]);
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Ｋｉｌｌ the k.i.l.l";
        let n = normalize(text);
        assert_eq!(&text[n.tokens[0].span.start..n.tokens[0].span.end], "Ｋｉｌｌ");
        assert_eq!(&text[n.tokens[2].span.start..n.tokens[2].span.end], "k.i.l.l");
    }

    #[test]
    fn stretched_words_squeeze() {
        assert!(is_stretched("kiiiill"));
        assert!(!is_stretched("kill"));
        assert_eq!(squeeze("kiiiill"), "kil");
    }
}
