//! One `Settings` value, layered: built-in defaults < TOML file < `COMMENTDESK_<SECTION>__<KEY>`
//! environment variables < command-line flags. Validated once, at load.
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use url::Url;

/// Name of the environment variable that points at a TOML file; it is not a setting itself.
pub const CONFIG_ENV: &str = "COMMENTDESK_CONFIG";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub site: SiteSettings,
    pub limits: LimitSettings,
    pub comments: CommentSettings,
    pub metrics: MetricsSettings,
    pub moderation: ModerationSettings,
    pub backup: BackupSettings,
    pub privacy: PrivacySettings,
    pub moderation_console: ConsoleSettings,
    pub embed: EmbedSettings,
    pub email: EmailSettings,
    pub webhooks: WebhookSettings,
    pub live: LiveSettings,
}

/// Mail to moderators (`[email]`): off while `smtp_url` is empty.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EmailSettings {
    /// `smtp://user:pass@host:587` (STARTTLS required, except to a relay on loopback),
    /// `smtps://user:pass@host:465` (TLS from the start). It may hold a password: never log or
    /// print it, see [`redact_url`].
    pub smtp_url: String,
    /// The sender, `Commentdesk <comments@news.example>`.
    pub from: String,
    /// How often due digests are looked for, in seconds.
    pub digest_check_secs: u64,
}

impl Default for EmailSettings {
    fn default() -> Self {
        Self { smtp_url: String::new(), from: "Commentdesk <commentdesk@localhost>".into(), digest_check_secs: 60 }
    }
}

/// Webhooks: events posted to other systems (see `crate::webhooks`). Off while `targets` is empty.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookSettings {
    /// `[[webhooks.targets]]`: where to post which events.
    pub targets: Vec<WebhookTarget>,
    /// Let targets reach loopback, private, link-local and other internal addresses. Off: a
    /// target whose name resolves to one is refused, so a webhook cannot be aimed at the
    /// internal network.
    pub allow_private_targets: bool,
    /// The first retry waits this long (milliseconds); each next one twice as long, at most an hour.
    pub retry_base_ms: u64,
    /// A delivery still failing this long after its event is marked failed (seconds; 24 hours).
    pub retry_for_secs: u64,
    /// Connecting and answering together may take this long per attempt (seconds).
    pub timeout_secs: u64,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            targets: Vec::new(),
            allow_private_targets: false,
            retry_base_ms: 30_000,
            retry_for_secs: 24 * 3600,
            timeout_secs: 10,
        }
    }
}

/// One `[[webhooks.targets]]` entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WebhookTarget {
    /// An http or https URL.
    pub url: String,
    /// The events it gets: `comment.published`, `comment.held`, `comment.reported`,
    /// `comment.decided`, `comment.edited`, `comment.deleted`.
    pub events: Vec<crate::webhooks::EventKind>,
    /// The Standard Webhooks signing secret, `whsec_` and base64 (required for `standard`).
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub format: crate::webhooks::Format,
}

/// Live pages and console (Server-Sent Events; see `crate::live`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LiveSettings {
    /// Pages update without reload (`GET /articles/{slug}/events`, `GET /moderation/events`).
    pub enabled: bool,
    /// Streams one node holds open at once; past it new ones get 503 with `Retry-After`.
    pub max_streams: usize,
    /// Seconds between the `: keep-alive` lines every open stream sends, so proxies that close
    /// idle connections (nginx's `proxy_read_timeout` is 60 s) keep it open.
    pub keep_alive_secs: u64,
}

impl Default for LiveSettings {
    fn default() -> Self {
        Self { enabled: true, max_streams: 20_000, keep_alive_secs: 25 }
    }
}

/// The embed (`embed.js`) for pages Commentdesk does not render.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EmbedSettings {
    /// Sites (`https://news.example`, scheme and host, port when not the default) whose pages
    /// may show the embed: threads are created for their URLs, and only they may frame it.
    pub allowed_origins: Vec<String>,
}

