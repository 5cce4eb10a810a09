# Commentdesk: was Leserinnen und Leser sehen. Nur reiner Text; die Vorlagen maskieren jede Meldung.

## Zahlen und Daten

number = { $n }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
date-long = { $day }. { $month } { $year }
time-just-now = gerade eben
time-minutes-ago = { $count ->
    [one] vor { $count } Minute
   *[other] vor { $count } Minuten
}
time-hours-ago = { $count ->
    [one] vor { $count } Stunde
   *[other] vor { $count } Stunden
}
time-days-ago = { $count ->
    [one] vor { $count } Tag
   *[other] vor { $count } Tagen
}

## Seitenrahmen

skip-to-content = Zum Inhalt springen
footer-credit = Kommentare mit Commentdesk
index-title = { $site }: die neuesten Artikel
index-description = Die neuesten Artikel von { $site }.
index-heading = Die neuesten Artikel
index-empty = Noch keine Artikel. Fügen Sie einen hinzu mit
comment-count = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}

## Artikel und Teilen

feed-link-title = Kommentare zu diesem Artikel
share-heading = Diesen Artikel teilen
opens-in-new-tab = (öffnet in einem neuen Tab)
share-copy = Link kopieren
share-native = Teilen …
share-copied = Link kopiert.
share-copy-failed = Der Link konnte nicht kopiert werden.
share-email = E-Mail

## Kommentarbereich

comments-heading = Kommentare
comments-title = Kommentare: { $title }
back-to-article = Zurück zum Artikel
new-comment-instead = Statt einer Antwort einen neuen Kommentar schreiben
comments-closed = Die Kommentare zu diesem Artikel sind geschlossen.
sort-label = Kommentare sortieren
sort-prefix = Sortieren:
sort-oldest = Älteste zuerst
sort-newest = Neueste zuerst
sort-best = Beste zuerst
picks-heading = Empfehlungen der Redaktion
pick-read-in-thread = Im Gesprächsverlauf lesen
comment-by = Kommentar von { $author }
pick-comment-by = (Kommentar von { $author })
comment-edited = bearbeitet
comment-awaiting = Ihr Kommentar wartet auf Freigabe
badge-pick = Empfehlung der Redaktion
reaction-label = Respekt
reply = Antworten
reply-to = an { $author }
report = Melden
edit = Bearbeiten
delete = Löschen
pick-remove = Aus den Empfehlungen entfernen
pick-add = Als Empfehlung der Redaktion hervorheben
show-more = Weitere Kommentare anzeigen
feed-title = Kommentare zu „{ $title }“
embed-frame-title = Kommentare
comments-feed = Kommentar-Feed (Atom)

## Kommentarformular

form-title-reply = Ihre Antwort
form-title-new = Diskutieren Sie mit
field-comment = Kommentar
hint-comment = Bis zu 5.000 Zeichen. Sie können *Hervorhebung*, **Fettdruck**, Links, > Zitate und Listen verwenden.
field-name = Name
optional = (freiwillig)
hint-name = Bleibt das Feld leer, erscheint „Anonym“. Bis zu 80 Zeichen.
honeypot = Dieses Feld bitte leer lassen
post-reply = Antwort senden
post-comment = Kommentar senden
cancel-reply = Antwort abbrechen
cancel = Abbrechen

## Meldungen des Seitenskripts

js-posting = Ihr Kommentar wird gesendet …
js-published = Ihr Kommentar ist veröffentlicht.
js-awaiting = Danke! Ihr Kommentar wartet auf Freigabe.
js-correct-errors = Bitte korrigieren Sie die unten markierten Fehler.
js-too-fast = Sie schreiben zu schnell. Bitte warten Sie { $seconds } Sekunden und versuchen Sie es erneut. Ihr Text bleibt erhalten.
js-post-failed = Ihr Kommentar konnte nicht gesendet werden. Ihr Text bleibt erhalten; bitte versuchen Sie es erneut.
js-network-kept = Die Verbindung ist fehlgeschlagen. Ihr Text bleibt erhalten; bitte versuchen Sie es erneut.
js-network = Die Verbindung ist fehlgeschlagen; bitte versuchen Sie es erneut.
js-choose-reason = Bitte wählen Sie einen Grund.
js-report-thanks = Danke, die Moderation sieht sich das an.
js-report-failed = Die Meldung konnte nicht gesendet werden; bitte versuchen Sie es erneut.
js-reaction-failed = Das hat nicht geklappt; bitte versuchen Sie es erneut.

## Meldungen an die Moderation

