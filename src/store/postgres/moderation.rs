//! PostgreSQL counterpart of `store::sqlite::moderation`: what the moderation checks need from
//! the database, and what they keep there: the author's history and bans, recent comments'
//! fingerprints, runtime word lists, the classifier's counts. Fingerprints are stored as on
//! SQLite, through `store::sqlite::moderation::stored_fingerprint`.
use std::collections::BTreeMap;

use deadpool_postgres::GenericClient;
use time::OffsetDateTime;

use crate::domain::domain_name::DomainName;
use crate::error::AppError;
use crate::moderation::classifier::{BUCKETS, ClassifierDelta};
use crate::moderation::{AuthorHistory, Classifier, Recent, WordKind};
use crate::store::sqlite::moderation::ModerationContext;

/// The author's own comments compared for repeats, whatever their age.
const OWN_RECENT: i64 = 20;

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn fp(v: i64) -> u64 {
    u64::from_ne_bytes(v.to_ne_bytes())
}

/// Whether the author (by cookie key) or their address (by IP hash) is banned.
pub async fn is_banned(
    c: &impl GenericClient,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
) -> Result<bool, AppError> {
    let st = c
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM banned_authors WHERE ($1::text IS NOT NULL AND author_key = $1::text) \
               OR ($2::text IS NOT NULL AND ip_hash = $2::text))",
        )
        .await?;
    Ok(c.query_one(&st, &[&author_key, &ip_hash]).await?.try_get(0)?)
}

/// The author's history and ban, and fingerprints to compare for repeats. `exclude` leaves out
/// the comment being edited. Others' comments come from the table (`recent::by_others_sql`):
/// with several nodes there is no one writer to keep them in memory.
pub async fn gather_context(
    c: &impl GenericClient,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    exclude: Option<i64>,
    now: OffsetDateTime,
    window_secs: u64,
) -> Result<ModerationContext, AppError> {
    let mut ctx = gather_author_context(c, author_key, ip_hash, exclude).await?;
    let since = now.unix_timestamp() - i64::try_from(window_secs).unwrap_or(i64::MAX / 2);
    ctx.recent.extend(super::recent::by_others_sql(c, author_key, exclude, since).await?);
    Ok(ctx)
}

/// The author's history and ban, and the fingerprints of their own last comments.
pub async fn gather_author_context(
    c: &impl GenericClient,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    exclude: Option<i64>,
) -> Result<ModerationContext, AppError> {
    // One statement: every new comment asks this inside its group's transaction.
    let st = c
        .prepare_cached(
            "SELECT \
                 count(*) FILTER (WHERE status = 'published'), \
                 count(*) FILTER (WHERE status = 'pending'), \
                 count(*) FILTER (WHERE status IN ('rejected', 'spam')), \
                 EXISTS (SELECT 1 FROM banned_authors WHERE ($1::text IS NOT NULL AND author_key = $1::text) \
                     OR ($3::text IS NOT NULL AND ip_hash = $3::text)), \
                 ARRAY(SELECT fingerprint FROM comments WHERE author_key = $1::text AND id <> $2 \
                     AND fingerprint IS NOT NULL AND status <> 'deleted' ORDER BY id DESC LIMIT $4) \
             FROM comments WHERE author_key = $1::text AND id <> $2",
        )
        .await?;
    let exclude = exclude.unwrap_or(-1);
    let row = c.query_one(&st, &[&author_key, &exclude, &ip_hash, &OWN_RECENT]).await?;
    let history = AuthorHistory {
        published: count(row.try_get(0)?),
        held: count(row.try_get(1)?),
        refused: count(row.try_get(2)?),
        banned: row.try_get(3)?,
    };
    let own: Vec<i64> = row.try_get(4)?;
    let recent = own.into_iter().map(|f| Recent { fingerprint: fp(f), same_author: true }).collect();
    Ok(ModerationContext { history, recent })
}

