# Commentdesk: what moderators see in the console. Plain text only.

## Frame and navigation

mod-title = Moderation
mod-nav-label = Moderation
nav-queue = Queue
nav-log = Audit log
nav-rules = Rules
nav-settings = Settings
signed-in-as = Signed in as
role-moderator = moderator
role-admin = admin
sign-out = Sign out

## Sign-in

login-title = Sign in
login-heading = Moderation: sign in
login-name = Name
login-password = Password
login-submit = Sign in

## Queue

queue-heading = Moderation queue
queue-tabs-label = Queues
queue-pending = Pending
queue-reported = Reported
queue-approved = Approved
queue-rejected = Rejected
queue-spam = Spam
search-label = Search text, author or article
search-article = Article
search-all-articles = All articles
search-submit = Search
undo-last = Undo my last action
shortcuts-hint = Keyboard:
shortcut-next-prev-short = next/previous
shortcut-approve-short = approve
shortcut-reject-short = reject
shortcut-spam-short = spam
shortcut-ban-short = ban
shortcut-select-short = select
shortcut-help-short = help
queue-showing = showing { $count }
queue-empty = Nothing here.
queue-empty-search = Nothing here matches the search.
bulk-legend = Selected comments
bulk-action = Action
bulk-approve = Approve
bulk-reject = Reject
bulk-spam = Mark spam
bulk-reason = Reason
bulk-apply = Apply to selected
select-comment = Select comment { $id }
# "#12 by Ann on <article title>": the author and the article link follow these.
item-prefix = #{ $id } by
item-on = on
item-status = status
status-published = published
status-pending = pending
status-rejected = rejected
status-spam = spam
status-deleted = deleted
item-decided = decided by { $who }, { $when }
item-edited = edited
why-held = Why it was held
matched = Matched:
reports-count = Reports ({ $count }):
learned-score = Learned score:
score-none = none
score-likely = { $percent }% likely to need a moderator
pushed-up-by = Pushed up most by:
history-summary = Author history: { $approved } approved, { $rejected } rejected, { $spam } spam, { $pending } pending
history-banned = , banned
history-none = No other comments.
action-approve-button = Approve
action-reject-button = Reject
action-spam-button = Spam
action-ban-button = Ban author
sr-comment = comment { $id }
sr-of-comment = of comment { $id }
reject-reason-for = Reason for rejecting comment { $id }
reject-spam = Spam
reject-abuse = Abuse
reject-off-topic = Off-topic
reject-other = Other
shortcuts-title = Keyboard shortcuts
shortcut-next-prev = Next / previous comment
shortcut-approve = Approve
shortcut-reject = Reject with the chosen reason
shortcut-spam = Mark spam
shortcut-ban = Ban the author
shortcut-select = Select for a bulk action
shortcut-help = Show or hide this help
close = Close
js-selected = ({ $count } selected)
js-confirm-ban = Ban this author and reject their pending comments?

## Notices

mod-notice-approve = Approved: the comment is published.
mod-notice-reject = Rejected.
mod-notice-spam = Marked as spam.
mod-notice-ban = The author is banned and their pending comments are rejected.
mod-notice-undo = { $count ->
    [one] Undone: { $count } comment restored.
   *[other] Undone: { $count } comments restored.
}
mod-notice-bulk = { $count ->
    [one] { $count } comment was decided.
   *[other] { $count } comments were decided.
}
mod-notice-saved = Saved.
mod-notice-feature = Featured: the comment is among the editors' picks.
mod-notice-unfeature = Removed from the editors' picks.
mod-error-nothing-to-undo = You have no decision to undo.
mod-error-undo-changed = Nothing to undo: the comment changed since.
mod-error-undo-decided = Nothing was undone: already decided by { $who } since.
mod-error-select-first = Select at least one comment first.
mod-error-pick-published = Only a published comment can be an editors' pick.
mod-error-changed = This comment changed since the page was loaded: it is now { $status }. Nothing was changed.
mod-error-decided = Already decided by { $who }: the comment is now { $status }. Nothing was changed.
mod-bulk-refused = { $done } decided; { $refused } not changed:

