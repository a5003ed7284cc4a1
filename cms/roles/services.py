"""Writes of roles: the groups, page permissions and workflow of a municipality.

`municipality_roles_ensure` is idempotent and safe to run again after the page tree
has grown (for example after a new district or news index was added); `setup_roles`
runs it for every municipality that has a portal.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    get_page_models,
)

from cms.core import tenancy
from cms.places.models import District, Municipality
from moderation.services import editorial_workflow_ensure

from .enums import CollectionPurpose, Role
from .models import MunicipalityCollection, RoleGroup

EDITORIAL_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
DISTRICT_EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")
# "add" without "change": providers write new articles and edit the ones they own (and
# the profile handed to them); ownership keeps them off everyone else's pages.
PROVIDER_PAGE_PERMISSIONS = ("add",)
# The calendar is one page per portal, shared by all districts, so district editors get
# what providers get there: they add events, edit the ones they own and submit them;
# the event form lets them choose only their own district (cms/events/forms.py).
DISTRICT_EDITOR_CALENDAR_PERMISSIONS = ("add",)

MEDIA_PERMISSIONS = {
    Role.EDITORIAL_TEAM: ("add", "change", "choose"),
    Role.DISTRICT_EDITOR: ("add", "choose"),
    Role.PROVIDER: ("add", "choose"),
}
# The municipality admins choose (and upload) the logos of their sponsors.
MUNICIPALITY_ADMIN_IMAGE_PERMISSIONS = ("add", "choose")
# Signed consent forms and other personal documents: only the editorial team, and only
# documents (a scan is filed as a PDF, never as a public image).
PRIVATE_DOCUMENT_PERMISSIONS = ("add", "change", "choose")


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _role_group_ensure(
    *, role: Role, municipality: Municipality, district: District | None, name: str
) -> Group:
    role_group = (
        RoleGroup.objects.select_related("group")
        .filter(role=role, municipality=municipality, district=district)
        .first()
    )
    if role_group:
        return role_group.group
    group, _created = Group.objects.get_or_create(name=name)
    RoleGroup.objects.create(group=group, role=role, municipality=municipality, district=district)
    return group


def _page_permissions_ensure(group: Group, page: Page, types: tuple[str, ...]) -> None:
    """Grant the permission types on the page and on its translations.

    Each language's pages form a tree of their own in Wagtail, so a right granted on
    the German page alone would not reach its English or Arabic copy.
    """
    permissions = [_permission("wagtailcore", f"{kind}_page") for kind in types]
    for translation in page.get_translations(inclusive=True):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=translation, permission=permission
            )


def _collection_permissions_ensure(group: Group, collection: Collection, role: Role) -> None:
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for permission_type in MEDIA_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(app_label, f"{permission_type}_{model}"),
            )


def _collection_ensure(
    municipality: Municipality, purpose: CollectionPurpose, name: str
) -> Collection:
    """The municipality's collection for `purpose`, a child of the root; made when missing.

    A collection that existed before the table did is adopted by its name. The private
    collection is never placed below the media collection, so the rights on media (which
    providers and district editors hold) never reach it.
    """
    link = (
        MunicipalityCollection.objects.select_related("collection")
        .filter(municipality=municipality, purpose=purpose)
        .first()
    )
    if link:
        return link.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    MunicipalityCollection.objects.create(
        collection=collection, municipality=municipality, purpose=purpose
    )
    return collection


def _private_collection_secure(collection: Collection, editorial: Group) -> None:
    """Open the private collection to the editorial team and close it to everyone else.

    The view restriction makes Wagtail's document view refuse everyone outside the
    team (superusers aside) and keeps the files out of the admin API; the collection
    rights decide who lists, chooses and uploads them in the admin. Rights held by other
    groups on the collection or above it (Wagtail's default groups get rights on the
    root) would reach the scans too, so they are withdrawn.
    """
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": BaseViewRestriction.GROUPS}
    )
    if restriction.restriction_type != BaseViewRestriction.GROUPS:
        restriction.restriction_type = BaseViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
    restriction.groups.set([editorial])
    GroupCollectionPermission.objects.filter(
        Q(collection__in=collection.get_ancestors())
        | Q(collection__path__startswith=collection.path)
    ).exclude(group=editorial).delete()
    for permission_type in PRIVATE_DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editorial,
            collection=collection,
            permission=_permission("wagtaildocs", f"{permission_type}_document"),
        )


@transaction.atomic
def municipality_roles_ensure(*, municipality: Municipality, portal: Page) -> dict[str, Group]:
    """Create the role groups of a municipality and grant them their rights. Idempotent.

    - the editorial team edits, reviews and publishes everything below the portal;
    - each district's editors edit their district home's subtree and submit for review,
      and add events for their district to the portal's calendar;
    - providers may add articles to any news index of the municipality and edit their
      own articles and their own profile in the directory;
    - the editorial workflow (data-protection check, then approval) covers the portal;
    - images and documents live in the municipality's collection; signed consent forms
      in a private collection that only the editorial team reads.
    """
    access_admin = _permission("wagtailadmin", "access_admin")
    # Contacts are scoped to the municipality by their permission policy
    # (cms/roles/policies.py); the model permission only opens the door.
    change_contact = [
        _permission("core", f"{action}_contact") for action in ("add", "change", "delete")
    ]
    # Consent records are scoped to the municipality in their admin views
    # (cms/providers/viewsets.py); the model permission only opens the door.
    manage_consents = [
        _permission("providers", f"{action}_providerconsent")
        for action in ("add", "change", "delete", "view")
    ]
    # External calendar feeds are scoped to the municipality in their admin views too
    # (cms/events/viewsets.py).
    manage_feeds = [
        _permission("events", f"{action}_externalcalendarfeed")
        for action in ("add", "change", "delete", "view")
    ]
    # Designs and feedback on barriers are scoped to the municipality in their admin
    # views too (themes/viewsets.py). Feedback comes from the public form, never "add".
    manage_themes = [
        _permission("themes", f"{action}_theme") for action in ("add", "change", "delete", "view")
    ]
    manage_feedback = [
        _permission("themes", f"{action}_accessibilityfeedback")
        for action in ("change", "delete", "view")
    ]
    # Translating goes through wagtail-localize; publishing a translation still needs
    # the publish right on its page (cms/translations).
    submit_translation = _permission("wagtail_localize", "submit_translation")
    collection = _collection_ensure(municipality, CollectionPurpose.MEDIA, municipality.name)
    private_collection = _collection_ensure(
        municipality, CollectionPurpose.PRIVATE, _("Einwilligungen %s") % municipality.name
    )

    editorial = _role_group_ensure(
        role=Role.EDITORIAL_TEAM,
        municipality=municipality,
        district=None,
        name=_("Redaktion %s") % municipality.name,
    )
    editorial.permissions.add(
        access_admin,
        *change_contact,
        *manage_consents,
        *manage_feeds,
        *manage_themes,
        *manage_feedback,
        submit_translation,
    )
    _page_permissions_ensure(editorial, portal, EDITORIAL_PAGE_PERMISSIONS)
    _collection_permissions_ensure(editorial, collection, Role.EDITORIAL_TEAM)
    _private_collection_secure(private_collection, editorial)

    providers = _role_group_ensure(
        role=Role.PROVIDER,
        municipality=municipality,
        district=None,
        name=_("Anbieter %s") % municipality.name,
    )
    providers.permissions.add(access_admin)
    _collection_permissions_ensure(providers, collection, Role.PROVIDER)
    for section in _provider_sections(portal):
        _page_permissions_ensure(providers, section, PROVIDER_PAGE_PERMISSIONS)

    # The exchange's roles work in the exchange's own admin views, which scope every
    # object to the municipality through RoleGroup. They get admin access only: never
    # Wagtail's user management, which amounts to superuser power.
    municipality_admins = _role_group_ensure(
        role=Role.MUNICIPALITY_ADMIN,
        municipality=municipality,
        district=None,
        name=_("Kommunenadministration %s") % municipality.name,
    )
    # The info box and the sponsors are scoped to the municipality by their permission
    # policy (cms/noticeboard/policies.py); the model permission only opens the door.
    manage_noticeboard = [
        _permission("noticeboard", f"{action}_{model}")
        for model in ("infobox", "sponsor")
        for action in ("add", "change", "delete", "view")
    ]
    municipality_admins.permissions.add(access_admin, *manage_noticeboard)
    for permission_type in MUNICIPALITY_ADMIN_IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=municipality_admins,
            collection=collection,
            permission=_permission("wagtailimages", f"{permission_type}_image"),
        )
    proxy_helpers = _role_group_ensure(
        role=Role.PROXY_HELPER,
        municipality=municipality,
        district=None,
        name=_("Beauftragte Personen %s") % municipality.name,
    )
    proxy_helpers.permissions.add(access_admin)

    groups = {
        "editorial_team": editorial,
        "providers": providers,
        "municipality_admins": municipality_admins,
        "proxy_helpers": proxy_helpers,
    }
    district_homes = _district_homes(portal)
    for district_home in district_homes:
        district = district_home.district
        editors = _role_group_ensure(
            role=Role.DISTRICT_EDITOR,
            municipality=municipality,
            district=district,
            name=_("Quartiersredaktion %s") % district.name,
        )
        editors.permissions.add(access_admin, submit_translation)
        _page_permissions_ensure(editors, district_home, DISTRICT_EDITOR_PAGE_PERMISSIONS)
        for calendar in _calendars(portal):
            _page_permissions_ensure(editors, calendar, DISTRICT_EDITOR_CALENDAR_PERMISSIONS)
        _collection_permissions_ensure(editors, collection, Role.DISTRICT_EDITOR)
        groups[f"district_editors:{district.slug}"] = editors

    editorial_workflow_ensure(
        name=_("Redaktionelle Prüfung %s") % municipality.name, root=portal, reviewers=editorial
    )
    return groups


def _section_types(role: Role) -> list[type[Page]]:
    """The page types that declare the role in `role_sections`, in the order apps load.

    The content apps say which of their pages open to which role (news indexes,
    directories and calendars to providers; calendars to district editors too), so
    that the roles know page types without importing them.
    """
    return [model for model in get_page_models() if role in getattr(model, "role_sections", ())]


def _district_homes(portal: Page):
    """The district homes below the portal: each district's editors edit its subtree."""
    for model in get_page_models():
        if getattr(model, "district_editors_own_subtree", False):
            yield from model.objects.descendant_of(portal).select_related("district")


