//! The newest comments' near-duplicate fingerprints, kept in memory by the writer so that the
//! repeat check does not read thousands of rows for every new comment. It mirrors the
//! `comments` table: the writer applies every row it changed after each commit, and reloads the
//! whole index when another process changed the database.
use std::collections::VecDeque;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::AppError;
use crate::moderation::Recent;
use crate::moderation::spam::NEAR;

/// Comments kept: the repeat check compares with at most 2,000 by others, and an author's own
/// are looked up in SQL, so twice that leaves room for the newest authors' own comments.
pub const CAPACITY: usize = 4_096;
/// Most comments by others compared for repeats within the window.
pub const OTHERS_RECENT: usize = 2_000;

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    id: i64,
    created_at: i64,
    /// A hash of the author key: compared for every comment kept, on every new comment.
    author: Option<u64>,
    fingerprint: u64,
}

fn author_hash(key: Option<&str>) -> Option<u64> {
    key.map(|k| crate::moderation::spam::fnv1a(0, k.as_bytes()))
}

/// A comment as the index needs it, read by either backend.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentRow {
    pub id: i64,
    pub created_at: i64,
    pub author_key: Option<String>,
    pub fingerprint: Option<i64>,
    pub status: String,
}

/// Fingerprints of the newest comments that have one and are not deleted, oldest first.
#[derive(Debug, Default)]
pub struct RecentIndex {
    entries: VecDeque<Entry>,
}

fn fp(v: i64) -> u64 {
    u64::from_ne_bytes(v.to_ne_bytes())
}

const ROW: &str = "SELECT id, created_at, author_key, fingerprint, status FROM comments";

type Row = (i64, i64, Option<String>, Option<i64>, String);

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

