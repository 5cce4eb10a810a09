# Commentdesk: Mails (an Moderatoren und an Leser, die über Antworten informiert werden wollen)
# und der Chat-Text der Webhooks. Nur reiner Text; die HTML-Mails maskieren ihn.

## Teile, die mehrere Mails teilen

mail-quote = „{ $text }“
mail-change-it = Ändern
mail-change-it-link = Hier ändern: { $link }

## Ein als Drohung zurückgehaltener Kommentar

mail-threat-subject = Als Drohung zurückgehalten: „{ $excerpt }“ zu { $title }
mail-threat-title = Als Drohung zurückgehalten
mail-threat-intro = Ein Kommentar, der möglicherweise Gewalt androht, wurde auf { $site } zurückgehalten und wartet auf eine Moderation.
mail-threat-article = Artikel:
mail-threat-author = Verfasser:
mail-threat-open = In der Moderation öffnen
mail-threat-open-link = In der Moderation öffnen: { $link }
mail-threat-why = Sie erhalten diese Mail, weil Sie für jede zurückgehaltene Drohung eine Mail gewählt haben.

## Die Übersicht der Warteschlange

mail-digest-subject = { $site }: { $pending } warten auf Moderation, { $reported } gemeldet
mail-digest-title = Moderationsübersicht
mail-digest-intro = { $pending ->
    [one] { $pending } Kommentar wartet auf { $site } auf Moderation, und { $reported } veröffentlichte wurden gemeldet.
   *[other] { $pending } Kommentare warten auf { $site } auf Moderation, und { $reported } veröffentlichte wurden gemeldet.
}
mail-digest-item = #{ $id } von { $author } zu { $title }
# Nach einem Link zum Kommentar („#12“), vor seinem Auszug.
mail-digest-item-html = von { $author } zu { $title }:
mail-digest-open = Warteschlange öffnen
mail-digest-open-link = Warteschlange öffnen: { $link }
mail-digest-why = Sie erhalten diese Übersicht, weil Sie eine gewählt haben, solange die Warteschlange nicht leer ist.

## Bestätigung der Benachrichtigung über Antworten

mail-confirm-subject = Bitte bestätigen: Benachrichtigung über Antworten auf { $site }
mail-confirm-title = Benachrichtigung über Antworten bestätigen
mail-confirm-intro = Sie haben { $site } gebeten, Ihnen Bescheid zu geben, wenn jemand auf Ihren Kommentar zu „{ $title }“ antwortet.
mail-confirm-open = Bestätigen
mail-confirm-note = (bis dahin wird nichts gesendet).
mail-confirm-link = Hier bestätigen (bis dahin wird nichts gesendet): { $link }
mail-confirm-ignore = Wenn Sie das nicht waren, ignorieren Sie diese Mail: Sie erhalten nichts weiter.

## Eine Antwort wurde veröffentlicht

mail-reply-subject = Neue Antwort auf Ihren Kommentar zu { $title }
mail-reply-title = Neue Antwort
mail-reply-intro = { $author } hat auf Ihren Kommentar zu „{ $title }“ geantwortet:
mail-reply-read = Lesen
mail-reply-read-link = Lesen: { $link }
mail-reply-why = Sie erhalten diese Mail, weil Sie auf { $site } über Antworten auf Ihren Kommentar informiert werden wollten.
mail-reply-stop = Diese Mails abbestellen
mail-reply-stop-link = Abbestellen: { $link }

## Chat-Text der Webhooks (Slack-Format)

hook-published = Veröffentlicht
hook-held = Zurückgehalten
hook-reported = Gemeldet
hook-reported-why = Gemeldet ({ $reason })
hook-approved = Freigegeben
hook-rejected = Abgelehnt
hook-spam = Als Spam markiert
hook-banned = Verfasser gesperrt
hook-undone = Entscheidung rückgängig gemacht
hook-decided = Entschieden
hook-by = { $what } von { $moderator }
hook-edited = Bearbeitet
hook-deleted = Vom Verfasser gelöscht
hook-comment-number = Kommentar #{ $id }
hook-an-article = einem Artikel
hook-line = { $what }: { $text } zu { $title }
hook-open-console = in der Moderation öffnen
