//! What the moderation checks need from the database, and what they keep there: the author's
//! history and bans, recent comments' fingerprints, runtime word lists, the classifier's counts.
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use crate::domain::domain_name::DomainName;
use crate::error::AppError;
use crate::moderation::classifier::{BUCKETS, ClassifierDelta};
use crate::moderation::{AuthorHistory, Classifier, Recent, WordKind};

/// The author's own comments compared for repeats, whatever their age.
const OWN_RECENT: i64 = 20;

/// Everything the checks need to know beyond the comment itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModerationContext {
    pub history: AuthorHistory,
    pub recent: Vec<Recent>,
}

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Whether the author (by cookie key) or their address (by IP hash) is banned.
pub fn is_banned(conn: &Connection, author_key: Option<&str>, ip_hash: Option<&str>) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT 1 FROM banned_authors WHERE (?1 IS NOT NULL AND author_key = ?1) \
           OR (?2 IS NOT NULL AND ip_hash = ?2) LIMIT 1",
    )?
    .exists(params![author_key, ip_hash])
}

/// The author's history and ban, and fingerprints to compare for repeats. `exclude` leaves out
/// the comment being edited. The server takes the fingerprints of others' comments from the
/// writer's in-memory index instead (`gather_author_context` + `Db::recent_by_others`).
pub fn gather_context(
    conn: &Connection,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    exclude: Option<i64>,
    now: OffsetDateTime,
    window_secs: u64,
) -> Result<ModerationContext, AppError> {
    let mut ctx = gather_author_context(conn, author_key, ip_hash, exclude)?;
    let since = now.unix_timestamp() - i64::try_from(window_secs).unwrap_or(i64::MAX / 2);
    ctx.recent.extend(crate::store::sqlite::recent::by_others_sql(conn, author_key, exclude, since)?);
    Ok(ctx)
}

/// The author's history and ban, and the fingerprints of their own last comments.
pub fn gather_author_context(
    conn: &Connection,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    exclude: Option<i64>,
) -> Result<ModerationContext, AppError> {
    let mut history = AuthorHistory::default();
    let exclude = exclude.unwrap_or(-1);
    if let Some(key) = author_key {
        let mut st = conn.prepare_cached(
            "SELECT status, count(*) FROM comments WHERE author_key = ?1 AND id <> ?2 GROUP BY status",
        )?;
        let rows = st.query_map(params![key, exclude], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (status, n) = row?;
            match status.as_str() {
                "published" => history.published = count(n),
                "pending" => history.held = count(n),
                "rejected" | "spam" => history.refused += count(n),
                _ => {}
            }
        }
    }
    history.banned = is_banned(conn, author_key, ip_hash)?;

    let mut recent = Vec::new();
    let fp = |v: i64| u64::from_ne_bytes(v.to_ne_bytes());
    if let Some(key) = author_key {
        let mut st = conn.prepare_cached(
            "SELECT fingerprint FROM comments WHERE author_key = ?1 AND id <> ?2 AND fingerprint IS NOT NULL \
               AND status <> 'deleted' ORDER BY id DESC LIMIT ?3",
        )?;
        for f in st.query_map(params![key, exclude, OWN_RECENT], |r| r.get::<_, i64>(0))? {
            recent.push(Recent { fingerprint: fp(f?), same_author: true });
        }
    }
    Ok(ModerationContext { history, recent })
}

/// A fingerprint as stored (SQLite integers are signed).
pub fn stored_fingerprint(fp: u64) -> i64 {
    i64::from_ne_bytes(fp.to_ne_bytes())
}

/// The runtime word lists.
pub fn list_words(conn: &Connection) -> Result<Vec<(String, WordKind)>, AppError> {
    let mut st = conn.prepare_cached("SELECT word, kind FROM moderation_words ORDER BY kind, word")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (word, kind) = row?;
        if let Some(kind) = WordKind::parse(&kind) {
            out.push((word, kind));
        }
    }
    Ok(out)
}

/// Adds a word or phrase to a runtime list; adding it twice is harmless.
pub fn add_word(conn: &Connection, word: &str, kind: WordKind, now: OffsetDateTime) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO moderation_words (word, kind, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        params![word.trim(), kind.as_str(), now.unix_timestamp()],
    )?;
    Ok(())
}

/// Removes a word from a runtime list; true when it was there.
pub fn remove_word(conn: &Connection, word: &str, kind: WordKind) -> Result<bool, AppError> {
    Ok(conn
        .execute("DELETE FROM moderation_words WHERE word = ?1 AND kind = ?2", params![word.trim(), kind.as_str()])?
        > 0)
}

/// The console's trusted domains, sorted.
pub fn trusted_domains(conn: &Connection) -> Result<Vec<DomainName>, AppError> {
    let mut st = conn.prepare_cached("SELECT domain FROM trusted_domains ORDER BY domain")?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        // A row written by hand that is no domain is skipped, not served.
        if let Ok(d) = DomainName::parse(&row?) {
            out.push(d);
        }
    }
    Ok(out)
}

