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
