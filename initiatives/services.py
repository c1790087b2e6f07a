"""Writes for initiatives: submission, the decision process, guidance records, escalation
and grants. Every service is keyword-only and transactional; a ValidationError stores nothing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from kernen.selectors import responsible_kcp
from kernportal.mail import outbox_enqueue, staff_notify
from kernportal.uploads import CleanFile, clean_upload
from kernportal.users import users_with_perm

from .models import (
    DECISIONS,
    Attachment,
    CoFunding,
    DecisionStep,
    Fund,
    Grant,
    Initiative,
    Note,
    Status,
    StatusStep,
    SupportRecord,
    check_transition,
)
from .models.process import GRANTABLE

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

SUBMIT_FIELDS = (
    "title",
    "description",
    "theme",
    "goal",
    "help_asked",
    "help_other",
    "amount_requested",
    "initiator_name",
    "initiator_email",
    "initiator_phone",
    "may_publish",
    "latitude",
    "longitude",
)


def euro(value: Decimal) -> str:
    """€ 1.234,50: the Dutch way of writing an amount."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {text}"


def check_attachments(files) -> list[tuple[str, CleanFile]]:
    """(original name, cleaned file) for each upload, checked by content and by parsing
    (kernportal.uploads). Raises a Dutch ValidationError on too many files or any bad one."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": f"Voeg maximaal {MAX_ATTACHMENTS} bijlagen toe."})
    checked = []
    for upload in files:
        try:
            checked.append((upload.name, clean_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES)))
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
    return checked


@transaction.atomic
def initiative_submit(
    *, fields: dict, kernen, cofundings=(), attachments=(), now=None
) -> Initiative:
    """A resident submits an initiative.

    Side effects, all in one transaction (a ValidationError stores nothing): the initiative,
    its co-funding rows and attachments (files written under MEDIA_ROOT; on rollback a file
    may stay behind without a row), the first history step, the responsible KCP of the first
    kern as contact official, an e-mail to the initiator with the private tracking link and
    an immediate notice to the contact official (both through the outbox, sent after commit).
    """
    now = now or timezone.now()
    kernen = sorted(kernen, key=lambda k: k.name)
    if not kernen:
        raise ValidationError({"kernen": "Kies minstens één kern."})
    unknown = set(fields) - set(SUBMIT_FIELDS)
    if unknown:
        raise ValueError(f"Not submittable: {sorted(unknown)}")
    checked = check_attachments(list(attachments))
    initiative = Initiative(
        **fields,
        status=Status.RECEIVED,
        privacy_consent_at=now,
        created_at=now,
        last_activity_at=now,
        contact_official=responsible_kcp(kernen[0]),
    )
    initiative.issue_tracking_token()
    initiative.full_clean()
    initiative.save()
    initiative.kernen.set(kernen)
    for row in cofundings:
        cofunding = CoFunding(initiative=initiative, source=row["source"], amount=row["amount"])
        cofunding.full_clean()
        cofunding.save()
    for original_name, clean in checked:
        attachment = Attachment(
            initiative=initiative,
            original_name=original_name[:255],
            content_type=clean.content_type,
            size=len(clean.content),
            uploaded_at=now,
        )
        attachment.file.save("upload", ContentFile(clean.content), save=False)
        attachment.save()
    StatusStep.objects.create(
        initiative=initiative, from_status="", to_status=Status.RECEIVED, at=now
    )
    context = {"initiative": initiative, "kernen": kernen, "official": initiative.contact_official}
    outbox_enqueue(
        to=[initiative.initiator_email],
        template="initiatives_submitted",
        context=context,
        kind="initiatives.submitted",
    )
    if initiative.contact_official:
        staff_notify(
            user=initiative.contact_official,
            template="initiatives_new_for_official",
            context=context,
            kind="initiatives.new_for_official",
        )
    return initiative


def _touch(initiative, now):
    initiative.last_activity_at = now
    initiative.save(update_fields=["last_activity_at"])


@transaction.atomic
def initiative_transition(
    *, initiative: Initiative, to_status: str, by, public_reason: str = "", note: str = "", now=None
) -> StatusStep:
    """Move an initiative to the next step of the decision process.

    Only the moves in `models.process.TRANSITIONS` are allowed; a decision needs a reason for
    the initiator. The initiative row is locked, so two staff members acting at once are
    checked one after the other. Side effects: a new history step, the status and last
    activity, and an e-mail to the initiator with the tracking link (outbox, after commit).
    """
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check_transition(initiative.status, to_status)
    public_reason = public_reason.strip()
    if to_status in DECISIONS and not public_reason:
        raise ValidationError(
            {
                "public_reason": "Geef bij een besluit de reden, zodat de initiatiefnemer die kan lezen."
            }
        )
    step = StatusStep(
        initiative=initiative,
        from_status=initiative.status,
        to_status=to_status,
        at=now,
        by=by,
        note=note.strip(),
        public_reason=public_reason,
    )
    step.full_clean()
    step.save()
    initiative.status = to_status
    initiative.last_activity_at = now
    initiative.save(update_fields=["status", "last_activity_at"])
    outbox_enqueue(
        to=[initiative.initiator_email],
        template="initiatives_status_changed",
        context={"initiative": initiative, "step": step},
        kind="initiatives.status_changed",
    )
    return step


@transaction.atomic
def initiative_reassign(*, initiative: Initiative, official, by, now=None) -> Initiative:
    """Make `official` the initiative's one contact official. Records an internal note and
    notifies the new official (outbox)."""
    now = now or timezone.now()
    previous = initiative.contact_official
    if previous == official:
        raise ValidationError({"official": "Deze medewerker is al de contactpersoon."})
    if not official.is_active or not official.has_perm("initiatives.view_initiative"):
        raise ValidationError({"official": "Deze medewerker kan geen initiatieven begeleiden."})
    initiative.contact_official = official
    initiative.last_activity_at = now
    initiative.save(update_fields=["contact_official", "last_activity_at"])
    name = lambda u: (u.get_full_name() or u.username) if u else "niemand"  # noqa: E731
    Note.objects.create(
        initiative=initiative,
        author=by,
        created_at=now,
        text=f"Contactpersoon gewijzigd van {name(previous)} naar {name(official)}.",
    )
    staff_notify(
        user=official,
        template="initiatives_new_for_official",
        context={"initiative": initiative, "official": official, "reassigned": True},
        kind="initiatives.reassigned",
    )
    return initiative


@transaction.atomic
def supportrecord_add(
    *, initiative: Initiative, by, kind, date, summary, valid_until=None, now=None
):
    """Record a support conversation or an agreement (informal or written)."""
    now = now or timezone.now()
    record = SupportRecord(
        initiative=initiative,
        by=by,
        kind=kind,
        date=date,
        valid_until=valid_until,
        summary=summary,
        created_at=now,
    )
    record.full_clean()
    record.save()
    _touch(initiative, now)
    return record


@transaction.atomic
def note_add(*, initiative: Initiative, by, text: str, now=None) -> Note:
    """Add an internal note (never shown to the initiator)."""
    now = now or timezone.now()
    note = Note(initiative=initiative, author=by, text=text, created_at=now)
    note.full_clean()
    note.save()
    _touch(initiative, now)
    return note


def escalation_recipients():
    """Active users holding `initiatives.view_escalations` directly or through a group, in
    one query (superusers are not included: they hold no explicit permission)."""
    return users_with_perm("initiatives.view_escalations").select_related("profile")


@transaction.atomic
def initiative_escalate(*, initiative: Initiative, level: str, reason: str, by, now=None):
    """Flag an initiative as stuck (to department heads, ultimately the municipal secretary).

    Side effects: the escalation fields, an internal note, and an immediate notice (outbox)
    to every user holding `initiatives.view_escalations`. Never shown to the initiator.
    """
    now = now or timezone.now()
    initiative.escalated = True
    initiative.escalation_level = level
    initiative.escalation_reason = reason.strip()
    initiative.escalated_at = now
    initiative.last_activity_at = now
    initiative.full_clean()
    initiative.save(
        update_fields=[
            "escalated",
            "escalation_level",
            "escalation_reason",
            "escalated_at",
            "last_activity_at",
        ]
    )
    Note.objects.create(
        initiative=initiative,
        author=by,
        created_at=now,
        text=f"Geëscaleerd naar {initiative.get_escalation_level_display()}: {initiative.escalation_reason}",
    )
    for user in escalation_recipients():
        staff_notify(
            user=user,
            template="initiatives_escalated",
            context={"initiative": initiative, "by": by},
            kind="initiatives.escalated",
        )
    return initiative


@transaction.atomic
def initiative_deescalate(*, initiative: Initiative, by, note: str = "", now=None):
    """End an escalation; the reason stays in the notes."""
    now = now or timezone.now()
    if not initiative.escalated:
        raise ValidationError("Dit initiatief is niet geëscaleerd.")
    initiative.escalated = False
    initiative.last_activity_at = now
    initiative.save(update_fields=["escalated", "last_activity_at"])
    Note.objects.create(
        initiative=initiative,
        author=by,
        created_at=now,
        text=f"Escalatie beëindigd. {note}".strip(),
    )
    return initiative


@transaction.atomic
def grant_allocate(
    *, fund: Fund, initiative: Initiative, amount: Decimal, decided_at, by=None
) -> Grant:
    """Allocate `amount` from `fund` to `initiative`.

    Transaction: locks the fund row (SELECT … FOR UPDATE) and re-sums the fund's grants inside
    the lock, so two staff members granting at the same moment cannot push the fund over its
    total: the second waits for the first and then sees its grant. Raises a Dutch
    ValidationError and stores nothing when the grant would exceed what remains, or when the
    initiative has no positive decision.
    """
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if initiative.status not in GRANTABLE:
        raise ValidationError(
            "Er kan pas geld worden toegekend na een positief besluit (toegekend of ja, mits)."
        )
    amount = Decimal(amount)
    granted = fund.grants.aggregate(s=Sum("amount"))["s"] or Decimal("0")
    total = fund.compute_total()
    if granted + amount > total:
        raise ValidationError(
            {
                "amount": f"Dit past niet in {fund}: er is nog {euro(total - granted)} "
                f"beschikbaar van {euro(total)}."
            }
        )
    grant = Grant(fund=fund, initiative=initiative, amount=amount, decided_at=decided_at, by=by)
    grant.full_clean()
    grant.save()
    _touch(initiative, timezone.now())
    return grant


@transaction.atomic
def grant_pay(*, grant: Grant, amount: Decimal, paid_at) -> Grant:
    """Record what was paid out of a grant (cumulative, never more than granted)."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    grant.paid_amount = Decimal(amount)
    grant.paid_at = paid_at
    grant.full_clean()
    grant.save(update_fields=["paid_amount", "paid_at"])
    return grant


