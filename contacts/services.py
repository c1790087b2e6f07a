"""Writes for contacts, contact moments, follow-ups, agenda items and questions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernen.models import AgendaItem, Kern
from kernen.selectors import responsible_kcp
from kernportal import audit
from kernportal.consent import require_consent
from kernportal.mail import outbox_enqueue, staff_notify
from kernportal.services import save_validated
from kernportal.tokens import hash_token, new_token

from . import revisions
from .models import (
    ContactMoment,
    ContactMomentRevision,
    FollowUp,
    Membership,
    Organisation,
    Person,
    Question,
    QuestionEvent,
)

PERSON_FIELDS = (
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "notes",
    "basis",
    "consent_date",
    "is_active",
)
MOMENT_FIELDS = ("happened_at", "kind", "summary", "agreements")
FOLLOWUP_FIELDS = ("description", "owner", "due_date")


# --- Contacts ----------------------------------------------------------------------------------


@transaction.atomic
def person_save(*, person: Person, fields: dict, kernen=None) -> Person:
    """Create or change a contact person. Validates; a ValidationError stores nothing."""
    save_validated(person, fields, PERSON_FIELDS)
    if kernen is not None:
        person.kernen.set(kernen)
    return person


ORGANISATION_FIELDS = ("name", "kind", "community_group", "email", "phone", "website", "notes")
MEMBERSHIP_FIELDS = ("group", "role", "start_date", "end_date")


@transaction.atomic
def organisation_create(*, fields: dict) -> Organisation:
    """Add an organisation (validated; a ValidationError stores nothing)."""
    return save_validated(Organisation(), fields, ORGANISATION_FIELDS)


@transaction.atomic
def organisation_update(*, organisation: Organisation, fields: dict) -> Organisation:
    """Change an organisation (validated; a ValidationError stores nothing)."""
    return save_validated(organisation, fields, ORGANISATION_FIELDS)


@transaction.atomic
def membership_create(*, person: Person, fields: dict) -> Membership:
    """Record a person's role in a community group for a period (validated). The caller has
    checked that the group is in the user's scope (contacts.access.groups_for_user)."""
    return save_validated(Membership(person=person), fields, MEMBERSHIP_FIELDS)


@transaction.atomic
def membership_update(*, membership: Membership, fields: dict) -> Membership:
    """Change a membership's role or period, e.g. end it (validated)."""
    return save_validated(membership, fields, MEMBERSHIP_FIELDS)


# --- Contact moments ---------------------------------------------------------------------------


@transaction.atomic
def contactmoment_log(
    *, kern: Kern, author, fields: dict, persons=(), staff=(), followups=()
) -> ContactMoment:
    """Record a contact moment with its participants and follow-ups, all or nothing.

    `followups` is a list of dicts with description, owner and due_date. Any invalid part
    raises ValidationError and nothing is stored (one transaction).
    """
    moment = save_validated(ContactMoment(kern=kern, created_by=author), fields, MOMENT_FIELDS)
    moment.persons.set(persons)
    moment.staff.set(staff)
    for data in followups:
        fields = {name: data[name] for name in FOLLOWUP_FIELDS}
        save_validated(FollowUp(contact_moment=moment), fields, FOLLOWUP_FIELDS)
    return moment


