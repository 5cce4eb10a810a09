# Commentdesk: was Moderatorinnen und Moderatoren in der Konsole sehen. Nur reiner Text.

## Rahmen und Navigation

mod-title = Moderation
mod-nav-label = Moderation
nav-queue = Warteschlange
nav-log = Protokoll
nav-rules = Regeln
nav-settings = Einstellungen
signed-in-as = Angemeldet als
role-moderator = Moderation
role-admin = Administration
sign-out = Abmelden

## Anmeldung

login-title = Anmelden
login-heading = Moderation: Anmeldung
login-name = Name
login-password = Passwort
login-submit = Anmelden

## Warteschlange

queue-heading = Moderations-Warteschlange
queue-tabs-label = Warteschlangen
queue-pending = Wartend
queue-reported = Gemeldet
queue-approved = Freigegeben
queue-rejected = Abgelehnt
queue-spam = Spam
search-label = Text, Verfasser oder Artikel suchen
search-article = Artikel
search-all-articles = Alle Artikel
search-submit = Suchen
undo-last = Meine letzte Aktion rückgängig machen
shortcuts-hint = Tastatur:
shortcut-next-prev-short = nächster/vorheriger
shortcut-approve-short = freigeben
shortcut-reject-short = ablehnen
shortcut-spam-short = Spam
shortcut-ban-short = sperren
shortcut-select-short = auswählen
shortcut-help-short = Hilfe
queue-showing = { $count } angezeigt
queue-empty = Hier ist nichts.
queue-empty-search = Nichts hier passt zur Suche.
bulk-legend = Ausgewählte Kommentare
bulk-action = Aktion
bulk-approve = Freigeben
bulk-reject = Ablehnen
bulk-spam = Als Spam markieren
bulk-reason = Grund
bulk-apply = Auf Auswahl anwenden
select-comment = Kommentar { $id } auswählen
# "#12 von Ann zu <Artikeltitel>": Verfasser und Artikellink folgen.
item-prefix = #{ $id } von
item-on = zu
item-status = Status
status-published = veröffentlicht
status-pending = wartend
status-rejected = abgelehnt
status-spam = Spam
status-deleted = gelöscht
item-decided = entschieden von { $who }, { $when }
item-edited = bearbeitet
why-held = Warum er zurückgehalten wurde
matched = Treffer:
reports-count = Meldungen ({ $count }):
learned-score = Gelernte Bewertung:
score-none = keine
score-likely = braucht zu { $percent } % Moderation
pushed-up-by = Am stärksten erhöht durch:
history-summary = Verlauf des Verfassers: { $approved } freigegeben, { $rejected } abgelehnt, { $spam } Spam, { $pending } wartend
history-banned = , gesperrt
history-none = Keine weiteren Kommentare.
action-approve-button = Freigeben
action-reject-button = Ablehnen
action-spam-button = Spam
action-ban-button = Verfasser sperren
sr-comment = Kommentar { $id }
sr-of-comment = von Kommentar { $id }
reject-reason-for = Grund für die Ablehnung von Kommentar { $id }
reject-spam = Spam
reject-abuse = Beleidigung
reject-off-topic = Am Thema vorbei
reject-other = Anderes
shortcuts-title = Tastenkürzel
shortcut-next-prev = Nächster / vorheriger Kommentar
shortcut-approve = Freigeben
shortcut-reject = Mit dem gewählten Grund ablehnen
shortcut-spam = Als Spam markieren
shortcut-ban = Verfasser sperren
shortcut-select = Für eine Sammelaktion auswählen
shortcut-help = Diese Hilfe ein- oder ausblenden
close = Schließen
js-selected = ({ $count } ausgewählt)
js-confirm-ban = Diesen Verfasser sperren und seine wartenden Kommentare ablehnen?

## Hinweise

