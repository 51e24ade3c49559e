"""The environment variables through which secrets reach the app, named once.

Secrets never come from command-line arguments (they would show in process lists and shell history):
the headless commands and ``--self-test`` read them from these variables, or from standard input.
"""

from __future__ import annotations

APP_KEY_ENV = (
    "AIGC_APP_KEY"  # the AppKey for `sign token`, `status --base-url …` and `--self-test --base-url …`
)
AUTH_KEY_ENV = "AIGC_AUTH_KEY"  # the callback AuthKey for `sign callback`, `verify callback` and `listen`
PREVIOUS_AUTH_KEY_ENV = "AIGC_AUTH_KEY_PREVIOUS"  # the previous AuthKey, still accepted during a rotation
