//! The learned score: logistic regression over word unigrams and bigrams and character 3- and
//! 4-grams of the normalized text, hashed into a fixed table of 2^18 buckets so memory stays
//! bounded (3 MB with the counts) however much it learns. Each feature counts once per comment,
//! with the value 1/sqrt(features) so long and short comments weigh alike.
//!
//! Training is online (one stochastic gradient step per moderator's decision) or in bulk
//! (`commentdesk classifier train`: several passes over the file). The two classes are weighted
//! to count alike whatever their shares of the training comments, so a small kind of "hold"
//! (spam among thousands of abusive comments, say) is not drowned. The per-bucket counts of the
//! earlier naive Bayes model are still kept: they give the training totals, and a database
//! holding only counts is turned into the equivalent linear weights on load ([`Classifier::from_parts`]).
//! Weights and counts are stored in SQLite by `crate::store::sqlite::moderation`.
use super::normalize::Normalized;
use super::spam::fnv1a;

pub const BUCKET_BITS: u32 = 18;
pub const BUCKETS: usize = 1 << BUCKET_BITS;
/// Additive smoothing of the counts (for weights derived from counts).
const ALPHA: f64 = 0.1;
/// Step size of the online updates and of the first bulk pass (later passes shrink it).
const RATE: f64 = 1.0;
/// The bias moves this much slower than the weights.
const BIAS_RATE: f64 = 0.1;
/// Passes over the comments in bulk training.
pub const EPOCHS: usize = 8;
/// Characters of the normalized text that yield character n-grams; longer texts are cut.
const MAX_CHARS: usize = 2_000;

const FINE: usize = 0;
const HOLD: usize = 1;

/// How bulk training fits the weights. The defaults were chosen on the validation slice of the
/// flagging benchmark (`examples/flagging_benchmark.rs`), never on its held-out part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// Passes over the comments.
    pub epochs: usize,
    /// L2 penalty: each training comment shrinks every weight by this share (times the step).
    pub l2: f64,
    /// Keep the average of the weights over every step of every pass rather than the last
    /// ones (averaged stochastic gradient descent): steadier on comments it has not seen.
    /// Only without an L2 penalty; with one, the last weights are kept.
    pub average: bool,
    /// Step size of the first pass; pass `k` (from 0) steps `rate / (1 + k)`.
    pub rate: f64,
    /// How much more an error on a fine comment counts than one on a comment to hold, on top
    /// of the class weights that make the two classes count alike.
    pub fine_weight: f64,
}

/// The L2 penalty of bulk training by default; see [`TrainOptions`]. None yet: the flagging
/// benchmark tries penalties on its validation slice and none has beaten plain training there.
pub const L2: f64 = 0.0;
/// Whether bulk training averages the weights by default; see [`TrainOptions`].
pub const AVERAGE: bool = false;
/// The extra weight of fine comments in bulk training by default; see [`TrainOptions`].
pub const FINE_WEIGHT: f64 = 1.0;

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: EPOCHS, l2: L2, average: AVERAGE, rate: RATE, fine_weight: FINE_WEIGHT }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Classifier {
    /// Per bucket: comments [fine, hold] that had a feature hashed there.
    counts: Vec<[u32; 2]>,
    /// Training comments per class.
    docs: [u64; 2],
    /// Sum of all feature counts per class.
    totals: [u64; 2],
    /// Per bucket: the weight of the feature in the log-odds of "hold".
    weights: Vec<f32>,
    bias: f64,
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

/// The features of a text with what each stands for, for explaining a score: words, word pairs
/// and character groups ("…gro…"), as [`features`] hashes them.
fn labelled_features(n: &Normalized) -> Vec<(u32, String)> {
    let mut out = Vec::with_capacity(n.tokens.len() * 3 + 256);
    for (i, t) in n.tokens.iter().enumerate() {
        let w = fnv1a(1, t.text.as_bytes());
        out.push((bucket(w), t.text.clone()));
        if let Some(next) = n.tokens.get(i + 1) {
            out.push((bucket(fnv1a(w, next.text.as_bytes())), format!("{} {}", t.text, next.text)));
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
            // Character groups are bytes; one that splits a character is not shown.
            if let Ok(g_text) = std::str::from_utf8(g) {
                out.push((bucket(fnv1a(2 + k as u64, g)), format!("…{}…", g_text.trim())));
            }
        }
    }
    out
}

/// What one training step changed, detached from the classifier so it can be saved elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassifierDelta {
    pub docs: [u64; 2],
    pub totals: [u64; 2],
    pub bias: f64,
    /// Bucket, counts, weight.
    pub buckets: Vec<(u32, [u32; 2], f32)>,
}