report-title = Kommentar melden
# Danach folgt ein Link zum Artikel.
report-about = Kommentar von { $author } zu
report-question-inline = Warum sollte die Moderation sich diesen Kommentar ansehen?
report-question = Warum sollte die Moderation ihn sich ansehen?
reason-spam = Spam
reason-harassment = Belästigung oder Hass
reason-threat = Androhung von Gewalt
reason-off_topic = Am Thema vorbei
reason-other = Etwas anderes
report-note = Hinweis für die Moderation
report-note-optional = Hinweis für die Moderation (freiwillig)
hint-note = Bis zu 500 Zeichen.
send-report = Meldung senden

## Bearbeiten

edit-title = Kommentar bearbeiten
# Danach folgt ein Link zum Artikel.
edit-on = Zum Artikel
edit-time-left = { $count ->
    [one] Sie können ihn noch { $count } Minute lang bearbeiten.
   *[other] Sie können ihn noch { $count } Minuten lang bearbeiten.
}
hint-edit = Bis zu 5.000 Zeichen. Ein bearbeiteter Kommentar wird erneut geprüft und als „bearbeitet“ markiert.
save-changes = Änderungen speichern

## Hinweise nach dem Absenden

notice-held = Ihr Kommentar wartet auf Freigabe. Er erscheint, sobald die Moderation ihn freigibt.
notice-edited = Ihre Änderungen sind gespeichert.
notice-deleted = Ihr Kommentar wurde gelöscht.
notice-reported = Danke, die Moderation sieht sich das an.
notice-already-reported = Sie haben diesen Kommentar bereits gemeldet; die Moderation sieht ihn sich an.
notice-posting-too-fast = Sie schreiben zu schnell. Bitte warten Sie { $count } Sekunden und senden Sie Ihren Kommentar dann erneut; Ihr Text steht unten.
notice-reporting-too-fast = Sie senden zu schnell Meldungen. Bitte warten Sie { $count } Sekunden und senden Sie sie erneut.
notice-reacting-too-fast = Sie reagieren zu schnell. Bitte warten Sie { $count } Sekunden und versuchen Sie es erneut.
anonymous = Anonym

## Fehler

error-title-not-found = Seite nicht gefunden
error-title-server = Etwas ist schiefgegangen
error-title-bad-request = Ungültige Anfrage
error-title-unauthorized = Bitte melden Sie sich an
error-title-forbidden = Nicht erlaubt
error-title-conflict = Bereits erledigt
error-title-too-large = Zu groß
error-title-unsupported = Format nicht unterstützt
error-title-invalid = Bitte prüfen Sie Ihre Angaben
error-title-too-many = Zu viele Anfragen
error-title-unavailable = Dienst nicht verfügbar
error-status = Fehler { $status }
error-front-page = Zur Startseite
error-not-found = { $what ->
    [article] Wir konnten diesen Artikel nicht finden.
    [comment] Wir konnten diesen Kommentar nicht finden.
   *[other] Wir konnten diese Seite nicht finden.
}
error-server = Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.
error-too-large = Die Anfrage ist größer als die erlaubten { $bytes } Bytes.
error-rate-limited = Zu viele Anfragen; bitte warten Sie { $count } Sekunden, bevor Sie es erneut versuchen.
error-sign-in = Bitte melden Sie sich an.
error-console-sign-in = Bitte melden Sie sich in der Moderation an.
error-login-failed = Name oder Passwort ist falsch.
error-unavailable = Der Dienst ist vorübergehend nicht verfügbar.
error-comments-closed = Die Kommentare zu diesem Artikel sind geschlossen.
error-only-author = Nur wer einen Kommentar geschrieben hat, kann ihn ändern.
error-edit-window = Kommentare können { $count } Minuten lang nach dem Senden geändert werden; diese Zeit ist vorbei.
error-already-waiting = Dieser Kommentar wartet bereits auf die Moderation.
error-body-empty = Bitte schreiben Sie einen Kommentar, bevor Sie ihn senden.
error-body-too-long = Ihr Kommentar ist { $count } Zeichen lang; erlaubt sind { $max }. Bitte kürzen Sie ihn um { $over } Zeichen.
error-body-control = Ihr Kommentar enthält unsichtbare Steuerzeichen; bitte entfernen Sie sie.
error-name-line = Ihr Name muss in eine Zeile passen.
error-name-control = Ihr Name enthält unsichtbare Steuerzeichen; bitte entfernen Sie sie.
error-name-too-long = Ihr Name ist { $count } Zeichen lang; erlaubt sind { $max }.
error-reason = Bitte wählen Sie, warum Sie melden: Spam, Belästigung, Drohung, am Thema vorbei oder etwas anderes.
error-note-too-long = Der Hinweis ist auf { $max } Zeichen begrenzt.
error-note-control = Der Hinweis enthält unsichtbare Steuerzeichen.
error-parent = Der Kommentar, auf den Sie antworten, existiert nicht oder ist nicht mehr sichtbar.
error-cross-site = Dieses Formular wurde von einer anderen Website gesendet und daher abgelehnt. Bitte senden Sie es von der Artikelseite aus.

