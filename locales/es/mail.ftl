# Commentdesk: los correos (a los moderadores y a los lectores que quieren saber de las
# respuestas) y el texto de chat de los webhooks. Solo texto; los correos HTML lo escapan.

## Partes que comparten varios correos

mail-quote = «{ $text }»
mail-change-it = Cambiarlo
mail-change-it-link = Cámbielo aquí: { $link }

## Un comentario retenido como amenaza

mail-threat-subject = Retenido como amenaza: «{ $excerpt }» en { $title }
mail-threat-title = Retenido como amenaza
mail-threat-intro = Un comentario que puede amenazar con violencia se retuvo en { $site } y espera a un moderador.
mail-threat-article = Noticia:
mail-threat-author = Autor:
mail-threat-open = Abrirlo en la moderación
mail-threat-open-link = Abrirlo en la moderación: { $link }
mail-threat-why = Recibe este correo porque eligió un correo por cada amenaza retenida.

## El resumen de la cola

mail-digest-subject = { $site }: { $pending } pendientes de moderación, { $reported } denunciados
mail-digest-title = Resumen de moderación
mail-digest-intro = { $pending ->
    [one] { $pending } comentario espera moderación en { $site }, y se denunciaron { $reported } comentarios publicados.
   *[other] { $pending } comentarios esperan moderación en { $site }, y se denunciaron { $reported } comentarios publicados.
}
mail-digest-item = #{ $id } de { $author } en { $title }
# Tras un enlace al comentario («#12»), antes de su extracto.
mail-digest-item-html = de { $author } en { $title }:
mail-digest-open = Abrir la cola
mail-digest-open-link = Abrir la cola: { $link }
mail-digest-why = Recibe este resumen porque eligió uno mientras la cola no esté vacía.

## Confirmar los avisos de respuestas

mail-confirm-subject = Confirme: avisarme de las respuestas en { $site }
mail-confirm-title = Confirmar los avisos de respuestas
mail-confirm-intro = Pidió a { $site } que le avise cuando alguien responda a su comentario en «{ $title }».
mail-confirm-open = Confirmar
mail-confirm-note = (no se envía nada hasta que lo haga).
mail-confirm-link = Confirme aquí (no se envía nada hasta que lo haga): { $link }
mail-confirm-ignore = Si no fue usted, ignore este correo: no recibirá nada más.

## Se publicó una respuesta

mail-reply-subject = Nueva respuesta a su comentario en { $title }
mail-reply-title = Nueva respuesta
mail-reply-intro = { $author } respondió a su comentario en «{ $title }»:
mail-reply-read = Leerla
mail-reply-read-link = Leerla: { $link }
mail-reply-why = Recibe este correo porque pidió que le avisaran de las respuestas a su comentario en { $site }.
mail-reply-stop = Dejar de recibir estos correos
mail-reply-stop-link = Darse de baja: { $link }

## Texto de chat de los webhooks (formato Slack)

hook-published = Publicado
hook-held = Retenido
hook-reported = Denunciado
hook-reported-why = Denunciado ({ $reason })
hook-approved = Aprobado
hook-rejected = Rechazado
hook-spam = Marcado como spam
hook-banned = Autor bloqueado
hook-undone = Decisión deshecha
hook-decided = Decidido
hook-by = { $what } por { $moderator }
hook-edited = Editado
hook-deleted = Borrado por su autor
hook-comment-number = comentario #{ $id }
hook-an-article = una noticia
hook-line = { $what }: { $text } en { $title }
hook-open-console = abrir en la moderación
