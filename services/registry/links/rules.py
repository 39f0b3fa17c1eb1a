"""The rules every kind of link keeps: one active link where the kind allows one (a second is
refused, or replaces the first when asked to), and how a link ends. Ended links are kept."""

from datetime import date

from kit.versioning import bump, bump_if_match
from registry.links import errors
from registry.models.base import Link


def refuse_or_end(current: Link, *, replace: bool, started_on: date, holder: str) -> None:
    """A second active link is refused (409 naming ``holder``) unless the caller asked to replace
    the current one, which then ends the day the new one starts."""
    if not replace:
        raise errors.active_link_exists(current, holder)
    if started_on < current.started_on:
        raise errors.starts_before_current(current.started_on)
    current.ended_on = started_on
    bump(current)


def end(link: Link, ended_on: date, if_match: str | None) -> None:
    """End a link: once only, never before it started, on the version the caller read."""
    if link.ended_on is not None:
        raise errors.link_ended(link)
    bump_if_match(link, if_match)
    if ended_on < link.started_on:
        raise errors.ends_before_start(link.started_on)
    link.ended_on = ended_on
