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
    table == "schema_migrations" || table.contains("session") || table == "article_minute_counts"
}

/// The SQLite schema version equal to PostgreSQL schema version `pg`: migration 0001 holds
/// SQLite's first five; later ones are added in step on both backends.
pub fn sqlite_schema_version(pg: usize) -> usize {
    if pg == 0 { 0 } else { pg + 4 }
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
        Type::BOOL => row.try_get::<_, Option<bool>>(i).map_err(get_err)?.map_or(Json::Null, |b| Json::from(i64::from(b))),
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
                let v = to_json(&row, i)
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
        Some(s) => c.query_opt("SELECT id FROM articles WHERE slug = $1", &[&s]).await?.map(|r| r.try_get(0)).transpose()?,
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
        let (ready, wait): (Vec<Line>, Vec<Line>) = lines.into_iter().partition(|l| {
            match l.data.get("parent_id").and_then(Json::as_i64) {
                Some(p) => !ids.contains(&p) || done.contains(&p),
                None => true,
            }
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
                    if table == "comments"
                        && let Some(old) = line.data.get("article_id").and_then(Json::as_i64)
                    {
                        line.data.insert("article_id".into(), Json::from(article_ids.get(&old).copied().unwrap_or(old)));
                    }
                    // Rows that belong to the imported comments must be new: a clash is an error.
                    // Install-wide state replaces what the new database started with.
                    let replace = !matches!(table.as_str(), "comments" | "comment_reasons" | "reports" | "audit_log");
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
