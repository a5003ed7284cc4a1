"""How to fill each id-taking URL for an own and a foreign object, and who may open it.

Every pattern the resolver yields (tests/tenancy/urlconf.py) must be named here, in
ALLOWED_WITHOUT_OBJECT with a reason, or be shadowed by another pattern at the same
address; otherwise the matrix test fails naming it. A `Target` says which kind of
object of `World` fills the pattern, how to turn that object into the URL's
parameters, and who may open it for an own object (`allowed(user, obj)`): Wagtail's
own permission tester for pages, the model's registered permission policy for
snippets, documents, images and generic models, the role rules for the exchange.
For a foreign object only platform admins may: that is the tenancy rule.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.test import RequestFactory
from wagtail.models import Page, Workflow
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from cms.api import articles as api_articles
from cms.api import categories as api_categories
from cms.api import districts as api_districts
from cms.api import events as api_events
from cms.api import listings as api_listings
from cms.api import municipalities as api_municipalities
from cms.api import pages as api_pages
from cms.api import providers as api_providers
from cms.api import social_spaces as api_social_spaces
from cms.roles.collections import collection_link
from cms.roles.enums import Role
from cms.roles.permissions import municipalities_for, municipalities_for_any
from exchange import selectors as exchange_selectors
from exchange.enums import MemberStatus
from exchange.models import Listing, Member


@dataclass(frozen=True)
class Target:
    """What fills one URL pattern and who may open it for an own object."""

    kind: str
    allowed: Callable
    params: dict = field(default_factory=dict)  # param -> callable(obj, world, side)
    args: Callable | None = None  # positional groups: callable(obj) -> tuple
    post: bool = True  # also POST (with empty data) where the GET is expected refused
    superuser_unreachable: str = ""  # why even a platform admin gets no page here
    # A public view: the platform admin is held to the rule like everyone (a foreign
    # object is another Site's, so it is refused on this one).
    public: bool = False
    # The view answers every id alike with an empty body and acts only on the requesting
    # user's own rows, so only a write to the database counts as granted.
    granted_by_writes_only: bool = False
    # Not bound to a Site or a role: `allowed` decides for own and foreign objects alike,
    # and the platform admin is held to it too.
    same_for_everyone: bool = False


# -- who may: page permission tester ---------------------------------------------------


def page_may(*methods: str) -> Callable:
    """Allowed when any of the tester's `can_*` methods says yes."""

    def allowed(user, page) -> bool:
        tester = Page.objects.get(pk=page.pk).permissions_for_user(user)
        return any(getattr(tester, method)() for method in methods)

    allowed.__name__ = f"page_may({', '.join(methods)})"
    return allowed


PAGE_ANY = page_may("can_edit", "can_publish", "can_view_revisions", "can_add_subpage", "can_lock")


def page_explorable(user, page) -> bool:
    """Wagtail's own rule for the explorer: the page is at or below the user's explorable root.

    That root is the nearest common ancestor of every page the user holds a right on.
    """
    root = PagePermissionPolicy().explorable_root_instance(user)
    return root is not None and (root.pk == page.pk or page.is_descendant_of(root))


def page_editable_by_id(user, session) -> bool:
    page = Page.objects.get(pk=session.object_id)
    return page.permissions_for_user(user).can_edit()


def staff(user, obj) -> bool:
    """Names of places and shared categories are public master data any editor may pick."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def page_of(get_page: Callable, rule: Callable) -> Callable:
    def allowed(user, obj) -> bool:
        page = get_page(obj)
        return page is not None and rule(user, page)

    return allowed


def task_actions(user, page) -> bool:
    """The user has something to do in the page's current workflow task."""
    page = page.specific
    task_state = page.current_workflow_task_state
    return bool(task_state and task_state.task.specific.get_actions(page, user))


# -- who may: permission policies and roles ---------------------------------------------


def policy_may(*actions: str) -> Callable:
    """Allowed when the model's registered permission policy grants any of the actions."""

    def allowed(user, obj) -> bool:
        policy = policy_registry.get_by_type(type(obj))
        return policy.user_has_any_permission_for_instance(user, actions, obj)

    allowed.__name__ = f"policy_may({', '.join(actions)})"
    return allowed


