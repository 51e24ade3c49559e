"""Dialogs opened from the menus: Settings and About."""
