//! PostgreSQL counterpart of `store::sqlite::moderation`.
