"""The decisions the review pages post. Each handler looks the records up through the
visibility restriction, calls one service function and goes back to the page it came from;
a refused decision comes back as a message, a missing permission as 403."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marsad.records.visibility import visible_incidents
from marsad.review import services, workflow
from marsad.review.decisions import ReviewError
from marsad.review.forms import (
    AccountForm,
    AssignForm,
    CommentForm,
    LinkForm,
    MergeForm,
    ReasonForm,
    ReconcileForm,
    SplitForm,
    TransitionForm,
)
from marsad.review.models import Decision
from marsad.review.views import account_page, render_incident, visible_incident, visible_report


def decision(permission: str = workflow.REVIEW):
    """POST only, signed in, holding ``permission``; a ReviewError becomes a message."""

    def wrap(view):
        @require_POST
        @login_required
        @permission_required(permission, raise_exception=True)
        @wraps(view)
        def handler(request, pk: int):
            try:
                return view(request, pk)
            except ReviewError as refused:
                messages.error(request, str(refused))
                return redirect(request.path.rsplit("/", 1)[0] + "/")

        return handler

    return wrap


def _back(incident_pk: int, anchor: str = ""):
    response = redirect("review:incident", pk=incident_pk)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def _invalid(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@decision()
def transition(request, pk: int):
    incident = visible_incident(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(pk)
    target = form.cleaned_data["target"]
    services.transition(incident, target, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Status changed."))
    return _back(pk)


@decision()
def assign(request, pk: int):
    incident = visible_incident(request.user, pk)
    if request.POST.get("me"):
        assignee = request.user
    else:
        form = AssignForm(request.POST, reviewers=services.reviewers())
        if not form.is_valid():
            _invalid(request, form)
            return _back(pk)
        assignee = form.cleaned_data["assignee"]
    services.assign(incident, assignee, request.user)
    messages.success(request, _("Assignment saved."))
    return _back(pk)


@decision()
def reconcile(request, pk: int):
    incident = visible_incident(request.user, pk)
    form = ReconcileForm(request.POST)
    if not form.is_valid():
        return render_incident(request, incident, status=400, reconcile=form)
    data = form.cleaned_data
    figures = {name: data[name] for name in services.FIGURES}
    services.reconcile(incident, request.user, figures, data["reason"], rule=data["rule"])
    messages.success(request, _("Reconciled figures saved."))
    return _back(pk, "figures")


@decision()
def unlink(request, pk: int):
    incident = visible_incident(request.user, pk)
    form = AccountForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(pk)
    report = get_object_or_404(incident.reports.all(), pk=form.cleaned_data["report"])
    services.unlink(incident, report, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Account #%(id)s unlinked.") % {"id": report.pk})
    return _back(pk, "accounts")


@decision()
def split(request, pk: int):
    incident = visible_incident(request.user, pk)
    ids = incident.links.values_list("report_id", flat=True)
    form = SplitForm(request.POST, report_ids=list(ids))
    if not form.is_valid():
        raise ReviewError(_("Choose the accounts to move to a new incident."))
    done = services.split(
        incident, form.cleaned_data["reports"], request.user, form.cleaned_data["reason"]
    )
    created = done.incidents.exclude(pk=incident.pk).first()
    messages.success(request, _("Accounts moved to the new incident #%(id)s.") % {"id": created.pk})
    return _back(pk, "accounts")


@decision()
def merge(request, pk: int):
    incident = visible_incident(request.user, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return render_incident(request, incident, status=400, merge=form)
    other = visible_incident(request.user, form.cleaned_data["other"])
    services.merge(incident, other, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Incident #%(id)s merged into this one.") % {"id": other.pk})
    return _back(pk, "accounts")


@decision(services.COMMENT)
def comment(request, pk: int):
    incident = visible_incident(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_incident(request, incident, status=400, comment=form)
    services.add_comment(incident, request.user, form.cleaned_data["text"])
    return _back(pk, "comments")


@decision()
def link(request, pk: int):
    report = visible_report(request.user, pk)
    form = LinkForm(request.POST)
    if not form.is_valid():
        return account_page(request, pk, status=400, link_form=form)
    incident = visible_incident(request.user, form.cleaned_data["incident"])
    services.link(incident, report, request.user, form.cleaned_data["note"])
    messages.success(request, _("Account #%(id)s linked.") % {"id": report.pk})
    return _back(incident.pk, "accounts")


@decision("records.add_incident")
def new_incident(request, pk: int):
    report = visible_report(request.user, pk)
    done = services.new_incident(
        report, request.user, ReasonForm(request.POST).data.get("reason", "")
    )
    created = done.incidents.get()
    messages.success(request, _("Incident #%(id)s created from this account.") % {"id": created.pk})
    return _back(created.pk)


@require_POST
@login_required
@permission_required(workflow.REVIEW, raise_exception=True)
def undo(request, pk: int):
    visible = visible_incidents(request.user)
    done = get_object_or_404(Decision.objects.filter(incidents__in=visible).distinct(), pk=pk)
    if done.incidents.exclude(pk__in=visible.values("pk")).exists():
        raise Http404  # part of it concerns an incident this reviewer may not see
    involved = done.incidents.order_by("pk")
    asked = request.POST.get("incident", "")
    back = (involved.filter(pk=asked).first() if asked.isdigit() else None) or involved.first()
    form = ReasonForm(request.POST)
    try:
        services.undo(done, request.user, form.data.get("reason", ""))
    except ReviewError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Decision undone."))
    return _back(back.pk, "history")
