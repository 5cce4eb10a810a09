//! Rate limiters (governor), built once at start and shared. Keys are the real client (see
//! `client_ip`) or an article. Memory stays bounded: idle keys are pruned, and when a flood of
//! distinct keys still exceeds the cap, further keys share a fixed set of overflow buckets, so an
//! attacker with many addresses degrades fairness for newcomers but cannot exhaust memory.
use std::hash::{BuildHasher, Hash};
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

const OVERFLOW_BUCKETS: u64 = 4096;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Slot<K> {
    Exact(K),
    Overflow(u16),
}

pub struct Limiter<K: Hash + Eq + Clone> {
    inner: DefaultKeyedRateLimiter<Slot<K>>,
    clock: DefaultClock,
    max_keys: usize,
    hasher: std::collections::hash_map::RandomState,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    /// `burst` requests at once, then one every `interval`.
    pub fn new(burst: u32, interval: Duration, max_keys: usize) -> Self {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(interval.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            inner: DefaultKeyedRateLimiter::keyed(quota),
            clock: DefaultClock::default(),
            max_keys: max_keys.max(1),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// `per_minute` requests a minute, all of which may come at once.
    pub fn per_minute(per_minute: u32, max_keys: usize) -> Self {
        let n = per_minute.max(1);
        Self::new(n, Duration::from_secs(60) / n, max_keys)
    }

    /// Takes one token for `key`; on refusal, the whole seconds to wait (at least 1).
    pub fn check(&self, key: &K) -> Result<(), u64> {
        let slot = if self.inner.len() >= self.max_keys {
            self.inner.retain_recent();
            if self.inner.len() >= self.max_keys {
                Slot::Overflow((self.hasher.hash_one(key) % OVERFLOW_BUCKETS) as u16)
            } else {
                Slot::Exact(key.clone())
            }
        } else {
            Slot::Exact(key.clone())
        };
        self.inner
            .check_key(&slot)
            .map_err(|not_until| {
                let wait = not_until.wait_time_from(self.clock.now());
                wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
            })
            .map(|_| ())
            .map_err(|s| s.max(1))
    }

    /// Forgets keys whose state is back to full; called periodically.
    pub fn prune(&self) {
        self.inner.retain_recent();
        self.inner.shrink_to_fit();
    }

    pub fn tracked(&self) -> usize {
        self.inner.len()
    }
}

/// All the limiters the app uses, configured from `Settings`.
pub struct Limiters {
    pub comments_per_client: Limiter<std::net::IpAddr>,
    pub comments_per_article: Limiter<i64>,
    pub reports_per_client: Limiter<std::net::IpAddr>,
    pub reactions_per_client: Limiter<std::net::IpAddr>,
    /// Threads created through the embed: anyone can name a new page of an allowed site.
    pub threads_per_client: Limiter<std::net::IpAddr>,
}

impl Limiters {
    pub fn from_settings(s: &crate::config::LimitSettings) -> Self {
        Self {
            comments_per_client: Limiter::new(
                s.comment_burst,
                Duration::from_secs(s.comment_interval_secs),
                s.max_tracked_clients,
            ),
            comments_per_article: Limiter::per_minute(s.article_comments_per_minute, s.max_tracked_clients),
            reports_per_client: Limiter::new(
                s.report_burst,
                Duration::from_secs(s.report_interval_secs),
                s.max_tracked_clients,
            ),
            reactions_per_client: Limiter::new(
                s.reaction_burst,
                Duration::from_secs(s.reaction_interval_secs),
                s.max_tracked_clients,
            ),
            threads_per_client: Limiter::new(
                s.thread_burst,
                Duration::from_secs(s.thread_interval_secs),
                s.max_tracked_clients,
            ),
        }
    }

    pub fn prune(&self) {
        self.comments_per_client.prune();
        self.comments_per_article.prune();
        self.reports_per_client.prune();
        self.reactions_per_client.prune();
        self.threads_per_client.prune();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    #[test]
    fn the_burst_passes_then_the_next_waits_about_the_interval() {
        let l: Limiter<u32> = Limiter::new(5, Duration::from_secs(20), 100);
        for _ in 0..5 {
            assert!(l.check(&1).is_ok());
        }
        let wait = l.check(&1).unwrap_err();
        assert!((19..=20).contains(&wait), "{wait}");
        assert!(l.check(&2).is_ok(), "another client is not affected");
    }

    #[test]
    fn a_flood_of_distinct_clients_keeps_state_bounded() {
        let cap = 1000;
        let l: Limiter<IpAddr> = Limiter::new(1, Duration::from_secs(60), cap);
        for i in 0..50_000u32 {
            let _ = l.check(&IpAddr::V4(Ipv4Addr::from(i)));
        }
        assert!(l.tracked() <= cap + OVERFLOW_BUCKETS as usize, "{}", l.tracked());
    }
}
