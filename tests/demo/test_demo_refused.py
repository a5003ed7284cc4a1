"""The demo loader refuses where demo data is not allowed (production).

Apart from tests/demo/test_load_demo.py, whose tests share one loaded demo.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_where_demo_data_is_not_allowed(settings):
    settings.QUARTIER_ALLOW_DEMO_DATA = False
    with pytest.raises(ImproperlyConfigured):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="anbieter-caritas").exists()
