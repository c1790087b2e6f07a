"""Serving uploaded files, always after the view checked access.

Uploaded files have no public URL: a view checks who asks, then returns `serve_file(...)`.
How the bytes travel is a deployment choice (`KERNPORTAL_FILE_SERVING`):

- `django` (default): streamed by Django (`FileResponse`), from any storage backend,
  including object storage through django-storages.
- `nginx`: an empty response with `X-Accel-Redirect: <KERNPORTAL_FILE_ACCEL_PREFIX><name>`;
  nginx sends the file from an `internal` location, so a web worker is not tied up.
- `sendfile`: an empty response with `X-Sendfile: <absolute path>` (Apache mod_xsendfile,
  lighttpd).

The proxy ways need the files on a disk the proxy can read (FileSystemStorage).
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def serve_file(field_file, *, filename: str, content_type: str, as_attachment: bool = True):
    """The response for an uploaded file the caller has already authorised."""
    mode = settings.KERNPORTAL_FILE_SERVING
    if mode == "django":
        return FileResponse(
            field_file.open("rb"),
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    if mode == "nginx":
        response["X-Accel-Redirect"] = quote(
            settings.KERNPORTAL_FILE_ACCEL_PREFIX + field_file.name
        )
    else:
        response["X-Sendfile"] = field_file.path
    return response
