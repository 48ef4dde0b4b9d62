#!/bin/sh
# Install Claimtrace for this user, without root, from the unpacked tarball:
#
#   ./install.sh               ~/.local/bin/claimtrace, the menu entry, the icon, and the
#                              project file type (.claimtrace opens in Claimtrace)
#   ./install.sh --uninstall   remove them again
#
# PREFIX (default ~/.local) and XDG_DATA_HOME (default ~/.local/share) change where.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin="$prefix/bin/claimtrace"

refresh() {
    # Each tool is optional: without it the desktop picks the files up at its next scan.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime" || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q "$data/icons/hicolor" || true
    fi
}

files=$(cd "$here/share" && find . -type f | sed 's|^\./||')

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$bin"
    for f in $files; do rm -f "$data/$f"; done
    refresh
    echo "Claimtrace removed from $prefix and $data."
    exit 0
fi

mkdir -p "$prefix/bin"
cp "$here/bin/claimtrace" "$bin"
chmod 755 "$bin"
for f in $files; do
    mkdir -p "$data/$(dirname "$f")"
    cp "$here/share/$f" "$data/$f"
done
# The menu entry names the binary by its full path: ~/.local/bin is not on every PATH.
sed -i "s|^Exec=claimtrace |Exec=$bin |" "$data/applications/claimtrace.desktop"
refresh
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default claimtrace.desktop application/x-claimtrace || true
fi
echo "Claimtrace $("$bin" --version | sed 's/^claimtrace //') installed: $bin"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "Add $prefix/bin to PATH to run 'claimtrace' from a terminal." ;;
esac
