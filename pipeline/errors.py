"""Errors the pipeline reports to its users as one clear line (never a traceback)."""


class PipelineError(Exception):
    """A problem with the user's input or configuration.

    The CLI prints ``str(error)`` on one line and exits non-zero.  Messages name the
    file (and where useful the row or field) and the problem, and never contain the
    raw text of a response.
    """

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class ConfigError(PipelineError):
    """A malformed framework, round manifest, settings or edits file."""


class InputFileError(PipelineError):
    """An unreadable, empty, binary, mislabelled or malformed input file."""
