//! Spam patterns: the same or nearly the same text again (from its author, or as a campaign), shouting in capitals, character
//! floods, self-promotion.
use super::abuse::quote;
use super::lexicon::Lexicon;
#[cfg(test)]
use super::links::find_links;
use super::normalize::{Normalized, Span, squeeze};
use super::{Action, Finding, Recent};
use crate::config::ModerationSettings;

/// Phrases that sell the author's channel, page or offer. Kept to forms a reader discussing the
/// news does not use: "subscribe to my", not "subscribe" ("I subscribe to the Times"); "share my",
/// not "please share" ("please share this article"); "make money online", not "make money".
const PROMOTION: &[&str] = &[
    "check out my",
    "check my",
    "checkout my",
    "check out our",
    "check our",
    "come check",
    "check me out",
    "go to my",
    "have a look at my",
    "check out this video on youtube",
    "check out this playlist on youtube",
    "take a look at this video on youtube",
    "check out this channel",
    "check out this you",
    "subscribe to my",
    "subscribe to me",
    "subscribe to us",
    "subscribe to our",
    "subscribe me",
    "subscribe my",
    "subscribe on me",
    "subscribe for me",
    "subscribe for more",
    "subscribe if you",
    "subscribe and like",
    "subscribe and share",
    "subscribe and i",
    "subscribe back",
    "subscribe please",
    "subscribe plz",
    "subscribe pls",
    "please subscribe",
    "pls subscribe",
    "plz subscribe",
    "pleas subscribe",
    "pleaseee subscribe",
    "suscribe",
    "subscribers please",
    "subscribes to me",
    "my first subscriber",
    "sub to my",
    "sub to me",
    "sub me",
    "sub back",
    "sub 4 sub",
    "sub for sub",
    "my channel",
    "my chanel",
    "my chanell",
    "my new channel",
    "our channel",
    "gaming channel",
    "my youtube",
    "my new video",
    "my first video",
    "my videos",
    "my video",
    "my vids",
    "our vids",
    "our app",
    "visit my",
    "follow me",
    "follow my",
    "follow this channel",
    "my website",
    "my site",
    "my blog",
    "my page",
    "my profile",
    "my music",
    "my song",
    "my songs",
    "my covers",
    "share my",
    "like and share my",
    "like and subscribe",
    "like this comment",
    "thumbs up if",
    "make money online",
    "make money fast",
    "make money from home",
    "make money at home",
    "earn money online",
    "earn money fast",
    "earn money from home",
    "earn cash",
    "a day from home",
    "an hour from home",
    "click here",
    "free gift",
    "gift card",
    "giftcard",
    "gift code",
    "free itunes",
    "free leads",
    "free stuff",
    "free downloads",
    "download now",
    "promo code",
    "promocode",
    "join now",
    "sign up now",
    "limited offer",
    "whatsapp me",
    "text me on",
];

/// Words that sell something when a link comes with them ("great game, check it out! http://...").
const LINK_PROMOTION: &[&str] = &[
    "look at my",
    "check it out",
    "check this out",
    "check this",
    "please like",
    "please visit",
    "visit this",
    "visit the site",
    "download",
];

/// Words that ask for subscribers: "help me get 100 subscribers", "subscribers please".
const SUBSCRIBERS: &[&str] = &["subscribers", "subscriber", "subs"];
const ASKING: &[&str] = &["help", "reach", "please", "plz", "pls", "become", "goal"];

/// FNV-1a, 64 bits: a fast, stable hash (the values are stored, so it must never change).
pub(crate) fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A 64-bit SimHash of the text's word pairs: small edits change few bits, so "nearly the same"
/// is a Hamming distance of at most [`NEAR`]. Numbers and stretched letters are ignored.
pub fn fingerprint(n: &Normalized) -> u64 {
    let words: Vec<String> =
        n.tokens.iter().filter(|t| !t.text.chars().all(|c| c.is_ascii_digit())).map(|t| squeeze(&t.text)).collect();
    let mut acc = [0i32; 64];
    let mut add = |h: u64| {
        for (bit, a) in acc.iter_mut().enumerate() {
            if h >> bit & 1 == 1 {
                *a += 1;
            } else {
                *a -= 1;
            }
        }
    };
    if words.len() < 2 {
        for w in &words {
            add(fnv1a(0, w.as_bytes()));
        }
    } else {
        for pair in words.windows(2) {
            let h = fnv1a(fnv1a(0, pair[0].as_bytes()), pair[1].as_bytes());
            add(h);
        }
    }
    acc.iter().enumerate().fold(0u64, |fp, (bit, a)| if *a > 0 { fp | 1 << bit } else { fp })
}

