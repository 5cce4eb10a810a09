//! Commentdesk: a self-hosted comment service for news article pages.
pub mod assets;
pub mod cache;
pub mod cli;
pub mod config;
pub mod content;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod intake;
pub mod markdown;
pub mod metrics;
pub mod moderation;
pub mod routes;
pub mod startup;
pub mod telemetry;
pub mod templates;
