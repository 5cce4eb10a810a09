//! Questions and leading phrases that carry a statement, put back into the statement before the
//! threat rules read a comment: "Should I kill all ...?" is "I should kill all ...", "Am I the
//! only one who wants to shoot ...?" is "I want to shoot ...", "Can we just hang ...?" is "let's
//! hang ...", "Doesn't everyone agree that ... should die?" is "... should die".
//!
//! A frame only counts at the start of a clause. The clause it opens is then no longer read as a
//! question (`declared`); the rewritten tokens keep the spans of the words they replace, so a
//! match still points at the original text.
use super::super::normalize::{Normalized, Token};

/// A frame's words and the words it stands for.
const FRAMES: &[(&str, &str)] = &[
    ("am i the only one who", "i"),
    ("am i the only one that", "i"),
    ("am i the only one to", "i want to"),
    ("is it wrong that", ""),
    ("is it wrong if", ""),
    ("is it bad that", ""),
    ("is it bad if", ""),
    ("is it ok that", ""),
    ("is it ok if", ""),
    ("is it okay that", ""),
    ("is it okay if", ""),
    ("is it wrong to want to", "i want to"),
    ("is it wrong to", "i want to"),
    ("is it bad to", "i want to"),
    ("who else wants to", "i want to"),
    ("who else would like to", "i want to"),
    ("who wants to help me", "lets"),
    ("who will help me", "lets"),
    ("who is with me", ""),
    ("whos with me", ""),
    ("can we please just", "lets"),
    ("can we just", "lets"),
    ("can we please", "lets"),
    ("could we just", "lets"),
    ("can we finally", "lets"),
    ("can we", "lets"),
    ("could we", "lets"),
    ("shall we just", "lets"),
    ("shall we", "lets"),
    ("why not just", "lets"),
    ("why not", "lets"),
    ("why cant we just", "lets"),
    ("why cant we", "lets"),
    ("why shouldnt we just", "lets"),
    ("why shouldnt we", "lets"),
    ("why dont we all just", "lets"),
    ("when do we start", "lets start"),
    ("when can we start", "lets start"),
    ("when can we finally start", "lets start"),
    ("when can we finally", "lets"),
    ("when can we", "lets"),
    ("when are we going to start", "lets start"),
    ("whats stopping us from", "lets"),
    ("what is stopping us from", "lets"),
    ("what are we waiting for", ""),
    ("how about we just", "lets"),
    ("isnt it time we", "lets"),
    ("isnt it time to", "time to"),
    ("is it time to", "time to"),
    ("is it not time to", "time to"),
    ("should i just", "i should"),
    ("should i", "i should"),
    ("should we just", "we should"),
    ("should we all", "we should"),
    ("doesnt everyone agree that", ""),
    ("doesnt everybody agree that", ""),
    ("dont you agree that", ""),
    ("dont you all agree that", ""),
    ("dont we all agree that", ""),
    ("wouldnt you agree that", ""),
    ("would you not agree that", ""),
    ("isnt it obvious that", ""),
    ("isnt it clear that", ""),
    ("is it not obvious that", ""),
    ("isnt it true that", ""),
    ("dont you think that", ""),
    ("wouldnt it be great if", "glad if"),
    ("wouldnt it be nice if", "glad if"),
    ("wouldnt it be good if", "glad if"),
    ("wouldnt it be better if", "glad if"),
    ("would it not be great if", "glad if"),
    ("who else thinks that", ""),
    ("who else thinks", ""),
    ("who else believes that", ""),
    ("who else believes", ""),
    ("who else agrees that", ""),
    ("who agrees that", ""),
    ("do you agree that", ""),
    ("do you all agree that", ""),
    ("would you agree that", ""),
    ("does everyone agree that", ""),
    ("can we agree that", ""),
    ("who here thinks", ""),
    ("does anyone else think that", ""),
    ("does anyone else think", ""),
    ("does anybody else think", ""),
    ("does anyone agree that", ""),
    ("does anyone else agree that", ""),
    ("anyone else think", ""),
    ("anyone agree that", ""),
    ("anyone agree", ""),
    ("anyone else agree", ""),
    ("raise your hand if you think", ""),
    ("nobody can deny that", ""),
    ("no one can deny that", ""),
    ("is it wrong to say that", ""),
    ("is it wrong to say", ""),
    ("tell me why we shouldnt", "we should"),
    ("tell me why i shouldnt", "i should"),
    ("give me one reason why we shouldnt", "we should"),
    ("give me one reason why i shouldnt", "i should"),
    ("give me one reason not to", "i want to"),
    ("why shouldnt i", "i should"),
    ("would anyone mind if i", "i will"),
    ("would anyone mind if we", "we will"),
    ("would anybody mind if i", "i will"),
    ("would anybody mind if we", "we will"),
    ("would it be wrong if i", "i will"),
    ("would it be wrong if we", "we will"),
    ("would it be so bad if i", "i will"),
    ("would it be so bad if we", "we will"),
    ("isnt it about time we", "lets"),
    ("isnt it high time we", "lets"),
    ("its time we", "lets"),
    ("its about time we", "lets"),
    ("its high time we", "lets"),
    ("the day will come when", "i hope"),
    ("the day is coming when", "i hope"),
    ("one day soon", ""),
    ("i cant wait for the day when", "i hope"),
    ("i long for the day when", "i hope"),
    ("i dream of the day when", "i hope"),
];

