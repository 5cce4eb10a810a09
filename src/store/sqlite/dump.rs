//! The JSON Lines export and its exact re-import. Tables are found through `sqlite_master`, so
//! tables added by later migrations (the moderators' audit log, say) are carried without a change
//! here; each row keeps its column names, so a column added later is carried too.
//!
//! Line 1 is a header, `{"type":"header","format":"commentdesk-export","version":1,
//! "schema_version":N,...}`; every other line is `{"type":T,"data":{column: value, ...}}`.
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::{Map, Value as Json, json};

pub const FORMAT: &str = "commentdesk-export";
pub const FORMAT_VERSION: i64 = 1;

/// Known tables in the order they are written (rows a table refers to come first), with the
/// `type` their lines carry. Any other table is written after these, under its own name.
pub const TABLES: &[(&str, &str)] = &[
    ("meta", "meta"),
    ("articles", "article"),
    ("comments", "comment"),
    ("comment_reasons", "reason"),
    ("imported_comments", "imported_comment"),
    ("reports", "report"),
    ("reactions", "reaction"),
    ("reaction_counts", "reaction_count"),
    ("moderators", "moderator"),
    ("audit_log", "audit"),
    ("moderation_words", "word"),
    ("banned_authors", "ban"),
    ("classifier_state", "classifier_state"),
    ("classifier_features", "classifier_feature"),
];

/// The webhook outbox is not exported: a restored pending delivery would be sent again, perhaps
/// to targets another configuration no longer has, and the delivery history is the operations'
/// record, not the site's content.
pub const WEBHOOK_OUTBOX: &str = "webhook_deliveries";

/// Tables never exported: SQLite's own, login sessions (short-lived secrets), the webhook outbox,
/// and the live pages' events (the import's own comments make them again, numbered afresh).
fn skipped(table: &str) -> bool {
    table.starts_with("sqlite_")
        || table.contains("session")
        || table == WEBHOOK_OUTBOX
        || table == "comment_events"
        || table == "live_seqs"
}

#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error("line {line}: {message}")]
    Line { line: usize, message: String },
    #[error("{0}")]
    Refused(String),
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Postgres(#[from] tokio_postgres::Error),
    /// The store could not run the operation (its connection or thread failed).
    #[error("{0}")]
    Store(String),
}

fn line_err(line: usize, message: impl Into<String>) -> DumpError {
    DumpError::Line { line, message: message.into() }
}

/// Every table to export, in order, with its line type.
pub fn tables(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut st = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
    let present: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out: Vec<(String, String)> = TABLES
        .iter()
        .filter(|(t, _)| present.iter().any(|p| p == t))
        .map(|(t, ty)| ((*t).to_string(), (*ty).to_string()))
        .collect();
    for p in present {
        if !skipped(&p) && !TABLES.iter().any(|(t, _)| *t == p) {
            out.push((p.clone(), p));
        }
    }
    Ok(out)
}

fn table_for_type(present: &[(String, String)], ty: &str) -> Option<String> {
    present.iter().find(|(_, t)| t == ty).map(|(table, _)| table.clone())
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn to_json(v: ValueRef<'_>) -> Result<Json, String> {
    Ok(match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map(Json::Number).ok_or("a non-finite number")?,
        ValueRef::Text(t) => Json::String(String::from_utf8(t.to_vec()).map_err(|_| "text that is not UTF-8")?),
        ValueRef::Blob(b) => json!({ "$blob": hex::encode(b) }),
    })
}

fn from_json(v: &Json) -> Result<Value, String> {
    Ok(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().ok_or("a number out of range")?),
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(o) => match o.get("$blob").and_then(Json::as_str) {
            Some(h) if o.len() == 1 => Value::Blob(hex::decode(h).map_err(|e| format!("a bad $blob: {e}"))?),
            _ => return Err("an object where a column value belongs".into()),
        },
        Json::Array(_) => return Err("an array where a column value belongs".into()),
    })
}