@transaction.atomic
def contactmoment_update(
    *, moment: ContactMoment, editor, fields: dict, persons, staff, followups=()
) -> ContactMoment:
    """Correct a logged contact moment and its follow-ups, keeping what changed.

    `followups` is a list of dicts with description, owner and due_date, plus `followup_id`
    (an existing follow-up of this moment, or None for a new one) and `delete` (True removes
    it). Side effects: the
    moment, its participants and follow-ups saved, and one append-only ContactMomentRevision
    with who, when and a readable before/after of every change. Nothing changed: no revision.
    One transaction under a row lock on the moment: any invalid part (ValidationError) stores
    nothing, and two people correcting at once are applied one after the other.
    """
    moment = ContactMoment.objects.select_for_update().get(pk=moment.pk)
    before = revisions.moment_snapshot(moment, moment.persons.all(), moment.staff.all())
    save_validated(moment, fields, MOMENT_FIELDS)
    moment.persons.set(persons)
    moment.staff.set(staff)
    changes = {"velden": revisions.diff(before, revisions.moment_snapshot(moment, persons, staff))}
    stored = {f.pk: f for f in moment.followups.select_related("owner")}
    followup_changes = []
    for data in followups:
        data = dict(data)
        followup_id = data.pop("followup_id", None)
        delete = data.pop("delete", False)
        if followup_id is not None and followup_id not in stored:
            raise ValidationError(_("Deze vervolgactie hoort bij een ander contactmoment."))
        existing = stored.get(followup_id)
        if existing is not None and delete:
            followup_changes.append(
                {"actie": "verwijderd", **revisions.followup_snapshot(existing)}
            )
            existing.delete()
        elif existing is not None:
            old = revisions.followup_snapshot(existing)
            save_validated(existing, data, FOLLOWUP_FIELDS)
            changed = revisions.diff(old, revisions.followup_snapshot(existing))
            if changed:
                followup_changes.append(
                    {"actie": "gewijzigd", "Actie": existing.description, "wijzigingen": changed}
                )
        elif not delete:
            added = save_validated(FollowUp(contact_moment=moment), data, FOLLOWUP_FIELDS)
            followup_changes.append({"actie": "toegevoegd", **revisions.followup_snapshot(added)})
    if followup_changes:
        changes["vervolgacties"] = followup_changes
    if changes["velden"] or followup_changes:
        ContactMomentRevision.objects.create(moment=moment, changed_by=editor, changes=changes)
    return moment


@transaction.atomic
def followup_complete(*, followup: FollowUp, now=None) -> FollowUp:
    """Tick off a follow-up. Idempotent: a done follow-up keeps its first done_at."""
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if not followup.is_done:
        followup.is_done = True
        followup.done_at = now or timezone.now()
        followup.save(update_fields=["is_done", "done_at"])
    return followup


# --- Agenda links ------------------------------------------------------------------------------


@transaction.atomic
def agendaitem_link_moments(*, item: AgendaItem, contact_moments) -> AgendaItem:
    """Set the contact moments an agenda item was discussed in; all must be of its kern.
    Raises ValidationError (nothing stored) for a moment of another kern. Idempotent."""
    if any(moment.kern_id != item.kern_id for moment in contact_moments):
        raise ValidationError({"contact_moments": _("Kies contactmomenten van deze kern.")})
    item.contact_moments.set(contact_moments)
    return item


# --- Questions ---------------------------------------------------------------------------------


def _event(question, kind, *, actor=None, to_user=None, note="", now=None):
    return QuestionEvent.objects.create(
        question=question,
        kind=kind,
        actor=actor,
        to_user=to_user,
        note=note,
        created_at=now or timezone.now(),
    )


def _first_response(question, now, update_fields):
    if question.first_response_at is None:
        question.first_response_at = now
        update_fields.append("first_response_at")


@transaction.atomic
def question_submit(
    *,
    kern: Kern,
    name: str,
    email: str,
    text: str,
    consent_version: str,
    language: str = "nl",
    now=None,
) -> tuple[Question, str]:
    """A resident's question for the kern. Returns (question, raw token).

    `consent_version` is the privacy statement's version the asker agreed to (the form's
    required checkbox); it is stored with the moment of consent, and without it (empty) a
    ValidationError stores nothing. `language`: the language the resident used on the form (a
    code of settings.LANGUAGES); every e-mail to them is written in it, the notices to staff in
    the default language.

    Side effects: the question with a "received" event, assigned to the kern's responsible KCP
    (the backup when the primary is absent); a confirmation e-mail with the private status link
    to the asker and an immediate notice to the KCP, both through the outbox in this
    transaction. Only the token's hash is stored.
    """
    consent_version = require_consent(consent_version)
    token = new_token()
    question = Question(
        kind=Question.Kind.PUBLIC,
        kern=kern,
        asker_name=name,
        asker_email=email,
        text=text,
        language=language,
        privacy_consent_at=now or timezone.now(),
        privacy_consent_version=consent_version,
        token_hash=hash_token(token),
        assigned_to=responsible_kcp(kern),
    )
    question.full_clean()
    question.save()
    _event(question, QuestionEvent.Kind.RECEIVED, to_user=question.assigned_to)
    outbox_enqueue(
        to=[email],
        template="contacts_question_received",
        context={
            "question": question,
            "kern": kern,
            "status_path": reverse("contacts:question_status", args=[token]),
        },
        kind="contacts.question_received",
        language=question.language,
    )
    _notify_handler(question)
    return question, token


