"""Problems found in the data, as values.

Every stage (YAML reading, schema validation, cross-file checks) returns a list
of Issues instead of raising, so one run can report every problem in every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error is input that cannot be used (exit 2); a finding is usable data that a check finds at fault
    (exit 1): a published figure changed without a correction. The JSON of `waw validate` names it."""

    ERROR = "error"
    FINDING = "finding"


# The catalogue: one code per kind of problem, so tests and users can rely on it.
CODES: dict[str, str] = {
    "E-READ": "the file cannot be read",
    "E-ENCODING": "the file is not valid UTF-8 text",
    "E-BOM": "the file starts with a byte-order mark",
    "E-CONFLICT": "a git merge-conflict marker",
    "E-SYNTAX": "YAML syntax error",
    "E-CHAR": "a character a reviewer cannot see, or that changes what they see",
    "E-EMPTY": "the file holds no data",
    "E-MULTIDOC": "more than one YAML document in a file",
    "E-DEPTH": "nesting deeper than any data file needs",
    "E-ANCHOR": "anchors, aliases and merge keys are not allowed",
    "E-TAG": "explicit YAML tags are not allowed",
    "E-DUPKEY": "a key appears twice in one mapping",
    "E-KEY": "a mapping key that is not plain text",
    "E-AMBIGUOUS": "a plain value YAML 1.1 reads differently than it looks",
    "E-NUMBER": "a number that cannot be used",
    "E-DATE": "an impossible date",
    "E-MONEY": "an amount that is not exact euros and cents",
    "E-SCHEMA": "a value of the wrong type, or a missing or unknown key",
    "E-REF": "a reference to an id that does not exist",
    "E-DUPID": "an id used twice",
    "E-FILENAME": "a file name that differs from its id",
    "E-PERIOD": "an end before its start",
    "E-YEAR": "a budget year outside the project period",
    "E-DUPLINE": "the same budget line twice",
    "E-ORDER": "changes of a line out of the order of their decisions",
    "E-NODATA": "the data directory cannot be used",
    "E-UNREAD": "a file in the data directory that waw does not read",
    "E-SEAL": "a seal of a published quarter that is not as waw publish wrote it",
    "E-CORRECTION": "a correction that corrects no published figure",
    "E-SEALED": "a published (sealed) figure changed or removed without a correction: a finding, exit 1",
}


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    message: str
    path: str
    line: int | None = None
    severity: Severity = Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def format_issue(issue: Issue) -> str:
    """`path:line: CODE message`: the form editors and CI logs link to."""
    return f"{issue.location()}: {issue.code} {issue.message}"


def errors(issues: list[Issue]) -> list[Issue]:
    """The problems that make the input unusable; the others are findings of a check on usable data."""
    return [issue for issue in issues if issue.severity is Severity.ERROR]


def sort_issues(issues: list[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.path, i.line or 0, i.code, i.message))
