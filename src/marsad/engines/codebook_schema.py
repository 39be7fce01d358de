"""Checking the structure of a parsed codebook.

:func:`check_codebook` walks a parsed codebook and returns every problem it finds (with the dotted
path of each, such as ``choice_lists.method[3].label.ar``) instead of stopping at the first, so an
administrator editing the YAML sees the whole list at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from marsad.engines.codebook_checker import (
    EXPECTED,
    REQUIRED_LANGUAGES,
    Checker,
    is_number,
)
from marsad.engines.codebook_model import FIELD_KINDS, INCIDENT_TYPES_LIST, NUMERIC_KINDS
from marsad.engines.codebook_problems import Bilingual, Problem

TOP_KEYS: Final = frozenset(
    {
        "version",
        "name",
        "description",
        "languages",
        "region",
        "families",
        "incident_types",
        "forms",
        "fields",
        "choice_lists",
        "confidence_grades",
        "sensitive",
    }
)
TOP_REQUIRED: Final = (
    "version",
    "name",
    "languages",
    "families",
    "incident_types",
    "forms",
    "fields",
    "choice_lists",
    "confidence_grades",
)
FIELD_KEYS: Final = frozenset(
    {
        "kind",
        "label",
        "hint",
        "required",
        "list",
        "min",
        "max",
        "required_if",
        "not_before",
        "breakdown_of",
        "coordinate",
        "source",
    }
)
#: What a form may change in a shared field definition.
OVERRIDE_KEYS: Final = frozenset({"label", "hint", "required", "min", "max", "required_if"})
COORDINATES: Final = ("latitude", "longitude")


def entry_name(entry: object) -> str | None:
    """The field name a form entry refers to (``"date"`` or ``{"name": "date", ...}``)."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Mapping) and isinstance(entry.get("name"), str):
        return str(entry["name"])
    return None


def check_codebook(data: object) -> list[Problem]:
    """Every structural problem in a parsed codebook; an empty list means it can be used."""
    c = Checker()
    top = c.mapping(data, "")
    if top is None:
        return c.problems
    c.keys(top, "", TOP_KEYS, TOP_REQUIRED)

    languages = top.get("languages")
    if isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages):
        c.languages = tuple(languages)
        for lang in REQUIRED_LANGUAGES:
            if lang not in languages:
                c.add("languages", "missing_language", value=languages, language=lang)
    elif "languages" in top:
        c.add(
            "languages",
            "wrong_type",
            value=languages,
            expected=Bilingual("a list like [ar, en]", "قائمة مثل [ar, en]"),
        )

    if "version" in top and top["version"] is not None:
        version = top["version"]
        if not isinstance(version, str) or not version.strip():
            c.add("version", "wrong_type", value=version, expected=EXPECTED["version"])
    c.text(top, "name", "")
    c.text(top, "description", "", required=False)
    _check_region(c, top)

    families = c.catalogue(top, "families")
    for code, family in families.items():
        path = f"families.{code}"
        c.keys(family, path, frozenset({"label", "description"}), ("label",))
        c.text(family, "label", path)
        c.text(family, "description", path, required=False)

    lists = _check_choice_lists(c, top)
    fields = _check_fields(c, top, lists)
    forms = _check_forms(c, top, fields, lists)

    incident_types = c.catalogue(top, "incident_types")
    allowed = frozenset({"label", "description", "form", "family", "aliases"})
    for code, itype in incident_types.items():
        path = f"incident_types.{code}"
        c.keys(itype, path, allowed, ("label", "description", "form", "family"))
        c.text(itype, "label", path)
        c.text(itype, "description", path)
        c.aliases(itype, path)
        for key, known, missing_code in (
            ("form", forms, "unknown_form"),
            ("family", families, "unknown_family"),
        ):
            if key in itype and c.typed(itype, key, path, str) and itype[key] not in known:
                c.add(f"{path}.{key}", missing_code, value=itype[key])
    c.unambiguous([(f"incident_types.{k}", k, v) for k, v in incident_types.items()])

    _check_grades(c, top)
    _check_sensitive(c, top, fields)
    return c.problems


def _check_sensitive(c: Checker, top: Mapping[str, Any], fields: Mapping[str, Any]) -> None:
    """``sensitive``: the one declaration of what never leaves the system in a public release."""
    if "sensitive" not in top:
        return
    data = c.mapping(top["sensitive"], "sensitive")
    if data is None:
        return
    c.keys(data, "sensitive", frozenset({"description", "record_fields", "source_fields"}))
    c.text(data, "description", "sensitive", required=False)
    for key in ("record_fields", "source_fields"):
        if key not in data:
            continue
        names = c.sequence(data[key], f"sensitive.{key}")
        for index, name in enumerate(names or ()):
            where = f"sensitive.{key}[{index}]"
            if not isinstance(name, str):
                c.add(where, "wrong_type", value=name, expected=EXPECTED[str])
            elif key == "record_fields" and name not in fields:
                c.add(where, "unknown_field", value=name)


