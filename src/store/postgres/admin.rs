//! PostgreSQL counterpart of `store::sqlite::admin`.
