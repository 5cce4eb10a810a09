//! The "best" order: comments ranked by how confidently readers liked them, not by their raw
//! count of reactions.
//!
//! Readers only ever add a reaction ("Respect"); there is no "dislike" and Commentdesk does not
//! count who saw a comment (that would be a write per comment per page view). So the evidence
//! is `k`, the reactions a comment had at a moment, against its exposure, the time it has been
//! on the page. Model the reactions as Poisson arrivals at an unknown rate λ per hour of
//! exposure `t`, and rank by the lower end of the 95% score (Wilson) interval for λ: the `μ`
//! with `(k − μ)² = z²·μ`, that is
//!
//! ```text
//!     lower(k, t) = (k + z²/2 − z·√(k + z²/4)) / t        (z = 1.96)
//! ```
//!
//! Why this and not the plain rate `k / t` or the plain count `k`:
//! - the count favours the oldest comments, which had the most readers, forever;
//! - the rate puts a one-minute-old comment with one reaction above everything (60 an hour);
//! - the lower bound asks for more evidence from fewer reactions: 1 reaction gives 0.18, 5 give
//!   2.1, 20 give 13 (over one hour), so a few early reactions do not beat many later ones, and
//!   a comment without reactions scores 0 whatever its age. It is the Wilson lower bound
//!   Reddit's "best" uses for up/down votes, in its form for counts over an exposure.
//!
//! Exposure is the comment's age plus one hour (a prior, so the first minutes do not divide by
//! almost nothing), capped at [`MAX_EXPOSURE_HOURS`]: a news article's readers come in its first
//! days, after that a comment is not shown to more people by growing older.
//!
//! Ties (every comment without reactions, to begin with) go to the older comment, so "best"
//! starts as the conversation's own order. Everything is computed at one moment `as_of`, which
//! the pages and the JSON list carry in their links and cursors: a reader paging through sees
//! the order of the moment they started, however reactions change meanwhile.
use std::cmp::Ordering;

/// The confidence the lower bound is taken at (two-sided 95%).
pub const Z: f64 = 1.96;
/// Hours of exposure a comment starts with.
pub const PRIOR_HOURS: f64 = 1.0;
/// Exposure stops growing after this many hours.
pub const MAX_EXPOSURE_HOURS: f64 = 48.0;

/// The score of `reactions` on a comment posted at `created_at` (Unix seconds), at `as_of_ms`
/// (Unix milliseconds).
pub fn score(reactions: i64, created_at: i64, as_of_ms: i64) -> f64 {
    let k = reactions.max(0) as f64;
    if k == 0.0 {
        return 0.0;
    }
    let age_hours = ((as_of_ms as f64 / 1000.0) - created_at as f64).max(0.0) / 3600.0;
    let t = (age_hours + PRIOR_HOURS).min(MAX_EXPOSURE_HOURS);
    let z2 = Z * Z;
    let mu = k + z2 / 2.0 - Z * (k + z2 / 4.0).sqrt();
    (mu / t).max(0.0)
}

/// A comment's place in the order: higher score first, then older, then smaller id.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub score: f64,
    pub created_at: i64,
    pub id: i64,
}

impl Key {
    pub fn new(reactions: i64, created_at: i64, id: i64, as_of_ms: i64) -> Key {
        Key { score: score(reactions, created_at, as_of_ms), created_at, id }
    }

    /// The order "best" shows: `Less` comes first.
    pub fn cmp_best(&self, other: &Key) -> Ordering {
        other.score.total_cmp(&self.score).then(self.created_at.cmp(&other.created_at)).then(self.id.cmp(&other.id))
    }

    /// A cursor for the JSON list: the moment and the last key shown. The score is carried
    /// exactly (its bits), so the next page starts exactly after it even if the comment is gone.
    pub fn cursor(&self, as_of_ms: i64) -> String {
        format!("b{as_of_ms}.{:x}.{}.{}", self.score.to_bits(), self.created_at, self.id)
    }

    /// `(as_of_ms, key)` from [`Key::cursor`].
    pub fn parse_cursor(s: &str) -> Option<(i64, Key)> {
        let mut parts = s.strip_prefix('b')?.split('.');
        let as_of = parts.next()?.parse().ok()?;
        let score = f64::from_bits(u64::from_str_radix(parts.next()?, 16).ok()?);
        let created_at = parts.next()?.parse().ok()?;
        let id = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !score.is_finite() || score < 0.0 {
            return None;
        }
        Some((as_of, Key { score, created_at, id }))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HOUR_MS: i64 = 3_600_000;

    #[test]
    fn more_reactions_rank_higher_at_the_same_age_and_none_score_zero() {
        let now = 100 * HOUR_MS;
        let created = 90 * 3600;
        let scores: Vec<f64> = (0..30).map(|k| score(k, created, now)).collect();
        assert_eq!(scores[0], 0.0);
        assert!(scores.windows(2).all(|w| w[0] < w[1]), "{scores:?}");
    }

    #[test]
    fn a_few_quick_reactions_do_not_beat_many_over_a_day() {
        let now = 100 * HOUR_MS;
        let fresh = score(2, 100 * 3600 - 60, now);
        let day_old = score(40, 76 * 3600, now);
        assert!(day_old > fresh, "{day_old} vs {fresh}");
        // The plain rate would have said the opposite: 2 in a minute is 120 an hour.
    }

    #[test]
    fn exposure_stops_growing_after_the_cap() {
        let now = 1_000 * HOUR_MS;
        assert_eq!(score(10, 0, now), score(10, 500 * 3600, now));
        assert!(score(10, 990 * 3600, now) > score(10, 0, now));
    }

    #[test]
    fn ties_go_to_the_older_comment_then_the_smaller_id() {
        let now = 10 * HOUR_MS;
        let mut keys =
            [Key::new(0, 30, 3, now), Key::new(0, 10, 2, now), Key::new(1, 50, 9, now), Key::new(0, 10, 1, now)];
        keys.sort_by(Key::cmp_best);
        assert_eq!(keys.iter().map(|k| k.id).collect::<Vec<_>>(), vec![9, 1, 2, 3]);
    }

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let k = Key::new(7, 1_000, 42, 5 * HOUR_MS);
        let (at, back) = Key::parse_cursor(&k.cursor(5 * HOUR_MS)).unwrap();
        assert_eq!((at, back), (5 * HOUR_MS, k));
        for bad in ["", "b", "12", "b1.zz.1.1", "b1.0.1", "b1.0.1.1.1", "b1.7ff8000000000000.1.1"] {
            assert!(Key::parse_cursor(bad).is_none(), "{bad}");
        }
    }
}
