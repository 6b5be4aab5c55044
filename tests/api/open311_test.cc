// Open311 GeoReport v2, driven by a client written only from the specification
// (http://wiki.open311.org/GeoReport_v2): form-encoded POSTs with api_key, XML read with libxml2
// and JSON with nlohmann, the specification's element names and error format.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cmath>

#include "api_test_env.h"
#include "baken/geo/crs.h"
#include "baken/geo/geojson.h"
#include "baken/store/area_repository.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;

// A parsed XML document, freed on scope exit, with the few lookups the client needs.
class Xml {
 public:
  explicit Xml(const std::string& text)
      : doc_(xmlReadMemory(text.data(), static_cast<int>(text.size()), "open311.xml", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {}
  ~Xml() {
    if (doc_ != nullptr) xmlFreeDoc(doc_);
  }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  bool ok() const { return doc_ != nullptr; }
  xmlNode* root() const { return xmlDocGetRootElement(doc_); }

  static std::string Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
  static std::vector<xmlNode*> Children(xmlNode* n, const std::string& name) {
    std::vector<xmlNode*> out;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && Name(c) == name) out.push_back(c);
    }
    return out;
  }
  static std::string Text(xmlNode* n, const std::string& child) {
    for (xmlNode* c : Children(n, child)) {
      xmlChar* content = xmlNodeGetContent(c);
      std::string s = content != nullptr ? reinterpret_cast<const char*>(content) : "";
      xmlFree(content);
      return s;
    }
    return {};
  }

 private:
  xmlDoc* doc_;
};

std::string UrlEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string FormOf(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    if (!body.empty()) body += '&';
    body += UrlEncode(k) + "=" + UrlEncode(v);
  }
  return body;
}

class Open311Test : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    auto key = services_->api_keys.Create("GM0014", "buitenbeter-app", security::Role::kResident,
                                          {security::Purpose::kMeldingAfhandelen});
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    key_ = *key;
  }

  httplib::Result PostRequest(const std::string& format,
                              std::vector<std::pair<std::string, std::string>> fields) {
    return client_->Post("/open311/v2/requests." + format, FormOf(fields),
                         "application/x-www-form-urlencoded");
  }

  std::vector<std::pair<std::string, std::string>> Report(const std::string& service_code,
                                                          double lat = 53.2191,
                                                          double lon = 6.5666) {
    return {{"api_key", key_},
            {"service_code", service_code},
            {"lat", std::to_string(lat)},
            {"long", std::to_string(lon)},
            {"description", "Bank op het plein is kapot getrapt, er steken spijkers uit."},
            {"first_name", "Jan"},
            {"last_name", "Bakker"},
            {"email", "jan.bakker@example.nl"},
            {"attribute[toestemming_contact]", "ja"}};
  }

  std::string key_;
};

TEST_F(Open311Test, DiscoveryAndServicesInBothFormats) {
  auto discovery = client_->Get("/open311/v2/discovery.xml");
  ASSERT_EQ(discovery->status, 200);
  EXPECT_EQ(discovery->get_header_value("Content-Type"), "text/xml; charset=utf-8");
  Xml d(discovery->body);
  ASSERT_TRUE(d.ok()) << discovery->body;
  EXPECT_EQ(Xml::Name(d.root()), "discovery");
  auto endpoints = Xml::Children(Xml::Children(d.root(), "endpoints").at(0), "endpoint");
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(Xml::Text(endpoints[0], "specification"), "http://wiki.open311.org/GeoReport_v2");

  auto services_json = client_->Get("/open311/v2/services.json");
  ASSERT_EQ(services_json->status, 200);
  json services = json::parse(services_json->body);
  ASSERT_TRUE(services.is_array());
  bool found = false;
  for (const json& s : services) {
    EXPECT_TRUE(s["service_code"].is_string());
    EXPECT_TRUE(s["service_name"].is_string());
    EXPECT_TRUE(s["metadata"].is_boolean());
    EXPECT_EQ(s["type"], "realtime");
    found |= s["service_code"] == "meubilair";
  }
  EXPECT_TRUE(found);

  auto services_xml = client_->Get("/open311/v2/services.xml");
  Xml sx(services_xml->body);
  ASSERT_TRUE(sx.ok());
  EXPECT_EQ(Xml::Name(sx.root()), "services");
  EXPECT_EQ(Xml::Children(sx.root(), "service").size(), services.size());

  auto definition = client_->Get("/open311/v2/services/meubilair.xml");
  ASSERT_EQ(definition->status, 200);
  Xml def(definition->body);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(Xml::Name(def.root()), "service_definition");
  EXPECT_EQ(Xml::Text(def.root(), "service_code"), "meubilair");
  auto attributes = Xml::Children(Xml::Children(def.root(), "attributes").at(0), "attribute");
  ASSERT_FALSE(attributes.empty());
  EXPECT_EQ(Xml::Text(attributes[0], "datatype"), "datetime");

  auto unknown = client_->Get("/open311/v2/services/vliegende-schotel.json");
  EXPECT_EQ(unknown->status, 404);
  json errors = json::parse(unknown->body);
  ASSERT_TRUE(errors.is_array());
  EXPECT_EQ(errors[0]["code"], 404);
  EXPECT_TRUE(errors[0]["description"].is_string());
}

