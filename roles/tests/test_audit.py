"""The roles app writes classifications and reviews in bulk; the audit trail still records
every row it creates or changes, with the person who did it."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry

from kernportal.audit import acting_as
from roles.definitions import Owner, Role
from roles.models import Classification
from roles.services import classification_set, participationrequest_create

from .factories import ParticipationRequestFactory
from .test_services import fields as request_fields

pytestmark = pytest.mark.django_db
A = LogEntry.Action


def _actions(row):
    return [e.action for e in LogEntry.objects.get_for_object(row).order_by("pk")]


def test_reclassifying_records_the_new_rows_and_the_previous_one_losing_current(
    kern, other_kern, kcp, regisseur
):
    request = ParticipationRequestFactory(kernen=[kern, other_kern])
    with acting_as(kcp):
        first = classification_set(obj=request, role=Role.BLUE, owner=Owner.SHARED, user=kcp)
    with acting_as(regisseur):
        second = classification_set(
            obj=request, role=Role.GREEN, owner=Owner.COMMUNITY, user=regisseur, reason="Plan"
        )
    for row in first:
        assert _actions(row) == [A.CREATE, A.UPDATE]
        update = LogEntry.objects.get_for_object(row).get(action=A.UPDATE)
        assert update.changes == {"is_current": ["True", "False"]}
        assert update.actor == regisseur
    for row in second:
        [created] = LogEntry.objects.get_for_object(row)
        assert created.action == A.CREATE and created.actor == regisseur
        assert created.changes["role"] == ["None", Role.GREEN]


@time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_filing_a_request_records_each_pending_review(kern, other_kern, requester):
    with acting_as(requester):
        request = participationrequest_create(
            requester=requester, kernen=[kern, other_kern], fields=request_fields()
        )
    reviews = list(request.reviews.all())
    assert len(reviews) == 2
    for review in reviews:
        [entry] = LogEntry.objects.get_for_object(review)
        assert entry.action == A.CREATE and entry.actor == requester
    assert Classification.objects.for_object(request).count() == 2
