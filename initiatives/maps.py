"""What the maps need in the browser: the tile service and the kern centres.

The server never fetches tiles; residents' browsers do, from `KERNPORTAL_MAP_TILE_URL`. When
the tiles cannot load (or none is configured) the maps still show every kern as a named
point, and the page always has plain fields beside the map."""

from django.conf import settings

from kernen.models import Kern


def map_config() -> dict:
    """For `json_script`: tiles, attribution and the active kernen's centres. One query."""
    kernen = Kern.objects.active().filter(latitude__isnull=False, longitude__isnull=False)
    return {
        "tiles": settings.KERNPORTAL_MAP_TILE_URL,
        "attribution": settings.KERNPORTAL_MAP_ATTRIBUTION,
        "kernen": [
            {"id": k.pk, "name": k.name, "lat": float(k.latitude), "lng": float(k.longitude)}
            for k in kernen.order_by("name").only("pk", "name", "latitude", "longitude")
        ],
    }
