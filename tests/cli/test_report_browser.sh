#!/usr/bin/env bash
# analysis/report.py: report.html renders in a real browser, in Japanese and in English.
# Headless Chromium takes 1280x2000 screenshots of the page: Japanese (shown first by
# default), English (address report.html#lang=en) and Japanese with the outcome chooser on
# applications (#outcome=applications, which fires the chooser's change event). Required:
# - each screenshot shows a page with figures: enough distinct colours, enough non-white
#   pixels and enough chromatic (figure) pixels;
# - no page writes to the console (an error in the page's script would); a copy of the page
#   with a broken script must be caught, so the check is known to work;
# - choosing another outcome changes the plot, and English differs from Japanese;
# - Japanese glyphs are drawn, not tofu boxes: the report's own Japanese headings, in its own
#   styles, must render differently from the same text with every kanji and kana replaced by
#   an unassigned code point (drawn as the font's missing-glyph box); where fontconfig sees
#   no CJK font the two renderings are identical, which is checked too, so this check fails
#   exactly when the glyphs are missing.
# - the decision page's costs per policy render in each language, bars and swatches in the
#   kinds' colours.
# REPORT_SHOTS_DIR=DIR keeps the screenshots. Checks in test_report.sh read the HTML as text.
# Skipped (exit 77) when /usr/bin/chromium is not installed; no browser is ever downloaded.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

CHROMIUM=/usr/bin/chromium
if [[ ! -x $CHROMIUM ]]; then
  echo "SKIPPED: chromium not installed"
  exit 77
fi
PY=/usr/bin/python3
if ! "$PY" -c "import xarray, h5netcdf, h5py, matplotlib, scipy, numpy" 2>/dev/null; then
  note "SKIPPED: $PY cannot import xarray, h5netcdf, h5py, matplotlib, scipy and numpy"
  exit 77
fi

run_push_study 3

set +e
"$PY" "$SRC/analysis/report.py" study.h5 -o rep >"$WORK/out" 2>"$WORK/err" </dev/null
RC=$?
set -e
[[ $RC -eq 0 ]] || fail "report.py exited $RC$(show_output)"
[[ -s rep/report.html ]] || fail "rep/report.html missing or empty$(show_output)"

# A fresh profile and home inside $WORK: nothing is read from or left in the user's
# directories. As root Chromium refuses to start without --no-sandbox. The networking,
# component-update and sync switches stop it from contacting outside hosts, and the resolver
# rule makes every host name unknown (without it Chromium still looks up google.com); the
# page itself is self-contained. --disable-dev-shm-usage keeps shared memory in $TMPDIR:
# containers often have a 64 MB /dev/shm, and Debian's launcher adds the switch only when it
# can measure that (its test fails when two mounts are stacked on /dev/shm). `timeout`
# signals its whole process group, so Chromium's helper processes go too if it hangs.
# --enable-logging=stderr puts the page's console messages in the log as CONSOLE lines.
mkdir -p chrome-home
WIDTH=1280 HEIGHT=2000
# shoot URL OUT.png [HEIGHT] — a screenshot in a fresh profile; Chromium's log in OUT.log.
shoot() {
  local url=$1 out=$2 height=${3:-$HEIGHT} profile
  profile=$(mktemp -d "$WORK/chrome-profile.XXXXXX")
  set +e
  HOME=$WORK/chrome-home XDG_CONFIG_HOME=$WORK/chrome-home/.config \
    XDG_CACHE_HOME=$WORK/chrome-home/.cache \
    timeout -k 5 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --disable-dev-shm-usage --host-resolver-rules="MAP * ~NOTFOUND" \
      --user-data-dir="$profile" --hide-scrollbars --enable-logging=stderr --v=0 \
      --window-size="$WIDTH,$height" --screenshot="$WORK/$out" \
      "$url" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  set -e
  cp "$WORK/err" "$WORK/${out%.png}.log"
  [[ $RC -ne 124 && $RC -ne 137 ]] || fail "chromium did not finish within 90 s on $url$(show_output)"
  [[ $RC -eq 0 ]] || fail "chromium exited $RC on $url$(show_output)"
  [[ -s $out ]] || fail "chromium wrote no screenshot of $url$(show_output)"
}

