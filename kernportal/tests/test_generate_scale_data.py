"""The scale data generator: valid, skewed, deterministic rows, and refusals that protect data."""

from collections import Counter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

import pytest

from kernportal.management.commands.generate_scale_data import generate

KINDS = [
    "kernen.Kern",
    "kernen.KcpAssignment",
    "kernen.AgendaItem",
    "contacts.Person",
    "contacts.ContactMoment",
    "contacts.FollowUp",
    "contacts.Question",
    "initiatives.Initiative",
    "initiatives.StatusStep",
    "initiatives.Fund",
    "initiatives.CoFunding",
    "initiatives.Grant",
    "roles.ParticipationRequest",
    "roles.ParticipationReview",
    "roles.Classification",
]


@pytest.mark.django_db
def test_it_generates_every_kind_of_row_and_each_passes_model_validation():
    generate("small", seed=3)
    for label in KINDS:
        rows = list(apps.get_model(label).objects.all())
        assert rows, label
        for row in rows:
            row.full_clean()


@pytest.mark.django_db
def test_staff_are_in_the_real_permission_groups_and_the_busiest_kern_has_a_kcp():
    ctx = generate("small", seed=3)
    kcp = get_user_model().objects.get(pk=ctx.primary_kcp[ctx.kern_ids[0]])
    assert kcp.has_perm("contacts.route_question")
    for group, user_ids in ctx.staff.items():
        users = get_user_model().objects.filter(pk__in=user_ids)
        assert set(users.values_list("groups__name", flat=True)) == {group}


@pytest.mark.django_db
def test_the_first_kern_is_the_busiest_and_the_history_spans_years():
    from contacts.models import ContactMoment

    ctx = generate("small", seed=3)
    per_kern = Counter(ContactMoment.objects.values_list("kern_id", flat=True))
    assert per_kern.most_common(1)[0][0] == ctx.kern_ids[0]
    years = {m.year for m in ContactMoment.objects.values_list("happened_at", flat=True)}
    assert len(years) >= 5


def _snapshot():
    from contacts.models import ContactMoment, Person
    from kernen.models import Kern

    return (
        list(Kern.objects.order_by("pk").values_list("name", "inhabitants")),
        list(Person.objects.order_by("pk").values_list("name", flat=True)),
        list(ContactMoment.objects.order_by("pk").values_list("kern__name", "summary")),
    )


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            generate("small", seed=7)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]


@pytest.mark.django_db
def test_it_refuses_a_database_with_other_data_unless_forced(kcp):
    with pytest.raises(CommandError, match="niet door generate_scale_data"):
        call_command("generate_scale_data", "--profile", "small")
    call_command("generate_scale_data", "--profile", "small", "--force")


@pytest.mark.django_db
def test_a_second_round_needs_append_and_then_adds_to_every_kind():
    from contacts.models import ContactMoment

    call_command("generate_scale_data", "--profile", "small")
    with pytest.raises(CommandError, match="--append"):
        call_command("generate_scale_data", "--profile", "small")
    before = ContactMoment.objects.count()
    call_command("generate_scale_data", "--profile", "small", "--append")
    assert ContactMoment.objects.count() == 2 * before
