import datetime

import pytest

from kernen.selectors import kern_assignments, kern_ids_by_kcp, my_kern_ids, responsible_kcp

from .factories import KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def test_the_primary_kcp_is_responsible():
    primary = KcpAssignmentFactory()
    KcpAssignmentFactory(kern=primary.kern, backup=True)
    assert responsible_kcp(primary.kern, TODAY) == primary.user


def test_the_backup_takes_over_while_the_primary_is_absent():
    primary = KcpAssignmentFactory()
    backup = KcpAssignmentFactory(kern=primary.kern, backup=True)
    primary.user.profile.absent_from = datetime.date(2026, 3, 1)
    primary.user.profile.absent_until = datetime.date(2026, 3, 31)
    primary.user.profile.save()
    assert responsible_kcp(primary.kern, TODAY) == backup.user
    assert responsible_kcp(primary.kern, datetime.date(2026, 4, 1)) == primary.user


def test_the_backup_is_responsible_when_no_primary_is_set():
    backup = KcpAssignmentFactory(backup=True)
    assert responsible_kcp(backup.kern, TODAY) == backup.user


def test_nobody_is_responsible_for_a_kern_without_kcp():
    assert responsible_kcp(KernFactory(), TODAY) is None


def test_kern_ids_by_kcp_maps_each_user_to_their_current_kernen(django_assert_num_queries):
    user = UserFactory()
    a = KcpAssignmentFactory(user=user)
    b = KcpAssignmentFactory(user=user, backup=True)
    KcpAssignmentFactory(user=user, ended=True)
    other = KcpAssignmentFactory()
    with django_assert_num_queries(1):
        result = kern_ids_by_kcp([user.pk, other.user.pk], TODAY)
    assert result == {user.pk: {a.kern_id, b.kern_id}, other.user.pk: {other.kern_id}}


def test_my_kern_ids_costs_one_query_per_user_object(django_assert_num_queries):
    assignment = KcpAssignmentFactory()
    user = assignment.user
    with django_assert_num_queries(1):
        assert my_kern_ids(user) == {assignment.kern_id}
        assert my_kern_ids(user) == {assignment.kern_id}


@pytest.mark.django_db
def test_kern_assignments_reads_the_kerns_and_remembers_the_users_own_in_one_query(
    django_assert_num_queries,
):
    today = datetime.date(2026, 3, 1)
    kern, mine = KernFactory(), KernFactory()
    user, colleague = UserFactory(), UserFactory()
    KcpAssignmentFactory(kern=kern, user=colleague, start_date=datetime.date(2025, 1, 1))
    KcpAssignmentFactory(kern=mine, user=user, start_date=datetime.date(2025, 1, 1))
    KcpAssignmentFactory(
        kern=KernFactory(),
        user=user,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    with django_assert_num_queries(1):
        assignments = kern_assignments(user, kern.slug, today)
        assert my_kern_ids(user) == {mine.pk}
    assert [a.user for a in assignments] == [colleague]
