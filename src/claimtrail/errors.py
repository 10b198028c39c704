"""Every error claimtrail raises on purpose derives from :class:`ClaimtrailError`.

    ClaimtrailError
     +-- SettingsError        a settings file or value is invalid
     +-- InputError           a document cannot be read as an article
     |    +-- EmptyInputError      nothing but whitespace
     |    +-- BinaryInputError     bytes that are not text
     |    +-- DecodeError          text whose encoding cannot be determined
     |    +-- InputTooLargeError   larger than ``ingest.max_document_bytes``
     |    +-- MalformedInputError  broken HTML, JSON or JSON Lines record
     |    +-- UnsupportedInputError a file type or path that is not accepted
     |    +-- FetchError           a feed or page cannot be fetched now (timeout, 5xx): try later
     |         +-- FetchRefusedError refused for good (robots.txt, 4xx, too large, a redirect loop)
     +-- ModelError           the spaCy model cannot be loaded
     +-- OutputError          the output file cannot be written
     +-- FilterError          a query filter's value is invalid
     +-- StoryStateError      a saved story index cannot be restored
     +-- StoryCorrectionError a story merge or split names stories or documents it cannot
     +-- ConflictDismissalError a conflict id is malformed, or undismissed while not dismissed
     +-- AlertError           webhooks cannot be sent: no signing secret, or httpx is not installed
     +-- WatchError           `watch` cannot start: no feeds, a bad feed list, the extra missing
 +-- ServeError           the web app cannot start or refuses a request's input
 |    +-- UploadError          an uploaded file is refused (name, size, type)
 +-- ScaleError           the distributed engine cannot run the job
     +-- StoreError           the ledger cannot be opened, read or written
          +-- LedgerNotFoundError   no ledger at that path (and not asked to create one)
          +-- NotALedgerError       a file or database that is not a claimtrail ledger
          +-- StoreConnectionError  the PostgreSQL server cannot be reached or refuses us
          +-- UnstorableDocumentError one document's data cannot be stored (the run goes on)

Messages say what failed and what would be valid.
"""

from __future__ import annotations


class ClaimtrailError(Exception):
    """Base class of every error raised on purpose by claimtrail."""


class SettingsError(ClaimtrailError):
    """A settings file or value is invalid."""


class InputError(ClaimtrailError):
    """A document cannot be read as an article."""


class EmptyInputError(InputError):
    """The document holds nothing but whitespace."""


class BinaryInputError(InputError):
    """The document's bytes are not text."""


class DecodeError(InputError):
    """The document's text encoding cannot be determined."""


class InputTooLargeError(InputError):
    """The document is larger than the configured limit."""


class MalformedInputError(InputError):
    """Broken HTML, JSON, or a JSON Lines record."""


class UnsupportedInputError(InputError):
    """A path or file type that claimtrail does not read."""


class FetchError(InputError):
    """A feed or page cannot be fetched now (a timeout, a lost connection, a 5xx); a later try may work."""


class FetchRefusedError(FetchError):
    """A feed or page is refused for good: robots.txt, a 4xx, larger than allowed, a redirect loop."""


class ModelError(ClaimtrailError):
    """The spaCy model cannot be loaded."""


class OutputError(ClaimtrailError):
    """The output file cannot be written."""


class StoreError(ClaimtrailError):
    """The ledger cannot be opened, read or written."""


class LedgerNotFoundError(StoreError):
    """There is no ledger at the given path, and the command does not create one."""


class NotALedgerError(StoreError):
    """The file or database exists but is not a claimtrail ledger this version can read."""


class StoreConnectionError(StoreError):
    """The PostgreSQL server cannot be reached, or refuses the connection."""


class UnstorableDocumentError(StoreError):
    """One document's data cannot be stored (e.g. a NUL in a string); it fails alone, the ledger is fine."""


class FilterError(ClaimtrailError):
    """A query filter's value is invalid."""


class StoryStateError(ClaimtrailError):
    """A saved story index cannot be restored (another version, or not what it wrote)."""


class StoryCorrectionError(ClaimtrailError):
    """A story merge or split names a story not in the ledger, or documents not in the story."""


class AlertError(ClaimtrailError):
    """Webhooks cannot be sent: the signing secret is not set, or httpx is not installed."""


class ConflictDismissalError(ClaimtrailError):
    """A conflict dismissal names a malformed conflict id, or undoes one that was never made."""


class WatchError(ClaimtrailError):
    """``watch`` cannot start: no feeds given or stored, a bad feed list file, the extra not installed."""


class ServeError(ClaimtrailError):
    """The web app cannot start as asked (e.g. a public bind without a token)."""


class UploadError(ServeError):
    """An uploaded file is refused: its name, size or type."""


class ScaleError(ClaimtrailError):
    """The distributed engine cannot run the job (scheduler unreachable, engine missing)."""
