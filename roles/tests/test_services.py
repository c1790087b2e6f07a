import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

import pytest
import time_machine

from kernportal.models import OutboxEmail
from roles.definitions import Owner, Role
from roles.models import Classification, ParticipationRequest, ReviewStatus
from roles.services import (
    classification_set,
    participationrequest_create,
    participationreview_decide,
    quietperiod_save,
)

from .factories import ParticipationRequestFactory, QuietPeriodFactory, approved_on

pytestmark = pytest.mark.django_db
S = ReviewStatus
TODAY = datetime.date(2026, 4, 1)


def decide(review, user, decision=S.APPROVED, reason="Past goed.", **kwargs):
    return participationreview_decide(
        review=review, user=user, decision=decision, reason=reason, today=TODAY, **kwargs
    )


# --- Classification ---------------------------------------------------------------------------


def test_reclassifying_appends_a_row_and_keeps_the_history(kern, kcp, regisseur):
    request = ParticipationRequestFactory(kernen=[kern])
    classification_set(obj=request, role=Role.BLUE, owner=Owner.MUNICIPALITY, user=kcp)
    classification_set(
        obj=request, role=Role.GREEN, owner=Owner.COMMUNITY, user=regisseur, reason="Dorpsplan"
    )
    rows = list(Classification.objects.for_object(request).order_by("pk"))
    assert [(r.role, r.is_current, r.classified_by) for r in rows] == [
        (Role.BLUE, False, kcp),
        (Role.GREEN, True, regisseur),
    ]
    assert rows[0].owner == Owner.MUNICIPALITY and rows[0].reason == ""


def test_a_request_for_two_kernen_gets_a_classification_per_kern(kern, other_kern, kcp):
    request = ParticipationRequestFactory(kernen=[kern, other_kern])
    rows = classification_set(obj=request, role=Role.BLUE, owner=Owner.SHARED, user=kcp)
    assert {r.kern for r in rows} == {kern, other_kern}
    assert Classification.objects.current().count() == 2


def test_choosing_otherwise_than_the_rolwijzer_needs_a_reason(kern, kcp):
    request = ParticipationRequestFactory(kernen=[kern])
    with pytest.raises(ValidationError) as error:
        classification_set(
            obj=request,
            role=Role.BLUE,
            owner=Owner.COMMUNITY,
            user=kcp,
            suggested_role=Role.GREEN,
            reason="  ",
        )
    assert "andere rol dan de rolwijzer" in error.value.message_dict["reason"][0]
    assert not Classification.objects.exists()


def test_following_the_rolwijzer_needs_no_reason(kern, kcp):
    request = ParticipationRequestFactory(kernen=[kern])
    [row] = classification_set(
        obj=request, role=Role.GREEN, owner=Owner.COMMUNITY, user=kcp, suggested_role=Role.GREEN
    )
    assert row.suggested_role == Role.GREEN


def test_an_object_without_kern_cannot_be_classified(kcp):
    request = ParticipationRequestFactory()
    with pytest.raises(ValidationError):
        classification_set(obj=request, role=Role.BLUE, owner=Owner.MUNICIPALITY, user=kcp)


# --- Filing -----------------------------------------------------------------------------------


def fields(**overrides):
    return {
        "department": "Openbare Ruimte",
        "subject": "Enquête groenonderhoud",
        "ask": "Vul de enquête in en verspreid hem.",
        "form": ParticipationRequest.Form.SURVEY,
        "start_date": datetime.date(2026, 5, 1),
        "end_date": datetime.date(2026, 5, 31),
        "effort": ParticipationRequest.Effort.SMALL,
        "role": Role.BLUE,
        **overrides,
    }


@time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_filing_creates_a_pending_review_per_kern_and_notifies_only_the_kcps(
    kern, other_kern, kcp, other_kcp, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = participationrequest_create(
            requester=requester, kernen=[kern, other_kern], fields=fields()
        )
    assert sorted(request.reviews.values_list("kern__name", "status")) == [
        ("Beringe", S.PENDING),
        ("Egchel", S.PENDING),
    ]
    [current] = Classification.objects.for_object(request).filter(kern=kern)
    assert (current.role, current.owner) == (Role.BLUE, Owner.MUNICIPALITY)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kcp@gemeente.example",
        "other-kcp@gemeente.example",
    ]
    assert f"/portaal/participatie/{request.pk}/beoordelen/egchel/" in "".join(
        m.body for m in mail.outbox
    )


@time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_filing_with_bad_dates_stores_nothing(kern, requester):
    with pytest.raises(ValidationError) as error:
        participationrequest_create(
            requester=requester,
            kernen=[kern],
            fields=fields(end_date=datetime.date(2026, 4, 1)),
        )
    assert "einddatum" in str(error.value)
    assert not ParticipationRequest.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_filing_without_kernen_is_refused(requester):
    with pytest.raises(ValidationError):
        participationrequest_create(requester=requester, kernen=[], fields=fields())


# --- Review state machine ---------------------------------------------------------------------


