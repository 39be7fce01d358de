"""A realistic, deterministic demo dataset for a fresh install (``marsad demo``).

The demo follows the centre's security-indicators report: assassinations and explosions from
July 2019 to June 2020, detentions and abductions from October 2019 to March 2020, January
2020 the worst month; Jasim, Douma, Al-Bukamal, Raqqa, Afrin and Jarablus plus towns in the
governorates of Daraa, Deir ez-Zor, Al-Hasakah, Idlib, Aleppo and Raqqa. Each incident is told
by one to four sources that disagree the way real sources do.

The caller resolves :data:`CASE_STUDY_PLACES` through the gazetteer and passes the resulting
:class:`DemoPlace` objects to :func:`generate_demo`::

    places = [DemoPlace(pcode, name_en, name_ar, lat, lon, gov_pcode) for ...]
    demo = generate_demo(places, seed=2020, incidents=160)

Pure and deterministic: no Django, no clock, no global random state. The same seed and places
give identical output. Names of outlets are real-looking; identities and contacts are invented.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from marsad.engines.demo_actors import ACTORS, SOURCES
from marsad.engines.demo_incidents import make_incidents
from marsad.engines.demo_model import (
    DATE_PRECISIONS,
    GENDERS,
    INCIDENT_TYPES,
    METHODS,
    OPERATION_TYPES,
    PERPETRATOR_TYPES,
    PLACE_PRECISIONS,
    SOURCE_TYPES,
    TARGET_STATUSES,
    DemoPlace,
    DemoSet,
    PlaceWanted,
)
from marsad.engines.demo_places import CASE_STUDY_PLACES, place_info
from marsad.engines.demo_reports import build_reports

__all__ = [
    "CASE_STUDY_PLACES",
    "DATE_PRECISIONS",
    "GENDERS",
    "INCIDENT_TYPES",
    "METHODS",
    "OPERATION_TYPES",
    "PERPETRATOR_TYPES",
    "PLACE_PRECISIONS",
    "SOURCE_TYPES",
    "TARGET_STATUSES",
    "DemoPlace",
    "DemoSet",
    "PlaceWanted",
    "generate_demo",
]


def generate_demo(
    places: Sequence[DemoPlace], *, seed: int = 2020, incidents: int = 160
) -> DemoSet:
    """Build the demo dataset over ``places`` (at least one; duplicates by pcode are dropped).

    Places that match :data:`CASE_STUDY_PLACES` (same governorate, same Arabic or English
    name) get their share of incidents, area of control and the spellings sources use; other
    places get a small generic share.
    """
    if incidents < 1:
        raise ValueError("incidents must be at least 1")
    unique = list({p.pcode: p for p in places}.values())
    if not unique:
        raise ValueError("generate_demo needs at least one place")
    rng = random.Random(seed)
    resolved = [(place, place_info(place)) for place in unique]
    truths = make_incidents(rng, resolved, incidents)
    reports = build_reports(rng, truths, SOURCES)
    return DemoSet(
        actors=[
            {
                "key": a.key,
                "name_en": a.name_en,
                "name_ar": a.name_ar,
                "aliases": list(a.aliases),
                "actor_type": a.actor_type,
                "parent_key": a.parent_key,
            }
            for a in ACTORS
        ],
        sources=[
            {
                "key": s.key,
                "name": s.name,
                "source_type": s.source_type,
                "identity": s.identity,
                "contact": s.contact,
                "language": s.language,
            }
            for s in SOURCES
        ],
        incidents=[t.record for t in truths],
        reports=reports,
    )
