# SPDX-License-Identifier: GPL-3.0-or-later
# Embed profiles/NAME.profile (the built-in import profiles) into a C source, by name.
# usage: cmake -DSRC_DIR=... -DOUT=... -P embed_profiles.cmake
file(GLOB files "${SRC_DIR}/*.profile")
list(SORT files)
set(body "/* generated from profiles/ by cmake/embed_profiles.cmake: do not edit */\n#include \"confspend/profile.h\"\n")
set(list "")
set(i 0)
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(APPEND body "static const char p${i}[] = {${hex}0x00};\n")
  string(APPEND list "    {\"${name}\", p${i}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "const struct profile_text cs_profile_texts[] = {\n${list}};\nconst int cs_profile_text_count = ${i};\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
