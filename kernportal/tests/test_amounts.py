"""Amounts are read and written the Dutch way, in one place."""

from decimal import Decimal

from django import forms
from django.template import engines

import pytest

from kernportal.amounts import AmountError, euro, parse_amount
from kernportal.forms import DutchAmountField


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250,50", "1250.50"),
        ("2.000", "2000"),
        ("€ 2.000", "2000"),
        ("€2.000,00", "2000"),
        ("1250", "1250"),
        ("1250,5", "1250.50"),
        ("25,-", "25"),
        ("EUR 12,95", "12.95"),
        ("12.50", "12.50"),  # a dot before two digits can only be a decimal point
        (" 1 250,00 ", "1250"),
        ("1.000.000", "1000000"),
        ("0,99", "0.99"),
    ],
)
def test_it_understands_dutch_amounts(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,250.50", "1.25.0", "12a", "1.2345", "€", "1,2,3", ",50,"])
def test_it_refuses_ambiguous_or_wrong_amounts_with_an_example(text):
    if text == "€":
        assert parse_amount(text) is None  # only a sign: empty
        return
    with pytest.raises(AmountError) as error:
        parse_amount(text)
    assert "1.250,50" in error.value.message


def test_it_refuses_more_than_two_decimals_with_an_example():
    with pytest.raises(AmountError, match=r"twee cijfers achter de komma, bijvoorbeeld 1\.250,50"):
        parse_amount("1,255")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1250.5"), "€ 1.250,50"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("1000000"), "€ 1.000.000,00"),
        (Decimal("-12.3"), "€ -12,30"),
        (None, ""),
    ],
)
def test_it_writes_amounts_the_dutch_way(value, text):
    assert euro(value) == text


def test_the_template_filter_is_available_everywhere():
    template = engines["django"].from_string("{{ amount|euro }}")
    assert template.render({"amount": Decimal("1250.50")}) == "€ 1.250,50"


class AmountForm(forms.Form):
    amount = DutchAmountField(min_value=Decimal("0.01"))


@pytest.mark.parametrize("text", ["1.250,50", "€ 1.250,50", "1250,5"])
def test_the_form_field_accepts_dutch_input(text):
    form = AmountForm({"amount": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1250.50")


def test_the_form_field_refuses_with_a_dutch_message_and_keeps_the_text():
    form = AmountForm({"amount": "1,250.50"})
    assert not form.is_valid()
    assert "bijvoorbeeld 1.250,50" in form.errors["amount"][0]
    assert 'value="1,250.50"' in str(form["amount"])


def test_the_form_field_refuses_too_large_and_too_small_amounts():
    assert "te groot" in AmountForm({"amount": "123.456.789.012"}).errors["amount"][0]
    assert "minstens 0,01" in AmountForm({"amount": "0"}).errors["amount"][0]


def test_the_form_field_shows_a_stored_amount_the_dutch_way():
    form = AmountForm(initial={"amount": Decimal("2000.00")})
    html = str(form["amount"])
    assert 'value="2.000,00"' in html
    assert 'inputmode="decimal"' in html and 'type="text"' in html
