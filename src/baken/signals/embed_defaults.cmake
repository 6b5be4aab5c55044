# Writes OUTPUT: a .cc with the shipped Groningen taxonomy and routing rules as string constants,
# so `baken` works from any folder without the data files beside it.
file(READ "${TAXONOMY}" taxonomy)
file(READ "${ROUTING}" routing)
file(WRITE "${OUTPUT}" "// Generated from data/categories and data/routing; do not edit.\n")
file(APPEND "${OUTPUT}" "#include \"baken/signals/defaults.h\"\n\nnamespace baken::signals {\n\n")
file(APPEND "${OUTPUT}" "std::string_view DefaultTaxonomyJson() {\n  return R\"baken_json(${taxonomy})baken_json\";\n}\n\n")
file(APPEND "${OUTPUT}" "std::string_view DefaultRoutingJson() {\n  return R\"baken_json(${routing})baken_json\";\n}\n\n")
file(APPEND "${OUTPUT}" "}  // namespace baken::signals\n")
