"""The staff kern page: KCP cards in the right order with their periods, groups apart."""

import datetime

from django.utils import timezone

import pytest

from kernen.models import CommunityGroup, KcpAssignment

from .factories import CommunityGroupFactory, KcpAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _page(client_for, user, kern):
    return client_for(user).get(kern.get_absolute_url()).content.decode()


def test_the_primary_is_listed_above_a_backup_assigned_later(client_for, kern, regisseur):
    KcpAssignmentFactory(
        kern=kern, user=UserFactory(first_name="Eerste", last_name="Persoon"),
        start_date=datetime.date(2024, 1, 1),
    )  # fmt: skip
    KcpAssignmentFactory(
        kern=kern, user=UserFactory(first_name="Vervangende", last_name="Collega"),
        role=KcpAssignment.Role.BACKUP, start_date=datetime.date(2025, 6, 1),
    )  # fmt: skip
    html = _page(client_for, regisseur, kern)
    assert html.index("Eerste Persoon") < html.index("Vervangende Collega")


def test_a_future_assignment_is_planned_not_until_today(client_for, kern, regisseur):
    start = timezone.localdate() + datetime.timedelta(days=40)
    KcpAssignmentFactory(
        kern=kern, user=UserFactory(first_name="Nieuwe", last_name="Kcp"),
        role=KcpAssignment.Role.BACKUP, start_date=start,
    )  # fmt: skip
    html = _page(client_for, regisseur, kern)
    assert "Geplande toewijzingen" in html
    assert f"Nieuwe Kcp – Vervanger, vanaf {start.day}" in html
    assert "heden" not in html


def test_a_current_assignment_shows_its_end_date(client_for, kern, regisseur):
    end = timezone.localdate() + datetime.timedelta(days=10)
    KcpAssignmentFactory(kern=kern, end_date=end)
    html = _page(client_for, regisseur, kern)
    assert "Eerste KCP t/m " in html and str(end.year) in html


def test_the_end_link_sits_inside_the_card(client_for, kern, kcp, regisseur):
    html = _page(client_for, regisseur, kern)
    card_footer = html.index('class="card-footer')
    assert html.index("Beëindigen", card_footer) < html.index("</div>", card_footer)


def test_dorpsoverleg_and_dorpsraad_are_listed_apart(client_for, kern, regisseur):
    CommunityGroupFactory(kern=kern, name="Dorpsoverleg Egchel")
    CommunityGroupFactory(kern=kern, name="Dorpsraad Egchel", kind=CommunityGroup.Kind.DORPSRAAD)
    CommunityGroupFactory(kern=kern, name="Harmonie", kind=CommunityGroup.Kind.ASSOCIATION)
    html = _page(client_for, regisseur, kern)
    overleg = html.index('<h3 class="h6 mt-2">Dorpsoverleg</h3>')
    raad = html.index('<h3 class="h6 mt-2">Dorpsraad</h3>')
    others = html.index('<h3 class="h6 mt-2">Andere groepen</h3>')
    assert overleg < html.index("Dorpsoverleg Egchel") < raad < html.index("Dorpsraad Egchel")
    assert others < html.index("Harmonie")
