"""A listing's title ends up in the subject of the mails about it: no line breaks."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.models import Listing

from .test_views import _listing_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("title", ["Hilfe\nim Garten", "Hilfe\r\nBcc: x@example.org", "Hilfe\x00"])
def test_listing_title_with_a_line_break_is_refused_with_a_message(
    client, ge_member, ge_category, title
):
    client.force_login(ge_member.user)
    response = client.post(
        reverse("exchange:listing_create"),
        _listing_data(ge_category, ge_member.district, title=title),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Listing.objects.filter(member=ge_member).exists()


def test_listing_model_refuses_a_title_with_a_line_break(ge_listing):
    ge_listing.title = "Hilfe\nim Garten"
    with pytest.raises(ValidationError) as refused:
        ge_listing.full_clean()
    assert "title" in refused.value.message_dict
