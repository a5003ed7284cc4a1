"""Signal receivers of the editorial review."""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.signals import task_submitted

from .models import DataProtectionCheckTaskState


class DataProtectionCheckSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Mails the reviewers when a page reaches the data-protection check.

    Wagtail sends `task_submitted` with the task state's own class as sender and
    connects its reviewer e-mail for the plain TaskState only, so without this the
    reviewers of the data-protection check would never hear of a submission. Wagtail's
    group-approval templates (`task_state_submitted*`) fit this task as they are.
    """

    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"


data_protection_check_submission_email_notifier = DataProtectionCheckSubmissionEmailNotifier()


def register_signal_handlers() -> None:
    task_submitted.connect(
        data_protection_check_submission_email_notifier,
        sender=DataProtectionCheckTaskState,
        dispatch_uid="data_protection_check_submitted_email_notification",
    )
