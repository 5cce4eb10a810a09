//! PostgreSQL counterpart of `store::sqlite::dump`.
