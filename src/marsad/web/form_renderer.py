"""Forms rendered by Jinja2 where Django ships Jinja2 templates for them.

Django renders each form widget through a template; with its own template engine the incident
page's dozen fields took about 5 ms.  Django ships the same widget templates for Jinja2, which
compiles them to Python and renders them several times faster.  Templates only the Django
engine has (the admin's widgets) are rendered by it, as before.
"""

from __future__ import annotations

import functools

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self._engine_of: dict[str, object] = {}

    @functools.cached_property
    def _jinja2(self):
        return Jinja2().engine

    @functools.cached_property
    def _django(self):
        return DjangoTemplates().engine

    def get_template(self, template_name: str):
        engine = self._engine_of.get(template_name)
        if engine is not None:
            return engine.get_template(template_name)
        try:
            template = self._jinja2.get_template(template_name)
            self._engine_of[template_name] = self._jinja2
        except TemplateDoesNotExist:
            template = self._django.get_template(template_name)
            self._engine_of[template_name] = self._django
        return template
