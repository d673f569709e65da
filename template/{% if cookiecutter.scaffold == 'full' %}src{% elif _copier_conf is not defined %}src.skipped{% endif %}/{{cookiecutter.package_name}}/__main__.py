"""`python -m {{ cookiecutter.package_name }}`: the same CLI as the installed command."""

from .cli import main

main()
