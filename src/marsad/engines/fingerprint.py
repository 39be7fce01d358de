"""A stable fingerprint of a report's content, its identity when the source gave it no id.

Re-importing the same account from another file must find it again, so the fingerprint ignores
what differs between copies of one account (key order, surrounding white space, empty fields,
digit script) and nothing else.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping

from marsad.engines.arabic import normalise_digits


def _canonical(value: object) -> object:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(normalise_digits(value).split())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def content_hash(record: Mapping[str, object]) -> str:
    """SHA-256 hex digest of the record's non-empty fields.

    >>> content_hash({"type": "explosion", "place": "C1001"}) == content_hash(
    ...     {"place": " C1001 ", "type": "explosion", "narrative_ar": ""})
    True
    """
    canonical = {
        key: _canonical(value)
        for key, value in record.items()
        if value is not None and value != "" and value != []
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
