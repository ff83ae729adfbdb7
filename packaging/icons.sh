#!/bin/sh
# Regenerate the app icon's PNGs, .ico (Windows) and .icns (macOS) from assets/icon/duizhao.svg.
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns):
#   apt-get install librsvg2-bin icoutils icnsutils
# Run from anywhere: sh packaging/icons.sh
set -eu
cd "$(dirname "$0")/../assets/icon"
for size in 16 32 48 64 128 256 512 1024; do
    rsvg-convert -w "$size" -h "$size" duizhao.svg -o "duizhao-$size.png"
done
icotool -c -o duizhao.ico duizhao-16.png duizhao-32.png duizhao-48.png duizhao-64.png duizhao-128.png -r duizhao-256.png
# png2icns knows the sizes 16, 32, 48, 128, 256, 512 and 1024.
png2icns duizhao.icns duizhao-16.png duizhao-32.png duizhao-48.png duizhao-128.png duizhao-256.png duizhao-512.png duizhao-1024.png >/dev/null
ls -l duizhao-*.png duizhao.ico duizhao.icns
