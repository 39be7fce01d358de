"""Words for the review pages: transition buttons, decisions in the history, the incident's
own summary. Kept out of ``workflow`` so that the table stays free of Django."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marsad.records.models import Incident
from marsad.review import display
from marsad.review.models import Decision

TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "start_review": gettext_lazy("Start review"),
    "verify": gettext_lazy("Verify"),
    "ask_information": gettext_lazy("Ask for more information"),
    "reject": gettext_lazy("Reject"),
    "resume_review": gettext_lazy("Resume review"),
    "reopen": gettext_lazy("Reopen review"),
    "publish": gettext_lazy("Publish"),
    "unpublish": gettext_lazy("Unpublish"),
}
STATUS = dict(Incident.Status.choices)


def status_label(code: str) -> str:
    return str(STATUS.get(code, code))


def _ids(values) -> str:
    separator = "، " if display.is_arabic() else ", "
    return separator.join(f"#{v}" for v in values)


def _figures(values: dict) -> str:
    def one(measure, label):
        low, best, high = (values.get(f"{measure}_{p}") for p in ("low", "best", "high"))
        if best is None:
            return _("%(measure)s: none") % {"measure": label}
        return _("%(measure)s: best %(best)s, range %(low)s-%(high)s") % {
            "measure": label,
            "best": best,
            "low": low,
            "high": high,
        }

    separator = "؛ " if display.is_arabic() else "; "
    return separator.join([one("killed", _("killed")), one("injured", _("injured"))])


def describe(decision: Decision, usernames: dict[int, str], report_ids: list[int]) -> str:
    """One line saying what the decision did."""
    payload, kind = decision.payload, decision.kind
    after = payload.get("after", {})
    before = payload.get("before", {})
    if kind == Decision.Kind.TRANSITION:
        arrow = "←" if display.is_arabic() else "→"  # points from the old status to the new
        return (
            f"{status_label(payload.get('from', ''))} {arrow} {status_label(payload.get('to', ''))}"
        )
    if kind == Decision.Kind.ASSIGN:
        state = next(iter(after.values()), None) or {}
        who = state.get("assignee_id")
        if who is None:
            return _("unassigned")
        return _("assigned to %(user)s") % {"user": usernames.get(who, f"#{who}")}
    if kind == Decision.Kind.LINK:
        return _("account %(ids)s linked") % {"ids": _ids(report_ids)}
    if kind == Decision.Kind.UNLINK:
        return _("account %(ids)s unlinked") % {"ids": _ids(report_ids)}
    created = [key for key, value in before.items() if value is None]
    if kind == Decision.Kind.CREATE:
        return _("incident %(new)s created from account %(ids)s") % {
            "new": _ids(created),
            "ids": _ids(report_ids),
        }
    if kind == Decision.Kind.SPLIT:
        return _("accounts %(ids)s moved to the new incident %(new)s") % {
            "ids": _ids(report_ids),
            "new": _ids(created),
        }
    if kind == Decision.Kind.MERGE:
        return _("incident #%(other)s merged into #%(into)s") % {
            "other": payload.get("from"),
            "into": payload.get("into"),
        }
    if kind == Decision.Kind.RECONCILE:
        return _figures(next(iter(after.values()), None) or {})
    if kind == Decision.Kind.UNDO:
        kinds = dict(Decision.Kind.choices)
        return _("undid decision #%(id)s (%(kind)s)") % {
            "id": payload.get("undoes"),
            "kind": kinds.get(payload.get("undone_kind"), ""),
        }
    return ""


def usernames_in(decisions) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    ids = set()
    for decision in decisions:
        for state in decision.payload.get("after", {}).values():
            if state and state.get("assignee_id"):
                ids.add(state["assignee_id"])
    return dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))


def summary(incident: Incident) -> list[tuple[str, str, str]]:
    """(label, value, note) lines of what the reviewers concluded."""
    field = Incident._meta.get_field

    def label(name):
        return str(field(name).verbose_name)

    lines = [
        (label("type"), display.type_label(incident.type), ""),
        (
            label("date"),
            display.claim_date(incident),
            display.choice("date_precision", incident.date_precision) if incident.date else "",
        ),
        (label("place"), display.place_name(incident.place), display.place_parents(incident.place)),
        (label("controlling_party"), display.party(incident), ""),
        (label("method"), display.choice("method", incident.method), ""),
        (label("operation_type"), display.choice("operation_type", incident.operation_type), ""),
        (label("target"), incident.target, ""),
        (label("target_status"), display.choice("target_status", incident.target_status), ""),
        (label("perpetrator"), str(incident.perpetrator) if incident.perpetrator_id else "", ""),
        (
            label("perpetrator_type"),
            display.choice("perpetrator_type", incident.perpetrator_type),
            "",
        ),
        (label("confidence"), display.confidence(incident.confidence), ""),
    ]
    return [line for line in lines if line[1]]
