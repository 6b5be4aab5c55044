#include "baken/api/internal/open311_format.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace baken::api::internal {
namespace {

using nlohmann::json;

json ToJson(const Open311Node& n) {
  if (n.is_list) {
    json a = json::array();
    for (const Open311Node& c : n.children) a.push_back(ToJson(c));
    return a;
  }
  if (!n.children.empty()) {
    json o = json::object();
    for (const Open311Node& c : n.children) o[c.name] = ToJson(c);
    return o;
  }
  if (!n.text) return nullptr;
  if (n.is_bool) return *n.text == "true";
  if (n.is_number) return json::parse(*n.text, nullptr, false);
  return *n.text;
}

void ToXml(const Open311Node& n, std::string& out) {
  out += "<" + n.name + ">";
  if (!n.children.empty()) {
    for (const Open311Node& c : n.children) ToXml(c, out);
  } else if (n.text) {
    out += XmlEscape(*n.text);
  }
  out += "</" + n.name + ">";
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

Open311Node Open311Node::Leaf(std::string name, std::optional<std::string> text) {
  Open311Node n;
  n.name = std::move(name);
  n.text = std::move(text);
  return n;
}

Open311Node Open311Node::Number(std::string name, double value) {
  Open311Node n;
  n.name = std::move(name);
  n.text = std::isfinite(value) ? fmt::format("{}", value) : "0";
  n.is_number = true;
  return n;
}

Open311Node Open311Node::Bool(std::string name, bool value) {
  Open311Node n;
  n.name = std::move(name);
  n.text = value ? "true" : "false";
  n.is_bool = true;
  return n;
}

Open311Node Open311Node::List(std::string name, std::vector<Open311Node> items) {
  Open311Node n;
  n.name = std::move(name);
  n.children = std::move(items);
  n.is_list = true;
  return n;
}

Open311Node Open311Node::Object(std::string name, std::vector<Open311Node> members) {
  Open311Node n;
  n.name = std::move(name);
  n.children = std::move(members);
  return n;
}

std::optional<Open311Format> ParseOpen311Format(const std::string& extension) {
  if (extension == "json") return Open311Format::kJson;
  if (extension == "xml") return Open311Format::kXml;
  return std::nullopt;
}

std::string Open311ContentType(Open311Format f) {
  return f == Open311Format::kJson ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

std::string RenderOpen311(const Open311Node& root, Open311Format format) {
  if (format == Open311Format::kJson) return ToJson(root).dump();
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  ToXml(root, out);
  out += "\n";
  return out;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab and newlines are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseFormBody(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start < body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    std::string_view part(body.data() + start, amp - start);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      if (eq == std::string_view::npos) {
        out.emplace_back(Decode(part), std::string());
      } else {
        out.emplace_back(Decode(part.substr(0, eq)), Decode(part.substr(eq + 1)));
      }
    }
    start = amp + 1;
  }
  return out;
}

}  // namespace baken::api::internal
