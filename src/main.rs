//! Thin entry point: parse the command line, load settings, hand over to the library.
use std::process::ExitCode;

use clap::Parser;
use commentdesk::cli::{
    ArticleCommand, AuthorCommand, ClassifierCommand, Cli, Command, ModeratorCommand, PrivacyCommand,
};
use commentdesk::config::Settings;
use commentdesk::startup::Application;
use commentdesk::{content, db, ops, telemetry};

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
        Some(Command::Config(_)) => match toml::to_string_pretty(&settings) {
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
        Some(cmd) => operate(settings, cmd),
    }
}

/// `backup`, `export`, `import`, `author forget`, `privacy purge`: print a summary, or the error
/// and exit with 2.
fn operate(settings: Settings, cmd: Command) -> ExitCode {
    let run = || -> Result<String, ops::OpsError> {
        match cmd {
            Command::Backup { dest } => {
                let written = ops::backup::backup(&settings.database.path, &dest)?;
                Ok(format!("backup written to {}", written.display()))
            }
            Command::Export { file } => {
                let conn = ops::open_existing(&settings)?;
                let counts = ops::export::export(&conn, &settings.database.path, &file)?;
                Ok(format!("exported {}", ops::export::describe(&counts)))
            }
            Command::Import { file, format } => {
                let mut conn = ops::open_for_cli(&settings)?;
                ops::import::import(&mut conn, &settings, &file, format)
            }
            Command::Author(AuthorCommand::Forget { comment_id, remove_comments }) => {
                let mut conn = ops::open_existing(&settings)?;
                let f = ops::privacy::forget(&mut conn, comment_id, remove_comments)?;
                let mut msg = format!("anonymized {} comments", f.anonymized);
                if remove_comments {
                    msg.push_str(&format!(
                        "; removed {}, left {} as placeholders because others replied",
                        f.removed, f.tombstoned
                    ));
                }
                Ok(msg)
            }
            Command::Privacy(PrivacyCommand::Purge) => {
                let conn = ops::open_existing(&settings)?;
                let days = settings.privacy.ip_hash_retention_days;
                let n =
                    ops::privacy::purge(&conn, ops::now(), days).map_err(ops::OpsError::db(&settings.database.path))?;
                Ok(format!("erased {n} IP hashes older than {days} days"))
            }
            _ => Err(ops::OpsError::Refused("not an operations command".into())),
        }
    };
    match run() {
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
}

fn moderator(settings: Settings, cmd: ModeratorCommand) -> ExitCode {
    let run = || -> Result<String, String> {
        let path = &settings.database.path;
        let mut conn = db::open_connection(path, settings.database.synchronous, false)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        db::migrations::migrate(&mut conn).map_err(|e| format!("{}: {e}", path.display()))?;
        commentdesk::auth::accounts::run(&settings, &conn, cmd, commentdesk::auth::accounts::read_password)
    };
    match run() {
        Ok(out) => {
            if !out.is_empty() {
                println!("{out}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("commentdesk: {e}");
            ExitCode::from(2)
        }
    }
}

fn classifier(settings: Settings, cmd: ClassifierCommand) -> ExitCode {
    use commentdesk::moderation::eval;
    let run = || -> Result<String, String> {
        let path = &settings.database.path;
        let mut conn = db::open_connection(path, settings.database.synchronous, false)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        db::migrations::migrate(&mut conn).map_err(|e| format!("{}: {e}", path.display()))?;
        match cmd {
            ClassifierCommand::Train { file } => eval::train_command(&mut conn, &file),
            ClassifierCommand::Eval { file } => eval::eval_command(&conn, &settings.moderation, &file),
        }
        .map_err(|e| e.to_string())
    };
    match run() {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("commentdesk: {e}");
            ExitCode::from(2)
        }
    }
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
    let run = || -> Result<(), String> {
        let mut conn = db::open_connection(&settings.database.path, settings.database.synchronous, false)
            .map_err(|e| format!("{}: {e}", settings.database.path.display()))?;
        db::migrations::migrate(&mut conn).map_err(|e| format!("{}: {e}", settings.database.path.display()))?;
        match cmd {
            ArticleCommand::Import { files } => {
                let articles = files
                    .iter()
                    .map(|f| content::load_file(f).map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()?;
                let tx = conn.transaction().map_err(|e| e.to_string())?;
                for a in &articles {
                    let (id, new) = db::articles::upsert(&tx, a).map_err(|e| e.to_string())?;
                    println!("{} {} (id {id})", if new { "added" } else { "updated" }, a.slug.as_str());
                }
                tx.commit().map_err(|e| e.to_string())?;
            }
            ArticleCommand::List => {
                for (a, n) in db::articles::list(&conn).map_err(|e| e.to_string())? {
                    println!("{}\t{} comments\t{}", a.slug, n, a.title);
                }
            }
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("commentdesk: {e}");
            ExitCode::from(2)
        }
    }
}
