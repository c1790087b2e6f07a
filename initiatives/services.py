"""Writes for initiatives: submission, the decision process, guidance records, escalation
and grants. Every service is keyword-only and transactional; a ValidationError stores nothing."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernen.models import Kern
from kernen.selectors import responsible_kcp
from kernportal.amounts import euro
from kernportal.consent import require_consent
from kernportal.dates import format_date
from kernportal.mail import outbox_enqueue, staff_notify
from kernportal.uploads import CleanFile, clean_upload
from kernportal.users import users_with_perm

from . import access
from .models import (
    DECISIONS,
    Attachment,
    CoFunding,
    DecisionStep,
    Fund,
    Grant,
    Initiative,
    Note,
    PendingUpload,
    Status,
    StatusStep,
    SupportRecord,
    check_transition,
)
from .models.initiative import ESCALATION_PERMISSIONS
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
    "place_description",
    "latitude",
    "longitude",
)


def check_attachments(files) -> list[tuple[str, CleanFile]]:
    """(original name, cleaned file) for each upload, checked by content and by parsing
    (kernportal.uploads). Raises a Dutch ValidationError on too many files or any bad one."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Voeg maximaal %(count)d bijlagen toe.") % {"count": MAX_ATTACHMENTS}}
        )
    checked = []
    for upload in files:
        try:
            checked.append((upload.name, clean_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES)))
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
    return checked


@transaction.atomic
def pending_upload_add(*, token: str, upload, now=None) -> PendingUpload:
    """Keep one file of a form that is not stored yet (it had errors elsewhere), so the
    resident does not choose it again. Checked like any attachment (ValidationError, nothing
    kept); at most MAX_ATTACHMENTS per form token. The file is written under MEDIA_ROOT; the
    hourly `purge_pending_uploads` removes what no initiative took over within a day."""
    if not token:
        raise ValueError("A pending upload needs the form's token.")
    if PendingUpload.objects.for_token(token).count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Voeg maximaal %(count)d bijlagen toe.") % {"count": MAX_ATTACHMENTS}}
        )
    [(original_name, clean)] = check_attachments([upload])
    pending = PendingUpload(
        token=token,
        original_name=original_name[:255],
        content_type=clean.content_type,
        size=len(clean.content),
        created_at=now or timezone.now(),
    )
    # What is kept is the cleaned file (images re-encoded), as for a direct attachment.
    pending.file.save("upload", ContentFile(clean.content), save=False)
    pending.save()
    return pending


def pending_upload_remove(*, token: str, ids) -> int:
    """The resident took files back off the form: rows and files go. Returns how many."""
    removed = 0
    for pending in PendingUpload.objects.for_token(token).filter(pk__in=ids):
        pending.file.delete(save=False)
        pending.delete()
        removed += 1
    return removed


def pending_uploads_purge(*, now=None, hours: int = 24) -> int:
    """Remove kept files of forms never sent within `hours`. Idempotent; returns how many."""
    removed = 0
    for pending in PendingUpload.objects.expired(now or timezone.now(), hours=hours)[:1000]:
        pending.file.delete(save=False)
        pending.delete()
        removed += 1
    return removed