CHANGE = policy_may("change")
DELETE = policy_may("delete")
ANY = policy_may("add", "change", "delete", "view")
CHOOSE = policy_may("choose", "change")


def role_in(role: Role, municipality_of: Callable = lambda obj: obj.municipality_id) -> Callable:
    def allowed(user, obj) -> bool:
        return municipalities_for(user, role).filter(pk=municipality_of(obj)).exists()

    allowed.__name__ = f"role_in({role})"
    return allowed


def consent_scan_reader(user, document) -> bool:
    """A signed consent is read by its municipality's editorial team only (and admins)."""
    return user.is_superuser or (
        user.is_authenticated
        and municipalities_for(user, Role.EDITORIAL_TEAM)
        .filter(pk=collection_link(document.collection).municipality_id)
        .exists()
    )


def public_listing(user, listing) -> bool:
    return exchange_selectors.public_listings().filter(pk=listing.pk).exists()


def listing_owner(user, listing) -> bool:
    return (
        user.is_authenticated and listing.member is not None and listing.member.user_id == user.pk
    )


def conversation_party(user, conversation) -> bool:
    """A conversation is read by its two sides only (the answerer and the owner member)."""
    return user.is_authenticated and user.pk in (
        conversation.answerer.user_id,
        conversation.owner.user_id if conversation.owner else None,
    )


def certificate_holder(user, certificate) -> bool:
    return user.is_authenticated and certificate.member.user_id == user.pk


def may_report(user, obj) -> bool:
    """An approved member of the object's municipality reports what they can see there
    and is not their own (exchange.report_views)."""
    if not user.is_authenticated:
        return False
    reporter_approved = Member.objects.filter(
        user=user,
        municipality=obj.municipality_id,
        status=MemberStatus.APPROVED,
        user__is_active=True,
    ).exists()
    if isinstance(obj, Listing):
        return reporter_approved and public_listing(user, obj) and not listing_owner(user, obj)
    return reporter_approved and obj.status == MemberStatus.APPROVED and obj.user_id != user.pk


def may_report_message(user, message) -> bool:
    """A side of the conversation reports what the other side wrote (exchange.report_views)."""
    if not user.is_authenticated or not conversation_party(user, message.conversation):
        return False
    member = Member.objects.filter(
        user=user,
        municipality=message.conversation.municipality_id,
        status=MemberStatus.APPROVED,
        user__is_active=True,
    ).first()
    return member is not None and message.author_id != member.pk


def nobody(user, obj) -> bool:
    return False


# -- parameters --------------------------------------------------------------------------


def pk(obj, world, side):
    return obj.pk


def _page(obj) -> Page:
    return obj if isinstance(obj, Page) else obj.page


def portal_of(obj, world, side):
    return world.objects["portal"][side][0].pk


def latest_revision(obj, world, side):
    return _page(obj).specific.latest_revision.pk


def task_state(obj, world, side):
    return obj.specific.current_workflow_task_state.pk


def current_task(obj, world, side):
    return obj.specific.current_workflow_task_state.task_id


def workflow_state(obj, world, side):
    return obj.specific.current_workflow_state.pk


def const(value):
    return lambda obj, world, side: value


def attr(name: str):
    return lambda obj, world, side: getattr(obj, name)


def workflow_of_side(obj, world, side):
    return world.objects["workflow"][side][0].pk


def translation_of_side(obj, world, side):
    return world.objects["translation"][side][0].pk


def translation_target(translation):
    return translation.get_target_instance()


PAGE = {"page_id": pk, "parent_page_id": pk, "page_to_move_id": pk, "pk": pk, "page_pk": pk}


def page_target(rule, kind="page", **kwargs) -> Target:
    return Target(kind=kind, allowed=rule, params=PAGE, **kwargs)


