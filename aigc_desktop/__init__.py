"""AIGC Desktop: administration and debugging for the SenseTime AIGC platform."""

import sys

__version__ = "0.1.0"
APP_NAME = "AIGC Desktop"

# httpx's own command-line client (httpx._main) is imported with httpx whenever click, rich and pygments
# are installed, as they are beside the project's test tools: the app never uses it, and the memory and
# self-test benchmarks show what it costs. Marked absent, httpx falls back to its stub, as in a user's
# install without those packages (the bundle excludes them: packaging/bundle_rules.py).
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
