"""Signals the exchange sends for other apps to act on, without the exchange knowing them.

`member_access_ended` is sent (with `member=`) inside the transaction of every change
that ends a membership's right to act: a block, a rejection, a withdrawn consent. The
API revokes the membership's app sign-ins on it (cms/api/revocation.py), as the
exchange itself ends the account's web sessions.
"""

from django.dispatch import Signal

member_access_ended = Signal()
