# Commentdesk: mails (to moderators, and to readers who asked about replies) and the webhooks'
# chat text. Plain text only; the HTML mails escape it. `$link` is an address the mail shows.

## Parts several mails share

mail-quote = "{ $text }"
mail-change-it = Change it
mail-change-it-link = Change it here: { $link }

## A comment held as a threat (to moderators who asked for one mail per threat)

mail-threat-subject = Held as a threat: "{ $excerpt }" on { $title }
mail-threat-title = Held as a threat
mail-threat-intro = A comment that may threaten violence was held on { $site } and waits for a moderator.
mail-threat-article = Article:
mail-threat-author = Author:
mail-threat-open = Open it in the console
mail-threat-open-link = Open it in the console: { $link }
mail-threat-why = You get this mail because you chose a mail for every held threat.

## The digest of the queue (to moderators who asked for one)

mail-digest-subject = { $site }: { $pending } awaiting moderation, { $reported } reported
mail-digest-title = Moderation digest
mail-digest-intro = { $pending ->
    [one] { $pending } comment awaits moderation on { $site }, and { $reported } published ones were reported.
   *[other] { $pending } comments await moderation on { $site }, and { $reported } published ones were reported.
}
mail-digest-item = #{ $id } by { $author } on { $title }
# After a link to the comment ("#12"), before its excerpt.
mail-digest-item-html = by { $author } on { $title }:
mail-digest-open = Open the queue
mail-digest-open-link = Open the queue: { $link }
mail-digest-why = You get this digest because you chose one while the queue is not empty.

## Confirming reply notifications (to a reader who gave an address with a comment)

mail-confirm-subject = Confirm: tell me about replies on { $site }
mail-confirm-title = Confirm reply notifications
mail-confirm-intro = You asked { $site } to tell you when someone replies to your comment on “{ $title }”.
mail-confirm-open = Confirm it
mail-confirm-note = (nothing is sent until you do).
mail-confirm-link = Confirm it here (nothing is sent until you do): { $link }
mail-confirm-ignore = If it was not you, ignore this mail: you will get nothing more.

## A reply was published (to a reader who confirmed)

mail-reply-subject = New reply to your comment on { $title }
mail-reply-title = New reply
mail-reply-intro = { $author } replied to your comment on “{ $title }”:
mail-reply-read = Read it
mail-reply-read-link = Read it: { $link }
mail-reply-why = You get this because you asked to be told about replies to your comment on { $site }.
mail-reply-stop = Stop these mails
mail-reply-stop-link = Stop: { $link }

## Webhooks' chat text (Slack format): "Held: 'the comment…' on *the article* – open in console <link>"

hook-published = Published
hook-held = Held
hook-reported = Reported
hook-reported-why = Reported ({ $reason })
hook-approved = Approved
hook-rejected = Rejected
hook-spam = Marked as spam
hook-banned = Author banned
hook-undone = Decision undone
hook-decided = Decided
hook-by = { $what } by { $moderator }
hook-edited = Edited
hook-deleted = Deleted by its author
hook-comment-number = comment #{ $id }
hook-an-article = an article
hook-line = { $what }: { $text } on { $title }
hook-open-console = open in console
