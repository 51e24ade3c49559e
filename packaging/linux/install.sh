#!/bin/sh
# Install AIGC Desktop for the current user (no root needed), or remove it again.
#
#   ./install.sh               # -> ~/.local/opt/aigc-desktop, menu entry, icons, `aigc-desktop` on PATH
#   ./install.sh --uninstall
#
# Honours XDG_DATA_HOME and PREFIX (default: ~/.local).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
data=${XDG_DATA_HOME:-$prefix/share}
app_id=com.softsugar.AigcDesktop
target=$prefix/opt/aigc-desktop

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target"
  rm -f "$prefix/bin/aigc-desktop" "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
  find "$data/icons/hicolor" -name "$app_id.png" -delete 2>/dev/null || true
  refresh_caches
  echo "AIGC Desktop removed. Your keyring entries (service 'aigc-desktop') and settings were kept."
  exit 0
fi

rm -rf "$target"
mkdir -p "$target" "$prefix/bin" "$data/applications" "$data/metainfo"
cp -a "$here/aigc-desktop/." "$target/"
ln -sf "$target/aigc-desktop" "$prefix/bin/aigc-desktop"
# The menu entry points at the installed executable, so it works even when ~/.local/bin is not on PATH.
sed "s|^Exec=aigc-desktop|Exec=$target/aigc-desktop|" "$here/share/applications/$app_id.desktop" \
  > "$data/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
for icon in "$here"/share/icons/hicolor/*/apps/"$app_id".png; do
  size_dir=$(basename "$(dirname "$(dirname "$icon")")")
  mkdir -p "$data/icons/hicolor/$size_dir/apps"
  cp "$icon" "$data/icons/hicolor/$size_dir/apps/"
done
refresh_caches
echo "AIGC Desktop installed in $target (menu entry: AIGC Desktop; command: $prefix/bin/aigc-desktop)."
if ! ldconfig -p 2>/dev/null | grep -q libxcb-cursor.so.0 && [ ! -e "$target/_internal/libxcb-cursor.so.0" ]; then
  echo "Note: the X11 (xcb) display needs libxcb-cursor0: sudo apt-get install libxcb-cursor0 (see README.txt)."
fi
