"""QR codes of printed matter: the helpers live in cms.core.qr (the calendar uses them too)."""

from cms.core.qr import QUIET_ZONE, qr_code, qr_svg

__all__ = ["QUIET_ZONE", "qr_code", "qr_svg"]
