#include "baken/base/status.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace baken {
namespace {

StatusOr<int> ParseAge(const std::string& text) {
  if (text.empty()) return InvalidArgumentError("Leeftijd ontbreekt.", "leeftijd");
  return std::stoi(text);
}

Status Doubled(const std::string& text, int& out) {
  ASSIGN_OR_RETURN(int age, ParseAge(text));
  out = 2 * age;
  return Status::Ok();
}

Status Chain(const std::string& text) {
  int out = 0;
  RETURN_IF_ERROR(Doubled(text, out));
  RETURN_IF_ERROR(ParseAge(text));
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeFieldAndDutchMessage) {
  Status s = InvalidArgumentError("Het veld is verplicht.", "omschrijving");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "omschrijving");
  EXPECT_EQ(s.ToString(), "invalid_argument: omschrijving: Het veld is verplicht.");
  EXPECT_EQ(s.WithContext("rij 12").message(), "rij 12: Het veld is verplicht.");
}

TEST(StatusTest, EveryCodeHasAStableName) {
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
}

TEST(StatusOrTest, HoldsValueOrError) {
  StatusOr<int> good = ParseAge("41");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 41);
  StatusOr<int> bad = ParseAge("");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "leeftijd");
}

TEST(StatusOrTest, MoveOnlyValues) {
  StatusOr<std::unique_ptr<int>> p = std::make_unique<int>(7);
  ASSERT_TRUE(p.ok());
  std::unique_ptr<int> taken = std::move(p).value();
  EXPECT_EQ(*taken, 7);
}

TEST(StatusOrTest, OkStatusIsNotAValue) {
  StatusOr<int> s = Status::Ok();
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
}

TEST(StatusMacrosTest, PropagateFirstError) {
  int out = 0;
  EXPECT_TRUE(Doubled("4", out).ok());
  EXPECT_EQ(out, 8);
  EXPECT_EQ(Chain("").code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Chain("3").ok());
}

}  // namespace
}  // namespace baken
