# Commentdesk: lo que ven los lectores. Solo texto plano; las plantillas escapan cada mensaje.

## Números y fechas

number = { $n }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }
time-just-now = ahora mismo
time-minutes-ago = { $count ->
    [one] hace { $count } minuto
   *[other] hace { $count } minutos
}
time-hours-ago = { $count ->
    [one] hace { $count } hora
   *[other] hace { $count } horas
}
time-days-ago = { $count ->
    [one] hace { $count } día
   *[other] hace { $count } días
}

## Marco de la página

skip-to-content = Saltar al contenido
footer-credit = Comentarios con Commentdesk
index-title = { $site }: últimas noticias
index-description = Las últimas noticias de { $site }.
index-heading = Últimas noticias
index-empty = Aún no hay noticias. Añada una con
comment-count = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}

## Artículo y compartir

feed-link-title = Comentarios sobre esta noticia
share-heading = Compartir esta noticia
opens-in-new-tab = (se abre en una pestaña nueva)
share-copy = Copiar enlace
share-native = Compartir…
share-copied = Enlace copiado.
share-copy-failed = No se pudo copiar el enlace.
share-email = Correo electrónico

## Sección de comentarios

comments-heading = Comentarios
comments-title = Comentarios: { $title }
back-to-article = Volver a la noticia
new-comment-instead = Escribir un comentario nuevo en lugar de una respuesta
comments-closed = Los comentarios de esta noticia están cerrados.
sort-label = Ordenar comentarios
sort-prefix = Ordenar:
sort-oldest = Más antiguos primero
sort-newest = Más recientes primero
sort-best = Mejores primero
picks-heading = Selección de la redacción
pick-read-in-thread = Leerlo en su conversación
comment-by = comentario de { $author }
pick-comment-by = (comentario de { $author })
comment-edited = editado
comment-awaiting = Su comentario está pendiente de moderación
badge-pick = Selección de la redacción
reaction-label = Respeto
reply = Responder
reply-to = a { $author }
report = Denunciar
edit = Editar
delete = Eliminar
pick-remove = Quitar de la selección de la redacción
pick-add = Destacar como selección de la redacción
show-more = Mostrar más comentarios
feed-title = Comentarios sobre «{ $title }»
embed-frame-title = Comentarios
comments-feed = Canal de comentarios (Atom)

## Formulario de comentario

form-title-reply = Su respuesta
form-title-new = Participe en la conversación
field-comment = Comentario
hint-comment = Hasta 5000 caracteres. Puede usar *cursiva*, **negrita**, enlaces, > citas y listas.
field-name = Nombre
optional = (opcional)
hint-name = Si lo deja vacío, aparecerá como «Anónimo». Hasta 80 caracteres.
honeypot = Deje este campo vacío
post-reply = Publicar respuesta
post-comment = Publicar comentario
cancel-reply = Cancelar respuesta
cancel = Cancelar

## Mensajes del script de la página

js-posting = Enviando su comentario…
js-published = Su comentario está publicado.
js-awaiting = ¡Gracias! Su comentario está pendiente de moderación.
js-correct-errors = Corrija los errores señalados abajo.
js-too-fast = Está publicando demasiado rápido. Espere { $seconds } segundos y vuelva a intentarlo. Su texto se conserva.
js-post-failed = No se pudo publicar su comentario. Su texto se conserva; vuelva a intentarlo.
js-network-kept = Falló la conexión. Su texto se conserva; vuelva a intentarlo.
js-network = Falló la conexión; vuelva a intentarlo.
js-choose-reason = Elija un motivo.
js-report-thanks = Gracias, un moderador lo revisará.
js-report-failed = No se pudo enviar la denuncia; vuelva a intentarlo.
js-reaction-failed = No funcionó; vuelva a intentarlo.

## Denuncias

report-title = Denunciar un comentario
# Le sigue un enlace a la noticia.
report-about = Comentario de { $author } en
report-question-inline = ¿Por qué debería un moderador revisar este comentario?
report-question = ¿Por qué debería un moderador revisarlo?
reason-spam = Spam
reason-harassment = Acoso u odio
reason-threat = Amenaza de violencia
reason-off_topic = Fuera de tema
reason-other = Otro motivo
report-note = Nota para los moderadores
report-note-optional = Nota para los moderadores (opcional)
hint-note = Hasta 500 caracteres.
send-report = Enviar denuncia

## Edición

edit-title = Editar su comentario
# Le sigue un enlace a la noticia.
edit-on = En
edit-time-left = { $count ->
    [one] Puede editarlo durante { $count } minuto más.
   *[other] Puede editarlo durante { $count } minutos más.
}
hint-edit = Hasta 5000 caracteres. Un comentario editado se revisa de nuevo y se marca como «editado».
save-changes = Guardar cambios

## Avisos tras enviar un formulario

notice-held = Su comentario está pendiente de moderación. Aparecerá en cuanto un moderador lo apruebe.
notice-edited = Sus cambios se han guardado.
notice-deleted = Su comentario se ha eliminado.
notice-reported = Gracias, un moderador lo revisará.
notice-already-reported = Ya ha denunciado este comentario; un moderador lo revisará.
notice-posting-too-fast = Está publicando demasiado rápido. Espere { $count } segundos y vuelva a enviar su comentario; su texto se conserva abajo.
notice-reporting-too-fast = Está enviando denuncias demasiado rápido. Espere { $count } segundos y vuelva a enviarla.
notice-reacting-too-fast = Está reaccionando demasiado rápido. Espere { $count } segundos y vuelva a intentarlo.
anonymous = Anónimo

## Errores

