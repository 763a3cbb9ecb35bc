# Writes OUT, the drydock(1) man page, from the built binary's own help: `drydock --help` and the
# `--help` of every subcommand it lists (and of theirs: `dlq list`, `org generate`, ...), so the page
# says exactly what the CLI11 table in cli/app.cpp says. Run at build time after drydock links.
#   DRYDOCK  the binary
#   OUT      the page to write
#   VERSION  the project version, for the page's footer (not the git revision: the page is the same
#            for every commit that leaves the help text alone)
# The page depends only on the help text and VERSION (no date, no paths), so it is reproducible.
#
# CLI11 2.1's help layout, which this reads: a description line, "Usage: ...", then sections
# ("Positionals:", "Options:", "Subcommands:") of entries "  NAME<padding to column 30>DESCRIPTION"
# (a NAME of 28 characters or more stands alone, its description on the next line at column 30), then
# the footer: paragraphs separated by blank lines, indented lines being examples.

cmake_policy(VERSION 3.25)  # a script has no project(): keep empty list elements (blank lines)
set(k_column 30)  # CLI11's default column_width
string(REPEAT " " ${k_column} k_indent)  # a description's continuation (CMake regexes have no {n})
# Semicolons and square brackets in help text would confuse CMake's lists: they travel as
# control characters until the page is written.
string(ASCII 1 k_semicolon)
string(ASCII 2 k_open_bracket)
string(ASCII 3 k_close_bracket)

