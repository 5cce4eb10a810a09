//! PostgreSQL counterpart of `store::sqlite::queue`.
