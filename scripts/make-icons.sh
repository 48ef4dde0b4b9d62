#!/usr/bin/env bash
# Render the application icon's PNG sizes, the Windows .ico and the macOS .icns from
# assets/icons/claimtrace.svg. The results are committed (packaging needs no SVG renderer); run
# this again after changing the SVG, and commit what it writes.
#
#   scripts/make-icons.sh
#
# Needs rsvg-convert (librsvg2-bin), convert (imagemagick) and png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
for tool in rsvg-convert convert png2icns; do
    command -v "$tool" >/dev/null || {
        echo "make-icons.sh: $tool not found; install librsvg2-bin, imagemagick and icnsutils" >&2
        exit 1
    }
done
sizes=(16 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
    rsvg-convert -w "$s" -h "$s" claimtrace.svg -o "claimtrace-$s.png"
done
# Windows: one .ico with the sizes Explorer and the taskbar use.
convert claimtrace-16.png claimtrace-32.png claimtrace-48.png claimtrace-256.png claimtrace.ico
# macOS: the .icns of the .app bundle (libicns cannot write the 48 px size).
png2icns claimtrace.icns claimtrace-16.png claimtrace-32.png \
    claimtrace-128.png claimtrace-256.png claimtrace-512.png >/dev/null
ls -l claimtrace*
