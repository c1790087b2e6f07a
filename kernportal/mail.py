"""The e-mail outbox: write with the action, send after commit, catch up when the broker is back."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mail_admins
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .celery import app as celery_app
from .models import OutboxEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
SEND_TASK = "kernportal.tasks.send_outbox_email"


def render_email(template: str, context: dict, language: str | None = None) -> tuple[str, str, str]:
    """Subject, plain text and HTML from templates/email/<template>.{subject.txt,txt,html}.

    `language`: the recipient's language (a code of settings.LANGUAGES); residents get e-mail in
    the language they used on the public form, staff in the default (Dutch).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        return _render_email(template, {"site_url": settings.SITE_URL, **context})


def render_email_subject(template: str, context: dict, language: str | None = None) -> str:
    """Only the subject of `render_email`, for a page that shows the body in its own way."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _render_subject(template, {"site_url": settings.SITE_URL, **context})


def _render_subject(template: str, context: dict) -> str:
    return " ".join(render_to_string(f"email/{template}.subject.txt", context).split())


def _render_email(template: str, context: dict) -> tuple[str, str, str]:
    subject = _render_subject(template, context)
    text = render_to_string(f"email/{template}.txt", context)
    html = render_to_string(f"email/{template}.html", context)
    return subject, text, html


@transaction.atomic
def outbox_enqueue(
    *, to: list[str], template: str, context: dict, kind: str, language: str | None = None
) -> OutboxEmail:
    """Store an e-mail in the outbox and hand it to Celery once the transaction commits.

    Side effects: one OutboxEmail row; after commit a `send_outbox_email` task (eager in the
    embedded default). Call it inside the transaction of the action that causes the e-mail, so
    that the e-mail exists exactly when the action does. A broker that is down does not fail
    the action: the periodic `flush_outbox` task sends it later.
    """
    subject, text, html = render_email(template, context, language)
    email = OutboxEmail.objects.create(
        kind=kind, to=list(to), subject=subject, body_text=text, body_html=html
    )
    transaction.on_commit(lambda: _dispatch(email.pk), robust=True)
    return email


@transaction.atomic
def outbox_enqueue_many(messages: list[dict]) -> list[OutboxEmail]:
    """`outbox_enqueue` for many e-mails at once: each dict holds its `to`, `template`,
    `context`, `kind` and optional `language`. One INSERT for all rows (a digest run writes
    hundreds), each row handed to Celery after commit. Returns the rows, in order, with ids."""
    emails = []
    for message in messages:
        subject, text, html = render_email(
            message["template"], message["context"], message.get("language")
        )
        emails.append(
            OutboxEmail(
                kind=message["kind"],
                to=list(message["to"]),
                subject=subject,
                body_text=text,
                body_html=html,
            )
        )
    emails = OutboxEmail.objects.bulk_create(emails)
    ids = [email.pk for email in emails]
    transaction.on_commit(lambda: [_dispatch(pk) for pk in ids], robust=True)
    return emails


def _dispatch(email_id: int) -> None:
    # By name from the Celery app's registry (kernportal.tasks registers it at start-up), so the
    # outbox does not import the tasks that call it.
    try:
        celery_app.tasks[SEND_TASK].delay(email_id)
    except Exception:  # the broker is unreachable; the outbox sweep will send it
        logger.warning("Could not enqueue outbox e-mail %s; left for the sweep", email_id)


def outbox_send(*, email_id: int) -> bool:
    """Send one outbox e-mail unless it was sent already. Returns whether it sent now.

    Transaction: the row is locked while sending, so two workers never both send it; it is
    marked sent in the same transaction. An SMTP error is recorded on the row and re-raised
    for the task's retry policy. Idempotent: a sent e-mail is never sent again.
    """
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return False
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=email.to,
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:
            email.last_error = repr(exc)[:2000]
            email.save(update_fields=["attempts", "last_error"])
            error = exc
            if email.attempts >= MAX_ATTEMPTS:
                _report_given_up(email)
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "last_error", "sent_at"])
            return True
    raise error


def _report_given_up(email: OutboxEmail) -> None:
    logger.error(
        "Outbox e-mail %s failed %s times; giving up: %s",
        email.pk,
        email.attempts,
        email.last_error,
    )
    mail_admins(
        _("Kernportal: e-mail kon niet worden verstuurd"),
        _(
            "E-mail %(pk)s (%(kind)s) aan %(to)s is %(attempts)s keer mislukt.\n"
            "Laatste fout: %(error)s\nZie Beheer > Uitgaande e-mails."
        )
        % {
            "pk": email.pk,
            "kind": email.kind,
            "to": ", ".join(email.to),
            "attempts": email.attempts,
            "error": email.last_error,
        },
        fail_silently=True,
    )


def outbox_pending_ids(*, older_than: timedelta | None = None) -> list[int]:
    """Ids of e-mails still unsent after `older_than` (default: the sweep setting) and not yet
    given up on. The delay leaves fresh e-mails to their own task."""
    if older_than is None:
        older_than = timedelta(seconds=settings.KERNPORTAL_OUTBOX_SWEEP_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    return list(
        OutboxEmail.objects.unsent()
        .filter(created_at__lte=cutoff, attempts__lt=MAX_ATTEMPTS)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )


def staff_notify(*, user, template: str, context: dict, kind: str) -> OutboxEmail | None:
    """An immediate notice to a staff member (new question, new initiative, escalation),
    through the outbox, unless they switched immediate notices off or have no e-mail address.
    Call inside the action's transaction. Returns the outbox row or None."""
    profile = getattr(user, "profile", None)
    if not user.email or (profile is not None and not profile.immediate_notifications):
        return None
    return outbox_enqueue(
        to=[user.email], template=template, context={"recipient": user, **context}, kind=kind
    )
