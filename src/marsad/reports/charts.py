"""Charts and maps as images, drawn server-side by vl-convert (Vega-Lite → SVG → PNG).

Why PNG in PDFs: WeasyPrint draws SVG text letter by letter, without Arabic shaping or
right-to-left ordering, so Arabic labels would come out as separate, reversed letters. resvg
(inside vl-convert) shapes text properly; charts and maps are rasterised by it at three times
their size, which prints sharply. HTML keeps the vector SVG (browsers shape text).
"""

from __future__ import annotations

import base64
import functools
import json
from typing import Any

from marsad.reports.fonts import register_chart_fonts

#: The Vega-Lite version of the chart specifications (``$schema`` v5) and of the HTML bundle.
VEGA_LITE_VERSION = "5.21"
_SCALE = 2.5  # about 240 dpi at the size the PDF prints them


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart drawn as SVG (the same specification is drawn once per process)."""
    return _chart_svg(json.dumps(spec, sort_keys=True, ensure_ascii=False))


@functools.lru_cache(maxsize=64)
def _chart_svg(spec_json: str) -> str:
    import vl_convert

    register_chart_fonts()
    return str(vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGA_LITE_VERSION))


@functools.lru_cache(maxsize=64)
def svg_png_uri(svg: str) -> str:
    """A PNG of ``svg`` (drawn by resvg with the report font) as a data URI."""
    import vl_convert

    register_chart_fonts()
    png = vl_convert.svg_to_png(svg, scale=_SCALE)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert, so the browser draws
    with the same versions as the server and the page needs no network)."""
    import vl_convert

    bundle = str(vl_convert.javascript_bundle(vl_version=VEGA_LITE_VERSION))
    return bundle.replace("</script", "<\\/script")  # it is inlined in a <script> element
