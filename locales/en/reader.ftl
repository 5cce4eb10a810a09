# Commentdesk: what readers see. Plain text only; the templates escape every message.
# Keep message ids and $variables as they are when translating.

## Numbers and dates

# An integer or decimal with the language's separators.
number = { $n }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $month } { $day }, { $year }
time-just-now = just now
time-minutes-ago = { $count ->
    [one] { $count } minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
time-days-ago = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
}

## Page frame

skip-to-content = Skip to content
footer-credit = Comments by Commentdesk
index-title = { $site }: latest stories
index-description = The latest stories from { $site }.
index-heading = Latest stories
index-empty = No stories yet. Add one with
comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}

## Article and sharing

feed-link-title = Comments on this story
share-heading = Share this story
opens-in-new-tab = (opens in a new tab)
share-copy = Copy link
share-native = Share…
share-copied = Link copied.
share-copy-failed = Could not copy the link.
share-email = Email

## Comment section

comments-heading = Comments
comments-title = Comments: { $title }
back-to-article = Back to the article
new-comment-instead = Write a new comment instead of a reply
comments-closed = Comments are closed on this story.
sort-label = Sort comments
sort-prefix = Sort:
sort-oldest = Oldest first
sort-newest = Newest first
sort-best = Best first
picks-heading = Editors' picks
pick-read-in-thread = Read it in its thread
comment-by = comment by { $author }
pick-comment-by = (comment by { $author })
comment-edited = edited
comment-awaiting = Your comment is awaiting moderation
badge-pick = Editors' pick
reaction-label = Respect
reply = Reply
reply-to = to { $author }
report = Report
edit = Edit
delete = Delete
pick-remove = Remove from editors' picks
pick-add = Feature as editors' pick
show-more = Show more comments
feed-title = Comments on “{ $title }”
embed-frame-title = Comments
comments-feed = Comments feed (Atom)

## Comment form

form-title-reply = Your reply
form-title-new = Join the discussion
field-comment = Comment
hint-comment = Up to 5,000 characters. You can use *emphasis*, **bold**, links, > quotes and lists.
field-name = Name
optional = (optional)
hint-name = Shown as “Anonymous” when left empty. Up to 80 characters.
honeypot = Leave this field empty
post-reply = Post reply
post-comment = Post comment
cancel-reply = Cancel reply
cancel = Cancel

## Messages shown by the page's script

js-posting = Posting your comment…
js-published = Your comment is published.
js-awaiting = Thanks! Your comment is awaiting moderation.
js-correct-errors = Please correct the errors marked below.
js-too-fast = You are posting too fast. Please wait { $seconds } seconds and try again. Your text is kept.
js-post-failed = Your comment could not be posted. Your text is kept; please try again.
js-network-kept = The network failed. Your text is kept; please try again.
js-network = The network failed; please try again.
js-choose-reason = Please choose a reason.
js-report-thanks = Thanks, a moderator will look at it.
js-report-failed = The report could not be sent; please try again.
js-reaction-failed = That did not work; please try again.

## Reports

report-title = Report a comment
# Followed by a link to the article.
report-about = Comment by { $author } on
report-question-inline = Why should a moderator look at this comment?
report-question = Why should a moderator look at it?
reason-spam = Spam
reason-harassment = Harassment or hate
reason-threat = Threat of violence
reason-off_topic = Off-topic
reason-other = Something else
report-note = Note for the moderators
report-note-optional = Note for the moderators (optional)
hint-note = Up to 500 characters.
send-report = Send report

## Editing

edit-title = Edit your comment
# Followed by a link to the article.
edit-on = On
edit-time-left = { $count ->
    [one] You can edit it for { $count } more minute.
   *[other] You can edit it for { $count } more minutes.
}
hint-edit = Up to 5,000 characters. An edited comment is checked again and marked “edited”.
save-changes = Save changes

## Notices after a form post

notice-held = Your comment is awaiting moderation. It will appear once a moderator approves it.
notice-edited = Your changes are saved.
notice-deleted = Your comment was deleted.
notice-reported = Thanks, a moderator will look at it.
notice-already-reported = You have already reported this comment; a moderator will look at it.
notice-posting-too-fast = You are posting too fast. Please wait { $count } seconds, then send your comment again; your text is kept below.
notice-reporting-too-fast = You are sending reports too fast. Please wait { $count } seconds and send it again.
notice-reacting-too-fast = You are reacting too fast. Please wait { $count } seconds and try again.
anonymous = Anonymous

## Errors

