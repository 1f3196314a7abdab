"""A Japanese font for the report's figures, or a clear error instead of tofu boxes.

Matplotlib's bundled DejaVu Sans has no kanji or kana: without a CJK font every Japanese
label is drawn as empty boxes and matplotlib only warns. The report therefore looks for a
font that really holds the glyphs it needs (Debian's fonts-ipafont-gothic or fonts-noto-cjk,
installed by scripts/setup.sh), registers it with matplotlib as a fallback behind DejaVu Sans
(Latin text keeps its usual look) and refuses to draw Japanese figures without one.
"""
import os
import subprocess

# Characters every Japanese figure uses; a font lacking any of them would show boxes.
PROBE = "新連携認定相談施策基準シナリオ件数累計百万円の"

# Debian's paths, tried after fontconfig (whose cache may not know a font installed since).
KNOWN_PATHS = [
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]

INSTALL_HINT = ("install a Japanese font: apt-get install fonts-ipafont-gothic (listed in "
                "scripts/setup.sh), or pass --cjk-font FILE.ttf")


class FontError(Exception):
    pass


def missing_glyphs(path, text=PROBE):
    """The characters of `text` that the font file at `path` has no glyph for."""
    from matplotlib import ft2font
    font = ft2font.FT2Font(path)
    return [c for c in dict.fromkeys(text) if font.get_char_index(ord(c)) == 0]


def _fontconfig_candidates():
    try:
        out = subprocess.run(["fc-match", "-s", "-f", "%{file}\n", ":lang=ja"],
                             capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line for line in out.splitlines()[:10] if line]


def find(explicit=None):
    """Path of a font with every PROBE glyph; FontError saying how to get one otherwise."""
    if explicit is not None:
        if not os.path.isfile(explicit):
            raise FontError(f"--cjk-font {explicit}: no such file; {INSTALL_HINT}")
        try:
            lacking = missing_glyphs(explicit)
        except (RuntimeError, OSError) as e:
            raise FontError(f"--cjk-font {explicit}: not a font file ({e})") from None
        if lacking:
            raise FontError(f"--cjk-font {explicit}: the font has no glyph for "
                            f"{''.join(lacking)}; {INSTALL_HINT}")
        return explicit
    for path in _fontconfig_candidates() + KNOWN_PATHS:
        if path.lower().endswith((".ttf", ".otf", ".ttc")) and os.path.isfile(path):
            try:
                if not missing_glyphs(path):
                    return path
            except (RuntimeError, OSError):
                continue
    raise FontError(f"no font with Japanese glyphs found; {INSTALL_HINT}")


def use_in_matplotlib(path):
    """Register the font and put it behind DejaVu Sans: glyphs DejaVu lacks come from it."""
    import matplotlib
    from matplotlib import font_manager
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    # A list of families (not the generic "sans-serif") is what makes matplotlib fall back
    # glyph by glyph.
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", name]
    return name
