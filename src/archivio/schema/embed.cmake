# embed.cmake — a SQL file as a C string: cmake -DIN=x.sql -DOUT=x.c -DNAME=SYMBOL -P embed.cmake
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* Generated from ${IN} by embed.cmake: do not edit. */\nconst unsigned char ${NAME}[] = {${bytes} 0};\n")
