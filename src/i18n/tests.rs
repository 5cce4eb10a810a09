use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

type Messages = BTreeMap<String, BTreeSet<String>>;

fn inline_vars(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

/// Every message of a language's catalogue files with the variables it uses.
fn messages(lang: &Language) -> Messages {
    let mut out = Messages::new();
    for (name, text) in lang.sources {
        let res = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, errors)| panic!("{name}: {errors:?}"));
        for entry in &res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(m.attributes.is_empty(), "{name}: {} has attributes; the templates use values only", m.id.name);
                let dup = out.insert(m.id.name.to_string(), vars);
                assert!(dup.is_none(), "{name}: {} is defined twice", m.id.name);
            }
        }
    }
    out
}

#[test]
fn every_catalogue_parses() {
    for lang in LANGUAGES {
        messages(lang);
    }
}

#[test]
fn every_catalogue_has_exactly_the_messages_english_has_with_the_same_variables() {
    let english = messages(&LANGUAGES[0]);
    let mut problems = Vec::new();
    for lang in &LANGUAGES[1..] {
        let other = messages(lang);
        for (id, vars) in &english {
            match other.get(id) {
                None => problems.push(format!("{}: lacks {id}", lang.tag)),
                Some(v) if v != vars => problems.push(format!("{}: {id} uses {v:?}, English uses {vars:?}", lang.tag)),
                Some(_) => {}
            }
        }
        for id in other.keys().filter(|id| !english.contains_key(*id)) {
            problems.push(format!("{}: has {id}, which English lacks", lang.tag));
        }
    }
    assert!(problems.is_empty(), "catalogues differ from English:\n{}", problems.join("\n"));
}

/// The message ids the templates ask for, read from their source.
fn template_ids() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["tr.t(\"", "tr.n(\"", "tr.a(\"", "tr.a2(\"", "tr.a3(\"", "tr.a4(\"", "tr.args(\""] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    out.push((path.display().to_string(), id.to_string()));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"), &mut out);
    out
}

#[test]
fn every_message_a_template_asks_for_is_in_the_catalogue() {
    let english = messages(&LANGUAGES[0]);
    let ids = template_ids();
    assert!(ids.len() > 100, "the scan found only {} calls", ids.len());
    let missing: Vec<_> = ids.iter().filter(|(_, id)| !english.contains_key(id)).collect();
    assert!(missing.is_empty(), "templates ask for messages English lacks: {missing:?}");
    for id in JS_MESSAGES {
        assert!(english.contains_key(*id), "{id}");
    }
}

#[test]
fn an_unknown_language_is_refused_with_the_list_of_shipped_ones() {
    let err = Tr::new("xx").unwrap_err().to_string();
    assert!(err.contains("\"xx\"") && err.contains("de (Deutsch)"), "{err}");
    assert_eq!(Tr::new("DE").unwrap().lang(), "de");
}

#[test]
fn plurals_follow_each_language() {
    assert_eq!(Tr::new("en").unwrap().n("comment-count", 1), "1 comment");
    assert_eq!(Tr::new("en").unwrap().n("comment-count", 12), "12 comments");
    assert_eq!(Tr::new("de").unwrap().n("comment-count", 1), "1 Kommentar");
    assert_eq!(Tr::new("de").unwrap().n("comment-count", 12), "12 Kommentare");
    // French counts zero as singular.
    assert_eq!(Tr::new("fr").unwrap().n("comment-count", 0), "0 commentaire");
    assert_eq!(Tr::new("es").unwrap().n("comment-count", 2), "2 comentarios");
}

#[test]
fn numbers_and_dates_take_each_languages_form() {
    let d = time::macros::datetime!(2016-12-19 17:05 UTC);
    assert_eq!(Tr::new("en").unwrap().date(d), "December 19, 2016");
    assert_eq!(Tr::new("de").unwrap().date(d), "19. Dezember 2016");
    assert_eq!(Tr::new("fr").unwrap().date(d), "19 décembre 2016");
    assert_eq!(Tr::new("es").unwrap().date(d), "19 de diciembre de 2016");
    assert_eq!(Tr::new("en").unwrap().number(1_234_567), "1,234,567");
    assert_eq!(Tr::new("de").unwrap().number(12_345), "12.345");
    assert_eq!(Tr::new("fr").unwrap().number(12_345), "12\u{202f}345");
    assert_eq!(Tr::new("de").unwrap().decimal(0.5), "0,50");
    assert_eq!(Tr::new("en").unwrap().number(999), "999");
    assert_eq!(Tr::new("en").unwrap().number(-1000), "-1,000");
    for tag in ["en", "de", "fr", "es"] {
        let tr = Tr::new(tag).unwrap();
        assert_eq!(tr.number(1_234_567), tr.a("number", "n", 1_234_567), "{tag}: the quick path agrees with Fluent");
    }
}

#[test]
fn relative_times_read_naturally_in_each_language() {
    let now = time::OffsetDateTime::now_utc();
    let en = Tr::english();
    assert_eq!(en.relative(now, now), "just now");
    assert_eq!(en.relative(now - time::Duration::minutes(1), now), "1 minute ago");
    assert_eq!(en.relative(now - time::Duration::hours(5), now), "5 hours ago");
    let de = Tr::new("de").unwrap();
    assert_eq!(de.relative(now - time::Duration::minutes(1), now), "vor 1 Minute");
    assert_eq!(de.relative(now - time::Duration::days(3), now), "vor 3 Tagen");
    assert_eq!(Tr::new("fr").unwrap().relative(now - time::Duration::hours(2), now), "il y a 2 heures");
    assert_eq!(Tr::new("es").unwrap().relative(now - time::Duration::days(1), now), "hace 1 día");
}

