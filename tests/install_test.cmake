# Installs the build into PREFIX and checks that the installed schede finds
# its data folder under PREFIX/share/schede.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f bin/schede share/schede/fonts/TitilliumWeb_400Regular.ttf share/schede/fonts/OFL-TitilliumWeb.txt)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "missing after install: ${f}")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/schede" --versione
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
get_filename_component(expected "${PREFIX}/share/schede" REALPATH)
string(FIND "${out}" "dati: ${expected}" pos)
if(NOT rc EQUAL 0 OR pos EQUAL -1)
  message(FATAL_ERROR "installed schede does not find ${expected}:\n${out}")
endif()
message(STATUS "installed schede uses ${expected}")
