//! PostgreSQL counterpart of `store::sqlite::comments`.
