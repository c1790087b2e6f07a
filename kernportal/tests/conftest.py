from django.core.management import call_command
from django.urls import reverse

import pytest

from kernen.models import Kern
from kernen.selectors import kcp_kern_ids
from kernportal import digest
from kernportal.digest import DigestItem


def _kernen_section(users, windows, now):
    """A real section for the tests: "the kernen you are KCP of", one query of its own for any number of users."""
    by_user = kcp_kern_ids(users, now)
    kernen = Kern.objects.in_bulk({k for ids in by_user.values() for k in ids})
    return {
        user_id: [
            DigestItem(
                title=f"Kern {kernen[k].name}",
                url=reverse("kernen:detail", args=[kernen[k].slug]),
                detail="<b>",
            )
            for k in sorted(ids)
        ]
        for user_id, ids in by_user.items()
    }


@pytest.fixture
def kernen_section(monkeypatch):
    """Only this section is registered during the test (the apps' own sections are set aside)."""
    monkeypatch.setattr(digest, "_sections", {})
    digest.register("test_kernen", title="Uw kernen", order=1)(_kernen_section)
    return _kernen_section


@pytest.fixture
def demo(settings):
    """The demo data of `make run` (seed_demo refuses to run with DEBUG off)."""
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    settings.DEBUG = False
