//! Languages: every text a reader or a moderator sees comes from the Fluent catalogues in
//! `locales/<lang>/*.ftl`, compiled in. A page gets one [`Tr`] (the language it is shown in) and
//! its template asks it for messages: `{{ tr.t("comments-heading") }}`,
//! `{{ tr.n("comment-count", count) }}`. Messages are plain text; askama escapes them like any
//! other value.
//!
//! Two pseudo-locales are built at start from English, for tests: `en-XA` (every letter of every
//! message accented, so English left in a page stands out) and `ar-XB` (the same, written right
//! to left).
use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::concurrent::IntlLangMemoizer;
use time::OffsetDateTime;
use unic_langid::LanguageIdentifier;

pub mod pseudo;

/// A shipped language: its tag, direction, number separators and catalogue files.
pub struct Language {
    pub tag: &'static str,
    /// The language's own name, for the README and error messages.
    pub name: &'static str,
    pub rtl: bool,
    pub sources: &'static [(&'static str, &'static str)],
    formatter: fn(&FluentValue, &IntlLangMemoizer) -> Option<String>,
}

macro_rules! catalogue {
    ($lang:literal) => {
        &[
            (concat!($lang, "/reader.ftl"), include_str!(concat!("../../locales/", $lang, "/reader.ftl"))),
            (concat!($lang, "/console.ftl"), include_str!(concat!("../../locales/", $lang, "/console.ftl"))),
            (concat!($lang, "/mail.ftl"), include_str!(concat!("../../locales/", $lang, "/mail.ftl"))),
        ]
    };
}

/// The shipped languages. To add one: copy `locales/en/` to `locales/<tag>/`, translate it, add
/// a line here, and run `cargo test --lib i18n` (see README, "Languages").
pub const LANGUAGES: &[Language] = &[
    Language { tag: "en", name: "English", rtl: false, sources: catalogue!("en"), formatter: format_en },
    Language { tag: "de", name: "Deutsch", rtl: false, sources: catalogue!("de"), formatter: format_de },
    Language { tag: "fr", name: "Français", rtl: false, sources: catalogue!("fr"), formatter: format_fr },
    Language { tag: "es", name: "Español", rtl: false, sources: catalogue!("es"), formatter: format_es },
];

/// Test languages built from English; never shown in the list of languages to choose from.
pub const PSEUDO_LOCALES: &[(&str, bool)] = &[("en-XA", false), ("ar-XB", true)];

// Fluent's own number formatting has no grouping; these give each language its separators.
fn format_en(v: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    format_number(v, ",", ".")
}
fn format_de(v: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    format_number(v, ".", ",")
}
fn format_fr(v: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    format_number(v, "\u{202f}", ",")
}
fn format_es(v: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    format_number(v, ".", ",")
}

fn format_number(v: &FluentValue, group: &str, decimal: &str) -> Option<String> {
    let FluentValue::Number(n) = v else { return None };
    let digits = n.options.minimum_fraction_digits.or(n.options.maximum_fraction_digits);
    Some(group_digits(n.value, digits, n.options.use_grouping, group, decimal))
}

/// `1234567.5` → `1,234,567.5` with the language's separators.
pub fn group_digits(value: f64, fraction_digits: Option<usize>, grouping: bool, group: &str, decimal: &str) -> String {
    let text = match fraction_digits {
        Some(d) => format!("{:.*}", d, value.abs()),
        None => format!("{}", value.abs()),
    };
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if grouping && i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push_str(decimal);
        out.push_str(f);
    }
    out
}

/// One language's compiled catalogue.
pub struct Catalogue {
    tag: String,
    rtl: bool,
    bundle: FluentBundle<FluentResource>,
    /// Messages without arguments, formatted once: a page of 200 comments asks for "Reply" and
    /// "Report" hundreds of times.
    plain: std::collections::HashMap<String, String>,
    /// Messages that are text around one variable ("comment by { $author }"), split once: the
    /// comment section asks for them for every comment, and Fluent's formatting costs about a
    /// microsecond each (seven times the page's render in the micro-benchmark).
    simple: std::collections::HashMap<String, (String, String, String)>,
}