/// Fingerprints at most this many bits apart are the same text.
pub const NEAR: u32 = 3;

#[derive(Debug, Clone)]
pub struct SpamCheck {
    min_words: usize,
    campaign_min: usize,
    caps_ratio: f64,
    caps_min_letters: usize,
    flood_run: usize,
    promotion: Lexicon<()>,
    link_promotion: Lexicon<()>,
}

impl SpamCheck {
    pub fn new(s: &ModerationSettings) -> SpamCheck {
        let mut promotion = Lexicon::new();
        for p in PROMOTION {
            promotion.add(p, ());
        }
        let mut link_promotion = Lexicon::new();
        for p in LINK_PROMOTION {
            link_promotion.add(p, ());
        }
        SpamCheck {
            min_words: s.duplicate_min_words,
            campaign_min: s.duplicate_campaign_min,
            caps_ratio: s.caps_ratio,
            caps_min_letters: s.caps_min_letters,
            flood_run: s.flood_run,
            promotion,
            link_promotion,
        }
    }

    /// Both halves of the check, as the tests ask (every link counts).
    #[cfg(test)]
    pub fn check(&self, body: &str, n: &Normalized, recent: &[Recent], out: &mut Vec<Finding>) {
        let has_link = !find_links(body).is_empty();
        self.check_text(body, n, has_link, out);
        let promotes = has_link || out.iter().any(|f| f.code == "spam.promotion");
        self.check_repeats(n.tokens.len(), fingerprint(n), recent, promotes, out);
    }

    /// Repeats: a text of `words` words whose fingerprint is near one of the recent comments'.
    /// The author's own earlier copy is always a repeat; copies by others only as a campaign:
    /// `campaign_min` copies in all (this one included), or any when this one `promotes`
    /// (carries an untrusted link or self-promotion). Readers agreeing in the same words are not.
    pub fn check_repeats(&self, words: usize, fp: u64, recent: &[Recent], promotes: bool, out: &mut Vec<Finding>) {
        if words < self.min_words || recent.is_empty() {
            return;
        }
        let near = |r: &&Recent| (r.fingerprint ^ fp).count_ones() <= NEAR;
        let own = recent.iter().filter(|r| r.same_author).filter(near).count();
        let others = recent.iter().filter(|r| !r.same_author).filter(near).count();
        let campaign = others > 0 && (promotes || others + 1 >= self.campaign_min);
        if own == 0 && !campaign {
            return;
        }
        let who = match (own, others) {
            (0, o) => format!("{o} recent comment(s) by others"),
            (m, 0) => format!("{m} earlier comment(s) by the same author"),
            (m, o) => format!("{m} earlier comment(s) by the same author and {o} recent one(s) by others"),
        };
        let why = if own > 0 || !campaign {
            ""
        } else if promotes {
            ", and it carries a link or promotion"
        } else {
            ": a campaign, not readers agreeing"
        };
        out.push(Finding {
            code: "spam.duplicate".into(),
            message: format!("Nearly the same text as {who}{why}."),
            action: Action::Hold,
            spans: Vec::new(),
        });
    }

