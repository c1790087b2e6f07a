import pytest

from roles.definitions import Owner, Role
from roles.guide import Answers, suggest_role


def answers(legal=False, owner=Owner.MUNICIPALITY, decides=False, leading=False):
    return Answers(
        legal_task=legal, owner=owner, municipality_decides=decides, community_leading=leading
    )


@pytest.mark.parametrize("owner", list(Owner))
def test_a_legal_task_or_enforcement_is_red_whoever_owns_it(owner):
    role, why = suggest_role(answers(legal=True, owner=owner, decides=True, leading=True))
    assert role == Role.RED
    assert "wettelijke taak" in why


def test_a_community_owned_issue_is_green_even_when_the_municipality_decides():
    role, why = suggest_role(answers(owner=Owner.COMMUNITY, decides=True))
    assert role == Role.GREEN
    assert "gemeenschap is eigenaar" in why


def test_a_community_already_leading_makes_it_green():
    role, why = suggest_role(answers(owner=Owner.MUNICIPALITY, decides=True, leading=True))
    assert role == Role.GREEN
    assert "voortouw" in why


@pytest.mark.parametrize("owner", [Owner.MUNICIPALITY, Owner.SHARED])
def test_the_municipality_taking_the_final_decision_makes_it_blue(owner):
    role, why = suggest_role(answers(owner=owner, decides=True))
    assert role == Role.BLUE
    assert "eindbesluit" in why


def test_shared_ownership_without_a_municipal_decision_is_green():
    role, why = suggest_role(answers(owner=Owner.SHARED, decides=False))
    assert role == Role.GREEN
    assert "gedeeld" in why


def test_municipal_ownership_with_the_decision_elsewhere_stays_blue():
    role, why = suggest_role(answers(owner=Owner.MUNICIPALITY, decides=False))
    assert role == Role.BLUE
    assert "eigenaar" in why