def model_targets(namespace: str, kind: str, *, rule_read=ANY, extra=()) -> dict:
    """The edit, delete, history, usage, copy and inspect views of a ModelViewSet."""
    rules = {
        "edit": CHANGE,
        "delete": DELETE,
        "history": rule_read,
        "history_results": rule_read,
        "usage": rule_read,
        "copy": policy_may("add"),
        "inspect": rule_read,
        **dict(extra),
    }
    return {
        f"{namespace}:{view}": Target(kind=kind, allowed=rule, params={"pk": pk})
        for view, rule in rules.items()
    }


def works_in(municipality_of: Callable) -> Callable:
    """The user holds any role in the object's municipality."""

    def allowed(user, obj) -> bool:
        return municipalities_for_any(user, tuple(Role)).filter(pk=municipality_of(obj)).exists()

    return allowed


# The places choosers offer only the towns the user works for.
PLACE_CHOOSERS = {
    "municipality": works_in(lambda municipality: municipality.pk),
    "district": works_in(lambda district: district.municipality_id),
    "social_space": works_in(lambda space: space.district.municipality_id),
}

SNIPPET_TARGETS = {}
for _model, _kind in (
    ("core_contact", "contact"),
    ("places_region", "region"),
    ("places_municipality", "municipality"),
    ("places_district", "district"),
    ("places_socialspace", "social_space"),
    ("providers_servicecategory", "service_category"),
):
    SNIPPET_TARGETS.update(model_targets(f"wagtailsnippets_{_model}", _kind))
    SNIPPET_TARGETS[f"wagtailsnippetchoosers_{_model}:chosen"] = Target(
        kind=_kind,
        allowed=PLACE_CHOOSERS.get(_kind, CHOOSE if _kind == "contact" else staff),
        params={"pk": pk},
    )


def api_visible(view_class) -> Callable:
    """The REST API shows an item when its resource's selector does, to everyone alike."""

    def allowed(user, obj) -> bool:
        request = RequestFactory().get("/api/v1/")
        return view_class.resource.visible(request).filter(pk=obj.pk).exists()

    allowed.__name__ = f"api_visible({view_class.__name__})"
    return allowed


# The read-only REST API is not bound to a Site: an item of any town is public when
# visible, and 404 otherwise, for every role alike (a platform admin sees no more).
API_TARGETS = {
    f"api:{name}-detail": Target(
        kind=kind,
        allowed=api_visible(view_class),
        params={"pk": pk},
        post=False,
        same_for_everyone=True,
    )
    for name, kind, view_class in (
        ("municipality", "municipality", api_municipalities.MunicipalityDetail),
        ("district", "district", api_districts.DistrictDetail),
        ("social-space", "social_space", api_social_spaces.SocialSpaceDetail),
        ("article", "article", api_articles.ArticleDetail),
        ("page", "page", api_pages.PageDetail),
        ("event", "event", api_events.EventDetail),
        ("listing", "api_listing", api_listings.ListingDetail),
        ("listing-category", "category", api_categories.ListingCategoryDetail),
        ("provider", "provider_page", api_providers.ProviderDetail),
        ("service-category", "service_category", api_categories.ServiceCategoryDetail),
    )
}

# The resident endpoints of the API answer a resident token only (cms/api/tokens.py):
# the matrix's signed-in sessions get a 401 from every one of them, for own and foreign
# objects alike. Tokens against another member's or town's ids are tested in
# tests/api/residents (404, nothing written).
RESIDENT_API_TARGETS = {
    name: Target(kind=kind, allowed=nobody, params={"pk": pk}, same_for_everyone=True)
    for name, kind in (
        ("api:me-listing-detail", "resident_listing"),
        ("api:me-listing-close", "resident_listing"),
        ("api:listing-answer", "public_listing"),
    )
}


