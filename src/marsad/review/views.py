"""The review pages: the queue, an incident with its accounts side by side, and an account
waiting to be linked. The decisions these pages post are handled in ``actions``.

Every incident and account is looked up through ``visible_incidents`` / ``visible_reports``:
one restricted to a group the reader is not in is "not found" on every URL here.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from marsad.codebook.services import active_codebook
from marsad.places.models import attach_places
from marsad.records.models import Incident, SourceReport
from marsad.records.visibility import hidden_incident_ids, visible_incidents, visible_reports
from marsad.review import display, presenters, queue, workflow
from marsad.review.comparison import compare_accounts
from marsad.review.forms import (
    AssignForm,
    CommentForm,
    IncidentSearchForm,
    LinkForm,
    MergeForm,
    ReconcileForm,
)
from marsad.review.history import change_history
from marsad.review.mapdata import governorate_of, incident_map
from marsad.review.search import find_incidents
from marsad.review.services import COMMENT, FIGURES, can_undo, reconcile_incident, reviewers
from marsad.web.jinja import render_fragment

IDENTITY = "records.view_source_identity"
# Each account's heading in the side-by-side table, "Account #12".
ACCOUNT_HEADING = gettext_lazy("Account #%(id)s")
PER_PAGE = 20
REPORT_RELATED_BUT_PLACE = ("source", "repeats_source", "perpetrator__parent__parent")
REPORT_RELATED = (*REPORT_RELATED_BUT_PLACE, "place__parent__parent__parent")


def labelled(records):
    """Give each incident or account the labels the lists show, in the reader's language."""
    for record in records:
        record.type_label = display.type_label(record.type)
        record.date_label = display.claim_date(record)
        record.place_label = display.place_name(record.place) or getattr(record, "place_text", "")
    return records


def _page(request, key: str, rows):
    """One page of ``rows``, with links to its neighbours that keep the other sections' pages."""
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get(key))

    def link(number):
        query = request.GET.copy()
        query[key] = number
        return "?" + query.urlencode()

    page.prev_link = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_link = link(page.next_page_number()) if page.has_next() else ""
    page.object_list = labelled(list(page.object_list))
    return page


def visible_incident(user, pk: int) -> Incident:
    """The incident with its perpetrator and assignee (its place is read when first used;
    the incident page reads it with its accounts' places)."""
    return get_object_or_404(
        visible_incidents(user).select_related("perpetrator", "assignee"), pk=pk
    )


def visible_report(user, pk: int) -> SourceReport:
    return get_object_or_404(visible_reports(user).select_related(*REPORT_RELATED), pk=pk)


@login_required
@permission_required("records.view_incident", raise_exception=True)
def incident_page(request, pk: int):
    incident = visible_incident(request.user, pk)
    return render_incident(request, incident)


def render_incident(request, incident: Incident, status: int = 200, **bound):
    """The incident page; ``bound`` holds a form that came back with errors.  Its content is
    rendered by Jinja2 (:mod:`marsad.web.jinja`), its frame by Django's engine."""
    context = incident_context(request, incident, bound)
    body = render_fragment(request, "marsad/review/incident_body.html", context)
    return render(request, "marsad/review/incident.html", {**context, "body": body}, status=status)


def incident_texts(incident: Incident, reports: list, comparison, place_map) -> dict:
    """The page's sentences with numbers in them, translated here (see marsad.web.jinja)."""
    accounts, disagreements = len(reports), len(comparison.disagreements)
    return {
        "title": _("Incident #%(id)s") % {"id": incident.pk},
        "accounts": ngettext("%(n)s account", "%(n)s accounts", accounts) % {"n": accounts},
        "disagreements": ngettext("%(n)s disagreement", "%(n)s disagreements", disagreements)
        % {"n": disagreements},
        "map": _("Map: %(place)s in %(region)s")
        % {"place": place_map["label"], "region": place_map["boundary_label"]}
        if place_map
        else "",
        "account": ACCOUNT_HEADING,
    }


