#!/usr/bin/env bash
# Build the Linux packages of this checkout:
#
#   target/dist/claimtrace_<version>_amd64.deb             Debian/Ubuntu (cargo-deb)
#   target/dist/claimtrace-<version>-x86_64-linux.tar.gz   any Linux: binary, desktop file,
#                                                          icons, MIME file, README, licences,
#                                                          and install.sh (into ~/.local)
#
#   scripts/package.sh
#
# Builds the release binary (cargo build --release --locked; about 4 minutes from nothing on 2
# cores), then packages it. Installs cargo-deb with `cargo install --locked cargo-deb` if it is
# missing. With CARGO_TARGET_DIR set, the packages go to $CARGO_TARGET_DIR/dist. The tarball holds
# exactly the files of the .deb (unpacked from it), so the two cannot drift apart.
# Then run scripts/test-package.sh to install the .deb and try it.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

die() { echo "package.sh: $*" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-target}
dist="$target_dir/dist"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || die "cannot read the version from Cargo.toml"
arch=$(uname -m)
[ "$arch" = x86_64 ] || die "this script packages x86_64 (amd64) only; this machine is $arch"
for tool in cargo dpkg-deb tar gzip; do
    command -v "$tool" >/dev/null || die "$tool not found (dpkg-deb: package dpkg)"
done
if ! cargo deb --version >/dev/null 2>&1; then
    echo "==> cargo install --locked cargo-deb"
    cargo install --locked cargo-deb
fi

echo "==> cargo build --release --locked"
cargo build --release --locked
echo "    $("$target_dir/release/claimtrace" --version)"

mkdir -p "$dist"
deb="$dist/claimtrace_${version}_amd64.deb"
rm -f "$deb"
echo "==> cargo deb --no-build --strip"
# --strip: the release profile keeps line tables (for backtraces in development), which would
# make the installed binary 200 MB.
cargo deb --no-build --strip --locked --output "$deb" >/dev/null
[ -f "$deb" ] || die "cargo deb wrote no $deb"

echo "==> tarball"
name="claimtrace-${version}-x86_64-linux"
tarball="$dist/$name.tar.gz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
stage="$work/$name"
mkdir -p "$stage"
mv "$work/root/usr/bin" "$stage/bin"
mv "$work/root/usr/share" "$stage/share"
mv "$stage/share/doc/claimtrace/"* "$stage/"
rm -rf "$stage/share/doc"
cp packaging/linux/install.sh "$stage/install.sh"
chmod 755 "$stage/install.sh"
# The same bytes for the same commit: sorted names, no owners, the commit's time.
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
    -C "$work" -cf - "$name" | gzip -n -9 >"$tarball"

echo
echo "==> $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends
dpkg-deb --contents "$deb" | awk '{ print "    " $1, $3, $6 }'
echo
echo "==> $tarball"
tar -tvzf "$tarball" | awk '{ print "    " $1, $3, $6 }'
echo
(cd "$dist" && sha256sum "$(basename "$deb")" "$(basename "$tarball")")
