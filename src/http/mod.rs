//! HTTP concerns shared by the routes: who the client is, how fast they may go, and what every
//! response carries.
pub mod author;
pub mod client_ip;
pub mod keys;
pub mod origin;
pub mod rate_limit;
pub mod security_headers;
