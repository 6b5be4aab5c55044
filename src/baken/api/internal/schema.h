// Small builders for the JSON Schemas beside the codecs (route_spec.h SchemaDef), in the OpenAPI
// 3.0 dialect the generated document uses: `nullable: true` rather than type arrays. Obj lists
// every property given in `required` as required; `additionalProperties` is left open so a new
// optional field does not break older clients. Header-only, pure.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace baken::api::internal::schema {

using nlohmann::json;

inline json Str(std::string description = {}) {
  json j = {{"type", "string"}};
  if (!description.empty()) j["description"] = std::move(description);
  return j;
}
inline json DateTime() {
  return {{"type", "string"}, {"format", "date-time"}};
}
inline json Date() {
  return {{"type", "string"}, {"format", "date"}};
}
inline json Int() {
  return {{"type", "integer"}};
}
inline json Num() {
  return {{"type", "number"}};
}
inline json Bool() {
  return {{"type", "boolean"}};
}
inline json Enum(const std::vector<std::string>& values) {
  return {{"type", "string"}, {"enum", values}};
}
inline json Arr(json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}
// The same schema, also null.
inline json Nullable(json j) {
  j["nullable"] = true;
  return j;
}
inline json Described(json j, std::string description) {
  j["description"] = std::move(description);
  return j;
}
// An object with these properties; `required` names those always present.
inline json Obj(std::initializer_list<std::pair<const std::string, json>> properties,
                std::vector<std::string> required = {}) {
  json j = {{"type", "object"}, {"properties", json::object()}};
  for (const auto& [name, schema] : properties) j["properties"][name] = schema;
  if (!required.empty()) j["required"] = std::move(required);
  return j;
}
// An object with these properties, all of them always present.
inline json Full(std::initializer_list<std::pair<const std::string, json>> properties) {
  json j = Obj(properties);
  std::vector<std::string> required;
  for (const auto& [name, schema] : properties) required.push_back(name);
  j["required"] = std::move(required);
  return j;
}
// {"code", "naam"}: a code and its Dutch name.
inline json CodeName() {
  return Full({{"code", Str()}, {"naam", Str()}});
}
// A GeoJSON point in WGS84: [longitude, latitude].
inline json Point() {
  return Full({{"type", Enum({"Point"})}, {"coordinates", [] {
                                             json a = Arr(Num());
                                             a["minItems"] = 2;
                                             a["maxItems"] = 2;
                                             return a;
                                           }()}});
}

}  // namespace baken::api::internal::schema
