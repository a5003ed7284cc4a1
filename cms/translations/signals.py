"""When a portal or district home gets its first translation, its language's copy of
the tree gets the same roles and the same editorial workflow (cms/roles)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from cms.core import tenancy
from cms.home.models import DistrictHomePage, PortalHomePage


@receiver(post_save, sender=PortalHomePage, dispatch_uid="translations_portal_roles")
@receiver(post_save, sender=DistrictHomePage, dispatch_uid="translations_district_roles")
def translated_tree_roles_ensure(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.locale_id == Locale.get_default().pk:
        return
    from cms.roles.services import municipality_roles_ensure

    portal = tenancy.portal_for_page(instance)
    original = (
        portal.get_translations().filter(locale=Locale.get_default()).first() if portal else None
    )
    if original is not None:
        municipality_roles_ensure(municipality=original.municipality, portal=original)
