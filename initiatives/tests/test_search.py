"""Initiatives in the staff search (initiatives/search.py): only those the user may see."""

import pytest

from initiatives.models.initiative import Theme
from kernportal.search import search

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def found(user, query):
    return {group.key: group.items for group in search(user, query)}.get("initiatieven")


def test_the_kcp_finds_the_initiatives_of_their_kern(initiative, kcp):
    initiative.title = "Jeu-de-boulesbaan bij het dorpshuis"
    initiative.save()
    assert found(kcp, "boulesbaan") == [initiative]


def test_a_kcp_of_another_kern_does_not_find_it(initiative, other_kcp):
    initiative.title = "Jeu-de-boulesbaan bij het dorpshuis"
    initiative.save()
    assert found(other_kcp, "boulesbaan") == []


def test_a_medewerker_does_not_find_an_initiative_they_may_not_see(initiative, colleague):
    initiative.title = "Jeu-de-boulesbaan bij het dorpshuis"
    initiative.save()
    assert found(colleague, "boulesbaan") in (None, [])


def test_the_gebiedsregisseur_finds_every_initiative(kern, other_kern, regisseur):
    mine = InitiativeFactory(kernen=[kern], title="Speeltuin aan de Kerkstraat")
    theirs = InitiativeFactory(kernen=[other_kern], title="Speeltuin bij de school")
    assert set(found(regisseur, "speeltuin")) == {mine, theirs}


def test_a_theme_finds_its_initiatives(kern, regisseur):
    sport = InitiativeFactory(kernen=[kern], title="Beweegtuin", theme=Theme.SPORT)
    InitiativeFactory(kernen=[kern], title="Bankje", theme=Theme.CARE)
    assert found(regisseur, "bewegen") == [sport]
