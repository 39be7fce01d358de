"""The cross-checking pages: the queue of candidate pairs, one pair side by side with the
model's reasons, the verdict (which acts through the review services), undo, and past runs.

Pairs are looked up through ``visible_reports``: a pair with an account of an incident hidden
from the reader is "not found" on every URL here and absent from the queue.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.crosscheck.forms import DecisionForm, comparison_label, level_label
from marsad.crosscheck.models import CandidatePair, PairDecision, Run
from marsad.engines.crosscheck import load_model
from marsad.engines.crosscheck_review import explain
from marsad.records.models import IncidentReport
from marsad.records.visibility import visible_reports
from marsad.review import display, services
from marsad.review.comparison import compare_accounts
from marsad.review.decisions import ReviewError
from marsad.review.views import ACCOUNT_HEADING, REPORT_RELATED
from marsad.web.jinja import render_fragment

DECIDE = "crosscheck.add_pairdecision"
IDENTITY = "records.view_source_identity"
PER_PAGE = 50
Verdict = PairDecision.Verdict


def visible_pairs(user):
    """Candidate pairs whose two accounts ``user`` may both see."""
    reports = visible_reports(user)
    return CandidatePair.objects.filter(report_a__in=reports, report_b__in=reports)


def standing():
    """A decision on the outer pair that still holds (not undone)."""
    return PairDecision.objects.filter(
        report_a=OuterRef("report_a"), report_b=OuterRef("report_b"), undone_at__isnull=True
    )


def undecided_pairs(user):
    return visible_pairs(user).exclude(Exists(standing())).order_by("-priority", "id")


def _with_links(queryset):
    links = IncidentReport.objects.select_related("incident").order_by("incident_id")
    return queryset.select_related("place").prefetch_related(Prefetch("links", queryset=links))


def _account(report) -> dict:
    return {
        "report": report,
        "type": display.type_label(report.type),
        "date": display.claim_date(report),
        "place": display.place_name(report.place) or report.place_text,
        "incidents": [link.incident for link in report.links.all()],
    }


@login_required
@permission_required(DECIDE, raise_exception=True)
def queue(request):
    pairs = undecided_pairs(request.user)
    page = Paginator(pairs, PER_PAGE).get_page(request.GET.get("page"))
    pairs = list(page.object_list)
    ids = {pk for pair in pairs for pk in (pair.report_a_id, pair.report_b_id)}
    reports = {r.pk: r for r in _with_links(visible_reports(request.user).filter(pk__in=ids))}
    rows = [
        {"pair": p, "sides": [_account(reports[p.report_a_id]), _account(reports[p.report_b_id])]}
        for p in pairs
    ]
    return render(
        request,
        "marsad/crosscheck/queue.html",
        {"page": page, "rows": rows, "total": page.paginator.count},
    )


def _explanation(pair: CandidatePair) -> list[dict]:
    """Each comparison's level and weight for this pair, from the stored comparison levels."""
    model = load_model()
    row = {"report_id_l": pair.report_a_id, "report_id_r": pair.report_b_id}
    for comp in model.comparisons:
        level = pair.comparisons.get(comp.name)
        row[f"gamma_{comp.name}"] = -1 if level is None else int(level)
    return [
        {
            "name": comparison_label(c.comparison),
            "level": level_label(c.comparison, c.level),
            "weight": c.weight,
            "direction": "for" if c.weight > 0 else "against" if c.weight < 0 else "none",
        }
        for c in explain(row, model).contributions
    ]


@login_required
@permission_required(DECIDE, raise_exception=True)
def pair_page(request, pk: int):
    pair = get_object_or_404(visible_pairs(request.user), pk=pk)
    related = visible_reports(request.user).select_related(*REPORT_RELATED)
    accounts = [
        _account(report)
        for report in _with_links(
            related.filter(pk__in=[pair.report_a_id, pair.report_b_id])
        ).order_by("pk")
    ]
    decisions = PairDecision.objects.filter(
        report_a=pair.report_a_id, report_b=pair.report_b_id
    ).select_related("decided_by")
    holding = next((d for d in decisions if d.undone_at is None), None)
    comparison = compare_accounts(
        [a["report"] for a in accounts], show_identity=request.user.has_perm(IDENTITY)
    )
    context = {
        "pair": pair,
        "accounts": accounts,
        "comparison": comparison,
        "accounts_section": render_fragment(
            request,
            "marsad/review/accounts.html",
            {
                "reports": comparison.reports,
                "comparison": comparison,
                "can_review": False,
                "text": {"account": ACCOUNT_HEADING},
            },
        ),
        "explanation": _explanation(pair),
        "decisions": decisions,
        "holding": holding,
        "form": DecisionForm(),
    }
    return render(request, "marsad/crosscheck/pair.html", context)