/// The value of each feature of a comment with `count` features.
#[allow(clippy::cast_precision_loss)]
fn feature_value(count: usize) -> f64 {
    1.0 / (count.max(1) as f64).sqrt()
}

impl Classifier {
    /// The current counts of the given buckets, with the totals, for an incremental save.
    pub fn delta(&self, buckets: &[u32]) -> ClassifierDelta {
        ClassifierDelta {
            docs: self.docs,
            totals: self.totals,
            bias: self.bias,
            buckets: buckets.iter().map(|&b| (b, self.bucket(b), self.weight(b))).collect(),
        }
    }

    pub fn new() -> Classifier {
        Classifier {
            counts: vec![[0, 0]; BUCKETS],
            docs: [0, 0],
            totals: [0, 0],
            weights: vec![0.0; BUCKETS],
            bias: 0.0,
        }
    }

    /// Rebuilds a classifier from stored parts; buckets out of range are ignored. `weights` is
    /// `None` for a database written by the naive Bayes version, which stored counts only: the
    /// weights are then the naive Bayes log-likelihood ratios, which score exactly as it did.
    pub fn from_parts(
        docs: [u64; 2],
        totals: [u64; 2],
        buckets: impl IntoIterator<Item = (u32, [u32; 2])>,
        weights: Option<(f64, Vec<(u32, f32)>)>,
    ) -> Classifier {
        let mut c = Classifier { docs, totals, ..Classifier::new() };
        for (b, counts) in buckets {
            if let Some(slot) = c.counts.get_mut(b as usize) {
                *slot = counts;
            }
        }
        match weights {
            Some((bias, weights)) => {
                c.bias = bias;
                for (b, w) in weights {
                    if let Some(slot) = c.weights.get_mut(b as usize) {
                        *slot = w;
                    }
                }
            }
            None if docs[FINE] > 0 || docs[HOLD] > 0 => c.weights_from_counts(),
            None => {}
        }
        c
    }

    /// Sets the weights to the naive Bayes log-likelihood ratios of the counts.
    #[allow(clippy::cast_possible_truncation)]
    fn weights_from_counts(&mut self) {
        #[allow(clippy::cast_precision_loss)]
        let f = |x: u64| x as f64;
        let v = BUCKETS as f64 * ALPHA;
        let denom_fine = (f(self.totals[FINE]) + v).ln();
        let denom_hold = (f(self.totals[HOLD]) + v).ln();
        for (w, &[cf, ch]) in self.weights.iter_mut().zip(&self.counts) {
            let llr = ((f64::from(ch) + ALPHA).ln() - denom_hold) - ((f64::from(cf) + ALPHA).ln() - denom_fine);
            *w = llr as f32;
        }
        self.bias = 0.0;
    }

    /// The weight of a bucket.
    pub fn weight(&self, b: u32) -> f32 {
        self.weights.get(b as usize).copied().unwrap_or(0.0)
    }

    pub fn bias(&self) -> f64 {
        self.bias
    }

    /// Every bucket with a weight, for saving.
    pub fn nonzero_weights(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (u32::try_from(i).unwrap_or(u32::MAX), *w))
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

    /// Counts one comment (totals and per-bucket counts), without a gradient step.
    fn count(&mut self, feats: &[u32], hold: bool) {
        let class = if hold { HOLD } else { FINE };
        for &b in feats {
            if let Some(slot) = self.counts.get_mut(b as usize) {
                slot[class] = slot[class].saturating_add(1);
            }
        }
        self.docs[class] += 1;
        self.totals[class] += feats.len() as u64;
    }

    /// How much an error on a comment of this class counts: the classes weigh alike overall.
    #[allow(clippy::cast_precision_loss)]
    fn class_weight(&self, hold: bool) -> f64 {
        let [fine, hold_docs] = self.docs;
        let all = (fine + hold_docs).max(1) as f64;
        let own = if hold { hold_docs } else { fine }.max(1) as f64;
        (all / (2.0 * own)).min(20.0)
    }

    /// The log-odds of "hold" for a comment's features.
    fn logit(&self, feats: &[u32]) -> f64 {
        let sum: f64 = feats.iter().map(|&b| f64::from(self.weight(b))).sum();
        self.bias + sum * feature_value(feats.len())
    }

