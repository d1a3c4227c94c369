# Sourced by the traffic tests inside the VM (bash, as root). Network namespaces tr-*:
#
#   client 10.0.2.2 ---+  pub switch            lan switch  +--- rs1..rs3 10.0.1.1-3
#                      |                                    |    (HTTP :80 answering "rsN")
#   director 10.0.2.1 -+- VIPs 10.0.0.1-4 on pub            +--- director 10.0.1.254
#   router  10.0.2.253 +                                    +--- router  10.0.1.253
#
# VIPs 10.0.0.1 and .4 are meant for NAT (real servers answer through the director, their default
# route), 10.0.0.2 for DR (VIP on lo, arp_ignore=1 / arp_announce=2) and 10.0.0.3 for TUN (VIP
# on tunl0, the ipip module's fallback device, rp_filter off). DR and TUN replies, whose source
# is the VIP, leave the real servers through the router (policy routing), as in the LVS howtos.
# Everything made here goes at exit: processes, namespaces, the scratch folder.
# DIRECTOR (the published daemon's path) must be set by the caller.

CLIENT="$(dirname "${BASH_SOURCE[0]}")/http-client.py"

set -uo pipefail
LAB=$(mktemp -d /tmp/tr-lab.XXXXXX)
PIDS=()
DAEMON_PID=
NAMESPACES=(tr-s tr-c tr-d tr-r tr-rs1 tr-rs2 tr-rs3)
declare -A SERVER_PID

lab_cleanup() {
  set +e
  if [ -n "$DAEMON_PID" ]; then daemon_stop; fi
  for p in "${PIDS[@]}" "${SERVER_PID[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}" "${SERVER_PID[@]}"; do wait "$p" 2>/dev/null; done
  for n in "${NAMESPACES[@]}"; do ip netns del "$n" 2>/dev/null; done
  rm -rf "$LAB"
}
trap lab_cleanup EXIT
trap 'exit 143' TERM INT

say() { echo "$*"; }
fail() { echo "LAB-FAILURE: $*"; [ -f "$LAB/daemon.log" ] && tail -40 "$LAB/daemon.log"; exit 1; }

# leg NS DEV PORT BRIDGE ADDRESS
leg() {
  ip -n tr-s link add "$3" type veth peer name "$2" netns "$1"
  ip -n tr-s link set "$3" master "$4" up
  ip -n "$1" addr add "$5" dev "$2"
  ip -n "$1" link set "$2" up
}

lab_up() {
  modprobe ip_vs && modprobe ipip && modprobe nf_conntrack || fail "modules"
  for n in "${NAMESPACES[@]}"; do
    ip netns add "$n" && ip -n "$n" link set lo up || fail "netns $n"
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n tr-s link add pubbr type bridge && ip -n tr-s link set pubbr up
  ip -n tr-s link add lanbr type bridge && ip -n tr-s link set lanbr up
  leg tr-c eth0 pc pubbr 10.0.2.2/24
  leg tr-d pub pd pubbr 10.0.2.1/24
  leg tr-r pub pr pubbr 10.0.2.253/24
  leg tr-d lan ld lanbr 10.0.1.254/24
  leg tr-r lan lr lanbr 10.0.1.253/24
  ip -n tr-c route add 10.0.0.0/24 via 10.0.2.1
  ip -n tr-c route add 10.0.1.0/24 via 10.0.2.253
  for v in 1 2 3 4; do ip -n tr-d addr add "10.0.0.$v/32" dev pub; done
  ip netns exec tr-d sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 \
    net.ipv4.conf.lan.send_redirects=0 net.ipv4.conf.pub.send_redirects=0
  ip netns exec tr-r sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 \
    net.ipv4.conf.lan.rp_filter=0 net.ipv4.conf.pub.rp_filter=0
  for i in 1 2 3; do
    local rs=tr-rs$i
    leg "$rs" eth0 "l$i" lanbr "10.0.1.$i/24"
    ip -n "$rs" route add default via 10.0.1.254
    ip -n "$rs" rule add from 10.0.0.2 lookup 100
    ip -n "$rs" rule add from 10.0.0.3 lookup 100
    ip -n "$rs" route add default via 10.0.1.253 table 100
    ip -n "$rs" addr add 10.0.0.2/32 dev lo
    ip -n "$rs" link show tunl0 >/dev/null 2>&1 || fail "no tunl0 in $rs"
    ip -n "$rs" addr add 10.0.0.3/32 dev tunl0
    ip -n "$rs" link set tunl0 up
    ip netns exec "$rs" sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
      net.ipv4.conf.eth0.arp_ignore=1 net.ipv4.conf.eth0.arp_announce=2 \
      net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0 net.ipv4.conf.tunl0.rp_filter=0 \
      net.ipv4.conf.default.rp_filter=0
    mkdir -p "$LAB/rs$i" && echo "rs$i" > "$LAB/rs$i/index.html"
    server_start "$i"
  done
  for i in 1 2 3; do server_wait "$i"; done
}

