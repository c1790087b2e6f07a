import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from kernen.models import AgendaItem, KcpAssignment, Kern

from .factories import AgendaItemFactory, KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_rejects_coordinates_outside_the_netherlands():
    kern = KernFactory.build(latitude=Decimal("48.85"), longitude=Decimal("2.35"))
    with pytest.raises(ValidationError) as error:
        kern.full_clean()
    assert "Vul een breedtegraad in Nederland in" in str(error.value.message_dict["latitude"])
    assert "lengtegraad" in str(error.value.message_dict["longitude"])


def test_the_database_rejects_coordinates_outside_the_netherlands():
    with pytest.raises(IntegrityError), transaction.atomic():
        KernFactory(latitude=Decimal("10.00000"))


def test_it_rejects_negative_inhabitants():
    kern = KernFactory.build(inhabitants=-5)
    with pytest.raises(ValidationError) as error:
        kern.full_clean()
    assert "inhabitants" in error.value.message_dict


def test_it_rejects_a_duplicate_slug():
    KernFactory(slug="baarlo", name="Baarlo")
    with pytest.raises(ValidationError) as error:
        KernFactory.build(slug="baarlo", name="Baarlo 2").full_clean()
    assert error.value.message_dict["slug"] == ["Er is al een kern met deze slug."]


def test_the_database_allows_only_one_open_primary_per_kern():
    first = KcpAssignmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KcpAssignmentFactory(kern=first.kern)


def test_the_database_rejects_an_assignment_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        KcpAssignmentFactory(
            start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 4, 1)
        )


def test_clean_rejects_overlapping_dated_primaries():
    first = KcpAssignmentFactory(end_date=datetime.date(2025, 6, 30))
    second = KcpAssignment(
        kern=first.kern, user=UserFactory(), role="primary", start_date=datetime.date(2025, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "al een eerste KCP" in error.value.message_dict["role"][0]


def test_clean_allows_a_primary_after_the_previous_one_ended():
    first = KcpAssignmentFactory(end_date=datetime.date(2025, 6, 30))
    KcpAssignment(
        kern=first.kern, user=UserFactory(), role="primary", start_date=datetime.date(2025, 7, 1)
    ).full_clean()


def test_one_person_may_be_kcp_of_several_kernen():
    user = UserFactory()
    KcpAssignmentFactory(user=user)
    KcpAssignmentFactory(user=user)
    assert Kern.objects.with_kcp(user).count() == 2


def test_with_kcp_leaves_out_ended_and_future_assignments():
    user = UserFactory()
    KcpAssignmentFactory(user=user, ended=True)
    KcpAssignmentFactory(user=user, start_date=datetime.date(2999, 1, 1))
    current = KcpAssignmentFactory(user=user, backup=True)
    assert list(Kern.objects.with_kcp(user)) == [current.kern]


def test_absence_is_a_closed_date_range():
    profile = UserFactory().profile
    profile.absent_from = datetime.date(2026, 7, 1)
    profile.absent_until = datetime.date(2026, 7, 31)
    assert profile.is_absent(datetime.date(2026, 7, 31))
    assert not profile.is_absent(datetime.date(2026, 8, 1))
    assert not profile.is_absent(datetime.date(2026, 6, 30))


def test_an_agenda_item_cannot_end_before_it_starts():
    item = AgendaItemFactory.build(
        kern=None, start_date=datetime.date(2025, 5, 2), end_date=datetime.date(2025, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["kern"])
    assert "end_date" in error.value.message_dict


def test_an_agenda_item_with_an_end_needs_a_start():
    item = AgendaItemFactory.build(start_date=None, end_date=datetime.date(2025, 5, 1))
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["kern"])
    assert error.value.message_dict["start_date"] == ["Vul ook een begindatum in."]


def test_agenda_items_between_overlap_the_range(kern):
    inside = AgendaItemFactory(kern=kern, start_date=datetime.date(2025, 3, 5))
    spanning = AgendaItemFactory(
        kern=kern, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 1)
    )
    AgendaItemFactory(kern=kern, start_date=datetime.date(2025, 6, 1))
    AgendaItemFactory(kern=kern, undated=True)
    found = AgendaItem.objects.between(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert set(found) == {inside, spanning}