    /// One stochastic gradient step of the class-weighted logistic loss.
    #[allow(clippy::cast_possible_truncation)]
    fn step(&mut self, feats: &[u32], hold: bool, rate: f64) {
        let p = 1.0 / (1.0 + (-self.logit(feats)).exp());
        let g = (p - f64::from(u8::from(hold))) * self.class_weight(hold);
        let dw = (rate * g * feature_value(feats.len())) as f32;
        for &b in feats {
            if let Some(w) = self.weights.get_mut(b as usize) {
                *w -= dw;
            }
        }
        self.bias -= rate * BIAS_RATE * g;
    }

    /// One gradient step of bulk training with an L2 penalty, done lazily: the true weights
    /// are the stored ones times `scale`, so shrinking every weight costs one multiplication.
    /// Returns what was subtracted from the stored weights of `feats` and from the bias.
    #[allow(clippy::cast_possible_truncation)]
    fn step_penalized(
        &mut self,
        feats: &[u32],
        hold: bool,
        options: &TrainOptions,
        rate: f64,
        scale: &mut f64,
    ) -> (f32, f64) {
        let l2 = options.l2;
        let v = feature_value(feats.len());
        let sum: f64 = feats.iter().map(|&b| f64::from(self.weight(b))).sum();
        let p = 1.0 / (1.0 + (-(self.bias + *scale * sum * v)).exp());
        let extra = if hold { 1.0 } else { options.fine_weight };
        let g = (p - f64::from(u8::from(hold))) * self.class_weight(hold) * extra;
        *scale *= 1.0 - (rate * l2).min(0.5);
        let dw = (rate * g * v / *scale) as f32;
        for &b in feats {
            if let Some(w) = self.weights.get_mut(b as usize) {
                *w -= dw;
            }
        }
        let db = rate * BIAS_RATE * g;
        self.bias -= db;
        if *scale < 1e-3 {
            self.fold_scale(scale);
        }
        (dw, db)
    }

    /// Multiplies the lazy scale of [`Classifier::step_penalized`] into the weights.
    #[allow(clippy::cast_possible_truncation)]
    fn fold_scale(&mut self, scale: &mut f64) {
        if (*scale - 1.0).abs() > f64::EPSILON {
            let s = *scale as f32;
            for w in &mut self.weights {
                *w *= s;
            }
        }
        *scale = 1.0;
    }

    /// Learns one comment online. Returns the buckets that changed.
    pub fn train(&mut self, n: &Normalized, hold: bool) -> Vec<u32> {
        let feats = features(n);
        self.count(&feats, hold);
        self.step(&feats, hold, RATE);
        feats
    }

    /// Learns many comments at once with the default [`TrainOptions`].
    pub fn train_bulk(&mut self, rows: &[(&Normalized, bool)]) {
        self.train_bulk_with(rows, TrainOptions::default());
    }

    /// Learns many comments at once: counts them all, then makes `options.epochs` passes over
    /// them in a fixed shuffled order with a shrinking step, pulling every weight towards zero
    /// by `options.l2` per comment so that rare words and character groups, seen in a handful
    /// of training comments, do not decide alone. Starts from what it already knew.
    pub fn train_bulk_with(&mut self, rows: &[(&Normalized, bool)], options: TrainOptions) {
        let mut feats: Vec<(u64, Vec<u32>, bool)> =
            rows.iter().enumerate().map(|(i, (n, hold))| (fnv1a(7, &i.to_le_bytes()), features(n), *hold)).collect();
        for (_, f, hold) in &feats {
            self.count(f, *hold);
        }
        let mut scale = 1.0;
        // Averaging: after `t` steps the mean of the weights after each step is the last
        // weights minus `sum[b] / t`, where each step `s` (from 1) added `(s - 1)` times its change.
        let average = options.average && options.l2 == 0.0;
        let mut sum = if average { vec![0.0_f64; BUCKETS] } else { Vec::new() };
        let mut bias_sum = 0.0;
        let mut steps = 0.0_f64;
        for epoch in 0..options.epochs {
            let seed = epoch as u64;
            feats.sort_by_key(|(h, _, _)| fnv1a(seed, &h.to_le_bytes()));
            #[allow(clippy::cast_precision_loss)]
            let rate = options.rate / (1.0 + epoch as f64);
            for (_, f, hold) in &feats {
                let (dw, db) = self.step_penalized(f, *hold, &options, rate, &mut scale);
                if average {
                    for &b in f {
                        if let Some(s) = sum.get_mut(b as usize) {
                            *s -= steps * f64::from(dw);
                        }
                    }
                    bias_sum -= steps * db;
                }
                steps += 1.0;
            }
        }
        if average && steps > 0.0 {
            #[allow(clippy::cast_possible_truncation)]
            for (w, s) in self.weights.iter_mut().zip(&sum) {
                *w -= (*s / steps) as f32;
            }
            self.bias -= bias_sum / steps;
        }
        self.fold_scale(&mut scale);
    }