PAGE="file://$WORK/rep/report.html"
shoot "$PAGE" ja.png
shoot "$PAGE#lang=en" en.png
shoot "$PAGE#outcome=applications" ja_applications.png

for log in ja.log en.log ja_applications.log; do
  if grep -q ":CONSOLE" "$log"; then
    fail "report.html wrote to the browser console ($log): $(grep ":CONSOLE" "$log" | head -5)"
  fi
done
sed 's|<script>|<script>undefined_function_of_the_test();|' rep/report.html >broken.html
shoot "file://$WORK/broken.html" broken.png 400
grep -q ":CONSOLE.*undefined_function_of_the_test" broken.log ||
  fail "a script error in the page did not reach Chromium's log: the console check cannot fail"

# Tofu: the report's Japanese headings in the report's styles, and the same text with every
# kanji and kana replaced by U+0378 (unassigned).
"$PY" - rep/report.html <<'EOF' || fail "could not write the glyph probe pages"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
ja = page[page.index('<div class="page" id="page-ja"'):]
text = " ".join(re.findall(r"<h2>(.*?)</h2>", ja)[:3])
cjk = lambda c: "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"  # noqa: E731
if sum(map(cjk, text)) < 10:
    sys.exit(f"the Japanese page's headings hold no Japanese text: {text!r}")
tofu = "".join("\u0378" if cjk(c) else c for c in text)
for name, t in (("probe_real", text), ("probe_tofu", tofu)):
    with open(name + ".html", "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><style>{style}'
                f' h1 {{ font-size: 40px; }}</style></head><body><h1>{t}</h1></body></html>')
EOF
shoot "file://$WORK/probe_real.html" probe_real.png 300
shoot "file://$WORK/probe_tofu.html" probe_tofu.png 300
if cmp -s probe_real.png probe_tofu.png; then
  fail "the Japanese headings render exactly like missing-glyph boxes: Chromium found no CJK font (install fonts-ipafont-gothic, scripts/setup.sh)"
fi
if [[ -d /usr/share/fonts/truetype/dejavu ]]; then
  mkdir -p fc-dejavu
  printf '%s\n' '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">' \
    "<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>$WORK/fc-dejavu/cache</cachedir></fontconfig>" \
    >fc-dejavu/fonts.conf
  FONTCONFIG_FILE=$WORK/fc-dejavu/fonts.conf shoot "file://$WORK/probe_real.html" nocjk_real.png 300
  FONTCONFIG_FILE=$WORK/fc-dejavu/fonts.conf shoot "file://$WORK/probe_tofu.html" nocjk_tofu.png 300
  cmp -s nocjk_real.png nocjk_tofu.png ||
    fail "without a CJK font the probe pages still differ: the tofu check cannot tell glyphs from boxes"
fi
# The decision page's costs per policy, in each language, in the report's own styles: the
# stacked bars and the kinds' swatches are drawn in the kinds' colours (the push study spends
# per contact: its bar is long; the other kinds show at least their header swatch).
"$PY" - rep/report.html "$SRC/analysis" <<'EOF' || fail "could not write the cost probe pages"
import re, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[2])
import labels
page = open(sys.argv[1], encoding="utf-8").read()
style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
for lang in ("ja", "en"):
    part = page[page.index(f'<div class="page" id="page-{lang}"'):]
    head = f"<h3>{labels.Text(lang)('h_costs')}</h3>"
    if head not in part:
        sys.exit(f"{lang}: no cost part on the decision page")
    part = part[part.index(head):]
    part = part[:part.index("<h3>", 4)]
    with open(f"costs_{lang}.html", "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{style}'
                f'</style></head><body>{part}</body></html>')
EOF
shoot "file://$WORK/costs_ja.html" costs_ja.png 500
shoot "file://$WORK/costs_en.html" costs_en.png 500
"$PY" - "$SRC/analysis" costs_ja.png costs_en.png <<'EOF' || fail "cost part check failed (see above)"
import sys
import matplotlib.image as mpimg
import numpy as np
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import decision
bad = []
shots = [np.rint(mpimg.imread(p, format="png")[..., :3] * 255).astype(int) for p in sys.argv[2:]]
for path, rgb in zip(sys.argv[2:], shots):
    counts = {}
    for kind, colour in decision.KIND_COLORS.items():
        want = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        counts[kind] = int(np.sum(np.all(rgb == want, axis=2)))
    print(f"report_browser: {path}: pixels in the kinds' colours {counts}")
    # A swatch is about 10x10 px; the per-contact bar of the push scenario about 100x10 px.
    if min(counts.values()) < 40:
        bad.append(f"{path}: a kind's swatch is missing ({counts})")
    if counts["per_contact"] < 500:
        bad.append(f"{path}: no per-contact bar ({counts['per_contact']} px)")
