"""Every digest section reads only the items it shows and counts the rest in SQL: with more
items than a section shows, the preview and the e-mail show the first ones and the right total,
and far fewer rows are read than there are items."""

import datetime as dt
from collections import Counter

from django.contrib.auth.models import Permission
from django.db.models.signals import post_init
from django.urls import reverse
from django.utils import timezone

import pytest

from contacts.models import ContactMoment, FollowUp, Question, QuestionEscalation
from contacts.tests.factories import ContactMomentFactory, FollowUpFactory, QuestionFactory
from initiatives.models import Initiative, Status
from initiatives.tests.factories import InitiativeFactory
from kernen.models import AgendaItem
from kernen.tests.factories import AgendaItemFactory, KcpAssignmentFactory, KernFactory
from kernportal import digest
from kernportal.delivery import digests_build_for, digests_send
from kernportal.digest import sections
from kernportal.models import OutboxEmail
from roles.models import ParticipationReview
from roles.tests.factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db

SHOWN = 3  # SECTION_LIMIT in these tests, so a handful of rows is "more than is shown"
MANY = 12  # items per section: four times as many as a section shows
READ = (FollowUp, Question, Initiative, ContactMoment, AgendaItem, ParticipationReview)


@pytest.fixture(autouse=True)
def small_sections(monkeypatch):
    monkeypatch.setattr(digest, "SECTION_LIMIT", SHOWN)


def kcp_with_many_items():
    """A KCP (also receiving escalations) with MANY items for every section."""
    assignment = KcpAssignmentFactory()
    kern, user = assignment.kern, assignment.user
    elsewhere = KernFactory()
    now = timezone.now()
    today = timezone.localdate()
    for n in range(MANY):
        FollowUpFactory(
            contact_moment__kern=kern,
            owner=user,
            due_date=today - dt.timedelta(days=MANY - n),
            description=f"Actie {n:02}",
        )
        QuestionFactory(kern=kern, received_at=now - dt.timedelta(hours=MANY - n))
        QuestionFactory(kern=elsewhere, status="routed", routed_to=user)
        InitiativeFactory(kernen=[kern], created_at=now - dt.timedelta(days=n + 1))
        InitiativeFactory(
            contact_official=user,
            kernen=[elsewhere],
            status=Status.PLAN,
            last_activity_at=now - dt.timedelta(days=90 + n),
        )
        ContactMomentFactory(kern=kern, happened_at=now + dt.timedelta(days=1, minutes=n))
        AgendaItemFactory(kern=kern, start_date=today + dt.timedelta(days=2))
        ParticipationRequestFactory(kernen=[kern])
        QuestionEscalation.objects.create(
            question=QuestionFactory(kern=elsewhere, late=True),
            level=QuestionEscalation.Level.AREA_DIRECTOR,
        )
    user.user_permissions.add(Permission.objects.get(codename="receive_question_escalations"))
    return user


def totals_expected(recipients=1):
    """Each section's total: meetings hold the moments and the agenda items, and a receiver
    of escalations sees those of every kern (each KCP made MANY)."""
    special = {"meetings": 2 * MANY, "questions_escalated": MANY * recipients}
    return {s.key: special.get(s.key, MANY) for s in sections()}


@pytest.fixture
def instances(monkeypatch):
    """How many model instances of READ were made from database rows, per model."""
    made = Counter()

    def count(sender, **kwargs):
        if sender in READ:
            made[sender.__name__] += 1

    post_init.connect(count, weak=False)
    yield made
    post_init.disconnect(count)


@pytest.mark.parametrize("others", [0, 2], ids=["one recipient", "a batch"])
def test_each_section_reads_its_first_items_and_counts_the_rest(instances, others):
    user = kcp_with_many_items()
    batch = [user.pk] + [kcp_with_many_items().pk for _ in range(others)]
    instances.clear()
    built = digests_build_for(batch, timezone.now())
    recipients = len(batch)
    for digest_ in built.values():
        shown = {s.key: items for s, items in digest_.sections}
        assert {key: items.total for key, items in shown.items()} == totals_expected(recipients)
        assert all(len(items) == SHOWN for items in shown.values())
        assert digest_.item_count == sum(totals_expected(recipients).values())
    # Reading every item would make MANY (or more) instances per recipient of each model;
    # the sections make at most a few groups' first SHOWN each.
    for model, made in instances.items():
        assert made < MANY * recipients, (model, made)


def test_the_first_items_are_the_most_pressing_ones():
    user = kcp_with_many_items()
    built = digests_build_for([user.pk], timezone.now())[user.pk]
    shown = {s.key: items for s, items in built.sections}
    assert [i.title for i in shown["followups"]] == ["Actie 00", "Actie 01", "Actie 02"]
    for key, items in shown.items():  # every section shows its items soonest (or oldest) first
        order = [_moment(i.when) for i in items]
        assert order == sorted(order), key


def _moment(when):
    if isinstance(when, dt.datetime):
        return timezone.localdate(when), timezone.localtime(when).time()
    return when, dt.time.min


def test_the_email_shows_the_first_items_and_the_right_totals(django_capture_on_commit_callbacks):
    user = kcp_with_many_items()
    with django_capture_on_commit_callbacks():
        digests_send(user_ids=[user.pk], now=timezone.now())
    email = OutboxEmail.objects.get(kind="digest")
    total = sum(totals_expected().values())
    assert email.subject == f"Kernportal: {total} punten voor u"
    for body in (email.body_text, email.body_html):
        assert body.count("En nog 9 punten in Kernportal.") == len(sections()) - 1
        assert body.count("En nog 21 punten in Kernportal.") == 1  # the meetings
        assert "Actie 02" in body and "Actie 03" not in body
    assert email.body_html.count('class="digest-item"') == SHOWN * len(sections())


def test_the_preview_shows_the_first_items_and_the_right_totals(client):
    user = kcp_with_many_items()
    client.force_login(user)
    page = client.get(reverse("kernen:digest_preview")).content.decode()
    total = sum(totals_expected().values())
    assert f"Kernportal: {total} punten voor u" in page
    assert page.count('class="digest-item"') == SHOWN * len(sections())
    assert page.count("En nog 9 punten in Kernportal.") == len(sections()) - 1
    assert page.count("En nog 21 punten in Kernportal.") == 1
