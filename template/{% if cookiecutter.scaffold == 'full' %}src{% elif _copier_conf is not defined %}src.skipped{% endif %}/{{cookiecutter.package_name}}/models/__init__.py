"""Models as the registry keeps them and the gateway serves them, shared by both loops."""
