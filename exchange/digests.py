"""The mails that go out on a schedule: the admins' daily summary, the weekly digest.

Both are run from cron (`send_exchange_summaries` daily, `send_exchange_digests`
weekly) and are idempotent: each recipient gets one summary per day and one digest per
ISO week however often the command runs (`notifications.notice_claim`). They carry
counts and public listings only, never anyone's personal data.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from cms.places.models import Municipality
from cms.roles.enums import Role

from .enums import ListingKind, ListingStatus, MemberStatus
from .models import Member, MemberBlock
from .notifications import NoticeKind, notice_claim, notify
from .selectors import exchange_base_url, public_listings

DIGEST_DAYS = 7
DIGEST_MAX_LISTINGS = 20


def municipalities_with_pending_work():
    """Municipalities where members or listings wait for approval, with the counts."""
    return (
        Municipality.objects.annotate(
            pending_members=Count(
                "exchange_members",
                filter=Q(
                    exchange_members__status=MemberStatus.PENDING,
                    exchange_members__email_confirmed_at__isnull=False,
                ),
                distinct=True,
            ),
            pending_listings=Count(
                "exchange_listings",
                filter=Q(exchange_listings__status=ListingStatus.PENDING),
                distinct=True,
            ),
        )
        .filter(Q(pending_members__gt=0) | Q(pending_listings__gt=0))
        .order_by("name")
    )


def municipality_admins(municipality):
    """The active accounts holding the municipality admin role of this municipality."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__role__role=Role.MUNICIPALITY_ADMIN,
            groups__role__municipality=municipality,
        )
        .exclude(email="")
        .distinct()
    )


def summaries_send(*, admin_url: str) -> int:
    """Tell each municipality's admins what waits for them; once a day. Returns how many."""
    today = timezone.localdate().isoformat()
    link = admin_url.rstrip("/") + reverse("exchange_members:index")
    sent = 0
    for municipality in municipalities_with_pending_work():
        for admin in municipality_admins(municipality):
            if not notice_claim(f"summary:{today}:{municipality.pk}:{admin.pk}"):
                continue
            notify(
                NoticeKind.DAILY_SUMMARY,
                user=admin,
                context={
                    "municipality": municipality.name,
                    "pending_members": municipality.pending_members,
                    "pending_listings": municipality.pending_listings,
                    "link": link,
                },
            )
            sent += 1
    return sent


def digests_send() -> int:
    """Mail each member who asked for it the new listings of their district; once a week.

    The listings are the public ones as the member sees them (`listings_visible_to`:
    a minor sees the minors' categories only), new in the last seven days, not their
    own. Members of one district and age share one query. Returns how many were sent.
    """
    since = timezone.now() - timedelta(days=DIGEST_DAYS)
    year, week, _day = timezone.localdate().isocalendar()
    members = (
        Member.objects.filter(
            weekly_digest=True, status=MemberStatus.APPROVED, user__is_active=True
        )
        .select_related("user", "district")
        .order_by("district_id", "is_minor", "pk")
    )
    listings_by_group: dict = {}
    bases: dict = {}
    # Who blocked whom, read once: nobody is sent the listings of a member they blocked
    # or who blocked them (as `listings_visible_to` shows them on the site).
    blocked_around: dict[int, set[int]] = {}
    for blocker_user, blocker, blocked_user, blocked in MemberBlock.objects.values_list(
        "blocker__user_id", "blocker_id", "blocked__user_id", "blocked_id"
    ):
        blocked_around.setdefault(blocker_user, set()).add(blocked)
        blocked_around.setdefault(blocked_user, set()).add(blocker)
    sent = 0
    for member in members:
        group = (member.district_id, member.is_minor)
        if group not in listings_by_group:
            # The listings a member of this district and age group sees, before blocks.
            visible = public_listings()
            if member.is_minor:
                visible = visible.filter(category__for_minors=True)
            listings_by_group[group] = list(
                visible.filter(district_id=member.district_id, published_at__gte=since)
                .order_by("-published_at")
                .values("pk", "title", "kind", "member_id")
            )
        hidden = blocked_around.get(member.user_id, set())
        listings = [
            row
            for row in listings_by_group[group]
            if row["member_id"] != member.pk and row["member_id"] not in hidden
        ]
        if not listings:
            continue
        if not notice_claim(f"digest:{year}-W{week:02d}:{member.pk}"):
            continue
        if member.municipality_id not in bases:
            bases[member.municipality_id] = exchange_base_url(member.municipality_id)
        base = bases[member.municipality_id]
        notify(
            NoticeKind.WEEKLY_DIGEST,
            member=member,
            context={
                "name": member.display_name,
                "district": member.district.name,
                "listings": [
                    {
                        "title": row["title"],
                        "kind": str(ListingKind(row["kind"]).label),
                        "link": base + reverse("exchange:listing_detail", args=[row["pk"]]),
                    }
                    for row in listings[:DIGEST_MAX_LISTINGS]
                ],
                "link": base + reverse("exchange:listing_list"),
            },
        )
        sent += 1
    return sent
