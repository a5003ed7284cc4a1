"""Every URL pattern of the project that takes an object's id, read from the resolver.

The matrix test walks Django's URL resolver instead of a hand-written list, so a URL
added tomorrow (a new admin viewset, a wagtail-localize screen, an API endpoint) is
collected automatically and fails the test until the registry says how to fill it.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

# Path parameters that choose a type, an action or a format, not an object. A pattern
# whose only parameters are these takes no id.
SELECTOR_PARAMS = frozenset(
    {
        "app_label",
        "app_name",
        "model_name",
        "content_type_app_name",
        "content_type_model_name",
        "action",
        "action_name",
        "filter_spec",
        "mode",
        "document_filename",
    }
)

_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_UNNAMED_GROUP = re.compile(r"\((?!\?)")


@dataclass(frozen=True)
class IdPattern:
    """One URL pattern with the parameters that name objects."""

    name: str  # "namespace:name", unique together with the route
    route: str
    id_params: tuple[str, ...]
    positional_groups: int
    shadowed_by: str = ""  # an earlier pattern at the same address answers instead

    @property
    def key(self) -> str:
        return f"{self.name} {self.route}"


def _params(pattern_text: str) -> tuple[list[str], int]:
    named = _NAMED_GROUP.findall(pattern_text) + _CONVERTER.findall(pattern_text)
    without_named = _NAMED_GROUP.sub("(", pattern_text)
    positional = 0 if named else len(_UNNAMED_GROUP.findall(without_named))
    return named, positional


def _walk(patterns, prefix: str, namespaces: tuple[str, ...]):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            text = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            namespace = (entry.namespace,) if entry.namespace else ()
            yield from _walk(entry.url_patterns, prefix + text, namespaces + namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), ":".join((*namespaces, entry.name or "?"))


def id_patterns() -> list[IdPattern]:
    """Every pattern of the URL configuration with at least one object parameter."""
    found, first_at_route = {}, {}
    for route, name in _walk(get_resolver().url_patterns, "", ()):
        named, positional = _params(route)
        ids = tuple(param for param in named if param not in SELECTOR_PARAMS)
        # An unnamed pattern in front of a named one at the same address wraps it (the
        # media admin's reach checks): reverse() gives the named one, the wrapper answers,
        # so the named pattern is probed as itself.
        if not name.endswith("?"):
            first_at_route.setdefault(route, name)
        if ids or positional:
            shadowed_by = (
                first_at_route.get(route, name) if first_at_route.get(route) != name else ""
            )
            pattern = IdPattern(
                name=name,
                route=route,
                id_params=ids,
                positional_groups=positional,
                shadowed_by=shadowed_by,
            )
            found[pattern.key] = pattern
    return sorted(found.values(), key=lambda pattern: pattern.key)
