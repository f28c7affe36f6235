#!/usr/bin/env python
"""Same as the `espaces` command."""

from espaces.cli import main

if __name__ == "__main__":
    main()
