#!/usr/bin/env bash
# Runs the TorchSharp peer benchmarks (docs/performance.md, "TorchSharp"). Not part of the test command.
#
# libLibTorchSharp.so (TorchSharp 0.107) needs GLIBCXX_3.4.32, i.e. a libstdc++ from GCC 13 or later;
# Debian 12 ships GCC 12's (GLIBCXX_3.4.30), so on it the program fails in torch's static constructor.
# Debian 13's libstdc++ in turn needs glibc 2.38. This script fetches both packages of Debian 13 from the
# Debian mirror this machine's apt already uses, unpacks them under obj/, and starts the program through a
# copy of its apphost whose ELF interpreter is Debian 13's loader: the process then runs entirely on the
# newer glibc and libstdc++, while the system's stay untouched. On a system whose libstdc++ is new enough
# it simply runs the program. Arguments go to BenchmarkDotNet, e.g.  run.sh --filter '*'  (in-process
# default job; about 12 minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build -c Release "$here" >/dev/null
bin="$here/bin/Release/net10.0"

if strings "$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')" | grep -q GLIBCXX_3.4.32; then
  exec "$bin/StaticNet.TorchPeer" "$@"
fi

libc_version=2.41-12 stdcxx_version=14.2.0-19
root="$here/obj/debian13"
lib="$root/usr/lib/x86_64-linux-gnu"
if [ ! -e "$lib/libstdc++.so.6" ]; then
  mirror="$(grep -rhoE 'https?://[^ ]+/debian$' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null | head -1 || true)"
  [ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt sources" >&2; exit 1; }
  mkdir -p "$root"
  for deb in "g/glibc/libc6_${libc_version}_amd64.deb" "g/gcc-14/libstdc++6_${stdcxx_version}_amd64.deb"; do
    curl -sSf -o "$root/package.deb" "$mirror/pool/main/$deb"
    dpkg-deb -x "$root/package.deb" "$root"
  done
  rm -f "$root/package.deb"
fi
# The copy stays beside the app's dll: an apphost finds its app relative to itself.
cp "$bin/StaticNet.TorchPeer" "$bin/StaticNet.TorchPeer.debian13"
patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" "$bin/StaticNet.TorchPeer.debian13"
cd "$bin"
DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}" \
  exec env LD_LIBRARY_PATH="$lib" "$bin/StaticNet.TorchPeer.debian13" "$@"
