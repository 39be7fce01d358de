"""The fonts reports use, and how each output format gets them.

The shipped Noto Sans Arabic (``marsad/data/fonts``, Arabic and Latin glyphs) is
embedded in PDFs by WeasyPrint and drawn by vl-convert in charts and maps. HTML reports embed the
web app's WOFF2 subsets of the same font as data URIs (smaller), or the TTF files without them.
"""

from __future__ import annotations

import base64
import functools
from importlib import resources
from pathlib import Path

FAMILY = "Noto Sans Arabic"
_WEIGHTS = {400: "NotoSansArabic-Regular.ttf", 700: "NotoSansArabic-Bold.ttf"}
# The web app's subsets and the Unicode ranges each covers (see marsad/web/static/marsad/fonts.css).
_ARABIC_RANGE = (
    "U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0898-08E1, U+08E3-08FF, "
    "U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC"
)
_LATIN_RANGE = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, "
    "U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"
)


def font_dir() -> Path:
    return Path(str(resources.files("marsad") / "data" / "fonts"))


@functools.lru_cache(maxsize=1)
def register_chart_fonts() -> None:
    """Give vl-convert the Arabic font (once per process): report charts and dashboard exports."""
    import vl_convert

    vl_convert.register_font_directory(str(font_dir()))


def pdf_font_css() -> str:
    """``@font-face`` rules pointing WeasyPrint at the TTF files."""
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
        f'src: url("{(font_dir() / name).as_uri()}") format("truetype"); }}'
        for weight, name in _WEIGHTS.items()
    )


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@functools.lru_cache(maxsize=1)
def html_font_css() -> str:
    """``@font-face`` rules with the fonts inside them, so the page needs nothing else."""
    web = Path(str(resources.files("marsad") / "web" / "static" / "marsad" / "fonts"))
    rules = []
    for weight, ttf in _WEIGHTS.items():
        subsets = [
            (web / f"noto-sans-arabic-{subset}-{weight}-normal.woff2", unicode_range)
            for subset, unicode_range in (("arabic", _ARABIC_RANGE), ("latin", _LATIN_RANGE))
        ]
        if all(path.is_file() for path, _ in subsets):
            for path, unicode_range in subsets:
                rules.append(
                    f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
                    f'src: url("{_data_uri(path, "font/woff2")}") format("woff2"); '
                    f"unicode-range: {unicode_range}; }}"
                )
        else:
            uri = _data_uri(font_dir() / ttf, "font/ttf")
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
                f'src: url("{uri}") format("truetype"); }}'
            )
    return "\n".join(rules)
