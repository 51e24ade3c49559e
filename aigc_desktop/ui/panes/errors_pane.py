"""Error codes pane: the doc's whole catalogue, grouped by category, filtered live by code or words.

Banners with a platform code offer "Look up <code>", which lands here with that code selected
(``ctx.lookup_error_code``). Meanings, advice and category names are in the interface language (the
catalogue's Chinese edition for zh_CN); the doc's ``%s`` placeholders read as named slots (``‹N›``).
Search matches every language, so a Chinese reader can paste an English server message and vice versa.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue, ErrorEntry
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.i18n import current_language
from aigc_desktop.ui.panes.base import Pane

ENTRY_ROLE = Qt.ItemDataRole.UserRole
COL_CODE, COL_TEXT, COL_ADVICE, COL_NOTE = range(4)


class ErrorsPane(Pane):
    """A tree of categories and codes, a search field and the full text of the selected code."""

    PANE_ID = "errors"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Error codes"))
    ICON = "alert-triangle"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.catalogue = ErrorCatalogue.default()
        self.lang = current_language()
        layout = QVBoxLayout(self)
        search_row = QHBoxLayout()
        search_label = QLabel(self.tr("&Search:"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Code or words, e.g. 6011 or sign"))
        self.search.setAccessibleName(self.tr("Search error codes"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of codes shown"))
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout.addLayout(search_row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Error codes"))
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("Text"), self.tr("Advice"), self.tr("Note")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ADVICE, QHeaderView.ResizeMode.Stretch)  # text and advice share the
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.ResizeToContents)  # width; the detail
        header.setStretchLastSection(False)  # below shows both whole, so no horizontal scrolling
        self.tree.currentItemChanged.connect(self._show_detail)
        splitter.addWidget(self.tree)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self._items: list[QTreeWidgetItem] = []
        self._categories: dict[str, QTreeWidgetItem] = {}
        self._populate()
        self.apply_filter("")
        ctx.lookup_error_code.connect(self.show_code)

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("Selected code"))
        form = QFormLayout(box)
        self.detail_code = QLabel()
        self.detail_category = QLabel()
        self.detail_text = QLabel()
        self.detail_advice = QLabel()
        self.detail_note = QLabel()
        names = (
            (self.detail_code, self.tr("Code")),
            (self.detail_category, self.tr("Category")),
            (self.detail_text, self.tr("Text")),
            (self.detail_advice, self.tr("Advice")),
            (self.detail_note, self.tr("Note")),
        )
        for label, name in names:
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(name)
            form.addRow(self.tr("%1:").replace("%1", name), label)
        return box

    # --- content -----------------------------------------------------------------------------

    def _note(self, entry: ErrorEntry) -> str:
        notes = []
        if entry.listed > 1:
            notes.append(self.tr("listed %1 times in the doc").replace("%1", str(entry.listed)))
        if len(self.catalogue.lookup(entry.code)) > 1:
            notes.append(self.tr("the doc gives this code more than one text"))
        return "; ".join(notes)

    def _populate(self) -> None:
        self.tree.setUpdatesEnabled(False)
        for entry in sorted(self.catalogue, key=lambda e: (e.category, e.code)):
            parent = self._categories.get(entry.category)
            if parent is None:
                parent = QTreeWidgetItem([self.catalogue.category_name(entry.category, self.lang)])
                parent.setData(COL_CODE, ENTRY_ROLE, entry.category)
                parent.setFirstColumnSpanned(False)
                font = parent.font(COL_CODE)
                font.setBold(True)
                parent.setFont(COL_CODE, font)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)
                self._categories[entry.category] = parent
            advice = self.catalogue.advice_for(entry.code, self.lang)
            meaning = self.catalogue.meaning(entry, self.lang)
            item = QTreeWidgetItem([str(entry.code), meaning, advice, self._note(entry)])
            item.setData(COL_CODE, ENTRY_ROLE, entry)
            item.setToolTip(COL_TEXT, meaning)
            item.setToolTip(COL_ADVICE, advice)
            parent.addChild(item)
            self._items.append(item)
        self.tree.expandAll()
        self.tree.setUpdatesEnabled(True)

    def apply_filter(self, text: str) -> None:
        """Show only the codes that match ``text`` (code prefix, or every word in text/category/advice,
        in any language: people search for what to do, and paste what the server said)."""
        matches = {(e.code, e.text) for e in self.catalogue.search(text.strip())}
        shown = 0
        for item in self._items:
            entry: ErrorEntry = item.data(COL_CODE, ENTRY_ROLE)
            visible = (entry.code, entry.text) in matches
            item.setHidden(not visible)
            shown += visible
        for parent in self._categories.values():
            children = (parent.child(i) for i in range(parent.childCount()))
            parent.setHidden(all(child is None or child.isHidden() for child in children))
        self.count_label.setText(
            self.tr("%1 of %2 codes").replace("%1", str(shown)).replace("%2", str(len(self._items)))
        )

    def visible_codes(self) -> list[int]:
        return [item.data(COL_CODE, ENTRY_ROLE).code for item in self._items if not item.isHidden()]

    def selected_entry(self) -> ErrorEntry | None:
        item = self.tree.currentItem()
        entry = item.data(COL_CODE, ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, ErrorEntry) else None

    def show_code(self, code: int) -> bool:
        """Bring this pane forward with ``code`` selected (the filter is cleared if it hid the code)."""
        self.ctx.navigate.emit(self.PANE_ID)
        target = next((i for i in self._items if i.data(COL_CODE, ENTRY_ROLE).code == code), None)
        if target is None:
            self.search.setText(str(code))  # an undocumented code: show that nothing matches
            self._show_missing(code)
            return False
        if target.isHidden():
            self.search.clear()
        self.tree.setCurrentItem(target)
        self.tree.scrollToItem(target, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.tree.setFocus()
        return True

    def _show_missing(self, code: int) -> None:
        self.detail_code.setText(str(code))
        if self.catalogue.prefix_matches(code):  # a guess from the prefix, said as one
            category = self.catalogue.category_name(self.catalogue.category_for(code), self.lang)
            self.detail_category.setText(
                self.tr("perhaps %1 (guessed from the code's prefix)").replace("%1", category)
            )
        else:
            self.detail_category.setText(self.tr("unknown"))
        self.detail_text.setText(self.tr("This code is not in the platform's documentation."))
        self.detail_advice.setText(self.catalogue.unknown_advice(self.lang))
        self.detail_note.setText("")

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        entry = item.data(COL_CODE, ENTRY_ROLE) if item is not None else None
        if not isinstance(entry, ErrorEntry):
            for label in (self.detail_code, self.detail_category, self.detail_text, self.detail_advice):
                label.clear()
            self.detail_note.clear()
            return
        self.detail_code.setText(str(entry.code))
        self.detail_category.setText(self.catalogue.category_name(entry.category, self.lang))
        self.detail_text.setText(self.catalogue.meaning(entry, self.lang))
        advice = self.catalogue.advice_for(entry.code, self.lang)
        self.detail_advice.setText(advice or self.tr("(no advice recorded)"))
        self.detail_note.setText(self._note(entry))
