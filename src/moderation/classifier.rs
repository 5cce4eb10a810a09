//! The learned score: multinomial naive Bayes over word unigrams and bigrams and character 3- and
//! 4-grams of the normalized text, hashed into a fixed table of 2^18 buckets so memory stays
//! bounded (2 MB) however much it learns. Each feature counts once per comment. Training is
//! online (one comment at a time, from moderators' decisions) or in bulk
//! (`commentdesk classifier train`); the counts are stored in SQLite by `crate::db::moderation`.
use super::normalize::Normalized;
use super::spam::fnv1a;

pub const BUCKET_BITS: u32 = 18;
pub const BUCKETS: usize = 1 << BUCKET_BITS;
/// Additive smoothing of the counts.
const ALPHA: f64 = 0.1;
/// Characters of the normalized text that yield character n-grams; longer texts are cut.
const MAX_CHARS: usize = 2_000;

const FINE: usize = 0;
const HOLD: usize = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classifier {
    /// Per bucket: comments [fine, hold] that had a feature hashed there.
    counts: Vec<[u32; 2]>,
    /// Training comments per class.
    docs: [u64; 2],
    /// Sum of all feature counts per class.
    totals: [u64; 2],
}

impl Default for Classifier {
    fn default() -> Self {
        Self::new()
    }
}

fn bucket(h: u64) -> u32 {
    // The top bits of FNV mix best.
    u32::try_from(h >> (64 - BUCKET_BITS)).unwrap_or(0)
}

