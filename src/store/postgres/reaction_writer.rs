//! Reactions on PostgreSQL, committed in groups as new comments are (see `writer`): on a busy
//! page reactions are the most frequent write, and each one committed alone costs the server a
//! WAL flush and its processes the CPU the page's readers need. One task takes every reaction
//! waiting, runs their statements pipelined in one transaction (each sees the ones before it, so
//! one reader's reactions in a group still count once) and commits once. A group in which a
//! statement fails is rolled back and its reactions are run one by one, so one bad request never
//! takes others with it. One task, not several: two groups committing at once could lock the
//! same counts in opposite orders.
use deadpool_postgres::Pool;
use futures_util::future::join_all;
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;
use crate::store::{Reaction, ReactionRequest};

/// Most reactions in one transaction.
const MAX_GROUP: usize = 256;

type Reply = oneshot::Sender<Result<Reaction, AppError>>;

pub struct ReactionWriter {
    jobs: mpsc::UnboundedSender<(ReactionRequest, Reply)>,
}

impl ReactionWriter {
    pub fn start(pool: Pool) -> ReactionWriter {
        let (jobs, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(pool, rx));
        ReactionWriter { jobs }
    }

    /// Adds or undoes one reaction; answers once its transaction has committed.
    pub async fn react(&self, request: ReactionRequest) -> Result<Reaction, AppError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send((request, reply)).map_err(|_| AppError::Unavailable)?;
        answer.await.map_err(|_| AppError::internal("the reaction writer stopped before answering"))?
    }
}

async fn run(pool: Pool, mut rx: mpsc::UnboundedReceiver<(ReactionRequest, Reply)>) {
    while let Some(first) = rx.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        run_group(&pool, group).await;
    }
}

async fn run_group(pool: &Pool, group: Vec<(ReactionRequest, Reply)>) {
    let mut c = match pool.get().await {
        Ok(c) => c,
        Err(e) => {
            let e = AppError::from(e);
            tracing::warn!(error = %e, "no connection for the reactions");
            for (_, reply) in group {
                let _ = reply.send(Err(AppError::Unavailable));
            }
            return;
        }
    };
    if group.len() > 1 {
        let grouped = async {
            let tx = c.transaction().await?;
            let results = join_all(group.iter().map(|(q, _)| super::reactions::react(&tx, q))).await;
            // A refusal (own comment, no such comment) is an answer; any other error fails the
            // group, whose transaction is then rolled back.
            if results.iter().any(|r| matches!(r, Err(e) if !is_answer(e))) {
                return Ok::<_, AppError>(None);
            }
            tx.commit().await?;
            Ok(Some(results))
        }
        .await;
        if let Ok(Some(results)) = grouped {
            for ((_, reply), result) in group.into_iter().zip(results) {
                let _ = reply.send(result);
            }
            return;
        }
    }
    // Alone, or after a failed group: each in its own statement.
    for (q, reply) in group {
        let _ = reply.send(super::reactions::react(&c, &q).await);
    }
}

/// Errors that answer the request rather than fail the statement.
fn is_answer(e: &AppError) -> bool {
    matches!(e, AppError::NotFound(_) | AppError::Forbidden(_))
}
