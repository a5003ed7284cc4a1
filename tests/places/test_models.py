import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cms.places.models import District, Municipality, SocialSpace

pytestmark = pytest.mark.django_db


def test_district_slug_is_made_from_the_german_name():
    municipality = Municipality.objects.create(name="Musterstadt")
    district = District.objects.create(name="Schaffrath/Rosenhügel", municipality=municipality)
    assert district.slug == "schaffrath-rosenhuegel"


def test_district_slugs_are_unique_across_municipalities():
    first = Municipality.objects.create(name="Erststadt")
    second = Municipality.objects.create(name="Zweitstadt")
    District.objects.create(name="Altstadt", municipality=first)
    with pytest.raises(IntegrityError):
        District.objects.create(name="Altstadt", municipality=second)


def test_social_space_slug_may_repeat_in_another_district():
    municipality = Municipality.objects.create(name="Musterstadt")
    north = District.objects.create(name="Nord", municipality=municipality)
    south = District.objects.create(name="Süd", municipality=municipality)
    SocialSpace.objects.create(name="Grundschule", district=north, kind="school")
    SocialSpace.objects.create(name="Grundschule", district=south, kind="school")
    assert SocialSpace.objects.filter(slug="grundschule").count() == 2


def test_name_without_letters_is_rejected_with_a_message():
    municipality = Municipality(name="///")
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "name" in error.value.message_dict
