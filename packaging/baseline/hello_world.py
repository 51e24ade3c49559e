"""The baseline for ``compare_bundles.py``: the smallest PySide6 window, frozen exactly like the app.

Nothing else on purpose: a QMainWindow with a label. compare_bundles.py sees the window reach the
screen through Qt's own paint logging, the same way for this and for the app.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Hello")
    window.setCentralWidget(QLabel("Hello, world"))
    window.resize(320, 120)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
