// Checks a real answer of the server against the OpenAPI document it serves: the schema of the
// operation's response for that status (components resolved by $ref). Covers what the generated
// document uses: type (integer is a whole number), nullable, enum, required, properties, items,
// minItems/maxItems, minLength/maxLength, allOf. Unknown properties are allowed, as in the
// document. Returns the mismatches as "where: what" lines; empty when the answer fits.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace baken::api::testing {

class OpenApiCheck {
 public:
  explicit OpenApiCheck(nlohmann::json document) : doc_(std::move(document)) {}

  // The mismatches of `body` against the response schema of `method` `path` (the template, e.g.
  // "/api/v1/meldingen/{id}") for `status`; one line when the document has no such schema.
  std::vector<std::string> Check(const std::string& method, const std::string& path, int status,
                                 const nlohmann::json& body) const {
    std::vector<std::string> errors;
    const nlohmann::json* op = Find({"paths", path, method});
    if (op == nullptr) return {method + " " + path + ": niet in het document"};
    const nlohmann::json& responses = (*op)["responses"];
    // A status the operation does not list falls under "default", as OpenAPI says.
    std::string code = std::to_string(status);
    if (!responses.contains(code)) code = "default";
    if (!responses.contains(code)) return {method + " " + path + ": geen antwoord " + code};
    const nlohmann::json& answer = responses[code];
    if (!answer.contains("content")) return {method + " " + path + " " + code + ": geen inhoud"};
    const nlohmann::json& content = answer["content"];
    const nlohmann::json& media = content.begin().value();
    if (!media.contains("schema")) return {method + " " + path + " " + code + ": geen schema"};
    Validate(media["schema"], body, "$", errors);
    return errors;
  }

 private:
  const nlohmann::json* Find(const std::vector<std::string>& keys) const {
    const nlohmann::json* at = &doc_;
    for (const std::string& k : keys) {
      if (!at->is_object() || !at->contains(k)) return nullptr;
      at = &(*at)[k];
    }
    return at;
  }

  const nlohmann::json& Resolve(const nlohmann::json& schema) const {
    if (!schema.contains("$ref")) return schema;
    const std::string ref = schema["$ref"];
    const std::string name = ref.substr(ref.rfind('/') + 1);
    return doc_["components"]["schemas"][name];
  }

  static bool TypeMatches(const std::string& type, const nlohmann::json& v) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "number") return v.is_number();
    if (type == "integer") {
      return v.is_number_integer() ||
             (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    }
    return false;
  }

  void Validate(const nlohmann::json& schema_in, const nlohmann::json& v, const std::string& at,
                std::vector<std::string>& errors) const {
    const nlohmann::json& schema = Resolve(schema_in);
    if (schema.contains("allOf")) {
      for (const nlohmann::json& part : schema["allOf"]) Validate(part, v, at, errors);
    }
    if (v.is_null()) {
      if (!schema.value("nullable", false) && schema.contains("type")) {
        errors.push_back(at + ": null, maar het schema staat geen null toe");
      }
      return;
    }
    if (schema.contains("type") && !TypeMatches(schema["type"], v)) {
      errors.push_back(at + ": verwacht " + schema["type"].get<std::string>() + ", kreeg " +
                       v.dump().substr(0, 60));
      return;
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const nlohmann::json& e : schema["enum"]) found = found || e == v;
      if (!found) errors.push_back(at + ": " + v.dump() + " staat niet in de enum");
    }
    if (v.is_string()) {
      const size_t n = v.get<std::string>().size();
      if (schema.contains("minLength") && n < schema["minLength"].get<size_t>()) {
        errors.push_back(at + ": te kort");
      }
    }
    if (v.is_array()) {
      if (schema.contains("minItems") && v.size() < schema["minItems"].get<size_t>()) {
        errors.push_back(at + ": te weinig elementen");
      }
      if (schema.contains("maxItems") && v.size() > schema["maxItems"].get<size_t>()) {
        errors.push_back(at + ": te veel elementen");
      }
      if (schema.contains("items")) {
        for (size_t i = 0; i < v.size(); ++i) {
          Validate(schema["items"], v[i], at + "[" + std::to_string(i) + "]", errors);
        }
      }
    }
    if (v.is_object()) {
      for (const nlohmann::json& name : schema.value("required", nlohmann::json::array())) {
        if (!v.contains(name.get<std::string>())) {
          errors.push_back(at + ": verplicht veld " + name.get<std::string>() + " ontbreekt");
        }
      }
      if (schema.contains("properties")) {
        for (const auto& [name, sub] : schema["properties"].items()) {
          if (v.contains(name)) Validate(sub, v[name], at + "." + name, errors);
        }
      }
    }
  }

  nlohmann::json doc_;
};

}  // namespace baken::api::testing
