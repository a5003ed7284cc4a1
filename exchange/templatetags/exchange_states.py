"""Template access to the state rules: show only the actions the domain allows.

{% load exchange_states %}
{% if listing|can:"close" %}…{% endif %}
{% for transition in member|allowed_transitions %}…{% endfor %}
{{ listing|state_label }}
"""

from django import template

from exchange import personal_data, states
from exchange.enums import ListingStatus

register = template.Library()


@register.filter
def can(obj, transition: str) -> bool:
    return states.can(obj, transition)


@register.filter
def allowed_transitions(obj) -> list:
    return states.allowed_transitions(obj)


@register.filter
def state_label(listing) -> str:
    """The listing's state in words, "Abgelaufen" for one past its date."""
    return str(ListingStatus(states.listing_state(listing)).label)


@register.filter
def editable(listing) -> bool:
    return states.listing_state(listing) in states.LISTING_EDITABLE_STATES


@register.filter
def contact_findings(listing) -> list:
    """Contact data in the listing's text, for the moderators' flag (no query)."""
    return personal_data.findings_in_listing(listing)
