import datetime

from django.urls import reverse

import pytest
import time_machine

from kernen.models import StaffProfile
from kernen.tests.factories import KcpAssignmentFactory
from kernportal.models import DigestDelivery

AMS = datetime.timezone(datetime.timedelta(hours=1))

pytestmark = pytest.mark.django_db

URL = reverse("kernen:digest_preview")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_without_staff_capability_is_forbidden(client_for, outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_it_previews_the_next_digest_as_it_would_be_sent(client_for, kernen_section):
    user = KcpAssignmentFactory(kern__name="Egchel", kern__slug="egchel").user
    response = client_for(user).get(URL)
    assert response.status_code == 200
    assert "Kernportal: 1 punt voor u" in response.text
    assert "Kern Egchel" in response.text
    assert "Uw kernen" in response.text
    assert "De mail gaat om 7 uur" in response.text  # the hour of the beat schedule in the database


def test_it_says_when_the_digest_would_be_empty(client_for, colleague, kernen_section):
    response = client_for(colleague).get(URL)
    assert "Een lege overzichtsmail wordt niet verstuurd." in response.text


def test_it_saves_preferences(client_for, colleague):
    response = client_for(colleague).post(
        URL, {"digest_frequency": "daily", "digest_weekday": "2", "immediate_notifications": ""}
    )
    assert response.status_code == 302
    colleague.profile.refresh_from_db()
    assert colleague.profile.digest_frequency == "daily"
    assert colleague.profile.digest_weekday == 2
    assert colleague.profile.immediate_notifications is False


def test_it_rejects_an_unknown_frequency_in_dutch(client_for, colleague):
    response = client_for(colleague).post(
        URL, {"digest_frequency": "hourly", "digest_weekday": "0"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    colleague.profile.refresh_from_db()
    assert colleague.profile.digest_frequency == "weekly"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Tuesday after the 07:00 run, weekly on Monday, never sent: the next run catches up.
        (datetime.datetime(2026, 11, 24, 10, tzinfo=AMS), "woensdag 25 november 2026"),
        # Tuesday before the run: today's run catches up.
        (datetime.datetime(2026, 11, 24, 6, tzinfo=AMS), "dinsdag 24 november 2026"),
    ],
)
def test_the_next_send_day_is_never_in_the_past(client_for, colleague, now, expected):
    StaffProfile.objects.filter(user=colleague).update(
        digest_frequency=StaffProfile.DigestFrequency.WEEKLY,
        digest_weekday=StaffProfile.Weekday.MONDAY,
    )
    with time_machine.travel(now, tick=False):
        html = client_for(colleague).get(URL).content.decode()
    assert f"Volgende verzenddag: {expected}." in html


def test_after_this_weeks_digest_the_next_send_day_is_next_week(client_for, colleague):
    StaffProfile.objects.filter(user=colleague).update(
        digest_frequency=StaffProfile.DigestFrequency.WEEKLY,
        digest_weekday=StaffProfile.Weekday.MONDAY,
    )
    monday = datetime.datetime(2026, 11, 23, 7, tzinfo=AMS)
    DigestDelivery.objects.create(
        user=colleague,
        period=monday.date(),
        frequency="weekly",
        window_start=monday - datetime.timedelta(days=7),
        window_end=monday,
        status=DigestDelivery.Status.SENT,
    )
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=AMS), tick=False):
        html = client_for(colleague).get(URL).content.decode()
    assert "Volgende verzenddag: maandag 30 november 2026." in html


def test_the_preview_shows_the_first_items_of_each_section_with_the_count(
    scale_data, client, monkeypatch
):
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import timezone

    from kernportal.delivery import digest_preview_for

    monkeypatch.setattr("kernportal.digest.SECTION_LIMIT", 1)
    scale_data.grow()
    kcp = get_user_model().objects.get(pk=scale_data.busiest_kcp_id)
    full = {s.key: items.total for s, items in digest_preview_for(kcp, timezone.now()).sections}
    assert max(full.values()) > 1  # a section with more than is shown, or the test means nothing
    client.force_login(kcp)
    response = client.get(reverse("kernen:digest_preview"))
    # The e-mail's subject is rendered first, from the whole digest; the page's is the last.
    shown = [c for c in response.context if "digest" in c][-1]["digest"].sections
    assert {s.key: items.total for s, items in shown} == full
    assert all(len(items) == 1 for _, items in shown)
    page = response.content.decode()
    assert page.count('class="digest-item"') == len(full)
    assert "En nog" in page and "Alles bekijken" in page


def test_the_send_hour_is_read_once_and_follows_a_changed_schedule(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django_celery_beat.models import PeriodicTask

    from kernportal.delivery import DIGEST_TASK, digest_send_hour

    assert digest_send_hour() == "7"
    with django_assert_num_queries(0):
        assert digest_send_hour() == "7"
    crontab = PeriodicTask.objects.get(task=DIGEST_TASK).crontab
    crontab.hour = "6"
    with django_capture_on_commit_callbacks(execute=True):
        crontab.save()
    assert digest_send_hour() == "6"
    with django_capture_on_commit_callbacks(execute=True):
        PeriodicTask.objects.filter(task=DIGEST_TASK).get().delete()
    assert digest_send_hour() == "?"
