from wagtail import hooks

from .viewsets import accessibility_feedback_viewset, theme_viewset


@hooks.register("register_admin_viewset")
def register_theme_viewset():
    return theme_viewset


@hooks.register("register_admin_viewset")
def register_accessibility_feedback_viewset():
    return accessibility_feedback_viewset
