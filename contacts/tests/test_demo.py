from django.core.management import call_command
from django.utils import timezone

import pytest

from contacts.models import FollowUp, Question
from kernen.agenda import agenda_items_for, two_agendas
from kernen.models import Kern

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_part_of_relationship_management(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    followups = FollowUp.objects.open().filter(owner__username="demo-kcp")
    assert followups.filter(due_date__lt=timezone.localdate()).exists()
    assert followups.filter(due_date__gte=timezone.localdate()).exists()
    panningen = Kern.objects.get(slug="panningen")
    assert two_agendas(agenda_items_for(panningen))["clashes"] >= 1
    assert Question.objects.filter(routed_to__username="demo-medewerker").exists()
    assert set(Question.objects.values_list("status", flat=True)) >= {"new", "routed", "answered"}


def test_the_demo_kcp_dashboard_shows_meetings_a_late_question_and_a_dorpsraad(client, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.urls import reverse

    from contacts.models import Question
    from kernen.models import CommunityGroup, KcpAssignment

    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    assert CommunityGroup.objects.filter(kind=CommunityGroup.Kind.DORPSRAAD).count() >= 3
    assert KcpAssignment.objects.past().exists()
    assert any(q.is_late() for q in Question.objects.awaiting_response())
    client.force_login(get_user_model().objects.get(username="demo-kcp"))
    html = client.get(reverse("kernen:dashboard")).content.decode()
    assert "Dorpsavond – Panningen" in html  # a planned meeting
    assert "Schouw openbare ruimte met de dorpsraad" in html  # the agenda of the next weeks
    assert "werkdagen te laat" in html
    kern_page = client.get(reverse("kernen:detail", args=["panningen"])).content.decode()
    assert "Dorpsraad Panningen" in kern_page and "Eerdere toewijzingen" in kern_page
    assert "Harrie Janssen</a> – voorzitter, sinds 1 september 2022" in kern_page