impl EmbedSettings {
    /// Whether `origin` (as browsers write it in `Origin`) is allowed.
    pub fn allows(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == origin)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    /// Address and port to listen on.
    pub bind: String,
    /// The address readers use, for canonical links, share links and Open Graph tags.
    /// Empty means `http://{bind}`.
    pub public_url: String,
    /// The path Commentdesk is served under on the publisher's site (`/comments` behind a proxy
    /// that passes `/comments/` through); empty: the root. Starts with `/`, does not end with one.
    pub base_path: String,
    /// Peers (CIDRs) whose `X-Forwarded-For` header is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// Directory of extra articles (Markdown with front matter) loaded at start.
    pub content_dir: Option<PathBuf>,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// Seconds given to in-flight requests at shutdown.
    pub shutdown_timeout_secs: u64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Synchronous {
    Full,
    Normal,
}

impl Synchronous {
    pub fn as_pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseSettings {
    /// Which database: `sqlite:FILE` or a plain path (SQLite), or `postgres://user:pass@host/db`
    /// (also `postgresql://`, `?sslmode=` honoured). Empty: `path`.
    pub url: String,
    /// The SQLite file when `url` is empty (kept from before `url` existed).
    pub path: PathBuf,
    pub synchronous: Synchronous,
    /// Reader threads, each with its read connection: reads run at most this many at a time.
    pub read_connections: usize,
    /// Most writes committed in one transaction by the writer.
    pub max_batch: usize,
    /// PostgreSQL: connections in this node's pool.
    pub pool_size: usize,
    /// PostgreSQL: a statement running longer than this is cancelled (0 = no limit).
    pub statement_timeout_secs: u64,
    /// PostgreSQL: how long to wait for the server when connecting.
    pub connect_timeout_secs: u64,
}

/// The database chosen by `[database] url` (or `path`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Sqlite(PathBuf),
    /// The URL as given (it may hold a password: never log or print it, see [`redact_url`]).
    Postgres(String),
}

impl DatabaseSettings {
    /// Reads `url` (else `path`). Errors name the problem, never a password.
    pub fn backend(&self) -> Result<Backend, ConfigError> {
        let url = self.url.trim();
        if url.is_empty() {
            return Ok(Backend::Sqlite(self.path.clone()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return match Url::parse(url) {
                Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(Backend::Postgres(url.to_string())),
                _ => Err(ConfigError::Invalid(format!(
                    "database.url: {} is not a PostgreSQL URL such as postgres://user:password@host:5432/database",
                    redact_url(url)
                ))),
            };
        }
        if let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            if rest.is_empty() {
                return Err(ConfigError::Invalid(
                    "database.url: sqlite: needs a file name, e.g. sqlite:commentdesk.db".into(),
                ));
            }
            return Ok(Backend::Sqlite(PathBuf::from(rest)));
        }
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(ConfigError::Invalid(format!(
                "database.url: unknown scheme {scheme:?}; use sqlite:FILE, a file path or postgres://..."
            )));
        }
        Ok(Backend::Sqlite(PathBuf::from(url)))
    }
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.to_string()
        }
        // Not a URL: cut anything that looks like user:password@.
        Err(_) => match url.rsplit_once('@') {
            Some((_, host)) => format!("***@{host}"),
            None => url.to_string(),
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SiteSettings {
    pub name: String,
    /// The language pages are shown in (`en`, `de`, `fr`, `es`); an article's front matter may
    /// choose another for its own page.
    pub language: String,
    pub facebook_page_url: String,
    /// Optional path of a file holding the secret used to sign tokens and hash IPs. When empty,
    /// a secret is generated once and kept in the database.
    pub secret_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LimitSettings {
    /// Comments a client may post at once.
    pub comment_burst: u32,
    /// Then one comment per this many seconds.
    pub comment_interval_secs: u64,
    /// Comments one article accepts per minute from everyone together.
    pub article_comments_per_minute: u32,
    /// Reports a client may file at once.
    pub report_burst: u32,
    /// Then one report per this many seconds.
    pub report_interval_secs: u64,
    /// Reactions (and their undoing) a client may send at once.
    pub reaction_burst: u32,
    /// Then one reaction per this many seconds.
    pub reaction_interval_secs: u64,
    /// Threads a client may create at once by showing the embed for new pages.
    pub thread_burst: u32,
    /// Then one new thread per this many seconds (showing existing threads is not limited).
    pub thread_interval_secs: u64,
    /// Clients tracked individually by a limiter before new ones share overflow buckets.
    pub max_tracked_clients: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CommentSettings {
    /// A form sent sooner than this after the page was served is treated as a bot.
    pub min_submit_secs: u64,
    /// How long an author may edit or delete their comment.
    pub edit_window_secs: u64,
    /// Threads shown per "Show more" step on the article page.
    pub page_size: usize,
    /// The reaction button's label ("Respect").
    pub reaction_label: String,
    /// The order of threads on a page (and of the JSON list) when the reader picks none.
    pub default_sort: SortOrder,
}

/// How threads are ordered: `oldest`, `newest`, or `best` (see `crate::ranking`).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Oldest,
    Newest,
    Best,
}

impl SortOrder {
    pub fn parse(s: &str) -> Option<SortOrder> {
        match s {
            "oldest" => Some(SortOrder::Oldest),
            "newest" => Some(SortOrder::Newest),
            "best" => Some(SortOrder::Best),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Oldest => "oldest",
            SortOrder::Newest => "newest",
            SortOrder::Best => "best",
        }
    }
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsSettings {
    /// When set, `/metrics` also answers non-loopback clients that send `Authorization: Bearer <token>`.
    pub token: Option<String>,
}

/// Scheduled backups while `serve` runs. Off unless `dir` is set.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BackupSettings {
    /// Directory for scheduled backups (`commentdesk-YYYYMMDDTHHMMSSZ.db`); unset means none.
    pub dir: Option<PathBuf>,
    /// Hours between two scheduled backups; the first is taken one interval after start.
    /// Hours between scheduled backups; fractions allowed (0.25 = every 15 minutes).
    pub interval_hours: f64,
    /// Scheduled backups kept in `dir`; older ones are deleted after each new backup.
    pub keep: usize,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self { dir: None, interval_hours: 24.0, keep: 7 }
    }
}

/// How long personal data is kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacySettings {
    /// Days after which the keyed hash of a commenter's IP address is erased from the comment.
    pub ip_hash_retention_days: u64,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        Self { ip_hash_retention_days: 30 }
    }
}

