# Commentdesk : ce que voient les modérateurs dans la console. Texte brut uniquement.

## Cadre et navigation

mod-title = Modération
mod-nav-label = Modération
nav-queue = File d’attente
nav-log = Journal
nav-rules = Règles
nav-settings = Réglages
signed-in-as = Connecté en tant que
role-moderator = modérateur
role-admin = administrateur
sign-out = Se déconnecter

## Connexion

login-title = Connexion
login-heading = Modération : connexion
login-name = Nom
login-password = Mot de passe
login-submit = Se connecter

## File d’attente

queue-heading = File de modération
queue-tabs-label = Files
queue-pending = En attente
queue-reported = Signalés
queue-approved = Approuvés
queue-rejected = Rejetés
queue-spam = Spam
search-label = Rechercher un texte, un auteur ou un article
search-article = Article
search-all-articles = Tous les articles
search-submit = Rechercher
undo-last = Annuler ma dernière action
shortcuts-hint = Clavier :
shortcut-next-prev-short = suivant/précédent
shortcut-approve-short = approuver
shortcut-reject-short = rejeter
shortcut-spam-short = spam
shortcut-ban-short = bannir
shortcut-select-short = sélectionner
shortcut-help-short = aide
queue-showing = { $count } affichés
queue-empty = Rien ici.
queue-empty-search = Rien ici ne correspond à la recherche.
bulk-legend = Commentaires sélectionnés
bulk-action = Action
bulk-approve = Approuver
bulk-reject = Rejeter
bulk-spam = Marquer comme spam
bulk-reason = Motif
bulk-apply = Appliquer à la sélection
select-comment = Sélectionner le commentaire { $id }
# « #12 de Ann sur <titre de l’article> » : l’auteur et le lien vers l’article suivent.
item-prefix = #{ $id } de
item-on = sur
item-status = statut
status-published = publié
status-pending = en attente
status-rejected = rejeté
status-spam = spam
status-deleted = supprimé
item-decided = décidé par { $who }, { $when }
item-edited = modifié
why-held = Pourquoi il a été retenu
matched = Correspondances :
reports-count = Signalements ({ $count }) :
learned-score = Score appris :
score-none = aucun
score-likely = { $percent } % de probabilité de nécessiter un modérateur
pushed-up-by = Surtout relevé par :
history-summary = Historique de l’auteur : { $approved } approuvés, { $rejected } rejetés, { $spam } spam, { $pending } en attente
history-banned = , banni
history-none = Aucun autre commentaire.
action-approve-button = Approuver
action-reject-button = Rejeter
action-spam-button = Spam
action-ban-button = Bannir l’auteur
sr-comment = commentaire { $id }
sr-of-comment = du commentaire { $id }
reject-reason-for = Motif du rejet du commentaire { $id }
reject-spam = Spam
reject-abuse = Propos abusifs
reject-off-topic = Hors sujet
reject-other = Autre
shortcuts-title = Raccourcis clavier
shortcut-next-prev = Commentaire suivant / précédent
shortcut-approve = Approuver
shortcut-reject = Rejeter avec le motif choisi
shortcut-spam = Marquer comme spam
shortcut-ban = Bannir l’auteur
shortcut-select = Sélectionner pour une action groupée
shortcut-help = Afficher ou masquer cette aide
close = Fermer
js-selected = ({ $count } sélectionnés)
js-confirm-ban = Bannir cet auteur et rejeter ses commentaires en attente ?

## Avis