/// The feature buckets of a text, sorted and without repeats.
pub fn features(n: &Normalized) -> Vec<u32> {
    let mut out = Vec::with_capacity(n.tokens.len() * 3 + 256);
    for (i, t) in n.tokens.iter().enumerate() {
        let w = fnv1a(1, t.text.as_bytes());
        out.push(bucket(w));
        if let Some(next) = n.tokens.get(i + 1) {
            out.push(bucket(fnv1a(w, next.text.as_bytes())));
        }
    }
    let mut text = String::with_capacity(MAX_CHARS + 2);
    text.push(' ');
    for t in &n.tokens {
        if text.len() + t.text.len() > MAX_CHARS {
            break;
        }
        text.push_str(&t.text);
        text.push(' ');
    }
    let bytes = text.as_bytes();
    for k in [3usize, 4] {
        for g in bytes.windows(k) {
            out.push(bucket(fnv1a(2 + k as u64, g)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// What one training step changed, detached from the classifier so it can be saved elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassifierDelta {
    pub docs: [u64; 2],
    pub totals: [u64; 2],
    pub buckets: Vec<(u32, [u32; 2])>,
}

impl Classifier {
    /// The current counts of the given buckets, with the totals, for an incremental save.
    pub fn delta(&self, buckets: &[u32]) -> ClassifierDelta {
        ClassifierDelta {
            docs: self.docs,
            totals: self.totals,
            buckets: buckets.iter().map(|&b| (b, self.bucket(b))).collect(),
        }
    }

    pub fn new() -> Classifier {
        Classifier { counts: vec![[0, 0]; BUCKETS], docs: [0, 0], totals: [0, 0] }
    }

    /// Rebuilds a classifier from stored parts; buckets out of range are ignored.
    pub fn from_parts(
        docs: [u64; 2],
        totals: [u64; 2],
        buckets: impl IntoIterator<Item = (u32, [u32; 2])>,
    ) -> Classifier {
        let mut c = Classifier { docs, totals, ..Classifier::new() };
        for (b, counts) in buckets {
            if let Some(slot) = c.counts.get_mut(b as usize) {
                *slot = counts;
            }
        }
        c
    }

    /// Training comments seen, `[fine, hold]`.
    pub fn docs(&self) -> [u64; 2] {
        self.docs
    }

    pub fn totals(&self) -> [u64; 2] {
        self.totals
    }

    pub fn bucket(&self, b: u32) -> [u32; 2] {
        self.counts.get(b as usize).copied().unwrap_or([0, 0])
    }

    /// Every bucket with a count, for saving.
    pub fn nonzero(&self) -> impl Iterator<Item = (u32, [u32; 2])> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| c[0] > 0 || c[1] > 0)
            .map(|(i, c)| (u32::try_from(i).unwrap_or(u32::MAX), *c))
    }

    /// True once each class has at least `min` training comments.
    pub fn is_trained(&self, min: u64) -> bool {
        self.docs[FINE] >= min.max(1) && self.docs[HOLD] >= min.max(1)
    }

    /// Learns one comment. Returns the buckets that changed.
    pub fn train(&mut self, n: &Normalized, hold: bool) -> Vec<u32> {
        let class = if hold { HOLD } else { FINE };
        let feats = features(n);
        for &b in &feats {
            if let Some(slot) = self.counts.get_mut(b as usize) {
                slot[class] = slot[class].saturating_add(1);
            }
        }
        self.docs[class] += 1;
        self.totals[class] += feats.len() as u64;
        feats
    }

    /// The evidence for "hold": the prior log-odds, the summed log-likelihood ratio of the
    /// features, and how many features there were.
    pub fn evidence(&self, n: &Normalized) -> (f64, f64, usize) {
        #[allow(clippy::cast_precision_loss)]
        let f = |x: u64| x as f64;
        let v = BUCKETS as f64 * ALPHA;
        let denom_fine = (f(self.totals[FINE]) + v).ln();
        let denom_hold = (f(self.totals[HOLD]) + v).ln();
        let prior = ((f(self.docs[HOLD]) + 1.0) / (f(self.docs[FINE]) + 1.0)).ln();
        let feats = features(n);
        let mut sum = 0.0;
        for &b in &feats {
            let [cf, ch] = self.bucket(b);
            sum += ((f64::from(ch) + ALPHA).ln() - denom_hold) - ((f64::from(cf) + ALPHA).ln() - denom_fine);
        }
        (prior, sum, feats.len())
    }

    /// The probability (0 to 1) that the text needs a moderator. Untrained, it is 0.5.
    ///
    /// Naive Bayes treats its thousands of overlapping n-grams as independent, which pushes the
    /// plain posterior to 0 or 1 for every text; dividing the evidence by the square root of the
    /// feature count keeps it graded, so a threshold means something. The prior (the training
    /// set's share of held comments) is left out: a site's own mix differs from any training file.
    pub fn score_normalized(&self, n: &Normalized) -> f64 {
        let (_, sum, count) = self.evidence(n);
        #[allow(clippy::cast_precision_loss)]
        let scaled = sum / (count.max(1) as f64).sqrt();
        1.0 / (1.0 + (-scaled).exp())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    /// A small labeled set written for this test: abusive or spammy (true) and civil (false).
    const TRAIN: &[(&str, bool)] = &[
        ("you are a worthless piece of garbage, get lost", true),
        ("shut your mouth you pathetic clown", true),
        ("go back where you came from, vermin", true),
        ("these people are animals and vermin", true),
        ("earn money fast at home, click the link", true),
        ("win a free phone, visit my page now", true),
        ("lol what a clown, pathetic loser", true),
        ("free followers and likes, visit my page", true),
        ("a sad day for diplomacy, my thoughts are with his family", false),
        ("the embassy was right to close as a precaution", false),
        ("the investigation should tell us whether the attacks were connected", false),
        ("I think this was terrorism and the killer should have been tried", false),
        ("thanks for the clear reporting on a confusing night", false),
        ("the ambassador served for decades, a respected diplomat", false),
        ("turkey and russia should work together on the investigation", false),
        ("security at the gallery failed, that needs answers", false),
    ];

    const TEST: &[(&str, bool)] = &[
        ("what a pathetic clown, get lost", true),
        ("visit my page for free likes", true),
        ("vermin, go back where you came from", true),
        ("the investigation into the embassy shooting should continue", false),
        ("my thoughts are with the ambassador's family", false),
        ("the gallery security needs answers", false),
    ];

    fn errors(c: &Classifier) -> usize {
        TEST.iter().filter(|(t, hold)| (c.score_normalized(&normalize(t)) >= 0.5) != *hold).count()
    }

    #[test]
    fn an_untrained_classifier_is_undecided() {
        let c = Classifier::new();
        assert!((c.score_normalized(&normalize("anything at all")) - 0.5).abs() < 1e-9);
        assert!(!c.is_trained(1));
    }

    #[test]
    fn the_score_improves_after_training_on_a_small_labeled_set() {
        let mut c = Classifier::new();
        let before = errors(&c);
        let total_before: f64 =
            TEST.iter().map(|(t, hold)| (c.score_normalized(&normalize(t)) - f64::from(u8::from(*hold))).abs()).sum();
        for (t, hold) in TRAIN {
            c.train(&normalize(t), *hold);
        }
        let total_after: f64 =
            TEST.iter().map(|(t, hold)| (c.score_normalized(&normalize(t)) - f64::from(u8::from(*hold))).abs()).sum();
        assert!(before >= 3, "an untrained filter guesses: {before}");
        assert_eq!(errors(&c), 0);
        assert!(total_after < total_before / 2.0, "{total_after} vs {total_before}");
        assert_eq!(c.docs(), [8, 8]);
    }

    #[test]
    fn stored_parts_rebuild_the_same_classifier() {
        let mut c = Classifier::new();
        for (t, hold) in TRAIN {
            c.train(&normalize(t), *hold);
        }
        let copy = Classifier::from_parts(c.docs(), c.totals(), c.nonzero().collect::<Vec<_>>());
        assert_eq!(copy, c);
    }

    #[test]
    fn features_are_bounded_and_unique() {
        let f = features(&normalize(&"word ".repeat(5000)));
        assert!(f.windows(2).all(|w| w[0] < w[1]));
        assert!(f.iter().all(|&b| (b as usize) < BUCKETS));
    }
}
