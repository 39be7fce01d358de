"""A normalised search text on reports and incidents, filled for the rows already there.

The fill below is a frozen copy of ``Claims.compute_search_text`` (migrations must not depend
on today's model code); it runs in batches so a database of 100,000 rows does not need them
all in memory at once.
"""

from django.db import migrations, models

BATCH = 1000


def _text(record, extra_fields):
    from marsad.engines.arabic import normalise_arabic

    parts = [record.target, record.observation_place, record.narrative_ar, record.narrative_en]
    parts += [getattr(record, name) for name in extra_fields]
    for start in (record.place, record.perpetrator):
        node, depth = start, 0
        while node is not None and depth < 5:
            parts += [node.name_en, node.name_ar, *(node.aliases or [])]
            node, depth = node.parent, depth + 1
    return normalise_arabic(" ".join(str(part) for part in parts if part))


def _fill(model, extra_fields):
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = list(
            model.objects.filter(pk__in=ids[start : start + BATCH]).select_related(
                "place__parent__parent__parent", "perpetrator__parent"
            )
        )
        for record in batch:
            record.search_text = _text(record, extra_fields)
        model.objects.bulk_update(batch, ["search_text"])


def fill_search_text(apps, schema_editor):
    _fill(apps.get_model("records", "SourceReport"), ("place_text", "perpetrator_text"))
    _fill(apps.get_model("records", "Incident"), ())


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0003_review_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search text"
            ),
        ),
        migrations.AddField(
            model_name="sourcereport",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search text"
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