mod-notice-approve = Freigegeben: Der Kommentar ist veröffentlicht.
mod-notice-reject = Abgelehnt.
mod-notice-spam = Als Spam markiert.
mod-notice-ban = Der Verfasser ist gesperrt, seine wartenden Kommentare sind abgelehnt.
mod-notice-undo = { $count ->
    [one] Rückgängig gemacht: { $count } Kommentar wiederhergestellt.
   *[other] Rückgängig gemacht: { $count } Kommentare wiederhergestellt.
}
mod-notice-bulk = { $count ->
    [one] { $count } Kommentar wurde entschieden.
   *[other] { $count } Kommentare wurden entschieden.
}
mod-notice-saved = Gespeichert.
mod-notice-feature = Hervorgehoben: Der Kommentar gehört zu den Empfehlungen der Redaktion.
mod-notice-unfeature = Aus den Empfehlungen der Redaktion entfernt.
mod-error-nothing-to-undo = Sie haben keine Entscheidung, die sich rückgängig machen ließe.
mod-error-undo-changed = Nichts rückgängig gemacht: Der Kommentar hat sich inzwischen geändert.
mod-error-undo-decided = Nichts rückgängig gemacht: { $who } hat inzwischen entschieden.
mod-error-select-first = Wählen Sie zuerst mindestens einen Kommentar aus.
mod-error-pick-published = Nur ein veröffentlichter Kommentar kann eine Empfehlung der Redaktion sein.
mod-error-changed = Dieser Kommentar hat sich seit dem Laden der Seite geändert: Er ist jetzt { $status }. Nichts wurde geändert.
mod-error-decided = Bereits entschieden von { $who }: Der Kommentar ist jetzt { $status }. Nichts wurde geändert.
mod-bulk-refused = { $done } entschieden; { $refused } nicht geändert:

## Protokoll

log-title = Protokoll
log-intro = Jede Aktion der Moderation, neueste zuerst. Export:
log-empty = Noch keine Aktionen.
log-caption = Aktionen der Moderation
log-when = Wann
log-who = Wer
log-action = Aktion
log-comment = Kommentar
log-before = Status vorher
log-after = Status nachher
log-reason = Grund
log-older = Ältere Einträge
log-at = { $date } { $time }
action-approve = freigegeben
action-reject = abgelehnt
action-spam = Spam
action-ban = gesperrt
action-undo = rückgängig
action-feature = hervorgehoben
action-unfeature = Hervorhebung entfernt
action-login = angemeldet
action-logout = abgemeldet
action-article = Artikeleinstellungen
action-words = Wortlisten
action-thresholds = Schwellenwerte
action-rules = Regeln

## Einstellungen

settings-title = Einstellungen
settings-heading = Einstellungen der Moderation
settings-articles = Artikel
settings-comments-open = Kommentare offen
settings-premoderation = Vorabmoderation (jeden Kommentar zurückhalten)
save = Speichern
words-heading = Wortlisten
words-intro = Verbotene Wörter weisen einen Kommentar als Spam ab; verdächtige Wörter halten ihn für die Moderation zurück. Ein * am Ende trifft Wortanfänge. Wörter aus der Konfigurationsdatei gelten ebenfalls und sind hier nicht aufgeführt.
words-empty = Hier wurden noch keine Wörter hinzugefügt.
word-kind-suspect = verdächtig
word-kind-banned = verboten
remove = Entfernen
word-label = Wort oder Wendung
word-list = Liste
word-suspect = Verdächtig (zurückhalten)
word-banned = Verboten (Spam)
word-add = Wort hinzufügen
domains-heading = Vertrauenswürdige Domains
domains-intro = Links auf diese Domains (und ihre Subdomains) halten einen Kommentar nie zurück: Wer Quellen nennt, wird veröffentlicht. Fügen Sie eine Domain oder eine Adresse darauf ein.
domains-configured = Aus der Konfigurationsdatei:
domains-empty = Hier wurden noch keine Domains hinzugefügt.
domain-label = Domain
domain-placeholder = beispiel.de
domain-add = Domain hinzufügen
thresholds-heading = Schwellenwerte
thresholds-save = Schwellenwerte speichern

## Regeln