## Live pages and reply notifications
live-new-one = { $n } neuer Kommentar – anzeigen
live-new-many = { $n } neue Kommentare – anzeigen
live-shown = Neue Kommentare angezeigt: { $n }.
live-removed = Dieser Kommentar wurde entfernt.
live-reset = Die Kommentare haben sich geändert, während diese Seite fort war – neu laden
form-notify-label = Bei Antworten benachrichtigen
form-notify-optional = (E-Mail, optional)
form-notify-hint = Wir senden zuerst einen Link zur Bestätigung. Die Adresse dient nur für Antworten auf diesen Kommentar, wird nie angezeigt und beim Abbestellen gelöscht.

## Benachrichtigung über Antworten: die Seiten, auf die die Mails verweisen

replies-invalid-heading = Dieser Link ist ungültig
replies-invalid-text = Ihr Mailprogramm hat den Link vielleicht abgeschnitten. Kopieren Sie den ganzen Link aus der Mail in die Adresszeile.
replies-confirm-heading = Über Antworten informieren
replies-confirm-text = Bestätigen Sie, dass Sie eine Mail erhalten möchten, wenn jemand auf Ihren Kommentar antwortet. Sie können die Mails aus jeder dieser Mails heraus abbestellen.
replies-confirm-button = Bestätigen
replies-confirmed-heading = Bestätigt
replies-confirmed-text = Sie erhalten eine Mail, wenn jemand auf Ihren Kommentar antwortet.
replies-nothing-heading = Nichts zu bestätigen
replies-nothing-text = Diese Anfrage wurde zurückgezogen, oder ihr Kommentar wurde entfernt.
replies-stop-heading = Mails über Antworten abbestellen
replies-stop-text = Die Mails über Antworten auf Ihren Kommentar abbestellen. Ihre Adresse wird gelöscht.
replies-stop-button = Diese Mails abbestellen
replies-stopped-heading = Abbestellt
replies-stopped-text = Sie erhalten keine Mails mehr über Antworten auf diesen Kommentar, und Ihre Adresse ist gelöscht.

## E-Mail-Adressen (im Kommentarformular und für Moderatoren)

error-email-empty = Geben Sie eine E-Mail-Adresse ein, etwa desk@news.example.
error-email-too-long = Eine E-Mail-Adresse ist ein Wort mit höchstens 254 Zeichen.
error-email-invalid = „{ $address }“ ist keine E-Mail-Adresse.
error-notify-off = Diese Website verschickt keine Benachrichtigungen über Antworten; lassen Sie die Adresse leer.

## Seltenere Fehler bei Anfragen

error-form-unreadable = Das Formular konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.
error-body-unreadable = Die Anfrage konnte nicht gelesen werden. Bitte versuchen Sie es erneut.
error-json-unreadable = Der JSON-Inhalt konnte nicht gelesen werden: { $detail }
error-parent-number = Der Kommentar, auf den Sie antworten, ist keine gültige Nummer.
error-reaction-action = Diese Reaktion ist ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut.
error-security-token = Das Sicherheitstoken dieses Formulars fehlt oder ist veraltet. Laden Sie die Seite neu und versuchen Sie es erneut.
error-other-site = Diese Anfrage kam von einer anderen Website und wurde daher abgelehnt.
error-embed-url-missing = Die Adresse der Seite (url) fehlt.
error-embed-url-long = Die Adresse der Seite ist länger als { $max } Zeichen.
error-embed-url-invalid = Die Adresse der Seite ist keine gültige URL.
error-embed-url-scheme = Die Adresse der Seite muss eine http- oder https-URL sein.
error-embed-url-user = Die Adresse der Seite darf keinen Benutzernamen und kein Passwort enthalten.
error-embed-origin = Kommentare sind für Seiten auf { $origin } nicht aktiviert: Die Adresse steht nicht in der Einstellung [embed] allowed_origins dieses Commentdesk.

## Das Einbettungsskript (embed.js), wenn der Kommentarbereich nicht lädt

embed-fallback-link = Kommentare lesen und schreiben
