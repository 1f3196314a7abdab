#!/usr/bin/env bash
# Installs the Debian packages renkei needs, and only those that are missing.
# Idempotent; never removes anything (no autoremove: this image auto-marks packages it needs).
# Works as root on a fresh Debian 12; as another user it uses sudo when available.
set -euo pipefail

packages=(
  build-essential cmake git pkg-config ccache
  clang libclang-rt-14-dev            # libFuzzer target and TSan/ASan with clang
  clang-format                        # the style check (ctest style:format, scripts/format.sh)
  clang-tidy                          # static analysis (ctest style:tidy, scripts/tidy.sh)
  libboost-dev libboost-program-options-dev libboost-math-dev
  libtbb-dev
  libhdf5-dev hdf5-tools netcdf-bin
  cdo nco r-cran-ncdf4                # tests that other tools read the output (cdo sinfon, ncks, R ncdf4)
  libopenmpi-dev openmpi-bin          # renkei sweep under mpirun/srun (serial HDF5: never libhdf5-openmpi-dev)
  slurm-wlm munge                     # scripts/slurm-local.sh: a single-node Slurm for cli:test_slurm_real
  catch2 libtomlplusplus-dev librandom123-dev
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf python3-netcdf4
  python3-pandas python3-scipy python3-matplotlib
  python3-openpyxl                    # comparison.xlsx of analysis/report.py (skipped with a note without it)
  chromium                            # headless rendering test of the HTML report
  fonts-ipafont-gothic                # Japanese glyphs in the report (matplotlib figures, Chromium)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present" >&2
  exit 0
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "setup: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
