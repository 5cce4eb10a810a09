//! PostgreSQL counterpart of `store::sqlite::legacy`.
