#include "baken/signals/workflow.h"

#include <string>

namespace baken::signals {
namespace {

struct StateInfo {
  State state;
  std::string_view code;
  std::string_view name;
};

constexpr StateInfo kStates[] = {
    {State::kGemeld, "gemeld", "Gemeld"},
    {State::kInAfwachting, "in_afwachting", "In afwachting"},
    {State::kInBehandeling, "in_behandeling", "In behandeling"},
    {State::kIngepland, "ingepland", "Ingepland"},
    {State::kDoorgezet, "doorgezet_extern", "Doorgezet naar extern"},
    {State::kReactieGevraagd, "reactie_gevraagd", "Reactie gevraagd"},
    {State::kReactieOntvangen, "reactie_ontvangen", "Reactie ontvangen"},
    {State::kAfgehandeld, "afgehandeld", "Afgehandeld"},
    {State::kGeannuleerd, "geannuleerd", "Geannuleerd"},
    {State::kHeropend, "heropend", "Heropend"},
    {State::kGesplitst, "gesplitst", "Gesplitst"},
    {State::kSamengevoegd, "samengevoegd", "Samengevoegd"},
};

const StateInfo& Info(State s) {
  for (const StateInfo& i : kStates) {
    if (i.state == s) return i;
  }
  return kStates[0];
}

// THE table of allowed transitions. `true`: the reporter reads a text (closing, cancelling,
// forwarding, asking a question, reopening), so one must be given.
std::vector<Transition> MakeTable() {
  using enum State;
  std::vector<Transition> t;
  auto add = [&t](std::initializer_list<State> from, State to, bool text) {
    for (State f : from) t.push_back({f, to, text});
  };
  // Working states, between which staff move freely.
  const std::initializer_list<State> open = {kGemeld,           kInAfwachting, kInBehandeling,
                                             kIngepland,        kDoorgezet,    kReactieGevraagd,
                                             kReactieOntvangen, kHeropend};
  add({kGemeld, kInBehandeling, kIngepland, kDoorgezet, kReactieOntvangen, kHeropend},
      kInAfwachting, false);
  add({kGemeld, kInAfwachting, kIngepland, kDoorgezet, kReactieGevraagd, kReactieOntvangen,
       kHeropend},
      kInBehandeling, false);
  add({kGemeld, kInAfwachting, kInBehandeling, kReactieOntvangen, kHeropend}, kIngepland, false);
  add({kGemeld, kInAfwachting, kInBehandeling, kIngepland, kReactieOntvangen, kHeropend},
      kDoorgezet, true);
  add({kGemeld, kInAfwachting, kInBehandeling, kIngepland, kHeropend}, kReactieGevraagd, true);
  add({kReactieGevraagd}, kReactieOntvangen, false);
  add(open, kAfgehandeld, true);
  add({kGemeld, kInAfwachting, kInBehandeling, kIngepland, kDoorgezet, kReactieGevraagd,
       kReactieOntvangen, kHeropend},
      kGeannuleerd, true);
  add({kAfgehandeld, kGeannuleerd}, kHeropend, true);
  return t;
}

}  // namespace

std::string_view StateCode(State s) {
  return Info(s).code;
}
std::string_view StateName(State s) {
  return Info(s).name;
}

StatusOr<State> ParseState(std::string_view code, std::string_view field) {
  for (const StateInfo& i : kStates) {
    if (i.code == code) return i.state;
  }
  std::string known;
  for (const StateInfo& i : kStates) {
    if (!known.empty()) known += ", ";
    known += i.code;
  }
  return InvalidArgumentError(
      "Onbekende status '" + std::string(code) + "'. Bekend zijn: " + known + ".",
      std::string(field));
}

bool IsClosed(State s) {
  return s == State::kAfgehandeld || s == State::kGeannuleerd || s == State::kGesplitst ||
         s == State::kSamengevoegd;
}

const std::vector<Transition>& Transitions() {
  static const std::vector<Transition> table = MakeTable();
  return table;
}

std::vector<State> AllowedNext(State from) {
  std::vector<State> next;
  for (const Transition& t : Transitions()) {
    if (t.from == from) next.push_back(t.to);
  }
  return next;
}

Status CheckTransition(State from, State to, std::string_view reporter_text) {
  if (to == State::kGesplitst || to == State::kSamengevoegd) {
    return FailedPreconditionError(
        "Splitsen en samenvoegen gaan via hun eigen handeling, niet via een statuswijziging.");
  }
  for (const Transition& t : Transitions()) {
    if (t.from != from || t.to != to) continue;
    if (t.reporter_text_required) {
      bool blank = true;
      for (char c : reporter_text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') blank = false;
      }
      if (blank) {
        return InvalidArgumentError("Schrijf een bericht voor de melder bij de status '" +
                                        std::string(StateName(to)) + "'.",
                                    "tekst_melder");
      }
    }
    return Status::Ok();
  }
  return FailedPreconditionError("Van '" + std::string(StateName(from)) +
                                 "' kan een melding niet naar '" + std::string(StateName(to)) +
                                 "'.");
}

}  // namespace baken::signals