if np.array_equal(*shots):
    bad.append("the Japanese and English cost parts render identically")
for b in bad:
    print(f"report_browser: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
if [[ -n ${REPORT_SHOTS_DIR:-} ]]; then
  mkdir -p "$REPORT_SHOTS_DIR"
  cp ja.png en.png ja_applications.png probe_real.png probe_tofu.png nocjk_real.png costs_ja.png costs_en.png "$REPORT_SHOTS_DIR/" 2>/dev/null || true
fi

# Thresholds. Measured on this report in the top 2000 px: thousands of distinct colours,
# about a tenth non-white and a few per cent chromatic pixels; the same page with its images
# broken gives about 500 colours and 0.02 % chromatic; a blank page gives one colour.
# - distinct colours > 256: text alone gives a few hundred anti-aliasing greys, the figures
#   thousands of shades;
# - non-white share > 2 %: the title, text and first figure cover about a tenth of the window;
# - chromatic share > 0.5 % (channels differing by more than 20 of 255): the page's text,
#   rules and tables are grey (the pale green of significant rows differs by 8, the blue of
#   the pressed language button covers about 0.05 %), so colour comes from the figures.
# - outcome switch and language: the small multiples are about 900x400 px of 1280x2000, so
#   swapping them changes several per cent of the pixels; a chooser that does nothing, none.
"$PY" - "$WIDTH" "$HEIGHT" ja.png en.png ja_applications.png <<'EOF' || fail "screenshot check failed (see above)"
import sys
import numpy as np

want_w, want_h = int(sys.argv[1]), int(sys.argv[2])


def load(path):
    with open(path, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            sys.exit(f"report_browser: {path} is not a PNG file")
    try:
        from PIL import Image
        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"), dtype=np.int32)
    except ImportError:
        import matplotlib.image as mpimg
        return np.rint(mpimg.imread(path, format="png")[..., :3] * 255).astype(np.int32)


bad = []
shots = {}
for path in sys.argv[3:]:
    rgb = shots[path] = load(path)
    h, w = rgb.shape[:2]
    if (w, h) != (want_w, want_h):
        bad.append(f"{path}: screenshot is {w}x{h} px, expected {want_w}x{want_h}")
    flat = rgb.reshape(-1, 3)
    colours = len(np.unique(flat[:, 0] << 16 | flat[:, 1] << 8 | flat[:, 2]))
    non_white = float(np.mean(np.any(flat < 250, axis=1)))
    chromatic = float(np.mean(flat.max(axis=1) - flat.min(axis=1) > 20))
    print(f"report_browser: {path} {w}x{h}, {colours} colours, {non_white:.2%} non-white, "
          f"{chromatic:.2%} chromatic")
    if colours <= 256:
        bad.append(f"{path}: only {colours} distinct colours (more than 256 expected): page blank or failed")
    if non_white <= 0.02:
        bad.append(f"{path}: only {non_white:.2%} of pixels not white (more than 2 % expected): page nearly blank")
    if chromatic <= 0.005:
        bad.append(f"{path}: only {chromatic:.2%} of pixels coloured (more than 0.5 % expected): figures not shown")


def changed(a, b):
    """Share of pixels that differ between two screenshots."""
    if shots[a].shape != shots[b].shape:
        return 1.0
    return float(np.mean(np.any(shots[a] != shots[b], axis=2)))


switch = changed("ja.png", "ja_applications.png")
lang = changed("ja.png", "en.png")
print(f"report_browser: the outcome switch changes {switch:.2%} of the pixels, the language {lang:.2%}")
if switch < 0.01:
    bad.append(f"choosing applications changed only {switch:.2%} of the pixels: the plot did not change")
if lang < 0.01:
    bad.append(f"#lang=en changed only {lang:.2%} of the pixels: the language switch did not work")
for b in bad:
    print(f"report_browser: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

note "ok"
