//! The flagging benchmark: how much of the labeled datasets the checks hold, and how fast the
//! whole pipeline is on a typical comment.
//!
//! Reads `../shared/datasets/*.csv` (or the directory in `COMMENTDESK_DATASETS`) at run time;
//! nothing from them is stored in the repository. Each file is split by a hash of the comment
//! text: 70% trains the classifier, 30% is held out and measured. Within the training part, 10%
//! of all rows (hash bucket 6) is a validation slice for the threshold sweep, so the threshold is
//! never chosen on the held-out part.
//!
//!     cargo run --release --example flagging_benchmark
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use commentdesk::config::ModerationSettings;
use commentdesk::moderation::eval::{Counts, Labeled, evaluate, input_for, read_labeled, train};
use commentdesk::moderation::{Classifier, Pipeline};

fn bucket(text: &str) -> u64 {
    // FNV-1a: fixed, so the split never changes between runs or machines.
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 10
}

fn line(name: &str, c: &Counts) -> String {
    format!(
        "  {name:<24} bad held {:5.1}%   fine held {:5.1}%   precision {:5.1}%  F1 {:5.1}%",
        c.recall() * 100.0,
        c.false_hold_rate() * 100.0,
        c.precision() * 100.0,
        c.f1() * 100.0
    )
}

fn main() -> ExitCode {
    let dir = std::env::var_os("COMMENTDESK_DATASETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets"));
    let mut sets: Vec<(String, Vec<Labeled>)> = Vec::new();
    for name in ["hate-offensive-train.csv", "youtube-spam-train.csv"] {
        match read_labeled(&dir.join(name)) {
            Ok(rows) => sets.push((name.to_string(), rows)),
            Err(e) => {
                eprintln!("flagging_benchmark: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let settings = ModerationSettings::default();
    let part = |rows: &[Labeled], keep: &dyn Fn(u64) -> bool| -> Vec<Labeled> {
        rows.iter().filter(|r| keep(bucket(&r.text))).cloned().collect()
    };

    // Threshold sweep: train on buckets 0-5, measure on the validation bucket 6.
    // Both datasets train one classifier together, as a site would.
    let mut fit = Classifier::new();
    let mut fit_rows = Vec::new();
    let mut valid = Vec::new();
    for (_, rows) in &sets {
        fit_rows.extend(part(rows, &|b| b < 6));
        valid.extend(part(rows, &|b| b == 6));
    }
    train(&mut fit, &fit_rows.iter().collect::<Vec<_>>());
    let valid_refs: Vec<&Labeled> = valid.iter().collect();
    let valid_sets: Vec<Vec<&Labeled>> =
        sets.iter().map(|(_, rows)| rows.iter().filter(|r| bucket(&r.text) == 6).collect()).collect();
    println!("threshold sweep on the validation slice ({} comments, rules + learned score):", valid.len());
    for threshold in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let s = ModerationSettings { classifier_threshold: threshold, ..settings.clone() };
        let p = Pipeline::with_state(&s, &[], fit.clone());
        println!("{}", line(&format!("threshold {threshold}"), &evaluate(&p, &valid_refs, true)));
        for ((name, _), rows) in sets.iter().zip(&valid_sets) {
            println!("{}", line(&format!("  {}", name.trim_end_matches("-train.csv")), &evaluate(&p, rows, true)));
        }
    }

    // The benchmark proper: train on buckets 0-6 (70%), measure on 7-9 (30%).
    let mut classifier = Classifier::new();
    let mut tests: Vec<(String, Vec<Labeled>)> = Vec::new();
    let mut train_rows = Vec::new();
    for (name, rows) in &sets {
        train_rows.extend(part(rows, &|b| b < 7));
        tests.push((name.clone(), part(rows, &|b| b >= 7)));
    }
    train(&mut classifier, &train_rows.iter().collect::<Vec<_>>());
    let [fine, hold] = classifier.docs();
    println!(
        "\ntrained on {} comments ({hold} hold, {fine} fine); threshold {}",
        fine + hold,
        settings.classifier_threshold
    );
    let pipeline = Pipeline::with_state(&settings, &[], classifier);
    let all: Vec<Labeled> = tests.iter().flat_map(|(_, r)| r.iter().cloned()).collect();
    tests.push(("both datasets".into(), all));
    for (name, rows) in &tests {
        let refs: Vec<&Labeled> = rows.iter().collect();
        let bad = rows.iter().filter(|r| r.hold).count();
        println!(
            "{name}: {} held-out comments ({bad} hate/offensive/spam, {} neither/ham)",
            rows.len(),
            rows.len() - bad
        );
        println!("{}", line("rules alone", &evaluate(&pipeline, &refs, false)));
        println!("{}", line("rules + learned score", &evaluate(&pipeline, &refs, true)));
    }

    // Speed of the whole pipeline (normalizer, every check, the learned score) per comment.
    let typical = [
        "The shooting at the embassy was terrorism, and Karlov's killer should have been tried. \
         I don't understand how an off-duty officer got that close to an ambassador with a gun.",
        "Do not forget Aleppo, he shouted. Whatever you think of Russia's role in Syria, murdering a \
         diplomat at an art gallery solves nothing. Praying for his family.",
        "Another day, another attack. When will Turkey get its security under control? See \
         https://www.reuters.com/world for the timeline.",
    ];
    let mut times = Vec::with_capacity(30_000);
    for _ in 0..10_000 {
        for body in typical {
            let input = input_for(body);
            let start = Instant::now();
            let v = pipeline.check(&input);
            times.push(start.elapsed());
            std::hint::black_box(v);
        }
    }
    times.sort_unstable();
    let pct = |p: usize| times[times.len() * p / 100];
    println!(
        "\nPipeline::check on typical comments ({} calls): median {:?}, p90 {:?}, p99 {:?}",
        times.len(),
        pct(50),
        pct(90),
        pct(99)
    );
    ExitCode::SUCCESS
}
