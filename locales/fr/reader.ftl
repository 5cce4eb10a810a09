# Commentdesk : ce que voient les lecteurs. Texte brut uniquement ; les gabarits échappent chaque message.

## Nombres et dates

number = { $n }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $day } { $month } { $year }
time-just-now = à l’instant
time-minutes-ago = { $count ->
    [one] il y a { $count } minute
   *[other] il y a { $count } minutes
}
time-hours-ago = { $count ->
    [one] il y a { $count } heure
   *[other] il y a { $count } heures
}
time-days-ago = { $count ->
    [one] il y a { $count } jour
   *[other] il y a { $count } jours
}

## Cadre de la page

skip-to-content = Aller au contenu
footer-credit = Commentaires par Commentdesk
index-title = { $site } : les derniers articles
index-description = Les derniers articles de { $site }.
index-heading = Les derniers articles
index-empty = Aucun article pour l’instant. Ajoutez-en un avec
comment-count = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}

## Article et partage

feed-link-title = Commentaires sur cet article
share-heading = Partager cet article
opens-in-new-tab = (s’ouvre dans un nouvel onglet)
share-copy = Copier le lien
share-native = Partager…
share-copied = Lien copié.
share-copy-failed = Impossible de copier le lien.
share-email = Courriel

## Espace commentaires

comments-heading = Commentaires
comments-title = Commentaires : { $title }
back-to-article = Retour à l’article
new-comment-instead = Écrire un nouveau commentaire plutôt qu’une réponse
comments-closed = Les commentaires sont fermés pour cet article.
sort-label = Trier les commentaires
sort-prefix = Trier :
sort-oldest = Les plus anciens
sort-newest = Les plus récents
sort-best = Les meilleurs
picks-heading = Choix de la rédaction
pick-read-in-thread = Le lire dans sa discussion
comment-by = commentaire de { $author }
pick-comment-by = (commentaire de { $author })
comment-edited = modifié
comment-awaiting = Votre commentaire est en attente de modération
badge-pick = Choix de la rédaction
reaction-label = Respect
reply = Répondre
reply-to = à { $author }
report = Signaler
edit = Modifier
delete = Supprimer
pick-remove = Retirer des choix de la rédaction
pick-add = Mettre en avant comme choix de la rédaction
show-more = Afficher plus de commentaires
feed-title = Commentaires sur « { $title } »
embed-frame-title = Commentaires
comments-feed = Fil des commentaires (Atom)

## Formulaire de commentaire

form-title-reply = Votre réponse
form-title-new = Participez à la discussion
field-comment = Commentaire
hint-comment = Jusqu’à 5 000 caractères. Vous pouvez utiliser *l’italique*, **le gras**, des liens, des > citations et des listes.
field-name = Nom
optional = (facultatif)
hint-name = Affiché comme « Anonyme » s’il reste vide. Jusqu’à 80 caractères.
honeypot = Laissez ce champ vide
post-reply = Publier la réponse
post-comment = Publier le commentaire
cancel-reply = Annuler la réponse
cancel = Annuler

## Messages affichés par le script de la page

js-posting = Envoi de votre commentaire…
js-published = Votre commentaire est publié.
js-awaiting = Merci ! Votre commentaire est en attente de modération.
js-correct-errors = Veuillez corriger les erreurs signalées ci-dessous.
js-too-fast = Vous publiez trop vite. Veuillez patienter { $seconds } secondes puis réessayer. Votre texte est conservé.
js-post-failed = Votre commentaire n’a pas pu être publié. Votre texte est conservé ; veuillez réessayer.
js-network-kept = La connexion a échoué. Votre texte est conservé ; veuillez réessayer.
js-network = La connexion a échoué ; veuillez réessayer.
js-choose-reason = Veuillez choisir un motif.
js-report-thanks = Merci, un modérateur va l’examiner.
js-report-failed = Le signalement n’a pas pu être envoyé ; veuillez réessayer.
js-reaction-failed = Cela n’a pas fonctionné ; veuillez réessayer.

## Signalements

