#!/usr/bin/env bash
# analysis/report.py: report.html renders in a real browser. A two-scenario study is
# reported, headless Chromium takes a 1280x2000 screenshot of report.html, and the PNG must
# show a page with figures: enough distinct colours, enough non-white pixels and enough
# chromatic (figure) pixels. Checks in test_report.sh read the HTML as text; this one
# catches a report whose markup, styles or embedded images do not display.
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
mkdir -p chrome-home chrome-profile
WIDTH=1280 HEIGHT=2000
set +e
HOME=$WORK/chrome-home XDG_CONFIG_HOME=$WORK/chrome-home/.config \
  XDG_CACHE_HOME=$WORK/chrome-home/.cache \
  timeout -k 5 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$WORK/chrome-profile" --hide-scrollbars \
    --window-size="$WIDTH,$HEIGHT" --screenshot="$WORK/shot.png" \
    "file://$WORK/rep/report.html" >"$WORK/out" 2>"$WORK/err" </dev/null
RC=$?
set -e
[[ $RC -ne 124 && $RC -ne 137 ]] || fail "chromium did not finish within 60 s$(show_output)"
[[ $RC -eq 0 ]] || fail "chromium exited $RC$(show_output)"
[[ -s shot.png ]] || fail "chromium wrote no screenshot$(show_output)"

# Thresholds. Measured on this report in the top 2000 px: about 6000 distinct colours, 11 %
# non-white and 3.3 % chromatic pixels; the same page with its images broken gives about 500
# colours, 15 % non-white (the tables move up) and 0.02 % chromatic; a blank page gives one
# colour and nothing else. Each threshold lies several times away from both sides:
# - distinct colours > 256: a blank or failed page has one or a handful; text alone gives a
#   few hundred anti-aliasing greys, the figures thousands of shades;
# - non-white share > 2 %: the title, text and first figure cover about a tenth of the window;
# - chromatic share > 0.5 % (pixels whose channels differ by more than 20 of 255): the page's
#   own text, rules and tables are grey (#222, #555, #ccc, #f0f0f0; the pale green #eef6ee
#   of significant rows differs by 8) and Chromium smooths
#   headless text in grey, so colour comes only from the embedded figures (lines, bands);
#   this is the check that fails when the images do not decode or display.
"$PY" - shot.png "$WIDTH" "$HEIGHT" <<'EOF' || fail "screenshot check failed (see above)$(show_output)"
import sys
import numpy as np

path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "rb") as f:
    if f.read(8) != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"report_browser: {path} is not a PNG file")
try:
    from PIL import Image
    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB"), dtype=np.int32)
except ImportError:
    import matplotlib.image as mpimg
    rgb = np.rint(mpimg.imread(path, format="png")[..., :3] * 255).astype(np.int32)

h, w = rgb.shape[:2]
bad = []
if w != want_w:
    bad.append(f"screenshot is {w} px wide, expected {want_w}")
if h != want_h:
    bad.append(f"screenshot is {h} px high, expected {want_h}")
flat = rgb.reshape(-1, 3)
colours = len(np.unique(flat[:, 0] << 16 | flat[:, 1] << 8 | flat[:, 2]))
non_white = float(np.mean(np.any(flat < 250, axis=1)))
chromatic = float(np.mean(flat.max(axis=1) - flat.min(axis=1) > 20))
print(f"report_browser: {w}x{h}, {colours} colours, {non_white:.2%} non-white, "
      f"{chromatic:.2%} chromatic")
if colours <= 256:
    bad.append(f"only {colours} distinct colours (more than 256 expected): page blank or failed")
if non_white <= 0.02:
    bad.append(f"only {non_white:.2%} of pixels not white (more than 2 % expected): page nearly blank")
if chromatic <= 0.005:
    bad.append(f"only {chromatic:.2%} of pixels coloured (more than 0.5 % expected): figures not shown")
for b in bad:
    print(f"report_browser: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

note "ok"
