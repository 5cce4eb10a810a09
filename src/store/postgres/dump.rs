//! PostgreSQL counterpart of `store::sqlite::dump`: the JSON Lines export and its exact
//! re-import, in the SAME format as SQLite's, so an export moves between the backends either way.
//!
//! - Tables are found in the catalog (the current schema), in the order of [`TABLES`], then any
//!   other table by name; rows keep their column names. Not exported: the migration bookkeeping
//!   (`schema_migrations`), login sessions (as on SQLite), and `article_minute_counts` (the
//!   PostgreSQL-only per-minute comment cap, worthless a minute later and unknown to SQLite).
//! - Values are written as SQLite writes them: integers for `BIGINT`/`INTEGER`, and for
//!   `BOOLEAN` too (SQLite keeps booleans as 0/1); `DOUBLE PRECISION` as the shortest decimal
//!   that reads back to the same bits; text as strings.
//! - Rows come in SQLite's `rowid` order: by the integer primary key where the table has one,
//!   otherwise in the order they were stored (`ctid`; those tables are small and written once).
//! - The header's `schema_version` is the SQLite schema version the PostgreSQL schema holds
//!   (PostgreSQL migration 0001 is SQLite's 0001-0005 in one), so both backends write the same.
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

use deadpool_postgres::GenericClient;
use serde_json::{Map, Value as Json, json};
use tokio_postgres::IsolationLevel;
use tokio_postgres::types::{ToSql, Type};

pub use crate::store::sqlite::dump::{Counts, DumpError, FORMAT, FORMAT_VERSION, TABLES};

/// Tables never exported or imported (see the module's documentation).
fn skipped(table: &str) -> bool {
    table == "schema_migrations"
        || table.contains("session")
        || table == "article_minute_counts"
        || table == crate::store::sqlite::dump::WEBHOOK_OUTBOX
        || table == "comment_events"
        || table == "live_seqs"
}

