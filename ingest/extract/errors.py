"""The one exception the extract stage raises: a file we cannot turn into text, and why."""

from __future__ import annotations

REASONS = ("encrypted", "corrupt", "empty", "too_large", "unsupported", "timed_out")


class ExtractionError(Exception):
    """A file that yields no text, with a machine-readable `reason` and a sentence for people.

    `reason` is one of REASONS (the ledger and `giai ingest status` group by it); `str(exc)` is a
    whole sentence naming the problem, fit for a status line.
    """

    def __init__(self, reason: str, message: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown extraction failure reason {reason!r}; expected one of {REASONS}")
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):
        # The runner extracts in a child process: the error must survive pickling with its reason.
        return (type(self), (self.reason, str(self)))
