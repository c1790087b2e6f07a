"""Who may see and change contacts, contact moments, follow-ups and questions.
Capability is a permission; scope is the KCP relation (or "all kernen" for managers)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kernen.access import can_manage_all_kernen, can_work_in_kern, is_current_kcp, require_staff
from kernen.models import CommunityGroup
from kernen.selectors import my_kern_ids

from .models import ContactMoment, FollowUp, Membership, Organisation, Person, Question


def require_view(user, perm: str) -> None:
    require_staff(user)
    if not user.has_perm(perm):
        raise PermissionDenied


def get_person_for_user(user, pk: int, *, write: bool = False) -> Person:
    require_view(user, "contacts.view_person")
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    if write:
        if not user.has_perm("contacts.change_person"):
            raise PermissionDenied
        kern_ids = set(person.kernen.values_list("pk", flat=True))
        if not (can_manage_all_kernen(user) or not kern_ids or kern_ids & my_kern_ids(user)):
            raise PermissionDenied
    return person


def get_moment_for_user(user, pk: int, *, write: bool = False) -> ContactMoment:
    """Read: anyone who may read contact moments. Write (correct it, its follow-ups): whoever
    may log moments for its kern."""
    require_view(user, "contacts.view_contactmoment")
    moment = get_object_or_404(ContactMoment.objects.select_related("kern", "created_by"), pk=pk)
    if write and not can_edit_moment(user, moment):
        raise PermissionDenied
    return moment


def can_edit_moment(user, moment: ContactMoment) -> bool:
    return can_work_in_kern(user, moment.kern, "contacts.change_contactmoment")


def require_moment_writer(user, kern) -> None:
    """Whoever may log or correct contact moments of `kern` (the gate of the participant
    searches the contact-moment form asks): 403 for anyone else."""
    if not (
        can_work_in_kern(user, kern, "contacts.add_contactmoment")
        or can_work_in_kern(user, kern, "contacts.change_contactmoment")
    ):
        raise PermissionDenied


def get_followup_for_user(user, pk: int) -> FollowUp:
    """Ticking off: the owner, or whoever may change contact moments of that kern."""
    require_staff(user)
    followup = get_object_or_404(FollowUp.objects.select_related("contact_moment__kern"), pk=pk)
    if followup.owner_id == user.pk:
        return followup
    if can_work_in_kern(user, followup.contact_moment.kern, "contacts.change_followup"):
        return followup
    raise PermissionDenied


def can_route(user, question: Question) -> bool:
    """Answer, route and close: the KCP handling it or of its kern, and managers."""
    if not user.has_perm("contacts.route_question"):
        return False
    return (
        question.assigned_to_id == user.pk
        or can_manage_all_kernen(user)
        or is_current_kcp(user, question.kern)
    )


def can_answer(user, question: Question) -> bool:
    if not question.is_open:
        return False
    if can_route(user, question):
        return True
    return user.has_perm("contacts.answer_question") and question.routed_to_id == user.pk


def get_question_for_user(user, pk: int, *, action: str = "view") -> Question:
    """The one gate for questions. A colleague sees only questions routed to them and the
    ones they asked; others are a 404 so their existence is not revealed.
    `action`: "view", "answer" or "route" (route also covers close)."""
    require_view(user, "contacts.view_question")
    question = get_object_or_404(
        Question.objects.select_related("kern", "assigned_to", "routed_to", "asked_by"), pk=pk
    )
    visible = (
        user.has_perm("contacts.view_all_questions")
        or user.pk in (question.assigned_to_id, question.routed_to_id, question.asked_by_id)
        or can_route(user, question)
    )
    if not visible:
        raise Http404
    if action == "answer" and not can_answer(user, question):
        raise PermissionDenied
    if action == "route" and not can_route(user, question):
        raise PermissionDenied
    return question


def can_view_moments(user) -> bool:
    return user.has_perm("contacts.view_contactmoment")


def can_link_agenda(user, kern) -> bool:
    """Link agenda items to contact moments: whoever may change both in this kern."""
    return can_work_in_kern(user, kern, "kernen.change_agendaitem") and can_work_in_kern(
        user, kern, "contacts.change_contactmoment"
    )


def can_view_persons(user) -> bool:
    return user.has_perm("contacts.view_person")


def can_edit_persons(user) -> bool:
    return user.has_perm("contacts.change_person")


def can_view_followups(user) -> bool:
    return user.has_perm("contacts.view_followup")


def can_view_questions(user) -> bool:
    return user.has_perm("contacts.view_question")


def can_view_all_questions(user) -> bool:
    return user.has_perm("contacts.view_all_questions")


def can_ask_internal(user) -> bool:
    return user.has_perm("contacts.ask_internal_question")


def require_ask_internal(user) -> None:
    if not can_ask_internal(user):
        raise PermissionDenied


def handling_kern_ids(user) -> set[int]:
    """The kernen whose questions `user` handles as KCP: theirs, if they may route questions."""
    return my_kern_ids(user) if user.has_perm("contacts.route_question") else set()


def groups_for_user(user):
    """Community groups `user` may add people to or edit memberships of: those of the kernen
    they are KCP of, or all groups for whoever manages all kernen."""
    groups = CommunityGroup.objects.select_related("kern")
    if can_manage_all_kernen(user):
        return groups
    return groups.filter(kern_id__in=my_kern_ids(user))


def can_manage_group(user, group) -> bool:
    return can_manage_all_kernen(user) or group.kern_id in my_kern_ids(user)


def get_membership_for_user(user, pk: int) -> Membership:
    """A membership to change or end: the group must be of one of the user's kernen."""
    require_view(user, "contacts.change_membership")
    membership = get_object_or_404(
        Membership.objects.select_related("person", "group__kern"), pk=pk
    )
    if not can_manage_group(user, membership.group):
        raise PermissionDenied
    return membership


def get_organisation_for_user(user, pk: int, *, write: bool = False) -> Organisation:
    """Read: whoever may read contacts. Write: `change_organisation`, and an organisation that
    is a kern's community group only by the KCP of that kern (or a manager of all kernen)."""
    require_view(user, "contacts.view_organisation")
    organisation = get_object_or_404(
        Organisation.objects.select_related("community_group__kern"), pk=pk
    )
    if write and not can_edit_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def can_edit_organisation(user, organisation: Organisation) -> bool:
    if not user.has_perm("contacts.change_organisation"):
        return False
    group = organisation.community_group
    return group is None or can_manage_group(user, group)
