#include "baken/security/password.h"

#include "gtest/gtest.h"

namespace baken::security {
namespace {

TEST(PasswordTest, HashVerifiesOnlyTheRightPassword) {
  const auto params = PasswordHashParams::Interactive();
  StatusOr<std::string> hash = HashPassword("Correct-Paard-Batterij-7", params);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "Correct-Paard-Batterij-7"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct-paard-batterij-7"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("", "Correct-Paard-Batterij-7"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "Correct-Paard-Batterij-7"));
  // Salted: the same password hashes differently each time.
  StatusOr<std::string> again = HashPassword("Correct-Paard-Batterij-7", params);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again);
}

TEST(PasswordTest, NeedsRehashWhenParametersChange) {
  const PasswordHashParams weak{1, size_t{8} << 20};
  StatusOr<std::string> hash = HashPassword("Correct-Paard-Batterij-7", weak);
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(PasswordNeedsRehash(*hash, weak));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, PasswordHashParams::Interactive()));
  EXPECT_TRUE(PasswordNeedsRehash("$2y$10$bcrypt-from-an-old-system", weak));
}

TEST(PasswordPolicyTest, RejectsShortPasswordsWithDutchMessage) {
  Status s = CheckPasswordPolicy("Kort-1", "jan");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "password");
  EXPECT_EQ(s.message(), "Het wachtwoord moet minstens 12 tekens lang zijn");
  // Length counts characters, not bytes: eleven characters with accents is still too short.
  EXPECT_FALSE(CheckPasswordPolicy("ééééééééée1", "jan").ok());
}

TEST(PasswordPolicyTest, RejectsSingleCharacterClass) {
  EXPECT_FALSE(CheckPasswordPolicy("aaaabbbbccccdddd", "jan").ok());
  EXPECT_FALSE(CheckPasswordPolicy("123456789012", "jan").ok());
  EXPECT_TRUE(CheckPasswordPolicy("aaaabbbbcccc1", "jan").ok());
}

TEST(PasswordPolicyTest, RejectsTheUserName) {
  EXPECT_FALSE(CheckPasswordPolicy("jan.jansen1234", "jan.jansen1234").ok());
  Status s = CheckPasswordPolicy("Jan.Jansen1234", "jan.jansen1234");
  EXPECT_EQ(s.message(), "Het wachtwoord mag uw gebruikersnaam niet bevatten");
  EXPECT_FALSE(CheckPasswordPolicy("mijn-jjansen-2026", "JJansen").ok());
  // A two-letter user name inside a good password is not a reason to refuse it.
  EXPECT_TRUE(CheckPasswordPolicy("Zomer-op-het-Wad-2026", "wa").ok());
}

}  // namespace
}  // namespace baken::security