error-title-not-found = Page not found
error-title-server = Something went wrong
error-title-bad-request = Bad request
error-title-unauthorized = Please sign in
error-title-forbidden = Not allowed
error-title-conflict = Already done
error-title-too-large = Too large
error-title-unsupported = Unsupported format
error-title-invalid = Please check what you sent
error-title-too-many = Too many requests
error-title-unavailable = Service unavailable
error-status = Error { $status }
error-front-page = Go to the front page
error-not-found = { $what ->
    [article] We could not find that article.
    [comment] We could not find that comment.
   *[other] We could not find that page.
}
error-server = Something went wrong on our side. Please try again in a moment.
error-too-large = The request body is larger than the { $bytes } bytes allowed.
error-rate-limited = Too many requests; please wait { $count } seconds before trying again.
error-sign-in = Please sign in.
error-console-sign-in = Please sign in to the moderation console.
error-login-failed = Wrong name or password.
error-unavailable = The service is temporarily unavailable.
error-comments-closed = Comments are closed on this story.
error-only-author = Only the author of a comment can change it.
error-edit-window = Comments can be changed for { $count } minutes after posting; that time has passed.
error-already-waiting = This comment is already waiting for a moderator.
error-body-empty = Please write a comment before posting.
error-body-too-long = Your comment is { $count } characters long; the limit is { $max }. Please shorten it by { $over } characters.
error-body-control = Your comment contains invisible control characters; please remove them.
error-name-line = Your name must fit on one line.
error-name-control = Your name contains invisible control characters; please remove them.
error-name-too-long = Your name is { $count } characters long; the limit is { $max }.
error-reason = Please choose why you are reporting: spam, harassment, threat, off-topic or something else.
error-note-too-long = The note is limited to { $max } characters.
error-note-control = The note contains invisible control characters.
error-parent = The comment you are replying to does not exist or is no longer visible.
error-cross-site = This form was sent from another website, so it was refused. Please post from the article page.

## Live pages and reply notifications
live-new-one = { $n } new comment – show
live-new-many = { $n } new comments – show
live-shown = New comments shown: { $n }.
live-removed = This comment was removed.
live-reset = Comments changed while this page was away – reload
form-notify-label = Tell me when someone replies
form-notify-optional = (optional email)
form-notify-hint = We send a link to confirm first. The address is used only for replies to this comment, never shown, and deleted when you unsubscribe.

## Reply notifications: the pages the mails link to

replies-invalid-heading = This link is not valid
replies-invalid-text = The link may have been cut off by your mail program. Copy the whole link from the mail into the address bar.
replies-confirm-heading = Tell me about replies
replies-confirm-text = Confirm that you want a mail when someone replies to your comment. You can stop them from any of those mails.
replies-confirm-button = Confirm
replies-confirmed-heading = Confirmed
replies-confirmed-text = You will get a mail when someone replies to your comment.
replies-nothing-heading = Nothing to confirm
replies-nothing-text = This request was withdrawn, or its comment was removed.
replies-stop-heading = Stop reply mails
replies-stop-text = Stop the mails about replies to your comment. Your address is deleted.
replies-stop-button = Stop these mails
replies-stopped-heading = Unsubscribed
replies-stopped-text = You will get no more mails about replies to this comment, and your address is deleted.

## Email addresses (the reply form's and a moderator's)

error-email-empty = Enter an email address, such as desk@news.example.
error-email-too-long = An email address is one word of at most 254 characters.
error-email-invalid = "{ $address }" is not an email address.
error-notify-off = This site does not send reply notifications; leave the address empty.

## Rarer request errors

error-form-unreadable = The form could not be read. Please reload the page and try again.
error-body-unreadable = The request could not be read. Please try again.
error-json-unreadable = The JSON body could not be read: { $detail }
error-parent-number = The comment to reply to is not a valid number.
error-reaction-action = This reaction button is not valid. Please reload the page and try again.
error-security-token = This form's security token is missing or out of date. Reload the page and try again.
error-other-site = This request came from another website, so it was refused.
error-embed-url-missing = The page's address (url) is missing.
error-embed-url-long = The page's address is longer than { $max } characters.
error-embed-url-invalid = The page's address is not a valid URL.
error-embed-url-scheme = The page's address must be an http or https URL.
error-embed-url-user = The page's address must not carry a user name or password.
error-embed-origin = Comments are not enabled for pages on { $origin }: it is not listed in the [embed] allowed_origins setting of this Commentdesk.

## The embed script (embed.js), when the comment section does not load

embed-fallback-link = Read and post comments
