#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup runs from the EXIT trap
# Install the .deb that scripts/package.sh built on this machine, try it as a user would, and
# remove it again. Needs root (dpkg) and: xvfb, xdotool, imagemagick, x11-utils (xprop),
# xdg-utils, libfile-mimeinfo-perl (the `mimetype` that xdg-utils asks outside a desktop
# session, as desktops do, from shared-mime-info), shared-mime-info, desktop-file-utils, plus a
# Mesa driver (mesa-vulkan-drivers, or libegl1 libegl-mesa0 libgl1-mesa-dri). Not part of
# `cargo test`.
#
#   scripts/test-package.sh [DEB] [OUT_DIR]
#
# DEB defaults to target/dist/claimtrace_<version>_amd64.deb ($CARGO_TARGET_DIR/dist with
# CARGO_TARGET_DIR set); OUT_DIR (default: the .deb's folder + /test) receives the screenshots
# and the window's stderr. Each check prints "ok" or "FAIL"; the exit status is 1 if any failed.
#
# The checks, in order:
#   1. the package installs (apt-get, so a missing dependency is named) and holds its files;
#   2. `claimtrace --version` prints the version and the commit;
#   3. the project file type: `xdg-mime query default application/x-claimtrace` is
#      claimtrace.desktop, and shared-mime-info maps *.claimtrace to it;
#   4. the first start of the installed copy, in an empty folder with an empty HOME (no checkout
#      anywhere near), opens the demo project; the window has the icon and the app id as WM_CLASS;
#      nothing on stderr (no "XDG_RUNTIME_DIR is invalid" lines); screenshot first-start.png;
#   5. a double-click on a project: `xdg-open sample.claimtrace` starts Claimtrace through the
#      desktop file and the window shows that project; screenshot open-project.png;
#   6. the package is removed and leaves no file behind.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/.." || exit 1

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
deb=${1:-${CARGO_TARGET_DIR:-target}/dist/claimtrace_${version}_amd64.deb}
deb=$(readlink -f "$deb")
out=${2:-$(dirname "$deb")/test}
failed=0

