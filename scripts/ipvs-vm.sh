#!/usr/bin/env bash
# The test VM: Debian's own kernel (IPVS, IPIP, every ip_vs_* scheduler, nf_tables, all as
# modules) under QEMU/TCG, with this host's / shared read-only over 9p and a tmpfs overlay on
# top, so the host's programs (dotnet, keepalived, ipvsadm, nft, ip, curl, python3) run inside.
# Nothing is installed into the host's /boot: the kernel package is downloaded and extracted
# into a cache folder.
#
#   ipvs-vm.sh prepare           download + extract the kernel, build the initramfs (idempotent);
#                                prints KERNEL=, INITRD=, RELEASE= lines
#   ipvs-vm.sh boot SHARE        boot; SHARE (a host folder) is /out inside. The guest agent runs
#                                every SHARE/req/ID.sh (written whole, then renamed) as root and
#                                writes SHARE/res/ID.out and then SHARE/res/ID.rc; it writes
#                                SHARE/ready once up and powers off when SHARE/req/shutdown appears.
#   ipvs-vm.sh run 'commands'    boot, run one script, power off; prints its output, exits with its status
#
# Why no KVM: nested KVM does not work on these machines (QEMU aborts or hangs), so TCG it is.
set -euo pipefail

CACHE=${DIRECTOR_VM_CACHE:-/var/cache/director-vm}
MEMORY_MB=${DIRECTOR_VM_MEMORY_MB:-3072}

die() { echo "ipvs-vm: $*" >&2; exit 1; }

