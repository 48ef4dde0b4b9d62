#!/usr/bin/env bash
# Install the .deb in a clean Debian 12 (a debootstrap chroot, minbase: no X, no Wayland, no
# fonts), so that what its Depends pull in is all it gets; then run scripts/test-package.sh
# in there. Needs root, debootstrap, and the Debian archive (apt's own sources).
#
#   scripts/test-package-chroot.sh [DEB] [CHROOT_DIR]
#
# CHROOT_DIR (default /tmp/claimtrace-chroot) is made with debootstrap when it does not exist
# and reused otherwise; delete it to start from a clean system again. The checks:
#   1. `apt-get install --no-install-recommends ./claimtrace.deb` into the clean system works;
#   2. every library eframe and its backends load at run time (dlopen, invisible to `ldd`) is
#      then on the system: the Depends list is complete;
#   3. `claimtrace --version` runs there;
#   4. with the recommended Mesa driver and the test tools added, scripts/test-package.sh passes
#      inside the chroot (it removes and reinstalls the package).
# The screenshots land in CHROOT_DIR/src/out/.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
deb=$(readlink -f "${1:-${CARGO_TARGET_DIR:-target}/dist/claimtrace_${version}_amd64.deb}")
root=${2:-/tmp/claimtrace-chroot}
die() { echo "test-package-chroot.sh: $*" >&2; exit 1; }
[ -f "$deb" ] || die "$deb not found; run scripts/package.sh first"
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || die "debootstrap not found (apt-get install debootstrap)"

if [ ! -x "$root/usr/bin/apt-get" ]; then
    echo "== debootstrap bookworm (minbase) into $root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
for m in proc dev; do
    if ! mountpoint -q "$root/$m"; then
        case $m in
        proc) mount -t proc proc "$root/proc" ;;
        dev) mount --bind /dev "$root/dev" ;;
        esac
        mounted+=("$root/$m")
    fi
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    DEBIAN_FRONTEND=noninteractive "$@"; }

rm -rf "$root/src"
mkdir -p "$root/src/scripts" "$root/src/out"
cp Cargo.toml "$root/src/"
cp scripts/test-package.sh "$root/src/scripts/"
cp "$deb" "$root/src/"
name=$(basename "$deb")

in_root dpkg -r claimtrace >/dev/null 2>&1 || true
in_root apt-get update -qq
echo "== 1. apt-get install --no-install-recommends ./$name (clean system)"
in_root apt-get install -y -qq --no-install-recommends "/src/$name" >"$root/src/out/apt.log" 2>&1 ||
    { cat "$root/src/out/apt.log"; die "the package does not install in a clean Debian 12"; }
echo "ok    installs; it brought: $(grep -c '^Setting up' "$root/src/out/apt.log") packages"

echo "== 2. the libraries loaded at run time are there"
failed=0
libs=$(in_root ldconfig -p)
for lib in libX11.so.6 libX11-xcb.so.1 libxcb.so.1 libXcursor.so.1 libXi.so.6 libXrandr.so.2 \
    libxkbcommon.so.0 libxkbcommon-x11.so.0 libwayland-client.so.0 libwayland-egl.so.1 \
    libfontconfig.so.1 libvulkan.so.1; do
    if grep -q "^[[:space:]]*$lib " <<<"$libs"; then echo "ok    $lib"; else echo "FAIL  $lib"; failed=1; fi
done
[ "$failed" -eq 0 ] || die "the Depends miss a library"

echo "== 3. claimtrace --version"
in_root /usr/bin/claimtrace --version

echo "== 4. scripts/test-package.sh inside, with the Mesa driver and the test tools"
in_root apt-get install -y -qq --no-install-recommends mesa-vulkan-drivers xvfb xdotool \
    imagemagick x11-utils xdg-utils libfile-mimeinfo-perl shared-mime-info desktop-file-utils \
    >"$root/src/out/apt-tools.log" 2>&1 || { cat "$root/src/out/apt-tools.log"; die "test tools"; }
in_root dpkg -r claimtrace >/dev/null
in_root bash /src/scripts/test-package.sh "/src/$name" /src/out