## Audit log

log-title = Audit log
log-intro = Every moderator action, newest first. Export:
log-empty = No actions yet.
log-caption = Moderator actions
log-when = When
log-who = Who
log-action = Action
log-comment = Comment
log-before = Status before
log-after = Status after
log-reason = Reason
log-older = Older entries
log-at = { $date } { $time }
action-approve = approve
action-reject = reject
action-spam = spam
action-ban = ban
action-undo = undo
action-feature = feature
action-unfeature = unfeature
action-login = sign in
action-logout = sign out
action-article = article settings
action-words = word lists
action-thresholds = thresholds
action-rules = rules

## Settings

settings-title = Settings
settings-heading = Moderation settings
settings-articles = Articles
settings-comments-open = Comments open
settings-premoderation = Pre-moderation (hold every comment)
save = Save
words-heading = Word lists
words-intro = Banned words refuse a comment as spam; suspect words hold it for a moderator. A trailing * matches word beginnings. Words from the configuration file apply too and are not listed here.
words-empty = No words added here yet.
word-kind-suspect = suspect
word-kind-banned = banned
remove = Remove
word-label = Word or phrase
word-list = List
word-suspect = Suspect (hold)
word-banned = Banned (spam)
word-add = Add word
domains-heading = Trusted domains
domains-intro = Links to these domains (and their subdomains) never hold a comment: readers who cite their sources are published. Paste a domain or an address on it.
domains-configured = From the configuration file:
domains-empty = No domains added here yet.
domain-label = Domain
domain-placeholder = example.com
domain-add = Add domain
thresholds-heading = Thresholds
thresholds-save = Save thresholds

## Rules

rules-title = Rules
rules-intro = What each rule held over the last 7, 30 and 90 days, and what moderators made of it. Approved comments were held by mistake; rejected ones (rejected or marked spam) were worth holding. Precision is the share of decided holds that moderators rejected. A rule moderators overturn more than half the time is marked.
rules-caption = Rules with their switches and what they held
rules-rule = Rule
rules-on = On
rules-last-days = Last { $count } days
rules-overturned = Overturned more than half the time
rules-switch-on = on
rules-set-elsewhere = set elsewhere
rules-held-nothing = held nothing
rules-held = held { $held }: approved { $approved }, rejected { $rejected }
rules-waiting = , waiting { $count }
rules-precision = precision { $value }
rules-overturned-short = (overturned)
rules-examples = Recent examples of { $rule }
rules-approved-examples = Approved (held by mistake)
rules-rejected-examples = Rejected
links-heading = Links from first-time commenters
links-strict = Strict: hold any link from an author with no published comment
links-strict-hint = Off, such a link holds only with another sign (a shortener, a blocked domain, self-promotion, several links, a high learned score, or a link that is the whole comment).
score-heading = Learned score
score-off = The learned score is switched off in the configuration (classifier_enabled); the figures show what it would have done.
score-threshold = Threshold
score-threshold-hint = Hold a comment when the learned probability of hold is at least this. The figures below are at the current threshold.
score-caption = The learned score against moderators' decisions: a comment moderators rejected or marked spam should be held, a published one should not
score-window = Window
score-rightly = Rightly held
score-wrongly = Wrongly held
score-missed = Missed
score-precision = Precision
score-recall = Recall
rules-save = Save rules
rule-abuse-threat = Threats of violence
rule-abuse-slur = Slurs
rule-abuse-insult = Personal insults
rule-abuse-profanity = Profanity
rule-abuse-name = Abusive author names
rule-words-banned = Banned words (refused as spam)
rule-words-suspect = Suspect words
rule-links-too_many = Too many links
rule-links-blocked_domain = Links to blocked domains
rule-links-shortener = Links through URL shorteners
rule-links-alone = A link and nothing else
rule-links-first_time = Links from first-time commenters
rule-spam-duplicate = Repeats and campaigns
rule-spam-promotion = Self-promotion
rule-spam-shouting = Shouting (capitals)
rule-spam-flood = Character floods
rule-context-new_commenter = First comments of new authors
rule-context-banned_author = Banned authors
rule-premoderation = Pre-moderated stories
rule-classifier = Learned score
rule-reported = Reports from readers
rule-imported = Imported as held
rule-honeypot = A field hidden from people was filled in
rule-form_token = The form’s token was missing or forged
rule-too_fast = Sent faster than a person writes