def _incident_of(report):
    link = report.links.select_related("incident").order_by("incident_id").first()
    return link.incident if link else None


def act(verdict: str, first, second, user, reason: str) -> str:
    """Carry out a verdict on the incidents with the review services; what was done."""
    one, other = _incident_of(first), _incident_of(second)
    if verdict == Verdict.SAME:
        if one is None and other is None:
            created = services.new_incident(first, user, reason).incidents.get()
            services.link(created, second, user, reason)
            return _("Both accounts are now incident #%(id)s.") % {"id": created.pk}
        if other is None:
            services.link(one, second, user, reason)
        elif one is None:
            services.link(other, first, user, reason)
        elif one.pk != other.pk:
            services.merge(one, other, user, reason)
        return _("Both accounts are now incident #%(id)s.") % {"id": (one or other).pk}
    if verdict == Verdict.DIFFERENT and one is not None and one == other:
        created = services.split(one, [second.pk], user, reason).incidents.exclude(pk=one.pk)
        return _("Account #%(report)s moved to the new incident #%(id)s.") % {
            "report": second.pk,
            "id": created.get().pk,
        }
    return _("Decision recorded.")


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def decide(request, pk: int):
    pair = get_object_or_404(visible_pairs(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose same, different or unsure."))
        return redirect("crosscheck:pair", pk=pk)
    verdict, reason = form.cleaned_data["verdict"], form.cleaned_data["reason"].strip()
    first, second = pair.report_a, pair.report_b
    try:
        with transaction.atomic():
            # Lock the pair's decisions so two reviewers cannot decide the same pair at once.
            decided = PairDecision.objects.select_for_update().filter(
                report_a=first, report_b=second, undone_at__isnull=True
            )
            if decided.exists():
                raise ReviewError(_("This pair has already been decided: undo that first."))
            done = act(verdict, first, second, request.user, reason)
            PairDecision.objects.create(
                report_a=first,
                report_b=second,
                verdict=verdict,
                reason=reason,
                decided_by=request.user,
            )
    except ReviewError as refused:
        messages.error(request, str(refused))
        return redirect("crosscheck:pair", pk=pk)
    except PermissionDenied:
        messages.error(
            request,
            _(
                "You may not change these incidents (a published or restricted incident needs "
                "more rights): nothing was recorded."
            ),
        )
        return redirect("crosscheck:pair", pk=pk)
    messages.success(request, done)
    following = undecided_pairs(request.user).first()
    return (
        redirect("crosscheck:pair", pk=following.pk) if following else redirect("crosscheck:queue")
    )


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def undo(request, pk: int):
    reports = visible_reports(request.user)
    decision = get_object_or_404(
        PairDecision.objects.filter(report_a__in=reports, report_b__in=reports), pk=pk
    )
    pair = CandidatePair.objects.filter(
        report_a=decision.report_a_id, report_b=decision.report_b_id
    ).first()
    if decision.undone_at is None:
        decision.undone_at = timezone.now()
        decision.save(update_fields=["undone_at"])
        messages.success(
            request,
            _(
                "The decision is undone and the pair is back in the queue. Links, merges or "
                "splits it made stay: undo them on the incident page."
            ),
        )
    return redirect("crosscheck:pair", pk=pair.pk) if pair else redirect("crosscheck:queue")


@login_required
@permission_required("crosscheck.view_run", raise_exception=True)
def runs(request):
    page = Paginator(Run.objects.all(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "marsad/crosscheck/runs.html", {"page": page})
