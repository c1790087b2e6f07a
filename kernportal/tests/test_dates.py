"""One date-sanity helper for every model, and dates written one way everywhere."""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template

import pytest

from contacts.models import Membership
from kernen.tests.factories import KcpAssignmentFactory
from kernportal.dates import check_dates, format_date
from roles.tests.factories import QuietPeriodFactory

TODAY = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("start", "end", "errors"),
    [
        (datetime.date(2026, 12, 3), None, {}),
        (datetime.date(1, 1, 1), None, {"start_date": "Kies een datum tussen 1 januari 2000"}),
        (datetime.date(9999, 12, 31), None, {"start_date": "Kies een datum tussen"}),
        (None, datetime.date(9999, 1, 1), {"end_date": "en 31 december 2036."}),
        (datetime.date(2026, 5, 2), datetime.date(2026, 5, 1), {"end_date": "De einddatum ligt"}),
    ],
)
def test_it_names_each_senseless_date_next_to_its_field(start, end, errors):
    if not errors:
        check_dates(start=start, end=end, today=TODAY)
        return
    with pytest.raises(ValidationError) as raised:
        check_dates(start=start, end=end, today=TODAY)
    found = raised.value.message_dict
    assert set(found) == set(errors)
    for field, text in errors.items():
        assert text in found[field][0]


def test_the_past_is_refused_only_where_asked():
    past = TODAY - datetime.timedelta(days=1)
    check_dates(start=past, today=TODAY)
    with pytest.raises(ValidationError, match="in het verleden"):
        check_dates(start=past, allow_past=False, today=TODAY)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "build",
    [
        lambda: KcpAssignmentFactory.build(start_date=datetime.date(1, 1, 1)),
        lambda: QuietPeriodFactory.build(
            start_date=datetime.date(2026, 1, 1), end_date=datetime.date(9999, 1, 1)
        ),
        lambda: Membership(start_date=datetime.date(1, 1, 1)),
    ],
)
def test_models_use_the_helper_in_clean(build):
    with pytest.raises(ValidationError, match="Kies een datum tussen"):
        build().clean()


@pytest.mark.django_db
def test_a_staff_absence_in_year_9999_is_refused():
    from kernen.tests.factories import UserFactory

    profile = UserFactory().profile
    profile.absent_until = datetime.date(9999, 1, 1)
    with pytest.raises(ValidationError) as raised:
        profile.clean()
    assert "absent_until" in raised.value.message_dict


@pytest.mark.django_db
def test_a_new_participation_request_cannot_start_in_the_past():
    from roles.tests.factories import ParticipationRequestFactory

    request = ParticipationRequestFactory.build(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 2)
    )
    with pytest.raises(ValidationError, match="in het verleden"):
        request.clean()


def test_dates_are_written_one_way():
    moment = datetime.datetime(2026, 12, 3, 13, 30, tzinfo=datetime.UTC)  # 14.30 in Amsterdam
    assert format_date(datetime.date(2026, 12, 3)) == "3 december 2026"
    rendered = Template('{{ d|date }} / {{ m|date:"DATETIME_FORMAT" }}').render(
        Context({"d": datetime.date(2026, 1, 28), "m": moment})
    )
    assert rendered == "28 januari 2026 / 3 december 2026, 14.30"


ALLOWED = {"DATETIME_FORMAT", "F Y", "c", "l"}


def test_no_template_writes_a_date_its_own_way():
    """Only |date, |date:"DATETIME_FORMAT", a month heading ("F Y"), a weekday ("l") or a
    machine-readable "c" are allowed: no "28 Jan" beside "19 november"."""
    odd = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in ALLOWED:
                odd.append((path.name, fmt))
    assert odd == []


def test_no_python_display_code_formats_dates_by_hand():
    odd = []
    for app in ("contacts", "kernen", "initiatives", "roles", "kernportal"):
        for path in Path(settings.BASE_DIR, app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts or path.name == "exports.py":
                continue
            if re.search(r":%d-%m-%Y|%d %b|%b %Y", path.read_text()):
                odd.append(path.name)
    assert odd == []
