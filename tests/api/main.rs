//! Integration tests: HTTP against the real server on port 0, each with its own database. The
//! behaviour tests run twice, once on each backend: `sqlite::...` and `postgres::...` (a schema
//! of its own per test; `SKIPPED` without a server unless `COMMENTDESK_REQUIRE_POSTGRES=1`).
//! `cli` and `ops` test the command line and the SQLite file operations.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod helpers;
mod imports;
mod languages;
mod multinode;
mod ops;
mod smtp;
mod startup;

/// The same tests on both backends: each file reaches its helpers as `super::helpers` (the files
/// are included, so their header comments are plain `//` comments).
macro_rules! on_backend {
    ($name:ident) => {
        mod $name {
            pub use crate::helpers::$name as helpers;
            mod base_path {
                include!("base_path.rs");
            }
            mod comments {
                include!("comments.rs");
            }
            mod embed {
                include!("embed.rs");
            }
            mod flagging {
                include!("flagging.rs");
            }
            mod foundation {
                include!("foundation.rs");
            }
            mod hostile {
                include!("hostile.rs");
            }
            mod live {
                include!("live.rs");
            }
            mod mail {
                include!("mail.rs");
            }
            mod moderation {
                include!("moderation.rs");
            }
            mod picks {
                include!("picks.rs");
            }
            mod reports {
                include!("reports.rs");
            }
            mod rules {
                include!("rules.rs");
            }
            mod webhooks {
                include!("webhooks.rs");
            }
        }
    };
}

on_backend!(sqlite);
on_backend!(postgres);
