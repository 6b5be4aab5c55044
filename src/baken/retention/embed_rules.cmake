# Writes OUTPUT: a .cc with the shipped retention rules (RULES) as a string constant.
file(READ "${RULES}" rules)
file(WRITE "${OUTPUT}" "// Generated from data/retention; do not edit.\n")
file(APPEND "${OUTPUT}" "#include \"baken/retention/internal/embedded_rules.h\"\n\n")
file(APPEND "${OUTPUT}" "namespace baken::retention::internal {\n\n")
file(APPEND "${OUTPUT}" "std::string_view EmbeddedRulesJson() {\n  return R\"baken_json(${rules})baken_json\";\n}\n\n")
file(APPEND "${OUTPUT}" "}  // namespace baken::retention::internal\n")
