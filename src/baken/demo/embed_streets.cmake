# Writes OUTPUT: a .cc with the demo's street table (data/demo/groningen-streets.tsv) as one string
# constant, so `baken demo` works from any folder without the data file beside it. The table is
# data, parsed once at first use (internal/streets.cc); edit the TSV, not the generated file.
file(READ "${STREETS}" streets)
file(WRITE "${OUTPUT}" "// Generated from data/demo/groningen-streets.tsv; do not edit.\n")
file(APPEND "${OUTPUT}" "#include \"baken/demo/internal/streets.h\"\n\nnamespace baken::demo::internal {\n\n")
file(APPEND "${OUTPUT}" "std::string_view EmbeddedStreetTable() {\n  return R\"baken_tsv(${streets})baken_tsv\";\n}\n\n")
file(APPEND "${OUTPUT}" "}  // namespace baken::demo::internal\n")
