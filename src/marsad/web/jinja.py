"""Jinja2 for the busiest page sections (the incident page), with Django's translations,
URLs, the reading direction and the few filters they use.

Django's template engine walks its node tree for every variable and tag; the incident page
took about 7 ms to render that way.  Jinja2 compiles a template to Python once and renders it
several times faster.  The other pages keep Django templates.

Translatable text is written ``{{ _("…") }}``, which both Jinja2 and ``makemessages`` read;
text with values in it is translated in Python and passed in (``makemessages`` reads only the
plain form from templates).
"""

from __future__ import annotations

from django.template import engines
from django.template.backends.utils import csrf_input
from django.template.defaultfilters import date, floatformat, linebreaksbr
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext, ngettext
from jinja2 import Environment


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _default_if_none(value, fallback=""):
    return fallback if value is None else value


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(url=_url, rtl=get_language_bidi)
    env.filters.update(
        date=date,
        default_if_none=_default_if_none,
        floatformat=floatformat,
        json_script=json_script,
        linebreaksbr=linebreaksbr,
    )
    return env


def render_fragment(request, template_name: str, context: dict) -> SafeString:
    """A Jinja2 template's HTML, to put into a page rendered by Django's engine.

    The CSRF field is worked out once: Django's Jinja2 backend passes a lazy value that makes
    a new masked token each time a form prints it (a dozen times on the incident page)."""
    template = engines["jinja2"].get_template(template_name).template
    return mark_safe(
        template.render({**context, "request": request, "csrf_input": csrf_input(request)})
    )