rules-title = Regeln
rules-intro = Was jede Regel in den letzten 7, 30 und 90 Tagen zurückgehalten hat und wie die Moderation entschieden hat. Freigegebene Kommentare wurden irrtümlich zurückgehalten; abgelehnte (abgelehnt oder als Spam markiert) zu Recht. Die Präzision ist der Anteil der entschiedenen Fälle, die die Moderation abgelehnt hat. Eine Regel, die die Moderation in mehr als der Hälfte der Fälle aufhebt, ist markiert.
rules-caption = Regeln mit ihren Schaltern und dem, was sie zurückgehalten haben
rules-rule = Regel
rules-on = An
rules-last-days = Letzte { $count } Tage
rules-overturned = In mehr als der Hälfte der Fälle aufgehoben
rules-switch-on = an
rules-set-elsewhere = anderswo eingestellt
rules-held-nothing = nichts zurückgehalten
rules-held = { $held } zurückgehalten: { $approved } freigegeben, { $rejected } abgelehnt
rules-waiting = , { $count } wartend
rules-precision = Präzision { $value }
rules-overturned-short = (aufgehoben)
rules-examples = Neueste Beispiele für { $rule }
rules-approved-examples = Freigegeben (irrtümlich zurückgehalten)
rules-rejected-examples = Abgelehnt
links-heading = Links von Erstkommentierenden
links-strict = Streng: jeden Link von Verfassern ohne veröffentlichten Kommentar zurückhalten
links-strict-hint = Aus: Ein solcher Link hält nur mit einem weiteren Anzeichen zurück (ein Kurzlink, eine gesperrte Domain, Eigenwerbung, mehrere Links, eine hohe gelernte Bewertung oder ein Link, der der ganze Kommentar ist).
score-heading = Gelernte Bewertung
score-off = Die gelernte Bewertung ist in der Konfiguration ausgeschaltet (classifier_enabled); die Zahlen zeigen, was sie getan hätte.
score-threshold = Schwellenwert
score-threshold-hint = Einen Kommentar zurückhalten, wenn die gelernte Wahrscheinlichkeit dafür mindestens so hoch ist. Die Zahlen unten gelten für den aktuellen Schwellenwert.
score-caption = Die gelernte Bewertung im Vergleich zu den Entscheidungen der Moderation: Ein abgelehnter oder als Spam markierter Kommentar sollte zurückgehalten werden, ein veröffentlichter nicht
score-window = Zeitraum
score-rightly = Zu Recht zurückgehalten
score-wrongly = Zu Unrecht zurückgehalten
score-missed = Übersehen
score-precision = Präzision
score-recall = Trefferquote
rules-save = Regeln speichern
rule-abuse-threat = Gewaltandrohungen
rule-abuse-slur = Hetzbegriffe
rule-abuse-insult = Persönliche Beleidigungen
rule-abuse-profanity = Vulgäre Sprache
rule-abuse-name = Beleidigende Verfassernamen
rule-words-banned = Verbotene Wörter (als Spam abgewiesen)
rule-words-suspect = Verdächtige Wörter
rule-links-too_many = Zu viele Links
rule-links-blocked_domain = Links auf gesperrte Domains
rule-links-shortener = Links über Kurzlink-Dienste
rule-links-alone = Nur ein Link und sonst nichts
rule-links-first_time = Links von Erstkommentierenden
rule-spam-duplicate = Wiederholungen und Kampagnen
rule-spam-promotion = Eigenwerbung
rule-spam-shouting = Schreien (Großbuchstaben)
rule-spam-flood = Zeichenfluten
rule-context-new_commenter = Erste Kommentare neuer Verfasser
rule-context-banned_author = Gesperrte Verfasser
rule-premoderation = Vorab moderierte Artikel
rule-classifier = Gelernte Bewertung
rule-reported = Meldungen von Lesern
rule-imported = Als zurückgehalten importiert
rule-honeypot = Ein für Menschen verborgenes Feld wurde ausgefüllt
rule-form_token = Das Formular-Token fehlte oder war gefälscht
rule-too_fast = Schneller gesendet, als ein Mensch schreibt

## Schwellenwerte (Einstellungen)

threshold-classifier_threshold = Schwellenwert der gelernten Bewertung
threshold-classifier_threshold-hint = Einen Kommentar zurückhalten, wenn die gelernte Wahrscheinlichkeit dafür mindestens so hoch ist (0,01 bis 0,99).
threshold-max_links = Höchstzahl an Links in einem Kommentar
threshold-max_links-hint = Kommentare mit mehr Links zurückhalten.
threshold-caps_ratio = Schreien: Anteil der Großbuchstaben
threshold-caps_ratio-hint = Einen Kommentar zurückhalten, dessen Buchstaben über diesem Anteil groß geschrieben sind (0,05 bis 1).
threshold-new_commenter_holds = Erste Kommentare neuer Verfasser zurückhalten
threshold-new_commenter_holds-hint = Wie viele erste Kommentare jedes Verfassers zurückgehalten werden; 0 schaltet das aus.

