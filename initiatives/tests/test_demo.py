"""The demo data covers the initiative flow, and every initiatives page renders with it."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import pytest

from initiatives.models import Fund, Initiative, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")


def test_demo_has_every_status_funds_and_an_escalation(demo):
    assert set(Initiative.objects.values_list("status", flat=True)) == set(Status.values)
    assert Initiative.objects.escalated().count() == 1
    assert Initiative.objects.public().exists()
    kernbudget = Fund.objects.with_totals().get(name="Kernbudget")
    assert kernbudget.total == 2 * sum(k.inhabitants for k in kernbudget.kernen.all())
    assert kernbudget.remaining > 0


@pytest.mark.parametrize(
    "username",
    [
        "demo-kcp",
        "demo-gebiedsregisseur",
        "demo-wethouder",
        "demo-medewerker",
        "demo-secretaris",
        "demo-beheerder",
    ],
)
def test_every_page_renders_for_every_demo_persona(demo, client, username):
    client.force_login(get_user_model().objects.get(username=username))
    for url in (
        reverse("initiatives:board"),
        reverse("initiatives:export_csv"),
        reverse("initiatives:export_xlsx"),
        reverse("kernen:dashboard"),
        reverse("kernen:detail", args=["panningen"]),
    ):
        assert client.get(url).status_code == 200, url
    for initiative in Initiative.objects.visible_to(
        get_user_model().objects.get(username=username)
    ):
        assert client.get(initiative.get_absolute_url()).status_code == 200
        assert client.get(
            reverse("initiatives:change_status", args=[initiative.pk])
        ).status_code in (200, 403)
    for name in ("funds", "leverage", "escalations"):
        assert client.get(reverse(f"initiatives:{name}")).status_code in (200, 403)


def test_every_public_page_renders_with_demo_data(demo, client):
    assert client.get(reverse("initiatives:public_list")).status_code == 200
    assert len(client.get(reverse("initiatives:geojson")).json()["features"]) >= 3
    for n in range(1, Initiative.objects.count() + 1):
        url = reverse("initiatives:track", args=[f"demo-initiatief-{n}"])
        assert client.get(url).status_code == 200, url
    for initiative in Initiative.objects.public():
        assert client.get(initiative.get_public_url()).status_code == 200
    assert client.get(reverse("kernen:public_detail", args=["baarlo"])).status_code == 200


def test_demo_grants_keep_to_the_funds_rules(demo):
    from initiatives.models.funds import kern_shares

    funds = list(Fund.objects.all())
    assert all(s.remaining is None or s.remaining >= 0 for s in kern_shares(funds).values())
    for fund in Fund.objects.with_totals():
        assert fund.remaining >= 0
        served = set(fund.kernen.values_list("pk", flat=True))
        for grant in fund.grants.all():
            assert fund.covers(grant.decided_at)
            assert not served or grant.kern_id in served
