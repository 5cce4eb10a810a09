//! Thin entry point: parse the command line, load settings, hand over to the library.
use std::process::ExitCode;

use clap::Parser;
use commentdesk::cli::{
    ArticleCommand, AuthorCommand, ClassifierCommand, Cli, Command, ModeratorCommand, PrivacyCommand,
};
use commentdesk::config::Settings;
use commentdesk::startup::Application;
use commentdesk::store::Store;
use commentdesk::{content, ops, telemetry};

fn main() -> ExitCode {
    let _log = telemetry::init();
    let cli = Cli::parse();
    let serve_args = match &cli.command {
        Some(Command::Serve(a)) | Some(Command::Config(a)) => a.clone(),
        _ => cli.serve.clone(),
    };
    let settings = match Settings::load(cli.common.config.as_deref(), &cli.overrides(Some(&serve_args))) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("commentdesk: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        None | Some(Command::Serve(_)) => serve(settings),
        Some(Command::Config(_)) => match toml::to_string_pretty(&settings.redacted()) {
            Ok(s) => {
                print!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("commentdesk: {e}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Article(cmd)) => article(settings, cmd),
        Some(Command::Classifier(cmd)) => classifier(settings, cmd),
        Some(Command::Moderator(cmd)) => moderator(settings, cmd),
        Some(Command::Import { file, format, strict }) => import(settings, file, format, strict),
        Some(cmd) => operate(settings, cmd),
    }
}

/// Runs a command-line task on a small runtime with the configured store open. Errors are
/// printed and exit with 2 (the configuration, the database or an input file is wrong).
fn with_store<F>(settings: Settings, task: F) -> ExitCode
where
    F: AsyncFnOnce(&Settings, &dyn Store) -> Result<String, String>,
{
    let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("commentdesk: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let store = match ops::open_existing_or_new(&settings).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("commentdesk: {e}");
                return ExitCode::from(2);
            }
        };
        let result = task(&settings, store.as_ref()).await;
        store.close().await;
        match result {
            Ok(out) => {
                if !out.is_empty() {
                    // A summary on stderr keeps `export -` output clean.
                    eprintln!("commentdesk: {out}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("commentdesk: {e}");
                ExitCode::from(2)
            }
        }
    })
}

/// `backup`, `export`, `import`, `author forget`, `privacy purge`: print a summary, or the error
/// and exit with 2.
fn operate(settings: Settings, cmd: Command) -> ExitCode {
    if let Err(e) = ops::check_exists(&settings) {
        eprintln!("commentdesk: {e}");
        return ExitCode::from(2);
    }
    with_store(settings, async move |settings, store| {
        let out: Result<String, ops::OpsError> = async {
            match cmd {
                Command::Backup { dest } => {
                    let written = ops::backup::backup(store, &dest).await?;
                    Ok(format!("backup written to {}{}", written.display(), store.backup_note()))
                }
                Command::Export { file, decisions_csv } => {
                    let mut said = Vec::new();
                    if let Some(file) = file {
                        let counts = ops::export::export(store, &file).await?;
                        said.push(format!("exported {}", ops::export::describe(&counts)));
                    }
                    if let Some(csv) = decisions_csv {
                        let n = ops::export::decisions_csv(store, &csv).await?;
                        said.push(format!("wrote {n} moderator decisions to {}", csv.display()));
                    }
                    Ok(said.join("\n"))
                }
                Command::Author(AuthorCommand::Forget { comment_id, remove_comments }) => {
                    let f = ops::privacy::forget(store, comment_id, remove_comments).await?;
                    let mut msg =
                        format!("anonymized {} comments and {} reactions they gave", f.anonymized, f.reactions);
                    if remove_comments {
                        msg.push_str(&format!(
                            "; removed {}, left {} as placeholders because others replied",
                            f.removed, f.tombstoned
                        ));
                    }
                    Ok(msg)
                }
                Command::Privacy(PrivacyCommand::Purge) => {
                    let days = settings.privacy.ip_hash_retention_days;
                    let n = ops::privacy::purge(store, ops::now(), days)
                        .await
                        .map_err(|e| ops::OpsError::Refused(format!("database: {e}")))?;
                    Ok(format!("erased {n} IP hashes older than {days} days"))
                }
                _ => Err(ops::OpsError::Refused("not an operations command".into())),
            }
        }
        .await;
        out.map_err(|e| e.to_string())
    })
}

/// `import`: the summary on standard output; a refused import removes the database file it
/// created.
fn import(settings: Settings, file: std::path::PathBuf, format: Option<ops::import::Format>, strict: bool) -> ExitCode {
    let created = ops::import::database_to_create(&settings);
    let imported = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let done = imported.clone();
    let code = with_store(settings, async move |settings, store| {
        let summary = ops::import::import(store, settings, &file, format, strict).await.map_err(|e| e.to_string())?;
        println!("{summary}");
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(String::new())
    });
    if !imported.load(std::sync::atomic::Ordering::SeqCst)
        && let Some(path) = created
    {
        ops::import::remove_created_database(&path);
    }
    code
}

fn moderator(settings: Settings, cmd: ModeratorCommand) -> ExitCode {
    with_store(settings, async move |settings, store| {
        let out =
            commentdesk::auth::accounts::run(settings, store, cmd, commentdesk::auth::accounts::read_password).await?;
        // Printed on stdout: `moderator token` and `list` are read by scripts.
        if !out.is_empty() {
            println!("{out}");
        }
        Ok(String::new())
    })
}

fn classifier(settings: Settings, cmd: ClassifierCommand) -> ExitCode {
    use commentdesk::moderation::eval;
    with_store(settings, async move |settings, store| {
        let out = match cmd {
            ClassifierCommand::Train { file } => eval::train_command(store, &file).await,
            ClassifierCommand::Eval { files } => eval::eval_command(store, &settings.moderation, &files).await,
        }
        .map_err(|e| e.to_string())?;
        println!("{out}");
        Ok(String::new())
    })
}

fn serve(settings: Settings) -> ExitCode {
    // The startup and maintenance runtime: its blocking pool is bounded like the workers'.
    let blocking = commentdesk::startup::BLOCKING_THREADS;
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().max_blocking_threads(blocking).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("commentdesk: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let app = match Application::build(settings).await {
            Ok(app) => app,
            Err(e) => {
                eprintln!("commentdesk: {e}");
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1));
            }
        };
        tracing::info!("Commentdesk is listening: open {}/", app.public_base());
        match app.run_until_stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("commentdesk: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn article(settings: Settings, cmd: ArticleCommand) -> ExitCode {
    with_store(settings, async move |_, store| {
        match cmd {
            ArticleCommand::Import { files } => {
                let articles = files
                    .iter()
                    .map(|f| content::load_file(f).map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()?;
                let slugs: Vec<String> = articles.iter().map(|a| a.slug.as_str().to_string()).collect();
                let stored = store.upsert_articles(articles).await.map_err(|e| e.to_string())?;
                for (slug, (id, new)) in slugs.iter().zip(stored) {
                    println!("{} {slug} (id {id})", if new { "added" } else { "updated" });
                }
            }
            ArticleCommand::List => {
                for (a, n) in store.articles().await.map_err(|e| e.to_string())? {
                    println!("{}\t{} comments\t{}", a.slug, n, a.title);
                }
            }
        }
        Ok(String::new())
    })
}
