"""Models as the registry keeps them and the gateway serves them, shared by both loops."""

from .backends import model_registry

__all__ = ["model_registry"]
