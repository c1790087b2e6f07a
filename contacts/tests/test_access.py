from django.core.exceptions import PermissionDenied
from django.http import Http404

import pytest

from contacts import access
from contacts.models import Question
from kernen.tests.factories import UserFactory

from .factories import FollowUpFactory, PersonFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_colleague_sees_only_questions_routed_to_them_and_their_own(kern, colleague):
    routed = QuestionFactory(kern=kern, status="routed", routed_to=colleague)
    asked = QuestionFactory(kern=kern, internal=True, asked_by=colleague)
    other = QuestionFactory(kern=kern)
    assert access.get_question_for_user(colleague, routed.pk) == routed
    assert access.get_question_for_user(colleague, asked.pk) == asked
    with pytest.raises(Http404):
        access.get_question_for_user(colleague, other.pk)
    assert set(Question.objects.visible_to(colleague)) == {routed, asked}


def test_a_colleague_may_answer_a_routed_question_but_not_route_it(kern, colleague):
    routed = QuestionFactory(kern=kern, status="routed", routed_to=colleague)
    assert access.get_question_for_user(colleague, routed.pk, action="answer") == routed
    with pytest.raises(PermissionDenied):
        access.get_question_for_user(colleague, routed.pk, action="route")


def test_the_asking_colleague_cannot_answer_their_own_question(kern, colleague):
    asked = QuestionFactory(kern=kern, internal=True, asked_by=colleague)
    with pytest.raises(PermissionDenied):
        access.get_question_for_user(colleague, asked.pk, action="answer")


def test_the_kcp_routes_questions_of_their_kern_only(kern, kcp, other_kern):
    mine = QuestionFactory(kern=kern)
    theirs = QuestionFactory(kern=other_kern)
    assert access.get_question_for_user(kcp, mine.pk, action="route") == mine
    with pytest.raises(Http404):
        access.get_question_for_user(kcp, theirs.pk)


def test_the_regisseur_routes_everywhere_and_the_wethouder_only_reads(kern, regisseur, wethouder):
    question = QuestionFactory(kern=kern)
    assert access.get_question_for_user(regisseur, question.pk, action="route")
    assert access.get_question_for_user(wethouder, question.pk) == question
    with pytest.raises(PermissionDenied):
        access.get_question_for_user(wethouder, question.pk, action="answer")


def test_an_outsider_gets_no_question(kern, outsider):
    with pytest.raises(PermissionDenied):
        access.get_question_for_user(outsider, QuestionFactory(kern=kern).pk)


def test_a_kcp_changes_contacts_of_their_kernen_only(kern, kcp, other_kern):
    assert access.get_person_for_user(kcp, PersonFactory(kernen=[kern]).pk, write=True)
    assert access.get_person_for_user(kcp, PersonFactory().pk, write=True)
    with pytest.raises(PermissionDenied):
        access.get_person_for_user(kcp, PersonFactory(kernen=[other_kern]).pk, write=True)


def test_a_colleague_reads_contacts_but_cannot_change_them(kern, colleague):
    person = PersonFactory(kernen=[kern])
    assert access.get_person_for_user(colleague, person.pk) == person
    with pytest.raises(PermissionDenied):
        access.get_person_for_user(colleague, person.pk, write=True)


def test_the_owner_or_the_kcp_ticks_off_a_followup(kern, kcp, other_kcp):
    owner = UserFactory(groups=["medewerker"])
    followup = FollowUpFactory(contact_moment__kern=kern, owner=owner)
    assert access.get_followup_for_user(owner, followup.pk) == followup
    assert access.get_followup_for_user(kcp, followup.pk) == followup
    with pytest.raises(PermissionDenied):
        access.get_followup_for_user(other_kcp, followup.pk)


def test_only_who_may_log_moments_of_the_kern_may_search_its_participants(
    kern, kcp, other_kcp, colleague, regisseur
):
    access.require_moment_writer(kcp, kern)
    access.require_moment_writer(regisseur, kern)  # manages all kernen
    for user in (other_kcp, colleague):
        with pytest.raises(PermissionDenied):
            access.require_moment_writer(user, kern)
