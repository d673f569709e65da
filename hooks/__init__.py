"""The template's hook logic, imported as `hooks.<module>` by the hook scripts, the
cookiecutter extension and the tests (a regular package, so no other `hooks` shadows it)."""
