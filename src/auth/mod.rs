//! Moderator authentication: Argon2id passwords, server-side sessions, CSRF tokens, API tokens.
pub mod accounts;
pub mod csrf;
pub mod password;
pub mod session;
