//! Training and measuring the checks on labeled comments: CSV files with a header `text,label`,
//! where `hate`, `offensive` and `spam` mean "hold" and `neither` and `ham` mean "fine". Used by
//! `commentdesk classifier train|eval` and by the dataset benchmark.
//!
//! The files say nothing about authors, so every comment is checked as if from a returning
//! author with one published comment, no ban, no recent repeats, on a story without
//! pre-moderation: the text checks alone decide.
use std::fmt;
use std::path::{Path, PathBuf};

use super::{AuthorHistory, CheckInput, Classifier, Pipeline, normalize::normalize};

#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: line {line}: {message}")]
    Bad { path: PathBuf, line: u64, message: String },
    #[error("{path}: the first line must be the header `text,label`, found `{found}`")]
    Header { path: PathBuf, found: String },
}

/// One labeled comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labeled {
    pub text: String,
    pub label: String,
    /// True when the label means the comment should wait for a moderator.
    pub hold: bool,
}

/// What a label means: `Some(true)` hold, `Some(false)` fine, `None` unknown.
/// The benchmark's split of a labeled comment into ten buckets (FNV-1a of its text): fixed, so
/// it never changes between runs or machines. Buckets 7–9 are the held-out 30%; the tools that
/// choose settings use buckets of the training part only.
pub fn split_bucket(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)) % 10
}

pub fn label_holds(label: &str) -> Option<bool> {
    match label.trim().to_ascii_lowercase().as_str() {
        "hate" | "offensive" | "spam" | "hold" => Some(true),
        "neither" | "ham" | "fine" => Some(false),
        _ => None,
    }
}

/// Reads a labeled CSV file; quoted fields may span lines. Errors name the line.
pub fn read_labeled(path: &Path) -> Result<Vec<Labeled>, DatasetError> {
    let file = std::fs::File::open(path).map_err(|source| DatasetError::Io { path: path.to_path_buf(), source })?;
    read_labeled_from(file, path)
}

pub fn read_labeled_from(input: impl std::io::Read, path: &Path) -> Result<Vec<Labeled>, DatasetError> {
    let bad = |line: u64, message: String| DatasetError::Bad { path: path.to_path_buf(), line, message };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(input);
    let headers = reader.headers().map_err(|e| bad(e.position().map_or(1, |p| p.line()), e.to_string()))?.clone();
    let names: Vec<String> =
        headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
    if names != ["text", "label"] {
        return Err(DatasetError::Header {
            path: path.to_path_buf(),
            found: headers.iter().collect::<Vec<_>>().join(","),
        });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths { len, .. } => {
                    format!("expected 2 fields (text,label), found {len}")
                }
                csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
                _ => e.to_string(),
            };
            bad(line, message)
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let (text, label) = (record.get(0).unwrap_or(""), record.get(1).unwrap_or(""));
        let hold = label_holds(label).ok_or_else(|| {
            bad(
                line,
                format!(
                    "unknown label `{label}`; use hold, hate, offensive or spam (hold), fine, neither or ham (fine)"
                ),
            )
        })?;
        rows.push(Labeled { text: text.to_string(), label: label.trim().to_ascii_lowercase(), hold });
    }
    Ok(rows)
}

/// Outcomes of "hold" against the labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Held and labeled hold.
    pub true_hold: u64,
    /// Held but labeled fine.
    pub false_hold: u64,
    /// Passed and labeled fine.
    pub true_pass: u64,
    /// Passed but labeled hold.
    pub missed: u64,
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Counts {
    pub fn add(&mut self, held: bool, should_hold: bool) {
        match (held, should_hold) {
            (true, true) => self.true_hold += 1,
            (true, false) => self.false_hold += 1,
            (false, false) => self.true_pass += 1,
            (false, true) => self.missed += 1,
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.true_hold, self.true_hold + self.false_hold)
    }

    /// Share of the comments labeled hold that were held.
    pub fn recall(&self) -> f64 {
        ratio(self.true_hold, self.true_hold + self.missed)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Share of the comments labeled fine that were held.
    pub fn false_hold_rate(&self) -> f64 {
        ratio(self.false_hold, self.false_hold + self.true_pass)
    }

    pub fn total(&self) -> u64 {
        self.true_hold + self.false_hold + self.true_pass + self.missed
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:5.1}%  recall {:5.1}%  F1 {:5.1}%  fine comments held {:5.1}%  ({} comments: {} should hold, {} fine)",
            self.precision() * 100.0,
            self.recall() * 100.0,
            self.f1() * 100.0,
            self.false_hold_rate() * 100.0,
            self.total(),
            self.true_hold + self.missed,
            self.false_hold + self.true_pass,
        )
    }
}

