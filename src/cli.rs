//! The command line: `serve` (the default), `article import`, `config`, `classifier train|eval`,
//! `backup`, `export`, `import`, `author forget`, `privacy purge`,
//! `moderator add|list|remove|passwd|token`.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;

#[derive(Debug, Parser)]
#[command(
    name = "commentdesk",
    version,
    about = "A self-hosted comment service for news article pages",
    long_about = "A self-hosted comment service for news article pages.\n\n\
        Without a subcommand, `serve` runs. Settings come from built-in defaults, then the TOML \
        file (--config or COMMENTDESK_CONFIG), then COMMENTDESK_<SECTION>__<KEY> environment \
        variables, then these flags."
)]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Server flags, accepted here too because no subcommand means `serve`.
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags every subcommand understands.
#[derive(Debug, Args, Clone, Default)]
pub struct CommonArgs {
    /// TOML configuration file (also COMMENTDESK_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// SQLite database file (setting database.path).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve(ServeArgs),
    /// Manage articles.
    #[command(subcommand)]
    Article(ArticleCommand),
    /// Print the effective configuration as TOML, after every layer is applied.
    Config(ServeArgs),
    /// Train or measure the learned score of the automatic moderation.
    #[command(subcommand)]
    Classifier(ClassifierCommand),
    /// Manage moderator accounts of the moderation console.
    #[command(subcommand)]
    Moderator(ModeratorCommand),
    /// Write a consistent copy of the database to DEST (a new file, or a directory to put a
    /// dated file in). Safe while the server runs.
    Backup {
        #[arg(value_name = "DEST")]
        dest: PathBuf,
    },
    /// Write everything (articles, comments with statuses and reasons, reports, the audit log,
    /// moderation state) to FILE as JSON Lines; `-` writes to standard output.
    Export {
        #[arg(value_name = "FILE", required_unless_present = "decisions_csv")]
        file: Option<PathBuf>,
        /// Also (or only) write every comment a moderator decided, as CSV `text,label` with the
        /// final decision (`fine`: approved; `hold`: rejected or spam), for `classifier train`
        /// and `classifier eval`.
        #[arg(long, value_name = "FILE")]
        decisions_csv: Option<PathBuf>,
    },
    /// Import FILE: a `commentdesk export` file, an Isso database, a WordPress or WordPress.com
    /// export (WXR) or a Disqus export. Comments from another system are imported whole: what
    /// cannot be kept as it is is skipped or changed, and the summary on standard output says
    /// which and why, with the line or row. Importing the same file again adds nothing; a newer
    /// export adds what is new. A file that cannot be read is refused and nothing is stored.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The file's format; told from its first bytes when left out.
        #[arg(long, value_enum)]
        format: Option<crate::ops::import::Format>,
        /// Refuse the whole import if anything would be skipped or changed, listing every problem.
        #[arg(long)]
        strict: bool,
    },
    /// Act on a commenter's personal data.
    #[command(subcommand)]
    Author(AuthorCommand),
    /// Personal-data chores.
    #[command(subcommand)]
    Privacy(PrivacyCommand),
}

#[derive(Debug, Subcommand)]
pub enum AuthorCommand {
    /// Erase the name and the keyed hashes of the author of COMMENT_ID on all their comments.
    Forget {
        #[arg(value_name = "COMMENT_ID")]
        comment_id: i64,
        /// Remove their comments too (one that others answered stays as a `[removed]` placeholder).
        #[arg(long)]
        remove_comments: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Erase IP hashes older than `privacy.ip_hash_retention_days` now (`serve` does it hourly).
    Purge,
}

#[derive(Debug, Subcommand)]
pub enum ModeratorCommand {
    /// Add an account. The password (at least 12 characters) is read from standard input: asked
    /// twice without echo on a terminal, one line when piped.
    Add {
        name: String,
        #[arg(long, value_enum, default_value = "moderator")]
        role: RoleArg,
    },
    /// List the accounts.
    List,
    /// Remove an account (its sessions and API tokens end; the audit log keeps its name).
    Remove { name: String },
    /// Set a new password, read like `add` does; the account's sessions end.
    Passwd { name: String },
    /// Make a bearer token for the JSON API and print it (only its hash is stored).
    Token { name: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    Moderator,
    Admin,
}

#[derive(Debug, Subcommand)]
pub enum ClassifierCommand {
    /// Train the stored classifier on a CSV file with a header `text,label` (labels hate,
    /// offensive, spam: hold; neither, ham: fine).
    Train {
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Print precision, recall, F1 and the share of fine comments held, for the rules alone and
    /// with the learned score as currently trained, against each file's labels (and all files
    /// together), with the share held per label and the precision of each reason code.
    Eval {
        #[arg(value_name = "FILE.csv", required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:8080 (setting server.bind).
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
    /// Public base URL used in links, e.g. https://news.example (setting server.public_url).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Directory of Markdown articles to load at start (setting server.content_dir).
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Insert or update articles (Markdown with TOML front matter), matched by slug.
    Import {
        /// Article files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the stored articles.
    List,
}

impl Cli {
    pub fn overrides(&self, serve: Option<&ServeArgs>) -> Overrides {
        Overrides {
            bind: serve.and_then(|s| s.bind.clone()),
            db: self.common.db.clone(),
            public_url: serve.and_then(|s| s.public_url.clone()),
            content: serve.and_then(|s| s.content.clone()),
        }
    }
}