die() { echo "test-package.sh: $*" >&2; exit 1; }
ok() { echo "ok    $*"; }
fail() { echo "FAIL  $*"; failed=1; }
check() { # check DESCRIPTION COMMAND...: ok when the command succeeds
    local what=$1; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

[ -f "$deb" ] || die "$deb not found; run scripts/package.sh first"
[ "$(id -u)" -eq 0 ] || die "run as root: it installs and removes a package"
for tool in apt-get dpkg Xvfb xdotool import xprop xdg-mime xdg-open mimetype update-mime-database; do
    command -v "$tool" >/dev/null || die "$tool not found; see the head of this script for the packages"
done
if dpkg -s claimtrace >/dev/null 2>&1; then
    die "claimtrace is installed already; remove it first (apt-get remove claimtrace)"
fi
mkdir -p "$out"
work=$(mktemp -d)
xvfb=
apps=()
stop_apps() { # each app runs in its own process group (setsid): end that group
    for p in "${apps[@]}"; do kill -- "-$p" 2>/dev/null; done
    apps=()
}
cleanup() {
    stop_apps
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
    rm -rf "$work"
    if dpkg -s claimtrace >/dev/null 2>&1; then
        echo "(removing the package after an early stop)"
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq claimtrace >/dev/null 2>&1
    fi
}
trap cleanup EXIT

echo "== $deb"

# 1. Install. apt-get resolves the Depends (from what is installed or the archive); the
# Recommends (a Mesa driver, a file chooser) are left out: this machine brings its own driver.
if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" \
    >"$work/apt.log" 2>&1; then
    ok "installs: $(dpkg-query -W -f '${Package} ${Version} ${Status}' claimtrace)"
else
    cat "$work/apt.log"
    die "the package does not install"
fi
for f in /usr/bin/claimtrace /usr/share/applications/claimtrace.desktop \
    /usr/share/mime/packages/claimtrace.xml /usr/share/icons/hicolor/256x256/apps/claimtrace.png \
    /usr/share/icons/hicolor/scalable/apps/claimtrace.svg /usr/share/doc/claimtrace/copyright \
    /usr/share/doc/claimtrace/LICENSE-MIT; do
    check "installed $f" test -f "$f"
done

# 2. --version, from a folder with no checkout.
empty="$work/empty"
mkdir -p "$empty"
line=$(cd "$empty" && /usr/bin/claimtrace --version 2>&1)
echo "      claimtrace --version: $line"
check "--version names the version" grep -q "^claimtrace $version (commit " <<<"$line"
if head=$(git rev-parse --short=12 HEAD 2>/dev/null); then
    check "--version names this checkout's commit $head" grep -q "commit $head" <<<"$line"
fi

# 3. The project file type.
default=$(xdg-mime query default application/x-claimtrace 2>&1)
echo "      xdg-mime query default application/x-claimtrace: $default"
check "claimtrace.desktop opens application/x-claimtrace" test "$default" = claimtrace.desktop
check "shared-mime-info maps *.claimtrace to application/x-claimtrace" \
    grep -q '^[0-9]*:application/x-claimtrace:\*\.claimtrace$' /usr/share/mime/globs2

# 4. The first start: fresh HOME, empty folder, no XDG_RUNTIME_DIR (as in a container or an
# ssh session, where the "XDG_RUNTIME_DIR is invalid" lines used to come from).
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || die "Xvfb did not start"
DISPLAY=":$(cat "$work/display")"
export DISPLAY
home="$work/home"
mkdir -p "$home"
run_app() { # run_app STDERR COMMAND...: start it in the empty folder with the fresh HOME, in
    # a process group of its own (xdg-open starts claimtrace as its child)
    local err=$1; shift
    (cd "$empty" && exec setsid env -u XDG_RUNTIME_DIR -u XDG_CONFIG_HOME -u XDG_DATA_HOME \
        HOME="$home" WAYLAND_DISPLAY= "$@" 2>"$err") &
    apps+=($!)
}
wait_window() { # wait_window NAME: the id of a visible window whose title contains NAME
    timeout 60 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -n 1
}
run_app "$out/first-start.stderr" /usr/bin/claimtrace
win=$(wait_window "Claimtrace")
if [ -z "$win" ]; then
    fail "the window opens"
    cat "$out/first-start.stderr"
else
    sleep 2
    import -window root "$out/first-start.png"
    title=$(xdotool getwindowname "$win")
    echo "      window title: $title"
    check "the first start opens the demo project" grep -q "Demo: Amnesty on Vietnam" <<<"$title"
    # WM_CLASS is (instance, class); eframe sets the class to the app id, which the desktop
    # file's StartupWMClass names.
    wm_class=$(xprop -id "$win" WM_CLASS)
    echo "      $wm_class"
    check "WM_CLASS's class is the app id claimtrace" grep -q ', "claimtrace"$' <<<"$wm_class"
    icon=$(xprop -id "$win" -notype 32c _NET_WM_ICON | head -c 40)
    echo "      ${icon}..."
    check "the window has its 256 px icon (_NET_WM_ICON)" grep -q "= 256, 256, " <<<"$icon"
    stop_apps
    sleep 1
    if [ -s "$out/first-start.stderr" ]; then
        fail "nothing on stderr at start; it printed:"
        sed 's/^/      /' "$out/first-start.stderr"
    else
        ok "nothing on stderr at start (no XDG_RUNTIME_DIR lines)"
    fi
    echo "      screenshot: $out/first-start.png"
fi

# 5. A double-click on a project file: xdg-open finds claimtrace.desktop through the MIME type
# and runs its Exec line with the file.
project="$empty/Package test.claimtrace"
(cd "$empty" && HOME="$home" /usr/bin/claimtrace new "$project" --name "Package test project" \
    >/dev/null) || fail "claimtrace new $project"
run_app "$out/open-project.stderr" xdg-open "$project"
win=$(wait_window "Package test project")
if [ -n "$win" ]; then
    sleep 1
    import -window root "$out/open-project.png"
    ok "xdg-open on a .claimtrace file opens it in Claimtrace: $(xdotool getwindowname "$win")"
    echo "      screenshot: $out/open-project.png"
else
    fail "xdg-open on a .claimtrace file opens it in Claimtrace"
    import -window root "$out/open-project-failed.png"
    echo "      screenshot: $out/open-project-failed.png; windows: $(xdotool search --name . getwindowname %@ 2>&1 | tr '\n' '|')"
    cat "$out/open-project.stderr"
fi
stop_apps
sleep 1

# 6. Remove.
files=$(dpkg -L claimtrace | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq claimtrace >"$work/apt.log" 2>&1; then
    ok "removes"
else
    cat "$work/apt.log"
    fail "removes"
fi
left=$(for f in $files; do [ -e "$f" ] && echo "$f"; done)
check "no file of the package is left${left:+: $left}" test -z "$left"
check "application/x-claimtrace is gone from the MIME database" \
    bash -c "! grep -q 'application/x-claimtrace' /usr/share/mime/globs2"

if [ "$failed" -eq 0 ]; then echo "all checks passed"; else echo "some checks FAILED"; fi
exit "$failed"
