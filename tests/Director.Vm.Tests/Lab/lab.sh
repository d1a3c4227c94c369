# Shell helpers for scripts run inside the test VM (sourced: `. "$LAB"`). The VM is shared by the
# tests of a run, so everything a script starts is registered here and removed on exit.
set -uo pipefail

LAB_NAMESPACES=()
LAB_PIDS=()
LAB_DIRS=()

lab_cleanup() {
  local pid ns
  for pid in "${LAB_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for ns in "${LAB_NAMESPACES[@]}"; do ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null; ip netns del "$ns" 2>/dev/null; done
  rm -rf "${LAB_DIRS[@]}"
}
trap lab_cleanup EXIT

lab_netns() { # NAME: a fresh namespace with lo up
  ip netns del "$1" 2>/dev/null; ip netns add "$1" && ip -n "$1" link set lo up && LAB_NAMESPACES+=("$1")
}

lab_dir() { # a scratch folder removed on exit
  local d; d=$(mktemp -d /tmp/vmlab.XXXXXX); LAB_DIRS+=("$d"); echo "$d"
}

lab_until() { # SECONDS COMMAND...: true as soon as COMMAND succeeds, false after SECONDS (polls every 0.2 s)
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do ((SECONDS < end)) || return 1; sleep 0.2; done
}

lab_director() { # NS CONF DIR [ARGS...]: the published daemon in NS, log in DIR/director.log, pid in DIR/director.pid
  local ns=$1 conf=$2 dir=$3; shift 3
  ip netns exec "$ns" env STATE_DIRECTORY="$dir" DIRECTOR_DUMP_DIR="$dir" \
    "$DIRECTOR" run -n -l -f "$conf" -p "$dir/director.pid" "$@" > "$dir/director.log" 2>&1 &
  LAB_PIDS+=($!); echo $! > "$dir/director.process"
}

lab_stop() { # PIDFILE-or-PID [SECONDS]: SIGTERM, wait for the exit
  local pid=$1; [ -f "$pid" ] && pid=$(cat "$pid")
  kill -TERM "$pid" 2>/dev/null
  lab_until "${2:-120}" bash -c "! kill -0 $pid"
}

lab_keepalived() { # NS CONF DIR: keepalived's checker side (the reference), pids in DIR
  ip netns exec "$1" keepalived --check -n -l -D -f "$2" -p "$3/keepalived.pid" -c "$3/checkers.pid" \
    > "$3/keepalived.log" 2>&1 &
  LAB_PIDS+=($!)
}

lab_table() { # NS: the IPVS table as ipvsadm saves it, sorted (the order IPVS lists is a hash order)
  ip netns exec "$1" ipvsadm -Sn | sort
}

lab_conns() { # NS SERVICE DEST: IPVS's connection counter of one destination (-Ln --stats)
  ip netns exec "$1" ipvsadm -Ln --stats -t "$2" | awk -v d="$3" '$2 == d {print $3}'
}