impl Catalogue {
    fn build(
        tag: &str,
        rtl: bool,
        sources: &[(&str, &str)],
        formatter: Option<fn(&FluentValue, &IntlLangMemoizer) -> Option<String>>,
        transform: Option<fn(&str) -> Cow<'_, str>>,
    ) -> Catalogue {
        let id: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Plain text in HTML: the page's `dir` does the bidirectional work, and the marks Fluent
        // would add around each argument would end up inside attribute values and share texts.
        bundle.set_use_isolating(false);
        bundle.set_formatter(formatter);
        bundle.set_transform(transform);
        for (name, text) in sources {
            // A broken catalogue fails `catalogues_parse` in the tests; here, keep what parsed.
            let res = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(res, errors)| {
                tracing::error!(file = name, ?errors, "catalogue has syntax errors");
                res
            });
            bundle.add_resource_overriding(res);
        }
        let mut plain = std::collections::HashMap::new();
        let mut simple = std::collections::HashMap::new();
        for (_, text) in sources {
            let Ok(ast) = fluent_syntax::parser::parse(*text) else { continue };
            for entry in ast.body {
                let fluent_syntax::ast::Entry::Message(m) = entry else { continue };
                if let Some(split) = m.value.as_ref().and_then(|p| split_simple(p, transform)) {
                    simple.insert(m.id.name.to_string(), split);
                }
                let Some(pattern) = bundle.get_message(m.id.name).and_then(|m| m.value()) else { continue };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors).into_owned();
                // A message that needs arguments reports them missing: it is formatted per call.
                if errors.is_empty() {
                    plain.insert(m.id.name.to_string(), text);
                }
            }
        }
        Catalogue { tag: tag.to_string(), rtl, bundle, plain, simple }
    }
}

/// `prefix { $name } suffix` on one line, as (prefix, name, suffix) with the transform applied.
fn split_simple(
    p: &fluent_syntax::ast::Pattern<&str>,
    transform: Option<fn(&str) -> Cow<'_, str>>,
) -> Option<(String, String, String)> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let (mut prefix, mut name, mut suffix) = (String::new(), None, String::new());
    for el in &p.elements {
        match el {
            PatternElement::TextElement { value } => {
                if value.contains('\n') {
                    return None;
                }
                let text = transform.map_or(Cow::Borrowed(*value), |f| f(value));
                if name.is_none() { prefix.push_str(&text) } else { suffix.push_str(&text) }
            }
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } if name.is_none() => name = Some(id.name.to_string()),
            _ => return None,
        }
    }
    Some((prefix, name?, suffix))
}

static CATALOGUES: LazyLock<Vec<Catalogue>> = LazyLock::new(|| {
    let mut all: Vec<Catalogue> =
        LANGUAGES.iter().map(|l| Catalogue::build(l.tag, l.rtl, l.sources, Some(l.formatter), None)).collect();
    for (tag, rtl) in PSEUDO_LOCALES {
        all.push(Catalogue::build(tag, *rtl, LANGUAGES[0].sources, Some(format_en), Some(pseudo::transform)));
    }
    all
});

#[derive(Debug, thiserror::Error)]
#[error("unknown language {0:?}: Commentdesk ships {list}", list = shipped())]
pub struct UnknownLanguage(pub String);

fn shipped() -> String {
    LANGUAGES.iter().map(|l| format!("{} ({})", l.tag, l.name)).collect::<Vec<_>>().join(", ")
}

/// The messages `static/js/article.js` shows, handed to it through `data-messages`.
pub const JS_MESSAGES: &[&str] = &[
    "js-posting",
    "js-published",
    "js-awaiting",
    "js-correct-errors",
    "js-too-fast",
    "js-post-failed",
    "js-network-kept",
    "js-network",
    "js-choose-reason",
    "js-report-thanks",
    "js-report-failed",
    "js-reaction-failed",
    "share-copied",
    "share-copy-failed",
    "form-title-reply",
    "embed-frame-title",
];

/// The messages `static/js/embed.js` shows, filled into the script when `/embed.js` is served.
pub const EMBED_MESSAGES: &[&str] = &["embed-fallback-link", "embed-frame-title"];

/// Error texts written as English strings where they arise (`AppError::Forbidden(String)` and
/// its kind), with the catalogue message that says the same. A message with a number in it is
/// matched on its fixed parts.
pub fn known_message(tr: Tr, english: &str) -> Option<String> {
    if let Some((_, id)) = FIXED.iter().find(|(en, _)| *en == english) {
        return Some(tr.t(id));
    }
    known_shaped(tr, english)
}

