//! PostgreSQL counterpart of `store::sqlite::audit`.