def decision_steps() -> dict[str, DecisionStep]:
    return {step.step: step for step in DecisionStep.objects.all()}


@transaction.atomic
def initiative_link(
    *, initiative: Initiative, contact_moments, agenda_items, now=None
) -> Initiative:
    """Set the contact moments and agenda items related to an initiative. Only those of the
    initiative's own kernen may be linked (ValidationError otherwise; nothing is changed)."""
    kern_ids = set(initiative.kernen.values_list("pk", flat=True))
    strays = [o for o in [*contact_moments, *agenda_items] if o.kern_id not in kern_ids]
    if strays:
        raise ValidationError(
            "Koppel alleen contactmomenten en agendapunten uit de kernen van dit initiatief."
        )
    initiative.contact_moments.set(contact_moments)
    initiative.agenda_items.set(agenda_items)
    _touch(initiative, now or timezone.now())
    return initiative


ANONYMISED = "Geanonimiseerd"


@transaction.atomic
def initiative_anonymise(*, initiative: Initiative, by=None) -> Initiative:
    """Remove the initiator's personal data (AVG: expiry or the initiator's request): name,
    e-mail and phone go, attachments are deleted with their files (after commit). The
    initiative itself, its steps and decisions stay for the kern's history and the figures.
    The audit trail records it with `by` as actor when set. Idempotent."""
    initiative.initiator_name = ANONYMISED
    initiative.initiator_email = ""
    initiative.initiator_phone = ""
    initiative.save(update_fields=["initiator_name", "initiator_email", "initiator_phone"])
    attachment_delete(attachments=list(initiative.attachments.all()))
    return initiative


@transaction.atomic
def attachment_delete(*, attachments) -> list[int]:
    """Delete attachments; their files go once the transaction commits, so a rollback keeps
    them. Returns the deleted ids."""
    ids = sorted(a.pk for a in attachments)
    for attachment in attachments:
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return ids
