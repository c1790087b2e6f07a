import pytest

from contacts.forms import FollowUpFormSet, QuestionForm

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Jan",
    "email": "jan@example.org",
    "text": "Wie maait het gras?",
    "privacy_consent": "on",
}


def test_a_complete_question_is_valid_and_not_spam():
    form = QuestionForm(GOOD)
    assert form.is_valid() and not form.is_spam()


def test_a_filled_honeypot_marks_spam():
    form = QuestionForm({**GOOD, "website": "http://spam.example"})
    assert form.is_valid() and form.is_spam()


def test_every_required_field_says_so_in_dutch():
    form = QuestionForm({})
    assert not form.is_valid()
    assert form.errors == {
        "name": ["Dit veld is verplicht."],
        "email": ["Dit veld is verplicht."],
        "text": ["Dit veld is verplicht."],
        "privacy_consent": [
            "Vink aan dat u hebt gelezen hoe de gemeente met uw gegevens omgaat. "
            "Zonder uw akkoord kunnen wij uw vraag niet behandelen."
        ],
    }


def test_an_invalid_email_and_an_overlong_question_are_refused():
    form = QuestionForm({**GOOD, "email": "jan at example", "text": "x" * 3001})
    assert not form.is_valid()
    assert form.errors["email"] == ["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]
    assert form.errors["text"] == ["Uw vraag is te lang: maximaal 3000 tekens."]


def _formset(**rows):
    data = {
        "acties-TOTAL_FORMS": "2",
        "acties-INITIAL_FORMS": "0",
        "acties-MIN_NUM_FORMS": "0",
        "acties-MAX_NUM_FORMS": "10",
        **rows,
    }
    return FollowUpFormSet(data, prefix="acties")


def test_empty_followup_rows_are_ignored():
    assert _formset().is_valid()


def test_a_half_filled_followup_row_names_the_missing_fields():
    formset = _formset(**{"acties-0-description": "Telling aanvragen"})
    assert not formset.is_valid()
    assert formset.errors[0] == {
        "owner": ["Kies wie de actie doet."],
        "due_date": ["Vul in wanneer de actie uiterlijk klaar is."],
    }