/// What an export or import moved, by line type.
pub type Counts = BTreeMap<String, u64>;

/// Writes every row of every table, in one read transaction so the copy is consistent while the
/// server keeps writing.
pub fn export(conn: &Connection, out: &mut dyn Write, exported_at: &str) -> Result<Counts, DumpError> {
    conn.execute_batch("BEGIN")?;
    let result = export_in_tx(conn, out, exported_at);
    let _ = conn.execute_batch("COMMIT");
    result
}

fn export_in_tx(conn: &Connection, out: &mut dyn Write, exported_at: &str) -> Result<Counts, DumpError> {
    let schema = super::migrations::schema_version(conn)?;
    let header = json!({
        "type": "header",
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema_version": schema,
        "exported_at": exported_at,
        "generator": concat!("commentdesk ", env!("CARGO_PKG_VERSION")),
    });
    writeln!(out, "{header}")?;
    let mut counts = Counts::new();
    for (table, ty) in tables(conn)? {
        let mut st = conn.prepare(&format!("SELECT * FROM {} ORDER BY rowid", quote(&table)))?;
        let names: Vec<String> = st.column_names().map(str::to_string).collect();
        let mut rows = st.query([])?;
        let mut n = 0u64;
        while let Some(row) = rows.next()? {
            let mut data = Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = to_json(row.get_ref(i)?)
                    .map_err(|m| DumpError::Refused(format!("table {table}, column {name}: {m}")))?;
                data.insert(name.clone(), v);
            }
            let line = json!({ "type": ty, "data": Json::Object(data) });
            writeln!(out, "{line}")?;
            n += 1;
        }
        counts.insert(ty, n);
    }
    out.flush()?;
    Ok(counts)
}

struct TableInfo {
    columns: Vec<String>,
}

fn table_info(conn: &Connection, table: &str) -> rusqlite::Result<TableInfo> {
    let mut st = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
    let columns = st.query_map([], |r| r.get::<_, String>(1))?.collect::<Result<_, _>>()?;
    Ok(TableInfo { columns })
}