    /// The features of the text that pushed its score up most, strongest first: what each stands
    /// for (a word, a word pair, a character group) and its weight. For moderators: why the score
    /// held a comment.
    pub fn explain(&self, n: &Normalized, top: usize) -> Vec<(String, f32)> {
        let mut seen = std::collections::HashSet::new();
        let mut weighted: Vec<(String, f32)> = labelled_features(n)
            .into_iter()
            .filter(|(b, _)| seen.insert(*b))
            .map(|(b, label)| (label, self.weight(b)))
            .filter(|(label, w)| *w > 0.0 && label.trim_matches('…').trim().len() > 1)
            .collect();
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
        weighted.truncate(top);
        weighted
    }

    /// The probability (0 to 1) that the text needs a moderator. Untrained, it is 0.5.
    pub fn score_normalized(&self, n: &Normalized) -> f64 {
        1.0 / (1.0 + (-self.logit(&features(n))).exp())
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
        let rows: Vec<_> = TRAIN.iter().map(|(t, hold)| (normalize(t), *hold)).collect();
        c.train_bulk(&rows.iter().map(|(n, hold)| (n, *hold)).collect::<Vec<_>>());
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
        let weights = (c.bias(), c.nonzero_weights().collect::<Vec<_>>());
        let copy = Classifier::from_parts(c.docs(), c.totals(), c.nonzero().collect::<Vec<_>>(), Some(weights));
        assert_eq!(copy, c);
    }

    #[test]
    fn online_steps_move_the_score_towards_the_decision() {
        let mut c = Classifier::new();
        let spam = normalize("free followers and likes, visit my page");
        for _ in 0..3 {
            c.train(&spam, true);
            c.train(&normalize("the embassy was right to close as a precaution"), false);
        }
        assert!(c.score_normalized(&spam) > 0.6);
        assert!(c.score_normalized(&normalize("the embassy closed")) < 0.5);
    }

    #[test]
    fn counts_without_weights_score_as_naive_bayes_did() {
        let mut c = Classifier::new();
        for (t, hold) in TRAIN {
            c.train(&normalize(t), *hold);
        }
        let old = Classifier::from_parts(c.docs(), c.totals(), c.nonzero().collect::<Vec<_>>(), None);
        // The naive Bayes score: summed log-likelihood ratios over the square root of the count.
        let v = BUCKETS as f64 * ALPHA;
        #[allow(clippy::cast_precision_loss)]
        let [tf, th] = c.totals().map(|t| (t as f64 + v).ln());
        for (t, _) in TEST {
            let feats = features(&normalize(t));
            let sum: f64 = feats
                .iter()
                .map(|&b| {
                    let [cf, ch] = c.bucket(b);
                    ((f64::from(ch) + ALPHA).ln() - th) - ((f64::from(cf) + ALPHA).ln() - tf)
                })
                .sum();
            #[allow(clippy::cast_precision_loss)]
            let nb = 1.0 / (1.0 + (-sum / (feats.len() as f64).sqrt()).exp());
            assert!((old.score_normalized(&normalize(t)) - nb).abs() < 1e-4, "{t}");
        }
        assert_eq!(errors(&old), 0);
    }

    #[test]
    fn the_explanation_names_the_words_that_pushed_the_score_up() {
        let mut c = Classifier::new();
        let rows: Vec<(Normalized, bool)> = TRAIN.iter().map(|(t, h)| (normalize(t), *h)).collect();
        let refs: Vec<(&Normalized, bool)> = rows.iter().map(|(n, h)| (n, *h)).collect();
        for _ in 0..3 {
            c.train_bulk(&refs);
        }
        let why = c.explain(&normalize("you worthless clown, the embassy statement was fine"), 5);
        assert!(!why.is_empty());
        assert!(why.windows(2).all(|w| w[0].1 >= w[1].1), "strongest first: {why:?}");
        let labels: Vec<&str> = why.iter().map(|(l, _)| l.as_str()).collect();
        // Words or character groups of the insults ("…lown…" is in "clown").
        let core = |l: &str| l.trim_matches('…').trim().to_string();
        assert!(
            labels.iter().any(|l| core(l).len() >= 3 && ("worthless".contains(&core(l)) || "clown".contains(&core(l)))),
            "{labels:?}"
        );
        assert!(
            !labels.iter().any(|l| *l == "embassy" || *l == "statement"),
            "civil words do not push it up: {labels:?}"
        );
    }

