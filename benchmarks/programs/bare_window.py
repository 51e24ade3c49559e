"""Start-up baseline: the smallest PySide6 window (a QMainWindow with a label), nothing else.

The runner sees its first frame through Qt's paint log and then ends it, exactly as it does the app.
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
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
