"""Errors a user can fix. The CLI prints them as one clear message, never a traceback."""


class UserError(Exception):
    """A mistake in the user's config, data or request, with what to do about it."""


class ConfigError(UserError):
    """config/pipeline.yaml is missing a value or has one of the wrong kind."""


class DataError(UserError):
    """An input table does not match its schema."""


class NotReadyError(UserError):
    """A step needs the output of an earlier step that has not run yet."""


class ArtifactError(UserError):
    """A stored model is missing, corrupt, changed since it was registered, or not a model."""


class StoreUnavailable(NotReadyError):
    """The online store cannot be read: missing, empty, corrupt or unreachable."""


class RegistryUnavailable(NotReadyError):
    """The model registry's server or store cannot be reached or read."""


def first_line(error: Exception, limit: int = 300) -> str:
    """The first line of an error's message (its type when it has none), for one-line errors."""
    text = str(error).strip()
    return text.splitlines()[0][:limit] if text else type(error).__name__