/// Texts matched whole, with their message.
const FIXED: &[(&str, &str)] = &[
    ("Comments are closed on this story.", "error-comments-closed"),
    ("Only the author of a comment can change it.", "error-only-author"),
    ("This comment is already waiting for a moderator.", "error-already-waiting"),
    (
        "This form was sent from another website, so it was refused. Please post from the article page.",
        "error-cross-site",
    ),
    ("You have no decision to undo.", "mod-error-nothing-to-undo"),
    ("Nothing to undo: the comment changed since.", "mod-error-undo-changed"),
    ("Select at least one comment first.", "mod-error-select-first"),
    ("Only a published comment can be an editors' pick.", "mod-error-pick-published"),
    ("This form's security token is missing or out of date. Reload the page and try again.", "error-security-token"),
    ("This request came from another website, so it was refused.", "error-other-site"),
    ("The comment to reply to is not a valid number.", "error-parent-number"),
    ("This reaction button is not valid. Please reload the page and try again.", "error-reaction-action"),
    ("The page's address (url) is missing.", "error-embed-url-missing"),
    ("The page's address must be an http or https URL.", "error-embed-url-scheme"),
    ("The page's address must not carry a user name or password.", "error-embed-url-user"),
    ("Enter an email address, such as desk@news.example.", "error-email-empty"),
    ("An email address is one word of at most 254 characters.", "error-email-too-long"),
    ("Only admins can change settings.", "mod-error-admins-settings"),
    ("Only admins can see the rules' figures.", "mod-error-admins-rules"),
    ("Only admins can retry webhook deliveries.", "mod-error-admins-retry"),
    ("Only admins can see webhook deliveries.", "mod-error-admins-webhooks"),
    ("A ban needs an author or an address.", "mod-error-ban-needs"),
    ("Choose a reason: spam, abuse, off-topic or other.", "mod-error-choose-reason"),
    ("A word must be 1 to 200 characters.", "mod-error-word-length"),
    ("The form lacks the status the comment had. Please reload the page.", "mod-error-form-status"),
    ("A selected comment is not valid. Please reload the page.", "mod-error-selected-invalid"),
    ("A selected comment lacks its status. Please reload the page.", "mod-error-selected-status"),
    ("There is no such queue: choose pending, reported, approved, rejected or spam.", "mod-error-queue"),
    ("Enter a domain, such as reuters.com.", "mod-error-domain-empty"),
    ("A domain is one word of at most 253 characters, such as reuters.com.", "mod-error-domain-long"),
];

/// (prefix, suffix, message, argument): the text between is the argument.
const SHAPED: &[(&str, &str, &str, &str)] = &[
    ("Comments can be changed for ", " minutes after posting; that time has passed.", "error-edit-window", "count"),
    (
        "This comment changed since the page was loaded: it is now ",
        ". Nothing was changed.",
        "mod-error-changed",
        "status",
    ),
    ("Nothing was undone: already decided by ", " since.", "mod-error-undo-decided", "who"),
    ("\"", "\" is not an email address.", "error-email-invalid", "address"),
    ("\"", "\" is not a domain name.", "mod-error-domain-invalid", "domain"),
    ("\"", "\" is not a domain name (addresses cannot be trusted domains).", "mod-error-domain-address", "domain"),
    ("\"", "\" is not a full domain name, such as reuters.com.", "mod-error-domain-partial", "domain"),
    ("The page's address is longer than ", " characters.", "error-embed-url-long", "max"),
    (
        "Comments are not enabled for pages on ",
        ": it is not listed in the [embed] allowed_origins setting of this Commentdesk.",
        "error-embed-origin",
        "origin",
    ),
    ("The JSON body could not be read: ", "", "error-json-unreadable", "detail"),
];

