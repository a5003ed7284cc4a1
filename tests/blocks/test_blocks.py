import pytest
from wagtail.blocks import StructBlockValidationError

from blocks.blocks import CaptionedImageBlock, LinkBlock

pytestmark = pytest.mark.django_db


def test_link_needs_a_page_or_an_address():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": ""}))


def test_link_takes_an_external_address():
    block = LinkBlock()
    value = block.clean(block.to_python({"page": None, "url": "https://example.org/"}))
    assert block.get_url(value) == "https://example.org/"


def test_image_block_requires_alternative_text():
    block = CaptionedImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": "", "credit": ""}))
    assert "alt_text" in error.value.block_errors
