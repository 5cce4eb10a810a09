//! PostgreSQL counterpart of `store::sqlite::meta`: install-wide values kept in the database,
//! such as the secret used for signing and IP hashing.
use deadpool_postgres::GenericClient;

use crate::error::AppError;

pub async fn get(c: &impl GenericClient, key: &str) -> Result<Option<String>, AppError> {
    let st = c.prepare_cached("SELECT value FROM meta WHERE key = $1").await?;
    Ok(c.query_opt(&st, &[&key]).await?.map(|r| r.try_get(0)).transpose()?)
}

/// Returns the stored value, or stores and returns `make()` when there is none. Race-free across
/// nodes: the first insert wins (`ON CONFLICT DO NOTHING`, which waits for a concurrent insert
/// of the same key to commit or roll back), and every node then returns the stored value.
pub async fn get_or_insert(
    c: &impl GenericClient,
    key: &str,
    make: impl FnOnce() -> String,
) -> Result<String, AppError> {
    if let Some(v) = get(c, key).await? {
        return Ok(v);
    }
    let v = make();
    let st = c.prepare_cached("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING").await?;
    c.execute(&st, &[&key, &v]).await?;
    // Never hand out a value that is not the stored one: nodes must agree on secrets.
    get(c, key).await?.ok_or_else(|| AppError::internal(format!("meta key {key} vanished after its insert")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_first_value_stored_wins_even_when_nodes_race() {
        let Some(pool) = crate::store::postgres::test_pool("meta_get_or_insert").await else { return };
        let c = pool.get().await.unwrap();
        assert_eq!(get(&c, "secret").await.unwrap(), None);
        assert_eq!(get_or_insert(&c, "secret", || "one".into()).await.unwrap(), "one");
        assert_eq!(get_or_insert(&c, "secret", || panic!("not called when stored")).await.unwrap(), "one");
        assert_eq!(get(&c, "secret").await.unwrap().as_deref(), Some("one"));
        // Four connections asking at once for a new key all get the same, stored, value.
        let mut tasks = Vec::new();
        for i in 0..4 {
            let pool = pool.clone();
            tasks.push(tokio::spawn(async move {
                let c = pool.get().await.unwrap();
                get_or_insert(&c, "race", || format!("v{i}")).await.unwrap()
            }));
        }
        let mut got = Vec::new();
        for t in tasks {
            got.push(t.await.unwrap());
        }
        let stored = get(&c, "race").await.unwrap().unwrap();
        assert!(got.iter().all(|v| *v == stored), "{got:?} vs {stored}");
    }
}
