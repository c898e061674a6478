#!/usr/bin/env bash
# Builds the shim library into DIR and makes DIR/libLibTorchSharp.so load it (idempotent).
set -euo pipefail
dir="$1"; src="$(cd "$(dirname "$0")" && pwd)/ios_base_library_init.cpp"
shim=libbyol_glibcxx_shim.so
for tool in g++ patchelf; do
  command -v "$tool" >/dev/null || { echo "error: TorchSharp needs GLIBCXX_3.4.32, which this host's libstdc++ lacks; install '$tool' (apt-get install g++ patchelf) so the build can patch it" >&2; exit 1; }
done
if [ ! -f "$dir/$shim" ] || [ "$src" -nt "$dir/$shim" ]; then
  g++ -shared -fPIC -O2 -o "$dir/$shim" "$src"
fi
if ! patchelf --print-needed "$dir/libLibTorchSharp.so" | grep -qx "$shim"; then
  patchelf --add-needed "$shim" "$dir/libLibTorchSharp.so"
fi
