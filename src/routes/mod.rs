//! The one place URLs meet handlers.
pub mod api;
pub mod articles;
pub mod body;
pub mod comments;
pub mod embed;
pub mod error_pages;
pub mod feed;
pub mod health;
pub mod live;
pub mod moderation;
pub mod moderation_api;
pub mod moderation_notifications;
pub mod moderation_rules;
pub mod moderation_webhooks;
pub mod observe;
pub mod reactions;
pub mod replies;
pub mod reports;
pub mod static_files;

use actix_web::web;

/// The application's routes, under `base_path` (`[server] base_path`, "" for the root). With a
/// base path only paths under it are served (anything else is a 404 page), except the
/// operations endpoints `/healthz` and `/metrics`, which answer at the root as well for load
/// balancers and Prometheus that talk to the node directly.
pub fn configure(cfg: &mut web::ServiceConfig, base_path: &str) {
    if base_path.is_empty() {
        routes(cfg);
        return;
    }
    cfg.service(web::scope(base_path).route("", web::get().to(articles::index)).configure(routes))
        .route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(health::metrics))
        .default_service(web::to(articles::not_found));
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(articles::index))
        .route("/articles/{slug}", web::get().to(articles::show))
        .route("/articles/{slug}/comments", web::post().to(comments::create))
        .route("/articles/{slug}/comments.atom", web::get().to(feed::atom))
        .route("/articles/{slug}/events", web::get().to(live::article_events))
        .route("/articles/{slug}/live/comments", web::get().to(live::fragment))
        .route("/comments/{id}/edit", web::get().to(comments::edit_form))
        .route("/comments/{id}/edit", web::post().to(comments::edit))
        .route("/comments/{id}/delete", web::post().to(comments::delete))
        .route("/comments/{id}/report", web::get().to(reports::form))
        .route("/comments/{id}/report", web::post().to(reports::submit_form))
        .route("/api/comments/{id}/reports", web::post().to(reports::submit_api))
        .route("/comments/{id}/react", web::post().to(reactions::submit_form))
        .route("/api/comments/{id}/reaction", web::post().to(reactions::add_api))
        .route("/api/comments/{id}/reaction", web::delete().to(reactions::undo_api))
        .route("/api/articles/{slug}/comments", web::get().to(api::list_comments))
        .route("/api/articles/{slug}/comments", web::post().to(api::create_comment))
        .route("/api/comments/{id}", web::patch().to(api::edit_comment))
        .route("/api/comments/{id}", web::delete().to(api::delete_comment))
        .route("/moderation", web::get().to(moderation::queue))
        .route("/moderation/login", web::get().to(moderation::login_form))
        .route("/moderation/login", web::post().to(moderation::login))
        .route("/moderation/logout", web::post().to(moderation::logout))
        .route("/moderation/comments/{id}/decision", web::post().to(moderation::decision))
        .route("/moderation/comments/{id}/feature", web::post().to(moderation::feature))
        .route("/moderation/bulk", web::post().to(moderation::bulk))
        .route("/moderation/undo", web::post().to(moderation::undo))
        .route("/moderation/events", web::get().to(live::console_events))
        .route("/moderation/log", web::get().to(moderation::log))
        .route("/moderation/log.csv", web::get().to(moderation::log_csv))
        .route("/moderation/log.json", web::get().to(moderation::log_json))
        .route("/moderation/settings", web::get().to(moderation::settings))
        .route("/moderation/settings/articles/{slug}", web::post().to(moderation::article_settings))
        .route("/moderation/settings/words", web::post().to(moderation::words))
        .route("/moderation/settings/thresholds", web::post().to(moderation::thresholds))
        .route("/moderation/settings/domains", web::post().to(moderation::domains))
        .route("/replies/confirm", web::get().to(replies::confirm_form))
        .route("/replies/confirm", web::post().to(replies::confirm))
        .route("/replies/unsubscribe", web::get().to(replies::unsubscribe_form))
        .route("/replies/unsubscribe", web::post().to(replies::unsubscribe))
        .route("/moderation/notifications", web::get().to(moderation_notifications::show))
        .route("/moderation/notifications", web::post().to(moderation_notifications::save))
        .route("/moderation/rules", web::get().to(moderation_rules::page))
        .route("/moderation/rules", web::post().to(moderation_rules::save))
        .route("/api/moderation/rules", web::get().to(moderation_rules::api))
        .route("/moderation/webhooks", web::get().to(moderation_webhooks::page))
        .route("/moderation/webhooks/{id}/retry", web::post().to(moderation_webhooks::retry))
        .route("/api/moderation/webhooks", web::get().to(moderation_webhooks::api))
        .route("/api/moderation/session", web::post().to(moderation_api::create_session))
        .route("/api/moderation/queue", web::get().to(moderation_api::queue))
        .route("/api/moderation/comments/{id}/decision", web::post().to(moderation_api::decision))
        .route("/api/moderation/comments/{id}/feature", web::post().to(moderation_api::feature))
        .route("/embed.js", web::get().to(embed::script))
        .route("/embed", web::get().to(embed::for_url))
        .route("/embed/{slug}", web::get().to(embed::for_slug))
        .route("/c", web::get().to(embed::page_for_url))
        .route("/c/{slug}", web::get().to(embed::page_for_slug))
        .route("/api/counts", web::get().to(embed::counts))
        .route("/healthz", web::get().to(health::healthz))
        .route("/metrics", web::get().to(health::metrics))
        .route("/static/{path:.*}", web::get().to(static_files::serve))
        .default_service(web::to(articles::not_found));
}