/// The moderator console: sessions, password hashing and login limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ConsoleSettings {
    /// A session unused for this long is over (seconds; default 30 minutes).
    pub session_idle_secs: u64,
    /// A session is over this long after sign-in, however busy (seconds; default 12 hours).
    pub session_max_secs: u64,
    /// Argon2id memory cost in KiB for new password hashes (at least 19456, i.e. 19 MiB, in
    /// production; existing hashes keep the parameters they were made with).
    pub argon2_memory_kib: u32,
    /// Argon2id passes (time cost); at least 2 in production.
    pub argon2_iterations: u32,
    /// Sign-in attempts a client (IP address) may make at once, then one per `login_interval_secs`.
    pub login_client_burst: u32,
    /// Sign-in attempts on one account name at once, then one per `login_interval_secs`.
    pub login_account_burst: u32,
    /// Seconds after which one more sign-in attempt is allowed.
    pub login_interval_secs: u64,
    /// Comments shown per queue page.
    pub page_size: usize,
}

impl Default for ConsoleSettings {
    fn default() -> Self {
        Self {
            session_idle_secs: 30 * 60,
            session_max_secs: 12 * 3600,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
            login_client_burst: 10,
            login_account_burst: 5,
            login_interval_secs: 60,
            page_size: 50,
        }
    }
}

