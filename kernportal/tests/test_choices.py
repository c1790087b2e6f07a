"""kernportal.choices: the labels the lists show, as Django's get_FOO_display() gives them."""

from django.db.models import Model
from django.utils import translation

import pytest

from contacts.models import Question
from initiatives.models import Initiative


@pytest.mark.parametrize(
    ("model", "field"),
    [(Initiative, "status"), (Initiative, "theme"), (Question, "kind"), (Question, "status")],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_label_is_what_django_shows(model, field, language):
    values = [value for value, _label in model._meta.get_field(field).choices] + ["onbekend"]
    with translation.override(language):
        for value in values:
            row = model(**{field: value})
            django = Model._get_FIELD_display(row, model._meta.get_field(field))
            assert getattr(row, f"get_{field}_display")() == django, (value, language)
