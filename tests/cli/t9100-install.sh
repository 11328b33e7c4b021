#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Install and package as a user or a distribution would: `cmake --install` into a scratch
# prefix gives a working program (its workbook module found from where it was installed),
# a man page that `man -l` renders with every command and every option the program's own
# help lists, and the three completion files; `cpack -G DEB` gives a .deb whose program
# runs from the unpacked tree. (.ci/run, on a fresh machine, also installs it with dpkg -i.)
. "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$CONFSPEND")" && pwd)
P=$TMP/prefix

expect_ok "cmake --install" cmake --install "$build" --prefix "$P"
for f in bin/confspend share/man/man1/confspend.1 share/bash-completion/completions/confspend \
  share/zsh/vendor-completions/_confspend share/fish/vendor_completions.d/confspend.fish; do
  expect_out "installed: $f" "yes" sh -c "[ -s '$P/$f' ] && echo yes || echo no"
done
expect_out "the installed program runs" "$("$CONFSPEND" --version)" "$P/bin/confspend" --version
expect_ok "it records an expense" "$P/bin/confspend" add meal 4.75 --merchant Cafe
# the workbook module comes from PREFIX/LIBDIR/confspend, not from the build folder
expect_ok "it finds its workbook module where it was installed" \
  env LD_DEBUG=files "$P/bin/confspend" export xlsx "$TMP/w.xlsx"
expect_out "the module it loaded is the installed one" "1" \
  sh -c "LD_DEBUG=files '$P/bin/confspend' export xlsx '$TMP/w2.xlsx' 2>&1 | grep 'file=.*confspend-xlsx.so' | grep -c '$P/bin/\\.\\./lib.*/confspend/confspend-xlsx.so \\[0\\];  dynamically loaded' || true"

expect_out "the packet module it loaded is the installed one" "1" \
  sh -c "LD_DEBUG=files '$P/bin/confspend' export pdf '$TMP/p2.pdf' 2>&1 | grep 'file=.*confspend-pdf.so' | grep -c '$P/bin/\\.\\./lib.*/confspend/confspend-pdf.so \\[0\\];  dynamically loaded' || true"
expect_out "add loads no module, nor the PDF stack, readline, expat or nettle" "0" \
  sh -c "LD_DEBUG=files '$P/bin/confspend' add meal 1 2>&1 | grep -c 'file=.*\\(confspend-\\|libcairo\\|libpango\\|libpoppler\\|libglib\\|libreadline\\|libtinfo\\|libexpat\\|libnettle\\)' || true"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/r"
expect_out "the installed program hashes a receipt with its installed module" "1" \
  sh -c "LD_DEBUG=files '$P/bin/confspend' receipt add 1 '$TMP/r/dinner.jpg' 2>&1 | grep 'file=.*confspend-sha256.so' | grep -c '$P/bin/\\.\\./lib.*/confspend/confspend-sha256.so \\[0\\];  dynamically loaded' || true"
expect_out "the interactive module is installed beside the others" "yes" \
  sh -c "ls '$P'/lib*/confspend/confspend-readline.so >/dev/null 2>&1 && echo yes || echo no"

# the man page: every command, and every option of every command's --help
man -l "$P/share/man/man1/confspend.1" 2>"$TMP/manerr" | col -b >"$TMP/man.txt"
expect_out "man -l renders it without warnings" "" cat "$TMP/manerr"
for c in $("$CONFSPEND" --help | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\).*/\1/p'); do
  "$CONFSPEND" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/opts"
  missing=$(while read -r o; do grep -qF -- "$o" "$TMP/man.txt" || echo "$o"; done <"$TMP/opts")
  expect_out "man page: $c and its options" "" echo "$missing"
  expect_out "man page: section $c" "1" sh -c "grep -c '^   $c\$' '$TMP/man.txt'"
done
expect_out "man page: the licence" "yes" \
  sh -c "grep -q 'GPL-3.0-or-later' '$TMP/man.txt' && echo yes || echo no"
expect_out "the .deb-to-be has the copyright file" "yes" \
  sh -c "[ -s '$P/share/doc/confspend/copyright' ] && echo yes || echo no"
expect_out "man page: short options" "yes" \
  sh -c "grep -q 'short options: -d --date, -c --currency' '$TMP/man.txt' && echo yes || echo no"

expect_out "the installed bash completion registers" "complete -F _confspend confspend" \
  bash --norc -c ". '$P/share/bash-completion/completions/confspend'; complete -p confspend"

# the .deb
expect_ok "cpack -G DEB" cpack -G DEB --config "$build/CPackConfig.cmake" -B "$TMP/deb"
deb=$(ls "$TMP"/deb/confspend_*.deb 2>/dev/null | head -1)
expect_out "a .deb was made" "yes" sh -c "[ -s '$deb' ] && echo yes || echo no"
expect_out "it depends on the libraries it links" "yes" \
  sh -c "dpkg-deb -f '$deb' Depends | grep -q 'libsqlite3-0' && dpkg-deb -f '$deb' Depends | grep -q libxlsxwriter && echo yes || echo no"
expect_out "its files" "./usr/bin/confspend
./usr/lib/confspend/confspend-ecb.so
./usr/lib/confspend/confspend-pdf.so
./usr/lib/confspend/confspend-readline.so
./usr/lib/confspend/confspend-sha256.so
./usr/lib/confspend/confspend-xlsx.so
./usr/share/bash-completion/completions/confspend
./usr/share/doc/confspend/copyright
./usr/share/fish/vendor_completions.d/confspend.fish
./usr/share/man/man1/confspend.1
./usr/share/zsh/vendor-completions/_confspend" \
  sh -c "dpkg-deb -c '$deb' | awk '{print \$6}' | grep -v '/\$' | grep -v README | sort"
mkdir "$TMP/x" && dpkg-deb -x "$deb" "$TMP/x"
expect_ok "the unpacked program exports a workbook" "$TMP/x/usr/bin/confspend" export xlsx "$TMP/w3.xlsx"
expect_ok "and a claim packet" "$TMP/x/usr/bin/confspend" export pdf "$TMP/p3.pdf"
expect_out "the .deb depends on the PDF stack its module links" "yes" \
  sh -c "dpkg-deb -f '$deb' Depends | grep -q libcairo2 && dpkg-deb -f '$deb' Depends | grep -q libpoppler-glib && echo yes || echo no"
expect_out "and on readline, expat and nettle, which its other modules link" "yes" \
  sh -c "dpkg-deb -f '$deb' Depends | grep -q libreadline8 && dpkg-deb -f '$deb' Depends | grep -q libexpat1 && dpkg-deb -f '$deb' Depends | grep -q libnettle8 && echo yes || echo no"

finish
