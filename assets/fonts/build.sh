#!/bin/sh
# Rebuilds ClientTrackerSans-Regular.ttf and ClientTrackerSans-Bold.ttf.
#
# Fyne's bundled Noto Sans has no Armenian or Georgian glyphs, and a Fyne
# theme can hand the renderer only one font file per text style, so the app
# ships Noto Sans merged with Noto Sans Armenian and Noto Sans Georgian.
#
# Inputs are Debian's fonts-noto-core (20201225-1: Noto Sans 2.004, Noto Sans
# Armenian 2.005, Noto Sans Georgian 2.001); outputs land next to this script.
# Needs fontTools (Debian: python3-fonttools; pip: fonttools).
#
#   usage: assets/fonts/build.sh
#   env:   NOTO_DIR (default /usr/share/fonts/truetype/noto)
#          PYTHON   (a python3 that can import fontTools)
#          SOURCE_DATE_EPOCH (head.created/modified; fixed so rebuilds are byte-identical)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
noto=${NOTO_DIR:-/usr/share/fonts/truetype/noto}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1609459200} # 2021-01-01, after the Noto release used

if [ -z "${PYTHON:-}" ]; then
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import fontTools' 2>/dev/null; then PYTHON=$p; break; fi
	done
fi
if [ -z "${PYTHON:-}" ]; then
	echo "build.sh: no python3 with fontTools found (apt-get install python3-fonttools)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What to keep from Noto Sans: Latin (Basic, Latin-1, Extended-A/B, IPA for
# Azerbaijani ə, Extended Additional), combining marks (decomposed ș ț ă),
# spacing modifiers, Greek, Cyrillic + Supplement + Extended-C, general
# punctuation, super/subscripts, currency (₾ € ₽ ₴ …), letterlike symbols,
# number forms, arrows and minus (none in Noto Sans 2.004, kept in case a
# newer one has them), Latin ligatures, dotted circle (shaping placeholder),
# BOM and the replacement character. Code points the font lacks are skipped.
latin_etc='U+0000-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1C80-1C8F,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2212,U+25CC,U+FB00-FB06,U+FEFF,U+FFFC-FFFD'
# Only each script's own blocks, so no code point is in two inputs and the
# merge never has to choose between two glyphs for one character.
armenian='U+0530-058F,U+FB13-FB17'          # includes ֏ U+058F
georgian='U+10A0-10FF,U+1C90-1CBF,U+2D00-2D2F' # Mkhedruli, Mtavruli, Nuskhuri

# Same options for every input so the tables pyftmerge sees are compatible.
# Hinting is dropped everywhere: the three fonts carry different ttfautohint
# programs (fpgm/prep) that cannot be merged, and Fyne's rasteriser ignores it.
subset() { # in unicodes out
	"$PYTHON" -m fontTools.subset "$1" --unicodes="$2" --output-file="$3" \
		--layout-features='*' --glyph-names --notdef-outline --notdef-glyph \
		--name-IDs='*' --name-languages='*' --name-legacy --no-hinting \
		--drop-tables+=DSIG
}

for style in Regular Bold; do
	subset "$noto/NotoSans-$style.ttf" "$latin_etc" "$tmp/latin-$style.ttf"
	subset "$noto/NotoSansArmenian-$style.ttf" "$armenian" "$tmp/armn-$style.ttf"
	subset "$noto/NotoSansGeorgian-$style.ttf" "$georgian" "$tmp/geor-$style.ttf"
	# Noto Sans first: its name, OS/2, hhea and head tables win.
	"$PYTHON" -m fontTools.merge --output-file="$tmp/merged-$style.ttf" \
		"$tmp/latin-$style.ttf" "$tmp/armn-$style.ttf" "$tmp/geor-$style.ttf"
	"$PYTHON" - "$style" "$tmp/merged-$style.ttf" "$here/ClientTrackerSans-$style.ttf" <<'EOF'
# Renames the family and tidies the merged font's metadata.
import sys
from fontTools.ttLib import TTFont

style, src, dst = sys.argv[1:]
font = TTFont(src)
name = font["name"]
family, ps = "Client Tracker Sans", "ClientTrackerSans-" + style
versions = "Noto Sans 2.004, Noto Sans Armenian 2.005, Noto Sans Georgian 2.001"
# Noto is not a Reserved Font Name under the OFL, but a modified font should
# not pass itself off as the original: every user-facing name changes.
for rec in list(name.names):
	if rec.nameID in (1, 2, 3, 4, 5, 6, 10, 16, 17, 21, 22):
		name.removeNames(nameID=rec.nameID)
for nid, text in {
	0: "Copyright 2015-2019 Google LLC. All Rights Reserved.",
	1: family,
	2: style,
	3: "2.004;NONE;" + ps,
	4: family + " " + style,
	5: "Version 2.004; subset and merge of " + versions + ", unhinted",
	6: ps,
	10: "Modified Version, for the Client Tracker app, of " + versions
	    + " (SIL Open Font License 1.1): subset to Latin, Greek, Cyrillic,"
	    + " Armenian and Georgian, merged into one font, renamed.",
}.items():
	name.setName(text, nid, 3, 1, 0x409)
font["OS/2"].achVendID = "NONE"
font["OS/2"].recalcUnicodeRanges(font)
font["OS/2"].recalcAvgCharWidth(font)
# Glyph names only help debugging; dropping them saves ~15 KB per file.
font["post"].formatType = 3.0
font.save(dst)
EOF
done

"$PYTHON" - "$here/ClientTrackerSans-Regular.ttf" "$here/ClientTrackerSans-Bold.ttf" <<'EOF'
# Fails the build unless both fonts map every character of the sample names
# (the strings gui/theme_test.go checks from Go, plus ₴ and Mtavruli/Nuskhuri).
import sys
from fontTools.ttLib import TTFont

samples = ["Հովհաննես Սարգսյան", "ნინო ბერიძე", "Ștefan Ionescu",
           "Țurcanu Ăâî", "Ольга Петрова", "₾ ֏ € ₽ ₴", "ᲜᲘᲜᲝ ⴀ"]
bad = False
for path in sys.argv[1:]:
	font = TTFont(path)
	cmap = font.getBestCmap()
	missing = sorted({c for s in samples for c in s if ord(c) not in cmap})
	print(f"{path}: {font['name'].getDebugName(4)}, {len(font.getGlyphOrder())} glyphs, "
	      f"{len(cmap)} code points, missing: {' '.join(missing) or 'none'}")
	bad = bad or bool(missing)
sys.exit(1 if bad else 0)
EOF
ls -l "$here"/ClientTrackerSans-*.ttf
