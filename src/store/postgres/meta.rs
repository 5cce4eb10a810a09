//! PostgreSQL counterpart of `store::sqlite::meta`.