@transaction.atomic
def question_ask_internal(*, kern: Kern, asker, text: str) -> Question:
    """A colleague asks the kern's KCP for advice ("which role should I take?").

    Side effects: the question and its "received" event; an immediate notice to the KCP.
    """
    question = Question(
        kind=Question.Kind.INTERNAL,
        kern=kern,
        asker_name=asker.get_full_name() or asker.username,
        asker_email=asker.email or "onbekend@gemeente.invalid",
        asked_by=asker,
        text=text,
        token_hash=hash_token(new_token()),
        assigned_to=responsible_kcp(kern),
    )
    question.full_clean()
    question.save()
    _event(question, QuestionEvent.Kind.RECEIVED, actor=asker, to_user=question.assigned_to)
    _notify_handler(question)
    return question


def _notify_handler(question):
    if question.assigned_to is not None:
        staff_notify(
            user=question.assigned_to,
            template="contacts_question_new",
            context={"question": question, "path": question.get_absolute_url()},
            kind="contacts.question_new",
        )


def _locked(question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def question_route(*, question: Question, actor, to_user, note: str = "", now=None) -> Question:
    """Route an open question to a colleague with a note.

    Side effects: status "routed", a "routed" event, an immediate notice to the colleague.
    Routing is not a response: the asker has not heard anything yet, so the first-response
    time keeps running. Raises ValidationError when the question is closed or answered, or
    routed to the same person again.
    """
    now = now or timezone.now()
    question = _locked(question)
    if not question.is_open:
        raise ValidationError(_("Deze vraag is al afgehandeld."))
    if not to_user.is_active:
        raise ValidationError({"to_user": _("Deze medewerker is niet actief.")})
    if question.routed_to_id == to_user.pk:
        raise ValidationError({"to_user": _("De vraag ligt al bij deze collega.")})
    question.routed_to = to_user
    question.status = Question.Status.ROUTED
    question.save(update_fields=["routed_to", "status"])
    _event(question, QuestionEvent.Kind.ROUTED, actor=actor, to_user=to_user, note=note, now=now)
    staff_notify(
        user=to_user,
        template="contacts_question_routed",
        context={
            "question": question,
            "note": note,
            "actor": actor,
            "path": question.get_absolute_url(),
        },
        kind="contacts.question_routed",
    )
    return question


@transaction.atomic
def question_answer(*, question: Question, actor, answer: str, now=None) -> Question:
    """Answer an open question. Side effects: status "answered", an "answered" event, the
    answer e-mailed to a resident (public) or a notice to the asking colleague (internal), and
    a notice to the KCP who routed it when a colleague answers."""
    now = now or timezone.now()
    question = _locked(question)
    if not question.is_open:
        raise ValidationError(_("Deze vraag is al afgehandeld."))
    if not answer.strip():
        raise ValidationError({"answer": _("Vul een antwoord in.")})
    question.answer = answer
    question.status = Question.Status.ANSWERED
    question.answered_at = now
    fields = ["answer", "status", "answered_at"]
    _first_response(question, now, fields)
    question.full_clean()
    question.save(update_fields=fields)
    _event(question, QuestionEvent.Kind.ANSWERED, actor=actor, now=now)
    if question.kind == Question.Kind.PUBLIC:
        outbox_enqueue(
            to=[question.asker_email],
            template="contacts_question_answered",
            context={"question": question, "kern": question.kern},
            kind="contacts.question_answered",
            language=question.language,
        )
    elif question.asked_by is not None:
        staff_notify(
            user=question.asked_by,
            template="contacts_question_answered_internal",
            context={"question": question, "path": question.get_absolute_url()},
            kind="contacts.question_answered_internal",
        )
    _notify_router(question, actor)
    return question


def _notify_router(question, actor):
    """The KCP who routed the question hears that the colleague answered it."""
    routed = question.events.filter(kind=QuestionEvent.Kind.ROUTED).select_related("actor")
    last = routed.order_by("-created_at", "-pk").first()
    router = last.actor if last else None
    if router is not None and router.pk != actor.pk:
        staff_notify(
            user=router,
            template="contacts_question_answered_by_colleague",
            context={"question": question, "actor": actor, "path": question.get_absolute_url()},
            kind="contacts.question_answered_by_colleague",
        )


@transaction.atomic
def question_close(*, question: Question, actor, note: str, now=None) -> Question:
    """Close a question (answered elsewhere, duplicate, or done) with a reason the asker sees.

    Side effects: status "closed", the reason on the question and in a "closed" event; a
    resident gets the reason by e-mail (that counts as their first response), an asking
    colleague a notice. Raises ValidationError without a reason or when already closed.
    """
    now = now or timezone.now()
    if not note.strip():
        raise ValidationError({"note": _("Vul de reden in: de vrager krijgt die te zien.")})
    question = _locked(question)
    if question.status == Question.Status.CLOSED:
        raise ValidationError(_("Deze vraag is al afgesloten."))
    question.status = Question.Status.CLOSED
    question.closed_at = now
    question.closing_reason = note.strip()
    fields = ["status", "closed_at", "closing_reason"]
    _first_response(question, now, fields)
    question.save(update_fields=fields)
    _event(question, QuestionEvent.Kind.CLOSED, actor=actor, note=note, now=now)
    _tell_asker(question, "contacts_question_closed", {"reason": question.closing_reason})
    return question


@transaction.atomic
def question_message(*, question: Question, actor, message: str, now=None) -> Question:
    """Write to the asker without answering yet ("we are looking into it, expect ..."). Side
    effects: a "messaged" event with the text, the message e-mailed to a resident or noticed
    to an asking colleague, and the first response time set if unset. Raises ValidationError
    on an empty message or a question that is no longer open."""
    now = now or timezone.now()
    if not message.strip():
        raise ValidationError({"message": _("Vul het bericht aan de vrager in.")})
    question = _locked(question)
    if not question.is_open:
        raise ValidationError(_("Deze vraag is al afgehandeld."))
    fields = []
    _first_response(question, now, fields)
    if fields:
        question.save(update_fields=fields)
    _event(question, QuestionEvent.Kind.MESSAGED, actor=actor, note=message.strip(), now=now)
    _tell_asker(question, "contacts_question_message", {"message": message.strip()})
    return question


def _tell_asker(question, template, context):
    if question.kind == Question.Kind.PUBLIC:
        outbox_enqueue(
            to=[question.asker_email],
            template=template,
            context={"question": question, "kern": question.kern, **context},
            kind=f"contacts.{template.removeprefix('contacts_')}",
            language=question.language,
        )
    elif question.asked_by is not None:
        staff_notify(
            user=question.asked_by,
            template=template,
            context={"question": question, "kern": question.kern, **context},
            kind=f"contacts.{template.removeprefix('contacts_')}",
        )


ANONYMISED = "Geanonimiseerd"


@transaction.atomic
def person_anonymise(*, person: Person, by=None) -> Person:
    """Remove a contact's personal data (AVG: expiry or the person's request): name, e-mail,
    phone and notes go, the person is made inactive; contact moments keep their summary.
    The corrections of contact moments (ContactMomentRevision) that list the person among the
    participants get the anonymised name instead, and their audit entries are blanked (the
    trail recorded the same JSON). The audit trail records the change with `by` as actor when
    set. Idempotent."""
    _revisions_forget_person(person)
    person.name = ANONYMISED
    person.email = ""
    person.phone = ""
    person.notes = ""
    person.is_active = False
    person.save(update_fields=["name", "email", "phone", "notes", "is_active"])
    return person


def _revisions_forget_person(person: Person) -> None:
    if not person.name or person.name == ANONYMISED:
        return
    # The person's moments, and any revision naming them (they may have been removed from the
    # moment since); the JSON text search alone would miss names stored with escapes.
    candidates = ContactMomentRevision.objects.filter(
        Q(moment__persons=person) | Q(changes__icontains=person.name)
    ).distinct()
    touched = []
    for revision in candidates:
        scrubbed = revisions.without_person(revision.changes, person.name, ANONYMISED)
        if scrubbed != revision.changes:
            revision.changes = scrubbed
            touched.append(revision)
    audit.bulk_update_forgetting(touched, ["changes"])


@transaction.atomic
def question_anonymise(*, question: Question, by=None) -> Question:
    """Remove an asker's personal data: name and e-mail, and the texts that may quote them
    (question, answer, notes on its history). Status and dates stay for the figures.
    Idempotent; the private link keeps working and shows the anonymised question."""
    question.asker_name = ANONYMISED
    question.asker_email = ""
    question.text = "[geanonimiseerd]"
    question.answer = "[geanonimiseerd]" if question.answer else ""
    question.closing_reason = "[geanonimiseerd]" if question.closing_reason else ""
    question.save(update_fields=["asker_name", "asker_email", "text", "answer", "closing_reason"])
    for event in question.events.exclude(note=""):
        event.note = "[geanonimiseerd]"
        event.save(update_fields=["note"])
    return question