/// Reads an export back. The caller runs this inside one transaction with foreign keys off and
/// checks them afterwards ([`import_checked`] does all of that). The target must hold no
/// comments; articles already present are matched by slug and updated.
fn import_rows(conn: &Connection, input: &mut dyn BufRead) -> Result<Counts, DumpError> {
    let present = tables(conn)?;
    let known_schema = super::migrations::MIGRATIONS.len();
    let existing: i64 = conn.query_row("SELECT count(*) FROM comments", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(DumpError::Refused(format!(
            "the database already holds {existing} comments; an export is restored into a database \
             without comments (a new --db path)"
        )));
    }
    let mut infos: HashMap<String, TableInfo> = HashMap::new();
    let mut article_ids: HashMap<i64, i64> = HashMap::new();
    let mut counts = Counts::new();
    let mut header_seen = false;
    let mut buf = String::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let read = input.read_line(&mut buf).map_err(|e| line_err(line_no + 1, e.to_string()))?;
        if read == 0 {
            break;
        }
        line_no += 1;
        let text = buf.trim();
        if text.is_empty() {
            continue;
        }
        let v: Json = serde_json::from_str(text).map_err(|e| line_err(line_no, format!("not valid JSON: {e}")))?;
        let ty = v.get("type").and_then(Json::as_str).ok_or_else(|| line_err(line_no, "no \"type\" field"))?;
        if !header_seen {
            if ty != "header" || v.get("format").and_then(Json::as_str) != Some(FORMAT) {
                return Err(line_err(
                    line_no,
                    format!("not a Commentdesk export: the first line must be the {FORMAT} header"),
                ));
            }
            let version = v.get("version").and_then(Json::as_i64).unwrap_or(0);
            if version != FORMAT_VERSION {
                return Err(line_err(line_no, format!("export format version {version} is not {FORMAT_VERSION}")));
            }
            let schema = v.get("schema_version").and_then(Json::as_u64).unwrap_or(u64::MAX);
            if schema > known_schema as u64 {
                return Err(line_err(
                    line_no,
                    format!("the export has schema version {schema}, newer than this binary knows ({known_schema})"),
                ));
            }
            header_seen = true;
            continue;
        }
        let table = table_for_type(&present, ty).ok_or_else(|| line_err(line_no, format!("unknown type {ty:?}")))?;
        let data = v.get("data").and_then(Json::as_object).ok_or_else(|| line_err(line_no, "no \"data\" object"))?;
        if !infos.contains_key(&table) {
            infos.insert(table.clone(), table_info(conn, &table)?);
        }
        let info = infos.get(&table).ok_or_else(|| line_err(line_no, "table vanished"))?;
        let mut cols = Vec::with_capacity(data.len());
        let mut vals = Vec::with_capacity(data.len());
        for (k, jv) in data {
            if !info.columns.iter().any(|c| c == k) {
                return Err(line_err(line_no, format!("table {table} has no column {k:?}")));
            }
            let mut val = from_json(jv).map_err(|m| line_err(line_no, format!("column {k}: {m}")))?;
            if matches!(table.as_str(), "comments" | "reactions" | "reaction_counts")
                && k == "article_id"
                && let Value::Integer(old) = val
            {
                val = Value::Integer(article_ids.get(&old).copied().unwrap_or(old));
            }
            cols.push(k.clone());
            vals.push(val);
        }
        let at = |e: rusqlite::Error| line_err(line_no, format!("{ty} not stored: {e}"));
        if table == "articles" {
            import_article(conn, &cols, vals, &mut article_ids).map_err(at)?;
        } else {
            let verb = match table.as_str() {
                // Rows that belong to the imported comments must be new: a clash is an error.
                "comments" | "comment_reasons" | "reports" | "reactions" | "reaction_counts" | "audit_log" => "INSERT",
                // Install-wide state replaces what the new database started with.
                _ => "INSERT OR REPLACE",
            };
            let placeholders = vec!["?"; cols.len()].join(", ");
            let names = cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
            conn.prepare_cached(&format!("{verb} INTO {} ({names}) VALUES ({placeholders})", quote(&table)))
                .and_then(|mut st| st.execute(params_from_iter(vals)))
                .map_err(at)?;
        }
        *counts.entry(ty.to_string()).or_default() += 1;
    }
    if !header_seen {
        return Err(DumpError::Refused("the file is empty; an export starts with a header line".into()));
    }
    Ok(counts)
}

/// An article whose slug exists already updates that row; otherwise it keeps its id when free.
fn import_article(
    conn: &Connection,
    cols: &[String],
    mut vals: Vec<Value>,
    ids: &mut HashMap<i64, i64>,
) -> rusqlite::Result<()> {
    let pos = |name: &str| cols.iter().position(|c| c == name);
    let old_id = pos("id").and_then(|i| match vals[i] {
        Value::Integer(v) => Some(v),
        _ => None,
    });
    let slug = pos("slug").and_then(|i| match &vals[i] {
        Value::Text(s) => Some(s.clone()),
        _ => None,
    });
    let by_slug: Option<i64> = match &slug {
        Some(s) => conn.query_row("SELECT id FROM articles WHERE slug = ?1", [s], |r| r.get(0)).optional()?,
        None => None,
    };
    let id_free = match old_id {
        Some(id) => conn.query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(())).optional()?.is_none(),
        None => true,
    };
    let (cols, vals): (Vec<String>, Vec<Value>) = if by_slug.is_some() || !id_free {
        let keep: Vec<usize> = (0..cols.len()).filter(|i| cols[*i] != "id").collect();
        (
            keep.iter().map(|i| cols[*i].clone()).collect(),
            keep.iter().map(|i| std::mem::replace(&mut vals[*i], Value::Null)).collect(),
        )
    } else {
        (cols.to_vec(), vals)
    };
    let new_id: i64 = if let Some(existing) = by_slug {
        let sets = cols.iter().enumerate().map(|(i, c)| format!("{} = ?{}", quote(c), i + 2)).collect::<Vec<_>>();
        let mut params: Vec<Value> = vec![Value::Integer(existing)];
        params.extend(vals);
        conn.execute(&format!("UPDATE articles SET {} WHERE id = ?1", sets.join(", ")), params_from_iter(params))?;
        existing
    } else {
        let placeholders = vec!["?"; cols.len()].join(", ");
        let names = cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
        conn.query_row(
            &format!("INSERT INTO articles ({names}) VALUES ({placeholders}) RETURNING id"),
            params_from_iter(vals),
            |r| r.get(0),
        )?
    };
    if let Some(old) = old_id {
        ids.insert(old, new_id);
    }
    Ok(())
}

