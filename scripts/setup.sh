#!/usr/bin/env bash
# Installs what director's build, tests and demo need on a fresh Debian machine (run as root).
set -euo pipefail

DEBIAN_PACKAGES=(
  iproute2 procps psmisc curl        # namespaces, process control, HTTP client for the demo
  python3 util-linux                 # HTTP real servers in the labs and benches; setpriv, unshare
  keepalived                         # the reference VRRP peer of the interop tests
  nftables libnftables1              # the load-balancing data plane on kernels without IPVS
  ipvsadm libnl-3-dev libnl-genl-3-dev gcc  # reference encoder for the IPVS netlink messages
  tcpdump                            # captures in the wire tests
  wrk haproxy nginx-light            # bench/throughput.sh and bench/lc-balance.sh (load, HAProxy baseline, real servers)
  postgresql                         # a private server for the PostgreSQL history test
  qemu-system-x86 kmod busybox-static  # the IPVS test VM (Debian's kernel under QEMU, scripts/ipvs-vm.sh)
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (dotnet on PATH)" >&2
  exit 1
fi
# keepalived, nginx and haproxy must not run as system services here: the tests and benches
# start their own instances (in namespaces).
for service in keepalived nginx haproxy; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then
    systemctl stop "$service" || true
  fi
done