TEST_F(Open311Test, PostNeedsAnApiKeyAndValidInput) {
  auto fields = Report("meubilair");
  fields.erase(fields.begin());  // no api_key
  auto res = PostRequest("json", fields);
  ASSERT_EQ(res->status, 403) << res->body;
  EXPECT_EQ(json::parse(res->body)[0]["code"], 403);

  fields = Report("meubilair");
  fields[0].second = "bk_" + std::string(64, '0');
  EXPECT_EQ(PostRequest("json", fields)->status, 403);

  res = PostRequest("xml", Report("meubilair", 52.3702, 4.8952));  // Amsterdam
  ASSERT_EQ(res->status, 400) << res->body;
  Xml err(res->body);
  ASSERT_TRUE(err.ok());
  EXPECT_EQ(Xml::Name(err.root()), "errors");
  auto error = Xml::Children(err.root(), "error").at(0);
  EXPECT_EQ(Xml::Text(error, "code"), "400");
  EXPECT_NE(Xml::Text(error, "description").find("buiten"), std::string::npos);

  EXPECT_EQ(PostRequest("json", Report("vliegende-schotel"))->status, 400);
  fields = Report("meubilair");
  fields.erase(fields.begin() + 2);  // no lat
  EXPECT_EQ(PostRequest("json", fields)->status, 400);
}

TEST_F(Open311Test, CreateThenFollowInXmlAndJson) {
  auto created = PostRequest("json", Report("meubilair"));
  ASSERT_EQ(created->status, 201) << created->body;
  json answer = json::parse(created->body);
  ASSERT_TRUE(answer.is_array());
  const std::string id = answer[0]["service_request_id"];
  EXPECT_FALSE(answer[0]["service_notice"].get<std::string>().empty());

  auto one = client_->Get("/open311/v2/requests/" + id + ".xml");
  ASSERT_EQ(one->status, 200) << one->body;
  Xml x(one->body);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(Xml::Name(x.root()), "service_requests");
  auto request = Xml::Children(x.root(), "request").at(0);
  EXPECT_EQ(Xml::Text(request, "service_request_id"), id);
  EXPECT_EQ(Xml::Text(request, "status"), "open");
  EXPECT_EQ(Xml::Text(request, "service_code"), "meubilair");
  // The location is given on a 100 m cell: near the reported point, not on it.
  const double lat = std::stod(Xml::Text(request, "lat"));
  const double lon = std::stod(Xml::Text(request, "long"));
  auto given = geo::WgsToRd({6.5666, 53.2191});
  auto shown = geo::WgsToRd({lon, lat});
  ASSERT_TRUE(given.ok() && shown.ok());
  EXPECT_LT(std::hypot(given->x - shown->x, given->y - shown->y), 75.0);
  // No personal data and no free text in the public answer.
  EXPECT_EQ(one->body.find("Bakker"), std::string::npos);
  EXPECT_EQ(one->body.find("spijkers"), std::string::npos);

  auto list = client_->Get("/open311/v2/requests.json?status=open&service_code=meubilair");
  ASSERT_EQ(list->status, 200) << list->body;
  json requests = json::parse(list->body);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["service_request_id"], id);
  EXPECT_EQ(requests[0]["status"], "open");
  EXPECT_EQ(json::parse(client_->Get("/open311/v2/requests.json?status=closed")->body).size(), 0u);

  // Staff close it; the app sees closed, but not the message to the reporter (not public).
  const security::User boa = MakeUser("boa", security::Role::kBoa, {"stadsbeheer"});
  httplib::Headers h = CookieHeaders(SessionFor(boa));
  auto closed = client_->Post(
      "/api/v1/meldingen/" + id + "/statuswijzigingen", h,
      json{{"status", "afgehandeld"}, {"tekst_melder", "De bank is vervangen."}}.dump(),
      "application/json");
  ASSERT_EQ(closed->status, 200) << closed->body;
  json after = json::parse(client_->Get("/open311/v2/requests/" + id + ".json")->body);
  EXPECT_EQ(after[0]["status"], "closed");
  EXPECT_TRUE(after[0]["status_notes"].is_null()) << after;
}

TEST_F(Open311Test, ConfidentialCategoriesAreNotPublished) {
  auto created = PostRequest("json", Report("drugsoverlast"));
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)[0]["service_request_id"];
  EXPECT_EQ(client_->Get("/open311/v2/requests/" + id + ".json")->status, 404);
  EXPECT_EQ(json::parse(client_->Get("/open311/v2/requests.json")->body).size(), 0u);
}

}  // namespace
}  // namespace baken::api::testing
