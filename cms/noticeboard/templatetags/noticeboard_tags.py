"""`{% info_boxes municipality %}` and `{% sponsors municipality %}` for public pages.

Portal homes and the exchange's pages include them with the municipality they already
know. Each asks the database a fixed number of times however many rows there are: the
info boxes and their links (2), the sponsors, their logos and the logos' renditions (3).
"""

from django import template

from ..selectors import info_boxes_in_force, sponsors_of

register = template.Library()


@register.inclusion_tag("noticeboard/info_boxes.html")
def info_boxes(municipality):
    return {"info_boxes": list(info_boxes_in_force(municipality))}


@register.inclusion_tag("noticeboard/sponsors.html")
def sponsors(municipality):
    return {"sponsors": list(sponsors_of(municipality))}
