//! Word and phrase lists matched against normalized tokens. An entry is one or more words; a word
//! ending in `*` matches any word it begins (`fuck*` matches `fucking`). Stretched words
//! (`kiiiill`) match the entry they squeeze to.
use std::collections::{BTreeSet, HashMap};

use super::normalize::{Normalized, Span, is_stretched, normalize, squeeze};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pat {
    Exact(String),
    Prefix(String),
}

impl Pat {
    fn matches(&self, token: &str) -> bool {
        match self {
            Pat::Exact(w) => token == w || (is_stretched(token) && squeeze(token) == squeeze(w)),
            Pat::Prefix(p) => {
                token.starts_with(p.as_str()) || (is_stretched(token) && squeeze(token).starts_with(&squeeze(p)))
            }
        }
    }
}

/// One list entry: the words as written, and the caller's category for it.
#[derive(Debug, Clone)]
pub struct Entry<C> {
    pub term: String,
    pub category: C,
    pats: Vec<Pat>,
}

/// Where an entry matched: token indexes (inclusive) and the original text's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub first: usize,
    pub last: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Lexicon<C> {
    entries: Vec<Entry<C>>,
    exact: HashMap<String, Vec<usize>>,
    prefix: HashMap<String, Vec<usize>>,
    prefix_lens: BTreeSet<usize>,
}

impl<C> Default for Lexicon<C> {
    fn default() -> Self {
        Self { entries: Vec::new(), exact: HashMap::new(), prefix: HashMap::new(), prefix_lens: BTreeSet::new() }
    }
}

impl<C: Clone> Lexicon<C> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry; its words go through the same normalizer as comments, so lists may be
    /// written naturally (`Check out my channel`). Empty entries are ignored.
    pub fn add(&mut self, term: &str, category: C) {
        let trimmed = term.trim();
        let (body, prefix) = match trimmed.strip_suffix('*') {
            Some(b) => (b, true),
            None => (trimmed, false),
        };
        let words: Vec<String> = normalize(body).tokens.into_iter().map(|t| t.text).collect();
        let Some(last_i) = words.len().checked_sub(1) else {
            return;
        };
        let pats: Vec<Pat> = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| if prefix && i == last_i { Pat::Prefix(w) } else { Pat::Exact(w) })
            .collect();
        let id = self.entries.len();
        match &pats[0] {
            Pat::Exact(w) => {
                self.exact.entry(w.clone()).or_default().push(id);
                self.exact.entry(squeeze(w)).or_default().push(id);
            }
            Pat::Prefix(p) => {
                for key in [p.clone(), squeeze(p)] {
                    self.prefix_lens.insert(key.chars().count());
                    self.prefix.entry(key).or_default().push(id);
                }
            }
        }
        self.entries.push(Entry { term: trimmed.to_string(), category, pats });
    }

    pub fn entry(&self, id: usize) -> Option<&Entry<C>> {
        self.entries.get(id)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn candidates(&self, token: &str, out: &mut Vec<usize>) {
        out.clear();
        let stretched = is_stretched(token);
        let sq;
        let keys: &[&str] = if stretched {
            sq = squeeze(token);
            &[token, sq.as_str()]
        } else {
            &[token]
        };
        for key in keys {
            if let Some(ids) = self.exact.get(*key) {
                out.extend_from_slice(ids);
            }
            if !self.prefix_lens.is_empty() {
                let mut n = 0;
                for (i, c) in key.char_indices() {
                    n += 1;
                    let end = i + c.len_utf8();
                    if self.prefix_lens.contains(&n)
                        && let Some(ids) = self.prefix.get(&key[..end])
                    {
                        out.extend_from_slice(ids);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Every match, in text order; one per entry and starting token.
    pub fn find(&self, text: &Normalized) -> Vec<Hit> {
        let mut hits = Vec::new();
        if self.entries.is_empty() {
            return hits;
        }
        let mut cands = Vec::new();
        for (i, tok) in text.tokens.iter().enumerate() {
            self.candidates(&tok.text, &mut cands);
            for &id in &cands {
                let pats = &self.entries[id].pats;
                let fits = pats.len() + i <= text.tokens.len()
                    && pats.iter().zip(&text.tokens[i..]).all(|(p, t)| p.matches(&t.text));
                if fits {
                    let last = i + pats.len() - 1;
                    if let Some(span) = text.span_of(i, last) {
                        hits.push(Hit { entry: id, first: i, last, span });
                    }
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_prefixes_and_phrases_match_with_spans() {
        let mut lex = Lexicon::new();
        lex.add("fuck*", 1);
        lex.add("idiot", 2);
        lex.add("check out my channel", 3);
        let text = "Fucking IDIOOOT, check out my channel";
        let hits = lex.find(&normalize(text));
        let cats: Vec<i32> = hits.iter().map(|h| lex.entry(h.entry).unwrap().category).collect();
        assert_eq!(cats, [1, 2, 3]);
        assert_eq!(&text[hits[1].span.start..hits[1].span.end], "IDIOOOT");
        assert_eq!(&text[hits[2].span.start..hits[2].span.end], "check out my channel");
    }

    #[test]
    fn a_word_does_not_match_inside_another() {
        let mut lex = Lexicon::new();
        lex.add("ass", ());
        assert!(lex.find(&normalize("the assassination of the ambassador")).is_empty());
        assert!(lex.find(&normalize("as far as I understand")).is_empty());
        assert_eq!(lex.find(&normalize("what an @sss")).len(), 1);
    }
}
