#!/bin/bash
# start the memory benchmark, snapshot /proc/PID/smaps and thread list at each logged sample
cd "$(git rev-parse --show-toplevel)"
B=benchmarks/Byol.Benchmarks/bin/Release/net10.0/linux-x64/Byol.Benchmarks
OUT=${OUT:-/tmp/smaps-run}
mkdir -p $OUT
$B memory --encoder small-resnet --batch 32 --steps ${STEPS:-2000} --every ${EVERY:-100} --json > $OUT/result.json 2> $OUT/stderr.log &
PID=$!
echo $PID > $OUT/pid
n=0
tail -n +1 -F $OUT/stderr.log 2>/dev/null | while read -r line; do
  case "$line" in
    step*) s=$(echo "$line" | awk '{print $2}' | tr -d :); cp /proc/$PID/smaps $OUT/smaps-$s 2>/dev/null;
           for t in /proc/$PID/task/*; do echo "$(basename $t) $(cat $t/comm)"; done > $OUT/threads-$s 2>/dev/null;;
  esac
  kill -0 $PID 2>/dev/null || break
done &
wait $PID
