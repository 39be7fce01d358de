"""Incident analysis: group-by counts and sums in DuckDB over an Arrow table (pure, no Django).

>>> result = analyse(incidents, by=["governorate", "month"], measures=["incidents", "killed_best"])

The incident table has one row per incident (columns listed in ``DESIGN.md``; see the tests for
an example).  Place and period columns are derived by :func:`enrich`; :func:`analyse` derives
them itself (with the packaged gazetteer) when a requested dimension is missing, so callers with
many queries should enrich once.

Rules:

* One output column per dimension (a place dimension also gets ``<dim>_name_en`` and
  ``<dim>_name_ar`` beside its P-code), then one per measure; rows sorted by the dimensions,
  NULL last.  A NULL dimension value (an unknown district, an undated month, an empty
  ``controlling_sub_label``) is a group of its own, never dropped or guessed.
* Sums add the known figures (an unknown figure adds nothing; a group with none gives 0).
* ``source_type``: an incident with several source types counts once in each (once per distinct
  type); one without any source type falls in the NULL group.
* Rates per 100,000 inhabitants divide by the population (``populations``: P-code → people) of
  the finest place dimension in ``by``; NULL without a place dimension or a known population.
* Default filters drop ``rejected`` incidents and ``discounted`` confidence.  An incident is
  inside ``date_from``..``date_to`` when its date (and, for a range, its end date) lies within.
* SQL identifiers come only from the whitelists in :mod:`marsad.engines.analysis_schema`; every
  user value is a bound parameter.
"""

from marsad.engines.analysis_enrich import (
    enrich,
    enrich_periods,
    enrich_places,
    gazetteer_populations,
)
from marsad.engines.analysis_query import IncidentData, Where, analyse
from marsad.engines.analysis_results import compare, peak, share, to_records
from marsad.engines.analysis_schema import DIMENSIONS, MEASURES, AnalysisError, Dimension, Measure

__all__ = [
    "DIMENSIONS",
    "MEASURES",
    "AnalysisError",
    "Dimension",
    "IncidentData",
    "Measure",
    "Where",
    "analyse",
    "compare",
    "enrich",
    "enrich_periods",
    "enrich_places",
    "gazetteer_populations",
    "peak",
    "share",
    "to_records",
]
