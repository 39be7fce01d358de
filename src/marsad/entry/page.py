"""What the entry template draws: each codebook field with the values and messages of its
inputs, so the template only lays things out."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.entry import layout, lookups, places
from marsad.records.models import PERPETRATOR_TYPES, Actor

DATE_GROUP = ("date", "date_precision", "date_end")


@dataclass
class Item:
    spec: layout.Spec
    widget: str
    value: str = ""
    errors: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)  # other inputs of a composite widget
    input_errors: dict[str, list[str]] = field(default_factory=dict)
    parts: list[Item] = field(default_factory=list)  # a casualty total's breakdown
    precision: layout.Spec | None = None  # the date group's precision field

    chosen: str = ""  # the place or actor picked, as the list showed it

    @property
    def id(self) -> str:
        return f"id_{self.spec.name}"

    @property
    def visible_name(self) -> str:
        """The input a person types into (a place's or actor's text, else the field itself)."""
        return f"{self.spec.name}_text" if self.widget in ("place", "actor") else self.spec.name

    @property
    def visible_id(self) -> str:
        return f"id_{self.visible_name}"

    @property
    def all_errors(self) -> list[str]:
        return self.errors + [m for ms in self.input_errors.values() for m in ms]

    @property
    def describedby(self) -> str:
        ids = [f"{self.id}-hint"] if self.spec.hint else []
        if self.widget in ("place", "actor"):
            ids.append(f"{self.id}-chosen")
        if self.all_errors:
            ids.append(f"{self.id}-error")
        return " ".join(ids)


def _item(form, spec: layout.Spec, widget: str | None = None) -> Item:
    item = Item(spec, widget or spec.widget, form.value(spec.name), form.error_for(spec.name))
    if item.widget in ("place", "actor"):
        for suffix in ("text", "new", "new_type"):
            name = f"{spec.name}_{suffix}"
            if name in form.fields:
                item.inputs[suffix] = form.value(name)
                item.input_errors[suffix] = form.error_for(name)
        item.chosen = _chosen(form, item)
    return item


def _chosen(form, item: Item) -> str:
    if not item.value:
        return ""
    if item.widget == "place":
        found = places.get(item.value, form.lang, places.level_labels(form.codebook, form.lang))
        return found["label"] if found else ""
    actor = Actor.objects.filter(pk=item.value).first() if item.value.isdigit() else None
    return lookups.actor_name(actor, form.lang) if actor else ""


def _date_group(form, specs: dict[str, layout.Spec]) -> Item:
    item = _item(form, specs["date"], "dategroup")
    item.precision = specs["date_precision"]
    for name in ("date_precision", "date_week", "date_month", "date_end"):
        if name in form.fields:
            item.inputs[name] = form.value(name)
            item.input_errors[name] = form.error_for(name)
    item.inputs["date_precision"] = item.inputs["date_precision"] or "day"
    if "date_end" in specs:
        item.inputs["end_label"] = specs["date_end"].label
    return item


def sections(form) -> list[dict]:
    result = []
    for section in form.sections:
        by_name = {spec.name: spec for spec in section.specs}
        grouped = all(name in by_name for name in DATE_GROUP[:2])
        items: list[Item] = []
        if section.code == "casualties":
            for row in layout.casualty_rows(section.specs):
                item = _item(form, row["total"])
                item.parts = [_item(form, part) for part in row["parts"]]
                items.append(item)
        else:
            for spec in section.specs:
                if grouped and spec.name == "date":
                    items.append(_date_group(form, by_name))
                elif not (grouped and spec.name in DATE_GROUP):
                    items.append(_item(form, spec))
        result.append({"code": section.code, "title": section.title, "items": items})
    return result


def actor_types(codebook, lang: str) -> list[tuple[str, str]]:
    """Actor types labelled as the codebook labels perpetrator types, when it has that list."""
    listed = codebook.choice_lists.get("perpetrator_type")
    labels = {item.code: item.label[lang] for item in listed} if listed else {}
    return [(code, labels.get(code, str(label))) for code, label in PERPETRATOR_TYPES]


def error_summary(form) -> list[dict]:
    """Every message on the page, each linking to its input, for the box at the top."""
    labels = {name: str(f.label or "") for name, f in form.fields.items()}
    # A date message links to the date input the chosen precision shows.
    shown_date = {"week": "date_week", "month": "date_month"}.get(form.value("date_precision"))
    summary = []
    for name, messages in form.errors.items():
        for message in messages:
            label = labels.get(name, "")
            if label in message:
                label = ""  # the codebook's messages already name their field
            if name == "__all__":
                anchor = ""
            else:
                anchor = f"id_{shown_date}" if name == "date" and shown_date else f"id_{name}"
            summary.append({"anchor": anchor, "label": label, "message": message})
    return summary
