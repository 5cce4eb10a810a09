//! HTTP concerns shared by the routes: who the client is, how fast they may go, and what every
//! response carries.
pub mod author;
pub mod client_ip;
pub mod keys;
pub mod origin;
pub mod rate_limit;
pub mod security_headers;

/// The path cookies are scoped to: `[server] base_path`, or `/` at the root.
pub fn cookie_path(base_path: &str) -> &str {
    if base_path.is_empty() { "/" } else { base_path }
}
