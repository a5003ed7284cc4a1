from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_event_visibility(apps, schema_editor):
    """Give the existing dates their event page's `live` and tree path."""
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    Page = apps.get_model("wagtailcore", "Page")
    page = Page.objects.filter(pk=OuterRef("event_id"))
    EventOccurrence.objects.update(
        event_live=Subquery(page.values("live")[:1]),
        event_path=Subquery(page.values("path")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_add_occurrence_districts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventoccurrence",
            name="event_live",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="eventoccurrence",
            name="event_path",
            field=models.CharField(default="", max_length=255),
        ),
        migrations.RunPython(copy_event_visibility, migrations.RunPython.noop),
    ]
