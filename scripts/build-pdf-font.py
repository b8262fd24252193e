#!/usr/bin/env python3
"""Builds the PDF font (src/exports/fonts/DomsSans-{Regular,Bold}.ttf) from Noto Sans and Noto Sans Devanagari.

jsPDF draws each character with the one glyph the font's cmap maps it to (no shaping), so one TrueType font
per weight that covers Latin, Latin-1, General Punctuation, the rupee sign and the Devanagari block is all it
needs. This script subsets the two Noto fonts to those ranges (layout tables and hinting dropped: jsPDF uses
neither), merges them into one font per weight, renames it "DOMS Sans" (a modified Noto, OFL 1.1) and writes
the OFL licence beside it. The output is deterministic for the same inputs and fontTools version.

Inputs, on Debian:   apt-get install fonts-noto-core python3-fonttools
Run from the repo:   /usr/bin/python3 scripts/build-pdf-font.py [--src /usr/share/fonts/truetype/noto]
See docs/pdf-font.md.
"""
import argparse
import io
import os
import re
import sys

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'exports', 'fonts')
FAMILY = 'DOMS Sans'
PS_FAMILY = 'DomsSans'
# Latin from Noto Sans: Basic Latin, Latin-1 Supplement, General Punctuation, the rupee sign.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2000, 0x2070), 0x20B9]
# From Noto Sans Devanagari: the Devanagari block (U+0900–U+097F) and the dotted circle.
DEVANAGARI = [*range(0x900, 0x980), 0x25CC]
WEIGHTS = {'Regular': 400, 'Bold': 700}


def subset_font(path, unicodes):
    """The font at `path` cut down to `unicodes`: no layout tables, no hinting, glyph names kept for the merge."""
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'DSIG', 'meta']
    options.hinting = False
    options.glyph_names = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.name_IDs = ['*']
    options.name_languages = [0x409]
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    buf.seek(0)
    return buf


def rename(font, style, weight):
    """Gives the merged font its own names (it is a modified Noto) and keeps the copyright and licence."""
    full = f'{FAMILY} {style}' if style != 'Regular' else FAMILY
    ps = f'{PS_FAMILY}-{style}'
    names = font['name']
    version = names.getDebugName(5) or ''
    keep = {0, 7, 8, 9, 10, 11, 12, 13, 14}
    names.names = [n for n in names.names if n.nameID in keep and n.platformID == 3]
    for name_id, value in {
        1: FAMILY,
        2: style,
        3: f'{ps};built from Noto Sans and Noto Sans Devanagari',
        4: full,
        5: re.sub(r';.*$', '', version) + '; subset for D-OMS PDFs',
        6: ps,
    }.items():
        names.setName(value, name_id, 3, 1, 0x409)
    names.setName(
        'Copyright 2015-2020 Google LLC (Noto Sans, Noto Sans Devanagari). Subset and merged for D-OMS.', 0, 3, 1, 0x409
    )
    font['OS/2'].usWeightClass = weight
    font['OS/2'].fsSelection = (font['OS/2'].fsSelection & ~0b1100001) | (0b100000 if style == 'Bold' else 0b1000000)
    font['head'].macStyle = 1 if style == 'Bold' else 0
    font['post'].formatType = 3.0  # no glyph names in the output (smaller; jsPDF does not read them)


def licence_text(copyright_file):
    """The OFL 1.1 text from Debian's copyright file of fonts-noto-core, with the fonts' copyright above it."""
    with open(copyright_file, encoding='utf-8') as f:
        text = f.read()
    match = re.search(r'^License: OFL-1\.1\n((?: .*\n?)+)', text, re.M)
    if match is None:
        sys.exit(f'No "License: OFL-1.1" paragraph in {copyright_file}')
    body = '\n'.join('' if line.strip() == '.' else line[1:] for line in match.group(1).rstrip('\n').split('\n'))
    head = (
        'DOMS Sans (src/exports/fonts/DomsSans-*.ttf) is a subset and merge of Noto Sans and Noto Sans Devanagari,\n'
        'made by scripts/build-pdf-font.py (see docs/pdf-font.md). It is licensed, like them, under the\n'
        'SIL Open Font License, Version 1.1, below.\n\n'
        'Copyright 2015-2020 Google LLC. Noto is a trademark of Google LLC.\n\n'
    )
    return head + body + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--src', default='/usr/share/fonts/truetype/noto', help='folder with NotoSans-*.ttf and NotoSansDevanagari-*.ttf')
    parser.add_argument('--copyright', default='/usr/share/doc/fonts-noto-core/copyright', help="Debian's copyright file (OFL text)")
    parser.add_argument('--out', default=OUT_DIR)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for style, weight in WEIGHTS.items():
        latin = subset_font(os.path.join(args.src, f'NotoSans-{style}.ttf'), LATIN)
        deva = subset_font(os.path.join(args.src, f'NotoSansDevanagari-{style}.ttf'), DEVANAGARI)
        merged = Merger().merge([latin, deva])
        source_head = TTFont(os.path.join(args.src, f'NotoSans-{style}.ttf'))['head']
        merged['head'].created = source_head.created
        merged['head'].modified = source_head.modified
        rename(merged, style, weight)
        cmap = merged.getBestCmap()
        missing = [hex(c) for c in LATIN + DEVANAGARI if c not in cmap and not (0x2000 <= c < 0x2070) and c not in (0x97F,)]
        if missing:
            sys.exit(f'{style}: no glyph for {missing}')
        out = os.path.join(args.out, f'{PS_FAMILY}-{style}.ttf')
        merged.save(out, reorderTables=True)
        # Saving recalculates head.modified unless told not to; write again with the timestamp kept.
        again = TTFont(out, recalcTimestamp=False)
        again['head'].modified = source_head.modified
        again.save(out)
        print(f'{out}: {os.path.getsize(out)} bytes, {len(cmap)} characters, {len(again.getGlyphOrder())} glyphs')
    with open(os.path.join(args.out, 'OFL.txt'), 'w', encoding='utf-8') as f:
        f.write(licence_text(args.copyright))


if __name__ == '__main__':
    main()
