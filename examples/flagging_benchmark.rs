//! The flagging benchmark: how much of the labeled datasets the checks hold, and how fast the
//! whole pipeline is on a typical comment.
//!
//! Reads `../shared/datasets/*.csv` (or the directory in `COMMENTDESK_DATASETS`) at run time;
//! nothing from them is stored in the repository. Each file is split by a hash of the comment
//! text: 70% trains the classifier, 30% is held out and measured. Within the training part, 10%
//! of all rows (hash bucket 6) is a validation slice on which the L2 penalty and the threshold
//! are chosen (see [`choose_threshold`]), so neither is ever chosen on the held-out part. The
//! held-out part is measured at the configured default threshold and at the chosen one.
//!
//!     cargo run --release --example flagging_benchmark
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use commentdesk::config::ModerationSettings;
use commentdesk::moderation::classifier::TrainOptions;
use commentdesk::moderation::eval::split_bucket;
use commentdesk::moderation::eval::{
    Counts, Labeled, ThresholdChoice, choose_threshold, evaluate, input_for, read_labeled,
};
use commentdesk::moderation::normalize::normalize;
use commentdesk::moderation::{Action, Classifier, Pipeline};

fn line(name: &str, c: &Counts) -> String {
    format!(
        "  {name:<24} bad held {:5.1}%   fine held {:5.1}%   precision {:5.1}%  F1 {:5.1}%",
        c.recall() * 100.0,
        c.false_hold_rate() * 100.0,
        c.precision() * 100.0,
        c.f1() * 100.0
    )
}

