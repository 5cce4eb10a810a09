//! The one place URLs meet handlers.
pub mod api;
pub mod articles;
pub mod body;
pub mod comments;
pub mod feed;
pub mod health;
pub mod observe;
pub mod reports;
pub mod static_files;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(articles::index))
        .route("/articles/{slug}", web::get().to(articles::show))
        .route("/articles/{slug}/comments", web::post().to(comments::create))
        .route("/articles/{slug}/comments.atom", web::get().to(feed::atom))
        .route("/comments/{id}/edit", web::get().to(comments::edit_form))
        .route("/comments/{id}/edit", web::post().to(comments::edit))
        .route("/comments/{id}/delete", web::post().to(comments::delete))
        .route("/comments/{id}/report", web::get().to(reports::form))
        .route("/comments/{id}/report", web::post().to(reports::submit_form))
        .route("/api/comments/{id}/reports", web::post().to(reports::submit_api))
        .route("/api/articles/{slug}/comments", web::get().to(api::list_comments))
        .route("/api/articles/{slug}/comments", web::post().to(api::create_comment))
        .route("/api/comments/{id}", web::patch().to(api::edit_comment))
        .route("/api/comments/{id}", web::delete().to(api::delete_comment))
        .route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(health::metrics))
        .route("/static/{path:.*}", web::get().to(static_files::serve))
        .default_service(web::to(articles::not_found));
}
