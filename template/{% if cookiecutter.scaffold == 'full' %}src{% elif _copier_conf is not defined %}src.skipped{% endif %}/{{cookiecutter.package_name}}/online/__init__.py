"""The online loop: request → gateway → online features → model → response → lake."""
