//! Micro-benchmarks (criterion): a typical comment's Markdown rendering and sanitizing, the
//! moderation pipeline on it, and the article page with 200 comments (render, and gzip as the
//! page cache does it). Run with `cargo bench --bench micro`.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use commentdesk::cache::{Rendered, Stamp};
use commentdesk::config::ModerationSettings;
use commentdesk::domain::share::share_links;
use commentdesk::markdown;
use commentdesk::moderation::{CheckInput, Classifier, Pipeline, Recent};
use commentdesk::templates::{ArticlePage, CommentForm, CommentSection, CommentView, HeadMeta, Layout};

/// About 60 words, with the Markdown readers use: emphasis, a quote, a line break.
const COMMENT: &str = "I read the *Telegraph* report this morning and it still is not clear whether the two \
incidents were connected.\n\n> a man was detained after firing shots around the American embassy\n\n\
The embassy was closed as a precaution, which seems sensible. Does anyone know whether the \
consulates in Istanbul and Adana have reopened?\nI have family travelling there next week.";

fn comment_rendering(c: &mut Criterion) {
    c.bench_function("comment: markdown + sanitize", |b| b.iter(|| markdown::render_comment(black_box(COMMENT))));
}

fn moderation(c: &mut Criterion) {
    let pipeline = Pipeline::with_state(&ModerationSettings::default(), &[], Classifier::new());
    // The repeat check compares with up to 2,000 recent comments by others.
    let recent: Vec<Recent> = (0..2_000u64)
        .map(|i| Recent { fingerprint: i.wrapping_mul(0x9E37_79B9_7F4A_7C15), same_author: false })
        .collect();
    let input = CheckInput { body: COMMENT, author_name: "Dana", recent: &recent, ..Default::default() };
    c.bench_function("moderation pipeline: typical comment", |b| b.iter(|| pipeline.check(black_box(&input)).status()));
}

fn page(n: usize) -> ArticlePage {
    let body_html = markdown::render_comment(COMMENT);
    let comments = (0..n)
        .map(|i| CommentView {
            id: i as i64 + 1,
            parent_id: (i % 5 != 0).then_some(i as i64),
            depth: (i % 5) as i64,
            author: format!("Reader {i}"),
            body_html: body_html.clone(),
            created_iso: "2016-12-20T02:31:00Z".into(),
            created_human: "3 hours ago".into(),
            edited: false,
            pending: false,
            own: false,
            can_edit: false,
            replying: false,
            reactions: (i % 7) as i64,
            reacted: false,
            featured: i == 3,
        })
        .collect();
    let canonical = "http://127.0.0.1:8080/articles/russian-ambassador-assassinated-us-embassy-incident".to_string();
    let title = "ALERT: Moments After Russian Amb. Assassinated, Chilling “Incident” Occurs at US Embassy";
    ArticlePage {
        tr: commentdesk::i18n::Tr::english(),
        layout: Layout::new("USA Liberty News", ""),
        head: HeadMeta {
            title: title.into(),
            description: "Hours after Russia's ambassador to Turkey was shot dead".into(),
            canonical: canonical.clone(),
            og_type: "article",
            published_iso: Some("2016-12-20T02:30:00Z".into()),
            json_ld: None,
        },
        slug: "russian-ambassador-assassinated-us-embassy-incident".into(),
        title: title.into(),
        source: "USA Liberty News".into(),
        byline: None,
        published_iso: "2016-12-20T02:30:00Z".into(),
        published_human: "December 20, 2016".into(),
        body_html: markdown::render_article(&COMMENT.repeat(8)),
        share_links: share_links(&canonical, title, "Shots were fired at the US embassy in Ankara"),
        canonical,
        share_text: "Shots were fired at the US embassy in Ankara".into(),
        call_to_action: "Please like and share".into(),
        like_text: "Like us on Facebook".into(),
        facebook_page_url: "https://www.facebook.com/USALibertyNews".into(),
        question: "Do you think this shooting is terror-related?".into(),
        comment_prompt: "Scroll down to comment below!".into(),
        section: CommentSection {
            slug: "russian-ambassador-assassinated-us-embassy-incident".into(),
            root: String::new(),
            base: "/articles/russian-ambassador-assassinated-us-embassy-incident".into(),
            form_action: "/articles/russian-ambassador-assassinated-us-embassy-incident/comments".into(),
            view: "",
            comments_open: true,
            comment_count: n as i64,
            comments,
            sort: "oldest",
            reaction_label: "Respect".into(),
            picks: Vec::new(),
            moderator_csrf: None,
            more_url: None,
            notice: None,
            form: CommentForm { token: "1482201000000-1.0123456789abcdef".into(), ..Default::default() },
            reply_to: None,
            feed_url: "/articles/russian-ambassador-assassinated-us-embassy-incident/comments.atom".into(),
            mail_on: false,
            keep: String::new(),
            keep_query: String::new(),
            live_events: Some("/articles/russian-ambassador-assassinated-us-embassy-incident/events?after=0".into()),
        },
    }
}

fn stamp() -> Stamp {
    Stamp {
        generation: 1,
        hide_generation: 1,
        version: Some(1),
        own_version: Some(1),
        writer_committing: false,
        taken: std::time::Instant::now(),
    }
}

fn article_page(c: &mut Criterion) {
    use askama::Template;
    let p = page(200);
    c.bench_function("article page: render 200 comments", |b| {
        b.iter(|| {
            let mut out = String::with_capacity(256 * 1024);
            p.render_into(&mut out).map(|()| out.len())
        })
    });
    let html = p.render().unwrap_or_default();
    c.bench_function("article page: render + gzip for the cache", |b| {
        b.iter(|| {
            let mut out = String::with_capacity(256 * 1024);
            let _ = p.render_into(&mut out);
            Rendered::new(1, stamp(), 0, out).gzip.len()
        })
    });
    eprintln!(
        "article page with 200 comments: {} bytes, {} gzipped",
        html.len(),
        Rendered::new(1, stamp(), 0, html.clone()).gzip.len()
    );
}

criterion_group!(benches, comment_rendering, moderation, article_page);
criterion_main!(benches);