error-title-not-found = Página no encontrada
error-title-server = Algo salió mal
error-title-bad-request = Solicitud no válida
error-title-unauthorized = Inicie sesión
error-title-forbidden = No permitido
error-title-conflict = Ya está hecho
error-title-too-large = Demasiado grande
error-title-unsupported = Formato no admitido
error-title-invalid = Revise los datos enviados
error-title-too-many = Demasiadas solicitudes
error-title-unavailable = Servicio no disponible
error-status = Error { $status }
error-front-page = Ir a la portada
error-not-found = { $what ->
    [article] No encontramos esa noticia.
    [comment] No encontramos ese comentario.
   *[other] No encontramos esa página.
}
error-server = Algo salió mal por nuestra parte. Vuelva a intentarlo en un momento.
error-too-large = El cuerpo de la solicitud supera los { $bytes } bytes permitidos.
error-rate-limited = Demasiadas solicitudes; espere { $count } segundos antes de volver a intentarlo.
error-sign-in = Inicie sesión.
error-console-sign-in = Inicie sesión en la consola de moderación.
error-login-failed = Nombre o contraseña incorrectos.
error-unavailable = El servicio no está disponible temporalmente.
error-comments-closed = Los comentarios de esta noticia están cerrados.
error-only-author = Solo el autor de un comentario puede modificarlo.
error-edit-window = Los comentarios pueden modificarse durante { $count } minutos tras publicarse; ese plazo ha terminado.
error-already-waiting = Este comentario ya está esperando a un moderador.
error-body-empty = Escriba un comentario antes de publicarlo.
error-body-too-long = Su comentario tiene { $count } caracteres; el límite es { $max }. Acórtelo en { $over } caracteres.
error-body-control = Su comentario contiene caracteres de control invisibles; elimínelos.
error-name-line = Su nombre debe caber en una sola línea.
error-name-control = Su nombre contiene caracteres de control invisibles; elimínelos.
error-name-too-long = Su nombre tiene { $count } caracteres; el límite es { $max }.
error-reason = Indique por qué denuncia: spam, acoso, amenaza, fuera de tema u otro motivo.
error-note-too-long = La nota está limitada a { $max } caracteres.
error-note-control = La nota contiene caracteres de control invisibles.
error-parent = El comentario al que responde no existe o ya no está visible.
error-cross-site = Este formulario se envió desde otro sitio web, por lo que se rechazó. Publique desde la página de la noticia.

## Live pages and reply notifications
live-new-one = { $n } comentario nuevo – mostrar
live-new-many = { $n } comentarios nuevos – mostrar
live-shown = Comentarios nuevos mostrados: { $n }.
live-removed = Este comentario fue retirado.
live-reset = Los comentarios cambiaron mientras esta página no estaba conectada – recargar
form-notify-label = Avisarme cuando alguien responda
form-notify-optional = (correo, opcional)
form-notify-hint = Primero enviamos un enlace de confirmación. La dirección solo se usa para las respuestas a este comentario, nunca se muestra y se borra al darse de baja.

## Avisos de respuestas: las páginas a las que enlazan los correos

replies-invalid-heading = Este enlace no es válido
replies-invalid-text = Puede que su programa de correo haya cortado el enlace. Copie el enlace completo del correo en la barra de direcciones.
replies-confirm-heading = Avisarme de las respuestas
replies-confirm-text = Confirme que quiere un correo cuando alguien responda a su comentario. Puede detenerlos desde cualquiera de esos correos.
replies-confirm-button = Confirmar
replies-confirmed-heading = Confirmado
replies-confirmed-text = Recibirá un correo cuando alguien responda a su comentario.
replies-nothing-heading = Nada que confirmar
replies-nothing-text = Esta solicitud se retiró, o su comentario se eliminó.
replies-stop-heading = Dejar de recibir avisos de respuestas
replies-stop-text = Dejar de recibir los correos sobre respuestas a su comentario. Su dirección se borra.
replies-stop-button = Dejar de recibir estos correos
replies-stopped-heading = Baja confirmada
replies-stopped-text = No recibirá más correos sobre respuestas a este comentario, y su dirección se ha borrado.

## Direcciones de correo (la del formulario de respuesta y la de un moderador)

error-email-empty = Escriba una dirección de correo, como desk@news.example.
error-email-too-long = Una dirección de correo es una sola palabra de 254 caracteres como máximo.
error-email-invalid = «{ $address }» no es una dirección de correo.
error-notify-off = Este sitio no envía avisos de respuestas; deje la dirección vacía.

## Errores de solicitud menos frecuentes

error-form-unreadable = No se pudo leer el formulario. Vuelva a cargar la página e inténtelo de nuevo.
error-body-unreadable = No se pudo leer la solicitud. Inténtelo de nuevo.
error-json-unreadable = No se pudo leer el cuerpo JSON: { $detail }
error-parent-number = El comentario al que responde no es un número válido.
error-reaction-action = Este botón de reacción no es válido. Vuelva a cargar la página e inténtelo de nuevo.
error-security-token = Falta el token de seguridad de este formulario o está caducado. Vuelva a cargar la página e inténtelo de nuevo.
error-other-site = Esta solicitud llegó desde otro sitio web, por lo que se rechazó.
error-embed-url-missing = Falta la dirección de la página (url).
error-embed-url-long = La dirección de la página tiene más de { $max } caracteres.
error-embed-url-invalid = La dirección de la página no es una URL válida.
error-embed-url-scheme = La dirección de la página debe ser una URL http o https.
error-embed-url-user = La dirección de la página no debe llevar nombre de usuario ni contraseña.
error-embed-origin = Los comentarios no están activados para las páginas de { $origin }: no figura en el ajuste [embed] allowed_origins de este Commentdesk.

## El script de inserción (embed.js), cuando la sección de comentarios no carga

embed-fallback-link = Leer y escribir comentarios
