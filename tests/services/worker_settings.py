"""Settings of the django-tasks worker process that the services test starts.

The test settings with tasks queued in the database (as in production) and mails
written as files into QUARTIER_TEST_MAIL_DIR, so that the test can read what the
worker sent.
"""

import os

from cms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["QUARTIER_TEST_MAIL_DIR"]
