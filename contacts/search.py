"""What contacts offers the staff search (kernportal/search.py): contact persons,
organisations, contact moments and questions, each scoped by contacts' access rules."""

from django.utils.translation import gettext_lazy as _

from kernen.models import KcpAssignment
from kernportal import search

from . import access
from .models import ContactMoment, Organisation, Person, Question


@search.register(
    "contacten",
    heading=_("Contactpersonen"),
    template="contacts/search_person.html",
    fields=("name", "role", "email", "notes"),
    may_search=access.can_view_persons,
    order=20,
)
def persons(user):
    return Person.objects.all()


@search.register(
    "organisaties",
    heading=_("Organisaties"),
    template="contacts/search_organisation.html",
    fields=("name", "notes"),
    may_search=lambda user: user.has_perm("contacts.view_organisation"),
    order=30,
    stored_vector=False,  # a few hundred rows: matched on the fly
)
def organisations(user):
    return Organisation.objects.all()


@search.register(
    "contactmomenten",
    heading=_("Contactmomenten"),
    template="contacts/search_moment.html",
    fields=("summary", "agreements"),
    may_search=access.can_view_moments,
    order=40,
)
def moments(user):
    return ContactMoment.objects.select_related("kern")


@search.register(
    "vragen",
    heading=_("Vragen"),
    template="contacts/search_question.html",
    fields=("text", "answer", "asker_name"),
    may_search=access.can_view_questions,
    order=60,
)
def questions(user):
    # The user's kernen as a subquery: the scope stays inside the one search query.
    kern_ids = KcpAssignment.objects.current().filter(user=user).values("kern_id")
    return Question.objects.visible_to(user, kern_ids).select_related("kern")
