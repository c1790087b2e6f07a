"""The public map's data: one GeoJSON feature per public initiative."""

from django.utils.text import Truncator


def public_feature(initiative) -> dict:
    """One GeoJSON feature with public fields only: never the initiator or the token."""
    kernen = list(initiative.kernen.all())
    if initiative.latitude is not None:
        lat, lon = initiative.latitude, initiative.longitude
    elif kernen:
        lat, lon = kernen[0].latitude, kernen[0].longitude
    else:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": {
            "title": initiative.title,
            "summary": Truncator(initiative.description).chars(200),
            "kernen": [k.name for k in kernen],
            "theme": initiative.get_theme_display(),
            "status": initiative.get_status_display(),
            "url": initiative.get_public_url(),
        },
    }
