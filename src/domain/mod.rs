//! Domain types: each validates at construction, so invalid data never reaches SQL or templates.
pub mod article;
pub mod comment;
pub mod domain_name;
pub mod email;
pub mod embed;
pub mod moderator;
pub mod report;
pub mod share;
