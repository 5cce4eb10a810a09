//! The console's Rules page (admins): what each rule held over the last 7, 30 and 90 days, what
//! moderators made of it, a switch per rule, the strict first-time link rule and the learned
//! score's threshold; the same figures at `GET /api/moderation/rules`.
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use time::OffsetDateTime;

use super::moderation::{Form, Nav, audit_setting, notice_text, render, require_admin, see_other, threshold_field};
use crate::auth::session::ModeratorSession;
use crate::error::{ApiError, AppError};
use crate::moderation::rules::{RULES, RuleReport, RulesReport, ScoreWindow, switch_key};
use crate::moderation::{STRICT_FIRST_TIME_LINKS, Threshold};
use crate::startup::AppState;
use crate::templates::Layout;

/// Characters of a comment shown as an example.
const EXCERPT_CHARS: usize = 160;

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |p| format!("{:.0}%", p * 100.0))
}

async fn report(state: &AppState) -> Result<RulesReport, AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let threshold = state.pipeline.settings().classifier_threshold;
    let stats = state.store.rule_stats(now, threshold).await?;
    let mut report = RulesReport::build(&stats, threshold, |code| state.pipeline.rule_enabled(code));
    for r in &mut report.rules {
        for e in r.approved_examples.iter_mut().chain(r.rejected_examples.iter_mut()) {
            e.excerpt = crate::markdown::excerpt(&e.excerpt, EXCERPT_CHARS);
        }
    }
    Ok(report)
}

pub struct WindowView {
    pub days: u32,
    pub held: u64,
    pub approved: u64,
    pub rejected: u64,
    pub undecided: u64,
    pub precision: String,
    pub overturned: bool,
}

pub struct ExampleView {
    pub id: i64,
    pub date: String,
    pub text: String,
}

pub struct RuleView {
    pub code: String,
    pub label: String,
    /// The switch, for rules that have one.
    pub enabled: Option<bool>,
    pub windows: Vec<WindowView>,
    pub overturned: bool,
    pub approved: Vec<ExampleView>,
    pub rejected: Vec<ExampleView>,
}

pub struct ScoreView {
    pub days: u32,
    pub true_holds: u64,
    pub false_holds: u64,
    pub missed: u64,
    pub precision: String,
    pub recall: String,
}

#[derive(Template)]
#[template(path = "moderation/rules.html")]
pub struct RulesPage {
    /// The console's language (the site's).
    pub tr: crate::i18n::Tr,
    pub layout: Layout,
    pub nav: Nav,
    pub notice: Option<String>,
    pub rules: Vec<RuleView>,
    pub strict_first_time: bool,
    pub threshold: String,
    pub threshold_min: String,
    pub threshold_max: String,
    pub classifier_on: bool,
    pub score: Vec<ScoreView>,
}

fn examples(list: &[crate::moderation::rules::Example], tr: crate::i18n::Tr) -> Vec<ExampleView> {
    list.iter()
        .map(|e| ExampleView {
            id: e.comment_id,
            date: OffsetDateTime::from_unix_timestamp(e.created_at).map(|d| tr.date(d)).unwrap_or_default(),
            text: e.excerpt.clone(),
        })
        .collect()
}

fn rule_view(r: &RuleReport, tr: crate::i18n::Tr) -> RuleView {
    RuleView {
        code: r.code.clone(),
        label: {
            let l = tr.key("rule-", &r.code);
            if l == r.code { r.label.clone() } else { l }
        },
        enabled: r.enabled,
        windows: r
            .windows
            .iter()
            .map(|w| WindowView {
                days: w.days,
                held: w.held,
                approved: w.approved,
                rejected: w.rejected,
                undecided: w.undecided,
                precision: percent(w.precision),
                overturned: w.overturned,
            })
            .collect(),
        overturned: r.overturned,
        approved: examples(&r.approved_examples, tr),
        rejected: examples(&r.rejected_examples, tr),
    }
}

