//! Which reason codes hold which comments of the flagging benchmark's training part (buckets
//! 0-6 of `examples/flagging_benchmark.rs`; the held-out buckets 7-9 are never read), rules
//! alone, with the matched words: for finding a rule that is miscalibrated for real comments.
//!
//!     cargo run --release --example rule_audit [-- CODE]
//!
//! With a reason code, also prints every fine comment it held, with the matched spans.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use commentdesk::config::ModerationSettings;
use commentdesk::moderation::eval::{input_for, read_labeled, split_bucket};
use commentdesk::moderation::{Action, Pipeline};

fn main() -> ExitCode {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets");
    let show = std::env::args().nth(1);
    let rules = Pipeline::new(&ModerationSettings::default());
    // Per code: [held fine, held bad, held fine alone]; per (code, matched text): [fine, bad,
    // bad held by this text alone].
    let mut codes: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    let mut spans: BTreeMap<(String, String), [u64; 3]> = BTreeMap::new();
    let (mut fine, mut bad) = (0u64, 0u64);
    for name in ["hate-offensive-train.csv", "youtube-spam-train.csv"] {
        let rows = match read_labeled(&dir.join(name)) {
            Ok(rows) => rows,
            Err(e) => {
                eprintln!("rule_audit: {e}");
                return ExitCode::from(2);
            }
        };
        for l in rows.iter().filter(|l| split_bucket(&l.text) < 7) {
            if l.hold {
                bad += 1
            } else {
                fine += 1
            }
            let v = rules.check_with(&input_for(&l.text), false);
            let holding: Vec<_> = v.findings.iter().filter(|f| f.action > Action::Publish).collect();
            if holding.is_empty() && l.hold && show.as_deref() == Some("missed") {
                println!("MISSED {}: {}", l.label, l.text.replace('\n', " "));
            }
            for f in &holding {
                let c = codes.entry(f.code.clone()).or_default();
                c[usize::from(l.hold)] += 1;
                if holding.len() == 1 && !l.hold {
                    c[2] += 1;
                }
                let texts: std::collections::BTreeSet<String> =
                    f.spans.iter().map(|s| l.text.get(s.start..s.end).unwrap_or("").to_lowercase()).collect();
                for text in &texts {
                    let c = spans.entry((f.code.clone(), text.clone())).or_default();
                    c[usize::from(l.hold)] += 1;
                    if l.hold && holding.len() == 1 && texts.len() == 1 {
                        c[2] += 1;
                    }
                }
                if !l.hold && show.as_deref() == Some(f.code.as_str()) {
                    let m: Vec<_> = f.spans.iter().map(|s| l.text.get(s.start..s.end).unwrap_or("")).collect();
                    println!("FINE {:?} {m:?}: {}", f.code, l.text.replace('\n', " "));
                }
            }
        }
    }
    println!("training part: {bad} bad, {fine} fine");
    for (code, [f, b, alone]) in &codes {
        println!("{code:<28} fine held {f:5} (alone {alone:5})  bad held {b:6}");
    }
    let mut worst: Vec<_> = spans.iter().filter(|(_, c)| c[0] >= 2).collect();
    worst.sort_by_key(|(_, c)| std::cmp::Reverse(c[0]));
    println!("\nmatched text holding 2+ fine comments: code, text, fine, bad, bad held by it alone");
    for ((code, text), [f, b, alone]) in worst.iter().take(60) {
        println!("  {code:<24} {text:<24} {f:4} {b:6} {alone:6}");
    }
    ExitCode::SUCCESS
}