/// The context every labeled comment is checked in; see the module documentation.
pub fn input_for(text: &str) -> CheckInput<'_> {
    CheckInput { body: text, history: AuthorHistory { published: 1, ..Default::default() }, ..Default::default() }
}

/// Checks every row; `use_score` adds the learned score to the rules.
pub fn evaluate(pipeline: &Pipeline, rows: &[&Labeled], use_score: bool) -> Counts {
    let mut counts = Counts::default();
    for row in rows {
        let v = pipeline.check_with(&input_for(&row.text), use_score);
        counts.add(v.action > super::Action::Publish, row.hold);
    }
    counts
}

/// What the checks did per label and per reason code, beside the totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detailed {
    pub total: Counts,
    /// Per label as written in the file (`hate`, `neither`, ...): how many rows, how many held.
    pub labels: std::collections::BTreeMap<String, (u64, u64)>,
    /// Per reason code that held a row: held rows labeled hold (`true_hold`) and fine
    /// (`false_hold`).
    pub codes: std::collections::BTreeMap<String, Counts>,
}

/// Checks every row like [`evaluate`], keeping the outcome per label and per reason code.
pub fn evaluate_detailed(pipeline: &Pipeline, rows: &[&Labeled], use_score: bool) -> Detailed {
    let mut d = Detailed::default();
    for row in rows {
        let v = pipeline.check_with(&input_for(&row.text), use_score);
        let held = v.action > super::Action::Publish;
        d.total.add(held, row.hold);
        let label = d.labels.entry(row.label.clone()).or_default();
        label.0 += 1;
        label.1 += u64::from(held);
        for f in v.findings.iter().filter(|f| f.action > super::Action::Publish) {
            d.codes.entry(f.code.clone()).or_default().add(true, row.hold);
        }
    }
    d
}

impl fmt::Display for Detailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.total)?;
        for (label, (rows, held)) in &self.labels {
            writeln!(f, "      label {label:<10} {rows:>6} rows, {:5.1}% held", ratio(*held, *rows) * 100.0)?;
        }
        for (code, c) in &self.codes {
            writeln!(
                f,
                "      reason {code:<22} held {:>6}: {} labeled hold, {} labeled fine; precision {:5.1}%",
                c.true_hold + c.false_hold,
                c.true_hold,
                c.false_hold,
                c.precision() * 100.0
            )?;
        }
        Ok(())
    }
}

/// A threshold for the learned score chosen on labeled comments, with what it gives there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThresholdChoice {
    pub threshold: f64,
    /// Rules and learned score together at that threshold.
    pub counts: Counts,
}

/// The lowest threshold (so the most comments that should hold are held) at which the rules and
/// the learned score together hold at most `max_fine_held` (a share, 0 to 1) of the fine
/// comments among `rows`. Thresholds are tried on a grid of 0.005 between 0.05 and 0.995; holding
/// only grows as the threshold falls, so a binary search finds it. `None` when even 0.995 holds
/// too many. Meant for a validation slice, never for the comments the result is reported on.
pub fn choose_threshold(
    settings: &crate::config::ModerationSettings,
    classifier: &Classifier,
    rows: &[&Labeled],
    max_fine_held: f64,
) -> Option<ThresholdChoice> {
    const STEPS: u32 = 200;
    let at = |step: u32| f64::from(step) / f64::from(STEPS);
    let measure = |step: u32| {
        let s = crate::config::ModerationSettings { classifier_threshold: at(step), ..settings.clone() };
        evaluate(&Pipeline::with_state(&s, &[], classifier.clone()), rows, true)
    };
    // Invariant: `hi` meets the target; everything at or below `lo` was not shown to.
    let (mut lo, mut hi) = (10, STEPS - 1);
    let mut best = measure(hi);
    if best.false_hold_rate() > max_fine_held {
        return None;
    }
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let counts = measure(mid);
        if counts.false_hold_rate() <= max_fine_held {
            (hi, best) = (mid, counts);
        } else {
            lo = mid;
        }
    }
    if lo == 10 {
        let counts = measure(lo);
        if counts.false_hold_rate() <= max_fine_held {
            (hi, best) = (lo, counts);
        }
    }
    Some(ThresholdChoice { threshold: at(hi), counts: best })
}