/// Imports a whole export in one transaction: all of it, or (on any error) nothing.
pub fn import_checked(conn: &Connection, input: &mut dyn BufRead) -> Result<Counts, DumpError> {
    // Foreign keys are checked once at the end, so the order of lines (and tables that refer to
    // each other, like comments to their parents) does not matter.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = (|| {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let counts = match import_rows(conn, input) {
            Ok(c) => c,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        };
        let violation: Option<(String, i64, String)> =
            conn.query_row("PRAGMA foreign_key_check", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
        if let Some((table, rowid, parent)) = violation {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(DumpError::Refused(format!(
                "row {rowid} of {table} refers to a row of {parent} that is not in the file"
            )));
        }
        if let Err(e) = conn.execute_batch("COMMIT") {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e.into());
        }
        Ok(counts)
    })();
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_with_later_tables() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        // Every migration, including the console's moderators, sessions and audit log.
        crate::store::sqlite::migrations::migrate(&mut c).unwrap();
        c
    }

    #[test]
    fn tables_added_later_are_exported_and_restored_and_sessions_are_not() {
        let src = db_with_later_tables();
        src.execute_batch(
            "INSERT INTO moderators (id, name, role, password_hash, created_at) VALUES (1, 'ed', 'admin', 'h', 1);
             INSERT INTO moderator_sessions VALUES ('s', 1, 1, 1);
             INSERT INTO audit_log (id, at, moderator, action, status_before, status_after)
                 VALUES (7, 1, 'ed', 'approve', 'pending', 'published');",
        )
        .unwrap();
        let mut out = Vec::new();
        let counts = export(&src, &mut out, "now").unwrap();
        assert_eq!(counts.get("audit"), Some(&1));
        assert_eq!(counts.get("moderator"), Some(&1));
        assert!(!counts.keys().any(|k| k.contains("session")));
        let dst = db_with_later_tables();
        let mut input: &[u8] = &out;
        import_checked(&dst, &mut input).unwrap();
        let action: String = dst.query_row("SELECT action FROM audit_log WHERE id = 7", [], |r| r.get(0)).unwrap();
        assert_eq!(action, "approve");
        let mut again = Vec::new();
        export(&dst, &mut again, "now").unwrap();
        assert_eq!(out, again);
    }

    #[test]
    fn a_row_that_refers_to_a_missing_row_is_refused_and_nothing_is_kept() {
        let dst = db_with_later_tables();
        let file = format!(
            "{{\"type\":\"header\",\"format\":\"{FORMAT}\",\"version\":1,\"schema_version\":3}}\n\
             {{\"type\":\"moderator\",\"data\":{{\"id\":1,\"name\":\"ed\",\"role\":\"admin\",\"password_hash\":\"h\",\"created_at\":1}}}}\n\
             {{\"type\":\"reason\",\"data\":{{\"comment_id\":999,\"code\":\"x\",\"message\":\"y\",\"spans\":\"[]\"}}}}\n"
        );
        let mut input = file.as_bytes();
        let err = import_checked(&dst, &mut input).unwrap_err().to_string();
        assert!(err.contains("comment_reasons") && err.contains("comments"), "{err}");
        let n: i64 = dst.query_row("SELECT count(*) FROM moderators", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }
}
