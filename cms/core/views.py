"""Views that stand in for Wagtail's own at the same addresses (mounted before them).

- The password forms of restricted pages and document collections do what Wagtail's
  `authenticate_with_password` views do, but check the password through
  `cms.core.signin.PagePasswordForm`, which counts failures and locks guessing.
- The admin's logout signs out by POST only.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views.account import LogoutView
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from .redirects import back_to
from .signin import PagePasswordForm


def _passed_redirect(request, form, restriction):
    restriction.mark_as_passed(request)
    return back_to(request, form.cleaned_data["return_url"], default=settings.LOGIN_REDIRECT_URL)


def _form(request, restriction) -> PagePasswordForm:
    data = request.POST if request.method == "POST" else None
    return PagePasswordForm(data, instance=restriction, request=request)


def page_password(request, page_view_restriction_id: int, page_id: int):
    """Check a restricted page's password; the page's password form again on failure."""
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    form = _form(request, restriction)
    if form.is_valid():
        return _passed_redirect(request, form, restriction)
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    return page.serve_password_required_response(request, form, action_url)


def document_password(request, restriction_id: int):
    """Check a restricted document collection's password."""
    restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
    form = _form(request, restriction)
    if form.is_valid():
        return _passed_redirect(request, form, restriction)
    template = getattr(
        settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
    )
    action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
    return TemplateResponse(request, template, {"form": form, "action_url": action_url})


class AdminLogoutView(LogoutView):
    """Wagtail's admin logout, by POST only.

    Django's LogoutView already refuses GET with 405, but Wagtail's `dispatch` deletes
    the session cookie on every answer, so a mere link or image pointing at
    /admin/logout/ signed people out. Here anything but POST is refused untouched.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
