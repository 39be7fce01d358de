"""The review workflow, declared once: which status may follow which, who may move it, and
whether the move needs a written reason.

Pure Python (no Django), so the services, the pages, the documentation and the tests all read
the same table. Status codes are those of ``records.Incident.Status``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DRAFT = "draft"
SUBMITTED = "submitted"
IN_REVIEW = "in_review"
VERIFIED = "verified"
NEEDS_INFORMATION = "needs_information"
REJECTED = "rejected"
PUBLISHED = "published"
STATES = (DRAFT, SUBMITTED, IN_REVIEW, VERIFIED, NEEDS_INFORMATION, REJECTED, PUBLISHED)

REVIEW = "records.change_incident"
PUBLISH = "records.publish_incident"


@dataclass(frozen=True)
class Transition:
    """One allowed move. ``name`` is what the pages and the decision log call it."""

    name: str
    source: str
    target: str
    permission: str
    needs_reason: bool = False


# Reasons are required where the move sends work back or takes something away from readers:
# the next person to open the incident must be able to tell why.
TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", DRAFT, SUBMITTED, REVIEW),
    Transition("start_review", SUBMITTED, IN_REVIEW, REVIEW),
    Transition("reject", SUBMITTED, REJECTED, REVIEW, needs_reason=True),
    Transition("verify", IN_REVIEW, VERIFIED, REVIEW),
    Transition("ask_information", IN_REVIEW, NEEDS_INFORMATION, REVIEW, needs_reason=True),
    Transition("reject", IN_REVIEW, REJECTED, REVIEW, needs_reason=True),
    Transition("resume_review", NEEDS_INFORMATION, IN_REVIEW, REVIEW),
    Transition("reject", NEEDS_INFORMATION, REJECTED, REVIEW, needs_reason=True),
    Transition("reopen", VERIFIED, IN_REVIEW, REVIEW, needs_reason=True),
    Transition("reopen", REJECTED, IN_REVIEW, REVIEW, needs_reason=True),
    Transition("publish", VERIFIED, PUBLISHED, PUBLISH),
    Transition("unpublish", PUBLISHED, VERIFIED, PUBLISH, needs_reason=True),
)


class WorkflowError(Exception):
    """A move the table does not allow (``code`` says which rule refused it)."""

    def __init__(self, code: str, source: str, target: str) -> None:
        super().__init__(f"{code}: {source} -> {target}")
        self.code = code
        self.source = source
        self.target = target


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state]


def find(source: str, target: str) -> Transition:
    """The transition from ``source`` to ``target``, or ``WorkflowError('not_allowed')``."""
    for transition in TRANSITIONS:
        if transition.source == source and transition.target == target:
            return transition
    raise WorkflowError("not_allowed", source, target)


def available(state: str, has_perm: Callable[[str], bool]) -> list[Transition]:
    """The moves out of ``state`` that someone holding ``has_perm`` may make."""
    return [t for t in transitions_from(state) if has_perm(t.permission)]


def check(source: str, target: str, has_perm: Callable[[str], bool], reason: str) -> Transition:
    """The transition, if this person may make it now with this reason; else WorkflowError
    with code ``not_allowed``, ``forbidden`` or ``reason_required``."""
    transition = find(source, target)
    if not has_perm(transition.permission):
        raise WorkflowError("forbidden", source, target)
    if transition.needs_reason and not reason.strip():
        raise WorkflowError("reason_required", source, target)
    return transition


def touches_publication(source: str, target: str) -> bool:
    """Whether moving between these states changes what readers of published figures see;
    any such change (also by merging or undoing) needs the publish permission."""
    return source != target and PUBLISHED in (source, target)
