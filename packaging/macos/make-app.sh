#!/usr/bin/env bash
# Make Claimtrace.app and its disk image on macOS (run by .github/workflows/release.yml):
#
#   packaging/macos/make-app.sh VERSION BINARY OUT_DIR
#
# BINARY is the built claimtrace (a universal binary in the release). Writes
# OUT_DIR/Claimtrace.app and OUT_DIR/claimtrace-VERSION-macos.dmg (the app and a link to
# /Applications, to drag it onto). The app is signed ad hoc only (no Developer ID): see README,
# "Install", for what a user clicks through the first time.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 VERSION BINARY OUT_DIR" >&2; exit 2; }
version=$1 binary=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

app="$out/Claimtrace.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/claimtrace"
chmod 755 "$app/Contents/MacOS/claimtrace"
sed "s/@VERSION@/$version/g" "$here/Info.plist" >"$app/Contents/Info.plist"
plutil -lint "$app/Contents/Info.plist"
cp "$root/assets/icons/claimtrace.icns" "$app/Contents/Resources/claimtrace.icns"
for f in README.md LICENSE-MIT LICENSE-APACHE assets/fonts/NotoSans-OFL.txt; do
    cp "$root/$f" "$app/Contents/Resources/"
done
# Apple Silicon runs only signed code: an ad-hoc signature (no identity) is the least it needs.
codesign --force --deep --sign - "$app"
codesign --verify --verbose "$app"

stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="$out/claimtrace-$version-macos.dmg"
rm -f "$dmg"
hdiutil create -volname "Claimtrace $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
rm -rf "$stage"
echo "$dmg"
