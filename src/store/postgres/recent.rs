//! PostgreSQL counterpart of `store::sqlite::recent`.
