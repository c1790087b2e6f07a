from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from kernen.tests.factories import KcpAssignmentFactory, UserFactory
from kernportal.models import DigestDelivery

pytestmark = pytest.mark.django_db

NOW = "2026-11-23T07:00:00+01:00"


def run(*args):
    out = StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_dry_run_shows_the_digests_and_writes_nothing(kernen_section):
    KcpAssignmentFactory(user__username="anouk")
    output = run("--dry-run", "--now", NOW)
    assert "anouk: 1 punt – Uw kernen (1)" in output
    assert not DigestDelivery.objects.exists()


def test_it_sends_and_a_second_run_sends_nothing(kernen_section):
    KcpAssignmentFactory(user__username="anouk")
    assert "anouk: verstuurd (1 punt)" in run("--now", NOW)
    assert "Niemand heeft nu een overzichtsmail te goed." in run("--now", NOW)
    assert DigestDelivery.objects.count() == 1


def test_it_can_run_for_one_user(kernen_section):
    KcpAssignmentFactory(user__username="anouk")
    KcpAssignmentFactory(user__username="thijs")
    run("--user", "thijs", "--now", NOW)
    assert list(DigestDelivery.objects.values_list("user__username", flat=True)) == ["thijs"]


def test_it_refuses_a_bad_moment():
    UserFactory()
    with pytest.raises(CommandError, match="not an ISO date-time"):
        run("--now", "gisteren")
