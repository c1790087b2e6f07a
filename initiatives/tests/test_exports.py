"""The exports hold any stored text: control characters never break them, formulas never run."""

import csv
import io
import zipfile

from django.urls import reverse

import openpyxl
import pytest

from kernen.tests.factories import UserFactory

from .factories import CoFundingFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

NASTY = "Feest\x1b in\x01 het\x07 dorp\r\nmet\x85 muziek\x7f"  # PostgreSQL refuses \x00 itself


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))


def test_it_exports_a_title_with_control_characters_to_excel(client_for, regisseur, kern):
    InitiativeFactory(title=NASTY, kernen=[kern])
    response = client_for(regisseur).get(reverse("initiatives:export_xlsx"))
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert rows[1][1] == "Feest in het dorp\nmet muziek"


def test_it_exports_a_title_with_control_characters_to_csv(client_for, regisseur, kern):
    InitiativeFactory(title=NASTY, kernen=[kern])
    response = client_for(regisseur).get(reverse("initiatives:export_csv"))
    assert response.status_code == 200
    assert response.streaming  # rows leave as they are read
    assert csv_rows(response)[1][1] == "Feest in het dorp\nmet muziek"


def test_control_characters_in_a_staff_name_are_removed_too(client_for, regisseur, kern):
    official = UserFactory(first_name="An\x1bna", last_name="Smit")
    InitiativeFactory(title="Speeltuin", kernen=[kern], contact_official=official)
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client_for(regisseur).get(reverse("initiatives:export_xlsx")).getvalue())
        ).active.values
    )
    assert rows[1][5] == "Anna Smit"


@pytest.mark.parametrize("title", ["=1+2", "+31 6", "-Buurtfeest", "@SUM(A1)"])
def test_a_formula_start_is_neutralised_in_csv(client_for, regisseur, kern, title):
    InitiativeFactory(title=title, kernen=[kern])
    assert csv_rows(client_for(regisseur).get(reverse("initiatives:export_csv")))[1][1] == (
        "'" + title
    )


def test_a_formula_is_stored_as_text_in_excel(client_for, regisseur, kern):
    InitiativeFactory(title='=HYPERLINK("http://x","klik")', kernen=[kern])
    content = client_for(regisseur).get(reverse("initiatives:export_xlsx")).getvalue()
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula cell anywhere
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    assert rows[1][1] == '=HYPERLINK("http://x","klik")'  # the text itself, unchanged


@pytest.mark.parametrize("name", ["export_csv", "export_xlsx"])
def test_an_export_runs_as_many_queries_for_many_rows_as_for_one(
    client_for, regisseur, kern, constant_queries, name
):
    InitiativeFactory(kernen=[kern])
    client = client_for(regisseur)

    def add_rows():
        for initiative in InitiativeFactory.create_batch(30, kernen=[kern]):
            CoFundingFactory(initiative=initiative)

    def fetch():
        response = client.get(reverse(f"initiatives:{name}"))
        response.getvalue()  # a streamed export queries while it is read
        return response

    constant_queries(fetch, add_rows)
