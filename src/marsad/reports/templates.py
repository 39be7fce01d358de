"""The standalone Django template engine of reports (works without Django settings)."""

from __future__ import annotations

import functools
from pathlib import Path

from django.template import Engine

DEFAULT_DIR = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=8)
def _engine(template_dir: str | None, autoescape: bool) -> Engine:
    dirs = [str(DEFAULT_DIR)]
    if template_dir:
        dirs.insert(0, template_dir)  # a copied template wins; missing ones fall back
    return Engine(dirs=dirs, autoescape=autoescape, libraries={}, debug=False)


def render(
    name: str,
    context: dict[str, object],
    template_dir: str | Path | None = None,
    *,
    autoescape: bool = True,
) -> str:
    """Render ``marsad/reports/<name>`` with ``context``."""
    from django.template import Context

    engine = _engine(str(template_dir) if template_dir else None, autoescape)
    template = engine.get_template(f"marsad/reports/{name}")
    # use_l10n=False: numbers are written by the report itself, and l10n would need settings.
    return template.render(Context(context, autoescape=autoescape, use_l10n=False))
