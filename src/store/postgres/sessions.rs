//! PostgreSQL counterpart of `store::sqlite::sessions`.
