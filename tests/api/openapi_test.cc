// The OpenAPI document served at /api/v1/openapi.json describes exactly the registered routes.
#include <regex>

#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;

class OpenApiTest : public ApiTestEnv {};

TEST_F(OpenApiTest, EveryRegisteredRouteIsDescribedAndNothingElse) {
  StartServer();
  auto res = client_->Get("/api/v1/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json doc = json::parse(res->body);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_FALSE(doc.contains("x-ongedocumenteerd"))
      << "routes without documentation in src/baken/api/openapi.cc: "
      << doc["x-ongedocumenteerd"].dump();

  size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      ++operations;
      EXPECT_TRUE(op.contains("summary")) << method << " " << path;
      EXPECT_TRUE(op["responses"].is_object()) << method << " " << path;
      // Every {param} in the path template is declared as a path parameter.
      std::regex param(R"(\{([a-z_]+)\})");
      for (auto it = std::sregex_iterator(path.begin(), path.end(), param);
           it != std::sregex_iterator(); ++it) {
        bool declared = false;
        for (const json& p : op.value("parameters", json::array())) {
          declared |= p["in"] == "path" && p["name"] == (*it)[1].str();
        }
        EXPECT_TRUE(declared) << (*it)[1].str() << " in " << method << " " << path;
      }
    }
  }
  EXPECT_EQ(operations, server_->routes().size());

  // Schemas referenced exist.
  const std::string text = doc.dump();
  std::regex ref("#/components/schemas/([A-Za-z]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), ref); it != std::sregex_iterator();
       ++it) {
    EXPECT_TRUE(doc["components"]["schemas"].contains((*it)[1].str())) << (*it)[1].str();
  }
}

}  // namespace
}  // namespace baken::api::testing