    /// The rules on the text alone: shouting, character floods, self-promotion. `has_link`:
    /// the comment has a link to a domain that is not trusted.
    pub fn check_text(&self, body: &str, n: &Normalized, has_link: bool, out: &mut Vec<Finding>) {
        let hold = |code: &str, message: String, spans: Vec<Span>| Finding {
            code: code.into(),
            message,
            action: Action::Hold,
            spans,
        };
        // Shouting and floods are style more often than spam: noted for moderators, and held
        // only when the learned score leans to "hold" too (see `Pipeline::check_with`).
        let note = |code: &str, message: String, spans: Vec<Span>| Finding {
            code: code.into(),
            message,
            action: Action::Publish,
            spans,
        };
        let (upper, letters) = body
            .chars()
            .filter(|c| c.is_alphabetic())
            .fold((0usize, 0usize), |(u, l), c| (u + usize::from(c.is_uppercase()), l + 1));
        #[allow(clippy::cast_precision_loss)]
        if letters >= self.caps_min_letters && upper as f64 >= self.caps_ratio * letters as f64 {
            out.push(note(
                "spam.shouting",
                format!("Written mostly in capitals ({upper} of {letters} letters)."),
                Vec::new(),
            ));
        }
        let floods = floods(body, self.flood_run);
        if !floods.is_empty() {
            out.push(note(
                "spam.flood",
                format!("Repeats a character {} or more times in a row.", self.flood_run),
                floods,
            ));
        }
        let mut promo: Vec<Span> = self.promotion.find(n).into_iter().map(|h| h.span).collect();
        promo.extend(asks_for_subscribers(n));
        // A lone imperative "Subscribe!" opening the comment.
        if let Some(first) = n.tokens.first()
            && matches!(first.text.as_str(), "subscribe" | "subscribers")
        {
            promo.push(first.span);
        }
        if has_link {
            promo.extend(self.link_promotion.find(n).into_iter().map(|h| h.span));
        }
        promo.sort_by_key(|s| (s.start, s.end));
        promo.dedup();
        if !promo.is_empty() {
            out.push(hold("spam.promotion", format!("Promotes the author: {}.", quote(body, &promo)), promo));
        }
    }
}

/// "Help me get 100 subscribers", "if I get 300 subscribers", "subscribers please": a word for
/// subscribers with a request in the same comment.
fn asks_for_subscribers(n: &Normalized) -> Vec<Span> {
    let t = &n.tokens;
    let Some(i) = t.iter().position(|w| SUBSCRIBERS.contains(&w.text.as_str())) else {
        return Vec::new();
    };
    let near = t.len().min(i + 6);
    if (i.saturating_sub(6)..near).any(|k| ASKING.contains(&t[k].text.as_str())) { vec![t[i].span] } else { Vec::new() }
}