/// The automatic checks every new or edited comment goes through (see `crate::moderation`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ModerationSettings {
    /// Reader reports after which a published comment goes back to the moderators.
    pub report_threshold: u32,
    /// Hold slurs, profanity and personal insults from the built-in list.
    pub abuse_enabled: bool,
    /// Hold threats of violence against a person or group ("I will kill you").
    pub threats_enabled: bool,
    /// Apply `banned_words`, `suspect_words` and the lists admins edit at run time.
    pub wordlists_enabled: bool,
    /// Apply the link rules below.
    pub links_enabled: bool,
    /// Hold comments with more links than this.
    pub max_links: usize,
    /// The strict rule: hold any link from an author with no published comment yet. Off (the
    /// default), such a link holds only with another sign: a shortener, a blocked domain,
    /// self-promotion, two or more links, a learned score at its threshold, or a link that is the
    /// whole comment.
    pub hold_first_time_links: bool,
    /// Hold links to these domains (and their subdomains).
    pub blocked_domains: Vec<String>,
    /// Links to these domains (and their subdomains) never hold a comment: no link rule counts
    /// them. Admins add more in the console's settings.
    pub trusted_domains: Vec<String>,
    /// Hold links through these URL shorteners, which hide where a link goes.
    pub url_shorteners: Vec<String>,
    /// Words or phrases that refuse a comment as spam (a trailing `*` matches word beginnings).
    pub banned_words: Vec<String>,
    /// Words or phrases that hold a comment for a moderator.
    pub suspect_words: Vec<String>,
    /// Apply the spam patterns: repeats, shouting, character floods, self-promotion.
    pub spam_enabled: bool,
    /// Seconds within which nearly the same text from anyone counts as a repeat. The same
    /// author's last comments count whatever their age.
    pub duplicate_window_secs: u64,
    /// Texts shorter than this many words are never repeats ("Well said." is said often).
    pub duplicate_min_words: usize,
    /// Nearly the same text from different authors is a repeat only as a campaign: this many
    /// copies within the window, this one included (or any copy that carries a link or
    /// self-promotion). Readers who agree in the same words are not held. An author repeating
    /// themselves is a repeat from the second copy.
    pub duplicate_campaign_min: usize,
    /// Share of capital letters (0 to 1) above which a comment is shouting.
    pub caps_ratio: f64,
    /// Fewer letters than this are never shouting ("USA!").
    pub caps_min_letters: usize,
    /// The same character this many times in a row is a flood.
    pub flood_run: usize,
    /// Hold the first this-many comments of every author; 0 turns the rule off.
    pub new_commenter_holds: u32,
    /// Use the learned score (trained from moderators' decisions and `classifier train`).
    pub classifier_enabled: bool,
    /// Probability of "hold" (0 to 1) at or above which the learned score holds a comment.
    pub classifier_threshold: f64,
    /// The learned score is used only once each class has at least this many training comments.
    pub classifier_min_examples: u64,
    /// Reason codes that hold nothing (`links.first_time`, `spam.shouting`, ...): their findings
    /// are dropped. Admins switch rules on the console's Rules page too.
    pub disabled_rules: Vec<String>,
}

impl Default for ModerationSettings {
    fn default() -> Self {
        let strings = |xs: &[&str]| xs.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        Self {
            report_threshold: 3,
            abuse_enabled: true,
            threats_enabled: true,
            wordlists_enabled: true,
            links_enabled: true,
            max_links: 2,
            hold_first_time_links: false,
            blocked_domains: Vec::new(),
            trusted_domains: Vec::new(),
            // Left out: t.co (Twitter wraps every link in a tweet with it, so pasted tweets carry it
            // without the reader choosing to hide anything) and youtu.be (YouTube's own share
            // links, which can only lead to YouTube). Add them if your readers abuse them.
            url_shorteners: strings(&[
                "bit.ly",
                "tinyurl.com",
                "goo.gl",
                "ow.ly",
                "is.gd",
                "buff.ly",
                "adf.ly",
                "bit.do",
                "cutt.ly",
                "shorturl.at",
                "rb.gy",
                "t.ly",
                "tiny.cc",
                "rebrand.ly",
                "s.id",
                "v.gd",
                "lnkd.in",
                "shorte.st",
                "bl.ink",
                "soo.gd",
                "clck.ru",
                "qr.ae",
            ]),
            banned_words: Vec::new(),
            suspect_words: Vec::new(),
            spam_enabled: true,
            duplicate_window_secs: 3600,
            duplicate_min_words: 5,
            duplicate_campaign_min: 3,
            caps_ratio: 0.7,
            caps_min_letters: 20,
            flood_run: 10,
            new_commenter_holds: 0,
            classifier_enabled: true,
            classifier_threshold: 0.5,
            classifier_min_examples: 20,
            disabled_rules: Vec::new(),
        }
    }
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            public_url: String::new(),
            base_path: String::new(),
            trusted_proxies: Vec::new(),
            content_dir: None,
            workers: 0,
            shutdown_timeout_secs: 30,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            path: PathBuf::from("commentdesk.db"),
            synchronous: Synchronous::Full,
            read_connections: 4,
            max_batch: 512,
            url: String::new(),
            pool_size: 16,
            statement_timeout_secs: 30,
            connect_timeout_secs: 5,
        }
    }
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            name: "USA Liberty News".into(),
            language: "en".into(),
            facebook_page_url: "https://www.facebook.com/USALibertyNews".into(),
            secret_file: None,
        }
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            comment_burst: 5,
            comment_interval_secs: 20,
            article_comments_per_minute: 120,
            report_burst: 10,
            report_interval_secs: 30,
            reaction_burst: 30,
            reaction_interval_secs: 2,
            thread_burst: 20,
            thread_interval_secs: 30,
            max_tracked_clients: 100_000,
        }
    }
}

