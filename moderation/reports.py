"""Reports of abuse, generic over what is reported: the registry, the rules, the writes.

An app makes one of its models reportable by registering a `ReportTarget` (the
exchange registers listings and members in `exchange.reporting`; a conversation's
message, an event or an article is one more `register` call). Moderation knows
nothing of those apps: the target tells it the municipality of an object, how to name
it, who moderates it, and what a decision does (remove it, warn or block its owner,
with the mails). This module applies the rules that are the same for everything:

- one report per reporter and object (a database constraint);
- an object with open reports from `MODERATION_REPORT_HIDE_THRESHOLD` different members
  is hidden until a moderator decides (`hidden_object_ids`, used by the app's one
  visibility selector, so site, search and API agree);
- "keep" stays in force until the content is edited (`content_changed`), so reports
  cannot hide it again and again;
- every decision is logged (Wagtail's audit log, `moderation.report.*`) with its reason.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Report, ReportDecision, ReportKeep, ReportState


@dataclass(frozen=True)
class ReportTarget:
    """How moderation handles reports of one model.

    `kind`: the short name in URLs ("listing"). `municipality_id(obj)`: whose queue.
    `subject(obj)`: how the object is named to moderators and in mails (never a
    person's contact data). `moderated_municipalities(user)`: the municipalities whose
    reports of this kind the user decides (a queryset). `decide(obj, decision, reason,
    by, reporters)`: the app's effects of a decision, including its mails; it runs in
    the decision's transaction. `owner_user(obj)`: the account whose content it is
    (it may not report it). `hides`: whether reports at the threshold hide the object.
    """

    model: type
    kind: str
    label: str
    municipality_id: Callable
    subject: Callable
    moderated_municipalities: Callable
    decide: Callable
    owner_user: Callable = lambda obj: None
    decisions: tuple = tuple(ReportDecision.values)
    hides: bool = False
    admin_url: Callable | None = None
    version: Callable | None = None
    extra: dict = field(default_factory=dict)


_TARGETS: dict[str, ReportTarget] = {}


def register(target: ReportTarget) -> None:
    """Make a model reportable. Registering the same kind again replaces it."""
    _TARGETS[target.kind] = target


def targets() -> list[ReportTarget]:
    return list(_TARGETS.values())


def target_for_kind(kind: str) -> ReportTarget | None:
    return _TARGETS.get(kind)


def target_for(obj) -> ReportTarget:
    for target in _TARGETS.values():
        if isinstance(obj, target.model):
            return target
    raise LookupError(f"{type(obj).__name__} is not registered for reports")


def hide_threshold() -> int:
    return int(settings.MODERATION_REPORT_HIDE_THRESHOLD)


def _content_type_q(model, prefix: str = "content_type__") -> Q:
    # By label, not by a ContentType row fetched first: the visibility selector stays
    # one query wherever it is used.
    return Q(
        **{f"{prefix}app_label": model._meta.app_label, f"{prefix}model": model._meta.model_name}
    )


def hidden_object_ids(model) -> QuerySet:
    """Ids (a subquery) of the objects of `model` that reports hide right now.

    Hidden: open reports from at least the threshold of different members, and no
    "keep" decision in force.
    """
    kept = ReportKeep.objects.filter(_content_type_q(model), object_id=OuterRef("object_id"))
    return (
        Report.objects.filter(_content_type_q(model), state=ReportState.OPEN)
        .filter(~Exists(kept))
        .values("object_id")
        .annotate(reporters=Count("reporter", distinct=True))
        .filter(reporters__gte=hide_threshold())
        .values("object_id")
    )


def is_hidden(obj) -> bool:
    return hidden_object_ids(type(obj)).filter(object_id=obj.pk).exists()


def reports_about(model, object_ids) -> QuerySet[Report]:
    return Report.objects.filter(_content_type_q(model), object_id__in=list(object_ids))


def reports_by(user) -> QuerySet[Report]:
    """The reports an account made (personal data of the reporter: export, erasure)."""
    return Report.objects.filter(reporter=user).select_related("content_type", "municipality")


def reports_by_users(users) -> QuerySet[Report]:
    return Report.objects.filter(reporter__in=users)


def reports_forget(model, object_ids) -> None:
    """Delete the reports and "keep" decisions about objects that are being erased."""
    object_ids = list(object_ids)
    reports_about(model, object_ids).delete()
    ReportKeep.objects.filter(_content_type_q(model), object_id__in=object_ids).delete()


@transaction.atomic
def report_submit(*, obj, reporter, reason: str, details: str = "") -> Report:
    """A member reports `obj` (once). Raises ValidationError for a repeated report or
    for reporting one's own content."""
    target = target_for(obj)
    if target.owner_user(obj) == reporter:
        raise ValidationError(_("Eigene Inhalte können Sie nicht melden."))
    content_type = ContentType.objects.get_for_model(target.model)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                municipality_id=target.municipality_id(obj),
                content_type=content_type,
                object_id=obj.pk,
                reporter=reporter,
                reason=reason,
                details=details,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Sie haben das schon gemeldet. Die Moderation kümmert sich darum."),
            code="already_reported",
        ) from error
    return report