impl RecentIndex {
    /// Reads the newest comments from the database.
    pub fn load(conn: &Connection) -> Result<RecentIndex, AppError> {
        let mut st = conn.prepare_cached(&format!(
            "{ROW} WHERE fingerprint IS NOT NULL AND status <> 'deleted' ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = st.query_map([i64::try_from(CAPACITY).unwrap_or(i64::MAX)], read_row)?;
        let mut entries = VecDeque::with_capacity(CAPACITY);
        for row in rows {
            let (id, created_at, author_key, fingerprint, _) = row?;
            if let Some(f) = fingerprint {
                entries.push_front(Entry {
                    id,
                    created_at,
                    author: author_hash(author_key.as_deref()),
                    fingerprint: fp(f),
                });
            }
        }
        Ok(RecentIndex { entries })
    }

    /// An index of `rows` (any order; the newest [`CAPACITY`] with a fingerprint are kept).
    pub fn from_rows(rows: impl IntoIterator<Item = RecentRow>) -> RecentIndex {
        let mut index = RecentIndex::default();
        let mut rows: Vec<RecentRow> = rows.into_iter().collect();
        rows.sort_by_key(|r| r.id);
        for row in rows {
            index.apply(row.id, Some(row));
        }
        index
    }

    /// The newest id kept.
    pub fn newest_id(&self) -> Option<i64> {
        self.entries.back().map(|e| e.id)
    }

    /// Brings the entry for comment `id` in line with its row: inserted, edited, deleted (or gone:
    /// `None`).
    pub fn apply(&mut self, id: i64, row: Option<RecentRow>) {
        // Entries are in id order: a binary search, not a scan of thousands per change.
        let at = match self.entries.binary_search_by_key(&id, |e| e.id) {
            Ok(pos) => {
                self.entries.remove(pos);
                pos
            }
            Err(pos) => pos,
        };
        let Some(RecentRow { id, created_at, author_key, fingerprint: Some(f), status }) = row else { return };
        if status == "deleted" {
            return;
        }
        let entry = Entry { id, created_at, author: author_hash(author_key.as_deref()), fingerprint: fp(f) };
        if at == 0 && self.entries.len() >= CAPACITY {
            return; // older than everything kept
        }
        self.entries.insert(at, entry);
        while self.entries.len() > CAPACITY {
            self.entries.pop_front();
        }
    }

    /// Brings the entry for comment `id` in line with its row (inserted, edited, deleted).
    pub fn refresh(&mut self, conn: &Connection, id: i64) -> Result<(), AppError> {
        let row = conn.prepare_cached(&format!("{ROW} WHERE id = ?1"))?.query_row([id], read_row).optional()?;
        let row = row.map(|(id, created_at, author_key, fingerprint, status)| RecentRow {
            id,
            created_at,
            author_key,
            fingerprint,
            status,
        });
        self.apply(id, row);
        Ok(())
    }

    /// Fingerprints of the newest comments by others than `author_key` created at or after
    /// `since`, newest first, leaving out comment `exclude`: what `by_others_sql` reads. With
    /// `near`, only those of them within [`NEAR`] bits of that fingerprint, the only ones the
    /// repeat check counts (so a new comment does not copy thousands).
    pub fn by_others(
        &self,
        author_key: Option<&str>,
        exclude: Option<i64>,
        since: i64,
        near: Option<u64>,
    ) -> Vec<Recent> {
        let author = author_hash(author_key);
        self.entries
            .iter()
            .rev()
            .filter(|e| e.created_at >= since && Some(e.id) != exclude && e.author != author)
            .take(OTHERS_RECENT)
            .filter(|e| near.is_none_or(|fp| (e.fingerprint ^ fp).count_ones() <= NEAR))
            .map(|e| Recent { fingerprint: e.fingerprint, same_author: false })
            .collect()
    }
}

/// Used by the tests and by `gather_context`: the same question asked of the table.
pub fn by_others_sql(
    conn: &Connection,
    author_key: Option<&str>,
    exclude: Option<i64>,
    since: i64,
) -> Result<Vec<Recent>, AppError> {
    let mut st = conn.prepare_cached(
        "SELECT fingerprint FROM comments WHERE created_at >= ?1 AND id <> ?2 AND fingerprint IS NOT NULL \
           AND author_key IS NOT ?3 AND status <> 'deleted' ORDER BY created_at DESC LIMIT ?4",
    )?;
    let limit = i64::try_from(OTHERS_RECENT).unwrap_or(i64::MAX);
    let rows = st.query_map(params![since, exclude.unwrap_or(-1), author_key, limit], |r| r.get::<_, i64>(0))?;
    let mut out = Vec::new();
    for f in rows {
        out.push(Recent { fingerprint: fp(f?), same_author: false });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn db() -> Connection {
        crate::store::sqlite::test_db("A")
    }

    fn insert(conn: &Connection, key: &str, status: &str, fp: i64, at: i64) -> i64 {
        conn.query_row(
            "INSERT INTO comments (article_id, author_key, body_md, body_html, status, created_at, fingerprint) \
             VALUES (1, ?1, 'x', 'x', ?2, ?3, ?4) RETURNING id",
            params![key, status, at, fp],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn the_index_answers_like_the_table_through_inserts_edits_and_deletes() {
        let conn = db();
        insert(&conn, "old", "published", 5, 10);
        let mut index = RecentIndex::load(&conn).unwrap();
        let mut ids = Vec::new();
        for (i, key) in ["me", "other", "third", "other"].iter().enumerate() {
            let id = insert(&conn, key, if i == 1 { "pending" } else { "published" }, 100 + i as i64, 9_000 + i as i64);
            index.refresh(&conn, id).unwrap();
            ids.push(id);
        }
        let far = insert(&conn, "far", "published", 1 << 40, 9_500);
        index.refresh(&conn, far).unwrap();
        conn.execute("UPDATE comments SET status = 'deleted' WHERE id = ?1", [ids[2]]).unwrap();
        index.refresh(&conn, ids[2]).unwrap();
        conn.execute("UPDATE comments SET fingerprint = 77 WHERE id = ?1", [ids[3]]).unwrap();
        index.refresh(&conn, ids[3]).unwrap();
        let mut found_near = false;
        for (key, exclude, since) in [(Some("me"), None, 0), (Some("other"), Some(ids[0]), 9_000), (None, None, 0)] {
            let all = by_others_sql(&conn, key, exclude, since).unwrap();
            assert_eq!(index.by_others(key, exclude, since, None), all);
            let near: Vec<Recent> =
                all.iter().copied().filter(|r| (r.fingerprint ^ 101).count_ones() <= NEAR).collect();
            assert!(near.len() < all.len(), "the far one is left out: {near:?} of {all:?}");
            found_near |= !near.is_empty();
            assert_eq!(index.by_others(key, exclude, since, Some(101)), near);
        }
        assert!(found_near);
        assert_eq!(RecentIndex::load(&conn).unwrap().entries, index.entries);
    }
}
