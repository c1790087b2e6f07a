from django.db.models import F

import pytest

from kernen.models import Kern
from kernen.tests.factories import KernFactory
from kernportal.queries import first_rows_of_each


@pytest.mark.django_db
def test_each_list_is_bounded_on_its_own_in_one_query(django_assert_num_queries):
    for name in "ABCDEFG":
        KernFactory(name=name, slug=name.lower())
    low = Kern.objects.filter(name__in="ABCDE")
    high = Kern.objects.filter(name__in="CDEFG")
    with django_assert_num_queries(1):
        lists = first_rows_of_each(
            Kern.objects.all(),
            {
                "low": (low, [F("name").asc()], 4),
                "high": (high, [F("name").desc()], 3),
                "none": (Kern.objects.filter(name="Z"), [F("name").asc()], 5),
            },
        )
    assert [k.name for k in lists["low"]] == ["A", "B", "C", "D"]
    # C, D and E are in both selections: each list keeps its own order and bound.
    assert [k.name for k in lists["high"]] == ["G", "F", "E"]
    assert lists["none"] == []


@pytest.mark.django_db
def test_holders_among_answers_from_read_permissions_without_a_query(django_assert_num_queries):
    from django.contrib.auth.models import Permission

    from kernen.tests.factories import UserFactory
    from kernportal.users import holders_among

    holder, other, inactive = UserFactory(), UserFactory(), UserFactory(is_active=False)
    superuser = UserFactory(is_superuser=True)
    perm = Permission.objects.get(codename="receive_question_escalations")
    for user in (holder, inactive):
        user.user_permissions.add(perm)
    users = [holder, other, inactive, superuser]
    with django_assert_num_queries(1):
        fresh = holders_among(users, "contacts.receive_question_escalations")
    for user in users:
        user.get_all_permissions()  # what a request does before a page asks
    with django_assert_num_queries(0):
        cached = holders_among(users, "contacts.receive_question_escalations")
    assert fresh == cached == [holder.pk]


@pytest.mark.django_db
def test_names_and_rows_of_related_rows_come_along_in_the_same_query(django_assert_num_queries):
    from django.db import connection

    from kernen.models import AgendaItem
    from kernen.tests.factories import AgendaItemFactory
    from kernportal.queries import names_of, rows_of, split_names

    busy = KernFactory(name="Busy")
    KernFactory(name="Quiet")
    for title in ("Kermis", "Dorpsplan, fase 2"):
        AgendaItemFactory(kern=busy, title=title)
    assert connection.features.supports_json_field  # SQLite asks once per connection
    with django_assert_num_queries(1):
        kernen = list(
            Kern.objects.annotate(
                titles=names_of(AgendaItem.objects, "kern", "title"),
                items=rows_of(AgendaItem.objects, "kern", title="title", day="start_date"),
            ).order_by("name")
        )
    assert [split_names(k.titles) for k in kernen] == [["Dorpsplan, fase 2", "Kermis"], []]
    assert sorted(row["title"] for row in kernen[0].items) == ["Dorpsplan, fase 2", "Kermis"]
    assert all(isinstance(row["day"], str) for row in kernen[0].items)  # ISO dates, as JSON
    assert kernen[1].items is None


def test_a_choice_label_is_translated_when_shown_and_an_unknown_value_shown_as_is():
    from django.utils import translation

    from kernen.models import AgendaItem

    item = AgendaItem(theme=AgendaItem.Theme.HOUSING, status="gone")
    assert item.get_theme_display() == "Wonen"
    with translation.override("en"):
        assert item.get_theme_display() == "Housing"
    assert item.get_status_display() == "gone"


@pytest.mark.django_db
def test_users_with_perm_are_those_django_lists_in_one_query(django_assert_num_queries):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from kernen.tests.factories import UserFactory
    from kernportal.users import users_with_perm

    perm = Permission.objects.get(codename="receive_question_escalations")
    group = Group.objects.create(name="ontvangers")
    group.permissions.add(perm)
    direct, through_group, both, inactive = (UserFactory() for _ in range(4))
    inactive.is_active = False
    inactive.save()
    bare_superuser, other = UserFactory(is_superuser=True), UserFactory()
    for user in (direct, both, inactive):
        user.user_permissions.add(perm)
    for user in (through_group, both):
        user.groups.add(group)
    name = "contacts.receive_question_escalations"
    with django_assert_num_queries(1):
        found = set(users_with_perm(name))
    assert found == {direct, through_group, both}
    assert bare_superuser not in found and other not in found
    django = get_user_model().objects.with_perm(
        name, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    assert found == set(django.filter(pk__in=[u.pk for u in found] + [inactive.pk, other.pk]))
    # The app label counts: the same codename in another app is another permission.
    assert not users_with_perm("initiatives.receive_question_escalations").exists()