def _check_region(c: Checker, top: Mapping[str, Any]) -> None:
    if "region" not in top:
        return
    region = c.mapping(top["region"], "region")
    if region is None:
        return
    c.keys(region, "region", frozenset({"name", "bbox"}), ("name", "bbox"))
    c.text(region, "name", "region")
    bbox = c.mapping(region["bbox"], "region.bbox") if "bbox" in region else None
    if bbox is None:
        return
    sides = ("south", "north", "west", "east")
    c.keys(bbox, "region.bbox", frozenset(sides), sides)
    if all(side in bbox and c.typed(bbox, side, "region.bbox", "number") for side in sides):
        for low, high in (("south", "north"), ("west", "east")):
            if bbox[low] > bbox[high]:
                c.add(f"region.bbox.{low}", "min_above_max", min=bbox[low], max=bbox[high])


def _check_choice_lists(c: Checker, top: Mapping[str, Any]) -> dict[str, list[str]]:
    """Check ``choice_lists``; return each list's codes (with the incident-type list added)."""
    lists: dict[str, list[str]] = {}
    section = c.mapping(top["choice_lists"], "choice_lists") if "choice_lists" in top else None
    for name, items in (section or {}).items():
        path = f"choice_lists.{name}"
        if not c.code(name, path):
            continue
        if name == INCIDENT_TYPES_LIST:
            c.add(
                path,
                "duplicate_code",
                value=name,
                scope=Bilingual(
                    "choice_lists (this name stands for the incident types)",
                    "choice_lists (هذا الاسم محجوز لأنواع الحوادث)",
                ),
            )
            continue
        entries = c.sequence(items, path)
        if entries is None:
            continue
        if not entries:
            c.add(path, "empty")
        codes: list[str] = []
        checked: list[tuple[str, str, Mapping[str, Any]]] = []
        for index, item in enumerate(entries):
            where = f"{path}[{index}]"
            data = c.mapping(item, where)
            if data is None:
                continue
            c.keys(
                data,
                where,
                frozenset({"code", "label", "aliases", "description"}),
                ("code", "label"),
            )
            c.text(data, "label", where)
            c.text(data, "description", where, required=False)
            c.aliases(data, where)
            code = data.get("code")
            if code is None or not c.code(code, f"{where}.code"):
                continue
            if code in codes:
                c.add(f"{where}.code", "duplicate_code", value=code, scope=path)
                continue
            codes.append(code)
            checked.append((where, code, data))
        c.unambiguous(checked)
        lists[name] = codes
    incident_types = top.get("incident_types")
    if isinstance(incident_types, Mapping):
        lists[INCIDENT_TYPES_LIST] = [k for k in incident_types if isinstance(k, str)]
    return lists


def _check_field_attrs(
    c: Checker,
    data: Mapping[str, Any],
    path: str,
    kind: str | None,
    fields: Mapping[str, Any],
    lists: Mapping[str, list[str]],
) -> None:
    """Check the attributes a field definition or a form's override gives."""
    c.text(data, "hint", path, required=False)
    c.typed(data, "required", path, bool)
    for bound in ("min", "max"):
        if bound in data and c.typed(data, bound, path, "number") and kind not in NUMERIC_KINDS:
            c.add(f"{path}.{bound}", "not_applicable", value=data[bound], kind=kind)
    if is_number(data.get("min")) and is_number(data.get("max")) and data["min"] > data["max"]:
        c.add(f"{path}.min", "min_above_max", value=data["min"], min=data["min"], max=data["max"])
    if "required_if" in data:
        where = f"{path}.required_if"
        condition = c.mapping(data["required_if"], where)
        if condition is not None:
            c.keys(condition, where, frozenset({"field", "equals"}), ("field", "equals"))
            target = condition.get("field")
            equals = condition.get("equals")
            if "equals" in condition and not isinstance(equals, str | int | float | bool):
                c.add(f"{where}.equals", "wrong_type", value=equals, expected=EXPECTED["scalar"])
            if c.typed(condition, "field", where, str) and target is not None:
                if target not in fields:
                    c.add(f"{where}.field", "unknown_field", value=target)
                else:
                    other = fields[target]
                    codes = lists.get(other.get("list", ""))
                    if other.get("kind") == "choice" and codes is not None and equals not in codes:
                        c.add(
                            f"{where}.equals",
                            "unknown_choice",
                            value=equals,
                            list=other.get("list"),
                            codes=", ".join(codes),
                        )


def _check_reference(
    c: Checker,
    data: Mapping[str, Any],
    key: str,
    path: str,
    kind: str | None,
    needed_kind: str,
    fields: Mapping[str, Any],
) -> None:
    if key not in data or not c.typed(data, key, path, str):
        return
    if kind != needed_kind:
        c.add(f"{path}.{key}", "not_applicable", value=data[key], kind=kind)
    elif data[key] not in fields:
        c.add(f"{path}.{key}", "unknown_field", value=data[key])
    elif fields[data[key]].get("kind") != needed_kind:
        c.add(f"{path}.{key}", "wrong_kind", value=data[key], kind=needed_kind)