server_start() {
  ip netns exec "tr-rs$1" python3 -m http.server 80 --bind 0.0.0.0 --directory "$LAB/rs$1" >/dev/null 2>&1 &
  SERVER_PID[$1]=$!
}

server_wait() {
  local t
  for t in $(seq 150); do
    [ "$(ip netns exec tr-d curl -s -m 2 "http://10.0.1.$1/")" = "rs$1" ] && return 0
    sleep 0.2
  done
  fail "rs$1 does not answer"
}

server_stop() {
  kill "${SERVER_PID[$1]}" && wait "${SERVER_PID[$1]}" 2>/dev/null
  unset "SERVER_PID[$1]"
}

# daemon_start CONFIG-TEXT: `director run` in tr-d, checkers / load balancing only, IPVS chosen
# by itself; history off (nothing here needs it, and its SQLite start is slow under emulation)
daemon_start() {
  printf '%s\n' "$1" > "$LAB/keepalived.conf"
  printf 'director.history.enabled = off\n' > "$LAB/director.hocon"
  mkdir -p "$LAB/state"
  ip netns exec tr-d env STATE_DIRECTORY="$LAB/state" DIRECTOR_DUMP_DIR="$LAB/state" \
    "$DIRECTOR" run -n -l -C -f "$LAB/keepalived.conf" --settings "$LAB/director.hocon" \
    -p "$LAB/director.pid" > "$LAB/daemon.log" 2>&1 &
  DAEMON_PID=$!
}

daemon_stop() {
  kill -TERM "$DAEMON_PID" 2>/dev/null
  local t
  for t in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$DAEMON_PID" 2>/dev/null
  wait "$DAEMON_PID" 2>/dev/null
  DAEMON_PID=
}

table() { ip netns exec tr-d ipvsadm -Sn; }

# await_table COMMAND SECONDS WHAT: polls until COMMAND (a shell condition on the table) holds
await_table() {
  local end=$((SECONDS + $2))
  while ((SECONDS < end)); do
    if eval "$1"; then return 0; fi
    kill -0 "$DAEMON_PID" 2>/dev/null || fail "director exited while waiting for: $3"
    sleep 0.5
  done
  echo "table now:"; table
  fail "not within $2 s: $3"
}

# destinations VIP: the `-a` lines of the table for that virtual service
destinations() { table | grep -- "^-a -t $1:80 " || true; }

# daemon_reload CONFIG-TEXT: the edited file, then `director reload` (POST /reload) as an operator does
daemon_reload() {
  printf '%s\n' "$1" > "$LAB/keepalived.conf"
  director_cli reload || fail "director reload"
}

# requests VIP N: N HTTP requests from the client, each a new connection; prints name=count
requests() { ip netns exec tr-c python3 "$CLIENT" count "$1" "$2"; }

director_cli() { ip netns exec tr-d "$DIRECTOR" "$@"; }

# load_start VIP [PHASE]: a client loop, one request per new connection, until load_stop; each
# answer is logged as "PHASE NAME" with the phase read before the request started (FAIL: none)
load_start() {
  echo "${2:-start}" > "$LAB/phase"
  ip netns exec tr-c python3 "$CLIENT" load "$1" "$LAB/phase" "$LAB/load.stop" > "$LAB/load" &
  LOAD_PID=$!
  PIDS+=("$LOAD_PID")
}

# load_phase NAME: requests started from now on are logged under NAME (written whole: the loop never reads half of it)
load_phase() { echo "$1" > "$LAB/phase.tmp" && mv "$LAB/phase.tmp" "$LAB/phase"; }

# load_await PHASE N: until N answers were logged in PHASE
load_await() {
  local t
  for t in $(seq 900); do
    [ "$(grep -c "^$1 " "$LAB/load")" -ge "$2" ] && return 0
    sleep 0.2
  done
  fail "fewer than $2 answers in phase $1"
}

# load_stop: ends the loop and prints load.PHASE.ANSWER=count and load.total=lines
load_stop() {
  touch "$LAB/load.stop"
  wait "$LOAD_PID" 2>/dev/null
  sort "$LAB/load" | uniq -c | awk '{print "load." $2 "." $3 "=" $1}'
  echo "load.total=$(wc -l < "$LAB/load")"
}

# ipvs_counts VIP PREFIX: PREFIX.RIP=ActiveConn/InActConn from ipvsadm's own listing
ipvs_counts() {
  ip netns exec tr-d ipvsadm -Ln -t "$1:80" | awk -v p="$2" '$1 == "->" && $2 ~ /^[0-9]/ {print p "." $2 "=" $5 "/" $6}'
}