fn known_shaped(tr: Tr, english: &str) -> Option<String> {
    for (prefix, suffix, id, arg) in SHAPED {
        if let Some(between) = english.strip_prefix(prefix).and_then(|r| r.strip_suffix(suffix)) {
            return Some(match *arg {
                "count" => tr.n(id, between.parse::<i64>().ok()?),
                "status" => tr.a(id, "status", tr.key("status-", between)),
                _ => tr.a(id, arg, between),
            });
        }
    }
    // Texts that end with a detail of the parser's, which only a developer can act on.
    const DETAILED: &[(&str, &str)] = &[
        ("The form could not be read: ", "error-form-unreadable"),
        ("The request body could not be read: ", "error-body-unreadable"),
        ("The page's address is not a valid URL: ", "error-embed-url-invalid"),
    ];
    if let Some((_, id)) = DETAILED.iter().find(|(prefix, _)| english.starts_with(prefix)) {
        return Some(tr.t(id));
    }
    // A threshold of the settings page: "LABEL must be a number." or "LABEL must be between MIN
    // and MAX.", LABEL the threshold's English label.
    for t in crate::moderation::Threshold::ALL {
        let Some(rest) = english.strip_prefix(t.label) else { continue };
        let name = tr.key("threshold-", t.key);
        if rest == " must be a number." {
            return Some(tr.a("mod-error-threshold-number", "name", name));
        }
        if let Some((min, max)) =
            rest.strip_prefix(" must be between ").and_then(|r| r.strip_suffix('.')).and_then(|r| r.split_once(" and "))
        {
            let number = |s: &str| s.parse::<f64>().ok();
            return Some(tr.args(
                "mod-error-threshold-range",
                &[("name", &name), ("min", &number(min)?), ("max", &number(max)?)],
            ));
        }
    }
    // "Already decided by NAME: the comment is now STATUS. Nothing was changed."
    let rest = english.strip_prefix("Already decided by ")?.strip_suffix(". Nothing was changed.")?;
    let (who, status) = rest.rsplit_once(": the comment is now ")?;
    Some(tr.a2("mod-error-decided", "who", who, "status", tr.key("status-", status)))
}

/// A value a message takes as an argument: numbers select plural forms, text is inserted as is.
pub trait Arg {
    fn value(&self) -> FluentValue<'static>;
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_arg!(i64, i32, u32, u64, usize, u16, f64);

impl Arg for str {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}
impl Arg for String {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.clone()))
    }
}
impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'static> {
        (**self).value()
    }
}

/// The language a page is shown in, and the way its templates get their text.
#[derive(Clone, Copy)]
pub struct Tr {
    cat: &'static Catalogue,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.cat.tag)
    }
}

impl Tr {
    /// The catalogue for `tag` (`en`, `de`, `fr`, `es`, or a pseudo-locale).
    pub fn new(tag: &str) -> Result<Tr, UnknownLanguage> {
        CATALOGUES
            .iter()
            .find(|c| c.tag.eq_ignore_ascii_case(tag))
            .map(|cat| Tr { cat })
            .ok_or_else(|| UnknownLanguage(tag.to_string()))
    }

    pub fn english() -> Tr {
        Tr { cat: &CATALOGUES[0] }
    }

