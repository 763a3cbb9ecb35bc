# Installing Drydock where it is used (`make install`, `make package`; docs/ci.md):
#   bin/drydock
#   share/man/man1/drydock.1               generated from the binary's --help (cmake/ManPage.cmake)
#   share/doc/drydock/*.md                 docs/
#   share/drydock/examples/                quickstart/ and workers/ (the Python adapter and example
#                                          worker; quickstart's drydock.yaml reaches them as ../workers/),
#                                          ci/ (the GitHub Actions workflow)
# Nothing from tests/ or bench/. Paths are GNUInstallDirs', relative to the prefix, so
# `cmake --install build/release --prefix DIR` and DESTDIR=... both work.
include(GNUInstallDirs)

# ---- the man page, generated after each link of drydock ----------------------
set(DRYDOCK_MAN_PAGE ${CMAKE_CURRENT_BINARY_DIR}/generated/drydock.1)
add_custom_command(OUTPUT ${DRYDOCK_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -DDRYDOCK=$<TARGET_FILE:drydock> -DOUT=${DRYDOCK_MAN_PAGE}
          -DVERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/ManPage.cmake
  DEPENDS drydock ${CMAKE_CURRENT_SOURCE_DIR}/cmake/ManPage.cmake
  COMMENT "Generating drydock.1 from drydock --help" VERBATIM)
add_custom_target(drydock_man_page ALL DEPENDS ${DRYDOCK_MAN_PAGE})

# ---- install rules ------------------------------------------------------------
install(TARGETS drydock RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${DRYDOCK_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
file(GLOB DRYDOCK_DOCS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/docs/*.md)
install(FILES ${DRYDOCK_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
# What running the examples leaves in the source tree (state dirs, bytecode) is not installed.
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/drydock/examples USE_SOURCE_PERMISSIONS
  PATTERN .drydock EXCLUDE
  PATTERN __pycache__ EXCLUDE
  PATTERN *.pyc EXCLUDE)

# ---- the Debian package (CPack DEB): `make package` ----------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME drydock)
set(CPACK_PACKAGE_VENDOR "Drydock")
# Maintainer and Homepage are placeholders until Drydock has a public home: set them when packaging
# (cmake -DDRYDOCK_PACKAGE_CONTACT=... -DDRYDOCK_PACKAGE_HOMEPAGE=...).
set(DRYDOCK_PACKAGE_CONTACT "Drydock maintainers <drydock-maintainers@example.com>" CACHE STRING
  "Maintainer field of the .deb")
set(DRYDOCK_PACKAGE_HOMEPAGE "https://github.com/gemini-oss/starfleet" CACHE STRING
  "Homepage field of the .deb (default: Starfleet, the project Drydock emulates)")
set(CPACK_PACKAGE_CONTACT "${DRYDOCK_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "run and test Starfleet worker ships locally")
set(CPACK_PACKAGE_DESCRIPTION
  "Drydock reads a Starfleet configuration directory, payload templates and an
account index exactly as upstream Starfleet does, validates them with upstream's
rules and messages, and emulates S3, SQS with dead-letter queues, EventBridge
timers, Lambda and the Starbase in one process, so teams can check templates and
run worker ships on their machines and in CI.")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${DRYDOCK_PACKAGE_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # drydock_<version>_<arch>.deb
# Depends: from what the binary links (dpkg-shlibdeps, package dpkg-dev): libfmt9, libsqlite3-0,
# libssl3, libexpat1, libcpp-httplib0.11, libstdc++6, libc6, ... Python is only for the example workers.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS python3)
set(CPACK_STRIP_FILES ON)
include(CPack)
