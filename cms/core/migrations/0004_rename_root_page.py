"""The tree's root page is called "Quartier", not Wagtail's "Root".

Editors and providers see the root's title in the page chooser and the explorer; an
English technical word there is one more thing to puzzle over. The platform's name
reads the same in every language of the admin.
"""

from django.db import migrations

ROOT_TITLE = "Quartier"


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)


def restore_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT_TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_add_content_version_record"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(rename_root, restore_root)]