report-title = Signaler un commentaire
# Suivi d’un lien vers l’article.
report-about = Commentaire de { $author } sur
report-question-inline = Pourquoi un modérateur devrait-il examiner ce commentaire ?
report-question = Pourquoi un modérateur devrait-il l’examiner ?
reason-spam = Spam
reason-harassment = Harcèlement ou haine
reason-threat = Menace de violence
reason-off_topic = Hors sujet
reason-other = Autre chose
report-note = Note pour les modérateurs
report-note-optional = Note pour les modérateurs (facultatif)
hint-note = Jusqu’à 500 caractères.
send-report = Envoyer le signalement

## Modification

edit-title = Modifier votre commentaire
# Suivi d’un lien vers l’article.
edit-on = Sur
edit-time-left = { $count ->
    [one] Vous pouvez le modifier pendant encore { $count } minute.
   *[other] Vous pouvez le modifier pendant encore { $count } minutes.
}
hint-edit = Jusqu’à 5 000 caractères. Un commentaire modifié est vérifié à nouveau et marqué « modifié ».
save-changes = Enregistrer les modifications

## Avis après l’envoi d’un formulaire

notice-held = Votre commentaire est en attente de modération. Il apparaîtra dès qu’un modérateur l’aura approuvé.
notice-edited = Vos modifications sont enregistrées.
notice-deleted = Votre commentaire a été supprimé.
notice-reported = Merci, un modérateur va l’examiner.
notice-already-reported = Vous avez déjà signalé ce commentaire ; un modérateur va l’examiner.
notice-posting-too-fast = Vous publiez trop vite. Veuillez patienter { $count } secondes, puis renvoyer votre commentaire ; votre texte est conservé ci-dessous.
notice-reporting-too-fast = Vous envoyez des signalements trop vite. Veuillez patienter { $count } secondes puis le renvoyer.
notice-reacting-too-fast = Vous réagissez trop vite. Veuillez patienter { $count } secondes puis réessayer.
anonymous = Anonyme

## Erreurs

error-title-not-found = Page introuvable
error-title-server = Une erreur s’est produite
error-title-bad-request = Requête invalide
error-title-unauthorized = Veuillez vous connecter
error-title-forbidden = Action non autorisée
error-title-conflict = Déjà fait
error-title-too-large = Trop volumineux
error-title-unsupported = Format non pris en charge
error-title-invalid = Veuillez vérifier votre saisie
error-title-too-many = Trop de requêtes
error-title-unavailable = Service indisponible
error-status = Erreur { $status }
error-front-page = Aller à la page d’accueil
error-not-found = { $what ->
    [article] Nous n’avons pas trouvé cet article.
    [comment] Nous n’avons pas trouvé ce commentaire.
   *[other] Nous n’avons pas trouvé cette page.
}
error-server = Une erreur s’est produite de notre côté. Veuillez réessayer dans un instant.
error-too-large = Le corps de la requête dépasse les { $bytes } octets autorisés.
error-rate-limited = Trop de requêtes ; veuillez patienter { $count } secondes avant de réessayer.
error-sign-in = Veuillez vous connecter.
error-console-sign-in = Veuillez vous connecter à la console de modération.
error-login-failed = Nom ou mot de passe incorrect.
error-unavailable = Le service est temporairement indisponible.
error-comments-closed = Les commentaires sont fermés pour cet article.
error-only-author = Seul l’auteur d’un commentaire peut le modifier.
error-edit-window = Les commentaires peuvent être modifiés pendant { $count } minutes après leur publication ; ce délai est dépassé.
error-already-waiting = Ce commentaire attend déjà un modérateur.
error-body-empty = Veuillez écrire un commentaire avant de le publier.
error-body-too-long = Votre commentaire compte { $count } caractères ; la limite est de { $max }. Veuillez le raccourcir de { $over } caractères.
error-body-control = Votre commentaire contient des caractères de contrôle invisibles ; veuillez les supprimer.
error-name-line = Votre nom doit tenir sur une seule ligne.
error-name-control = Votre nom contient des caractères de contrôle invisibles ; veuillez les supprimer.
error-name-too-long = Votre nom compte { $count } caractères ; la limite est de { $max }.
error-reason = Veuillez indiquer pourquoi vous signalez : spam, harcèlement, menace, hors sujet ou autre chose.
error-note-too-long = La note est limitée à { $max } caractères.
error-note-control = La note contient des caractères de contrôle invisibles.
error-parent = Le commentaire auquel vous répondez n’existe pas ou n’est plus visible.
error-cross-site = Ce formulaire a été envoyé depuis un autre site web ; il a donc été refusé. Veuillez publier depuis la page de l’article.