def content_changed(obj) -> int:
    """The content was edited: a "keep" decision about it lapses. Returns rows removed."""
    return ReportKeep.objects.filter(_content_type_q(type(obj)), object_id=obj.pk).delete()[0]


def decision_version(obj, report_ids=None) -> str:
    """What the moderator decides on: the open reports about `obj` and, where the
    target defines it, the object's own version. Carried by the decision form."""
    target = target_for(obj)
    if report_ids is None:
        report_ids = (
            reports_about(target.model, [obj.pk])
            .filter(state=ReportState.OPEN)
            .values_list("pk", flat=True)
        )
    parts = [",".join(str(pk) for pk in sorted(report_ids))]
    if target.version is not None:
        parts.append(target.version(obj))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


@transaction.atomic
def reports_decide(*, obj, decision: str, reason: str, by, seen_version: str | None = None) -> int:
    """Decide every open report about `obj`; returns how many were decided.

    The object's row is locked first, so two moderators deciding at once are served one
    after the other, and the second sees the first one's result. With `seen_version`
    (from the decision form) the decision is refused when the reports or the object
    changed since the moderator looked. The target's `decide` does what the decision
    means for the object and mails the people concerned; the decision and its reason
    are logged on the object.
    """
    target = target_for(obj)
    if decision not in target.decisions:
        raise ValidationError(_("Diese Entscheidung ist hier nicht möglich."))
    if not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine Begründung an."))
    target.model.objects.select_for_update(of=("self",)).filter(pk=obj.pk).values("pk").get()
    obj.refresh_from_db()
    open_reports = reports_about(target.model, [obj.pk]).filter(state=ReportState.OPEN)
    report_ids = list(open_reports.select_for_update().values_list("pk", flat=True))
    if not report_ids:
        raise ValidationError(
            _(
                "Zu diesem Inhalt gibt es keine offenen Meldungen mehr. Vielleicht hat "
                "inzwischen schon jemand anderes entschieden."
            )
        )
    if seen_version is not None and seen_version != decision_version(obj, report_ids):
        raise ValidationError(
            _(
                "Dieser Inhalt oder seine Meldungen wurden inzwischen geändert. Bitte sehen "
                "Sie sich den aktuellen Stand an und entscheiden Sie dann noch einmal."
            ),
            code="changed_since_seen",
        )
    reporters = list(
        Report.objects.filter(pk__in=report_ids).select_related("reporter").order_by("pk")
    )
    now = timezone.now()
    Report.objects.filter(pk__in=report_ids).update(
        state=ReportState.DECIDED,
        decision=decision,
        decision_reason=reason,
        decided_by=by,
        decided_at=now,
    )
    if decision == ReportDecision.KEEP:
        ReportKeep.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(target.model),
            object_id=obj.pk,
            defaults={"municipality_id": target.municipality_id(obj), "decided_by": by},
        )
    target.decide(
        obj,
        decision=decision,
        reason=reason,
        by=by,
        reporters=[report.reporter for report in reporters],
    )
    log(
        instance=obj,
        action=f"moderation.report.{decision}",
        user=by,
        data={"reason": reason, "reports": len(report_ids)},
    )
    return len(report_ids)


def open_reports_for_moderator(user) -> QuerySet[Report]:
    """Open reports of every registered kind in the municipalities the user moderates."""
    condition = Q(pk__in=[])
    for target in _TARGETS.values():
        condition |= _content_type_q(target.model) & Q(
            municipality__in=target.moderated_municipalities(user)
        )
    return Report.objects.filter(condition, state=ReportState.OPEN)


def queue_for_moderator(user) -> QuerySet:
    """One row per reported object, oldest open report first: kind, id, how many
    reports from how many members, and when the first came in."""
    return (
        open_reports_for_moderator(user)
        .values("content_type__app_label", "content_type__model", "object_id", "municipality_id")
        .annotate(
            reports=Count("pk"),
            reporters=Count("reporter", distinct=True),
            first_reported_at=Min("created_at"),
        )
        .order_by("first_reported_at", "object_id")
    )


def user_moderates_anything(user) -> bool:
    return any(target.moderated_municipalities(user).exists() for target in _TARGETS.values())
