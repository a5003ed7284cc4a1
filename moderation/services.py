"""Writes of the editorial review: setting up a municipality's workflow."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from .models import DataProtectionCheckTask


@transaction.atomic
def editorial_workflow_ensure(*, name: str, root: Page, reviewers: Group) -> Workflow:
    """Create (or repair) the two-step editorial workflow on a page tree. Idempotent.

    Step one is the data-protection check, step two the editorial team's approval;
    both are done by `reviewers`. The workflow is assigned to `root` and its
    translations, so it applies to every page below them without a workflow of its own.
    """
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    check_name = _("Datenschutzprüfung – %s") % name
    approval_name = _("Freigabe durch die Redaktion – %s") % name
    check = _task_ensure(DataProtectionCheckTask, check_name, reviewers)
    approval = _task_ensure(GroupApprovalTask, approval_name, reviewers)
    for order, task in enumerate([check, approval]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    # Every language's copy of the tree is reviewed the same way.
    for translation in root.get_translations(inclusive=True):
        WorkflowPage.objects.update_or_create(page=translation, defaults={"workflow": workflow})
    return workflow


def _task_ensure(task_class, name: str, reviewers: Group):
    task, _created = task_class.objects.get_or_create(name=name, defaults={"active": True})
    task.groups.add(reviewers)
    return task