# ${out} = the lines of `drydock ${ARGN} --help`, as a CMake list.
function(help_lines out)
  execute_process(COMMAND "${DRYDOCK}" ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "ManPage.cmake: 'drydock ${ARGN} --help' failed: ${failed}")
  endif()
  string(REPLACE ";" "${k_semicolon}" text "${text}")
  string(REPLACE "[" "${k_open_bracket}" text "${text}")
  string(REPLACE "]" "${k_close_bracket}" text "${text}")
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# ${out} = TEXT as roff text: backslashes, minus signs and quotes escaped, a leading control
# character neutralised.
function(roff out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REPLACE "'" "\\(aq" text "${text}")
  string(REPLACE "`" "\\(ga" text "${text}")
  if(text MATCHES "^[.]")
    set(text "\\&${text}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# ${out} = the NAME of an entry of SECTION as a .TP tag: option flags and subcommands bold
# ("-o,--output" -> -o, --output), an option's argument and a positional's name italic.
function(roff_entry_name out name section)
  if(section STREQUAL "Subcommands")
    roff(tag "${name}")
    set(tag "\\fB${tag}\\fR")
  elseif(section STREQUAL "Options" AND name MATCHES "^(-[^ ]*)( (.*))?$")
    string(REPLACE "," ";" flags "${CMAKE_MATCH_1}")
    set(argument "${CMAKE_MATCH_3}")
    set(tag "")
    foreach(flag IN LISTS flags)
      roff(flag "${flag}")
      if(NOT tag STREQUAL "")
        string(APPEND tag ", ")
      endif()
      string(APPEND tag "\\fB${flag}\\fR")
    endforeach()
    if(NOT argument STREQUAL "")
      roff(argument "${argument}")
      string(REPLACE "," ",\\:" argument "${argument}")  # long {a,b,c} lists may break after a comma
      string(APPEND tag " \\fI${argument}\\fR")
    endif()
  else()
    roff(tag "${name}")
    string(REPLACE "," ",\\:" tag "${tag}")
    set(tag "\\fI${tag}\\fR")
  endif()
  set(${out} "${tag}" PARENT_SCOPE)
endfunction()

# Parses `drydock ${ARGN} --help` into ${prefix}_description (roff), ${prefix}_usage (as printed, without
# "Usage: "), ${prefix}_sections (roff:
# each section a bold heading and a .TP list), ${prefix}_footer (roff paragraphs),
# ${prefix}_footer_text (the footer as printed) and ${prefix}_subcommands (their names).
function(parse_help prefix)
  help_lines(lines ${ARGN})
  list(LENGTH lines count)
  list(GET lines 0 description)
  list(GET lines 1 usage)
  string(REGEX REPLACE "^Usage: " "" usage "${usage}")
  set(sections "")
  set(footer "")
  set(footer_text "")
  set(subcommands "")
  set(section "")
  set(in_footer FALSE)
  set(in_example FALSE)
  set(start_paragraph TRUE)
  set(i 2)
  while(i LESS count)
    list(GET lines ${i} line)
    math(EXPR i "${i} + 1")
    string(REGEX REPLACE " +$" "" line "${line}")
    if(NOT in_footer AND line MATCHES "^(Positionals|Options|Subcommands):$")
      set(section "${CMAKE_MATCH_1}")
      string(APPEND sections ".PP\n.B ${section}:\n")
    elseif(NOT in_footer AND section AND line MATCHES "^  [^ ]")
      # An entry: split at the column unless NAME fills it (its description then comes next line).
      set(next "")
      if(i LESS count)
        list(GET lines ${i} next)
      endif()
      string(LENGTH "${line}" length)
      set(name "${line}")
      set(entry_description "")
      if(length GREATER k_column)
        math(EXPR last_name_column "${k_column} - 2")
        string(SUBSTRING "${line}" ${last_name_column} 2 gap)
        string(SUBSTRING "${line}" ${k_column} -1 rest)
        if(gap STREQUAL "  " OR (gap MATCHES " $" AND NOT next MATCHES "^${k_indent}"))
          string(SUBSTRING "${line}" 0 ${k_column} name)
          set(entry_description "${rest}")
        endif()
      endif()
      while(next MATCHES "^${k_indent}[^ ]")  # continuation lines of the description
        string(STRIP "${next}" next)
        string(APPEND entry_description " ${next}")
        math(EXPR i "${i} + 1")
        set(next "")
        if(i LESS count)
          list(GET lines ${i} next)
        endif()
      endwhile()
      string(STRIP "${name}" name)
      string(STRIP "${entry_description}" entry_description)
      if(section STREQUAL "Subcommands")
        list(APPEND subcommands "${name}")
      endif()
      roff_entry_name(tag "${name}" ${section})
      roff(entry_description "${entry_description}")
      string(APPEND sections ".TP\n${tag}\n${entry_description}\n")
    elseif(line STREQUAL "")
      set(section "")
      if(in_example)
        string(APPEND footer ".fi\n")
        set(in_example FALSE)
      endif()
      if(in_footer)
        string(APPEND footer_text "\n")
      endif()
      set(start_paragraph TRUE)
    else()
      # Footer text: paragraphs, with indented lines kept as they are (examples).
      set(in_footer TRUE)
      string(APPEND footer_text "${line}\n")
      if(start_paragraph)
        string(APPEND footer ".PP\n")
        set(start_paragraph FALSE)
      endif()
      roff(text "${line}")
      if(line MATCHES "^ " AND NOT in_example)
        string(APPEND footer ".nf\n")
        set(in_example TRUE)
      elseif(NOT line MATCHES "^ " AND in_example)
        string(APPEND footer ".fi\n")
        set(in_example FALSE)
      endif()
      string(APPEND footer "${text}\n")
    endif()
  endwhile()
  if(in_example)
    string(APPEND footer ".fi\n")
  endif()
  roff(description "${description}")
  foreach(part description usage sections footer footer_text subcommands)
    set(${prefix}_${part} "${${part}}" PARENT_SCOPE)
  endforeach()
endfunction()

# Appends to the variable `page` one subsection per command: `drydock ${ARGN}` and, recursively, its
# subcommands. A footer the command inherited from `drydock` itself is left out.
function(append_command)
  parse_help(cmd ${ARGN})
  string(REPLACE ";" " " command "drydock ${ARGN}")
  string(APPEND page ".SS ${command}\n${cmd_description}\n.PP\n.B ${command}\n")
  string(LENGTH "${command} " command_length)
  string(SUBSTRING "${cmd_usage}" ${command_length} -1 arguments)  # the usage after the command
  roff(arguments "${arguments}")
  string(APPEND page "${arguments}\n${cmd_sections}")
  if(NOT cmd_footer_text STREQUAL top_footer_text)
    string(APPEND page "${cmd_footer}")
  endif()
  foreach(sub IN LISTS cmd_subcommands)
    append_command(${ARGN} ${sub})
  endforeach()
  set(page "${page}" PARENT_SCOPE)
endfunction()

parse_help(top)
string(REGEX REPLACE "^Drydock: (.*)\\.$" "\\1" name_line "${top_description}")
roff(version_text "${VERSION}")

set(page ".\\\" -*- coding: UTF-8 -*-
.\\\" Generated from `drydock --help` by cmake/ManPage.cmake. Do not edit.
.TH DRYDOCK 1 \"\" \"drydock ${version_text}\" \"User Commands\"
.nh
.ad l
.SH NAME
drydock \\- ${name_line}
.SH SYNOPSIS
.B drydock
\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]
.br
.B drydock \\-\\-version
.SH DESCRIPTION
Drydock reads a Starfleet configuration directory, payload templates and an account index exactly as
upstream Starfleet does, and emulates S3, SQS with dead\\-letter queues, EventBridge timers, Lambda and
the Starbase in process, so worker ships run on one machine and in CI.
A project is described by a \\fBdrydock.yaml\\fR in the working directory (or \\fB\\-\\-project\\fR \\fIDIR\\fR).
${top_footer}${top_sections}.SH COMMANDS
")
foreach(sub IN LISTS top_subcommands)
  append_command(${sub})
endforeach()
string(APPEND page ".SH EXIT STATUS
.TP
.B 0
Success.
.TP
.B 1
The job ran and found problems: validation errors, dead\\-lettered messages.
.TP
.B 2
Usage or project error: bad flags, an unreadable drydock.yaml or configuration.
.TP
.B 3
Internal error (a bug in Drydock).
.SH FILES
.TP
.I drydock.yaml
The project file; see \\fIproject\\-file.md\\fR.
.TP
.I .drydock/
The default state directory: queues, buckets and the virtual clock (\\fIstate.sqlite3\\fR).
.TP
.I PREFIX/share/doc/drydock/
The user documentation (\\fI/usr/share/doc/drydock/\\fR from the Debian package): \\fIvalidate.md\\fR,
\\fIplan.md\\fR, \\fIrun.md\\fR, \\fIdlq.md\\fR, \\fIci.md\\fR and more.
.TP
.I PREFIX/share/drydock/examples/
The quickstart project and the example Python workers (\\fIworkers/starfleet_adapter.py\\fR).
.SH SEE ALSO
https://github.com/gemini\\-oss/starfleet
")

string(REPLACE "${k_semicolon}" ";" page "${page}")
string(REPLACE "${k_open_bracket}" "[" page "${page}")
string(REPLACE "${k_close_bracket}" "]" page "${page}")
file(WRITE "${OUT}" "${page}")
