"""Writes for classifications, participation requests, their reviews and quiet periods."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernen.models import Kern
from kernen.selectors import responsible_kcp
from kernportal import audit
from kernportal.mail import outbox_enqueue, staff_notify

from . import classifiable
from .access import can_review
from .brake import brake_check
from .definitions import Owner
from .models import (
    TRANSITIONS,
    Classification,
    ParticipationRequest,
    ParticipationReview,
    QuietPeriod,
    ReviewStatus,
)

REQUEST_FORM_FIELDS = (
    "department",
    "subject",
    "ask",
    "form",
    "start_date",
    "end_date",
    "effort",
    "effort_hours",
    "role",
)
REQUEST_FIELDS = (
    *REQUEST_FORM_FIELDS,
    "subject_content_type",
    "subject_object_id",
)
QUIET_FIELDS = ("start_date", "end_date", "reason")


@transaction.atomic
def classification_set(
    *, obj, role: str, owner: str, user, reason: str = "", suggested_role: str = ""
) -> list[Classification]:
    """Give `obj` a role for each kern it concerns.

    Appends one Classification row per kern and clears `is_current` on the rows it replaces;
    earlier rows are otherwise never changed, so the history of choices stays. Raises
    ValidationError (Dutch, per field) and stores nothing when the role differs from the
    rolwijzer's suggestion without a reason, or the object concerns no kern. Transaction: the
    current rows are locked, so two people classifying at once do not both stay current.
    """
    entry = classifiable.get(obj)
    if entry is None:
        raise ValueError(f"{obj._meta.label} is not registered as classifiable")
    reason = reason.strip()
    if suggested_role and role != suggested_role and not reason:
        raise ValidationError(
            {"reason": _("U kiest een andere rol dan de rolwijzer voorstelt: geef de reden.")}
        )
    kernen = entry.kernen(obj)
    if not kernen:
        raise ValidationError(
            _("Dit onderwerp hoort bij geen enkele kern en kan niet worden ingedeeld.")
        )
    content_type = ContentType.objects.get_for_model(obj)
    previous = Classification.objects.select_for_update().filter(
        content_type=content_type, object_id=obj.pk, is_current=True
    )
    audit.queryset_update(previous, is_current=False)
    now = timezone.now()
    rows = []
    for kern in kernen:
        row = Classification(
            content_type=content_type,
            object_id=obj.pk,
            kern=kern,
            title=str(entry.title_getter(obj))[:300],
            role=role,
            owner=owner,
            suggested_role=suggested_role,
            reason=reason,
            classified_by=user,
            classified_at=now,
        )
        row.full_clean()
        rows.append(row)
    return audit.bulk_create(Classification, rows)


@transaction.atomic
def participationrequest_create(*, requester, kernen, fields: dict) -> ParticipationRequest:
    """File a participation request for one or more kernen.

    Side effects: the request, one pending review per kern, a classification of the request
    with the chosen role, and a notice to each kern's responsible KCP (through the outbox,
    after commit). Nothing is sent to the kern itself: that only happens after approval, by
    the requester. Raises ValidationError and stores nothing on bad input.
    """
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    kernen = list(kernen)
    if not kernen:
        raise ValidationError({"kernen": _("Kies ten minste één kern.")})
    request = ParticipationRequest(requester=requester, **fields)
    request.full_clean()
    request.save()
    audit.bulk_create(
        ParticipationReview, (ParticipationReview(request=request, kern=kern) for kern in kernen)
    )
    classification_set(
        obj=request,
        role=request.role,
        owner=Owner.MUNICIPALITY,
        user=requester,
        reason="Rol gekozen bij het indienen van het participatieverzoek.",
    )
    for kern in kernen:
        kcp = responsible_kcp(kern)
        if kcp is not None:
            staff_notify(
                user=kcp,
                template="roles_request_filed",
                context={
                    "request": request,
                    "kern": kern,
                    "path": reverse("roles:review", args=[request.pk, kern.slug]),
                },
                kind="roles.request_filed",
            )
    return request


@transaction.atomic
def participationreview_decide(
    *,
    review: ParticipationReview,
    user,
    decision: str,
    reason: str,
    override_reason: str = "",
    combined_with: ParticipationRequest | None = None,
    postponed_to=None,
    today=None,
) -> ParticipationReview:
    """Decide one kern's review: approve, combine, postpone or decline, always with a reason.

    Transaction: locks the kern row (so two approvals cannot both slip under the brake) and the
    review row. Raises PermissionDenied unless `user` is a current KCP of the kern or may
    review any kern; ValidationError (Dutch, per field) on a missing reason, an illegal
    transition, a missing partner request or date, or an approval over the brake (threshold or
    quiet period) without an override reason. Side effect: the decision and its reason are
    e-mailed to the requester through the outbox.
    """
    today = today or timezone.localdate()
    Kern.objects.select_for_update().filter(pk=review.kern_id).first()
    review = (
        ParticipationReview.objects.select_for_update()
        .select_related("request__requester", "kern")
        .get(pk=review.pk)
    )
    if not can_review(user, review.kern):
        raise PermissionDenied
    if decision not in TRANSITIONS[review.status]:
        raise ValidationError(
            {
                "decision": _(
                    "Een verzoek met status '%(status)s' kan niet meer zo worden beoordeeld."
                )
                % {"status": review.get_status_display().lower()}
            }
        )
    errors = {}
    reason = reason.strip()
    override_reason = override_reason.strip()
    if not reason:
        errors["reason"] = _("Geef de reden van uw besluit; de aanvrager krijgt die te lezen.")
    if decision == ReviewStatus.COMBINED:
        if combined_with is None:
            errors["combined_with"] = _("Kies het verzoek waarmee u dit verzoek combineert.")
        elif combined_with.pk == review.request_id:
            errors["combined_with"] = _("Een verzoek kan niet met zichzelf worden gecombineerd.")
    if decision == ReviewStatus.POSTPONED and (postponed_to is None or postponed_to <= today):
        errors["postponed_to"] = _(
            "Kies een datum in de toekomst waarop u het verzoek opnieuw bekijkt."
        )
    if decision == ReviewStatus.APPROVED:
        check = brake_check(review)
        if check.needs_override and not override_reason:
            why = []
            if check.over_threshold:
                why.append(
                    _(
                        "deze kern heeft dit kwartaal al %(approved)s goedgekeurde verzoeken "
                        "(maximaal %(max)s)"
                    )
                    % {"approved": check.approved_in_quarter, "max": check.max_per_quarter}
                )
            if check.quiet_periods:
                why.append(_("de voorgestelde data vallen in een stille periode van de kern"))
            errors["override_reason"] = _(
                "Goedkeuren passeert de participatierem: %(why)s. "
                "Geef een reden om toch goed te keuren."
            ) % {"why": _(" en ").join(why)}
    if errors:
        raise ValidationError(errors)
    review.status = decision
    review.reason = reason
    review.override_reason = override_reason if decision == ReviewStatus.APPROVED else ""
    review.combined_with = combined_with if decision == ReviewStatus.COMBINED else None
    review.postponed_to = postponed_to if decision == ReviewStatus.POSTPONED else None
    review.decided_by = user
    review.decided_at = timezone.now()
    review.full_clean()
    review.save(
        update_fields=[
            "status",
            "reason",
            "override_reason",
            "combined_with",
            "postponed_to",
            "decided_by",
            "decided_at",
        ]
    )
    requester = review.request.requester
    if requester.email:
        outbox_enqueue(
            to=[requester.email],
            template="roles_review_decided",
            context={
                "review": review,
                "request": review.request,
                "reviewer": user,
                "path": review.request.get_absolute_url(),
            },
            kind="roles.review_decided",
        )
    return review


@transaction.atomic
def quietperiod_save(*, kern, fields: dict, period: QuietPeriod | None = None) -> QuietPeriod:
    """Add or change a quiet period of a kern. Raises ValidationError and stores nothing on
    bad input."""
    unknown = set(fields) - set(QUIET_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    period = period or QuietPeriod(kern=kern)
    for name, value in fields.items():
        setattr(period, name, value)
    period.full_clean()
    if period.pk:
        period.save(update_fields=list(fields))
    else:
        period.save()
    return period


@transaction.atomic
def quietperiod_delete(*, period: QuietPeriod) -> None:
    period.delete()