    /// The `lang` attribute.
    pub fn lang(&self) -> &'static str {
        &self.cat.tag
    }

    /// The `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.cat.rtl { "rtl" } else { "ltr" }
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &self.cat.bundle;
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            // The completeness test keeps this from happening with the shipped catalogues.
            tracing::warn!(lang = %self.cat.tag, id, "message missing from catalogue");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(lang = %self.cat.tag, id, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        match self.cat.plain.get(id) {
            Some(text) => text.clone(),
            None => self.format(id, None),
        }
    }

    /// A message with `$count`, which also picks the plural form.
    pub fn n(&self, id: &str, count: impl Arg) -> String {
        self.a(id, "count", count)
    }

    /// A message with one argument.
    pub fn a(&self, id: &str, name: &str, value: impl Arg) -> String {
        let value = value.value();
        if let (Some((prefix, var, suffix)), FluentValue::String(v)) = (self.cat.simple.get(id), &value)
            && var == name
        {
            return format!("{prefix}{v}{suffix}");
        }
        let mut args = FluentArgs::new();
        args.set(name.to_string(), value);
        self.format(id, Some(&args))
    }

    /// A message with two arguments.
    pub fn a2(&self, id: &str, n1: &str, v1: impl Arg, n2: &str, v2: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_string(), v1.value());
        args.set(n2.to_string(), v2.value());
        self.format(id, Some(&args))
    }

    /// A message with three arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn a3(&self, id: &str, n1: &str, v1: impl Arg, n2: &str, v2: impl Arg, n3: &str, v3: impl Arg) -> String {
        self.args(id, &[(n1, &v1), (n2, &v2), (n3, &v3)])
    }

    /// A message with four arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn a4(
        &self,
        id: &str,
        n1: &str,
        v1: impl Arg,
        n2: &str,
        v2: impl Arg,
        n3: &str,
        v3: impl Arg,
        n4: &str,
        v4: impl Arg,
    ) -> String {
        self.args(id, &[(n1, &v1), (n2, &v2), (n3, &v3), (n4, &v4)])
    }

    /// A message with any number of arguments (from Rust code).
    pub fn args(&self, id: &str, list: &[(&str, &dyn Arg)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in list {
            args.set(name.to_string(), value.value());
        }
        self.format(id, Some(&args))
    }

    /// The message `prefix` + `key` (dots in the key become hyphens), or the key itself when the
    /// catalogue has none: for codes and statuses stored as data.
    pub fn key(&self, prefix: &str, key: &str) -> String {
        let id = format!("{prefix}{}", key.replace('.', "-"));
        if self.cat.bundle.has_message(&id) { self.t(&id) } else { key.to_string() }
    }

    /// A form error in this language (its English text when it names no catalogue message).
    pub fn field_error(&self, e: &crate::domain::comment::FieldError) -> String {
        if e.id.is_empty() {
            return e.message.clone();
        }
        let args: Vec<(&str, &dyn Arg)> = e
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn Arg))
            .chain(e.text_args.iter().map(|(k, v)| (*k, v as &dyn Arg)))
            .collect();
        self.args(e.id, &args)
    }

    /// The page script's messages, as a JSON object for the comment section's `data-messages`
    /// (CSP forbids inline script; an attribute needs none). `{seconds}` is the script's to fill.
    pub fn js_messages(&self) -> String {
        let mut map = serde_json::Map::new();
        for id in JS_MESSAGES {
            let text = if *id == "js-too-fast" { self.a(id, "seconds", "{seconds}") } else { self.t(id) };
            map.insert((*id).to_string(), serde_json::Value::String(text));
        }
        serde_json::Value::Object(map).to_string()
    }

    /// The console script's messages (`static/js/moderation.js`); `{count}` is the script's to fill.
    pub fn console_js_messages(&self) -> String {
        serde_json::json!({
            "js-selected": self.a("js-selected", "count", "{count}"),
            "js-confirm-ban": self.t("js-confirm-ban"),
        })
        .to_string()
    }

    /// The embed script's messages (`static/js/embed.js`), as the JSON object its `messages`
    /// line holds.
    pub fn embed_messages(&self) -> String {
        let mut map = serde_json::Map::new();
        for id in EMBED_MESSAGES {
            map.insert((*id).to_string(), serde_json::Value::String(self.t(id)));
        }
        serde_json::Value::Object(map).to_string()
    }

    /// An integer with the language's grouping: `12,345`, `12.345`, `12 345`.
    pub fn number(&self, n: impl Arg) -> String {
        // The comment section shows a count per comment: grouped here rather than through Fluent,
        // with the separators the language's formatter uses.
        if let FluentValue::Number(x) = n.value() {
            let (group, decimal) = match self.cat.tag.as_str() {
                "de" | "es" => (".", ","),
                "fr" => ("\u{202f}", ","),
                _ => (",", "."),
            };
            return group_digits(x.value, None, true, group, decimal);
        }
        self.a("number", "n", n)
    }

    /// A decimal with two fraction digits: `0.83`, `0,83`.
    pub fn decimal(&self, x: f64) -> String {
        let n = fluent_bundle::types::FluentNumber::new(
            x,
            fluent_bundle::types::FluentNumberOptions { minimum_fraction_digits: Some(2), ..Default::default() },
        );
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::Number(n));
        self.format("number", Some(&args))
    }

    /// "December 19, 2016", "19. Dezember 2016", "19 décembre 2016", "19 de diciembre de 2016".
    pub fn date(&self, t: OffsetDateTime) -> String {
        let month = self.t(&format!("month-{}", u8::from(t.month())));
        self.args("date-long", &[("month", &month), ("day", &t.day().to_string()), ("year", &t.year().to_string())])
    }

    /// "5 minutes ago", "3 days ago", or a date for older times.
    pub fn relative(&self, then: OffsetDateTime, now: OffsetDateTime) -> String {
        match (now - then).whole_seconds() {
            s if s < 60 => self.t("time-just-now"),
            s if s < 3600 => self.n("time-minutes-ago", s / 60),
            s if s < 86_400 => self.n("time-hours-ago", s / 3600),
            s if s < 30 * 86_400 => self.n("time-days-ago", s / 86_400),
            _ => self.date(then),
        }
    }
}

#[cfg(test)]
mod tests;