pub fn add_trusted_domain(conn: &Connection, domain: &DomainName, now: OffsetDateTime) -> Result<(), AppError> {
    conn.execute(
        "INSERT INTO trusted_domains (domain, created_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        params![domain.as_str(), now.unix_timestamp()],
    )?;
    Ok(())
}

pub fn remove_trusted_domain(conn: &Connection, domain: &DomainName) -> Result<bool, AppError> {
    Ok(conn.execute("DELETE FROM trusted_domains WHERE domain = ?1", [domain.as_str()])? > 0)
}

/// Bans an author by cookie key and/or IP hash; their comments are then held silently.
pub fn ban(
    conn: &Connection,
    author_key: Option<&str>,
    ip_hash: Option<&str>,
    note: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if author_key.is_none() && ip_hash.is_none() {
        return Err(AppError::BadRequest("A ban needs an author or an address.".into()));
    }
    let ts = now.unix_timestamp();
    for (key, ip) in [(author_key, None), (None, ip_hash)] {
        if key.is_some() || ip.is_some() {
            conn.execute(
                "INSERT INTO banned_authors (author_key, ip_hash, note, created_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT DO NOTHING",
                params![key, ip, note, ts],
            )?;
        }
    }
    Ok(())
}

/// Lifts every ban on this author key or IP hash.
pub fn unban(conn: &Connection, author_key: Option<&str>, ip_hash: Option<&str>) -> Result<usize, AppError> {
    Ok(conn.execute(
        "DELETE FROM banned_authors WHERE (?1 IS NOT NULL AND author_key = ?1) OR (?2 IS NOT NULL AND ip_hash = ?2)",
        params![author_key, ip_hash],
    )?)
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn save_state(conn: &Connection, docs: [u64; 2], totals: [u64; 2], bias: f64) -> Result<(), AppError> {
    let [df, dh] = docs;
    let [tf, th] = totals;
    conn.prepare_cached(
        "INSERT INTO classifier_state (id, buckets, docs_fine, docs_hold, total_fine, total_hold, updated_at, bias) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET buckets = excluded.buckets, \
             docs_fine = excluded.docs_fine, docs_hold = excluded.docs_hold, total_fine = excluded.total_fine, \
             total_hold = excluded.total_hold, updated_at = excluded.updated_at, bias = excluded.bias",
    )?
    .execute(params![
        to_i64(BUCKETS as u64),
        to_i64(df),
        to_i64(dh),
        to_i64(tf),
        to_i64(th),
        OffsetDateTime::now_utc().unix_timestamp(),
        bias
    ])?;
    Ok(())
}

fn save_buckets(conn: &Connection, buckets: impl IntoIterator<Item = (u32, [u32; 2])>) -> Result<(), AppError> {
    let mut st = conn.prepare_cached(
        "INSERT INTO classifier_features (bucket, fine, hold) VALUES (?1, ?2, ?3) \
         ON CONFLICT(bucket) DO UPDATE SET fine = excluded.fine, hold = excluded.hold",
    )?;
    for (b, [fine, hold]) in buckets {
        st.execute(params![b, fine, hold])?;
    }
    Ok(())
}

fn save_weights(conn: &Connection, weights: impl IntoIterator<Item = (u32, f32)>) -> Result<(), AppError> {
    let mut st = conn.prepare_cached(
        "INSERT INTO classifier_weights (bucket, weight) VALUES (?1, ?2) \
         ON CONFLICT(bucket) DO UPDATE SET weight = excluded.weight",
    )?;
    for (b, w) in weights {
        st.execute(params![b, f64::from(w)])?;
    }
    Ok(())
}

/// Stores the whole classifier, replacing what was stored. Call inside a transaction.
pub fn save_classifier(conn: &Connection, c: &Classifier) -> Result<(), AppError> {
    conn.execute("DELETE FROM classifier_features", [])?;
    conn.execute("DELETE FROM classifier_weights", [])?;
    save_state(conn, c.docs(), c.totals(), c.bias())?;
    save_buckets(conn, c.nonzero())?;
    save_weights(conn, c.nonzero_weights())
}

/// Stores what one online training step changed ([`crate::moderation::Pipeline::learn`]).
pub fn save_classifier_delta(conn: &Connection, d: &ClassifierDelta) -> Result<(), AppError> {
    save_state(conn, d.docs, d.totals, d.bias)?;
    save_buckets(conn, d.buckets.iter().map(|&(b, counts, _)| (b, counts)))?;
    save_weights(conn, d.buckets.iter().map(|&(b, _, w)| (b, w)))
}

/// The stored classifier; an untrained one when none is stored or its size no longer matches.
/// Counts stored by the naive Bayes version (no bias yet) become the equivalent weights.
pub fn load_classifier(conn: &Connection) -> Result<Classifier, AppError> {
    type State = (i64, i64, i64, i64, i64, Option<f64>);
    let state: Option<State> = conn
        .query_row(
            "SELECT buckets, docs_fine, docs_hold, total_fine, total_hold, bias FROM classifier_state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((buckets, df, dh, tf, th, bias)) = state else {
        return Ok(Classifier::new());
    };
    if to_u64(buckets) != BUCKETS as u64 {
        tracing::warn!(stored = buckets, "stored classifier has another size; starting untrained");
        return Ok(Classifier::new());
    }
    let mut st = conn.prepare("SELECT bucket, fine, hold FROM classifier_features")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, u32>(0)?, [r.get::<_, u32>(1)?, r.get::<_, u32>(2)?])))?;
    let buckets = rows.collect::<Result<Vec<_>, _>>()?;
    let weights = match bias {
        Some(bias) => {
            let mut st = conn.prepare("SELECT bucket, weight FROM classifier_weights")?;
            #[allow(clippy::cast_possible_truncation)]
            let rows = st.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, f64>(1)? as f32)))?;
            Some((bias, rows.collect::<Result<Vec<_>, _>>()?))
        }
        None => None,
    };
    Ok(Classifier::from_parts([to_u64(df), to_u64(dh)], [to_u64(tf), to_u64(th)], buckets, weights))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::moderation::normalize::normalize;

    fn db() -> Connection {
        crate::store::sqlite::test_db("A")
    }

    fn comment(conn: &Connection, key: &str, status: &str, fp: i64, at: i64) {
        conn.execute(
            "INSERT INTO comments (article_id, author_key, body_md, body_html, status, created_at, fingerprint) \
             VALUES (1, ?1, 'x', 'x', ?2, ?3, ?4)",
            params![key, status, at, fp],
        )
        .unwrap();
    }

    #[test]
    fn context_counts_the_authors_history_and_recent_fingerprints() {
        let conn = db();
        let now = OffsetDateTime::from_unix_timestamp(10_000).unwrap();
        comment(&conn, "me", "published", 1, 100);
        comment(&conn, "me", "pending", 2, 9_990);
        comment(&conn, "me", "spam", 3, 9_991);
        comment(&conn, "other", "published", 4, 9_500);
        comment(&conn, "old", "published", 5, 10);
        let ctx = gather_context(&conn, Some("me"), None, None, now, 3600).unwrap();
        assert_eq!(ctx.history, AuthorHistory { published: 1, held: 1, refused: 1, banned: false });
        let own: Vec<u64> = ctx.recent.iter().filter(|r| r.same_author).map(|r| r.fingerprint).collect();
        let others: Vec<u64> = ctx.recent.iter().filter(|r| !r.same_author).map(|r| r.fingerprint).collect();
        assert_eq!(own, [3, 2, 1]);
        assert_eq!(others, [4]);
    }

    #[test]
    fn bans_by_author_or_address_are_seen_and_lifted() {
        let conn = db();
        let now = OffsetDateTime::now_utc();
        ban(&conn, None, Some("ip1"), "flooding", now).unwrap();
        assert!(gather_context(&conn, Some("k"), Some("ip1"), None, now, 60).unwrap().history.banned);
        assert!(!gather_context(&conn, Some("k"), Some("ip2"), None, now, 60).unwrap().history.banned);
        ban(&conn, Some("k"), None, "", now).unwrap();
        assert!(gather_context(&conn, Some("k"), None, None, now, 60).unwrap().history.banned);
        assert_eq!(unban(&conn, Some("k"), Some("ip1")).unwrap(), 2);
        assert!(!gather_context(&conn, Some("k"), Some("ip1"), None, now, 60).unwrap().history.banned);
        assert!(ban(&conn, None, None, "", now).is_err());
    }

    #[test]
    fn runtime_words_are_stored_once_and_removed() {
        let conn = db();
        let now = OffsetDateTime::now_utc();
        add_word(&conn, "casino", WordKind::Banned, now).unwrap();
        add_word(&conn, "casino", WordKind::Banned, now).unwrap();
        add_word(&conn, "soros", WordKind::Suspect, now).unwrap();
        assert_eq!(
            list_words(&conn).unwrap(),
            [("casino".into(), WordKind::Banned), ("soros".into(), WordKind::Suspect)]
        );
        assert!(remove_word(&conn, "casino", WordKind::Banned).unwrap());
        assert_eq!(list_words(&conn).unwrap().len(), 1);
    }

    #[test]
    fn the_classifier_survives_a_save_and_load_and_online_updates() {
        let conn = db();
        assert_eq!(load_classifier(&conn).unwrap(), Classifier::new());
        let mut c = Classifier::new();
        c.train(&normalize("you pathetic clown"), true);
        save_classifier(&conn, &c).unwrap();
        let touched = c.train(&normalize("a respected diplomat"), false);
        save_classifier_delta(&conn, &c.delta(&touched)).unwrap();
        assert_eq!(load_classifier(&conn).unwrap(), c);
    }
}
