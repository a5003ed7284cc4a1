"""The one error of the iCal import; its message tells an editor why a feed failed."""


class FeedError(Exception):
    """A feed that cannot be imported; the message tells an editor why."""