mod-notice-approve = Approuvé : le commentaire est publié.
mod-notice-reject = Rejeté.
mod-notice-spam = Marqué comme spam.
mod-notice-ban = L’auteur est banni et ses commentaires en attente sont rejetés.
mod-notice-undo = { $count ->
    [one] Annulé : { $count } commentaire rétabli.
   *[other] Annulé : { $count } commentaires rétablis.
}
mod-notice-bulk = { $count ->
    [one] { $count } commentaire a été traité.
   *[other] { $count } commentaires ont été traités.
}
mod-notice-saved = Enregistré.
mod-notice-feature = Mis en avant : le commentaire figure parmi les choix de la rédaction.
mod-notice-unfeature = Retiré des choix de la rédaction.
mod-error-nothing-to-undo = Vous n’avez aucune décision à annuler.
mod-error-undo-changed = Rien à annuler : le commentaire a changé depuis.
mod-error-undo-decided = Rien n’a été annulé : { $who } a décidé entre-temps.
mod-error-select-first = Sélectionnez d’abord au moins un commentaire.
mod-error-pick-published = Seul un commentaire publié peut figurer parmi les choix de la rédaction.
mod-error-changed = Ce commentaire a changé depuis le chargement de la page : il est maintenant { $status }. Rien n’a été modifié.
mod-error-decided = Déjà décidé par { $who } : le commentaire est maintenant { $status }. Rien n’a été modifié.
mod-bulk-refused = { $done } traités ; { $refused } non modifiés :

## Journal

log-title = Journal
log-intro = Toutes les actions des modérateurs, les plus récentes d’abord. Export :
log-empty = Aucune action pour l’instant.
log-caption = Actions des modérateurs
log-when = Quand
log-who = Qui
log-action = Action
log-comment = Commentaire
log-before = Statut avant
log-after = Statut après
log-reason = Motif
log-older = Entrées plus anciennes
log-at = { $date } { $time }
action-approve = approbation
action-reject = rejet
action-spam = spam
action-ban = bannissement
action-undo = annulation
action-feature = mise en avant
action-unfeature = retrait de la mise en avant
action-login = connexion
action-logout = déconnexion
action-article = réglages d’article
action-words = listes de mots
action-thresholds = seuils
action-rules = règles

## Réglages

settings-title = Réglages
settings-heading = Réglages de modération
settings-articles = Articles
settings-comments-open = Commentaires ouverts
settings-premoderation = Modération a priori (retenir chaque commentaire)
save = Enregistrer
words-heading = Listes de mots
words-intro = Les mots interdits refusent un commentaire comme spam ; les mots suspects le retiennent pour un modérateur. Un * final correspond aux débuts de mots. Les mots du fichier de configuration s’appliquent aussi et ne sont pas listés ici.
words-empty = Aucun mot ajouté ici pour l’instant.
word-kind-suspect = suspect
word-kind-banned = interdit
remove = Retirer
word-label = Mot ou expression
word-list = Liste
word-suspect = Suspect (retenir)
word-banned = Interdit (spam)
word-add = Ajouter le mot
domains-heading = Domaines de confiance
domains-intro = Les liens vers ces domaines (et leurs sous-domaines) ne retiennent jamais un commentaire : les lecteurs qui citent leurs sources sont publiés. Collez un domaine ou une adresse sur ce domaine.
domains-configured = Depuis le fichier de configuration :
domains-empty = Aucun domaine ajouté ici pour l’instant.
domain-label = Domaine
domain-placeholder = exemple.fr
domain-add = Ajouter le domaine
thresholds-heading = Seuils
thresholds-save = Enregistrer les seuils

## Règles

