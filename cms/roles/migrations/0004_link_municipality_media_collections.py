"""Record the media collection of each municipality that `setup_roles` made before.

Those collections were found by their name (the municipality's) below the root; from now
on they are found through `MunicipalityCollection`, so that a rename changes nothing.
"""

from django.db import migrations


def link_media_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Municipality = apps.get_model("places", "Municipality")
    MunicipalityCollection = apps.get_model("roles", "MunicipalityCollection")

    for municipality in Municipality.objects.all():
        if MunicipalityCollection.objects.filter(
            municipality=municipality, purpose="media"
        ).exists():
            continue
        collection = Collection.objects.filter(depth=2, name=municipality.name).first()
        if collection and not MunicipalityCollection.objects.filter(collection=collection).exists():
            MunicipalityCollection.objects.create(
                collection=collection, municipality=municipality, purpose="media"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0003_add_municipality_collection"),
    ]

    operations = [migrations.RunPython(link_media_collections, migrations.RunPython.noop)]