## Thresholds (settings page)

threshold-classifier_threshold = Learned score threshold
threshold-classifier_threshold-hint = Hold a comment when the learned probability of hold is at least this (0.01 to 0.99).
threshold-max_links = Most links in a comment
threshold-max_links-hint = Hold comments with more links than this.
threshold-caps_ratio = Shouting: share of capitals
threshold-caps_ratio-hint = Hold a comment whose letters are capitals above this share (0.05 to 1).
threshold-new_commenter_holds = Hold the first comments of new authors
threshold-new_commenter_holds-hint = How many first comments of every author are held; 0 turns this off.

## Notifications, webhooks, live console
nav-notifications = Notifications
nav-webhooks = Webhooks
live-mod-new = { $n } new – show
live-mod-decided = Decided by another moderator.
live-mod-shown = New comments shown: { $n }.
mod-notice-retried = Sent again: the delivery is queued.

## Notifications page

notify-intro-mail-off = Mail is off on this server (no
notify-intro-mail-off-after = ): your choice is kept, and nothing is sent until an operator sets it.
notify-email = Email address
notify-legend = What to send
notify-threats = A mail at once for every comment held as a threat
notify-digest = A digest of the queue while it is not empty
notify-none = Nothing
notify-minutes = Digest every (minutes, { $min } to { $max })
notify-privacy = Mails link to the comment in this console. They quote the comment and name its article and author, never the commenter's address.
notify-error-choice = Choose what to be sent: threats, a digest, or nothing.
notify-error-address = Enter the email address to send to.
notify-error-minutes = The digest interval is a number of minutes from { $min } to { $max }.

## Webhooks page

webhooks-none = No webhook targets are configured. Add
webhooks-none-after = entries to the configuration file to post comment events to other systems.
webhooks-targets = Targets
webhooks-recent = Recent deliveries
webhooks-empty = No deliveries yet.
webhooks-caption = The newest webhook deliveries first
webhooks-event = Event
webhooks-target = Target
webhooks-status = Status
webhooks-code = Code
webhooks-attempts = Attempts
webhooks-next = Next attempt
webhooks-last-error = Last error
webhooks-action = Action
webhooks-comment = comment #{ $id },
webhooks-next-now = now
webhooks-next-in = in { $seconds } s
webhooks-retry = Retry
webhooks-retry-which = delivery { $id }
delivery-pending = pending
delivery-delivered = delivered
delivery-failed = failed

## Rarer console errors

mod-error-admins-settings = Only admins can change settings.
mod-error-admins-rules = Only admins can see the rules' figures.
mod-error-admins-retry = Only admins can retry webhook deliveries.
mod-error-admins-webhooks = Only admins can see webhook deliveries.
mod-error-ban-needs = A ban needs an author or an address.
mod-error-choose-reason = Choose a reason: spam, abuse, off-topic or other.
mod-error-word-length = A word must be 1 to 200 characters.
mod-error-form-status = The form lacks the status the comment had. Please reload the page.
mod-error-selected-invalid = A selected comment is not valid. Please reload the page.
mod-error-selected-status = A selected comment lacks its status. Please reload the page.
mod-error-queue = There is no such queue: choose pending, reported, approved, rejected or spam.
mod-error-threshold-number = { $name } must be a number.
mod-error-threshold-range = { $name } must be between { $min } and { $max }.
mod-error-domain-empty = Enter a domain, such as reuters.com.
mod-error-domain-long = A domain is one word of at most 253 characters, such as reuters.com.
mod-error-domain-invalid = "{ $domain }" is not a domain name.
mod-error-domain-address = "{ $domain }" is not a domain name (addresses cannot be trusted domains).
mod-error-domain-partial = "{ $domain }" is not a full domain name, such as reuters.com.