need_tools() {
  local missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v depmod >/dev/null || missing+=(kmod)
  [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx switch_root || missing+=(busybox-static)
  if ((${#missing[@]})); then
    echo "ipvs-vm: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
      || die "cannot install ${missing[*]}"
  fi
}

download() { # $1 package: apt-get download into the current folder, refreshing the lists once if needed
  apt-get download "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1; apt-get download "$1" >/dev/null; } \
    || die "cannot download Debian package $1"
}

prepare() {
  need_tools
  mkdir -p "$CACHE"
  if [ ! -f "$CACHE/ready" ]; then
    local work; work=$(mktemp -d "$CACHE/prepare.XXXXXX")
    trap 'rm -rf "$work"' RETURN
    (
      cd "$work"
      download linux-image-amd64
      local pkg; pkg=$(dpkg-deb -f linux-image-amd64_*.deb Depends | sed 's/[ ,].*//')
      [ -n "$pkg" ] || die "linux-image-amd64 names no kernel package"
      download "$pkg"
      dpkg -x "$pkg"_*.deb kernel
      local release; release=$(ls kernel/lib/modules)
      depmod -b kernel "$release"
      build_initramfs kernel "$release" initrd.gz
      rm -rf "$CACHE/kernel" && mv kernel "$CACHE/kernel"
      mv initrd.gz "$CACHE/initrd.gz"
      echo "$release" > "$CACHE/release"
    )
    touch "$CACHE/ready"
  fi
  local release; release=$(cat "$CACHE/release")
  echo "KERNEL=$CACHE/kernel/boot/vmlinuz-$release"
  echo "INITRD=$CACHE/initrd.gz"
  echo "RELEASE=$release"
}

# busybox + the modules that mount the host's root (dependency order from modprobe), and /init
build_initramfs() {
  local root=$1 release=$2 out=$3 ir; ir=$(mktemp -d)
  mkdir -p "$ir"/{bin,mods,host,proc,sys,dev,rw,n}
  cp /bin/busybox "$ir/bin/"
  for m in $(for x in 9pnet_virtio 9p overlay virtio_pci; do modprobe -d "$root" -S "$release" --show-depends $x; done \
             | awk '$1 == "insmod" {print $2}' | awk '!seen[$0]++'); do
    cp "$m" "$ir/mods/"; basename "$m" .ko >> "$ir/mods/order"
  done
  cat > "$ir/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $(cat /mods/order); do insmod /mods/$m.ko || echo "init: insmod $m failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostroot /host || { echo "init: no host root"; poweroff -f; }
mount -t tmpfs tmpfs /rw; mkdir -p /rw/u /rw/w
mount -t overlay overlay -o lowerdir=/host,upperdir=/rw/u,workdir=/rw/w /n
for d in proc sys dev run tmp out; do mkdir -p /n/$d; done
mount -t proc proc /n/proc; mount -t sysfs sys /n/sys; mount -t devtmpfs dev /n/dev
mkdir -p /n/dev/pts /n/dev/shm; mount -t devpts devpts /n/dev/pts; mount -t tmpfs tmpfs /n/dev/shm
mount -t tmpfs tmpfs /n/run; mount -t tmpfs tmpfs /n/tmp
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 outshare /n/out || { echo "init: no out share"; poweroff -f; }
exec switch_root /n /bin/bash /out/.agent
INIT
  chmod +x "$ir/init"
  (cd "$ir" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1 > "$OLDPWD/$out")
  rm -rf "$ir"
}

# The guest agent: PID 1 inside the VM after switch_root.
write_agent() {
  cat > "$1/.agent" <<'AGENT'
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ip link set lo up
# The kernel's modules where kmod looks: the kernel's own module requests (ipvsadm,
# ip link add ... type ipip) and modprobe then work as on an installed system.
mkdir -p "/lib/modules/$(uname -r)" && mount --bind "$(cat /out/.modules)" "/lib/modules/$(uname -r)"
mkdir -p /out/res
echo "$(uname -r)" > /out/ready.tmp && mv /out/ready.tmp /out/ready
while [ ! -e /out/req/shutdown ]; do
  for script in /out/req/*.sh; do
    [ -e "$script" ] || continue
    id=$(basename "$script" .sh); limit=$(cat "/out/req/$id.limit" 2>/dev/null || echo 600)
    mv "$script" "/out/req/$id.running"
    (cd / && timeout -k 5 "$limit" bash "/out/req/$id.running" > "/out/res/$id.out" 2>&1 < /dev/null; echo $? > "/out/res/$id.rc.tmp")
    mv "/out/res/$id.rc.tmp" "/out/res/$id.rc"
  done
  sleep 0.1
done
sync
echo o > /proc/sysrq-trigger
sleep 30
AGENT
}

boot() {
  local share; share=$(realpath "$1")
  local prepared; prepared=$(prepare)
  local kernel initrd
  kernel=$(sed -n 's/^KERNEL=//p' <<<"$prepared"); initrd=$(sed -n 's/^INITRD=//p' <<<"$prepared")
  mkdir -p "$share/req" "$share/res"
  write_agent "$share"
  echo "$CACHE/kernel/lib/modules/$(sed -n 's/^RELEASE=//p' <<<"$prepared")" > "$share/.modules"
  qemu-system-x86_64 -accel tcg -cpu max -m "$MEMORY_MB" -smp 2 -nographic -no-reboot \
    -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 panic=-1 quiet sysrq_always_enabled=1" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -virtfs local,path="$share",mount_tag=outshare,security_model=none &
  QEMU_PID=$!
  # A VM never outlives its owner (a test host that crashed), nor DIRECTOR_VM_LIFETIME_S.
  local owner=${DIRECTOR_VM_OWNER_PID:-$$} end=$((SECONDS + ${DIRECTOR_VM_LIFETIME_S:-3600}))
  trap 'kill "$QEMU_PID" 2>/dev/null || true' EXIT TERM INT
  while kill -0 "$QEMU_PID" 2>/dev/null; do
    if ! kill -0 "$owner" 2>/dev/null || ((SECONDS > end)); then
      echo "ipvs-vm: owner $owner gone or lifetime over: stopping the VM" >&2; kill "$QEMU_PID"; break
    fi
    sleep 1
  done
  wait "$QEMU_PID"
}

run_once() {
  local share; share=$(mktemp -d /tmp/director-vm.XXXXXX)
  trap 'rm -rf "$share"' EXIT
  mkdir -p "$share/req" "$share/res"
  printf '%s\n' "$1" > "$share/req/1.tmp"; mv "$share/req/1.tmp" "$share/req/1.sh"
  touch "$share/req/shutdown.pending"
  ( while [ ! -e "$share/res/1.rc" ]; do sleep 0.2; done; touch "$share/req/shutdown" ) &
  local waiter=$!
  timeout "${VM_TIMEOUT_S:-900}" bash "$0" boot "$share" > "$share/console.log" 2>&1 || true
  kill "$waiter" 2>/dev/null || true
  [ -f "$share/res/1.rc" ] || { tail -20 "$share/console.log" >&2; die "the VM ended without running the script"; }
  cat "$share/res/1.out"; exit "$(cat "$share/res/1.rc")"
}

case "${1:-}" in
  prepare) prepare ;;
  boot) [ -n "${2:-}" ] || die "usage: $0 boot SHARE"; boot "$2" ;;
  run) [ -n "${2:-}" ] || die "usage: $0 run 'commands'"; run_once "$2" ;;
  *) die "usage: $0 prepare | boot SHARE | run 'commands'" ;;
esac