/// The runtime word lists, by kind then word (byte order, as SQLite sorts text).
pub async fn list_words(c: &impl GenericClient) -> Result<Vec<(String, WordKind)>, AppError> {
    let st = c
        .prepare_cached("SELECT word, kind FROM moderation_words ORDER BY kind COLLATE \"C\", word COLLATE \"C\"")
        .await?;
    let mut out = Vec::new();
    for r in c.query(&st, &[]).await? {
        let word: String = r.try_get(0)?;
        let kind: String = r.try_get(1)?;
        if let Some(kind) = WordKind::parse(&kind) {
            out.push((word, kind));
        }
    }
    Ok(out)
}

/// Adds a word or phrase to a runtime list; adding it twice is harmless.
pub async fn add_word(c: &impl GenericClient, word: &str, kind: WordKind, now: OffsetDateTime) -> Result<(), AppError> {
    let st = c
        .prepare_cached(
            "INSERT INTO moderation_words (word, kind, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .await?;
    c.execute(&st, &[&word.trim(), &kind.as_str(), &now.unix_timestamp()]).await?;
    Ok(())
}

/// Removes a word from a runtime list; true when it was there.
pub async fn remove_word(c: &impl GenericClient, word: &str, kind: WordKind) -> Result<bool, AppError> {
    let st = c.prepare_cached("DELETE FROM moderation_words WHERE word = $1 AND kind = $2").await?;
    Ok(c.execute(&st, &[&word.trim(), &kind.as_str()]).await? > 0)
}

/// The console's trusted domains, sorted.
pub async fn trusted_domains(c: &impl GenericClient) -> Result<Vec<DomainName>, AppError> {
    let st = c.prepare_cached("SELECT domain FROM trusted_domains ORDER BY domain COLLATE \"C\"").await?;
    let mut out = Vec::new();
    for r in c.query(&st, &[]).await? {
        // A row written by hand that is no domain is skipped, not served.
        if let Ok(d) = DomainName::parse(&r.try_get::<_, String>(0)?) {
            out.push(d);
        }
    }
    Ok(out)
}

pub async fn add_trusted_domain(
    c: &impl GenericClient,
    domain: &DomainName,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let st = c
        .prepare_cached("INSERT INTO trusted_domains (domain, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .await?;
    c.execute(&st, &[&domain.as_str(), &now.unix_timestamp()]).await?;
    Ok(())
}

pub async fn remove_trusted_domain(c: &impl GenericClient, domain: &DomainName) -> Result<bool, AppError> {
    let st = c.prepare_cached("DELETE FROM trusted_domains WHERE domain = $1").await?;
    Ok(c.execute(&st, &[&domain.as_str()]).await? > 0)
}

/// Bans an author by cookie key and/or IP hash; their comments are then held silently.
pub async fn ban(
    c: &impl GenericClient,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    note: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if author_key.is_none() && ip_hash.is_none() {
        return Err(AppError::BadRequest("A ban needs an author or an address.".into()));
    }
    let ts = now.unix_timestamp();
    let st = c
        .prepare_cached(
            "INSERT INTO banned_authors (author_key, ip_hash, note, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
        )
        .await?;
    for (key, ip) in [(author_key, None), (None, ip_hash)] {
        if key.is_some() || ip.is_some() {
            c.execute(&st, &[&key, &ip, &note, &ts]).await?;
        }
    }
    Ok(())
}

/// Lifts every ban on this author key or IP hash.
pub async fn unban(c: &impl GenericClient, author_key: Option<&str>, ip_hash: Option<&str>) -> Result<usize, AppError> {
    let st = c
        .prepare_cached(
            "DELETE FROM banned_authors WHERE ($1::text IS NOT NULL AND author_key = $1::text) \
               OR ($2::text IS NOT NULL AND ip_hash = $2::text)",
        )
        .await?;
    let n = c.execute(&st, &[&author_key, &ip_hash]).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn to_u32(v: i64, what: &str) -> Result<u32, AppError> {
    u32::try_from(v).map_err(|_| AppError::internal(format!("stored classifier {what} {v} is out of range")))
}

async fn save_state(c: &impl GenericClient, docs: [u64; 2], totals: [u64; 2], bias: f64) -> Result<(), AppError> {
    let [df, dh] = docs;
    let [tf, th] = totals;
    let st = c
        .prepare_cached(
            "INSERT INTO classifier_state (id, buckets, docs_fine, docs_hold, total_fine, total_hold, updated_at, \
                 bias) \
             VALUES (1, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET buckets = excluded.buckets, \
                 docs_fine = excluded.docs_fine, docs_hold = excluded.docs_hold, \
                 total_fine = excluded.total_fine, total_hold = excluded.total_hold, \
                 updated_at = excluded.updated_at, bias = excluded.bias",
        )
        .await?;
    c.execute(
        &st,
        &[
            &to_i64(BUCKETS as u64),
            &to_i64(df),
            &to_i64(dh),
            &to_i64(tf),
            &to_i64(th),
            &OffsetDateTime::now_utc().unix_timestamp(),
            &bias,
        ],
    )
    .await?;
    Ok(())
}

/// Upserts bucket counts in one statement (arrays, not a round trip per bucket). A bucket given
/// twice keeps its last counts, as the row-by-row SQLite upsert does.
async fn save_buckets(
    c: &impl GenericClient,
    buckets: impl IntoIterator<Item = (u32, [u32; 2])>,
) -> Result<(), AppError> {
    let last: BTreeMap<u32, [u32; 2]> = buckets.into_iter().collect();
    if last.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::with_capacity(last.len());
    let mut fine = Vec::with_capacity(last.len());
    let mut hold = Vec::with_capacity(last.len());
    for (b, [f, h]) in last {
        ids.push(i64::from(b));
        fine.push(i64::from(f));
        hold.push(i64::from(h));
    }
    let st = c
        .prepare_cached(
            "INSERT INTO classifier_features (bucket, fine, hold) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) \
             ON CONFLICT (bucket) DO UPDATE SET fine = excluded.fine, hold = excluded.hold",
        )
        .await?;
    c.execute(&st, &[&ids, &fine, &hold]).await?;
    Ok(())
}

/// Upserts weights in one statement; a bucket given twice keeps its last weight.
async fn save_weights(c: &impl GenericClient, weights: impl IntoIterator<Item = (u32, f32)>) -> Result<(), AppError> {
    let last: BTreeMap<u32, f32> = weights.into_iter().collect();
    if last.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::with_capacity(last.len());
    let mut ws = Vec::with_capacity(last.len());
    for (b, w) in last {
        ids.push(i64::from(b));
        ws.push(f64::from(w));
    }
    let st = c
        .prepare_cached(
            "INSERT INTO classifier_weights (bucket, weight) \
             SELECT * FROM unnest($1::bigint[], $2::double precision[]) \
             ON CONFLICT (bucket) DO UPDATE SET weight = excluded.weight",
        )
        .await?;
    c.execute(&st, &[&ids, &ws]).await?;
    Ok(())
}

/// Stores the whole classifier, replacing what was stored. Several statements: the caller runs
/// it inside a transaction (`deadpool_postgres::Transaction`), so no node ever loads half of it.
pub async fn save_classifier(c: &impl GenericClient, cl: &Classifier) -> Result<(), AppError> {
    c.execute("DELETE FROM classifier_features", &[]).await?;
    c.execute("DELETE FROM classifier_weights", &[]).await?;
    save_state(c, cl.docs(), cl.totals(), cl.bias()).await?;
    save_buckets(c, cl.nonzero()).await?;
    save_weights(c, cl.nonzero_weights()).await
}

/// Stores what one online training step changed ([`crate::moderation::Pipeline::learn`]).
/// Several statements: call inside a transaction.
pub async fn save_classifier_delta(c: &impl GenericClient, d: &ClassifierDelta) -> Result<(), AppError> {
    save_state(c, d.docs, d.totals, d.bias).await?;
    save_buckets(c, d.buckets.iter().map(|&(b, counts, _)| (b, counts))).await?;
    save_weights(c, d.buckets.iter().map(|&(b, _, w)| (b, w))).await
}

/// The stored classifier; an untrained one when none is stored or its size no longer matches.
/// Counts stored by the naive Bayes version (no bias yet) become the equivalent weights.
pub async fn load_classifier(c: &impl GenericClient) -> Result<Classifier, AppError> {
    let state = c
        .query_opt(
            "SELECT buckets, docs_fine, docs_hold, total_fine, total_hold, bias FROM classifier_state WHERE id = 1",
            &[],
        )
        .await?;
    let Some(state) = state else {
        return Ok(Classifier::new());
    };
    let buckets: i64 = state.try_get(0)?;
    let (df, dh, tf, th): (i64, i64, i64, i64) =
        (state.try_get(1)?, state.try_get(2)?, state.try_get(3)?, state.try_get(4)?);
    let bias: Option<f64> = state.try_get(5)?;
    if to_u64(buckets) != BUCKETS as u64 {
        tracing::warn!(stored = buckets, "stored classifier has another size; starting untrained");
        return Ok(Classifier::new());
    }
    let mut counts = Vec::new();
    for r in c.query("SELECT bucket, fine, hold FROM classifier_features", &[]).await? {
        counts.push((
            to_u32(r.try_get(0)?, "bucket")?,
            [to_u32(r.try_get(1)?, "count")?, to_u32(r.try_get(2)?, "count")?],
        ));
    }
    let weights = match bias {
        Some(bias) => {
            let mut ws = Vec::new();
            for r in c.query("SELECT bucket, weight FROM classifier_weights", &[]).await? {
                #[allow(clippy::cast_possible_truncation)]
                ws.push((to_u32(r.try_get(0)?, "bucket")?, r.try_get::<_, f64>(1)? as f32));
            }
            Some((bias, ws))
        }
        None => None,
    };
    Ok(Classifier::from_parts([to_u64(df), to_u64(dh)], [to_u64(tf), to_u64(th)], counts, weights))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::moderation::normalize::normalize;
    use crate::store::sqlite::moderation::stored_fingerprint;

    async fn comment(c: &impl GenericClient, a: i64, key: &str, status: &str, fp: i64, at: i64) -> i64 {
        c.query_one(
            "INSERT INTO comments (article_id, author_key, body_md, body_html, status, created_at, fingerprint) \
             VALUES ($1, $2, 'x', 'x', $3, $4, $5) RETURNING id",
            &[&a, &key, &status, &at, &fp],
        )
        .await
        .unwrap()
        .get(0)
    }

    #[tokio::test]
    async fn context_counts_the_authors_history_and_recent_fingerprints() {
        let Some(pool) = crate::store::postgres::test_pool("moderation_context").await else { return };
        let c = pool.get().await.unwrap();
        let a = crate::store::postgres::articles::test_article(&c, "a").await;
        let now = OffsetDateTime::from_unix_timestamp(10_000).unwrap();
        comment(&c, a, "me", "published", 1, 100).await;
        comment(&c, a, "me", "pending", 2, 9_990).await;
        let spam = comment(&c, a, "me", "spam", 3, 9_991).await;
        comment(&c, a, "me", "deleted", 9, 9_992).await;
        comment(&c, a, "other", "published", 4, 9_500).await;
        comment(&c, a, "old", "published", 5, 10).await;
        comment(&c, a, "other", "rejected", stored_fingerprint(u64::MAX - 1), 9_600).await;
        let ctx = gather_context(&c, Some("me"), None, None, now, 3600).await.unwrap();
        assert_eq!(ctx.history, AuthorHistory { published: 1, held: 1, refused: 1, banned: false });
        let own: Vec<u64> = ctx.recent.iter().filter(|r| r.same_author).map(|r| r.fingerprint).collect();
        let others: Vec<u64> = ctx.recent.iter().filter(|r| !r.same_author).map(|r| r.fingerprint).collect();
        assert_eq!(own, [3, 2, 1]);
        assert_eq!(others, [u64::MAX - 1, 4]);
        // The comment being edited is left out of its own history.
        let ctx = gather_author_context(&c, Some("me"), None, Some(spam)).await.unwrap();
        assert_eq!(ctx.history, AuthorHistory { published: 1, held: 1, refused: 0, banned: false });
        assert_eq!(ctx.recent.iter().map(|r| r.fingerprint).collect::<Vec<_>>(), [2, 1]);
        let anon = gather_author_context(&c, None, None, None).await.unwrap();
        assert_eq!(anon, ModerationContext::default());
    }

    #[tokio::test]
    async fn bans_by_author_or_address_are_seen_and_lifted() {
        let Some(pool) = crate::store::postgres::test_pool("moderation_bans").await else { return };
        let c = pool.get().await.unwrap();
        let now = OffsetDateTime::now_utc();
        ban(&c, None, Some("ip1"), "flooding", now).await.unwrap();
        ban(&c, None, Some("ip1"), "again", now).await.unwrap();
        assert!(gather_context(&c, Some("k"), Some("ip1"), None, now, 60).await.unwrap().history.banned);
        assert!(!gather_context(&c, Some("k"), Some("ip2"), None, now, 60).await.unwrap().history.banned);
        assert!(!is_banned(&c, None, None).await.unwrap());
        ban(&c, Some("k"), None, "", now).await.unwrap();
        assert!(gather_context(&c, Some("k"), None, None, now, 60).await.unwrap().history.banned);
        assert!(is_banned(&c, Some("k"), Some("elsewhere")).await.unwrap());
        assert_eq!(unban(&c, Some("k"), Some("ip1")).await.unwrap(), 2);
        assert!(!gather_context(&c, Some("k"), Some("ip1"), None, now, 60).await.unwrap().history.banned);
        assert!(matches!(ban(&c, None, None, "", now).await, Err(AppError::BadRequest(_))));
        // Both at once: two rows, each lifted by its own key.
        ban(&c, Some("k2"), Some("ip2"), "", now).await.unwrap();
        assert!(is_banned(&c, None, Some("ip2")).await.unwrap());
        assert_eq!(unban(&c, Some("k2"), None).await.unwrap(), 1);
        assert!(is_banned(&c, None, Some("ip2")).await.unwrap());
        assert_eq!(unban(&c, None, None).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn runtime_words_are_stored_once_and_removed() {
        let Some(pool) = crate::store::postgres::test_pool("moderation_words").await else { return };
        let c = pool.get().await.unwrap();
        let now = OffsetDateTime::now_utc();
        add_word(&c, "casino", WordKind::Banned, now).await.unwrap();
        add_word(&c, " casino ", WordKind::Banned, now).await.unwrap();
        add_word(&c, "soros", WordKind::Suspect, now).await.unwrap();
        add_word(&c, "Bingo", WordKind::Banned, now).await.unwrap();
        assert_eq!(
            list_words(&c).await.unwrap(),
            [
                ("Bingo".into(), WordKind::Banned),
                ("casino".into(), WordKind::Banned),
                ("soros".into(), WordKind::Suspect)
            ]
        );
        assert!(remove_word(&c, "casino", WordKind::Banned).await.unwrap());
        assert!(!remove_word(&c, "casino", WordKind::Banned).await.unwrap());
        assert!(!remove_word(&c, "soros", WordKind::Banned).await.unwrap());
        assert_eq!(list_words(&c).await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn the_classifier_survives_a_save_and_load_and_online_updates() {
        let Some(pool) = crate::store::postgres::test_pool("moderation_classifier").await else { return };
        let mut client = pool.get().await.unwrap();
        assert_eq!(load_classifier(&client).await.unwrap(), Classifier::new());
        let mut cl = Classifier::new();
        cl.train(&normalize("you pathetic clown"), true);
        let tx = client.transaction().await.unwrap();
        save_classifier(&tx, &cl).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(load_classifier(&client).await.unwrap(), cl);
        let touched = cl.train(&normalize("a respected diplomat"), false);
        save_classifier_delta(&client, &cl.delta(&touched)).await.unwrap();
        assert_eq!(load_classifier(&client).await.unwrap(), cl);
        // A whole save replaces what was there.
        let mut fresh = Classifier::new();
        fresh.train(&normalize("lovely weather"), false);
        save_classifier(&client, &fresh).await.unwrap();
        assert_eq!(load_classifier(&client).await.unwrap(), fresh);
        // Another size: untrained.
        client.execute("UPDATE classifier_state SET buckets = 3", &[]).await.unwrap();
        assert_eq!(load_classifier(&client).await.unwrap(), Classifier::new());
    }
}
