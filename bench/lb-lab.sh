# Shared by the load-balancing benches (source it; needs root, iproute2, nginx-light).
# The seed's deployment in network namespaces, removed by lab_down (call it from a trap):
#   client (10.0.2.2) --veth-- director pub 10.0.2.1 + VIP 10.0.0.1
#                              director lan bridge 10.0.1.254 --veth-- rs1..rs4 (10.0.1.1-4, nginx :80 answering "rsN")
# The client routes the VIP and the servers' subnet via the director; the servers route via it.
# lab_up PREFIX WORKDIR; names: ${LAB}c ${LAB}d ${LAB}rs1..4.

LAB_SERVERS=4
LAB_VIP=10.0.0.1

lab_up() {
  LAB=$1
  LAB_DIR=$2
  local n i
  for n in "${LAB}c" "${LAB}d" $(for i in $(seq $LAB_SERVERS); do echo "${LAB}rs$i"; done); do
    ip netns add "$n"
    ip -n "$n" link set lo up
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n "${LAB}c" link add eth0 type veth peer name pub netns "${LAB}d"
  ip -n "${LAB}c" addr add 10.0.2.2/24 dev eth0
  ip -n "${LAB}c" link set eth0 up
  ip -n "${LAB}c" route add $LAB_VIP/32 via 10.0.2.1
  ip -n "${LAB}c" route add 10.0.1.0/24 via 10.0.2.1
  ip -n "${LAB}d" addr add 10.0.2.1/24 dev pub
  ip -n "${LAB}d" addr add $LAB_VIP/32 dev pub
  ip -n "${LAB}d" link set pub up
  ip -n "${LAB}d" link add lan type bridge
  ip -n "${LAB}d" addr add 10.0.1.254/24 dev lan
  ip -n "${LAB}d" link set lan up
  ip netns exec "${LAB}d" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0
  for i in $(seq $LAB_SERVERS); do
    ip -n "${LAB}rs$i" link add eth0 type veth peer name "l$i" netns "${LAB}d"
    ip -n "${LAB}d" link set "l$i" master lan up
    ip -n "${LAB}rs$i" addr add "10.0.1.$i/24" dev eth0
    ip -n "${LAB}rs$i" link set eth0 up
    ip -n "${LAB}rs$i" route add default via 10.0.1.254
    lab_nginx "$i"
  done
  for i in $(seq $LAB_SERVERS); do
    lab_wait "server rs$i" 10 ip netns exec "${LAB}d" curl -sf -m 1 -o /dev/null "http://10.0.1.$i/"
  done
}

# nginx, one process, keep-alive on, answering "rsN" to every request.
lab_nginx() {
  local i=$1 d="$LAB_DIR/rs$1"
  mkdir -p "$d"
  cat >"$d/nginx.conf" <<CONF
worker_processes 1;
daemon off;
master_process off;
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  client_body_temp_path $d; proxy_temp_path $d; fastcgi_temp_path $d; uwsgi_temp_path $d; scgi_temp_path $d;
  server { listen 10.0.1.$i:80 backlog=4096; location / { default_type text/plain; return 200 "rs$i\n"; } }
}
CONF
  ip netns exec "${LAB}rs$i" nginx -c "$d/nginx.conf" >"$d/stderr.log" 2>&1 &
}

# lab_wait WHAT SECONDS COMMAND...: retries COMMAND every 0.1 s until it succeeds.
lab_wait() {
  local what=$1 seconds=$2 tries
  shift 2
  for ((tries = seconds * 10; tries > 0; tries--)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "lab: $what not ready after $seconds s" >&2
  return 1
}

# Kills every process left in the lab's namespaces, then removes them.
lab_down() {
  [[ -n ${LAB:-} ]] || return 0
  local n p
  for n in $(ip netns list | awk '{print $1}' | grep "^${LAB}" || true); do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  done
  sleep 0.5
  for n in $(ip netns list | awk '{print $1}' | grep "^${LAB}" || true); do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$n" 2>/dev/null || true
  done
}

# Builds (once) and prints the Release director binary.
lab_director_binary() {
  local bin=src/Director.Host/bin/Release/net10.0/director
  if [[ ! -x $bin || -n ${REBUILD:-} ]]; then
    dotnet build src/Director.Host -c Release -nologo -v q >&2
  fi
  echo "$PWD/$bin"
}

# lab_director CONFIG_TEXT: runs `director run` (checkers only, nftables) in the director namespace.
lab_director() {
  local bin
  bin=$(lab_director_binary)
  printf '%s\n' "$1" >"$LAB_DIR/keepalived.conf"
  STATE_DIRECTORY="$LAB_DIR" ip netns exec "${LAB}d" "$bin" run -n -l -C --lb-backend nftables -f "$LAB_DIR/keepalived.conf" >"$LAB_DIR/director.log" 2>&1 &
  LAB_DIRECTOR_PID=$!
}

# Virtual server VIP:80 over the four servers with a 1 s TCP check.
lab_virtual_server() {
  local algo=$1 kind=${2:-NAT} i
  echo "virtual_server $LAB_VIP 80 {"
  echo "  delay_loop 1"
  echo "  lb_algo $algo"
  echo "  lb_kind $kind"
  echo "  protocol TCP"
  for i in $(seq $LAB_SERVERS); do
    echo "  real_server 10.0.1.$i 80 { TCP_CHECK { connect_timeout 1 } }"
  done
  echo "}"
}