/// `FLAGGING_DUMP=FILE`: every row with its bucket, its label, whether the rules alone hold it
/// (and by which codes), and the learned score of the model trained on buckets 0-5 (the
/// validation model) and on 0-6 (the benchmark's), for experiments outside Rust. A TSV.
fn dump(
    path: &std::path::Path,
    sets: &[(String, Vec<Labeled>)],
    settings: &ModerationSettings,
    validation_model: Option<&Classifier>,
    classifier: &Classifier,
) -> std::io::Result<()> {
    use std::io::Write;
    let rules = Pipeline::with_state(settings, &[], classifier.clone());
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "dataset\tbucket\thold\trules_hold\tcodes\tscore_0_5\tscore_0_6\ttext")?;
    for (name, rows) in sets {
        for r in rows {
            let v = rules.check_with(&input_for(&r.text), false);
            let codes: Vec<&str> =
                v.findings.iter().filter(|f| f.action > Action::Publish).map(|f| f.code.as_str()).collect();
            let n = normalize(&r.text);
            let fit = validation_model.map_or(f64::NAN, |m| m.score_normalized(&n));
            let text = r.text.replace(['\t', '\n', '\r'], " ");
            writeln!(
                out,
                "{name}\t{}\t{}\t{}\t{}\t{fit:.5}\t{:.5}\t{text}",
                split_bucket(&r.text),
                u8::from(r.hold),
                u8::from(v.action > Action::Publish),
                codes.join(","),
                classifier.score_normalized(&n)
            )?;
        }
    }
    out.flush()
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
        rows.iter().filter(|r| keep(split_bucket(&r.text))).cloned().collect()
    };

    // Validation: train on buckets 0-5, measure on the validation bucket 6. Both datasets train
    // one classifier together, as a site would. For each L2 penalty, the lowest threshold at
    // which rules + score hold at most MAX_FINE_HELD of the fine validation comments; the
    // penalty whose threshold holds the most bad ones wins.
    const MAX_FINE_HELD: f64 = 0.045;
    let mut fit_rows = Vec::new();
    let mut valid = Vec::new();
    for (_, rows) in &sets {
        fit_rows.extend(part(rows, &|b| b < 6));
        valid.extend(part(rows, &|b| b == 6));
    }
    let fit_refs: Vec<&Labeled> = fit_rows.iter().collect();
    let valid_refs: Vec<&Labeled> = valid.iter().collect();
    println!(
        "validation slice ({} comments): rules alone {}",
        valid.len(),
        line("", &evaluate(&Pipeline::new(&settings), &valid_refs, false)).trim_start()
    );
    let mut chosen: Option<(TrainOptions, ThresholdChoice)> = None;
    let mut validation_model = None;
    for l2 in [0.0, 1e-5] {
        let options = TrainOptions { l2, ..TrainOptions::default() };
        let mut fit = Classifier::new();
        let normalized: Vec<_> = fit_refs.iter().map(|r| normalize(&r.text)).collect();
        let pairs: Vec<_> = normalized.iter().zip(&fit_refs).map(|(n, r)| (n, r.hold)).collect();
        fit.train_bulk_with(&pairs, options);
        if l2 == 0.0 {
            validation_model = Some(fit.clone());
        }
        let at_default = evaluate(&Pipeline::with_state(&settings, &[], fit.clone()), &valid_refs, true);
        println!("{}", line(&format!("L2 {l2:e}, threshold {}", settings.classifier_threshold), &at_default));
        match choose_threshold(&settings, &fit, &valid_refs, MAX_FINE_HELD) {
            Some(choice) => {
                println!("{}", line(&format!("L2 {l2:e}, threshold {:.3}", choice.threshold), &choice.counts));
                if chosen.is_none_or(|(_, best)| choice.counts.recall() > best.counts.recall()) {
                    chosen = Some((options, choice));
                }
            }
            None => println!("  L2 {l2:e}: the rules alone hold more than {MAX_FINE_HELD} of the fine comments"),
        }
    }
    let (options, choice) = chosen.unwrap_or((
        TrainOptions::default(),
        ThresholdChoice { threshold: settings.classifier_threshold, counts: Counts::default() },
    ));
    println!(
        "chosen on validation (fine held at most {:.1}%): L2 {:e}, threshold {:.3}",
        MAX_FINE_HELD * 100.0,
        options.l2,
        choice.threshold
    );

    // The benchmark proper: train on buckets 0-6 (70%), measure on 7-9 (30%).
    let mut classifier = Classifier::new();
    let mut tests: Vec<(String, Vec<Labeled>)> = Vec::new();
    let mut train_rows = Vec::new();
    for (name, rows) in &sets {
        train_rows.extend(part(rows, &|b| b < 7));
        tests.push((name.clone(), part(rows, &|b| b >= 7)));
    }
    let train_refs: Vec<&Labeled> = train_rows.iter().collect();
    let normalized: Vec<_> = train_refs.iter().map(|r| normalize(&r.text)).collect();
    let pairs: Vec<_> = normalized.iter().zip(&train_refs).map(|(n, r)| (n, r.hold)).collect();
    classifier.train_bulk_with(&pairs, options);
    let [fine, hold] = classifier.docs();
    println!(
        "\ntrained on {} comments ({hold} hold, {fine} fine); default threshold {}, chosen on validation {:.3}",
        fine + hold,
        settings.classifier_threshold,
        choice.threshold
    );
    if let Some(path) = std::env::var_os("FLAGGING_DUMP")
        && let Err(e) = dump(&PathBuf::from(path), &sets, &settings, validation_model.as_ref(), &classifier)
    {
        eprintln!("flagging_benchmark: FLAGGING_DUMP: {e}");
        return ExitCode::from(2);
    }
    let tuned_settings = ModerationSettings { classifier_threshold: choice.threshold, ..settings.clone() };
    let tuned = Pipeline::with_state(&tuned_settings, &[], classifier.clone());
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
        println!(
            "{}",
            line(&format!("+ score at {}", settings.classifier_threshold), &evaluate(&pipeline, &refs, true))
        );
        println!("{}", line(&format!("+ score at {:.3}", choice.threshold), &evaluate(&tuned, &refs, true)));
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
