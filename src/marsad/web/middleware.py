from urllib.parse import urlsplit

from django.conf import settings

from marsad import memo


def _tile_origin() -> str:
    """The origin of the optional tile server, the only other place images may come from."""
    parts = urlsplit(getattr(settings, "MARSAD_MAP_TILES", "") or "")
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


class ContentSecurityPolicyMiddleware:
    """Only this server's own scripts, styles, fonts and images; no inline script, no framing.

    The admin's few inline ``style`` attributes need 'unsafe-inline' for styles only.  Images
    may also come from the tile server when ``MARSAD_MAP_TILES`` is set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:{_tile_origin()}; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        return response


class RequestMemoMiddleware:
    """Values such as the active codebook are read once per request (:mod:`marsad.memo`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with memo.scope():
            return self.get_response(request)