def test_the_kcp_approves_and_the_reason_goes_to_the_requester(
    pending, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = decide(pending, kcp, reason="Korte avond, prima.")
    review.refresh_from_db()
    assert (review.status, review.decided_by, review.reason) == (
        S.APPROVED,
        kcp,
        "Korte avond, prima.",
    )
    [email] = mail.outbox
    assert email.to == ["aanvrager@gemeente.example"]
    assert "goedgekeurd" in email.subject
    assert "Korte avond, prima." in email.body


def test_a_kcp_of_another_kern_cannot_decide(pending, other_kcp):
    with pytest.raises(PermissionDenied):
        decide(pending, other_kcp)
    pending.refresh_from_db()
    assert pending.status == S.PENDING


def test_a_colleague_cannot_decide(pending, colleague):
    with pytest.raises(PermissionDenied):
        decide(pending, colleague)


def test_a_former_kcp_of_the_kern_cannot_decide(pending, kcp):
    kcp.kcp_assignments.update(end_date=datetime.date(2024, 12, 31))
    with pytest.raises(PermissionDenied):
        decide(pending, kcp)


def test_the_gebiedsregisseur_may_decide_for_any_kern(pending, regisseur):
    assert decide(pending, regisseur, S.DECLINED, "Te vaak gevraagd.").status == S.DECLINED


@pytest.mark.parametrize("decision", [S.APPROVED, S.COMBINED, S.POSTPONED, S.DECLINED])
def test_no_decision_without_a_reason(pending, kcp, decision):
    with pytest.raises(ValidationError) as error:
        decide(pending, kcp, decision, reason=" ")
    assert "reden" in error.value.message_dict["reason"][0]
    pending.refresh_from_db()
    assert pending.status == S.PENDING
    assert not OutboxEmail.objects.exists()


@pytest.mark.parametrize("final", [S.APPROVED, S.DECLINED, S.COMBINED])
@pytest.mark.parametrize("decision", [S.APPROVED, S.DECLINED, S.POSTPONED])
def test_a_final_decision_cannot_be_changed(pending, kcp, final, decision):
    pending.status = final
    pending.save()
    with pytest.raises(ValidationError) as error:
        decide(pending, kcp, decision, postponed_to=datetime.date(2026, 6, 1))
    assert "decision" in error.value.message_dict


def test_pending_is_not_a_decision(pending, kcp):
    with pytest.raises(ValidationError):
        decide(pending, kcp, S.PENDING)


def test_a_postponed_request_can_be_approved_later(pending, kcp):
    decide(pending, kcp, S.POSTPONED, "Na de kermis.", postponed_to=datetime.date(2026, 6, 1))
    pending.refresh_from_db()
    assert pending.postponed_to == datetime.date(2026, 6, 1)
    review = decide(pending, kcp, S.APPROVED, "Nu past het.")
    assert (review.status, review.postponed_to) == (S.APPROVED, None)


@pytest.mark.parametrize("postponed_to", [None, TODAY])
def test_postponing_needs_a_future_date(pending, kcp, postponed_to):
    with pytest.raises(ValidationError) as error:
        decide(pending, kcp, S.POSTPONED, postponed_to=postponed_to)
    assert "postponed_to" in error.value.message_dict


def test_combining_needs_another_request(pending, kcp, kern):
    with pytest.raises(ValidationError) as error:
        decide(pending, kcp, S.COMBINED)
    assert "combined_with" in error.value.message_dict
    with pytest.raises(ValidationError):
        decide(pending, kcp, S.COMBINED, combined_with=pending.request)
    other = ParticipationRequestFactory(kernen=[kern])
    review = decide(pending, kcp, S.COMBINED, "Samen één avond.", combined_with=other)
    assert review.combined_with == other


# --- The brake --------------------------------------------------------------------------------


def test_approval_over_the_threshold_needs_an_override_reason(pending, kcp, kern):
    for day in (1, 2, 3):
        approved_on(kern, datetime.date(2026, 4, day))
    with pytest.raises(ValidationError) as error:
        decide(pending, kcp)
    message = error.value.message_dict["override_reason"][0]
    assert "al 3 goedgekeurde verzoeken (maximaal 3)" in message
    pending.refresh_from_db()
    assert pending.status == S.PENDING
    review = decide(pending, kcp, override_reason="Wethouder heeft toegezegd.")
    assert review.override_reason == "Wethouder heeft toegezegd."


def test_declining_or_postponing_over_the_threshold_needs_no_override(pending, kcp, kern):
    for day in (1, 2, 3):
        approved_on(kern, datetime.date(2026, 4, day))
    assert decide(pending, kcp, S.DECLINED, "Te druk.").status == S.DECLINED


def test_approval_in_a_quiet_period_needs_an_override_reason(pending, kcp, kern):
    QuietPeriodFactory(
        kern=kern, start_date=datetime.date(2026, 4, 28), end_date=datetime.date(2026, 5, 3)
    )
    with pytest.raises(ValidationError) as error:
        decide(pending, kcp)
    assert "stille periode" in error.value.message_dict["override_reason"][0]
    assert decide(pending, kcp, override_reason="Kan niet later.").status == S.APPROVED


def test_nothing_goes_to_the_kern_before_or_after_a_decision(
    pending, kcp, kern, django_capture_on_commit_callbacks
):
    from kernen.tests.factories import CommunityGroupFactory

    group = CommunityGroupFactory(kern=kern, email="dorpsoverleg@egchel.example")
    with django_capture_on_commit_callbacks(execute=True):
        decide(pending, kcp)
    assert all(group.email not in m.to for m in mail.outbox)


# --- Quiet periods ----------------------------------------------------------------------------


def test_a_quiet_period_ending_before_it_starts_is_refused(kern):
    with pytest.raises(ValidationError) as error:
        quietperiod_save(
            kern=kern,
            fields={
                "start_date": datetime.date(2026, 9, 7),
                "end_date": datetime.date(2026, 9, 1),
                "reason": "Kermis",
            },
        )
    assert "end_date" in error.value.message_dict


def test_classification_rows_point_at_their_object(kern, kcp):
    request = ParticipationRequestFactory(kernen=[kern])
    [row] = classification_set(obj=request, role=Role.RED, owner=Owner.MUNICIPALITY, user=kcp)
    assert row.content_type == ContentType.objects.get_for_model(ParticipationRequest)