## Live pages and reply notifications
live-new-one = { $n } nouveau commentaire – afficher
live-new-many = { $n } nouveaux commentaires – afficher
live-shown = Nouveaux commentaires affichés : { $n }.
live-removed = Ce commentaire a été retiré.
live-reset = Les commentaires ont changé pendant l’absence de cette page – recharger
form-notify-label = Me prévenir quand quelqu’un répond
form-notify-optional = (e-mail, facultatif)
form-notify-hint = Nous envoyons d’abord un lien de confirmation. L’adresse ne sert qu’aux réponses à ce commentaire, n’est jamais affichée et est effacée quand vous vous désabonnez.

## Notifications de réponse : les pages vers lesquelles pointent les mails

replies-invalid-heading = Ce lien n’est pas valide
replies-invalid-text = Votre logiciel de messagerie a peut-être coupé le lien. Copiez le lien entier du mail dans la barre d’adresse.
replies-confirm-heading = Être prévenu des réponses
replies-confirm-text = Confirmez que vous voulez un mail lorsque quelqu’un répond à votre commentaire. Vous pourrez les arrêter depuis n’importe lequel de ces mails.
replies-confirm-button = Confirmer
replies-confirmed-heading = Confirmé
replies-confirmed-text = Vous recevrez un mail lorsque quelqu’un répondra à votre commentaire.
replies-nothing-heading = Rien à confirmer
replies-nothing-text = Cette demande a été retirée, ou son commentaire a été supprimé.
replies-stop-heading = Arrêter les mails de réponse
replies-stop-text = Arrêter les mails sur les réponses à votre commentaire. Votre adresse est supprimée.
replies-stop-button = Ne plus recevoir ces mails
replies-stopped-heading = Désabonné
replies-stopped-text = Vous ne recevrez plus de mails sur les réponses à ce commentaire, et votre adresse est supprimée.

## Adresses e-mail (celle du formulaire de réponse et celle d’un modérateur)

error-email-empty = Saisissez une adresse e-mail, par exemple desk@news.example.
error-email-too-long = Une adresse e-mail est un seul mot d’au plus 254 caractères.
error-email-invalid = « { $address } » n’est pas une adresse e-mail.
error-notify-off = Ce site n’envoie pas de notifications de réponse ; laissez l’adresse vide.

## Erreurs de requête plus rares

error-form-unreadable = Le formulaire n’a pas pu être lu. Veuillez recharger la page et réessayer.
error-body-unreadable = La requête n’a pas pu être lue. Veuillez réessayer.
error-json-unreadable = Le corps JSON n’a pas pu être lu : { $detail }
error-parent-number = Le commentaire auquel vous répondez n’est pas un numéro valide.
error-reaction-action = Ce bouton de réaction n’est pas valide. Veuillez recharger la page et réessayer.
error-security-token = Le jeton de sécurité de ce formulaire est absent ou périmé. Rechargez la page et réessayez.
error-other-site = Cette requête venait d’un autre site web ; elle a donc été refusée.
error-embed-url-missing = L’adresse de la page (url) est absente.
error-embed-url-long = L’adresse de la page dépasse { $max } caractères.
error-embed-url-invalid = L’adresse de la page n’est pas une URL valide.
error-embed-url-scheme = L’adresse de la page doit être une URL http ou https.
error-embed-url-user = L’adresse de la page ne doit contenir ni nom d’utilisateur ni mot de passe.
error-embed-origin = Les commentaires ne sont pas activés pour les pages de { $origin } : ce site ne figure pas dans le réglage [embed] allowed_origins de ce Commentdesk.

## Le script d’intégration (embed.js), quand l’espace de commentaires ne se charge pas

embed-fallback-link = Lire et écrire des commentaires
