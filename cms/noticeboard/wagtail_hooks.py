from wagtail import hooks

from .viewsets import NoticeboardViewSetGroup


@hooks.register("register_admin_viewset")
def register_noticeboard_viewsets():
    return NoticeboardViewSetGroup()
