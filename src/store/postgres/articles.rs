//! PostgreSQL counterpart of `store::sqlite::articles`.
