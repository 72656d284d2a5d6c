#!/usr/bin/env bash
# Regenerates the embedded font subsets from Debian's fonts-dejavu-core with fonttools'
# pyftsubset (pip install fonttools): Basic Latin, Latin-1, Latin Extended-A, General
# Punctuation, € and □ (the marker for characters the font lacks). Kerning and other
# layout tables are dropped: the layout measures advance widths only.
set -euo pipefail
cd "$(dirname "$0")"
SRC=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
RANGES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+2000-206F,U+20AC,U+25A1"
# One face: bold is drawn by stroking the outlines (src/font.rs), not a second font.
for face in DejaVuSans; do
  pyftsubset "$SRC/$face.ttf" --unicodes="$RANGES" --output-file="$face-subset.ttf" \
    --no-hinting --layout-features='' --drop-tables+=GSUB,GPOS,GDEF,kern --name-IDs='*' \
    --notdef-outline
done
ls -l ./*-subset.ttf