fn score_view(w: &ScoreWindow) -> ScoreView {
    ScoreView {
        days: w.days,
        true_holds: w.true_holds,
        false_holds: w.false_holds,
        missed: w.missed,
        precision: percent(w.precision),
        recall: percent(w.recall),
    }
}

fn threshold_spec() -> Threshold {
    // The learned score's threshold is the first of the console's thresholds.
    Threshold::ALL[0]
}

pub async fn page(
    state: web::Data<AppState>,
    s: ModeratorSession,
    query: web::Query<super::moderation::NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    require_admin(&s)?;
    let report = report(&state).await?;
    let settings = state.pipeline.settings();
    // Rules that held nothing in 90 days and have no switch (an old code) are left out.
    let rules = report
        .rules
        .iter()
        .filter(|r| r.enabled.is_some() || r.windows.iter().any(|w| w.held > 0))
        .map(|r| rule_view(r, state.tr))
        .collect();
    let t = threshold_spec();
    let page = RulesPage {
        tr: state.tr,
        layout: state.layout(),
        nav: Nav::new(&s, "rules"),
        notice: notice_text(state.tr, query.notice.as_deref(), None),
        rules,
        strict_first_time: settings.hold_first_time_links,
        threshold: format!("{}", settings.classifier_threshold),
        threshold_min: format!("{}", t.min),
        threshold_max: format!("{}", t.max),
        classifier_on: settings.classifier_enabled,
        score: report.score.iter().map(score_view).collect(),
    };
    render(StatusCode::OK, &page)
}

/// Saves the switches and the threshold. A checkbox left out of the form is a rule switched off,
/// so only changed values are stored: the configuration keeps deciding the rest.
pub async fn save(
    state: web::Data<AppState>,
    req: HttpRequest,
    s: ModeratorSession,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form = Form::read_signed_in(&req, payload, &state, &s).await?;
    require_admin(&s)?;
    let current = state.pipeline.settings();
    let mut values: Vec<(String, f64)> = Vec::new();
    for rule in RULES.iter().filter(|r| r.switchable) {
        let key = switch_key(rule.code);
        let on = form.has(&key);
        if on != state.pipeline.rule_enabled(rule.code) {
            values.push((key, if on { 1.0 } else { 0.0 }));
        }
    }
    let strict = form.has(STRICT_FIRST_TIME_LINKS);
    if strict != current.hold_first_time_links {
        values.push((STRICT_FIRST_TIME_LINKS.to_string(), if strict { 1.0 } else { 0.0 }));
    }
    let t = threshold_spec();
    if let Some(v) = threshold_field(&form, &t)?
        && (v - current.classifier_threshold).abs() > f64::EPSILON
    {
        values.push((t.key.to_string(), v));
    }
    if values.is_empty() {
        return Ok(see_other(&state, "/moderation/rules?notice=saved"));
    }
    let all = state.store.set_thresholds(values.clone(), OffsetDateTime::now_utc()).await?;
    state.pipeline.set_thresholds(&all);
    let what = values.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
    audit_setting(&state, &s.moderator.name, "thresholds", what).await?;
    Ok(see_other(&state, "/moderation/rules?notice=saved"))
}

/// `GET /api/moderation/rules`: the Rules page's figures as JSON, for admins (session cookie from
/// this site, or a bearer token).
pub async fn api(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let moderator = super::moderation_api::authenticate(&state, &req).await?;
    if !moderator.is_admin() {
        return Err(AppError::Forbidden("Only admins can see the rules' figures.".into()).into());
    }
    let report = report(&state).await?;
    let settings = state.pipeline.settings();
    let body = serde_json::json!({
        "rules": report.rules,
        "score": report.score,
        "classifier_enabled": settings.classifier_enabled,
        "hold_first_time_links": settings.hold_first_time_links,
        // In force: the configured ones and the console's.
        "trusted_domains": settings.trusted_domains,
    });
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(body))
}
