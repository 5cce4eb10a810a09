//! PostgreSQL counterpart of `store::sqlite::moderators`.