    fn squared_norm(c: &Classifier) -> f64 {
        c.nonzero_weights().map(|(_, w)| f64::from(w).powi(2)).sum()
    }

    fn trained_with(l2: f64) -> Classifier {
        let rows: Vec<(Normalized, bool)> = TRAIN.iter().map(|(t, h)| (normalize(t), *h)).collect();
        let refs: Vec<(&Normalized, bool)> = rows.iter().map(|(n, h)| (n, *h)).collect();
        let mut c = Classifier::new();
        c.train_bulk_with(&refs, TrainOptions { l2, ..TrainOptions::default() });
        c
    }

    #[test]
    fn the_l2_penalty_shrinks_the_weights_and_still_learns() {
        let (none, some, strong) = (trained_with(0.0), trained_with(1e-3), trained_with(2e-2));
        assert!(squared_norm(&some) < squared_norm(&none), "{} vs {}", squared_norm(&some), squared_norm(&none));
        assert!(squared_norm(&strong) < squared_norm(&some));
        assert_eq!(errors(&some), 0);
        assert_eq!(errors(&trained_with(L2)), 0);
        // The counts do not depend on the penalty.
        assert_eq!(none.nonzero().collect::<Vec<_>>(), strong.nonzero().collect::<Vec<_>>());
    }

    #[test]
    fn averaged_training_learns_and_differs_from_the_last_weights() {
        let rows: Vec<(Normalized, bool)> = TRAIN.iter().map(|(t, h)| (normalize(t), *h)).collect();
        let refs: Vec<(&Normalized, bool)> = rows.iter().map(|(n, h)| (n, *h)).collect();
        let mut last = Classifier::new();
        last.train_bulk_with(&refs, TrainOptions { average: false, ..TrainOptions::default() });
        let mut averaged = Classifier::new();
        averaged.train_bulk_with(&refs, TrainOptions { average: true, ..TrainOptions::default() });
        assert_eq!(errors(&averaged), 0);
        assert_ne!(averaged.weights, last.weights);
        // The mean of the weights over the steps is smaller than the last ones: they grew.
        assert!(squared_norm(&averaged) < squared_norm(&last));
        assert_eq!(averaged.counts, last.counts);
    }

    #[test]
    fn a_heavier_weight_on_fine_comments_lowers_their_scores() {
        let rows: Vec<(Normalized, bool)> = TRAIN.iter().map(|(t, h)| (normalize(t), *h)).collect();
        let refs: Vec<(&Normalized, bool)> = rows.iter().map(|(n, h)| (n, *h)).collect();
        let fine_scores = |fine_weight: f64| -> f64 {
            let mut c = Classifier::new();
            c.train_bulk_with(&refs, TrainOptions { fine_weight, ..TrainOptions::default() });
            TEST.iter().filter(|(_, h)| !h).map(|(t, _)| c.score_normalized(&normalize(t))).sum()
        };
        assert!(fine_scores(3.0) < fine_scores(1.0));
    }

    #[test]
    fn without_a_penalty_bulk_training_is_plain_gradient_descent() {
        let rows: Vec<(Normalized, bool)> = TRAIN.iter().map(|(t, h)| (normalize(t), *h)).collect();
        let refs: Vec<(&Normalized, bool)> = rows.iter().map(|(n, h)| (n, *h)).collect();
        let mut bulk = Classifier::new();
        bulk.train_bulk_with(&refs, TrainOptions { epochs: 1, l2: 0.0, average: false, rate: RATE, fine_weight: 1.0 });
        // The same single pass by hand, in the order bulk training shuffles to.
        let mut by_hand = Classifier::new();
        let mut feats: Vec<(u64, Vec<u32>, bool)> =
            rows.iter().enumerate().map(|(i, (n, h))| (fnv1a(7, &i.to_le_bytes()), features(n), *h)).collect();
        for (_, f, h) in &feats {
            by_hand.count(f, *h);
        }
        feats.sort_by_key(|(h, _, _)| fnv1a(0, &h.to_le_bytes()));
        for (_, f, h) in &feats {
            by_hand.step(f, *h, RATE);
        }
        assert_eq!(bulk, by_hand);
    }

    #[test]
    fn features_are_bounded_and_unique() {
        let f = features(&normalize(&"word ".repeat(5000)));
        assert!(f.windows(2).all(|w| w[0] < w[1]));
        assert!(f.iter().all(|&b| (b as usize) < BUCKETS));
    }
}
