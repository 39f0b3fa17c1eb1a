"""``python -m assistance migrate | makemigration "message"``."""

import asyncio
import sys

from assistance.app import create_app
from kit.cli import run

if __name__ == "__main__":
    asyncio.run(run(create_app(), sys.argv[1:], __doc__))