def _provider_sections(portal: Page):
    """The pages below which providers own what they write: news, directory, calendar."""
    for model in _section_types(Role.PROVIDER):
        yield from model.objects.descendant_of(portal)


def _calendars(portal: Page):
    for model in _section_types(Role.DISTRICT_EDITOR):
        yield from model.objects.descendant_of(portal)


def district_editor_calendar_rights_ensure(calendar: Page) -> None:
    """Let the district editors of the calendar's municipality add events to a new calendar."""
    portal = tenancy.portal_for_page(calendar)
    if portal is None:
        return
    role_groups = RoleGroup.objects.filter(
        role=Role.DISTRICT_EDITOR, municipality_id=portal.municipality_id
    ).select_related("group")
    for role_group in role_groups:
        _page_permissions_ensure(role_group.group, calendar, DISTRICT_EDITOR_CALENDAR_PERMISSIONS)


def provider_section_rights_ensure(section: Page) -> None:
    """Let the providers of the section's municipality own pages in a new section."""
    portal = tenancy.portal_for_page(section)
    if portal is None:
        return
    role_group = RoleGroup.objects.filter(
        role=Role.PROVIDER, municipality_id=portal.municipality_id, district__isnull=True
    ).first()
    if role_group:
        _page_permissions_ensure(role_group.group, section, PROVIDER_PAGE_PERMISSIONS)


def roles_ensure_all() -> list[Municipality]:
    """Run `municipality_roles_ensure` for every municipality with a portal page."""
    done = []
    # Translations are covered through their original (see _page_permissions_ensure).
    portals = (
        tenancy.portal_pages().filter(locale=Locale.get_default()).select_related("municipality")
    )
    for portal in portals:
        municipality_roles_ensure(municipality=portal.municipality, portal=portal)
        done.append(portal.municipality)
    return done
