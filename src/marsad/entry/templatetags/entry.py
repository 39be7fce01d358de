"""Template filters of the entry pages."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def ltr(value) -> str:
    """Text that reads left to right (a date, a time, a code) kept whole inside Arabic text."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
