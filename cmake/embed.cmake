# SPDX-License-Identifier: GPL-3.0-or-later
# Embed numbered migrations/NNNN_*.sql into a C source, in order.
# usage: cmake -DSRC_DIR=... -DOUT=... -P embed.cmake
file(GLOB files "${SRC_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "/* generated from migrations/ by cmake/embed.cmake: do not edit */\n#include \"confspend/migrate.h\"\n")
set(list "")
set(i 0)
foreach(f ${files})
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(APPEND body "static const char m${i}[] = {${hex}0x00};\n")
  string(APPEND list "    {\"${name}\", m${i}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "const struct migration cs_migrations[] = {\n${list}};\nconst int cs_migration_count = ${i};\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
