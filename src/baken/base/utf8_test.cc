#include "baken/base/utf8.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace baken {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Hondenpoep bij de Vismarkt"));
  EXPECT_TRUE(IsValidUtf8("café ruïne ĳs €5 \xF0\x9F\x90\x95"));  // dog emoji
}

TEST(Utf8Test, RefusesOpen311FormBytesFfFe) {
  EXPECT_FALSE(IsValidUtf8("kapot \xFF\xFE"));
  const Status s = RequireUtf8("kapot \xFF\xFE", "description");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "description");
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos);
  EXPECT_TRUE(RequireUtf8("goed", "description").ok());
}

TEST(Utf8Test, RefusesOverlongSurrogatesAndTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("caf\xC3"));           // cut off
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(Utf8Test, RepairReplacesEachInvalidSubpartOnce) {
  EXPECT_EQ(ToValidUtf8("goed"), "goed");
  EXPECT_EQ(ToValidUtf8("a\xFF\xFE"
                        "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ToValidUtf8("caf\xC3"), "caf\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("\xE2\x82"
                        "x"),
            "\xEF\xBF\xBD"
            "x");  // cut-off euro sign
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xF0\x9F\x90 \xED\xA0\x80 \xC0\xAF")));
}

TEST(Utf8Test, RepairedTextSerialisesAsJsonWithoutThrowing) {
  const std::string stored = "lawaai \xFF\xFE bij de Grote Markt";
  EXPECT_THROW(nlohmann::json(stored).dump(), nlohmann::json::type_error);
  const std::string json = nlohmann::json(ToValidUtf8(stored)).dump();
  EXPECT_NE(json.find("\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace baken
