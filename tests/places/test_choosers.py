"""The places choosers offer only the municipalities, districts and social spaces of the
towns the user works for."""

from django.urls import reverse

from cms.places.models import District, SocialSpace


def _chosen(model_name: str, pk: int) -> str:
    return reverse(f"wagtailsnippetchoosers_places_{model_name}:chosen", args=(pk,))


def test_editor_picks_a_district_of_their_own_town(client, editor, gelsenkirchen):
    district = District.objects.filter(municipality=gelsenkirchen.municipality).first()
    client.force_login(editor)
    assert client.get(_chosen("district", district.pk)).status_code == 200


def test_editor_gets_404_for_another_towns_district(client, editor, delbrueck):
    district = District.objects.filter(municipality=delbrueck.municipality).first()
    client.force_login(editor)
    assert client.get(_chosen("district", district.pk)).status_code == 404


def test_editor_gets_404_for_another_town(client, editor, delbrueck):
    client.force_login(editor)
    assert client.get(_chosen("municipality", delbrueck.municipality.pk)).status_code == 404


def test_editor_gets_404_for_another_towns_social_space(client, editor, delbrueck):
    district = District.objects.filter(municipality=delbrueck.municipality).first()
    space = SocialSpace.objects.create(name="Treff Ostenland", slug="treff", district=district)
    client.force_login(editor)
    assert client.get(_chosen("socialspace", space.pk)).status_code == 404


def test_district_chooser_lists_only_the_editors_towns(client, editor, gelsenkirchen):
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippetchoosers_places_district:choose"))
    assert response.status_code == 200
    listed = {district.pk for district in response.context["results"]}
    assert listed == set(
        District.objects.filter(municipality=gelsenkirchen.municipality).values_list(
            "pk", flat=True
        )
    )


def test_platform_admin_picks_any_town(client, admin_user, delbrueck):
    client.force_login(admin_user)
    assert client.get(_chosen("municipality", delbrueck.municipality.pk)).status_code == 200
