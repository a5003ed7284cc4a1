"""The statement's feedback contact comes from the statement's own municipality."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from cms.core.models import Contact
from themes.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db


def _contact(municipality, name):
    return Contact.objects.create(
        name=name,
        email=f"{name.lower()}@quartier.invalid",
        municipality=municipality,
        locale=Locale.get_default(),
    )


def _form(statement, parent, user):
    form_class = AccessibilityStatementPage.get_edit_handler().get_form_class()
    return form_class(instance=statement, parent_page=parent, for_user=user)


def test_statement_offers_own_and_platform_wide_contacts(client, editor, statement, delbrueck):
    own = _contact(statement.get_parent().specific.municipality, "Eigen")
    _contact(delbrueck.municipality, "Fremd")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[statement.pk]))
    offered = set(response.context["form"].fields["contact"].queryset)
    assert offered == {own, statement.contact}


def test_statement_with_a_foreign_contact_is_a_form_error(
    editor, statement, gelsenkirchen, delbrueck
):
    foreign = _contact(delbrueck.municipality, "Fremd")
    field = _form(statement, gelsenkirchen.portal, editor).fields["contact"]
    with pytest.raises(ValidationError, match="Kontaktstelle Ihrer Kommune"):
        field.clean(foreign.pk)