rules-title = Règles
rules-intro = Ce que chaque règle a retenu sur les 7, 30 et 90 derniers jours, et ce qu’en ont fait les modérateurs. Les commentaires approuvés ont été retenus à tort ; les rejetés (rejetés ou marqués comme spam) méritaient de l’être. La précision est la part des retenues tranchées que les modérateurs ont rejetées. Une règle que les modérateurs contredisent plus d’une fois sur deux est signalée.
rules-caption = Les règles, leurs interrupteurs et ce qu’elles ont retenu
rules-rule = Règle
rules-on = Active
rules-last-days = { $count } derniers jours
rules-overturned = Contredite plus d’une fois sur deux
rules-switch-on = active
rules-set-elsewhere = réglée ailleurs
rules-held-nothing = rien retenu
rules-held = { $held } retenus : { $approved } approuvés, { $rejected } rejetés
rules-waiting = , { $count } en attente
rules-precision = précision { $value }
rules-overturned-short = (contredite)
rules-examples = Exemples récents : { $rule }
rules-approved-examples = Approuvés (retenus à tort)
rules-rejected-examples = Rejetés
links-heading = Liens des nouveaux commentateurs
links-strict = Strict : retenir tout lien d’un auteur sans commentaire publié
links-strict-hint = Désactivé, un tel lien ne retient le commentaire qu’avec un autre signe (un raccourcisseur, un domaine bloqué, de l’autopromotion, plusieurs liens, un score appris élevé, ou un lien qui constitue tout le commentaire).
score-heading = Score appris
score-off = Le score appris est désactivé dans la configuration (classifier_enabled) ; les chiffres montrent ce qu’il aurait fait.
score-threshold = Seuil
score-threshold-hint = Retenir un commentaire quand la probabilité apprise de le retenir atteint au moins cette valeur. Les chiffres ci-dessous correspondent au seuil actuel.
score-caption = Le score appris face aux décisions des modérateurs : un commentaire rejeté ou marqué comme spam devrait être retenu, un commentaire publié ne devrait pas l’être
score-window = Période
score-rightly = Retenus à raison
score-wrongly = Retenus à tort
score-missed = Manqués
score-precision = Précision
score-recall = Rappel
rules-save = Enregistrer les règles
rule-abuse-threat = Menaces de violence
rule-abuse-slur = Termes injurieux
rule-abuse-insult = Insultes personnelles
rule-abuse-profanity = Grossièretés
rule-abuse-name = Noms d’auteur injurieux
rule-words-banned = Mots interdits (refusés comme spam)
rule-words-suspect = Mots suspects
rule-links-too_many = Trop de liens
rule-links-blocked_domain = Liens vers des domaines bloqués
rule-links-shortener = Liens via des raccourcisseurs d’URL
rule-links-alone = Un lien et rien d’autre
rule-links-first_time = Liens des nouveaux commentateurs
rule-spam-duplicate = Répétitions et campagnes
rule-spam-promotion = Autopromotion
rule-spam-shouting = Cris (majuscules)
rule-spam-flood = Avalanches de caractères
rule-context-new_commenter = Premiers commentaires des nouveaux auteurs
rule-context-banned_author = Auteurs bannis
rule-premoderation = Articles modérés a priori
rule-classifier = Score appris
rule-reported = Signalements des lecteurs
rule-imported = Importés comme retenus
rule-honeypot = Un champ caché aux humains a été rempli
rule-form_token = Le jeton du formulaire manquait ou était falsifié
rule-too_fast = Envoyé plus vite qu’une personne n’écrit

## Seuils (page des réglages)

threshold-classifier_threshold = Seuil du score appris
threshold-classifier_threshold-hint = Retenir un commentaire quand la probabilité apprise de le retenir atteint au moins cette valeur (0,01 à 0,99).
threshold-max_links = Nombre maximal de liens dans un commentaire
threshold-max_links-hint = Retenir les commentaires qui contiennent plus de liens.
threshold-caps_ratio = Cris : part de majuscules
threshold-caps_ratio-hint = Retenir un commentaire dont la part de lettres majuscules dépasse cette valeur (0,05 à 1).
threshold-new_commenter_holds = Retenir les premiers commentaires des nouveaux auteurs
threshold-new_commenter_holds-hint = Nombre de premiers commentaires retenus pour chaque auteur ; 0 désactive cette règle.

## Notifications, webhooks, live console
nav-notifications = Notifications
nav-webhooks = Webhooks
live-mod-new = { $n } de plus – afficher
live-mod-decided = Décidé par un autre modérateur.
live-mod-shown = Nouveaux commentaires affichés : { $n }.
mod-notice-retried = Renvoyé : la livraison est en file d’attente.

