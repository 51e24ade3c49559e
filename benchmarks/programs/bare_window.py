"""Start-up baseline: the smallest PySide6 window (a QMainWindow with a label), nothing else.

``--qasync`` runs the same window on a qasync event loop (what every asyncio + Qt app pays before its
own code), for a second, informative baseline. The runner sees the first frame through Qt's paint log
and then ends the process, exactly as it does the app's.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    window.setCentralWidget(QLabel("Hello, world"))
    window.resize(1180, 760)
    window.show()
    if "--qasync" in sys.argv[1:]:
        import asyncio

        import qasync

        async def forever() -> None:
            await asyncio.Event().wait()

        return int(qasync.run(forever()) or 0)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