TARGETS: dict[str, Target] = {
    # The admin API behind the page, document and image choosers.
    "wagtailadmin_api:pages:detail": page_target(page_explorable),
    "wagtailadmin_api:pages:action": Target(
        kind="page", allowed=page_may("can_copy"), params={"pk": pk, "action_name": const("copy")}
    ),
    "wagtailadmin_api:documents:detail": Target(kind="document", allowed=CHOOSE, params={"pk": pk}),
    "wagtailadmin_api:images:detail": Target(kind="image", allowed=CHOOSE, params={"pk": pk}),
    # The page explorer, chooser and page views.
    "wagtailadmin_explore": page_target(page_explorable),
    "wagtailadmin_explore_results": page_target(page_explorable),
    "wagtailadmin_choose_page_child": page_target(page_explorable),
    "wagtailadmin_pages:add": Target(
        kind="page",
        allowed=page_may("can_add_subpage"),
        params={
            **PAGE,
            "content_type_app_name": const("home"),
            "content_type_model_name": const("standardpage"),
        },
    ),
    "wagtailadmin_pages:preview_on_add": Target(
        kind="page",
        allowed=page_may("can_add_subpage"),
        params={
            **PAGE,
            "content_type_app_name": const("home"),
            "content_type_model_name": const("standardpage"),
        },
    ),
    "wagtailadmin_pages:usage": page_target(PAGE_ANY),
    "wagtailadmin_pages:edit": page_target(page_may("can_edit")),
    "wagtailadmin_pages:preview_on_edit": page_target(page_may("can_edit")),
    "wagtailadmin_pages:view_draft": page_target(page_may("can_edit", "can_publish")),
    "wagtailadmin_pages:add_subpage": page_target(page_may("can_add_subpage")),
    "wagtailadmin_pages:delete": page_target(page_may("can_delete")),
    "wagtailadmin_pages:unpublish": page_target(page_may("can_unpublish")),
    "wagtailadmin_pages:convert_alias": page_target(
        page_may("can_edit"), superuser_unreachable="the probed pages are not aliases"
    ),
    "wagtailadmin_pages:move": page_target(page_may("can_move")),
    "wagtailadmin_pages:move_confirm": Target(
        kind="page",
        allowed=page_may("can_move"),
        params={"page_to_move_id": pk, "destination_id": portal_of},
    ),
    "wagtailadmin_pages:set_page_position": Target(
        kind="page",
        allowed=page_of(lambda page: page.get_parent(), page_may("can_reorder_children")),
        params=PAGE,
    ),
    "wagtailadmin_pages:copy": page_target(page_may("can_copy")),
    "wagtailadmin_pages:workflow_action": Target(
        kind="page_in_workflow",
        allowed=task_actions,
        params={"page_id": pk, "action_name": const("approve"), "task_state_id": task_state},
    ),
    "wagtailadmin_pages:collect_workflow_action_data": Target(
        kind="page_in_workflow",
        allowed=task_actions,
        params={"page_id": pk, "action_name": const("approve"), "task_state_id": task_state},
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": page_target(
        page_may("can_edit"), kind="page_in_workflow"
    ),
    "wagtailadmin_pages:workflow_preview": Target(
        kind="page_in_workflow",
        allowed=task_actions,
        params={"page_id": pk, "task_id": current_task},
    ),
    "wagtailadmin_pages:set_privacy": page_target(page_may("can_set_view_restrictions")),
    "wagtailadmin_pages:lock": page_target(page_may("can_lock")),
    "wagtailadmin_pages:unlock": page_target(page_may("can_unlock")),
    "wagtailadmin_pages:revisions_index": page_target(page_may("can_view_revisions")),
    "wagtailadmin_pages:revisions_view": Target(
        kind="page",
        allowed=page_may("can_view_revisions"),
        params={"page_id": pk, "revision_id": latest_revision},
    ),
    "wagtailadmin_pages:revisions_revert": Target(
        kind="page",
        allowed=page_may("can_edit"),
        params={"page_id": pk, "revision_id": latest_revision},
    ),
    "wagtailadmin_pages:revisions_unschedule": Target(
        kind="page",
        allowed=page_may("can_unschedule"),
        params={"page_id": pk, "revision_id": latest_revision},
        superuser_unreachable="no revision of the probed pages is scheduled",
    ),
    "wagtailadmin_pages:revisions_compare": Target(
        kind="page",
        allowed=page_may("can_view_revisions"),
        params={"pk": pk, "revision_id_a": const("earliest"), "revision_id_b": const("latest")},
    ),
    "wagtailadmin_pages:workflow_history": page_target(PAGE_ANY, kind="page_in_workflow"),
    "wagtailadmin_pages:workflow_history_detail": Target(
        kind="page_in_workflow",
        allowed=PAGE_ANY,
        params={"page_id": pk, "workflow_state_id": workflow_state},
    ),
    "wagtailadmin_pages:history": page_target(PAGE_ANY),
    "wagtailadmin_pages:history_results": page_target(PAGE_ANY),
    "wagtailforms:list_submissions": page_target(
        page_may("can_edit"), superuser_unreachable="the probed pages are not form pages"
    ),
    "wagtailforms:list_submissions_results": page_target(
        page_may("can_edit"), superuser_unreachable="the probed pages are not form pages"
    ),
    "wagtailforms:delete_submissions": page_target(
        page_may("can_edit"), superuser_unreachable="the probed pages are not form pages"
    ),
    "providers_hand_over": page_target(page_may("can_publish"), kind="provider_page"),
    # Workflows and tasks (platform admins only, unless a group is given the rights).
    "wagtailadmin_workflows:enable": Target(kind="workflow", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_workflows:disable": Target(kind="workflow", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_workflows:edit": Target(kind="workflow", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_workflows:usage": Target(kind="workflow", allowed=ANY, params={"pk": pk}),
    "wagtailadmin_workflows:usage_results": Target(kind="workflow", allowed=ANY, params={"pk": pk}),
    "wagtailadmin_workflows:remove": Target(
        kind="page",
        allowed=lambda user, page: ModelPermissionPolicy(Workflow).user_has_permission(
            user, "change"
        ),
        params={"page_pk": pk, "workflow_pk": workflow_of_side},
    ),
    "wagtailadmin_workflows:edit_task": Target(kind="task", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_workflows:disable_task": Target(kind="task", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_workflows:enable_task": Target(kind="task", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_workflows:task_chosen": Target(kind="task", allowed=ANY, params={"task_id": pk}),
    # Collections, documents, images and their uploads.
    "wagtailadmin_collections:edit": Target(kind="collection", allowed=CHANGE, params={"pk": pk}),
    "wagtailadmin_collections:delete": Target(kind="collection", allowed=DELETE, params={"pk": pk}),
    "wagtailadmin_collections:set_privacy": Target(
        kind="collection", allowed=CHANGE, params={"collection_id": pk}
    ),
    "wagtaildocs:edit": Target(kind="document", allowed=CHANGE, params={"document_id": pk}),
    "wagtaildocs:delete": Target(kind="document", allowed=DELETE, params={"document_id": pk}),
    "wagtaildocs:edit_multiple": Target(kind="document", allowed=CHANGE, params={"doc_id": pk}),
    "wagtaildocs:delete_multiple": Target(kind="document", allowed=DELETE, params={"doc_id": pk}),
    "wagtaildocs:document_usage": Target(
        kind="document", allowed=CHANGE, params={"document_id": pk}
    ),
    "wagtaildocs_chooser:chosen": Target(kind="document", allowed=CHOOSE, params={"pk": pk}),
    "wagtaildocs:create_multiple_from_uploaded_document": Target(
        kind="document_upload",
        allowed=lambda user, upload: upload.uploaded_by_user_id == user.pk,
        params={"uploaded_file_id": pk},
    ),
    "wagtaildocs:delete_upload_multiple": Target(
        kind="document_upload",
        allowed=lambda user, upload: upload.uploaded_by_user_id == user.pk,
        params={"uploaded_file_id": pk},
    ),
    "wagtailimages:edit": Target(kind="image", allowed=CHANGE, params={"image_id": pk}),
    "wagtailimages:delete": Target(kind="image", allowed=DELETE, params={"image_id": pk}),
    "wagtailimages:url_generator": Target(
        kind="image",
        allowed=CHANGE,
        params={"image_id": pk},
        superuser_unreachable="Wagtail's dynamic image serve view is not installed",
    ),
    "wagtailimages:url_generator_output": Target(
        kind="image",
        allowed=CHANGE,
        params={"image_id": pk},
        superuser_unreachable="Wagtail's dynamic image serve view is not installed",
    ),
    "wagtailimages:preview": Target(
        kind="image", allowed=CHANGE, params={"image_id": pk, "filter_spec": const("width-100")}
    ),
    "wagtailimages:image_usage": Target(kind="image", allowed=CHANGE, params={"image_id": pk}),
    "wagtailimages:edit_multiple": Target(kind="image", allowed=CHANGE, params={"image_id": pk}),
    "wagtailimages:delete_multiple": Target(kind="image", allowed=DELETE, params={"image_id": pk}),
    "wagtailimages_chooser:chosen": Target(kind="image", allowed=CHOOSE, params={"pk": pk}),
    "wagtailimages_chooser:select_format": Target(
        kind="image", allowed=CHOOSE, params={"image_id": pk}
    ),
    "wagtailimages:create_multiple_from_uploaded_image": Target(
        kind="image_upload",
        allowed=lambda user, upload: upload.uploaded_by_user_id == user.pk,
        params={"uploaded_file_id": pk},
    ),
    "wagtailimages:delete_upload_multiple": Target(
        kind="image_upload",
        allowed=lambda user, upload: upload.uploaded_by_user_id == user.pk,
        params={"uploaded_file_id": pk},
    ),
    # Public document downloads: the probed documents are signed consent forms.
    "wagtaildocs_serve": Target(
        kind="document",
        allowed=consent_scan_reader,
        args=lambda document: (document.pk, document.filename),
    ),
    # Editing sessions (the "someone else is editing" pings).
    "wagtailadmin_editing_sessions:ping": Target(
        kind="editing_session",
        allowed=page_editable_by_id,
        params={
            "app_label": const("wagtailcore"),
            "model_name": const("page"),
            "object_id": attr("object_id"),
            "session_id": pk,
        },
    ),
    "wagtailadmin_editing_sessions:release": Target(
        kind="editing_session",
        allowed=lambda user, session: session.user_id == user.pk,
        params={"session_id": pk},
        granted_by_writes_only=True,
    ),
    # Translations (cms.translations and wagtail-localize).
    "translations_submit_page_translation": page_target(page_may("can_edit")),
    "translations_submit_snippet_translation": Target(
        kind="contact",
        allowed=CHANGE,
        params={"app_label": const("core"), "model_name": const("contact"), "pk": pk},
    ),
    "translations_update_translations": Target(
        kind="translation",
        allowed=page_of(lambda t: t.source.get_source_instance(), page_may("can_edit")),
        params={"translation_source_id": attr("source_id")},
    ),
    "translations_convert_to_alias": Target(
        kind="translation",
        allowed=page_of(translation_target, page_may("can_publish")),
        params={"page_id": lambda obj, world, side: translation_target(obj).pk},
    ),
    "translations_submit_for_review": Target(
        kind="translation",
        allowed=page_of(translation_target, page_may("can_edit")),
        params={"page_id": lambda obj, world, side: translation_target(obj).pk},
    ),
    "wagtail_localize:edit_string_translation": Target(
        kind="string_segment",
        allowed=page_of(lambda segment: segment.source.get_source_instance(), page_may("can_edit")),
        params={"translation_id": translation_of_side, "string_segment_id": pk},
    ),
    "wagtail_localize:edit_override": Target(
        kind="string_segment",
        allowed=nobody,
        params={"translation_id": translation_of_side, "overridable_segment_id": pk},
        superuser_unreachable="the probed pages have no overridable segment",
    ),
    **{
        f"wagtail_localize:{view}": Target(
            kind="translation",
            allowed=page_of(translation_target, page_may("can_edit")),
            params={"translation_id": pk},
        )
        for view in (
            "download_pofile",
            "upload_pofile",
            "machine_translate",
            "preview_translation",
            "stop_translation",
        )
    },
    # The same name with a preview mode: the probed pages have only the default mode.
    "wagtail_localize:preview_translation "
    "admin/localize/translate/<int:translation_id>/preview/<str:mode>/": Target(
        kind="translation",
        allowed=page_of(translation_target, page_may("can_edit")),
        params={"translation_id": pk, "mode": const("desktop")},
        superuser_unreachable="the probed pages have only the default preview mode",
    ),
    # The translation editor reads the contact the way the chooser offers it.
    "wagtail_localize:snippets_api_detail": Target(
        kind="contact",
        allowed=CHOOSE,
        params={"app_label": const("core"), "model_name": const("contact"), "pk": pk},
    ),
    # Redirects, sites, locales, users and groups.
    "wagtailredirects:edit": Target(kind="redirect", allowed=CHANGE, params={"redirect_id": pk}),
    "wagtailredirects:delete": Target(kind="redirect", allowed=DELETE, params={"redirect_id": pk}),
    **model_targets("wagtaillocales", "locale"),
    **model_targets("wagtailsites", "site"),
    **model_targets("wagtailusers_users", "user"),
    **model_targets("wagtailusers_groups", "group"),
    **SNIPPET_TARGETS,
    # Scoped model viewsets of the apps.
    **model_targets("provider_consents", "provider_consent"),
    **model_targets("calendar_feeds", "calendar_feed"),
    **model_targets("designs", "theme"),
    **model_targets("accessibility_feedback", "accessibility_feedback"),
    **model_targets("info_boxes", "info_box"),
    **model_targets("sponsors", "sponsor"),
    # The exchange's admin screens.
    "exchange_members:detail": Target(
        kind="member", allowed=role_in(Role.MUNICIPALITY_ADMIN), params={"pk": pk}
    ),
    "exchange_members:action": Target(
        kind="member",
        allowed=role_in(Role.MUNICIPALITY_ADMIN),
        params={"pk": pk, "action": const("approve")},
    ),
    "exchange_listings:detail": Target(
        kind="listing", allowed=role_in(Role.MUNICIPALITY_ADMIN), params={"pk": pk}
    ),
    "exchange_listings:action": Target(
        kind="listing",
        allowed=role_in(Role.MUNICIPALITY_ADMIN),
        params={"pk": pk, "action": const("remove")},
    ),
    "exchange_listings:edit_text": Target(
        kind="listing", allowed=role_in(Role.MUNICIPALITY_ADMIN), params={"pk": pk}
    ),
    # The reports queue (moderation.reports): one reported object and its decision.
    "moderation_reports:detail": Target(
        kind="listing",
        allowed=role_in(Role.MUNICIPALITY_ADMIN),
        params={"kind": const("listing"), "pk": pk},
    ),
    "moderation_reports:decide": Target(
        kind="listing",
        allowed=role_in(Role.MUNICIPALITY_ADMIN),
        params={"kind": const("listing"), "pk": pk},
    ),
    "exchange_categories:edit": Target(
        kind="category", allowed=role_in(Role.MUNICIPALITY_ADMIN), params={"pk": pk}
    ),
    "exchange_categories:delete": Target(
        kind="category", allowed=role_in(Role.MUNICIPALITY_ADMIN), params={"pk": pk}
    ),
    "exchange_proxy:detail": Target(
        kind="proxy_client", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    "exchange_proxy:export": Target(
        kind="proxy_client", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    "exchange_proxy:delete": Target(
        kind="proxy_client", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    "exchange_proxy:listing_add": Target(
        kind="proxy_client", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    "exchange_proxy:listing_edit": Target(
        kind="proxy_listing", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    "exchange_proxy:listing_close": Target(
        kind="proxy_listing", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    # The exchange's public views (on Gelsenkirchen's Site).
    "exchange:listing_detail": Target(
        kind="public_listing", allowed=public_listing, params={"pk": pk}, public=True
    ),
    "exchange:listing_notice": Target(
        kind="public_listing", allowed=public_listing, params={"pk": pk}, public=True
    ),
    "exchange:listing_notice_pdf": Target(
        kind="public_listing", allowed=public_listing, params={"pk": pk}, public=True
    ),
    "listing_short_link": Target(
        kind="public_listing", allowed=public_listing, params={"pk": pk}, public=True
    ),
    "exchange:report_listing": Target(
        kind="public_listing", allowed=may_report, params={"pk": pk}, public=True
    ),
    "exchange:report_member": Target(
        kind="member", allowed=may_report, params={"pk": pk}, public=True
    ),
    "exchange:report_message": Target(
        kind="resident_message", allowed=may_report_message, params={"pk": pk}, public=True
    ),
    "exchange:listing_edit": Target(
        kind="resident_listing", allowed=listing_owner, params={"pk": pk}, public=True
    ),
    "exchange:listing_close": Target(
        kind="resident_listing", allowed=listing_owner, params={"pk": pk}, public=True
    ),
    # Conversations, agreed help and certificates (public site and proxy helpers' admin).
    **{
        f"exchange:{name}": Target(
            kind="resident_conversation",
            allowed=conversation_party,
            params={"pk": pk},
            public=True,
        )
        for name in (
            "conversation_detail",
            "conversation_share_contact",
            "conversation_close",
            "conversation_block",
            "conversation_accept",
            "help_confirm",
            "help_object",
            "help_feedback",
        )
    },
    "exchange:certificate_pdf": Target(
        kind="resident_certificate", allowed=certificate_holder, params={"pk": pk}, public=True
    ),
    "exchange_proxy:conversation_detail": Target(
        kind="proxy_conversation", allowed=role_in(Role.PROXY_HELPER), params={"pk": pk}
    ),
    "exchange_proxy:conversation_action": Target(
        kind="proxy_conversation",
        allowed=role_in(Role.PROXY_HELPER),
        params={"pk": pk, "action": const("beenden")},
    ),
    # The printed programme of a district (and a social space) of the Site's municipality.
    "printing:programme": Target(
        kind="district",
        allowed=lambda user, obj: True,
        params={"district_slug": attr("slug")},
        public=True,
    ),
    "printing:programme_pdf": Target(
        kind="district",
        allowed=lambda user, obj: True,
        params={"district_slug": attr("slug")},
        public=True,
    ),
    "printing:social_space_programme": Target(
        kind="social_space",
        allowed=lambda user, obj: True,
        params={
            "district_slug": lambda obj, world, side: obj.district.slug,
            "social_space_slug": attr("slug"),
        },
        public=True,
    ),
    "printing:social_space_programme_pdf": Target(
        kind="social_space",
        allowed=lambda user, obj: True,
        params={
            "district_slug": lambda obj, world, side: obj.district.slug,
            "social_space_slug": attr("slug"),
        },
        public=True,
    ),
    **API_TARGETS,
    **RESIDENT_API_TARGETS,
}

# Patterns with an id that name no object of a municipality, each with its reason.
ALLOWED_WITHOUT_OBJECT = {
    "wagtailadmin_password_reset_confirm": "a signed reset token, not an object id",
    "exchange:confirm_email": "a signed e-mail confirmation token, not an object id",
    "exchange:email_change_confirm": "a signed e-mail change token, not an object id",
    "exchange:password_reset_confirm": (
        "Django's reset token; only resident accounts are found by it (tests/exchange)"
    ),
    "wagtail_serve": "the page path; public pages are covered by the marker scans",
    "?": (
        "unnamed: static and media files of the development server (DEBUG only), and the "
        "reach-checking wrappers in front of Wagtail's document and image admin URLs, "
        "which are probed through Wagtail's names at the same addresses"
    ),
    "wagtailcore_authenticate_with_password": (
        "the public form of a page password; it shows no content (the lockout is item 5)"
    ),
    "wagtaildocs_authenticate_with_password": (
        "the public form of a collection password; it shows no content"
    ),
    "wagtailsettings:edit": "no site setting is registered with wagtail.contrib.settings",
    "wagtailsettings:preview_on_edit": "no site setting is registered",
}