## Page « Notifications »

notify-intro-mail-off = L’envoi de mails est désactivé sur ce serveur (pas de
notify-intro-mail-off-after = ) : votre choix est conservé, et rien n’est envoyé tant qu’un administrateur système ne l’a pas réglé.
notify-email = Adresse e-mail
notify-legend = Quoi envoyer
notify-threats = Un mail immédiat pour chaque commentaire retenu comme menace
notify-digest = Un récapitulatif de la file tant qu’elle n’est pas vide
notify-none = Rien
notify-minutes = Récapitulatif toutes les (minutes, de { $min } à { $max })
notify-privacy = Les mails pointent vers le commentaire dans cette modération. Ils citent le commentaire et nomment son article et son auteur, jamais l’adresse de l’auteur.
notify-error-choice = Choisissez ce qui doit être envoyé : les menaces, un récapitulatif, ou rien.
notify-error-address = Saisissez l’adresse e-mail à laquelle envoyer.
notify-error-minutes = L’intervalle du récapitulatif est un nombre de minutes de { $min } à { $max }.

## Page « Webhooks »

webhooks-none = Aucune cible de webhook n’est configurée. Ajoutez des entrées
webhooks-none-after = au fichier de configuration pour envoyer les événements des commentaires à d’autres systèmes.
webhooks-targets = Cibles
webhooks-recent = Livraisons récentes
webhooks-empty = Aucune livraison pour l’instant.
webhooks-caption = Les livraisons de webhooks les plus récentes d’abord
webhooks-event = Événement
webhooks-target = Cible
webhooks-status = État
webhooks-code = Code
webhooks-attempts = Tentatives
webhooks-next = Prochaine tentative
webhooks-last-error = Dernière erreur
webhooks-action = Action
webhooks-comment = commentaire #{ $id },
webhooks-next-now = maintenant
webhooks-next-in = dans { $seconds } s
webhooks-retry = Renvoyer
webhooks-retry-which = la livraison { $id }
delivery-pending = en attente
delivery-delivered = livrée
delivery-failed = échouée

## Erreurs plus rares de la modération

mod-error-admins-settings = Seuls les administrateurs peuvent modifier les réglages.
mod-error-admins-rules = Seuls les administrateurs peuvent voir les chiffres des règles.
mod-error-admins-retry = Seuls les administrateurs peuvent renvoyer des livraisons de webhooks.
mod-error-admins-webhooks = Seuls les administrateurs peuvent voir les livraisons de webhooks.
mod-error-ban-needs = Un bannissement demande un auteur ou une adresse.
mod-error-choose-reason = Choisissez un motif : spam, abus, hors sujet ou autre.
mod-error-word-length = Un mot compte de 1 à 200 caractères.
mod-error-form-status = Il manque au formulaire l’état qu’avait le commentaire. Veuillez recharger la page.
mod-error-selected-invalid = Un commentaire sélectionné n’est pas valide. Veuillez recharger la page.
mod-error-selected-status = Il manque son état à un commentaire sélectionné. Veuillez recharger la page.
mod-error-queue = Cette file n’existe pas : choisissez en attente, signalés, approuvés, rejetés ou spam.
mod-error-threshold-number = { $name } doit être un nombre.
mod-error-threshold-range = { $name } doit être compris entre { $min } et { $max }.
mod-error-domain-empty = Saisissez un domaine, par exemple reuters.com.
mod-error-domain-long = Un domaine est un seul mot d’au plus 253 caractères, par exemple reuters.com.
mod-error-domain-invalid = « { $domain } » n’est pas un nom de domaine.
mod-error-domain-address = « { $domain } » n’est pas un nom de domaine (les adresses ne peuvent pas être des domaines de confiance).
mod-error-domain-partial = « { $domain } » n’est pas un nom de domaine complet, comme reuters.com.
