from django.apps import apps
from django.core.management import CommandError, call_command

import pytest

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every project model, as plain values (passwords left out: salted)."""
    data = {}
    for model in apps.get_models():
        # The audit trail records each run: a history, not data that should come out the same.
        skipped = {"sessions", "admin", "contenttypes", "django_celery_beat", "auditlog"}
        if model._meta.app_label in skipped:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in {"password", "last_login"}
        ]
        data[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)))
    return data


def test_seed_demo_twice_gives_the_same_data(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    first = snapshot()
    call_command("seed_demo", "--quiet")
    assert snapshot() == first
    assert len(first["kernen.Kern"]) == 11
    assert len(first["kernen.CommunityGroup"]) >= 11


def test_seed_demo_covers_every_kern_with_a_primary_kcp(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    from kernen.models import Kern

    for kern in Kern.objects.all():
        assert kern.kcp_assignments.current().filter(role="primary").count() == 1, kern


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo")