/// Trains a classifier on the rows (in addition to what it knew), in several passes.
pub fn train(classifier: &mut Classifier, rows: &[&Labeled]) {
    let normalized: Vec<_> = rows.iter().map(|r| normalize(&r.text)).collect();
    let pairs: Vec<_> = normalized.iter().zip(rows).map(|(n, r)| (n, r.hold)).collect();
    classifier.train_bulk(&pairs);
}

/// A failure of `commentdesk classifier train|eval`.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    #[error("database: {0}")]
    Database(#[from] crate::error::AppError),
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// `commentdesk classifier train FILE`: trains the stored classifier on the file and stores it.
/// Returns the lines to print.
pub async fn train_command(store: &dyn crate::store::Store, path: &Path) -> Result<String, CommandError> {
    let rows = read_labeled(path)?;
    let mut classifier = store.load_classifier().await?;
    let refs: Vec<&Labeled> = rows.iter().collect();
    train(&mut classifier, &refs);
    store.save_classifier(classifier.clone()).await?;
    let hold = rows.iter().filter(|r| r.hold).count();
    let [fine_total, hold_total] = classifier.docs();
    Ok(format!(
        "trained on {} comments from {} ({hold} hold, {} fine)\n\
         the classifier has now learned from {} comments ({hold_total} hold, {fine_total} fine)",
        rows.len(),
        path.display(),
        rows.len() - hold,
        hold_total + fine_total,
    ))
}

/// `commentdesk classifier eval FILE...`: measures "hold" against each file's labels (and all
/// files together when there are several), with the rules alone, then with the learned score as
/// stored; each with the share held per label and the precision of each reason code. The rules
/// run as the server runs them: the console's thresholds, switches, words and trusted domains
/// apply. Returns the lines to print.
pub async fn eval_command(
    store: &dyn crate::store::Store,
    settings: &crate::config::ModerationSettings,
    paths: &[PathBuf],
) -> Result<String, CommandError> {
    let mut files = Vec::new();
    for path in paths {
        files.push((path.display().to_string(), read_labeled(path)?));
    }
    let classifier = store.load_classifier().await?;
    let words = store.words().await?;
    let thresholds = store.thresholds().await?;
    let domains: Vec<String> = store.trusted_domains().await?.iter().map(|d| d.as_str().to_string()).collect();
    let [fine, hold] = classifier.docs();
    let trained = classifier.is_trained(settings.classifier_min_examples);
    let pipeline = Pipeline::with_state(settings, &words, classifier);
    pipeline.set_thresholds(&thresholds);
    pipeline.set_runtime_domains(&domains);
    let threshold = pipeline.settings().classifier_threshold;
    let mut sets: Vec<(String, Vec<&Labeled>)> =
        files.iter().map(|(name, rows)| (name.clone(), rows.iter().collect())).collect();
    if files.len() > 1 {
        sets.push(("all files together".into(), files.iter().flat_map(|(_, rows)| rows.iter()).collect()));
    }
    let mut out = String::new();
    for (name, refs) in &sets {
        out.push_str(&format!("{name}\n"));
        out.push_str(&format!("  rules alone:           {}", evaluate_detailed(&pipeline, refs, false)));
        if trained {
            out.push_str(&format!("  rules + learned score: {}", evaluate_detailed(&pipeline, refs, true)));
        }
    }
    if trained {
        out.push_str(&format!(
            "(learned score trained on {} comments: {hold} hold, {fine} fine; threshold {threshold})",
            hold + fine,
        ));
    } else {
        out.push_str(&format!(
            "  rules + learned score: not available: the classifier has learned from {hold} hold and {fine} fine \
             comments and needs {} of each (train it with `commentdesk classifier train FILE.csv`)",
            settings.classifier_min_examples
        ));
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Vec<Labeled>, DatasetError> {
        read_labeled_from(s.as_bytes(), Path::new("t.csv"))
    }

    #[test]
    fn labeled_csv_with_quoted_multi_line_fields_is_read() {
        let rows = read("text,label\n\"line one\nline two, with comma\",Offensive\nplain,ham\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "line one\nline two, with comma");
        assert!(rows[0].hold);
        assert!(!rows[1].hold);
    }

    #[test]
    fn a_bad_file_names_the_line() {
        let e = read("text,label\nok,ham\nfine,maybe\n").unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("maybe"), "{e}");
        let e = read("text,label\nok,ham\none,two,three\n").unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("found 3"), "{e}");
        let e = read("body,kind\nx,ham\n").unwrap_err().to_string();
        assert!(e.contains("header"), "{e}");
    }

    #[tokio::test]
    async fn train_then_eval_commands_store_and_use_the_classifier() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("set.csv");
        let mut csv = String::from("text,label\n");
        for i in 0..25 {
            csv.push_str(&format!("\"cheap replica watches {i}, click the link\",spam\n"));
            csv.push_str(&format!("the embassy closed for day {i} after the shooting,ham\n"));
        }
        std::fs::write(&file, csv).unwrap();
        let db_settings = crate::config::DatabaseSettings { path: dir.path().join("t.db"), ..Default::default() };
        let store = crate::store::open(&db_settings, None).await.unwrap();
        let settings = crate::config::ModerationSettings::default();
        let files = [file.clone()];
        let before = eval_command(store.as_ref(), &settings, &files).await.unwrap();
        assert!(before.contains("not available"), "{before}");
        let trained = train_command(store.as_ref(), &file).await.unwrap();
        assert!(trained.contains("trained on 50 comments"), "{trained}");
        let after = eval_command(store.as_ref(), &settings, &files).await.unwrap();
        assert!(after.contains("rules + learned score: precision 100.0%  recall 100.0%"), "{after}");
        assert!(after.contains("reason classifier"), "{after}");
        assert!(after.contains("label spam") && after.contains("label ham"), "{after}");
    }

    fn labeled(text: String, hold: bool) -> Labeled {
        Labeled { text, label: if hold { "hold" } else { "fine" }.into(), hold }
    }

    #[test]
    fn the_threshold_chosen_is_the_lowest_that_keeps_fine_holds_within_the_target() {
        let mut train_rows = Vec::new();
        for i in 0..30 {
            train_rows.push(labeled(format!("cheap replica watches deal {i}, buy now at my shop"), true));
            train_rows.push(labeled(format!("the embassy closed for day {i} after the shooting"), false));
        }
        let mut classifier = Classifier::new();
        train(&mut classifier, &train_rows.iter().collect::<Vec<_>>());
        // Fine comments with more and more of the spam's words score higher and higher.
        let spam_words = ["cheap", "replica", "watches", "deal", "buy", "shop"];
        let mut valid = Vec::new();
        for k in 0..spam_words.len() {
            valid.push(labeled(format!("the embassy {} closed", spam_words[..=k].join(" ")), false));
            valid.push(labeled(format!("{} now at my shop", spam_words[k..].join(" ")), true));
        }
        let refs: Vec<&Labeled> = valid.iter().collect();
        let settings = crate::config::ModerationSettings::default();
        let at = |t: f64| {
            let s = crate::config::ModerationSettings { classifier_threshold: t, ..settings.clone() };
            evaluate(&Pipeline::with_state(&s, &[], classifier.clone()), &refs, true)
        };
        let mut previous = 1.0;
        for target in [0.0, 0.2, 0.4, 1.0] {
            let choice = choose_threshold(&settings, &classifier, &refs, target).unwrap();
            assert!(choice.counts.false_hold_rate() <= target, "{target}: {choice:?}");
            assert_eq!(choice.counts, at(choice.threshold));
            if choice.threshold > 0.05 {
                assert!(at(choice.threshold - 0.005).false_hold_rate() > target, "{target}: {choice:?} is the lowest");
            }
            assert!(choice.threshold <= previous, "a looser target never raises the threshold");
            previous = choice.threshold;
        }
        assert!((previous - 0.05).abs() < 1e-9, "holding every fine comment is allowed at 1.0");
        // The targets really differ: a loose one holds some of the fine comments.
        let strict = choose_threshold(&settings, &classifier, &refs, 0.0).unwrap();
        let loose = choose_threshold(&settings, &classifier, &refs, 0.4).unwrap();
        assert!(loose.threshold < strict.threshold, "{strict:?} {loose:?}");
        assert!(strict.counts.false_hold < loose.counts.false_hold, "{strict:?} {loose:?}");
    }

    #[test]
    fn no_threshold_is_chosen_when_the_rules_alone_hold_too_many() {
        let classifier = Classifier::new();
        let valid = [labeled("you idiot, get lost".into(), false), labeled("the embassy closed".into(), false)];
        let refs: Vec<&Labeled> = valid.iter().collect();
        let settings = crate::config::ModerationSettings { classifier_min_examples: 0, ..Default::default() };
        assert_eq!(choose_threshold(&settings, &classifier, &refs, 0.1), None);
    }

    #[test]
    fn counts_give_precision_recall_f1_and_false_holds() {
        let mut c = Counts::default();
        for (held, should) in [(true, true), (true, true), (true, false), (false, true), (false, false)] {
            c.add(held, should);
        }
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.false_hold_rate() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
