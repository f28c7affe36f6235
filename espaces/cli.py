"""The `espaces` command: the project's manage.py under another name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "espaces"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