impl Default for CommentSettings {
    fn default() -> Self {
        Self {
            min_submit_secs: 3,
            edit_window_secs: 15 * 60,
            page_size: 50,
            // Empty: the catalogue's word ("Respect", "Respekt", "Respeto"...) in the page's language.
            reaction_label: String::new(),
            default_sort: SortOrder::Oldest,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            server: ServerSettings::default(),
            database: DatabaseSettings::default(),
            site: SiteSettings::default(),
            limits: LimitSettings::default(),
            comments: CommentSettings::default(),
            metrics: MetricsSettings { token: None },
            moderation: ModerationSettings::default(),
            backup: BackupSettings::default(),
            privacy: PrivacySettings::default(),
            moderation_console: ConsoleSettings::default(),
            embed: EmbedSettings::default(),
            email: EmailSettings::default(),
            webhooks: WebhookSettings::default(),
            live: LiveSettings::default(),
        }
    }
}

/// Values given on the command line; `None` leaves the lower layers alone.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {path}: {message}")]
    File { path: String, message: String },
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Settings {
    /// The settings to show (`commentdesk config`): the database password replaced by `***`.
    pub fn redacted(&self) -> Settings {
        let mut s = self.clone();
        if !s.database.url.is_empty() {
            s.database.url = redact_url(&s.database.url);
        }
        if !s.email.smtp_url.is_empty() {
            s.email.smtp_url = redact_url(&s.email.smtp_url);
        }
        for t in &mut s.webhooks.targets {
            if t.secret.is_some() {
                t.secret = Some("***".into());
            }
        }
        s
    }

    /// Builds the settings from every layer. `config_file` is the `--config` flag; without it
    /// `COMMENTDESK_CONFIG` is consulted.
    pub fn load(config_file: Option<&Path>, overrides: &Overrides) -> Result<Settings, ConfigError> {
        let env_file = std::env::var_os(CONFIG_ENV).map(PathBuf::from);
        let file = config_file.map(Path::to_path_buf).or(env_file);
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(path) = &file {
            if !path.is_file() {
                return Err(ConfigError::File { path: path.display().to_string(), message: "no such file".into() });
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        figment = figment.merge(
            Env::prefixed("COMMENTDESK_").filter(|key| !key.as_str().eq_ignore_ascii_case("config")).split("__"),
        );
        let mut cli = serde_json::Map::new();
        let mut server = serde_json::Map::new();
        if let Some(bind) = &overrides.bind {
            server.insert("bind".into(), bind.clone().into());
        }
        if let Some(url) = &overrides.public_url {
            server.insert("public_url".into(), url.clone().into());
        }
        if let Some(dir) = &overrides.content {
            server.insert("content_dir".into(), dir.display().to_string().into());
        }
        if !server.is_empty() {
            cli.insert("server".into(), server.into());
        }
        if let Some(db) = &overrides.db {
            let mut database = serde_json::Map::new();
            // `--db` takes a path or a URL, like `[database] url`.
            database.insert("url".into(), db.display().to_string().into());
            cli.insert("database".into(), database.into());
        }
        figment = figment.merge(Serialized::defaults(serde_json::Value::Object(cli)));
        let mut settings: Settings = figment.extract().map_err(|e| describe(e, file.as_deref()))?;
        settings.validate()?;
        // A SQLite URL names the file the rest of the program knows as `path`.
        if let Backend::Sqlite(path) = settings.database.backend()? {
            settings.database.path = path;
        }
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, msg: &str| Err(ConfigError::Invalid(format!("server.{key}: {msg}")));
        if self.server.bind.parse::<SocketAddr>().is_err() {
            return bad("bind", "must be an address and port such as 127.0.0.1:8080");
        }
        if let Err(msg) = check_base_path(&self.server.base_path) {
            return bad("base_path", &msg);
        }
        if !self.server.public_url.is_empty() {
            match Url::parse(&self.server.public_url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                    let path = u.path().trim_end_matches('/');
                    let base = self.server.base_path.as_str();
                    if !base.is_empty() && !path.is_empty() && path != base {
                        return bad(
                            "public_url",
                            &format!("its path must be empty or equal server.base_path (\"{base}\"), not \"{path}\""),
                        );
                    }
                }
                _ => return bad("public_url", "must be an absolute http or https URL"),
            }
        }
        let invalid = |key: &str, msg: &str| Err(ConfigError::Invalid(format!("{key}: {msg}")));
        if !self.email.smtp_url.is_empty() {
            match Url::parse(&self.email.smtp_url) {
                Ok(u) if matches!(u.scheme(), "smtp" | "smtps") && u.host().is_some() => {}
                _ => {
                    return invalid(
                        "email.smtp_url",
                        "must be smtp://user:password@host:587 or smtps://user:password@host:465",
                    );
                }
            }
            if self.email.from.parse::<lettre::message::Mailbox>().is_err() {
                return invalid(
                    "email.from",
                    "must be an address, optionally with a name: Commentdesk <comments@news.example>",
                );
            }
            if self.email.digest_check_secs == 0 {
                return invalid("email.digest_check_secs", "must be at least 1");
            }
        }
        if Url::parse(&self.site.facebook_page_url).is_err() {
            return invalid("site.facebook_page_url", "must be an absolute URL");
        }
        if self.site.name.trim().is_empty() {
            return invalid("site.name", "must not be empty");
        }
        if let Err(e) = crate::i18n::Tr::new(&self.site.language) {
            return invalid("site.language", &e.to_string());
        }
        if self.limits.comment_burst == 0 {
            return invalid("limits.comment_burst", "must be at least 1");
        }
        if self.limits.comment_interval_secs == 0 {
            return invalid("limits.comment_interval_secs", "must be at least 1");
        }
        if self.limits.report_burst == 0 || self.limits.report_interval_secs == 0 {
            return invalid("limits.report_burst", "report_burst and report_interval_secs must be at least 1");
        }
        if self.limits.reaction_burst == 0 || self.limits.reaction_interval_secs == 0 {
            return invalid("limits.reaction_burst", "reaction_burst and reaction_interval_secs must be at least 1");
        }
        if self.limits.thread_burst == 0 || self.limits.thread_interval_secs == 0 {
            return invalid("limits.thread_burst", "thread_burst and thread_interval_secs must be at least 1");
        }
        let label = self.comments.reaction_label.trim();
        if label.chars().count() > 40 {
            return invalid(
                "comments.reaction_label",
                "must be at most 40 characters (empty: the word for the page's language)",
            );
        }
        if self.limits.article_comments_per_minute == 0 {
            return invalid("limits.article_comments_per_minute", "must be at least 1");
        }
        if self.database.read_connections == 0 {
            return invalid("database.read_connections", "must be at least 1");
        }
        if self.database.max_batch == 0 {
            return invalid("database.max_batch", "must be at least 1");
        }
        if self.database.pool_size == 0 {
            return invalid("database.pool_size", "must be at least 1");
        }
        if self.database.connect_timeout_secs == 0 {
            return invalid("database.connect_timeout_secs", "must be at least 1");
        }
        if self.live.keep_alive_secs == 0 {
            return invalid("live.keep_alive_secs", "must be at least 1");
        }
        if self.comments.page_size == 0 {
            return invalid("comments.page_size", "must be at least 1");
        }
        if !(self.backup.interval_hours.is_finite() && self.backup.interval_hours * 3600.0 >= 1.0) {
            return invalid("backup.interval_hours", "must be at least one second (1/3600)");
        }
        if self.backup.keep == 0 {
            return invalid("backup.keep", "must be at least 1");
        }
        if self.privacy.ip_hash_retention_days == 0 {
            return invalid("privacy.ip_hash_retention_days", "must be at least 1");
        }
        let m = &self.moderation;
        if m.report_threshold == 0 {
            return invalid("moderation.report_threshold", "must be at least 1");
        }
        if !(m.caps_ratio > 0.0 && m.caps_ratio <= 1.0) {
            return invalid("moderation.caps_ratio", "must be above 0 and at most 1");
        }
        if !(m.classifier_threshold > 0.0 && m.classifier_threshold < 1.0) {
            return invalid("moderation.classifier_threshold", "must be between 0 and 1");
        }
        if m.flood_run < 2 {
            return invalid("moderation.flood_run", "must be at least 2");
        }
        if m.duplicate_campaign_min < 2 {
            return invalid(
                "moderation.duplicate_campaign_min",
                "must be at least 2 (2 holds the second copy by anyone, as before campaigns)",
            );
        }
        let c = &self.moderation_console;
        if c.session_idle_secs == 0 || c.session_max_secs == 0 {
            return invalid("moderation_console.session_idle_secs", "session times must be at least 1 second");
        }
        if c.argon2_memory_kib < 8 {
            return invalid("moderation_console.argon2_memory_kib", "must be at least 8");
        }
        if c.argon2_iterations == 0 {
            return invalid("moderation_console.argon2_iterations", "must be at least 1");
        }
        if c.login_client_burst == 0 || c.login_account_burst == 0 || c.login_interval_secs == 0 {
            return invalid("moderation_console.login_client_burst", "login limits must be at least 1");
        }
        if c.page_size == 0 {
            return invalid("moderation_console.page_size", "must be at least 1");
        }
        for o in &self.embed.allowed_origins {
            let exact = Url::parse(o).ok().filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            match exact {
                Some(u) if u.origin().ascii_serialization() == *o => {}
                _ => {
                    return Err(ConfigError::Invalid(format!(
                        "embed.allowed_origins: {o:?} must be an origin as browsers write it: scheme and host in \
                         lower case, a port only when not the default, no path or trailing slash \
                         (e.g. \"https://news.example\")"
                    )));
                }
            }
        }
        crate::webhooks::Targets::from_settings(&self.webhooks).map_err(ConfigError::Invalid)?;
        Ok(())
    }

    /// The public base URL without a trailing slash: `public_url` (or `http://{bind}`) with
    /// `base_path` appended unless `public_url` already ends with it. Absolute links are this
    /// plus a path of the application (`/articles/...`).
    pub fn public_base(&self) -> String {
        let url = if self.server.public_url.is_empty() {
            format!("http://{}", self.server.bind)
        } else {
            self.server.public_url.trim_end_matches('/').to_string()
        };
        let base = self.server.base_path.as_str();
        if base.is_empty() || url.ends_with(base) { url } else { format!("{url}{base}") }
    }

    /// The scheme, host and port of `public_url` (or `http://{bind}`), as browsers write them
    /// in `Origin`.
    pub fn public_origin(&self) -> String {
        let base = self.public_base();
        match Url::parse(&base) {
            Ok(u) => u.origin().ascii_serialization(),
            Err(_) => base,
        }
    }

    pub fn is_https(&self) -> bool {
        self.public_base().starts_with("https://")
    }
}

/// `[server] base_path`: empty, or `/` and path segments of unreserved characters, without a
/// trailing `/` (`/comments`, `/talk/v1`).
fn check_base_path(p: &str) -> Result<(), String> {
    if p.is_empty() {
        return Ok(());
    }
    let usage = "must be empty or start with \"/\" and not end with one, e.g. \"/comments\"";
    if !p.starts_with('/') || p.ends_with('/') {
        return Err(usage.into());
    }
    if p[1..].split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        return Err(format!("{usage}; no empty, \".\" or \"..\" segments"));
    }
    if !p.bytes().all(|b| b.is_ascii_alphanumeric() || b"/-._~".contains(&b)) {
        return Err(format!("{usage}; only letters, digits and - . _ ~ between the slashes"));
    }
    Ok(())
}

