import datetime

from django.core.exceptions import ValidationError

import pytest

from kernen import services
from kernen.models import KcpAssignment

from .factories import KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_kcp_assign_stores_a_backup_beside_the_primary():
    primary = KcpAssignmentFactory()
    backup = services.kcp_assign(
        kern=primary.kern, user=UserFactory(), role="backup", start_date=datetime.date(2025, 1, 1)
    )
    assert {a.role for a in primary.kern.kcp_assignments.current()} == {"primary", "backup"}
    assert backup.pk


def test_kcp_assign_refuses_a_second_primary_and_stores_nothing():
    primary = KcpAssignmentFactory()
    with pytest.raises(ValidationError) as error:
        services.kcp_assign(
            kern=primary.kern,
            user=UserFactory(),
            role="primary",
            start_date=datetime.date(2025, 3, 1),
        )
    assert "role" in error.value.message_dict
    assert KcpAssignment.objects.filter(kern=primary.kern).count() == 1


def test_kcp_assign_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(ValidationError) as error:
        services.kcp_assign(
            kern=KernFactory(),
            user=UserFactory(),
            role="backup",
            start_date=datetime.date(2025, 3, 1),
            end_date=datetime.date(2025, 2, 1),
        )
    assert error.value.message_dict["end_date"] == ["De einddatum ligt voor de begindatum."]
    assert not KcpAssignment.objects.exists()


def test_kcp_assign_refuses_the_same_person_twice_in_one_period():
    first = KcpAssignmentFactory()
    with pytest.raises(ValidationError) as error:
        services.kcp_assign(
            kern=first.kern, user=first.user, role="backup", start_date=datetime.date(2025, 1, 1)
        )
    assert "user" in error.value.message_dict


def test_ending_an_assignment_keeps_it_as_history_and_frees_the_primary_role():
    first = KcpAssignmentFactory()
    services.kcp_assignment_end(assignment=first, end_date=datetime.date(2025, 1, 31))
    successor = services.kcp_assign(
        kern=first.kern, user=UserFactory(), role="primary", start_date=datetime.date(2025, 2, 1)
    )
    assert list(first.kern.kcp_assignments.order_by("start_date")) == [first, successor]
    assert first.kern.kcp_assignments.past(datetime.date(2025, 6, 1)).get() == first


def test_kern_update_refuses_bad_values_and_keeps_the_old_ones():
    kern = KernFactory(inhabitants=1200)
    with pytest.raises(ValidationError):
        services.kern_update(kern=kern, fields={"inhabitants": -1})
    kern.refresh_from_db()
    assert kern.inhabitants == 1200


def test_kern_update_refuses_fields_it_does_not_know():
    with pytest.raises(ValueError, match="Not editable"):
        services.kern_update(kern=KernFactory(), fields={"pk": 3})


def test_communitygroup_create_refuses_a_duplicate_name_in_the_same_kern():
    kern = KernFactory()
    services.communitygroup_create(kern=kern, fields={"kind": "dorpsraad", "name": "Dorpsraad"})
    with pytest.raises(ValidationError, match="al een groep met deze naam"):
        services.communitygroup_create(kern=kern, fields={"kind": "dorpsraad", "name": "Dorpsraad"})
    assert kern.groups.count() == 1


def test_resetting_the_calendar_token_changes_it():
    user = UserFactory()
    old = services.calendar_token_for(user).token
    assert services.calendar_token_reset(user=user).token != old