def _check_fields(
    c: Checker, top: Mapping[str, Any], lists: Mapping[str, list[str]]
) -> Mapping[str, Any]:
    fields = c.catalogue(top, "fields")
    for name, data in fields.items():
        path = f"fields.{name}"
        c.keys(data, path, FIELD_KEYS, ("kind", "label"))
        c.text(data, "label", path)
        kind = data.get("kind")
        if kind is not None and kind not in FIELD_KINDS:
            c.add(f"{path}.kind", "unknown_kind", value=kind, kinds=", ".join(FIELD_KINDS))
        kind = kind if kind in FIELD_KINDS else None
        if kind == "choice" and "list" not in data:
            c.add(f"{path}.list", "missing")
        if "list" in data and c.typed(data, "list", path, str):
            if kind != "choice":
                c.add(f"{path}.list", "not_applicable", value=data["list"], kind=kind)
            elif data["list"] not in lists:
                c.add(f"{path}.list", "unknown_list", value=data["list"])
        _check_field_attrs(c, data, path, kind, fields, lists)
        _check_reference(c, data, "not_before", path, kind, "date", fields)
        _check_reference(c, data, "breakdown_of", path, kind, "integer", fields)
        if "coordinate" in data:
            if data["coordinate"] not in COORDINATES:
                c.add(
                    f"{path}.coordinate",
                    "wrong_type",
                    value=data["coordinate"],
                    expected=EXPECTED["coordinate"],
                )
            elif kind != "decimal":
                c.add(f"{path}.coordinate", "not_applicable", value=data["coordinate"], kind=kind)
        if kind == "derived":
            if "source" not in data:
                c.add(f"{path}.source", "missing")
            if data.get("required") is True:
                c.add(f"{path}.required", "derived_required", value=True)
        if "source" in data and c.typed(data, "source", path, str) and kind != "derived":
            c.add(f"{path}.source", "not_applicable", value=data["source"], kind=kind)
    return fields


def _check_forms(
    c: Checker,
    top: Mapping[str, Any],
    fields: Mapping[str, Any],
    lists: Mapping[str, list[str]],
) -> Mapping[str, Any]:
    forms = c.catalogue(top, "forms")
    for code, form in forms.items():
        path = f"forms.{code}"
        c.keys(form, path, frozenset({"label", "description", "fields"}), ("label", "fields"))
        c.text(form, "label", path)
        c.text(form, "description", path, required=False)
        entries = c.sequence(form["fields"], f"{path}.fields") if "fields" in form else None
        if not entries:
            if entries is not None:
                c.add(f"{path}.fields", "empty")
            continue
        names = [entry_name(entry) for entry in entries]
        for index, entry in enumerate(entries):
            where = f"{path}.fields[{index}]"
            name = names[index]
            if name is None:
                c.add(
                    where,
                    "wrong_type",
                    value=entry,
                    expected=Bilingual(
                        "a field name or a mapping with `name`", "اسم حقل أو جدولاً فيه `name`"
                    ),
                )
                continue
            if name not in fields:
                c.add(where, "unknown_field", value=name)
                continue
            if names.index(name) != index:
                c.add(where, "duplicate_field", value=name)
            definition = fields[name]
            if isinstance(entry, Mapping):
                c.keys(entry, where, OVERRIDE_KEYS | {"name"})
                c.text(entry, "label", where, required=False)
                kind = definition.get("kind")
                _check_field_attrs(c, entry, where, kind, fields, lists)
                if kind == "derived" and entry.get("required") is True:
                    c.add(f"{where}.required", "derived_required", value=True)
            # Everything a field refers to must be in the same form.
            merged = {**definition, **(entry if isinstance(entry, Mapping) else {})}
            condition = merged.get("required_if")
            refs = [
                (
                    "required_if.field",
                    condition.get("field") if isinstance(condition, Mapping) else None,
                ),
                ("not_before", merged.get("not_before")),
                ("breakdown_of", merged.get("breakdown_of")),
            ]
            for key, target in refs:
                if isinstance(target, str) and target in fields and target not in names:
                    c.add(f"{where}.{key}", "field_not_in_form", value=target)
    return forms


def _check_grades(c: Checker, top: Mapping[str, Any]) -> None:
    if "confidence_grades" not in top:
        return
    grades = c.sequence(top["confidence_grades"], "confidence_grades")
    if grades is None:
        return
    if not grades:
        c.add("confidence_grades", "empty")
    seen: set[str] = set()
    for index, grade in enumerate(grades):
        where = f"confidence_grades[{index}]"
        data = c.mapping(grade, where)
        if data is None:
            continue
        c.keys(data, where, frozenset({"code", "label", "description"}), ("code", "label"))
        c.text(data, "label", where)
        c.text(data, "description", where, required=False)
        code = data.get("code")
        if code is not None and c.code(code, f"{where}.code"):
            if code in seen:
                c.add(f"{where}.code", "duplicate_code", value=code, scope="confidence_grades")
            seen.add(code)
