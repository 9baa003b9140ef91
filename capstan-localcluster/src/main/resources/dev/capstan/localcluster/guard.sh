#!/bin/sh
# Runs one control-plane component as the leader of its own process group (the caller starts
# this script through setsid) and ends the whole group when standard input reaches end of file.
# The owning JVM holds the other end of that pipe, so the group ends when the owner exits,
# however it exits, even by SIGKILL.
exec 3<&0
"$@" 3<&- &
child=$!
(
  trap '' TERM
  while read -r _ <&3; do :; done
  kill -TERM 0
  i=0
  while kill -0 "$child" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -KILL 0
) &
watcher=$!
exec 3<&-
# On TERM, pass it on and keep waiting: the guard reaps the component itself, so the group is
# gone as soon as the component is (an unreaped component would linger as a zombie).
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
while :; do
  wait "$child"
  status=$?
  kill -0 "$child" 2>/dev/null || break
done
kill -KILL "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit "$status"
