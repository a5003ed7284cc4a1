"""Rendered rich text for apps: an allow-list of tags and attributes, and plain text.

Apps show the HTML in a web view or convert it to native text; either way it must not
carry scripts, styles, event handlers or embedded frames, whatever a block renders.
"""

from bs4 import BeautifulSoup

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol",
    "p", "section", "span", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "form", "template"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
GLOBAL_ATTRIBUTES = {"lang", "dir"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#")


def sanitised_html(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROPPED_WITH_CONTENT):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.name not in ALLOWED_TAGS:
            tag.unwrap()
            continue
        allowed = ALLOWED_ATTRIBUTES.get(tag.name, set()) | GLOBAL_ATTRIBUTES
        for name in list(tag.attrs):
            value = str(tag.attrs[name]).strip().lower()
            if name not in allowed or (
                name in ("href", "src") and not value.startswith(SAFE_SCHEMES)
            ):
                del tag.attrs[name]
    return str(soup).strip()


def plain_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROPPED_WITH_CONTENT):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())
