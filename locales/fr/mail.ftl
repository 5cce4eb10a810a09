# Commentdesk : les mails (aux modérateurs, et aux lecteurs qui veulent être prévenus des réponses)
# et le texte de discussion des webhooks. Texte brut uniquement ; les mails HTML l’échappent.

## Éléments communs à plusieurs mails

mail-quote = « { $text } »
mail-change-it = Modifier ce choix
mail-change-it-link = Modifier ce choix ici : { $link }

## Un commentaire retenu comme menace

mail-threat-subject = Retenu comme menace : « { $excerpt } » sur { $title }
mail-threat-title = Retenu comme menace
mail-threat-intro = Un commentaire qui menace peut-être de violence a été retenu sur { $site } et attend un modérateur.
mail-threat-article = Article :
mail-threat-author = Auteur :
mail-threat-open = L’ouvrir dans la modération
mail-threat-open-link = L’ouvrir dans la modération : { $link }
mail-threat-why = Vous recevez ce mail parce que vous avez choisi un mail pour chaque menace retenue.

## Le récapitulatif de la file

mail-digest-subject = { $site } : { $pending } en attente de modération, { $reported } signalés
mail-digest-title = Récapitulatif de modération
mail-digest-intro = { $pending ->
    [one] { $pending } commentaire attend une modération sur { $site }, et { $reported } commentaires publiés ont été signalés.
   *[other] { $pending } commentaires attendent une modération sur { $site }, et { $reported } commentaires publiés ont été signalés.
}
mail-digest-item = #{ $id } de { $author } sur { $title }
# Après un lien vers le commentaire (« #12 »), avant son extrait.
mail-digest-item-html = de { $author } sur { $title } :
mail-digest-open = Ouvrir la file
mail-digest-open-link = Ouvrir la file : { $link }
mail-digest-why = Vous recevez ce récapitulatif parce que vous en avez choisi un tant que la file n’est pas vide.

## Confirmer les notifications de réponse

mail-confirm-subject = À confirmer : être prévenu des réponses sur { $site }
mail-confirm-title = Confirmer les notifications de réponse
mail-confirm-intro = Vous avez demandé à { $site } de vous prévenir lorsque quelqu’un répond à votre commentaire sur « { $title } ».
mail-confirm-open = Confirmer
mail-confirm-note = (rien n’est envoyé avant votre confirmation).
mail-confirm-link = Confirmez ici (rien n’est envoyé avant votre confirmation) : { $link }
mail-confirm-ignore = Si ce n’était pas vous, ignorez ce mail : vous ne recevrez rien d’autre.

## Une réponse a été publiée

mail-reply-subject = Nouvelle réponse à votre commentaire sur { $title }
mail-reply-title = Nouvelle réponse
mail-reply-intro = { $author } a répondu à votre commentaire sur « { $title } » :
mail-reply-read = La lire
mail-reply-read-link = La lire : { $link }
mail-reply-why = Vous recevez ce mail parce que vous avez demandé à être prévenu des réponses à votre commentaire sur { $site }.
mail-reply-stop = Ne plus recevoir ces mails
mail-reply-stop-link = Se désabonner : { $link }

## Texte de discussion des webhooks (format Slack)

hook-published = Publié
hook-held = Retenu
hook-reported = Signalé
hook-reported-why = Signalé ({ $reason })
hook-approved = Approuvé
hook-rejected = Rejeté
hook-spam = Marqué comme spam
hook-banned = Auteur banni
hook-undone = Décision annulée
hook-decided = Décidé
hook-by = { $what } par { $moderator }
hook-edited = Modifié
hook-deleted = Supprimé par son auteur
hook-comment-number = commentaire #{ $id }
hook-an-article = un article
hook-line = { $what } : { $text } sur { $title }
hook-open-console = ouvrir dans la modération
