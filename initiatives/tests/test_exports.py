"""The exports hold any stored text: control characters never break them, formulas never run."""

import csv
import io
import zipfile

from django.urls import reverse

import openpyxl
import pytest

from kernen.tests.factories import UserFactory

from .factories import CoFundingFactory, GrantFactory, InitiativeFactory

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


def test_each_row_holds_its_kernen_official_and_sums(client_for, regisseur, kern, other_kern):
    official = UserFactory(first_name="Anna", last_name="Smit")
    with_all = InitiativeFactory(
        title="Speeltuin", kernen=[other_kern, kern], contact_official=official
    )
    CoFundingFactory(initiative=with_all, amount="300.00")
    CoFundingFactory(initiative=with_all, amount="200.50")
    GrantFactory(initiative=with_all, kern=kern, amount="1000.00")
    GrantFactory(initiative=with_all, kern=kern, amount="250.00")
    InitiativeFactory(title="Zonder alles", kernen=[kern], contact_official=None)
    rows = {r[1]: r for r in csv_rows(client_for(regisseur).get(reverse("initiatives:export_csv")))}
    assert rows["Speeltuin"][2] == "Beringe, Egchel"
    assert rows["Speeltuin"][5] == "Anna Smit"
    assert rows["Speeltuin"][7:9] == ["1250,00", "500,50"]
    assert rows["Zonder alles"][5] == "" and rows["Zonder alles"][7:9] == ["0,00", "0,00"]


def test_a_long_export_queries_per_chunk_not_per_row(client_for, regisseur, kern, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives import exports

    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    InitiativeFactory.create_batch(12, kernen=[kern])
    client = client_for(regisseur)
    client.get(reverse("initiatives:export_csv")).getvalue()  # warm the session
    with CaptureQueriesContext(connection) as queries:
        rows = csv_rows(client.get(reverse("initiatives:export_csv")))
    assert len(rows) == 13
    kernen_queries = [
        q for q in queries.captured_queries if "initiatives_initiative_kernen" in q["sql"]
    ]
    assert len(kernen_queries) == 3  # chunks of 5, 5 and 2
