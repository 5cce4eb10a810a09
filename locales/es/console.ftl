# Commentdesk: lo que ven los moderadores en la consola. Solo texto plano.

## Marco y navegación

mod-title = Moderación
mod-nav-label = Moderación
nav-queue = Cola
nav-log = Registro
nav-rules = Reglas
nav-settings = Ajustes
signed-in-as = Sesión iniciada como
role-moderator = moderador
role-admin = administrador
sign-out = Cerrar sesión

## Inicio de sesión

login-title = Iniciar sesión
login-heading = Moderación: iniciar sesión
login-name = Nombre
login-password = Contraseña
login-submit = Iniciar sesión

## Cola

queue-heading = Cola de moderación
queue-tabs-label = Colas
queue-pending = Pendientes
queue-reported = Denunciados
queue-approved = Aprobados
queue-rejected = Rechazados
queue-spam = Spam
search-label = Buscar texto, autor o noticia
search-article = Noticia
search-all-articles = Todas las noticias
search-submit = Buscar
undo-last = Deshacer mi última acción
shortcuts-hint = Teclado:
shortcut-next-prev-short = siguiente/anterior
shortcut-approve-short = aprobar
shortcut-reject-short = rechazar
shortcut-spam-short = spam
shortcut-ban-short = bloquear
shortcut-select-short = seleccionar
shortcut-help-short = ayuda
queue-showing = se muestran { $count }
queue-empty = Aquí no hay nada.
queue-empty-search = Nada coincide con la búsqueda.
bulk-legend = Comentarios seleccionados
bulk-action = Acción
bulk-approve = Aprobar
bulk-reject = Rechazar
bulk-spam = Marcar como spam
bulk-reason = Motivo
bulk-apply = Aplicar a la selección
select-comment = Seleccionar el comentario { $id }
# «#12 de Ann en <título de la noticia>»: siguen el autor y el enlace a la noticia.
item-prefix = #{ $id } de
item-on = en
item-status = estado
status-published = publicado
status-pending = pendiente
status-rejected = rechazado
status-spam = spam
status-deleted = eliminado
item-decided = decidido por { $who }, { $when }
item-edited = editado
why-held = Por qué se retuvo
matched = Coincidencias:
reports-count = Denuncias ({ $count }):
learned-score = Puntuación aprendida:
score-none = ninguna
score-likely = { $percent } % de probabilidad de necesitar un moderador
pushed-up-by = Lo que más la sube:
history-summary = Historial del autor: { $approved } aprobados, { $rejected } rechazados, { $spam } spam, { $pending } pendientes
history-banned = , bloqueado
history-none = No hay otros comentarios.
action-approve-button = Aprobar
action-reject-button = Rechazar
action-spam-button = Spam
action-ban-button = Bloquear al autor
sr-comment = comentario { $id }
sr-of-comment = del comentario { $id }
reject-reason-for = Motivo para rechazar el comentario { $id }
reject-spam = Spam
reject-abuse = Abuso
reject-off-topic = Fuera de tema
reject-other = Otro
shortcuts-title = Atajos de teclado
shortcut-next-prev = Comentario siguiente / anterior
shortcut-approve = Aprobar
shortcut-reject = Rechazar con el motivo elegido
shortcut-spam = Marcar como spam
shortcut-ban = Bloquear al autor
shortcut-select = Seleccionar para una acción en lote
shortcut-help = Mostrar u ocultar esta ayuda
close = Cerrar
js-selected = ({ $count } seleccionados)
js-confirm-ban = ¿Bloquear a este autor y rechazar sus comentarios pendientes?

## Avisos

mod-notice-approve = Aprobado: el comentario está publicado.
mod-notice-reject = Rechazado.
mod-notice-spam = Marcado como spam.
mod-notice-ban = El autor está bloqueado y sus comentarios pendientes se han rechazado.
mod-notice-undo = { $count ->
    [one] Deshecho: { $count } comentario restaurado.
   *[other] Deshecho: { $count } comentarios restaurados.
}
mod-notice-bulk = { $count ->
    [one] Se decidió { $count } comentario.
   *[other] Se decidieron { $count } comentarios.
}
mod-notice-saved = Guardado.
mod-notice-feature = Destacado: el comentario está en la selección de la redacción.
mod-notice-unfeature = Quitado de la selección de la redacción.
mod-error-nothing-to-undo = No tiene ninguna decisión que deshacer.
mod-error-undo-changed = Nada que deshacer: el comentario cambió desde entonces.
mod-error-undo-decided = No se deshizo nada: { $who } ya decidió desde entonces.
mod-error-select-first = Seleccione primero al menos un comentario.
mod-error-pick-published = Solo un comentario publicado puede estar en la selección de la redacción.
mod-error-changed = Este comentario cambió desde que se cargó la página: ahora está { $status }. No se cambió nada.
mod-error-decided = Ya lo decidió { $who }: el comentario ahora está { $status }. No se cambió nada.
mod-bulk-refused = { $done } decididos; { $refused } sin cambios:

## Registro

