#!/usr/bin/env bash
# Prints "yes" when the host's libstdc++ lacks the symbol version TorchSharp's native library asks for.
set -euo pipefail
version="${1:-GLIBCXX_3.4.32}"
lib=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')
[ -n "$lib" ] || lib=$(ls /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then echo "no"; exit 0; fi
if grep -qa "$version" "$lib"; then echo "no"; else echo "yes"; fi
