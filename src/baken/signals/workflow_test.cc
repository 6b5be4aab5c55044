#include "baken/signals/workflow.h"

#include <gtest/gtest.h>

#include <set>

namespace baken::signals {
namespace {

TEST(Workflow, CodesRoundTripAndUnknownIsNamed) {
  std::set<std::string_view> codes;
  for (State s : kAllStates) {
    EXPECT_TRUE(codes.insert(StateCode(s)).second);
    StatusOr<State> back = ParseState(StateCode(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
  }
  StatusOr<State> bad = ParseState("klaar");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "status");
  EXPECT_NE(bad.status().message().find("in_behandeling"), std::string::npos);
}

TEST(Workflow, NormalLifecycleIsAllowed) {
  EXPECT_TRUE(CheckTransition(State::kGemeld, State::kInBehandeling, "").ok());
  EXPECT_TRUE(CheckTransition(State::kInBehandeling, State::kIngepland, "").ok());
  EXPECT_TRUE(CheckTransition(State::kIngepland, State::kAfgehandeld, "Opgeruimd.").ok());
  EXPECT_TRUE(CheckTransition(State::kAfgehandeld, State::kHeropend, "U was niet tevreden.").ok());
  EXPECT_TRUE(CheckTransition(State::kHeropend, State::kInBehandeling, "").ok());
  EXPECT_TRUE(
      CheckTransition(State::kInBehandeling, State::kReactieGevraagd, "Welk huisnummer?").ok());
  EXPECT_TRUE(CheckTransition(State::kReactieGevraagd, State::kReactieOntvangen, "").ok());
}

TEST(Workflow, ReporterTextIsRequiredWhereTheReporterReadsIt) {
  for (State to :
       {State::kAfgehandeld, State::kGeannuleerd, State::kDoorgezet, State::kReactieGevraagd}) {
    Status s = CheckTransition(State::kInBehandeling, to, "  \n");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << StateCode(to);
    EXPECT_EQ(s.field(), "tekst_melder");
  }
}

TEST(Workflow, ClosedMeldingenOnlyReopen) {
  for (State closed : {State::kAfgehandeld, State::kGeannuleerd}) {
    EXPECT_TRUE(IsClosed(closed));
    EXPECT_EQ(AllowedNext(closed), std::vector<State>{State::kHeropend});
    Status s = CheckTransition(closed, State::kIngepland, "x");
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(s.message().find("Ingepland"), std::string::npos);
  }
  // Split and merged meldingen live on elsewhere: nothing leaves those states.
  EXPECT_TRUE(AllowedNext(State::kGesplitst).empty());
  EXPECT_TRUE(AllowedNext(State::kSamengevoegd).empty());
  EXPECT_FALSE(CheckTransition(State::kGemeld, State::kSamengevoegd, "x").ok());
  EXPECT_FALSE(CheckTransition(State::kGemeld, State::kGemeld, "").ok());
}

TEST(Workflow, EveryOpenStateCanBeClosedAndCancelled) {
  for (State s : kAllStates) {
    if (IsClosed(s)) continue;
    EXPECT_TRUE(CheckTransition(s, State::kAfgehandeld, "Klaar.").ok()) << StateCode(s);
    EXPECT_TRUE(CheckTransition(s, State::kGeannuleerd, "Geen taak voor de gemeente.").ok())
        << StateCode(s);
  }
}

}  // namespace
}  // namespace baken::signals