log-title = Registro de auditoría
log-intro = Todas las acciones de moderación, las más recientes primero. Exportar:
log-empty = Aún no hay acciones.
log-caption = Acciones de moderación
log-when = Cuándo
log-who = Quién
log-action = Acción
log-comment = Comentario
log-before = Estado anterior
log-after = Estado posterior
log-reason = Motivo
log-older = Entradas anteriores
log-at = { $date } { $time }
action-approve = aprobación
action-reject = rechazo
action-spam = spam
action-ban = bloqueo
action-undo = deshacer
action-feature = destacado
action-unfeature = fin del destacado
action-login = inicio de sesión
action-logout = cierre de sesión
action-article = ajustes de la noticia
action-words = listas de palabras
action-thresholds = umbrales
action-rules = reglas

## Ajustes

settings-title = Ajustes
settings-heading = Ajustes de moderación
settings-articles = Noticias
settings-comments-open = Comentarios abiertos
settings-premoderation = Moderación previa (retener cada comentario)
save = Guardar
words-heading = Listas de palabras
words-intro = Las palabras prohibidas rechazan un comentario como spam; las sospechosas lo retienen para un moderador. Un * final coincide con el comienzo de las palabras. Las palabras del archivo de configuración también se aplican y no aparecen aquí.
words-empty = Aún no se han añadido palabras aquí.
word-kind-suspect = sospechosa
word-kind-banned = prohibida
remove = Quitar
word-label = Palabra o frase
word-list = Lista
word-suspect = Sospechosa (retener)
word-banned = Prohibida (spam)
word-add = Añadir palabra
domains-heading = Dominios de confianza
domains-intro = Los enlaces a estos dominios (y sus subdominios) nunca retienen un comentario: se publica a los lectores que citan sus fuentes. Pegue un dominio o una dirección de ese dominio.
domains-configured = Del archivo de configuración:
domains-empty = Aún no se han añadido dominios aquí.
domain-label = Dominio
domain-placeholder = ejemplo.es
domain-add = Añadir dominio
thresholds-heading = Umbrales
thresholds-save = Guardar umbrales

## Reglas

rules-title = Reglas
rules-intro = Lo que cada regla retuvo en los últimos 7, 30 y 90 días y lo que decidieron los moderadores. Los comentarios aprobados se retuvieron por error; los rechazados (rechazados o marcados como spam) merecían retenerse. La precisión es la proporción de retenciones decididas que los moderadores rechazaron. Se marca la regla que los moderadores corrigen más de la mitad de las veces.
rules-caption = Reglas con sus interruptores y lo que retuvieron
rules-rule = Regla
rules-on = Activa
rules-last-days = Últimos { $count } días
rules-overturned = Corregida más de la mitad de las veces
rules-switch-on = activa
rules-set-elsewhere = se ajusta en otro lugar
rules-held-nothing = no retuvo nada
rules-held = retuvo { $held }: { $approved } aprobados, { $rejected } rechazados
rules-waiting = , { $count } pendientes
rules-precision = precisión { $value }
rules-overturned-short = (corregida)
rules-examples = Ejemplos recientes: { $rule }
rules-approved-examples = Aprobados (retenidos por error)
rules-rejected-examples = Rechazados
links-heading = Enlaces de quienes comentan por primera vez
links-strict = Estricto: retener cualquier enlace de un autor sin comentarios publicados
links-strict-hint = Desactivado, ese enlace solo retiene el comentario si hay otra señal (un acortador, un dominio bloqueado, autopromoción, varios enlaces, una puntuación aprendida alta o un enlace que es todo el comentario).
score-heading = Puntuación aprendida
score-off = La puntuación aprendida está desactivada en la configuración (classifier_enabled); las cifras muestran lo que habría hecho.
score-threshold = Umbral
score-threshold-hint = Retener un comentario cuando la probabilidad aprendida de retenerlo sea al menos esta. Las cifras de abajo corresponden al umbral actual.
score-caption = La puntuación aprendida frente a las decisiones de los moderadores: un comentario rechazado o marcado como spam debería retenerse; uno publicado, no
score-window = Periodo
score-rightly = Retenidos con razón
score-wrongly = Retenidos por error
score-missed = No detectados
score-precision = Precisión
score-recall = Exhaustividad
rules-save = Guardar reglas
rule-abuse-threat = Amenazas de violencia
rule-abuse-slur = Insultos discriminatorios
rule-abuse-insult = Insultos personales
rule-abuse-profanity = Groserías
rule-abuse-name = Nombres de autor ofensivos
rule-words-banned = Palabras prohibidas (rechazadas como spam)
rule-words-suspect = Palabras sospechosas
rule-links-too_many = Demasiados enlaces
rule-links-blocked_domain = Enlaces a dominios bloqueados
rule-links-shortener = Enlaces mediante acortadores de URL
rule-links-alone = Un enlace y nada más
rule-links-first_time = Enlaces de quienes comentan por primera vez
rule-spam-duplicate = Repeticiones y campañas
rule-spam-promotion = Autopromoción
rule-spam-shouting = Gritos (mayúsculas)
rule-spam-flood = Avalanchas de caracteres
rule-context-new_commenter = Primeros comentarios de autores nuevos
rule-context-banned_author = Autores bloqueados
rule-premoderation = Noticias con moderación previa
rule-classifier = Puntuación aprendida
rule-reported = Denuncias de los lectores
rule-imported = Importados como retenidos
rule-honeypot = Se rellenó un campo oculto para las personas
rule-form_token = Faltaba el token del formulario o era falso
rule-too_fast = Enviado más rápido de lo que escribe una persona

