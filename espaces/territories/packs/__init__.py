"""Territory packs: a territory described as data (docs/packs.md).

Each domain app registers the kinds of file it reads (`register_section`) in its `pack.py`;
`load_pack` validates every file before writing anything, then writes in one transaction.
"""

from .errors import PackError, PackValidationError
from .loader import LoadReport, load_pack
from .registry import PackSection, Record, register_section

__all__ = [
    "LoadReport",
    "PackError",
    "PackSection",
    "PackValidationError",
    "Record",
    "load_pack",
    "register_section",
]
