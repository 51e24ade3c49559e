"""Start-up: the window's frame first (``frame``), then the rest of the app into it (``bootstrap``).

``entry.run_gui`` is what ``aigc_desktop.cli`` calls; ``self_test`` is the ``--self-test`` run.
Imports point one way: entry -> bootstrap / self_test -> frame -> paint_watch.
"""
