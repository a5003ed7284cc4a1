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

    An existing workflow is found through its assignment to `root`, and its steps by
    their type, never by name: admins may rename them, and names depend on the
    language the command ran in.
    """
    assignment = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    workflow = assignment.workflow if assignment else Workflow.objects.create(name=name)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    steps = {type(task): task for task in workflow.tasks.specific()}
    check = steps.get(DataProtectionCheckTask) or DataProtectionCheckTask.objects.create(
        name=_("Datenschutzprüfung – %s") % name
    )
    approval = steps.get(GroupApprovalTask) or GroupApprovalTask.objects.create(
        name=_("Freigabe durch die Redaktion – %s") % name
    )
    for order, task in enumerate([check, approval]):
        task.groups.add(reviewers)
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    # Every language's copy of the tree is reviewed the same way.
    for translation in root.get_translations(inclusive=True):
        WorkflowPage.objects.update_or_create(page=translation, defaults={"workflow": workflow})
    return workflow
