from django.urls import reverse

import pytest

from kernen.tests.factories import KernFactory

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_escalations_to_management_only(client_for, wethouder, kcp, kern):
    kern.alderman = wethouder
    kern.save()
    InitiativeFactory(
        title="Vastgelopen plan", kernen=[kern], escalated_=True, contact_official=kcp
    )
    assert "Vastgelopen plan" in client_for(wethouder).get(reverse("kernen:dashboard")).text
    text = client_for(kcp).get(reverse("kernen:dashboard")).text
    assert "Geëscaleerde initiatieven" not in text
    assert "Initiatieven die u begeleidt" in text  # but the KCP sees it as their own


def test_the_kern_page_lists_the_initiatives_the_user_may_see(client_for, kcp, colleague, kern):
    InitiativeFactory(title="Bankjes", kernen=[kern])
    url = reverse("kernen:detail", args=[kern.slug])
    assert "Bankjes" in client_for(kcp).get(url).text
    assert "Bankjes" not in client_for(colleague).get(url).text


def test_the_public_kern_page_lists_public_initiatives(client, kern):
    InitiativeFactory(title="Open plan", kernen=[kern], running=True)
    InitiativeFactory(title="Besloten plan", kernen=[kern], running=True, private=True)
    text = client.get(reverse("kernen:public_detail", args=[kern.slug])).text
    assert "Open plan" in text and "Besloten plan" not in text


def test_panels_run_constant_queries(client_for, regisseur, kern, constant_queries):
    from kernen.tests.factories import KcpAssignmentFactory

    KcpAssignmentFactory(kern=kern, user=regisseur)
    client = client_for(regisseur)
    url = reverse("kernen:detail", args=[kern.slug])
    InitiativeFactory(kernen=[kern], escalated_=True, contact_official=regisseur)

    def more():
        for _ in range(20):
            InitiativeFactory(
                kernen=[kern, KernFactory()], escalated_=True, contact_official=regisseur
            )

    constant_queries(lambda: (client.get(url), client.get(reverse("kernen:dashboard"))), more)
