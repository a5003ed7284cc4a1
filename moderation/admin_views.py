"""The reports queue of the Wagtail admin: one municipality's reports, oldest first.

Each reportable kind says who moderates it (moderation.reports.ReportTarget), so the
queue and every screen that takes an id are narrowed to the user's municipalities: a
foreign or unknown id is a 404. Only here, for the moderators, are reporters named.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import reports
from .forms import ReportDecisionForm

QUEUE_PER_PAGE = 50


def _moderator_required(request) -> None:
    if not reports.user_moderates_anything(request.user):
        raise PermissionDenied


def _render(request, template: str, title: str, **context):
    context.update({"page_title": title, "header_title": title, "header_icon": "warning"})
    return TemplateResponse(request, f"moderation/admin/{template}", context)


def _targets_by_model() -> dict:
    return {
        (target.model._meta.app_label, target.model._meta.model_name): target
        for target in reports.targets()
    }


def queue(request):
    """Every reported object with open reports, the longest waiting first."""
    _moderator_required(request)
    page = Paginator(reports.queue_for_moderator(request.user), QUEUE_PER_PAGE).get_page(
        request.GET.get("p")
    )
    rows = list(page.object_list)
    by_model = _targets_by_model()
    ids_by_target: dict = {}
    for row in rows:
        target = by_model[(row["content_type__app_label"], row["content_type__model"])]
        ids_by_target.setdefault(target.kind, (target, []))[1].append(row["object_id"])
    objects, hidden = {}, set()
    for kind, (target, ids) in ids_by_target.items():
        for pk, obj in target.model.objects.in_bulk(ids).items():
            objects[(kind, pk)] = obj
        if target.hides:
            hidden |= {
                (kind, pk)
                for pk in reports.hidden_object_ids(target.model)
                .filter(object_id__in=ids)
                .values_list("object_id", flat=True)
            }
    entries = []
    for row in rows:
        target = by_model[(row["content_type__app_label"], row["content_type__model"])]
        key = (target.kind, row["object_id"])
        obj = objects.get(key)
        entries.append(
            {
                "kind": target.kind,
                "kind_label": target.label,
                "object_id": row["object_id"],
                "subject": target.subject(obj) if obj is not None else _("(gelöscht)"),
                "reports": row["reports"],
                "reporters": row["reporters"],
                "first_reported_at": row["first_reported_at"],
                "hidden": key in hidden,
            }
        )
    return _render(request, "queue.html", _("Meldungen"), page_obj=page, entries=entries)


def _reported_object(request, kind: str, pk: int):
    """The reported object of a kind the user moderates, in one of their municipalities."""
    _moderator_required(request)
    target = reports.target_for_kind(kind)
    if target is None:
        raise Http404
    obj = target.model.objects.filter(pk=pk).first()
    if obj is None or not (
        target.moderated_municipalities(request.user)
        .filter(pk=target.municipality_id(obj))
        .exists()
    ):
        raise Http404
    return target, obj


def detail(request, kind: str, pk: int):
    """One reported object: its reports (with who reported) and the decision form."""
    target, obj = _reported_object(request, kind, pk)
    object_reports = (
        reports.reports_about(target.model, [obj.pk])
        .select_related("reporter", "decided_by")
        .order_by("created_at")
    )
    return _render(
        request,
        "detail.html",
        str(target.subject(obj)),
        target=target,
        obj=obj,
        admin_url=target.admin_url(obj) if target.admin_url else "",
        reports=object_reports,
        has_open=any(report.state == "open" for report in object_reports),
        hidden=target.hides and reports.is_hidden(obj),
        form=ReportDecisionForm(decisions=target.decisions),
        version=reports.decision_version(obj),
        findings=target.extra.get("findings", lambda obj: [])(obj),
    )


@require_POST
def decide(request, kind: str, pk: int):
    """Decide every open report about the object: remove, keep, warn or block."""
    target, obj = _reported_object(request, kind, pk)
    form = ReportDecisionForm(request.POST, decisions=target.decisions)
    if not form.is_valid():
        messages.error(
            request, _("Bitte wählen Sie eine Entscheidung und geben Sie einen Grund an.")
        )
        return redirect("moderation_reports:detail", kind=kind, pk=pk)
    try:
        count = reports.reports_decide(
            obj=obj,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            seen_version=request.POST.get("version"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("moderation_reports:detail", kind=kind, pk=pk)
    messages.success(request, _("Entschieden: %(count)s Meldung(en).") % {"count": count})
    return redirect("moderation_reports:index")
