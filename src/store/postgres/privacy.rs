//! PostgreSQL counterpart of `store::sqlite::privacy`.
