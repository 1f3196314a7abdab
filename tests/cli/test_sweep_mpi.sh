# renkei sweep under mpirun: two ranks (rank 0 hands out chunks, both run them) give data
# identical to one process, and so do two ranks of two threads each.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

command -v mpirun >/dev/null || { note "skipped: no mpirun"; exit 77; }
"$RENKEI" sweep --help | grep -q "^MPI support: not built" && { note "skipped: renkei built without MPI"; exit 77; }
# Open MPI keeps some allocations to the end of the process, which LeakSanitizer reports;
# leaks in the simulator are checked by the same code's runs without MPI.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
# Containers often run as root and have fewer cores than ranks.
MPIRUN=(mpirun --oversubscribe --allow-run-as-root --mca btl self,vader)

run_push_study 1 >/dev/null
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml
expect_rc 0 "one process" sweep sweep.toml -o one.h5 -j 1 -q

for threads in 1 2; do
  set +e
  "${MPIRUN[@]}" -np 2 "$RENKEI" sweep sweep.toml -o mpi$threads.h5 -j $threads >mpi.out 2>mpi.err </dev/null
  rc=$?
  set -e
  [[ $rc -eq 0 ]] || fail "mpirun -np 2 (-j $threads) exited $rc: $(head -c 3000 mpi.err)"
  grep -qF "wrote mpi$threads.h5" mpi.out || fail "rank 0 should report the file: $(cat mpi.out)"
  [[ $(grep -c "wrote mpi$threads.h5" mpi.out) -eq 1 ]] || fail "only rank 0 should report: $(cat mpi.out)"
  same_datasets one.h5 mpi$threads.h5 || fail "2 ranks x $threads threads differ from one process in: $(differing_datasets one.h5 mpi$threads.h5)"
  h5dump -a /mpi_ranks mpi$threads.h5 | grep -qF '"2"' || fail "mpi_ranks attribute should be 2"
done

note "an error on the ranks is reported once, and every rank exits"
set +e
"${MPIRUN[@]}" -np 2 "$RENKEI" sweep sweep.toml -o one.h5 -q >mpi.out 2>mpi.err </dev/null
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "mpirun over an existing file exited $rc, expected 2: $(head -c 3000 mpi.err)"
[[ $(grep -c "already exists" mpi.err) -eq 1 ]] || fail "the refusal should be printed once: $(cat mpi.err)"
note "ok"
