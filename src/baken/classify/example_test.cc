#include "baken/classify/example.h"

#include <gtest/gtest.h>

namespace baken::classify {
namespace {

TEST(ParseExamplesTest, ReadsCodeTabTextSkippingCommentsAndBlanks) {
  auto examples = ParseExamples(
      "# startset\n\nhondenpoep\tHondenpoep op de stoep\r\ngraffiti\t Tags op de brug \n", "x.tsv");
  ASSERT_TRUE(examples.ok()) << examples.status().ToString();
  ASSERT_EQ(examples->size(), 2u);
  EXPECT_EQ((*examples)[0], (Example{"Hondenpoep op de stoep", "hondenpoep"}));
  EXPECT_EQ((*examples)[1], (Example{"Tags op de brug", "graffiti"}));
}

TEST(ParseExamplesTest, NamesTheLineOfAMissingTab) {
  auto examples = ParseExamples("graffiti\tTags\nhondenpoep hondenpoep op de stoep\n", "s.tsv");
  ASSERT_FALSE(examples.ok());
  EXPECT_EQ(examples.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(examples.status().message().find("s.tsv regel 2"), std::string::npos)
      << examples.status().message();
  EXPECT_NE(examples.status().message().find("tab"), std::string::npos);
}

TEST(ParseExamplesTest, RejectsBadCodesEmptyTextAndInvalidUtf8) {
  auto bad_code = ParseExamples("Honden Poep\ttekst\n", "s.tsv");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_EQ(bad_code.status().field(), "categorie");
  EXPECT_NE(bad_code.status().message().find("regel 1"), std::string::npos);

  auto empty = ParseExamples("# kop\ngraffiti\t ?! \n", "s.tsv");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field(), "tekst");
  EXPECT_NE(empty.status().message().find("regel 2"), std::string::npos);

  auto utf8 = ParseExamples("graffiti\tmuur \xC3\n", "s.tsv");
  ASSERT_FALSE(utf8.ok());
  EXPECT_NE(utf8.status().message().find("UTF-8"), std::string::npos);
}

TEST(ReadExamplesFileTest, MissingFileIsNotFound) {
  auto examples = ReadExamplesFile("/nonexistent/baken/starter.tsv");
  ASSERT_FALSE(examples.ok());
  EXPECT_EQ(examples.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace baken::classify
