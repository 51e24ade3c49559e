"""``python -m aigc_desktop`` runs the same entry point as the ``aigc-desktop`` script."""

import sys

from aigc_desktop.cli import main

sys.exit(main())
