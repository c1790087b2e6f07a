import pytest

from roles.definitions import Owner
from roles.forms import ClassifyForm, PeriodForm, QuietPeriodForm, ReviewForm

from .factories import ParticipationRequestFactory


def test_the_classify_form_turns_answers_into_rolwijzer_input():
    form = ClassifyForm(
        {
            "legal_task": "ja",
            "owner": "shared",
            "municipality_decides": "nee",
            "community_leading": "nee",
        }
    )
    assert form.is_valid(), form.errors
    answers = form.answers()
    assert answers.legal_task and answers.owner == Owner.SHARED and not answers.community_leading


def test_the_classify_form_needs_every_answer():
    form = ClassifyForm({"owner": "nobody"})
    assert not form.is_valid()
    assert set(form.errors) == {"legal_task", "owner", "municipality_decides", "community_leading"}


@pytest.mark.django_db
def test_the_review_form_offers_only_requests_of_the_same_kern(kern, other_kern):
    review = ParticipationRequestFactory(kernen=[kern]).reviews.get()
    same = ParticipationRequestFactory(kernen=[kern])
    ParticipationRequestFactory(kernen=[other_kern])
    form = ReviewForm(review=review)
    assert list(form.fields["combined_with"].queryset) == [same]
    assert "pending" not in dict(form.fields["decision"].choices)


@pytest.mark.django_db
def test_the_review_form_needs_a_reason(pending):
    form = ReviewForm({"decision": "declined"}, review=pending)
    assert form.errors["reason"] == [
        "Geef de reden van uw besluit; de aanvrager krijgt die te lezen."
    ]


def test_the_period_form_refuses_an_end_before_the_start():
    form = PeriodForm({"start": "2026-05-01", "end": "2026-04-01"})
    assert form.errors["end"] == ["De einddatum ligt voor de begindatum."]


@pytest.mark.django_db
def test_the_quiet_period_form_needs_a_reason():
    form = QuietPeriodForm({"start_date": "2026-09-01", "end_date": "2026-09-07"})
    assert "reason" in form.errors
