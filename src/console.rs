//! The moderator console's actions, shared by the HTML pages and the JSON API: decisions (one or
//! many, under the conflict rule) that train the learned score after they commit, undo, and the
//! highlighting of matched passages.
use rand::RngCore;
use time::OffsetDateTime;

use crate::domain::comment::{CommentStatus, Span};
use crate::domain::moderator::{Action, Moderator};
use crate::error::AppError;
use crate::intake;
use crate::startup::AppState;
use crate::store::{Decided, DecisionContext, DecisionRequest, Undone};

/// One decision as a request asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub id: i64,
    pub action: Action,
    /// The status the moderator saw; `None` from API calls that name none.
    pub expected: Option<CommentStatus>,
}

fn batch_id() -> String {
    let mut b = [0u8; 8];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Applies decisions in one transaction; each either applies or is refused on its own (a
/// conflict or a missing comment), in the order given. Every applied decision trains the learned
/// score (approve: fine; reject, spam, ban: hold) once committed.
pub async fn decide(
    state: &AppState,
    moderator: &Moderator,
    requests: Vec<Request>,
    reason: &str,
) -> Result<Vec<Result<Decided, AppError>>, AppError> {
    let ctx = DecisionContext {
        moderator: moderator.name.clone(),
        reason: reason.to_string(),
        batch: batch_id(),
        now: OffsetDateTime::now_utc().unix_timestamp(),
    };
    let requests = requests.into_iter().map(|r| DecisionRequest { id: r.id, action: r.action, expected: r.expected });
    let results = state.store.decide(requests.collect(), ctx).await?;
    let mut answers = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((done, action)) => {
                for (_, body) in &done.trained {
                    intake::learn(state, body, action.holds()).await?;
                }
                state.metrics.comments.with_label_values(&[done.status.as_str()]).inc();
                // Seconds are far below f64's exact range.
                state.metrics.observe_decision(action.as_str(), done.waited_secs as f64);
                // A reply a moderator publishes reaches its parent's subscriber now.
                if done.status == crate::domain::comment::CommentStatus::Published
                    && let Some(n) = &state.notifier
                {
                    n.reply_published(state.keys.clone(), done.id);
                }
                answers.push(Ok(done));
            }
            Err(e) => answers.push(Err(e)),
        }
    }
    Ok(answers)
}

/// Undoes the moderator's last decision (see [`crate::store::Store::undo_last`]).
pub async fn undo(state: &AppState, moderator: &Moderator) -> Result<Undone, AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    state.store.undo_last(&moderator.name, &batch_id(), now).await
}

/// A run of a comment's text, marked when a check matched it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Splits `body` at the spans' byte offsets into plain and marked runs. Spans are clamped to the
/// text and to character boundaries, and overlapping ones merged, so stored spans that no longer
/// fit (the text was edited) cannot break anything. Templates escape every run.
pub fn highlight(body: &str, spans: &[Span]) -> Vec<Segment> {
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .map(|s| (floor_boundary(body, s.start), ceil_boundary(body, s.end)))
        .filter(|(a, b)| a < b)
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b) in merged {
        if a > pos {
            out.push(Segment { text: body[pos..a].to_string(), marked: false });
        }
        out.push(Segment { text: body[a..b].to_string(), marked: true });
        pos = b;
    }
    if pos < body.len() || out.is_empty() {
        out.push(Segment { text: body[pos..].to_string(), marked: false });
    }
    out
}

/// The passages of `body` the spans point at, for listing beside a reason.
pub fn matched(body: &str, spans: &[Span]) -> Vec<String> {
    highlight(body, spans).into_iter().filter(|s| s.marked).map(|s| s.text).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn spans_become_marked_runs_and_overlaps_merge() {
        let segs = highlight("you idiot, you fool", &[sp(15, 19), sp(4, 9), sp(6, 9)]);
        let text: Vec<(&str, bool)> = segs.iter().map(|s| (s.text.as_str(), s.marked)).collect();
        assert_eq!(text, [("you ", false), ("idiot", true), (", you ", false), ("fool", true)]);
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_are_clamped() {
        let segs = highlight("é<b>", &[sp(1, 3), sp(10, 20)]);
        assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), "é<b>");
        assert_eq!(matched("é<b>", &[sp(1, 3)]), ["é<"]);
        assert_eq!(highlight("", &[]), [Segment { text: String::new(), marked: false }]);
    }
}
