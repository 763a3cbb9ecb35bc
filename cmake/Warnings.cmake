# Warning and sanitizer flags for our own targets only. Third-party headers come from /usr/include
# and are therefore system headers: their warnings are not ours to fix.
add_library(drydock_options INTERFACE)
target_compile_options(drydock_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough
  # Python's float repr is reproduced bit for bit; FMA contraction could change the last bit.
  -ffp-contract=off
  # GCC 12 at -O3 reports impossible overlaps in std::string concatenation inlined from headers
  # (GCC bug 105329, a false positive fixed in GCC 13).
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  # -Wextra's missing-field-initializers also fires on C++20 designated initializers that leave out
  # members with default member initializers ({.name = "q"}), which is their point (GCC bug 96868).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-missing-field-initializers>
  $<$<BOOL:${DRYDOCK_WERROR}>:-Werror>)
# nlohmann::json's implicit conversions let fmt::format("{}", json) compile and then throw at run
# time (TOOLCHAIN.md, pitfall 2): make that a compile error.
target_compile_definitions(drydock_options INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)
target_link_libraries(drydock_options INTERFACE Threads::Threads)
# Only load the shared libraries a binary uses (start-up time: `drydock --version` must stay < 5 ms).
target_link_options(drydock_options INTERFACE -Wl,--as-needed)
if(DRYDOCK_SANITIZE)
  target_compile_options(drydock_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(drydock_options INTERFACE -fsanitize=address,undefined)
endif()
