//! Browser tests: the real application driven through real Chromium (chromedriver).
//! Run with `cargo test --test browser`; see README, "Browser tests".
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod base_path;
mod comments;
mod embed;
mod flagging;
mod foundation;
mod i18n;
mod live;
mod moderation;
mod picks;
