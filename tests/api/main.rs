//! Integration tests: HTTP against the real server on port 0, each with its own database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod comments;
mod flagging;
mod foundation;
mod helpers;
mod hostile;
mod moderation;
mod ops;
mod reports;
