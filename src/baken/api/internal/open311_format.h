// Open311 GeoReport v2 output in both of the specification's formats from one value tree.
//
// A Node is an element with either text or children; lists repeat an element name
// (<services><service>..</service></services> in XML, an array of objects in JSON). XML output
// starts with the declaration (UTF-8) and escapes & < > " '; JSON keeps the specification's
// shapes (top-level arrays for services, requests and errors). Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace baken::api::internal {

struct Open311Node {
  std::string name;
  std::optional<std::string> text;  // leaf value; nullopt with no children: empty / null
  bool is_number = false;           // JSON: write the text unquoted
  bool is_bool = false;
  std::vector<Open311Node> children;
  bool is_list = false;  // children are repeated items (JSON array)

  static Open311Node Leaf(std::string name, std::optional<std::string> text);
  static Open311Node Number(std::string name, double value);
  static Open311Node Bool(std::string name, bool value);
  static Open311Node List(std::string name, std::vector<Open311Node> items);
  static Open311Node Object(std::string name, std::vector<Open311Node> members);
};

enum class Open311Format { kJson, kXml };

// "json" / "xml"; nullopt for anything else.
std::optional<Open311Format> ParseOpen311Format(const std::string& extension);
std::string Open311ContentType(Open311Format f);

// A list root (services, service_requests, errors) renders as a JSON array; an object root
// (discovery, service_definition) as a JSON object.
std::string RenderOpen311(const Open311Node& root, Open311Format format);

std::string XmlEscape(const std::string& text);

// application/x-www-form-urlencoded: name=value pairs, '+' is a space, %XX decoded. Malformed
// escapes are kept literally. Repeated names keep every value, in order.
std::vector<std::pair<std::string, std::string>> ParseFormBody(const std::string& body);

}  // namespace baken::api::internal