/// Runs of one character, `run` long or more (whitespace aside).
fn floods(body: &str, run: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut count = 0;
    let mut last = None;
    for (i, c) in body.char_indices() {
        if Some(c) == last {
            count += 1;
        } else {
            if count >= run {
                spans.push(Span { start, end: i });
            }
            start = i;
            count = 1;
        }
        last = Some(c);
    }
    if count >= run && last.is_some_and(|c| !c.is_whitespace()) {
        spans.push(Span { start, end: body.len() });
    }
    spans.retain(|s| body[s.start..s.end].chars().next().is_some_and(|c| !c.is_whitespace()));
    spans
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn codes(body: &str, recent: &[Recent]) -> Vec<String> {
        let mut out = Vec::new();
        SpamCheck::new(&ModerationSettings::default()).check(body, &normalize(body), recent, &mut out);
        out.into_iter().map(|f| f.code).collect()
    }

    const TEXT: &str = "Turkey and Russia must find out who ordered this killing before it spreads.";

    fn others(fp: u64, n: usize) -> Vec<Recent> {
        vec![Recent { fingerprint: fp, same_author: false }; n]
    }

    #[test]
    fn the_same_author_repeating_themselves_is_held_even_when_slightly_changed() {
        let fp = fingerprint(&normalize(TEXT));
        let again = "TURKEY and Russia must find out who ordered this killing before it spreads!!";
        assert_eq!(codes(again, &[Recent { fingerprint: fp, same_author: true }]), ["spam.duplicate"]);
    }

    #[test]
    fn readers_agreeing_in_the_same_words_are_not_repeats_but_a_campaign_is() {
        let fp = fingerprint(&normalize(TEXT));
        let zero_width = "Turkey and Russia must find out who ordered this ki\u{200b}lling before it spreads.";
        // The second copy by someone else: agreement.
        assert!(codes(zero_width, &others(fp, 1)).is_empty());
        // The third copy within the window (default `duplicate_campaign_min` = 3) and on.
        assert_eq!(codes(zero_width, &others(fp, 2)), ["spam.duplicate"]);
        assert_eq!(codes(zero_width, &others(fp, 7)), ["spam.duplicate"]);
        // A second copy that carries a link or self-promotion.
        let linked = format!("{TEXT} https://example.org/x");
        let lfp = fingerprint(&normalize(&linked));
        assert_eq!(codes(&linked, &others(lfp, 1)), ["spam.duplicate"]);
        let promo = format!("{TEXT} Subscribe to my channel");
        let pfp = fingerprint(&normalize(&promo));
        assert_eq!(codes(&promo, &others(pfp, 1)), ["spam.promotion", "spam.duplicate"]);
        // A lower campaign size from the settings.
        let s = ModerationSettings { duplicate_campaign_min: 2, ..Default::default() };
        let mut out = Vec::new();
        SpamCheck::new(&s).check(zero_width, &normalize(zero_width), &others(fp, 1), &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn different_texts_and_short_ones_are_not_repeats() {
        let fp = fingerprint(&normalize(TEXT));
        let other = "The embassy was closed as a precaution; nobody was hurt by the shots.";
        assert!(codes(other, &[Recent { fingerprint: fp, same_author: true }]).is_empty());
        let short = fingerprint(&normalize("So sad."));
        assert!(codes("So sad.", &[Recent { fingerprint: short, same_author: true }]).is_empty());
    }

    #[test]
    fn shouting_and_floods_are_noted_but_acronyms_are_not() {
        assert_eq!(codes("THIS IS AN OUTRAGE AND NOBODY IS DOING ANYTHING", &[]), ["spam.shouting"]);
        assert_eq!(codes("noooooooooooooooo", &[]), ["spam.flood"]);
        assert_eq!(codes("Why?!!!!!!!!!!!!", &[]), ["spam.flood"]);
        assert!(codes("The US, UK and NATO condemned it; CNN and CNBC reported it.", &[]).is_empty());
    }

    #[test]
    fn channel_plugs_offers_and_link_drops_with_a_call_to_action_are_held() {
        for body in [
            "Please subscribe to my channel!",
            "Subscribe!",
            "hey guys check out our new video",
            "help me reach 100 subscribers",
            "Check out this video on YouTube:",
            "like this comment if you agree",
            "Free gift card codes here",
            "great game check it out! http://game.example/?ref=1",
            "look at my new designs http://shop.example/?ref=1",
            "Visit my page and follow me",
        ] {
            assert_eq!(codes(body, &[]), ["spam.promotion"], "{body}");
        }
    }

    #[test]
    fn news_readers_talking_about_subscriptions_and_sharing_are_not_promotion() {
        for body in [
            "Please share this article with anyone who thinks this was an accident.",
            "I subscribe to the Times and read their coverage every day.",
            "Banks make money from lending; that is why they lobby so hard.",
            "Many staff at the embassy now work from home for safety.",
            "The paper lost subscribers after it printed the photo.",
            "Read the full report https://www.reuters.com/world before judging.",
            "Look at my grandfather's generation: they lived through worse.",
        ] {
            assert!(codes(body, &[]).is_empty(), "{body}: {:?}", codes(body, &[]));
        }
    }

    #[test]
    fn self_promotion_is_held() {
        assert_eq!(codes("Check out my channel for more", &[]), ["spam.promotion"]);
        assert_eq!(codes("pls SUBSCRIBE", &[]), ["spam.promotion"]);
        assert_eq!(codes("Ch\u{435}ck \u{43e}ut my ch@nnel", &[]), ["spam.promotion"]);
        assert!(codes("I checked the channel's report: the ambassador was shot at a gallery.", &[]).is_empty());
    }
}