/// Past tenses a frame's statement turns back into the verb: "isn't it time we killed ..." is
/// "let's kill ...", "would anyone mind if I shot ..." is "I will shoot ...".
#[rustfmt::skip]
const PAST: &[(&str, &str)] = &[
    ("killed", "kill"), ("shot", "shoot"), ("hanged", "hang"), ("hung", "hang"), ("murdered", "murder"),
    ("executed", "execute"), ("stabbed", "stab"), ("burned", "burn"), ("burnt", "burn"), ("gassed", "gas"),
    ("lynched", "lynch"), ("slaughtered", "slaughter"), ("exterminated", "exterminate"), ("wiped", "wipe"),
    ("bombed", "bomb"), ("beheaded", "behead"), ("butchered", "butcher"), ("strangled", "strangle"),
    ("drowned", "drown"), ("tortured", "torture"), ("eliminated", "eliminate"), ("got", "get"),
    ("deported", "deport"), ("nuked", "nuke"), ("massacred", "massacre"), ("eradicated", "eradicate"),
];

/// The frames, split into words.
#[derive(Debug, Clone)]
pub(super) struct Frames {
    frames: Vec<(Vec<&'static str>, Vec<&'static str>)>,
}

impl Frames {
    pub(super) fn new() -> Self {
        let split = |s: &'static str| s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>();
        Self { frames: FRAMES.iter().map(|(f, r)| (split(f), split(r))).collect() }
    }

    /// The tokens with every frame that opens a clause put back into its statement, and the
    /// index of the first token of each clause that was so put back; None when no frame opens a
    /// clause. `starts`: the first token of each clause.
    pub(super) fn apply(&self, n: &Normalized, starts: &[usize]) -> Option<(Normalized, Vec<usize>)> {
        let mut out: Vec<Token> = Vec::with_capacity(n.tokens.len());
        let mut declared = Vec::new();
        let mut i = 0;
        let mut changed = false;
        while i < n.tokens.len() {
            if starts.contains(&i)
                && let Some((f, r)) = self
                    .frames
                    .iter()
                    .find(|(f, _)| f.iter().enumerate().all(|(j, w)| n.tokens.get(i + j).is_some_and(|t| t.text == *w)))
            {
                declared.push(out.len());
                for (j, w) in r.iter().enumerate() {
                    let span = n.tokens[i + j.min(f.len() - 1)].span;
                    out.push(Token { text: (*w).to_string(), span });
                }
                i += f.len();
                changed = true;
                // Only where the frame made a statement of intent ("let's", "I will", "we will").
                if matches!(r.last(), Some(&("lets" | "will")))
                    && let Some(tok) = n.tokens.get(i)
                    && let Some((_, base)) = PAST.iter().find(|(p, _)| *p == tok.text)
                {
                    out.push(Token { text: (*base).to_string(), span: tok.span });
                    i += 1;
                }
                continue;
            }
            out.push(n.tokens[i].clone());
            i += 1;
        }
        changed.then_some((Normalized { tokens: out }, declared))
    }
}