## Notifications, webhooks, live console
nav-notifications = Benachrichtigungen
nav-webhooks = Webhooks
live-mod-new = { $n } neu – anzeigen
live-mod-decided = Von jemand anderem entschieden.
live-mod-shown = Neue Kommentare angezeigt: { $n }.
mod-notice-retried = Erneut gesendet: Die Zustellung ist eingereiht.

## Seite „Benachrichtigungen“

notify-intro-mail-off = Auf diesem Server ist der Mailversand aus (kein
notify-intro-mail-off-after = ): Ihre Wahl wird gespeichert, und nichts wird gesendet, bis ein Betreiber es einrichtet.
notify-email = E-Mail-Adresse
notify-legend = Was gesendet wird
notify-threats = Sofort eine Mail für jeden als Drohung zurückgehaltenen Kommentar
notify-digest = Eine Übersicht der Warteschlange, solange sie nicht leer ist
notify-none = Nichts
notify-minutes = Übersicht alle (Minuten, { $min } bis { $max })
notify-privacy = Die Mails verlinken auf den Kommentar in dieser Moderation. Sie zitieren den Kommentar und nennen seinen Artikel und Verfasser, nie die Adresse des Verfassers.
notify-error-choice = Wählen Sie, was gesendet werden soll: Drohungen, eine Übersicht oder nichts.
notify-error-address = Geben Sie die E-Mail-Adresse ein, an die gesendet werden soll.
notify-error-minutes = Der Abstand der Übersicht ist eine Zahl von Minuten zwischen { $min } und { $max }.

## Seite „Webhooks“

webhooks-none = Es sind keine Webhook-Ziele eingerichtet. Tragen Sie
webhooks-none-after = in die Konfigurationsdatei ein, um Ereignisse zu Kommentaren an andere Systeme zu senden.
webhooks-targets = Ziele
webhooks-recent = Letzte Zustellungen
webhooks-empty = Noch keine Zustellungen.
webhooks-caption = Die neuesten Webhook-Zustellungen zuerst
webhooks-event = Ereignis
webhooks-target = Ziel
webhooks-status = Status
webhooks-code = Code
webhooks-attempts = Versuche
webhooks-next = Nächster Versuch
webhooks-last-error = Letzter Fehler
webhooks-action = Aktion
webhooks-comment = Kommentar #{ $id },
webhooks-next-now = jetzt
webhooks-next-in = in { $seconds } s
webhooks-retry = Erneut senden
webhooks-retry-which = Zustellung { $id }
delivery-pending = ausstehend
delivery-delivered = zugestellt
delivery-failed = fehlgeschlagen

## Seltenere Fehler der Moderation

mod-error-admins-settings = Nur Administratoren können Einstellungen ändern.
mod-error-admins-rules = Nur Administratoren können die Zahlen der Regeln sehen.
mod-error-admins-retry = Nur Administratoren können Webhook-Zustellungen erneut senden.
mod-error-admins-webhooks = Nur Administratoren können Webhook-Zustellungen sehen.
mod-error-ban-needs = Eine Sperre braucht einen Verfasser oder eine Adresse.
mod-error-choose-reason = Wählen Sie einen Grund: Spam, Beleidigung, am Thema vorbei oder anderes.
mod-error-word-length = Ein Wort hat 1 bis 200 Zeichen.
mod-error-form-status = Dem Formular fehlt der Status, den der Kommentar hatte. Bitte laden Sie die Seite neu.
mod-error-selected-invalid = Ein ausgewählter Kommentar ist ungültig. Bitte laden Sie die Seite neu.
mod-error-selected-status = Einem ausgewählten Kommentar fehlt sein Status. Bitte laden Sie die Seite neu.
mod-error-queue = Diese Warteschlange gibt es nicht: Wählen Sie ausstehend, gemeldet, freigegeben, abgelehnt oder Spam.
mod-error-threshold-number = { $name } muss eine Zahl sein.
mod-error-threshold-range = { $name } muss zwischen { $min } und { $max } liegen.
mod-error-domain-empty = Geben Sie eine Domain ein, etwa reuters.com.
mod-error-domain-long = Eine Domain ist ein Wort mit höchstens 253 Zeichen, etwa reuters.com.
mod-error-domain-invalid = „{ $domain }“ ist kein Domainname.
mod-error-domain-address = „{ $domain }“ ist kein Domainname (Adressen können keine vertrauenswürdigen Domains sein).
mod-error-domain-partial = „{ $domain }“ ist kein vollständiger Domainname wie reuters.com.
