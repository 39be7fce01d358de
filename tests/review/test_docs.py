"""docs/review.md tells reviewers the same workflow as the code enforces."""

from pathlib import Path

from django.utils import translation

from marsad.records.models import Incident
from marsad.review import workflow
from marsad.review.presenters import TRANSITION_LABELS

DOC = Path(__file__).resolve().parents[2] / "docs" / "review.md"


def test_the_workflow_table_in_the_docs_is_the_one_in_the_code():
    text = DOC.read_text(encoding="utf-8")
    documented = {line.strip() for line in text.splitlines() if line.startswith("| ")}
    status = dict(Incident.Status.choices)
    with translation.override("en"):
        for t in workflow.TRANSITIONS:
            row = " | ".join(
                [
                    str(status[t.source]),
                    str(status[t.target]),
                    str(TRANSITION_LABELS[t.name]),
                    "publishers" if t.permission == workflow.PUBLISH else "reviewers",
                    "required" if t.needs_reason else "—",
                ]
            )
            assert f"| {row} |" in documented, row
    rows = [line for line in documented if line.count("|") == 6 and " | reviewers | " in line]
    rows += [line for line in documented if " | publishers | " in line]
    assert len(rows) == len(workflow.TRANSITIONS)  # and no move the code does not have