@transaction.atomic
def initiative_submit(
    *,
    fields: dict,
    kernen,
    consent_version: str,
    cofundings=(),
    attachments=(),
    pending_token: str = "",
    language: str | None = None,
    now=None,
) -> Initiative:
    """A resident submits an initiative, having agreed to version `consent_version` of the
    privacy statement (stored with the moment; empty: a ValidationError, nothing stored).

    Side effects, all in one transaction (a ValidationError stores nothing): the initiative,
    its co-funding rows and attachments (new files written under MEDIA_ROOT, files kept from
    an earlier try under `pending_token` taken over; on rollback a file may stay behind
    without a row), the first history step, the responsible KCP of the first kern as contact
    official, an e-mail to the initiator with the private tracking link and a copy of what
    they submitted (in `language`, the one they used on the form; default: the active
    language), and an immediate notice to the contact official (both through the outbox,
    sent after commit).
    """
    now = now or timezone.now()
    consent_version = require_consent(consent_version)
    kernen = sorted(kernen, key=lambda k: k.name)
    if not kernen:
        raise ValidationError({"kernen": _("Kies minstens één kern.")})
    unknown = set(fields) - set(SUBMIT_FIELDS)
    if unknown:
        raise ValueError(f"Not submittable: {sorted(unknown)}")
    kept = list(PendingUpload.objects.for_token(pending_token).select_for_update())
    if len(kept) + len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Voeg maximaal %(count)d bijlagen toe.") % {"count": MAX_ATTACHMENTS}}
        )
    checked = check_attachments(list(attachments))
    initiative = Initiative(
        **fields,
        status=Status.RECEIVED,
        privacy_consent_at=now,
        privacy_consent_version=consent_version,
        created_at=now,
        last_activity_at=now,
        contact_official=responsible_kcp(kernen[0]),
        language=initiator_language(language or translation.get_language()),
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
    for pending in kept:
        Attachment.objects.create(
            initiative=initiative,
            file=pending.file.name,
            original_name=pending.original_name,
            content_type=pending.content_type,
            size=pending.size,
            uploaded_at=now,
        )
        pending.delete()  # the row only: the file now belongs to the attachment
    StatusStep.objects.create(
        initiative=initiative, from_status="", to_status=Status.RECEIVED, at=now
    )
    context = {
        "initiative": initiative,
        "kernen": kernen,
        "official": initiative.contact_official,
        "cofundings": list(initiative.cofundings.all()),
        "attachments": list(initiative.attachments.all()),
    }
    tell_initiator(
        initiative=initiative,
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


def initiator_language(language: str | None) -> str:
    """A language of settings.LANGUAGES for `language` ("en-gb" → "en"), else the default."""
    try:
        return translation.get_supported_language_variant(language or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def tell_initiator(*, initiative: Initiative, template: str, context: dict, kind: str):
    """E-mail the initiator through the outbox (sent after commit), in the language they used
    on the public form, unless their personal data were removed on request: then there is
    nobody left to tell."""
    if initiative.anonymised_at:
        return None
    return outbox_enqueue(
        to=[initiative.initiator_email],
        template=template,
        context=context,
        kind=kind,
        language=initiative.language,
    )


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
                "public_reason": _(
                    "Geef bij een besluit de reden, zodat de initiatiefnemer die kan lezen."
                )
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
    tell_initiator(
        initiative=initiative,
        template="initiatives_status_changed",
        context={
            "initiative": initiative,
            "step": step,
            "is_decision": to_status in DECISIONS,
            "conditional": to_status == Status.GRANTED_CONDITIONS,
            "grants": list(initiative.grants.select_related("fund")),
        },
        kind="initiatives.status_changed",
    )
    return step


@transaction.atomic
def initiative_withdraw(*, initiative: Initiative, reason: str, now=None) -> StatusStep:
    """The initiator withdraws their initiative through the private tracking link.

    Goes through the decision process ("ingetrokken", refused where the process is already
    final) with the reason for everyone to read on the tracking page; the initiator gets the
    usual status e-mail and the contact official an immediate notice (outbox, after commit).
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Vertel ons kort waarom u uw initiatief intrekt.")})
    step = initiative_transition(
        initiative=initiative,
        to_status=Status.WITHDRAWN,
        by=None,
        public_reason=reason,
        note="Ingetrokken door de initiatiefnemer via de persoonlijke volglink.",
        now=now,
    )
    if initiative.contact_official:
        staff_notify(
            user=initiative.contact_official,
            template="initiatives_withdrawn",
            context={"initiative": initiative, "reason": reason},
            kind="initiatives.withdrawn",
        )
    return step


@transaction.atomic
def initiative_reassign(*, initiative: Initiative, official, by, now=None) -> Initiative:
    """Make `official` the initiative's one contact official: only someone who may guide
    initiatives in one of its kernen (`access.guiding_candidates`). Records an internal note,
    notifies the new official and tells the initiator the new name and how to reach them
    (both through the outbox, after commit)."""
    now = now or timezone.now()
    previous = initiative.contact_official
    if previous == official:
        raise ValidationError({"official": _("Deze medewerker is al de contactpersoon.")})
    if not access.guiding_candidates(initiative).filter(pk=official.pk).exists():
        raise ValidationError(
            {
                "official": _(
                    "Deze medewerker kan initiatieven in deze kern niet begeleiden. "
                    "Kies een kerncontactpersoon van de kern of een gebiedsregisseur."
                )
            }
        )
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
    tell_initiator(
        initiative=initiative,
        template="initiatives_official_changed",
        context={"initiative": initiative, "official": official},
        kind="initiatives.official_changed",
    )
    return initiative


@transaction.atomic
def supportrecord_add(
    *, initiative: Initiative, by, kind, date, summary, valid_until=None, now=None
):
    """Record a support conversation or an agreement (informal or written). The initiator
    gets it by e-mail (outbox, after commit): it was agreed with them, and it shows on their
    tracking page too."""
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
    tell_initiator(
        initiative=initiative,
        template="initiatives_agreement",
        context={"initiative": initiative, "record": record},
        kind="initiatives.agreement",
    )
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


def escalation_recipients(initiative: Initiative, level: str):
    """Who hears of an escalation, in one query: active users holding the level's permission
    (the department heads, or the municipal secretary), directly or through a group, and the
    alderman of each of the initiative's kernen (`Kern.alderman`). Superusers are not
    included: they hold no explicit permission."""
    aldermen = Kern.objects.filter(initiatives=initiative).values("alderman_id")
    holders = users_with_perm(f"initiatives.{ESCALATION_PERMISSIONS[level]}").values("pk")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=holders) | Q(pk__in=aldermen))
        .select_related("profile")
    )


@transaction.atomic
def initiative_escalate(*, initiative: Initiative, level: str, reason: str, by, now=None):
    """Flag an initiative as stuck (to department heads, ultimately the municipal secretary).

    Side effects: the escalation fields, an internal note, and an immediate notice (outbox)
    to the people of that level and the aldermen of its kernen (`escalation_recipients`).
    Never shown to the initiator.
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
    for user in escalation_recipients(initiative, level):
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
        raise ValidationError(_("Dit initiatief is niet geëscaleerd."))
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


def _fund_kern(fund: Fund, initiative: Initiative, kern) -> Kern:
    """The kern whose part of `fund` pays: `kern` if given, else the first (by name) of the
    initiative's kernen that the fund serves. ValidationError when the fund serves none."""
    kernen = list(initiative.kernen.order_by("name"))
    served_ids = set(fund.kernen.values_list("pk", flat=True))
    eligible = [k for k in kernen if not served_ids or k.pk in served_ids]
    if not eligible:
        names = ", ".join(fund.kernen.order_by("name").values_list("name", flat=True))
        raise ValidationError(
            {
                "fund": _(
                    "%(fund)s is voor %(names)s; dit initiatief is van %(kernen)s. "
                    "Kies een fonds van deze kern."
                )
                % {"fund": fund, "names": names, "kernen": ", ".join(k.name for k in kernen)}
            }
        )
    if kern is None:
        return eligible[0]
    if kern.pk not in {k.pk for k in eligible}:
        raise ValidationError(
            {"kern": _("%(fund)s betaalt niet voor %(kern)s.") % {"fund": fund, "kern": kern.name}}
        )
    return kern


@transaction.atomic
def grant_allocate(
    *, fund: Fund, initiative: Initiative, amount: Decimal, decided_at, kern=None, by=None
) -> Grant:
    """Allocate `amount` from `fund` to `initiative`, from the part of one of its kernen.

    Rules: the initiative has a positive decision; the fund serves one of the initiative's
    kernen (a fund without kernen serves all) and its period covers `decided_at`; the grant
    fits in what remains of the fund and, for a fund per inhabitant, of that kern's part.
    Transaction: locks the fund row (SELECT … FOR UPDATE) and re-sums the fund's grants inside
    the lock, so two staff members granting at the same moment cannot push the fund over its
    total: the second waits for the first and then sees its grant. A ValidationError stores
    nothing. Side effect: an e-mail to the initiator with the grant (outbox, after commit).
    """
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if initiative.status not in GRANTABLE:
        raise ValidationError(
            _("Er kan pas geld worden toegekend na een positief besluit (toegekend of ja, mits).")
        )
    kern = _fund_kern(fund, initiative, kern)
    if not fund.covers(decided_at):
        raise ValidationError(
            {
                "decided_at": _(
                    "%(fund)s geldt van %(start)s tot en met %(end)s; dit besluit valt "
                    "daarbuiten. Kies een fonds van die periode."
                )
                % {
                    "fund": fund,
                    "start": format_date(fund.period_start),
                    "end": format_date(fund.period_end),
                }
            }
        )
    amount = Decimal(amount)
    granted = fund.grants.aggregate(s=Sum("amount"))["s"] or Decimal("0")
    total = fund.compute_total()
    if granted + amount > total:
        raise ValidationError(
            {
                "amount": _(
                    "Dit past niet in %(fund)s: er is nog %(left)s beschikbaar van %(total)s."
                )
                % {"fund": fund, "left": euro(total - granted), "total": euro(total)}
            }
        )
    if fund.kind == Fund.Kind.PER_INHABITANT:
        share = fund.compute_total(kern.inhabitants)
        granted_here = fund.grants.filter(kern=kern).aggregate(s=Sum("amount"))["s"] or 0
        if granted_here + amount > share:
            raise ValidationError(
                {
                    "amount": _(
                        "Dit past niet in het deel van %(kern)s in %(fund)s: er is nog "
                        "%(left)s beschikbaar van %(total)s."
                    )
                    % {
                        "kern": kern.name,
                        "fund": fund,
                        "left": euro(share - granted_here),
                        "total": euro(share),
                    }
                }
            )
    grant = Grant(
        fund=fund, initiative=initiative, kern=kern, amount=amount, decided_at=decided_at, by=by
    )
    grant.full_clean()
    grant.save()
    _touch(initiative, timezone.now())
    tell_initiator(
        initiative=initiative,
        template="initiatives_grant",
        context={"initiative": initiative, "grant": grant, "paid": False},
        kind="initiatives.grant",
    )
    return grant


@transaction.atomic
def grant_pay(*, grant: Grant, amount: Decimal, paid_at) -> Grant:
    """Record what was paid out of a grant (cumulative, never more than granted). When the
    paid total grows, the initiator gets an e-mail (outbox, after commit)."""
    grant = Grant.objects.select_for_update().select_related("initiative", "fund").get(pk=grant.pk)
    before = grant.paid_amount
    grant.paid_amount = Decimal(amount)
    grant.paid_at = paid_at
    grant.full_clean()
    grant.save(update_fields=["paid_amount", "paid_at"])
    if grant.paid_amount > before:
        tell_initiator(
            initiative=grant.initiative,
            template="initiatives_grant",
            context={"initiative": grant.initiative, "grant": grant, "paid": True},
            kind="initiatives.grant_paid",
        )
    return grant


@transaction.atomic
def cofunding_save(
    *,
    initiative: Initiative,
    by,
    source: str,
    amount: Decimal,
    confirmed_amount: Decimal | None = None,
    cofunding: CoFunding | None = None,
    now=None,
) -> CoFunding:
    """Add or correct one co-funding row of an initiative. `amount` is what is expected;
    `confirmed_amount` what the source actually granted and confirmed (None: not yet). The
    moment and person of confirming are recorded when it is first confirmed or changed."""
    now = now or timezone.now()
    if cofunding is None:
        cofunding = CoFunding(initiative=initiative)
    elif cofunding.initiative_id != initiative.pk:
        raise ValueError("This co-funding belongs to another initiative.")
    if confirmed_amount is None:
        cofunding.confirmed_at = cofunding.confirmed_by = None
    elif confirmed_amount != cofunding.confirmed_amount:
        cofunding.confirmed_at = timezone.localdate(now)
        cofunding.confirmed_by = by
    cofunding.source = source.strip()
    cofunding.amount = amount
    cofunding.confirmed_amount = confirmed_amount
    cofunding.full_clean()
    cofunding.save()
    _touch(initiative, now)
    return cofunding


@transaction.atomic
def initiative_anonymise(*, initiative: Initiative, by=None, now=None) -> Initiative:
    """Remove the initiator's personal data (AVG: their request, an access request's erasure or
    the retention period), keeping the initiative's history and money (grants must stay
    accountable). Side effects: name, e-mail and phone replaced, attachments deleted (their
    files once the transaction commits), a new tracking token (the old link stops working),
    `anonymised_at` set and an internal note; the audit trail records it with `by` as actor
    when set. Idempotent: a second call changes nothing more."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.anonymised_at:
        return initiative
    attachment_delete(attachments=list(initiative.attachments.all()))
    initiative.initiator_name = ANONYMISED
    initiative.initiator_email = f"geanonimiseerd-{initiative.pk}@example.invalid"
    initiative.initiator_phone = ""
    initiative.issue_tracking_token()
    initiative.anonymised_at = now
    initiative.save(
        update_fields=[
            "initiator_name",
            "initiator_email",
            "initiator_phone",
            "token_hash",
            "anonymised_at",
        ]
    )
    Note.objects.create(
        initiative=initiative,
        author=by,
        created_at=now,
        text="Persoonsgegevens van de initiatiefnemer verwijderd (AVG).",
    )
    return initiative


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
            _("Koppel alleen contactmomenten en agendapunten uit de kernen van dit initiatief.")
        )
    initiative.contact_moments.set(contact_moments)
    initiative.agenda_items.set(agenda_items)
    _touch(initiative, now or timezone.now())
    return initiative


ANONYMISED = "Geanonimiseerd"


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
