from django.template import Context, Template

import pytest

from roles.definitions import ROLES, Role


def test_every_role_has_a_dutch_name_colour_explanation_participation_and_examples():
    assert {d.name for d in ROLES.values()} == {
        "autoritaire overheid",
        "regelgestuurde overheid",
        "communicatieve overheid",
    }
    for definition in ROLES.values():
        assert definition.colour and definition.explanation and definition.participation
        assert definition.examples


@pytest.mark.parametrize(
    ("role", "text", "css"),
    [
        (Role.RED, "Rood – autoritaire overheid", "badge-role-red"),
        (Role.BLUE, "Blauw – regelgestuurde overheid", "badge-role-blue"),
        (Role.GREEN, "Groen – communicatieve overheid", "badge-role-green"),
    ],
)
def test_the_badge_writes_the_name_next_to_the_colour(role, text, css):
    html = Template("{% load roles %}{% role_badge role %}").render(Context({"role": role}))
    assert text in html
    assert css in html


def test_the_badge_for_no_role_says_so():
    html = Template("{% load roles %}{% role_badge '' %}").render(Context())
    assert "geen rol" in html
