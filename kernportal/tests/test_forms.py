"""Form helpers shared by the apps (kernportal/forms.py)."""

import re

from django import forms

import pytest

from kernportal.forms import LongSelect

CHOICES = [("", "Alle"), (1, "Anna"), (2, "Bert & <Co>"), (3, "Carla")]


def _tags(html):
    return re.sub(r">\s+<", "><", html.strip())


def test_a_long_select_writes_the_same_html_as_django():
    attrs = {"id": "id_official", "class": "form-select", "required": True, "disabled": False}
    for value in (None, "", 2, "3"):
        fast = LongSelect(choices=CHOICES).render("official", value, attrs=attrs)
        plain = forms.Select(choices=CHOICES).render("official", value, attrs=attrs)
        assert _tags(fast) == _tags(plain), value
    assert "Bert &amp; &lt;Co&gt;" in fast and 'value="3" selected' in fast


def test_a_long_select_with_groups_leaves_them_to_django():
    grouped = [("Kernen", [(1, "Anna")]), ("Overig", [(2, "Bert")])]
    html = LongSelect(choices=grouped).render("x", 2)
    assert html == forms.Select(choices=grouped).render("x", 2)
    assert '<optgroup label="Kernen">' in html


def test_a_filter_field_with_a_long_select_keeps_its_choices():
    class Form(forms.Form):
        who = forms.ChoiceField(choices=CHOICES, widget=LongSelect)

    field = Form({"who": "1"})["who"]
    assert _tags(str(field)) == _tags(field.as_widget(widget=forms.Select(choices=CHOICES)))
    assert '<option value="1" selected>Anna</option>' in str(field)


@pytest.mark.django_db
def test_a_model_choice_from_rows_lists_and_validates_as_from_instances():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kernen.models import Kern
    from kernen.tests.factories import KernFactory
    from kernportal.forms import choices_from_rows

    chosen, _other = KernFactory(name="Asten"), KernFactory(name="Beek")

    class Form(forms.Form):
        kern = forms.ModelChoiceField(Kern.objects.order_by("name"), widget=LongSelect)

    plain = str(Form()["kern"])
    form = Form()
    choices_from_rows(form.fields["kern"], "name", label=lambda name: f"Kern {name}")
    with CaptureQueriesContext(connection) as queries:
        html = str(form["kern"])
    assert html == plain.replace(">Asten<", ">Kern Asten<").replace(">Beek<", ">Kern Beek<")
    # One query for the options, reading only the columns asked for.
    assert [q["sql"] for q in queries.captured_queries if "slug" in q["sql"]] == []
    assert len(queries.captured_queries) == 1
    bound = Form({"kern": chosen.pk})
    choices_from_rows(bound.fields["kern"], "name", label=str)
    assert f'<option value="{chosen.pk}" selected>Asten</option>' in str(bound["kern"])
    assert bound.is_valid() and bound.cleaned_data["kern"] == chosen
