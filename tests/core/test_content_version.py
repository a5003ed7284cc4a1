"""The content version: shared storage, bumped once per committed change that can show."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cms.core import content_version
from cms.core.models import ContentVersionRecord
from cms.events.services import occurrence_horizon_roll
from tests.factories import StandardPageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and what its commit would run (the test's transaction never commits)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            result = change()
        assert not content_version.has_pending_changes()
        return result

    return run


@pytest.fixture
def committed(commit):
    """Commit a change; return the version's token before and after."""

    def run(change) -> tuple[str, str]:
        before = content_version.current().token
        commit(change)
        return before, content_version.current().token

    return run


def test_version_is_kept_in_the_database_shared_by_all_processes():
    version = content_version.current()
    assert ContentVersionRecord.objects.get().token == version.token


def test_current_version_costs_one_query(django_assert_num_queries):
    content_version.current()
    with django_assert_num_queries(1):
        content_version.current()


def test_bump_outside_a_transaction_starts_a_new_version_at_once(committed):
    before, after = committed(content_version.bump)
    assert before != after


def test_bump_inside_a_transaction_waits_for_the_commit(django_capture_on_commit_callbacks):
    before = content_version.current().token
    with django_capture_on_commit_callbacks() as callbacks:
        content_version.bump()
        assert content_version.has_pending_changes()
        assert not content_version.current().cacheable
    assert ContentVersionRecord.objects.get().token == before
    assert len(callbacks) == 1


def test_many_changes_in_one_transaction_bump_once(
    django_capture_on_commit_callbacks, gelsenkirchen
):
    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(3):
            StandardPageFactory(parent=gelsenkirchen.portal, title=f"Seite {n}")
    bumps = [
        callback for callback in callbacks if isinstance(callback, content_version._PendingBump)
    ]
    assert len(bumps) == 1


def test_rolled_back_change_bumps_nothing(django_capture_on_commit_callbacks):
    before = content_version.current().token
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            content_version.bump()
            raise RuntimeError
        assert not content_version.has_pending_changes()
    assert content_version.current().token == before


def test_publishing_a_page_bumps_the_version(commit, committed, gelsenkirchen):
    page = commit(lambda: StandardPageFactory(parent=gelsenkirchen.portal, title="Neu"))
    commit(page.unpublish)
    before, after = committed(lambda: page.save_revision().publish())
    assert before != after


def test_saving_a_draft_of_a_published_page_bumps_nothing(committed, gelsenkirchen):
    page = gelsenkirchen.district_pages["schalke"]
    page.title = "Entwurf"
    before, after = committed(page.save_revision)
    assert before == after


def test_moving_a_page_bumps_the_version(commit, committed, gelsenkirchen):
    page = commit(lambda: StandardPageFactory(parent=gelsenkirchen.portal, title="Umzug"))
    before, after = committed(
        lambda: page.move(gelsenkirchen.district_homes["huellen"], pos="last-child")
    )
    assert before != after


def test_deleting_a_page_bumps_the_version(commit, committed, gelsenkirchen):
    page = commit(lambda: StandardPageFactory(parent=gelsenkirchen.portal, title="Weg damit"))
    before, after = committed(page.delete)
    assert before != after


def test_scheduled_publishing_going_live_bumps_the_version(committed, gelsenkirchen):
    page = gelsenkirchen.district_pages["schalke"]
    page.title = "Später veröffentlicht"
    revision = page.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=1))
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    before, after = committed(lambda: call_command("publish_scheduled", verbosity=0))
    assert before != after


def test_changing_a_theme_bumps_the_version(commit, committed, gelsenkirchen):
    theme = commit(lambda: ThemeFactory(municipality=gelsenkirchen.municipality))

    def recolour():
        theme.color_link = "#00416a"
        theme.save()

    before, after = committed(recolour)
    assert before != after


def test_rolling_the_occurrence_index_bumps_the_version(committed):
    before, after = committed(occurrence_horizon_roll)
    assert before != after
