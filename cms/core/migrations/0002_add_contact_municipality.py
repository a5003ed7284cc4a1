import django.db.models.deletion
from django.db import migrations, models


def contacts_give_municipality_of_their_pages(apps, schema_editor):
    """A contact used only on one municipality's pages becomes that municipality's.

    Uses are read from Wagtail's reference index, which records contact cards in
    StreamFields and foreign keys such as an accessibility statement's contact alike.
    A contact used by no page, or by pages of several municipalities, stays
    platform-wide (editable by platform admins only) until an admin assigns it.
    All translations of a contact get the same municipality.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Page = apps.get_model("wagtailcore", "Page")
    PortalHomePage = apps.get_model("home", "PortalHomePage")
    Contact = apps.get_model("core", "Contact")

    contact_type = ContentType.objects.filter(app_label="core", model="contact").first()
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if contact_type is None or page_type is None:
        return  # a fresh database: nothing to backfill
    portals = list(PortalHomePage.objects.values_list("path", "municipality_id"))

    def municipality_of(path):
        return next((m for portal_path, m in portals if path.startswith(portal_path)), None)

    uses = ReferenceIndex.objects.filter(
        to_content_type=contact_type, base_content_type=page_type
    ).values_list("to_object_id", "object_id")
    page_paths = dict(
        Page.objects.filter(pk__in={int(page_id) for _c, page_id in uses}).values_list(
            "pk", "path"
        )
    )
    key_of = dict(Contact.objects.values_list("pk", "translation_key"))
    municipalities_by_key = {}
    for contact_id, page_id in uses:
        key = key_of.get(int(contact_id))
        path = page_paths.get(int(page_id))
        if key is None or path is None:
            continue
        municipalities_by_key.setdefault(key, set()).add(municipality_of(path))
    for key, municipalities in municipalities_by_key.items():
        if len(municipalities) == 1 and None not in municipalities:
            Contact.objects.filter(translation_key=key).update(
                municipality_id=municipalities.pop()
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("places", "0001_initial"),
        ("home", "0002_add_easy_language_mark_and_theme"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Nur die Redaktion dieser Kommune kann den Kontakt bearbeiten und "
                    "auswählen. Ohne Kommune gilt er für die ganze Plattform und nur die "
                    "Plattform-Verwaltung kann ihn bearbeiten."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contacts",
                to="places.municipality",
                verbose_name="Kommune",
            ),
        ),
        migrations.RunPython(
            contacts_give_municipality_of_their_pages, migrations.RunPython.noop
        ),
    ]
