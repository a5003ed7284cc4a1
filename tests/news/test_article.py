import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_lead_image_without_alt_text_is_rejected():
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
    article = ArticlePage(
        title="Fest",
        slug="fest",
        intro="Ein Fest.",
        body=[],
        lead_image=image,
        lead_image_alt_text="  ",
    )
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "lead_image_alt_text" in error.value.message_dict
