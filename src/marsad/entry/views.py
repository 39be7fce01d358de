"""Report entry pages: choose a type, fill in its form (new or edit), my reports and drafts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.codebook.labels import current_lang
from marsad.codebook.services import active_codebook, codebook_of
from marsad.entry import page, services
from marsad.entry.forms import ReportForm
from marsad.entry.models import Draft

ADD = "records.add_sourcereport"
CHANGE = "records.change_sourcereport"
SAVED_KEYS = "entry_saved_keys"  # session: localStorage copies the next page may forget


def _enter(view):
    return login_required(permission_required(ADD, raise_exception=True)(view))


@_enter
def choose(request):
    codebook, lang = active_codebook(), current_lang()
    types = [
        {
            "code": code,
            "label": item.label[lang],
            "description": item.description[lang] if item.description else "",
            "url": reverse("entry:form", args=[code]),
        }
        for code, item in codebook.incident_types.items()
    ]
    drafts = _drafts(request.user)[:5]
    return render(request, "marsad/entry/choose.html", {"types": types, "drafts": drafts})


@_enter
def new(request, incident_type: str):
    codebook = active_codebook()
    if incident_type not in codebook.incident_types:
        raise Http404
    draft = services.own_draft(
        request.user, request.POST.get("draft") or request.GET.get("draft"), incident_type
    )
    return _form_page(request, codebook, incident_type, None, draft)


@login_required
@permission_required(CHANGE, raise_exception=True)
def edit(request, pk: int):
    report = get_object_or_404(
        services.editable_reports(request.user).select_related("source", "place"), pk=pk
    )
    draft = services.own_draft(
        request.user, request.POST.get("draft") or request.GET.get("draft"), report.type, report
    )
    if draft is None and request.method == "GET":
        draft = Draft.objects.filter(user=request.user, report=report).first()
    codebook = codebook_of(report.codebook_version)  # the rules it was entered under
    if report.type not in codebook.incident_types:
        raise Http404
    return _form_page(request, codebook, report.type, report, draft)


def _form_page(request, codebook, incident_type, report, draft):
    options = {"codebook": codebook, "incident_type": incident_type, "user": request.user}
    if request.method == "POST":
        form = ReportForm(request.POST, report=report, **options)
        if form.is_valid():
            try:
                saved = services.save_report(form, draft)
            except IntegrityError:
                form.add_error(None, _("This source's account is already recorded."))
            else:
                return _saved(request, saved, report is None, incident_type, report)
        # Nothing typed is lost: the page shows it again, and the draft keeps it.
        draft = services.keep_draft(
            request.user, incident_type, report, form.value("draft"), form.draft_data()
        )
    else:
        form = ReportForm(report=report, **options)
        form.initial = services.initial_from_report(form, report) if report else {}
        form.initial.setdefault("place_precision", "community")
        if draft is not None:
            form.initial.update(draft.data)
    if draft is not None:
        form.initial["draft"] = str(draft.pk)
        if form.is_bound:
            form.data = form.data.copy()
            form.data["draft"] = str(draft.pk)
    return render(request, "marsad/entry/form.html", _context(request, form, draft, report))


def _context(request, form, draft, report):
    lang = form.lang
    kind = form.codebook.incident_types[form.incident_type]
    try:
        boundaries = reverse("dashboards:boundaries", args=["governorate"])
    except NoReverseMatch:
        boundaries = ""
    config = {
        "storageKey": services.storage_key(request.user, form.incident_type, report),
        "autosave": reverse("entry:autosave"),
        "places": reverse("entry:places"),
        "point": reverse("entry:point"),
        "actors": reverse("entry:actors"),
        "sources": reverse("entry:sources"),
        "boundaries": boundaries,
        "type": form.incident_type,
        "report": report.pk if report else None,
        "bound": form.is_bound,
        "serverDraft": bool(draft) or report is not None,
        "sensitive": form.identity_fields,
        "text": {
            "saved": _("Draft saved at %(time)s"),
            "local": _(
                "Saved in this browser only: the server did not accept it. "
                "Log in again and the form will be restored."
            ),
            "restored": _("What you typed before has been restored."),
            "afresh": _("Start with an empty form instead"),
            "newActor": _("New actor: %(name)s"),
            "newSource": _("New source: %(name)s"),
            "none": _("No suggestions"),
            "results": _("%(count)s suggestions; use the up and down arrows to choose."),
            "mapFailed": _("The map could not be drawn."),
            "noPlace": _("No place in the gazetteer near this point."),
        },
    }
    return {
        "form": form,
        "sections": page.sections(form),
        "summary": page.error_summary(form),
        "actor_types": page.actor_types(form.codebook, lang),
        "type_label": kind.label[lang],
        "type_description": kind.description[lang] if kind.description else "",
        "report": report,
        "draft": draft,
        "config": config,
    }


def _saved(request, report, created, incident_type, edited):
    keys = request.session.get(SAVED_KEYS, [])
    keys.append(services.storage_key(request.user, incident_type, edited))
    request.session[SAVED_KEYS] = keys[-10:]
    if created:
        messages.success(request, _("Report #%(id)s saved.") % {"id": report.pk})
    else:
        messages.success(request, _("Report #%(id)s updated.") % {"id": report.pk})
    return redirect("entry:mine")


def _drafts(user):
    editable = services.editable_reports(user).values("pk")
    return Draft.objects.filter(user=user).filter(Q(report__isnull=True) | Q(report__in=editable))


@_enter
def mine(request):
    from marsad.codebook import labels

    reports = Paginator(services.my_reports(request.user), 50).get_page(request.GET.get("page"))
    for report in reports:
        report.type_label = labels.label("incident_types", report.type)
    drafts = list(_drafts(request.user))
    for draft in drafts:
        draft.type_label = labels.label("incident_types", draft.incident_type)
        values = draft.data if isinstance(draft.data, dict) else {}
        draft.where = next(
            (values[k] for k in ("place_text", "observation_place", "target") if values.get(k)), ""
        )
        precision = values.get("date_precision", "day")
        draft.when = values.get(
            {"week": "date_week", "month": "date_month"}.get(precision, "date"), ""
        )
        draft.url = (
            reverse("entry:edit", args=[draft.report_id])
            if draft.report_id
            else reverse("entry:form", args=[draft.incident_type])
        ) + f"?draft={draft.pk}"
    forget = request.session.pop(SAVED_KEYS, [])
    context = {"reports": reports, "drafts": drafts, "forget": forget}
    return render(request, "marsad/entry/mine.html", context)


@require_POST
@_enter
def discard(request, pk: int):
    draft = get_object_or_404(Draft, pk=pk, user=request.user)
    request.session[SAVED_KEYS] = [
        *request.session.get(SAVED_KEYS, []),
        services.storage_key(request.user, draft.incident_type, draft.report),
    ][-10:]
    draft.delete()
    messages.success(request, _("Draft discarded."))
    return redirect("entry:mine")