## Umbrales (página de ajustes)

threshold-classifier_threshold = Umbral de la puntuación aprendida
threshold-classifier_threshold-hint = Retener un comentario cuando la probabilidad aprendida de retenerlo sea al menos esta (de 0,01 a 0,99).
threshold-max_links = Máximo de enlaces en un comentario
threshold-max_links-hint = Retener los comentarios con más enlaces que este número.
threshold-caps_ratio = Gritos: proporción de mayúsculas
threshold-caps_ratio-hint = Retener un comentario cuyas letras en mayúscula superen esta proporción (de 0,05 a 1).
threshold-new_commenter_holds = Retener los primeros comentarios de autores nuevos
threshold-new_commenter_holds-hint = Cuántos primeros comentarios de cada autor se retienen; 0 lo desactiva.

## Notifications, webhooks, live console
nav-notifications = Notificaciones
nav-webhooks = Webhooks
live-mod-new = { $n } más – mostrar
live-mod-decided = Decidido por otro moderador.
live-mod-shown = Comentarios nuevos mostrados: { $n }.
mod-notice-retried = Reenviado: la entrega está en cola.

## Página «Notificaciones»

notify-intro-mail-off = El correo está desactivado en este servidor (sin
notify-intro-mail-off-after = ): su elección se guarda, y no se envía nada hasta que un administrador del sistema lo configure.
notify-email = Dirección de correo
notify-legend = Qué enviar
notify-threats = Un correo al momento por cada comentario retenido como amenaza
notify-digest = Un resumen de la cola mientras no esté vacía
notify-none = Nada
notify-minutes = Resumen cada (minutos, de { $min } a { $max })
notify-privacy = Los correos enlazan al comentario en esta moderación. Citan el comentario y nombran su noticia y su autor, nunca la dirección del autor.
notify-error-choice = Elija qué enviar: amenazas, un resumen o nada.
notify-error-address = Escriba la dirección de correo a la que enviar.
notify-error-minutes = El intervalo del resumen es un número de minutos de { $min } a { $max }.

## Página «Webhooks»

webhooks-none = No hay destinos de webhook configurados. Añada entradas
webhooks-none-after = al archivo de configuración para enviar los eventos de los comentarios a otros sistemas.
webhooks-targets = Destinos
webhooks-recent = Entregas recientes
webhooks-empty = Aún no hay entregas.
webhooks-caption = Las entregas de webhooks más recientes primero
webhooks-event = Evento
webhooks-target = Destino
webhooks-status = Estado
webhooks-code = Código
webhooks-attempts = Intentos
webhooks-next = Próximo intento
webhooks-last-error = Último error
webhooks-action = Acción
webhooks-comment = comentario #{ $id },
webhooks-next-now = ahora
webhooks-next-in = en { $seconds } s
webhooks-retry = Reintentar
webhooks-retry-which = la entrega { $id }
delivery-pending = pendiente
delivery-delivered = entregada
delivery-failed = fallida

## Errores menos frecuentes de la moderación

mod-error-admins-settings = Solo los administradores pueden cambiar los ajustes.
mod-error-admins-rules = Solo los administradores pueden ver las cifras de las reglas.
mod-error-admins-retry = Solo los administradores pueden reintentar entregas de webhooks.
mod-error-admins-webhooks = Solo los administradores pueden ver las entregas de webhooks.
mod-error-ban-needs = Un bloqueo necesita un autor o una dirección.
mod-error-choose-reason = Elija un motivo: spam, abuso, fuera de tema u otro.
mod-error-word-length = Una palabra tiene de 1 a 200 caracteres.
mod-error-form-status = Al formulario le falta el estado que tenía el comentario. Vuelva a cargar la página.
mod-error-selected-invalid = Un comentario seleccionado no es válido. Vuelva a cargar la página.
mod-error-selected-status = A un comentario seleccionado le falta su estado. Vuelva a cargar la página.
mod-error-queue = Esa cola no existe: elija pendientes, denunciados, aprobados, rechazados o spam.
mod-error-threshold-number = { $name } debe ser un número.
mod-error-threshold-range = { $name } debe estar entre { $min } y { $max }.
mod-error-domain-empty = Escriba un dominio, como reuters.com.
mod-error-domain-long = Un dominio es una sola palabra de 253 caracteres como máximo, como reuters.com.
mod-error-domain-invalid = «{ $domain }» no es un nombre de dominio.
mod-error-domain-address = «{ $domain }» no es un nombre de dominio (las direcciones no pueden ser dominios de confianza).
mod-error-domain-partial = «{ $domain }» no es un nombre de dominio completo, como reuters.com.
