"""Which Wagtail group plays which role for which municipality or district.

Groups are found through this table rather than by name, so that admins may rename
a group without `setup_roles` creating a second one.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import CollectionPurpose, Role


class RoleGroup(models.Model):
    """A Wagtail group that holds one role in one municipality (and, for editors, district)."""

    group = models.OneToOneField(
        Group, verbose_name=_("Gruppe"), on_delete=models.CASCADE, related_name="role"
    )
    role = models.CharField(_("Rolle"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="role_groups",
    )
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("Quartier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_groups",
    )

    class Meta:
        verbose_name = _("Rollengruppe")
        verbose_name_plural = _("Rollengruppen")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "municipality"],
                condition=models.Q(district__isnull=True),
                name="unique_municipality_role",
            ),
            models.UniqueConstraint(
                fields=["role", "district"],
                condition=models.Q(district__isnull=False),
                name="unique_district_role",
            ),
        ]

    def __str__(self) -> str:
        return self.group.name

    def clean(self) -> None:
        super().clean()
        if (self.role == Role.DISTRICT_EDITOR) != bool(self.district_id):
            raise ValidationError(_("Nur die Quartiersredaktion gehört zu einem Quartier."))


class MunicipalityCollection(models.Model):
    """The Wagtail collection that holds one kind of a municipality's files.

    Images and documents belong to a municipality through their collection: the
    collection recorded here or one below it. Found through this table rather than by
    name, so that admins may rename a collection.
    """

    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("Sammlung"),
        on_delete=models.CASCADE,
        related_name="municipality_link",
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="collections",
    )
    purpose = models.CharField(_("Zweck"), max_length=20, choices=CollectionPurpose.choices)

    class Meta:
        verbose_name = _("Sammlung einer Kommune")
        verbose_name_plural = _("Sammlungen der Kommunen")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "purpose"], name="unique_municipality_collection_purpose"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.get_purpose_display()}"