def incident_context(request, incident: Incident, bound: dict) -> dict:
    user = request.user
    reports = list(
        visible_reports(user, incident.reports.all())
        .select_related(*REPORT_RELATED_BUT_PLACE)
        .order_by("received_at", "id")
    )
    attach_places([incident, *reports])
    can_review = user.has_perm(workflow.REVIEW)
    decisions = list(
        incident.decisions.select_related("author")
        .prefetch_related("reports")
        .order_by("-created_at", "-id")
    )
    current = {name: getattr(incident, name) for name in FIGURES}
    comparison = compare_accounts(reports, show_identity=user.has_perm(IDENTITY))
    place_map = incident_map(incident)
    said = {
        measure: [(getattr(r, measure), r.pk) for r in reports if getattr(r, measure) is not None]
        for measure in ("killed", "injured")
    }
    return {
        "incident": incident,
        "status_label": presenters.status_label(incident.status),
        "status_reason": _status_reason(decisions, incident),
        "summary": presenters.summary(incident),
        "reports": reports,
        "said": said,
        "comparison": comparison,
        "can_review": can_review,
        "can_comment": user.has_perm(COMMENT),
        "transitions": [
            {"t": t, "label": presenters.TRANSITION_LABELS[t.name]}
            for t in workflow.available(incident.status, user.has_perm)
        ]
        if can_review
        else [],
        "reconcile_form": bound.get("reconcile") or ReconcileForm(initial=current),
        # Every account is among ``reports`` unless some are hidden from this reader.
        "proposal": reconcile_incident(incident, None if hidden_incident_ids(user) else reports),
        "assign_form": AssignForm(
            initial={"assignee": incident.assignee_id}, reviewers=reviewers()
        ),
        "merge_form": bound.get("merge") or MergeForm(),
        "comment_form": bound.get("comment") or CommentForm(),
        "timeline": _timeline(decisions, user, can_review),
        "history": change_history(incident, user)
        if user.has_perm("audit.view_changelog")
        else None,
        "comments": incident.comments.select_related("author"),
        "map": place_map,
        "text": incident_texts(incident, reports, comparison, place_map),
        "figure_names": FIGURES,
        "messages": get_messages(request),
        "user": user,
    }


def _timeline(decisions, user, can_review: bool) -> list[dict]:
    """The decisions as the history lists them, each with its Undo button where it works."""
    names = presenters.usernames_in(decisions)
    return [
        {
            "decision": d,
            "text": presenters.describe(d, names, sorted(r.pk for r in d.reports.all())),
            "kind": d.get_kind_display(),
            "can_undo": can_review and can_undo(d, user),
        }
        for d in decisions
    ]


def _status_reason(decisions, incident: Incident) -> str:
    """Why the incident has its status now: the reason of the latest decision that gave it."""
    for decision in decisions:
        if decision.undone_at is not None:
            continue
        if decision.kind == "transition" and decision.payload.get("to") == incident.status:
            return decision.reason
        if decision.kind == "merge" and decision.payload.get("from") == incident.pk:
            return decision.reason
    return ""


@login_required
@permission_required(workflow.REVIEW, raise_exception=True)
def queue_page(request):
    user = request.user
    incident_type = request.GET.get("type", "")
    sections = [
        ("mine", queue.assigned_to(user, incident_type)),
        ("new", queue.unassigned_submitted(user, incident_type)),
        ("accounts", queue.unlinked_accounts(user, incident_type)),
        ("information", queue.needing_information(user, incident_type)),
    ]
    pages = {key: _page(request, f"{key}_page", rows) for key, rows in sections}
    lang = "ar" if display.is_arabic() else "en"
    types = [(code, t.label[lang]) for code, t in active_codebook().incident_types.items()]
    return render(
        request,
        "marsad/review/queue.html",
        {"pages": pages, "types": types, "incident_type": incident_type},
    )


@login_required
@permission_required(workflow.REVIEW, raise_exception=True)
def account_page(request, pk: int, status: int = 200, link_form=None):
    """One account waiting to be placed: link it to an incident found by number or by date
    and place, or start a new incident from it."""
    report = visible_report(request.user, pk)
    linked = list(
        visible_incidents(request.user).filter(links__report=report).select_related("place")
    )
    search = IncidentSearchForm(request.GET or None, initial=_search_defaults(report))
    results = labelled(find_incidents(request.user, report, search))
    context = {
        "report": report,
        "linked": linked,
        "comparison": compare_accounts([report], show_identity=request.user.has_perm(IDENTITY)),
        "search": search,
        "results": results,
        "link_form": link_form or LinkForm(),
        "can_create": request.user.has_perm("records.add_incident"),
    }
    return render(request, "marsad/review/account.html", context, status=status)


def _search_defaults(report: SourceReport) -> dict:
    """Incidents of the same type within a week, anywhere in the account's governorate (other
    accounts may give the place more or less precisely than this one)."""
    governorate = governorate_of(report.place)
    return {
        "date": report.date,
        "days": 7,
        "place": display.place_name(governorate) if governorate else "",
        "same_type": True,
    }