/// The SQLite schema version whose tables PostgreSQL schema version `pg` holds, index by index:
/// migration 0001 holds SQLite's first five; 0002 adds only notification triggers; 0003 is
/// SQLite's 0006, 0004 SQLite's 0007, 0005 SQLite's 0008, 0006 SQLite's 0009, 0007 SQLite's
/// 0010, 0008 SQLite's 0011, 0009 SQLite's 0012, 0010 SQLite's 0013, 0011 SQLite's 0014, 0012
/// SQLite's 0015. Later migrations that change tables are added in step on both backends.
const SQLITE_VERSION_OF: &[usize] = &[0, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

pub fn sqlite_schema_version(pg: usize) -> usize {
    match SQLITE_VERSION_OF.get(pg) {
        Some(v) => *v,
        None => pg + SQLITE_VERSION_OF[SQLITE_VERSION_OF.len() - 1] + 1 - SQLITE_VERSION_OF.len(),
    }
}

fn line_err(line: usize, message: impl Into<String>) -> DumpError {
    DumpError::Line { line, message: message.into() }
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

const NO_PARAMS: &[&(dyn ToSql + Sync)] = &[];

/// Every table to export, in order, with its line type.
pub async fn tables(c: &impl GenericClient) -> Result<Vec<(String, String)>, tokio_postgres::Error> {
    let rows = c
        .query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            &[],
        )
        .await?;
    let mut present = rows.iter().map(|r| r.try_get::<_, String>(0)).collect::<Result<Vec<_>, _>>()?;
    // Byte order, as SQLite sorts names (a locale might order '_' otherwise).
    present.sort();
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

/// SQLite's `rowid` order: the integer primary key when there is one, else the storage order.
async fn row_order(c: &impl GenericClient, table: &str) -> Result<String, tokio_postgres::Error> {
    let rows = c
        .query(
            "SELECT a.attname::text, a.atttypid = ANY (ARRAY['int2'::regtype, 'int4'::regtype, 'int8'::regtype]::oid[]) \
             FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) \
             WHERE i.indrelid = $1::text::regclass AND i.indisprimary",
            &[&quote(table)],
        )
        .await?;
    if let [row] = rows.as_slice()
        && row.try_get::<_, bool>(1)?
    {
        return Ok(quote(&row.try_get::<_, String>(0)?));
    }
    Ok("ctid".into())
}

fn to_json(row: &tokio_postgres::Row, i: usize) -> Result<Json, String> {
    let ty = row.columns()[i].type_();
    let get_err = |e: tokio_postgres::Error| e.to_string();
    Ok(match *ty {
        Type::BOOL => {
            row.try_get::<_, Option<bool>>(i).map_err(get_err)?.map_or(Json::Null, |b| Json::from(i64::from(b)))
        }
        Type::INT2 => row.try_get::<_, Option<i16>>(i).map_err(get_err)?.map_or(Json::Null, Json::from),
        Type::INT4 => row.try_get::<_, Option<i32>>(i).map_err(get_err)?.map_or(Json::Null, Json::from),
        Type::INT8 => row.try_get::<_, Option<i64>>(i).map_err(get_err)?.map_or(Json::Null, Json::from),
        Type::FLOAT4 | Type::FLOAT8 => {
            let v = if *ty == Type::FLOAT4 {
                row.try_get::<_, Option<f32>>(i).map_err(get_err)?.map(f64::from)
            } else {
                row.try_get::<_, Option<f64>>(i).map_err(get_err)?
            };
            match v {
                None => Json::Null,
                Some(f) => serde_json::Number::from_f64(f).map(Json::Number).ok_or("a non-finite number")?,
            }
        }
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.try_get::<_, Option<String>>(i).map_err(get_err)?.map_or(Json::Null, Json::String)
        }
        Type::BYTEA => row
            .try_get::<_, Option<Vec<u8>>>(i)
            .map_err(get_err)?
            .map_or(Json::Null, |b| json!({ "$blob": hex::encode(b) })),
        ref other => return Err(format!("type {other} has no export form")),
    })
}

/// Writes every row of every table, inside one `REPEATABLE READ, READ ONLY` transaction so the
/// copy is consistent while the nodes keep writing. Rows are streamed, not gathered.
pub async fn export(
    client: &mut deadpool_postgres::Object,
    out: &mut (dyn Write + Send),
    exported_at: &str,
) -> Result<Counts, DumpError> {
    let tx = client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start().await?;
    let result = export_in_tx(&tx, out, exported_at).await;
    // Read only: nothing to keep.
    let _ = tx.rollback().await;
    result
}

async fn export_in_tx(
    c: &impl GenericClient,
    out: &mut (dyn Write + Send),
    exported_at: &str,
) -> Result<Counts, DumpError> {
    let schema = sqlite_schema_version(super::migrations::schema_version(c).await?);
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
    for (table, ty) in tables(c).await? {
        let order = row_order(c, &table).await?;
        let st = c.prepare(&format!("SELECT * FROM {} ORDER BY {order}", quote(&table))).await?;
        let names: Vec<String> = st.columns().iter().map(|col| col.name().to_string()).collect();
        let rows = c.query_raw(&st, NO_PARAMS.iter().copied()).await?;
        let mut rows = std::pin::pin!(rows);
        let mut n = 0u64;
        while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
            let mut data = Map::new();
            for (i, name) in names.iter().enumerate() {
                let v =
                    to_json(&row, i).map_err(|m| DumpError::Refused(format!("table {table}, column {name}: {m}")))?;
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

/// What import needs to know of a table.
struct TableInfo {
    columns: Vec<String>,
    /// Column sets of the primary key and each unique index (what SQLite's `INSERT OR REPLACE`
    /// replaces on).
    unique: Vec<Vec<String>>,
    /// Foreign key constraint name → the table it refers to, for messages.
    refers: HashMap<String, String>,
}

async fn table_info(c: &impl GenericClient, table: &str) -> Result<TableInfo, tokio_postgres::Error> {
    let q = quote(table);
    let columns = c
        .query(
            "SELECT attname::text FROM pg_attribute WHERE attrelid = $1::text::regclass AND attnum > 0 \
               AND NOT attisdropped ORDER BY attnum",
            &[&q],
        )
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<String>, _>>()?;
    let unique = c
        .query(
            "SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i \
               CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
             WHERE i.indrelid = $1::text::regclass AND i.indisunique \
             GROUP BY i.indexrelid HAVING bool_and(k.attnum > 0)",
            &[&q],
        )
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<Vec<String>>, _>>()?;
    let refers = c
        .query(
            "SELECT conname::text, confrelid::regclass::text FROM pg_constraint \
             WHERE conrelid = $1::text::regclass AND contype = 'f'",
            &[&q],
        )
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get::<_, String>(1)?.trim_matches('"').to_string())))
        .collect::<Result<HashMap<String, String>, tokio_postgres::Error>>()?;
    Ok(TableInfo { columns, unique, refers })
}

/// Checks a value as SQLite's import would take it: scalars only.
fn check_value(v: &Json) -> Result<(), String> {
    match v {
        Json::Null | Json::Bool(_) | Json::String(_) => Ok(()),
        Json::Number(n) => {
            if n.as_i64().is_some() || n.as_f64().is_some() {
                Ok(())
            } else {
                Err("a number out of range".into())
            }
        }
        Json::Object(o) if o.len() == 1 && o.contains_key("$blob") => {
            Err("binary data ($blob), which no column of this database holds".into())
        }
        Json::Object(_) => Err("an object where a column value belongs".into()),
        Json::Array(_) => Err("an array where a column value belongs".into()),
    }
}

/// One data line, kept until its table's turn.
struct Line {
    no: usize,
    ty: String,
    data: Map<String, Json>,
}

/// Why a row was not stored: a missing referenced row gets the message SQLite's import gives.
fn not_stored(e: tokio_postgres::Error, line: &Line, table: &str, info: &TableInfo) -> DumpError {
    if let Some(db) = e.as_db_error()
        && db.code().code() == "23503"
    {
        let parent = db.constraint().and_then(|k| info.refers.get(k)).map_or("another table", String::as_str);
        return DumpError::Refused(format!(
            "line {}: a row of {table} refers to a row of {parent} that is not in the file",
            line.no
        ));
    }
    line_err(line.no, format!("{} not stored: {}", line.ty, super::explain(&e)))
}

/// The column list, and the same columns read from the line (`json_populate_record` turns each
/// JSON value into its column's type, as the column's own input would: 0/1 into booleans too).
fn columns_of(data: &Map<String, Json>, skip: Option<&str>) -> (Vec<String>, String) {
    let cols: Vec<String> = data.keys().filter(|k| Some(k.as_str()) != skip).cloned().collect();
    let list = cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
    (cols, list)
}

async fn insert_row(
    c: &impl GenericClient,
    table: &str,
    data: &Map<String, Json>,
    replace: bool,
    info: &TableInfo,
) -> Result<(), tokio_postgres::Error> {
    let record = Json::Object(data.clone()).to_string();
    let t = quote(table);
    if replace {
        // SQLite's INSERT OR REPLACE: first remove every row the new one would clash with.
        for key in info.unique.iter().filter(|k| k.iter().all(|col| data.contains_key(col))) {
            let cond = key.iter().map(|col| format!("{t}.{0} = r.{0}", quote(col))).collect::<Vec<_>>().join(" AND ");
            let sql = format!("DELETE FROM {t} USING json_populate_record(NULL::{t}, $1::text::json) r WHERE {cond}");
            c.execute(&c.prepare_cached(&sql).await?, &[&record]).await?;
        }
    }
    let (_, list) = columns_of(data, None);
    let sql = format!("INSERT INTO {t} ({list}) SELECT {list} FROM json_populate_record(NULL::{t}, $1::text::json)");
    c.execute(&c.prepare_cached(&sql).await?, &[&record]).await?;
    Ok(())
}

/// An article whose slug exists already updates that row; otherwise it keeps its id when free.
async fn import_article(
    c: &impl GenericClient,
    data: &Map<String, Json>,
    ids: &mut HashMap<i64, i64>,
) -> Result<(), tokio_postgres::Error> {
    let old_id = data.get("id").and_then(Json::as_i64);
    let slug = data.get("slug").and_then(Json::as_str);
    let by_slug: Option<i64> = match slug {
        Some(s) => {
            c.query_opt("SELECT id FROM articles WHERE slug = $1", &[&s]).await?.map(|r| r.try_get(0)).transpose()?
        }
        None => None,
    };
    let id_free = match old_id {
        Some(id) => c.query_opt("SELECT 1 FROM articles WHERE id = $1", &[&id]).await?.is_none(),
        None => true,
    };
    let skip = if by_slug.is_some() || !id_free { Some("id") } else { None };
    let record = Json::Object(data.clone()).to_string();
    let (cols, list) = columns_of(data, skip);
    let new_id: i64 = if let Some(existing) = by_slug {
        if !cols.is_empty() {
            let sets = cols.iter().map(|col| format!("{0} = r.{0}", quote(col))).collect::<Vec<_>>().join(", ");
            c.execute(
                &format!(
                    "UPDATE articles SET {sets} FROM json_populate_record(NULL::articles, $2::text::json) r \
                     WHERE articles.id = $1"
                ),
                &[&existing, &record],
            )
            .await?;
        }
        existing
    } else {
        c.query_one(
            &format!(
                "INSERT INTO articles ({list}) SELECT {list} FROM json_populate_record(NULL::articles, $1::text::json) \
                 RETURNING id"
            ),
            &[&record],
        )
        .await?
        .try_get(0)?
    };
    if let Some(old) = old_id {
        ids.insert(old, new_id);
    }
    Ok(())
}

/// Comments in an order that stores each parent before its replies (by id, then any reply
/// whose parent is still to come waits a round).
fn parents_first(mut lines: Vec<Line>) -> Vec<Line> {
    lines.sort_by_key(|l| l.data.get("id").and_then(Json::as_i64));
    let ids: HashSet<i64> = lines.iter().filter_map(|l| l.data.get("id").and_then(Json::as_i64)).collect();
    let mut done: HashSet<i64> = HashSet::with_capacity(ids.len());
    let mut out = Vec::with_capacity(lines.len());
    while !lines.is_empty() {
        let before = lines.len();
        let (ready, wait): (Vec<Line>, Vec<Line>) =
            lines.into_iter().partition(|l| match l.data.get("parent_id").and_then(Json::as_i64) {
                Some(p) => !ids.contains(&p) || done.contains(&p),
                None => true,
            });
        // A reply loop never gets ready: store it as it is and let the database refuse it.
        let (ready, wait) = if ready.is_empty() { (wait, Vec::new()) } else { (ready, wait) };
        for l in ready {
            if let Some(id) = l.data.get("id").and_then(Json::as_i64) {
                done.insert(id);
            }
            out.push(l);
        }
        lines = wait;
        debug_assert!(lines.len() < before);
    }
    out
}

/// Reads an export into `c` (a transaction; [`import_checked`] makes it). The file is read and
/// checked whole first, then stored table by table in dependency order (the order of
/// [`TABLES`], parents before replies), so the order of its lines does not matter.
async fn import_rows(c: &impl GenericClient, input: &mut (dyn BufRead + Send)) -> Result<Counts, DumpError> {
    // Other nodes may not add comments while the database is filled.
    c.batch_execute("LOCK TABLE comments IN EXCLUSIVE MODE").await?;
    let present = tables(c).await?;
    let known_schema = sqlite_schema_version(super::migrations::MIGRATIONS.len());
    let existing: i64 = c.query_one("SELECT count(*) FROM comments", &[]).await?.try_get(0)?;
    if existing > 0 {
        return Err(DumpError::Refused(format!(
            "the database already holds {existing} comments; an export is restored into a database \
             without comments (a new --db path)"
        )));
    }
    let mut infos: HashMap<String, TableInfo> = HashMap::new();
    let mut pending: HashMap<String, Vec<Line>> = HashMap::new();
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
            infos.insert(table.clone(), table_info(c, &table).await?);
        }
        let info = infos.get(&table).ok_or_else(|| line_err(line_no, "table vanished"))?;
        for (k, jv) in data {
            if !info.columns.iter().any(|col| col == k) {
                return Err(line_err(line_no, format!("table {table} has no column {k:?}")));
            }
            check_value(jv).map_err(|m| line_err(line_no, format!("column {k}: {m}")))?;
        }
        pending.entry(table).or_default().push(Line { no: line_no, ty: ty.to_string(), data: data.clone() });
        *counts.entry(ty.to_string()).or_default() += 1;
    }
    if !header_seen {
        return Err(DumpError::Refused("the file is empty; an export starts with a header line".into()));
    }

    let mut article_ids: HashMap<i64, i64> = HashMap::new();
    for (table, _) in &present {
        let Some(lines) = pending.remove(table) else { continue };
        let Some(info) = infos.get(table) else { continue };
        let lines = if table == "comments" { parents_first(lines) } else { lines };
        for mut line in lines {
            let stored = match table.as_str() {
                "articles" => import_article(c, &line.data, &mut article_ids).await,
                _ => {
                    if matches!(table.as_str(), "comments" | "reactions" | "reaction_counts")
                        && let Some(old) = line.data.get("article_id").and_then(Json::as_i64)
                    {
                        line.data
                            .insert("article_id".into(), Json::from(article_ids.get(&old).copied().unwrap_or(old)));
                    }
                    // Rows that belong to the imported comments must be new: a clash is an error.
                    // Install-wide state replaces what the new database started with.
                    let replace = !matches!(
                        table.as_str(),
                        "comments" | "comment_reasons" | "reports" | "reactions" | "reaction_counts" | "audit_log"
                    );
                    insert_row(c, table, &line.data, replace, info).await
                }
            };
            stored.map_err(|e| not_stored(e, &line, table, info))?;
        }
    }
    move_sequences(c).await?;
    Ok(counts)
}

