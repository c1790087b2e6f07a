"""Names and titles refuse control and direction-override characters, on every form people
type them into; longer texts keep their line breaks."""

from django.core.exceptions import ValidationError

import pytest

from contacts.forms import (
    CloseForm,
    ContactMomentForm,
    FollowUpForm,
    MembershipForm,
    MessageForm,
    OrganisationForm,
    PersonForm,
    QuestionForm,
)
from initiatives.forms import CoFundingEditForm, InitiativeSubmitForm, WithdrawForm
from kernen.forms import AgendaItemForm, CommunityGroupForm, KernForm
from kernen.models import CommunityGroup
from kernen.tests.factories import UserFactory
from kernportal.validators import validate_multi_line, validate_single_line
from roles.forms import ParticipationRequestForm

BAD_SINGLE = [
    "Naam\u202e",
    "\u202atitel",
    "a\u2066b",
    "a\u2069b",
    "regel\neen",
    "regel\rtwee",
    "tab\there",
    "nul\x00",
    "esc\x1b[31m",
    "del\x7f",
    "nel\x85",
    "sep\u2028",
]


@pytest.mark.parametrize("value", BAD_SINGLE)
def test_single_line_refuses(value):
    with pytest.raises(ValidationError, match="één regel"):
        validate_single_line(value)


@pytest.mark.parametrize(
    "value", ["Dorpsraad Egchel", "Café ’t Pumpke", "مرحبا", "Zoë & Jan-Willem", "𝕳𝖆𝖑𝖑𝖔"]
)
def test_single_line_accepts_ordinary_names_in_any_script(value):
    validate_single_line(value)


def test_multi_line_keeps_line_breaks_and_tabs_but_refuses_the_rest():
    validate_multi_line("Eerste regel\r\nTweede\tregel")
    for value in ("a\u202eb", "a\x00b", "a\x1bb", "a\u2067b"):
        with pytest.raises(ValidationError, match="onzichtbare stuurtekens"):
            validate_multi_line(value)


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (PersonForm, "name"),
        (OrganisationForm, "name"),
        (QuestionForm, "name"),
        (AgendaItemForm, "title"),
        (ContactMomentForm, "summary"),
        (KernForm, "name"),
        (CommunityGroupForm, "name"),
        (ParticipationRequestForm, "subject"),
        (MembershipForm, "role"),
        (FollowUpForm, "description"),
        (MessageForm, "message"),
        (CloseForm, "note"),
        (InitiativeSubmitForm, "title"),
        (InitiativeSubmitForm, "place_description"),
        (CoFundingEditForm, "source"),
        (WithdrawForm, "reason"),  # a text area: line breaks allowed, overrides not
    ],
)
def test_every_name_and_title_field_refuses_a_direction_override(form_class, field, kern):
    extra = {
        ContactMomentForm: {"kern": kern, "user": UserFactory()},
        OrganisationForm: {"groups": CommunityGroup.objects.all()},
        MembershipForm: {"groups": CommunityGroup.objects.all()},
    }.get(form_class, {})
    key = f"{form_class.prefix}-{field}" if form_class.prefix else field
    form = form_class(data={key: "Gemeente\u202elpmaxe"}, **extra)
    form.is_valid()
    assert any("stuurtekens" in error for error in form.errors.get(field, [])), form.errors
