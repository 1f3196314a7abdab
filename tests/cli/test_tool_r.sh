# R's ncdf4 (Debian r-cran-ncdf4) opens the output: text attributes as character, the time
# axis with its units, a weekly series (column-major, so (time, scenario)) and the scenario
# names; the snippet of analysis/README.md runs.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"
command -v Rscript >/dev/null || { note "SKIPPED: Rscript not found (Debian package r-base-core)"; exit 77; }
Rscript -e 'library(ncdf4)' >/dev/null 2>&1 || { note "SKIPPED: R package ncdf4 missing (Debian package r-cran-ncdf4)"; exit 77; }

run_push_study 3

cat >check.R <<'RSCRIPT'
library(ncdf4)
nc <- nc_open("study.h5")
stopifnot(ncatt_get(nc, "time", "units")$value == "days since 2005-04-01")
stopifnot(ncatt_get(nc, 0, "Conventions")$value == "CF-1.8")
t <- ncvar_get(nc, "time")
d <- as.Date(t, origin = "2005-04-01")
stopifnot(length(d) == 53, format(d[53]) == "2006-03-31")
scen <- ncvar_get(nc, "scenario")
stopifnot(identical(as.vector(scen), c("base", "push")))
cert <- ncvar_get(nc, "certifications_mean")
stopifnot(identical(dim(cert), c(53L, 2L)))
aware <- ncvar_get(nc, "final_aware_share_end")   # [replicate, scenario]
ok <- ncvar_get(nc, "run_ok") == 1
dd <- ifelse(ok & ok[, scen == "base"], aware - aware[, scen == "base"], NA)
effect <- colMeans(dd, na.rm = TRUE)
stopifnot(effect[1] == 0, effect[2] > 0.1)
cat(sprintf("ncdf4 ok: %s, push effect on aware_share_end %.4f\n", format(d[1]), effect[2]))
nc_close(nc)
RSCRIPT
Rscript check.R >r.txt 2>&1 || fail "R ncdf4 check failed: $(cat r.txt)"
grep -q "ncdf4 ok: 2005-04-01" r.txt || fail "unexpected R output: $(cat r.txt)"
note "ok"
