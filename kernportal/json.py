"""JSON helpers shared by the apps."""

import json

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class HtmlSafeJSONEncoder(json.JSONEncoder):
    """JSON whose strings cannot close a tag, even if someone serves it as HTML."""

    def encode(self, o):
        return super().encode(o).translate(_JSON_ESCAPES)