#[test]
fn pseudo_locales_change_every_letter_and_keep_arguments() {
    let xa = Tr::new("en-XA").unwrap();
    assert_eq!(xa.dir(), "ltr");
    let text = xa.a("comment-by", "author", "Ann");
    assert!(text.ends_with("Ann"), "{text}");
    assert!(!text[..text.len() - 3].chars().any(|c| c.is_ascii_alphabetic()), "{text}");
    assert_eq!(Tr::new("ar-XB").unwrap().dir(), "rtl");
}

#[test]
fn form_errors_and_known_messages_are_translated() {
    let de = Tr::new("de").unwrap();
    let e = crate::domain::comment::CommentBody::parse("   ").unwrap_err();
    assert_eq!(de.field_error(&e), de.t("error-body-empty"));
    assert_ne!(de.field_error(&e), e.message);
    let long = "x".repeat(5003);
    let e = crate::domain::comment::CommentBody::parse(&long).unwrap_err();
    assert!(de.field_error(&e).contains("5003") || de.field_error(&e).contains("5.003"), "{}", de.field_error(&e));
    assert_eq!(known_message(de, "Comments are closed on this story."), Some(de.t("error-comments-closed")));
    assert_eq!(
        known_message(de, "Comments can be changed for 15 minutes after posting; that time has passed."),
        Some(de.n("error-edit-window", 15))
    );
    assert_eq!(known_message(de, "Something unheard of."), None);
}

#[test]
fn script_messages_are_json_with_the_placeholder_kept() {
    let v: serde_json::Value = serde_json::from_str(&Tr::new("fr").unwrap().js_messages()).unwrap();
    assert!(v["js-too-fast"].as_str().unwrap().contains("{seconds}"));
    assert_eq!(v.as_object().unwrap().len(), JS_MESSAGES.len());
}

#[test]
fn console_conflicts_are_translated_with_their_names_and_statuses() {
    let de = Tr::new("de").unwrap();
    assert_eq!(
        known_message(de, "Already decided by ann: the comment is now rejected. Nothing was changed.").unwrap(),
        "Bereits entschieden von ann: Der Kommentar ist jetzt abgelehnt. Nichts wurde geändert."
    );
    assert_eq!(
        known_message(de, "This comment changed since the page was loaded: it is now spam. Nothing was changed."),
        Some(de.a("mod-error-changed", "status", "Spam"))
    );
    assert_eq!(
        known_message(de, "Nothing was undone: already decided by bob since."),
        Some("Nichts rückgängig gemacht: bob hat inzwischen entschieden.".to_string())
    );
    // English stays as it was written.
    let en = Tr::english();
    let m = "Already decided by ann: the comment is now rejected. Nothing was changed.";
    assert_eq!(known_message(en, m).as_deref(), Some(m));
}

#[test]
fn the_quick_path_for_text_around_one_variable_gives_what_fluent_gives() {
    for tag in ["en", "de", "fr", "es", "en-XA", "ar-XB"] {
        let tr = Tr::new(tag).unwrap();
        for id in ["comment-by", "reply-to", "pick-comment-by", "comments-title", "report-about"] {
            let name = if id == "comments-title" { "title" } else { "author" };
            let quick = tr.a(id, name, "Ann");
            let mut args = FluentArgs::new();
            args.set(name, "Ann");
            assert_eq!(quick, tr.format(id, Some(&args)), "{tag} {id}");
            assert!(tr.cat.simple.contains_key(id), "{tag} {id} takes the quick path");
        }
    }
}

#[test]
fn every_known_english_text_names_a_message_that_says_the_same() {
    let en = Tr::english();
    let de = Tr::new("de").unwrap();
    for (english, id) in FIXED {
        assert_eq!(known_message(en, english).as_deref(), Some(*english), "{id} differs from the code's text");
        assert_ne!(known_message(de, english).as_deref(), Some(*english), "{id} is not translated");
    }
    let shaped = [
        "\"ann@\" is not an email address.",
        "\"x y\" is not a domain name.",
        "\"10.0.0.1\" is not a domain name (addresses cannot be trusted domains).",
        "\"localhost\" is not a full domain name, such as reuters.com.",
        "The page's address is longer than 2048 characters.",
        "Comments are not enabled for pages on https://evil.example: it is not listed in the [embed] allowed_origins setting of this Commentdesk.",
        "The JSON body could not be read: expected value at line 1 column 1",
        "Learned score threshold must be a number.",
        "Learned score threshold must be between 0.01 and 0.99.",
        "Most links in a comment must be between 0 and 50.",
    ];
    for english in shaped {
        assert_eq!(known_message(en, english).as_deref(), Some(english));
        let german = known_message(de, english).unwrap();
        assert_ne!(german, english);
    }
    assert_eq!(
        known_message(de, "Learned score threshold must be between 0.01 and 0.99.").unwrap(),
        "Schwellenwert der gelernten Bewertung muss zwischen 0,01 und 0,99 liegen."
    );
    assert_eq!(known_message(de, "\"ann@\" is not an email address.").unwrap(), "„ann@“ ist keine E-Mail-Adresse.");
    // A parser's detail is left out where a person reads it.
    assert_eq!(
        known_message(de, "The form could not be read: Content type error").unwrap(),
        de.t("error-form-unreadable")
    );
}

#[test]
fn the_embed_scripts_messages_are_json_in_each_language() {
    let v: serde_json::Value = serde_json::from_str(&Tr::new("es").unwrap().embed_messages()).unwrap();
    assert_eq!(v["embed-fallback-link"], "Leer y escribir comentarios");
    assert_eq!(v.as_object().unwrap().len(), EMBED_MESSAGES.len());
}