fn describe(err: figment::Error, file: Option<&Path>) -> ConfigError {
    let mut parts = Vec::new();
    for e in err {
        let key = e.path.join(".");
        let source = match &e.metadata {
            Some(m) if m.name.contains("TOML") => file.map(|p| format!(" (in {})", p.display())).unwrap_or_default(),
            Some(m) if m.name.contains("environment") => " (from the environment)".into(),
            _ => String::new(),
        };
        let what = e.kind.to_string();
        if key.is_empty() {
            parts.push(format!("{what}{source}"));
        } else {
            parts.push(format!("{key}: {what}{source}"));
        }
    }
    ConfigError::Invalid(parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(Settings::default().validate().is_ok());
    }

    #[test]
    fn moderation_thresholds_are_checked() {
        let mut s = Settings::default();
        s.moderation.caps_ratio = 1.5;
        assert!(s.validate().is_err());
        let mut s = Settings::default();
        s.moderation.classifier_threshold = 0.0;
        assert!(s.validate().is_err());
        let mut s = Settings::default();
        s.moderation.duplicate_campaign_min = 1;
        assert!(s.validate().is_err());
    }

    #[test]
    fn webhook_secrets_are_hidden_from_the_shown_configuration_and_bad_targets_refused() {
        let mut s = Settings::default();
        s.webhooks.targets = vec![WebhookTarget {
            url: "https://hooks.example/x".into(),
            events: vec![crate::webhooks::EventKind::Held],
            secret: Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
            format: crate::webhooks::Format::Standard,
        }];
        assert!(s.validate().is_ok());
        let shown = toml::to_string(&s.redacted()).unwrap_or_default();
        assert!(shown.contains("secret = \"***\"") && !shown.contains("MfKQ9r8"), "{shown}");
        s.webhooks.targets[0].url = "gopher://hooks.example/".into();
        let err = s.validate().unwrap_err().to_string();
        assert!(err.contains("webhooks.targets[0].url"), "{err}");
    }

    #[test]
    fn the_smtp_password_is_hidden_and_bad_mail_settings_refused() {
        let mut s = Settings::default();
        s.email.smtp_url = "smtp://desk:s3cret-pw@mail.news.example:587".into();
        assert!(s.validate().is_ok());
        let shown = toml::to_string(&s.redacted()).unwrap_or_default();
        assert!(shown.contains("mail.news.example") && !shown.contains("s3cret-pw"), "{shown}");
        s.email.from = "not an address".into();
        assert!(s.validate().unwrap_err().to_string().contains("email.from"));
        s.email.from = "Desk <desk@news.example>".into();
        s.email.smtp_url = "http://mail.news.example".into();
        assert!(s.validate().unwrap_err().to_string().contains("email.smtp_url"));
    }

    #[test]
    fn public_base_falls_back_to_bind() {
        let s = Settings::default();
        assert_eq!(s.public_base(), "http://127.0.0.1:8080");
    }

    #[test]
    fn base_path_is_checked_and_joins_public_url_once() {
        for bad in ["comments", "/comments/", "/", "//x", "/a//b", "/a/../b", "/a b", "/a?b", "/a#b"] {
            let mut s = Settings::default();
            s.server.base_path = bad.into();
            let err = s.validate().expect_err(bad).to_string();
            assert!(err.contains("server.base_path"), "{bad}: {err}");
        }
        let mut s = Settings::default();
        s.server.base_path = "/comments".into();
        assert!(s.validate().is_ok());
        assert_eq!(s.public_base(), "http://127.0.0.1:8080/comments");
        for url in ["https://news.example", "https://news.example/", "https://news.example/comments/"] {
            s.server.public_url = url.into();
            assert!(s.validate().is_ok(), "{url}");
            assert_eq!(s.public_base(), "https://news.example/comments", "{url}");
            assert_eq!(s.public_origin(), "https://news.example", "{url}");
        }
        s.server.public_url = "https://news.example/elsewhere".into();
        assert!(s.validate().unwrap_err().to_string().contains("server.public_url"));
        s.server.base_path = String::new();
        assert!(s.validate().is_ok(), "without a base path, public_url keeps any path as before");
        assert_eq!(s.public_origin(), "https://news.example");
    }
}