/// Moves every identity sequence past the largest id stored, so new rows get fresh ids.
async fn move_sequences(c: &impl GenericClient) -> Result<(), tokio_postgres::Error> {
    let identities = c
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND is_identity = 'YES'",
            &[],
        )
        .await?;
    for row in identities {
        let table: String = row.try_get(0)?;
        let column: String = row.try_get(1)?;
        c.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max({col}) FROM {t}), 0) + 1, false)",
                col = quote(&column),
                t = quote(&table)
            ),
            &[&quote(&table), &column],
        )
        .await?;
    }
    Ok(())
}

/// Imports a whole export in one transaction: all of it, or (on any error) nothing. Refuses a
/// database that holds comments, as on SQLite; ids are kept; the identity sequences are moved
/// past the imported ids. The file is held in memory while it is stored.
pub async fn import_checked(
    client: &mut deadpool_postgres::Object,
    input: &mut (dyn BufRead + Send),
) -> Result<Counts, DumpError> {
    let tx = client.transaction().await?;
    match import_rows(&tx, input).await {
        Ok(counts) => {
            tx.commit().await?;
            Ok(counts)
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::comment::CommentStatus;
    use crate::domain::moderator::Action;
    use crate::store::sqlite::queue::Decision;
    use rusqlite::Connection;

    const ARTICLE_1: &str = "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, \
             share_text, call_to_action, like_text, question, comment_prompt, updated_at) \
         VALUES (1, 'a', 'Story A', '', '', '2016-12-19T00:00:00Z', '', '', '', '', '', '', 0);";

    /// Rows in every exported table, written in SQL both databases read alike (reals come apart,
    /// bound as parameters, so no SQL parser rounds them).
    const ROWS: &str = "
        INSERT INTO meta (key, value) VALUES ('site', 'Example');
        INSERT INTO meta (key, value) VALUES ('a_key', 'first \"quoted\" \\ value');
        INSERT INTO articles (id, slug, title, description, source, byline, published_at, body_md, share_text,
                call_to_action, like_text, question, comment_prompt, comments_open, premoderation, updated_at)
            VALUES (2, 'b', 'Été 🎉 ''quoted''', 'd', 's', 'By me', '2020-01-01T00:00:00Z', 'body\nlines', '', '', '',
                '', '', FALSE, TRUE, 1700000000);
        INSERT INTO comments (id, article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, body_html,
                status, created_at, edited_at, fingerprint, decided_by, decided_at)
            VALUES (1, 1, NULL, 0, 'Ann', 'k', 'ip', 'root', '<p>root</p>', 'published', 100, 150,
                -9223372036854775807, 'ed', 160);
        INSERT INTO comments (id, article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, body_html,
                status, created_at, fingerprint)
            VALUES (2, 1, 1, 1, '', NULL, NULL, 'a \"reply\" \\ with
        a newline, é and 🎉', '<p>x</p>', 'published', 110, 9007199254740993);
        INSERT INTO comments (id, article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, body_html,
                status, created_at)
            VALUES (5, 2, NULL, 0, 'Bo', 'k2', 'ip2', 'held', '<p>held</p>', 'pending', 120);
        INSERT INTO comments (id, article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, body_html,
                status, created_at)
            VALUES (4, 2, 5, 1, 'Bo', 'k2', 'ip2', 'another', '<p>another</p>', 'pending', 130);
        INSERT INTO comments (id, article_id, parent_id, depth, author_name, body_md, body_html, status, created_at)
            VALUES (3, 1, NULL, 0, 'Cy', 'gone', '<p>gone</p>', 'deleted', 90);
        INSERT INTO comment_reasons (comment_id, code, message, spans) VALUES (5, 'z.last', 'Z', '[{\"start\":1,\"end\":2}]');
        INSERT INTO comment_reasons (comment_id, code, message) VALUES (5, 'a.first', 'A');
        INSERT INTO reports (id, comment_id, reason, note, reporter_key, created_at, resolved_at)
            VALUES (1, 1, 'spam', 'note', 'r1', 101, 160);
        INSERT INTO reports (id, comment_id, reason, reporter_key, created_at) VALUES (2, 2, 'threat', 'r2', 111);
        INSERT INTO moderators (id, name, role, password_hash, created_at) VALUES (3, 'ed', 'admin', '$argon2id$x', 1);
        INSERT INTO moderator_sessions (token_hash, moderator_id, created_at, last_seen_at) VALUES ('s', 3, 1, 2);
        INSERT INTO moderator_tokens (token_hash, moderator_id, created_at) VALUES ('t', 3, 1);
        INSERT INTO audit_log (id, at, moderator, action) VALUES (1, 1, 'ed', 'login');
        INSERT INTO moderation_words (word, kind, created_at) VALUES ('zeta', 'banned', 1);
        INSERT INTO moderation_words (word, kind, created_at) VALUES ('alpha', 'suspect', 2);
        INSERT INTO classifier_state (id, buckets, docs_fine, docs_hold, total_fine, total_hold, updated_at)
            VALUES (1, 1024, 3, 4, 5, 6, 7);
        INSERT INTO classifier_features (bucket, fine, hold) VALUES (5, 1, 0);
        INSERT INTO classifier_features (bucket, fine, hold) VALUES (2, 0, 3);
    ";

    /// `(comment id, score)`, `(bucket, weight)`, `(key, threshold)` and the classifier's bias:
    /// shortest forms, integral ones, extremes and a subnormal. (Not -0.0: SQLite itself stores
    /// it as 0.0, so it cannot round-trip through SQLite; PostgreSQL keeps it.)
    const SCORES: &[(i64, f64)] = &[(1, 0.30000000000000004), (2, 1e-300), (5, 1.0)];
    const WEIGHTS: &[(i64, f64)] = &[(3, 2.0), (1, -1.5e-10), (7, 0.1), (9, 5e-324), (4, f64::MAX)];
    const THRESHOLDS: &[(&str, f64)] = &[("hold", 0.7), ("block", 0.95)];
    const BIAS: f64 = -0.123_456_789_012_345_68;

    fn ban() -> Decision<'static> {
        Decision {
            id: 5,
            action: Action::Ban,
            expected: Some(CommentStatus::Pending),
            moderator: "ed",
            reason: "spam run",
            batch: "b1",
            now: 1_000,
        }
    }

    fn sqlite_source() -> Connection {
        let conn = crate::store::sqlite::test_db("Story A");
        conn.execute_batch(ROWS).unwrap();
        for (id, s) in SCORES {
            conn.execute("UPDATE comments SET score = ?2 WHERE id = ?1", rusqlite::params![id, s]).unwrap();
        }
        for (b, w) in WEIGHTS {
            conn.execute("INSERT INTO classifier_weights (bucket, weight) VALUES (?1, ?2)", rusqlite::params![b, w])
                .unwrap();
        }
        for (k, v) in THRESHOLDS {
            conn.execute(
                "INSERT INTO moderation_thresholds (key, value, updated_at) VALUES (?1, ?2, 1)",
                rusqlite::params![k, v],
            )
            .unwrap();
        }
        conn.execute("UPDATE classifier_state SET bias = ?1", [BIAS]).unwrap();
        // A ban through the SQLite code: audit entries, bans by key and address, a rejection.
        crate::store::sqlite::queue::decide(&conn, &ban()).unwrap();
        conn
    }

    async fn pg_source(c: &mut deadpool_postgres::Object) {
        c.batch_execute(&format!("{ARTICLE_1}{ROWS}")).await.unwrap();
        for (id, s) in SCORES {
            c.execute("UPDATE comments SET score = $2 WHERE id = $1", &[id, s]).await.unwrap();
        }
        for (b, w) in WEIGHTS {
            c.execute("INSERT INTO classifier_weights (bucket, weight) VALUES ($1, $2)", &[b, w]).await.unwrap();
        }
        for (k, v) in THRESHOLDS {
            c.execute("INSERT INTO moderation_thresholds (key, value, updated_at) VALUES ($1, $2, 1)", &[k, v])
                .await
                .unwrap();
        }
        c.execute("UPDATE classifier_state SET bias = $1", &[&BIAS]).await.unwrap();
        c.execute("INSERT INTO article_minute_counts (article_id, minute, n) VALUES (1, 1, 1)", &[]).await.unwrap();
        c.batch_execute(
            "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 1); \
             SELECT setval(pg_get_serial_sequence('banned_authors', 'id'), 1, false);",
        )
        .await
        .unwrap();
        let tx = c.transaction().await.unwrap();
        super::super::queue::decide(&tx, &ban()).await.unwrap();
        tx.commit().await.unwrap();
    }

    /// The two exports match line for line; the headers differ only in `exported_at`.
    fn assert_same_export(a: &[u8], b: &[u8]) {
        let a: Vec<&str> = std::str::from_utf8(a).unwrap().lines().collect();
        let b: Vec<&str> = std::str::from_utf8(b).unwrap().lines().collect();
        let header = |l: &str| {
            let mut v: Json = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("exported_at").unwrap();
            v
        };
        assert_eq!(header(a[0]), header(b[0]));
        assert_ne!(a[0], b[0], "each export has its own time");
        for (x, y) in a[1..].iter().zip(&b[1..]) {
            assert_eq!(x, y);
        }
        assert_eq!(a.len(), b.len());
    }

    fn count_of(counts: &Counts, ty: &str) -> u64 {
        counts.get(ty).copied().unwrap_or(0)
    }

    #[tokio::test]
    async fn a_sqlite_export_imports_into_postgres_and_exports_the_same() {
        let Some(pool) = crate::store::postgres::test_pool("dump_from_sqlite").await else { return };
        let mut c = pool.get().await.unwrap();
        let src = sqlite_source();
        let mut from_sqlite = Vec::new();
        let sqlite_counts = crate::store::sqlite::dump::export(&src, &mut from_sqlite, "then").unwrap();
        let text = String::from_utf8(from_sqlite.clone()).unwrap();
        assert!(text.contains("\"comments_open\":0") && text.contains("\"premoderation\":1"), "{text}");

        let imported = import_checked(&mut c, &mut from_sqlite.as_slice()).await.unwrap();
        assert_eq!(count_of(&imported, "comment"), 5);
        let mut from_pg = Vec::new();
        let pg_counts = export(&mut c, &mut from_pg, "now").await.unwrap();
        assert_eq!(pg_counts, sqlite_counts);
        assert_same_export(&from_sqlite, &from_pg);

        // Booleans are booleans on PostgreSQL, reals kept to the bit.
        let row = c.query_one("SELECT comments_open, premoderation FROM articles WHERE id = 2", &[]).await.unwrap();
        assert_eq!((row.get::<_, bool>(0), row.get::<_, bool>(1)), (false, true));
        let w: f64 = c.query_one("SELECT weight FROM classifier_weights WHERE bucket = 9", &[]).await.unwrap().get(0);
        assert_eq!(w.to_bits(), 5e-324f64.to_bits());
        let s: f64 = c.query_one("SELECT score FROM comments WHERE id = 1", &[]).await.unwrap().get(0);
        assert_eq!(s.to_bits(), 0.30000000000000004f64.to_bits());

        // The sequences moved past the imported ids.
        let id: i64 = c
            .query_one(
                "INSERT INTO comments (article_id, body_md, body_html, status, created_at) \
                 VALUES (1, 'new', 'new', 'published', 1) RETURNING id",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(id, 6);
        let id: i64 = c
            .query_one("INSERT INTO audit_log (at, moderator, action) VALUES (1, 'ed', 'login') RETURNING id", &[])
            .await
            .unwrap()
            .get(0);
        let max_before: i64 = src.query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(id, max_before + 1);
        let id: i64 = c
            .query_one("INSERT INTO moderators (name, role, password_hash, created_at) VALUES ('x', 'moderator', 'h', 1) RETURNING id", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(id, 4);
    }

    #[tokio::test]
    async fn a_postgres_export_imports_into_sqlite_and_exports_the_same() {
        let Some(pool) = crate::store::postgres::test_pool("dump_from_postgres").await else { return };
        let mut c = pool.get().await.unwrap();
        pg_source(&mut c).await;
        let mut from_pg = Vec::new();
        let pg_counts = export(&mut c, &mut from_pg, "then").await.unwrap();
        let text = String::from_utf8(from_pg.clone()).unwrap();
        assert!(
            !text.contains("session") && !text.contains("article_minute_counts") && !text.contains("schema_migrations")
        );
        assert_eq!(count_of(&pg_counts, "comment"), 5);
        assert_eq!(count_of(&pg_counts, "ban"), 2);
        assert_eq!(count_of(&pg_counts, "audit"), 3);

        let mut dst = Connection::open_in_memory().unwrap();
        crate::store::sqlite::migrations::migrate(&mut dst).unwrap();
        crate::store::sqlite::dump::import_checked(&dst, &mut from_pg.as_slice()).unwrap();
        let mut from_sqlite = Vec::new();
        let sqlite_counts = crate::store::sqlite::dump::export(&dst, &mut from_sqlite, "now").unwrap();
        assert_eq!(sqlite_counts, pg_counts);
        assert_same_export(&from_pg, &from_sqlite);

        // And the SQLite source writes the very same file (but for the ids the ban took).
        let mut direct = Vec::new();
        crate::store::sqlite::dump::export(&sqlite_source(), &mut direct, "x").unwrap();
        assert_same_export(&direct, &from_pg);
    }

    #[tokio::test]
    async fn a_database_with_comments_is_refused_as_on_sqlite() {
        let Some(pool) = crate::store::postgres::test_pool("dump_refuses_non_empty").await else { return };
        let mut c = pool.get().await.unwrap();
        pg_source(&mut c).await;
        let mut file = Vec::new();
        export(&mut c, &mut file, "now").await.unwrap();
        let err = import_checked(&mut c, &mut file.as_slice()).await.unwrap_err().to_string();
        let src = sqlite_source();
        let sqlite_err =
            crate::store::sqlite::dump::import_checked(&src, &mut file.as_slice()).unwrap_err().to_string();
        assert_eq!(err, sqlite_err);
        assert!(err.contains("already holds 5 comments"), "{err}");
    }

    #[tokio::test]
    async fn a_row_that_refers_to_a_missing_row_is_refused_and_nothing_is_kept() {
        let Some(pool) = crate::store::postgres::test_pool("dump_missing_ref").await else { return };
        let mut c = pool.get().await.unwrap();
        let file = format!(
            "{{\"type\":\"header\",\"format\":\"{FORMAT}\",\"version\":1,\"schema_version\":3}}\n\
             {{\"type\":\"moderator\",\"data\":{{\"id\":1,\"name\":\"ed\",\"role\":\"admin\",\"password_hash\":\"h\",\"created_at\":1}}}}\n\
             {{\"type\":\"reason\",\"data\":{{\"comment_id\":999,\"code\":\"x\",\"message\":\"y\",\"spans\":\"[]\"}}}}\n"
        );
        let err = import_checked(&mut c, &mut file.as_bytes()).await.unwrap_err().to_string();
        assert!(err.contains("comment_reasons") && err.contains("comments") && err.contains("line 3"), "{err}");
        let n: i64 = c.query_one("SELECT count(*) FROM moderators", &[]).await.unwrap().get(0);
        assert_eq!(n, 0);
    }

    #[tokio::test]
    async fn bad_files_are_refused_with_sqlites_messages() {
        let Some(pool) = crate::store::postgres::test_pool("dump_bad_files").await else { return };
        let mut c = pool.get().await.unwrap();
        let header = format!("{{\"type\":\"header\",\"format\":\"{FORMAT}\",\"version\":1,\"schema_version\":5}}\n");
        let cases = [
            String::new(),
            "{\"type\":\"comment\",\"data\":{}}\n".to_string(),
            format!("{{\"type\":\"header\",\"format\":\"{FORMAT}\",\"version\":1,\"schema_version\":99}}\n"),
            format!("{header}{{\"type\":\"nonsense\",\"data\":{{}}}}\n"),
            format!("{header}{{\"type\":\"word\",\"data\":{{\"nope\":1}}}}\n"),
            format!("{header}{{\"type\":\"word\",\"data\":{{\"word\":[1],\"kind\":\"banned\",\"created_at\":1}}}}\n"),
            format!("{header}not json\n"),
        ];
        for file in cases {
            let mut sqlite = Connection::open_in_memory().unwrap();
            crate::store::sqlite::migrations::migrate(&mut sqlite).unwrap();
            let want =
                crate::store::sqlite::dump::import_checked(&sqlite, &mut file.as_bytes()).unwrap_err().to_string();
            let got = import_checked(&mut c, &mut file.as_bytes()).await.unwrap_err().to_string();
            assert_eq!(got, want, "{file}");
        }
    }

    #[tokio::test]
    async fn an_article_already_there_is_matched_by_slug_and_its_comments_follow() {
        let Some(pool) = crate::store::postgres::test_pool("dump_article_by_slug").await else { return };
        let mut c = pool.get().await.unwrap();
        // The target already has slug 'b' under another id, and id 2 taken by another slug.
        c.batch_execute(
            "INSERT INTO articles (id, slug, title, description, source, published_at, body_md, share_text, \
                 call_to_action, like_text, question, comment_prompt, updated_at) \
             VALUES (7, 'b', 'Old B', '', '', 'x', '', '', '', '', '', '', 0), \
                    (2, 'other', 'Other', '', '', 'x', '', '', '', '', '', '', 0)",
        )
        .await
        .unwrap();
        let mut file = Vec::new();
        crate::store::sqlite::dump::export(&sqlite_source(), &mut file, "now").unwrap();
        import_checked(&mut c, &mut file.as_slice()).await.unwrap();
        let title: String = c.query_one("SELECT title FROM articles WHERE id = 7", &[]).await.unwrap().get(0);
        assert_eq!(title, "Été 🎉 'quoted'");
        let n: i64 = c.query_one("SELECT count(*) FROM comments WHERE article_id = 7", &[]).await.unwrap().get(0);
        assert_eq!(n, 2, "the comments of 'b' moved to its id here");
        let slug: String = c.query_one("SELECT slug FROM articles WHERE id = 2", &[]).await.unwrap().get(0);
        assert_eq!(slug, "other");
    }
}
