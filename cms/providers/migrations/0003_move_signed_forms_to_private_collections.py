"""Move the scans of signed consent forms out of the public Root collection.

Each scan goes into the private collection of its provider's municipality ("Einwilligungen
<municipality>"), made here when missing, with a view restriction that opens it to that
municipality's editorial team only. `setup_roles` later grants the team its rights there.
"""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode_step(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _root_child_add(Collection, name: str):
    """Add a child of the root collection by hand: historical models lack treebeard."""
    root = Collection.objects.get(depth=1)
    last = (
        Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    )
    step = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    collection = Collection.objects.create(
        name=name, path=root.path + _encode_step(step), depth=2, numchild=0
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    return collection


def _private_collection(apps, municipality):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    MunicipalityCollection = apps.get_model("roles", "MunicipalityCollection")
    RoleGroup = apps.get_model("roles", "RoleGroup")

    link = MunicipalityCollection.objects.filter(
        municipality=municipality, purpose="private"
    ).first()
    if link:
        return link.collection
    collection = _root_child_add(Collection, f"Einwilligungen {municipality.name}")
    MunicipalityCollection.objects.create(
        collection=collection, municipality=municipality, purpose="private"
    )
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="groups"
    )
    editorial = RoleGroup.objects.filter(
        role="editorial_team", municipality=municipality, district__isnull=True
    ).first()
    # Without an editorial team yet the restriction admits no group: private to
    # platform admins until setup_roles runs.
    if editorial:
        restriction.groups.set([editorial.group_id])
    return collection


def move_signed_forms(apps, schema_editor):
    ProviderConsent = apps.get_model("providers", "ProviderConsent")
    PortalHomePage = apps.get_model("home", "PortalHomePage")
    Document = apps.get_model("wagtaildocs", "Document")
    MunicipalityCollection = apps.get_model("roles", "MunicipalityCollection")

    private_ids = set(
        MunicipalityCollection.objects.filter(purpose="private").values_list(
            "collection_id", flat=True
        )
    )
    portals = list(PortalHomePage.objects.select_related("municipality"))
    consents = ProviderConsent.objects.exclude(signed_form=None).select_related("provider")
    for consent in consents:
        document = Document.objects.get(pk=consent.signed_form_id)
        if document.collection_id in private_ids:
            continue
        portal = next((p for p in portals if consent.provider.path.startswith(p.path)), None)
        if portal is None:
            continue
        collection = _private_collection(apps, portal.municipality)
        private_ids.add(collection.pk)
        document.collection_id = collection.pk
        document.save(update_fields=["collection"])


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0002_add_easy_language_mark"),
        ("roles", "0003_add_municipality_collection"),
        ("home", "0002_add_easy_language_mark_and_theme"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move_signed_forms, migrations.RunPython.noop)]
