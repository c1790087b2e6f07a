"""Personal data initiatives holds (see kernportal/privacy.py): initiators' contact details
and the attachments they sent. Anonymising goes through `services.initiative_anonymise`."""

from kernportal.privacy import PersonalData, each

from . import services
from .models import Attachment, Initiative
from .models.process import OPEN


def _initiatives(email):
    return Initiative.objects.filter(initiator_email__iexact=email.strip())


def _initiatives_export(rows):
    return [
        {
            "titel": i.title,
            "omschrijving": i.description,
            "naam": i.initiator_name,
            "e-mailadres": i.initiator_email,
            "telefoon": i.initiator_phone,
            "mag openbaar": i.may_publish,
            "akkoord privacyverklaring op": i.privacy_consent_at.isoformat(),
            "versie privacyverklaring": i.privacy_consent_version,
            "ingediend op": i.created_at.isoformat(),
            "status": i.get_status_display(),
            "bijlagen": [a.original_name for a in i.attachments.all()],
        }
        for i in rows
    ]


def _closed_before(cutoff):
    return Initiative.objects.exclude(status__in=OPEN).filter(last_activity_at__lt=cutoff)


def _initiatives_expired(cutoff):
    """Initiatives closed, without activity since the cutoff, not yet anonymised."""
    return _closed_before(cutoff).filter(anonymised_at__isnull=True)


def _attachments(email):
    return Attachment.objects.filter(initiative__initiator_email__iexact=email.strip())


def _attachments_export(rows):
    return [
        {
            "bestand": a.original_name,
            "soort": a.content_type,
            "toegevoegd op": a.uploaded_at.isoformat(),
        }
        for a in rows
    ]


def _attachments_delete(rows, *, by=None):
    return services.attachment_delete(attachments=list(rows))


def _attachments_expired(cutoff):
    return Attachment.objects.filter(initiative__in=_closed_before(cutoff))


HANDLERS = [
    PersonalData(
        kind="initiators",
        label="Initiatiefnemers",
        find=_initiatives,
        export=_initiatives_export,
        anonymise=each(services.initiative_anonymise, "initiative"),
        expired=_initiatives_expired,
    ),
    PersonalData(
        kind="attachments",
        label="Bijlagen bij initiatieven",
        find=_attachments,
        export=_attachments_export,
        anonymise=_attachments_delete,
        expired=_attachments_expired,
    ),
]
