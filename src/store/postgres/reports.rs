//! PostgreSQL counterpart of `store::sqlite::reports`.
