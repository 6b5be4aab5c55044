#include "baken/signals/melding.h"

#include <array>
#include <string>

namespace baken::signals {
namespace {

template <typename E, size_t N>
StatusOr<E> ParseCode(std::string_view code,
                      const std::array<std::pair<E, std::string_view>, N>& table,
                      std::string_view what, std::string_view field) {
  std::string known;
  for (const auto& [value, name] : table) {
    if (name == code) return value;
    if (!known.empty()) known += ", ";
    known += name;
  }
  return InvalidArgumentError(
      "Onbekend " + std::string(what) + " '" + std::string(code) + "'. Bekend zijn: " + known + ".",
      std::string(field));
}

template <typename E, size_t N>
std::string_view CodeOf(E value, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

constexpr std::array<std::pair<Channel, std::string_view>, 6> kChannels = {{
    {Channel::kWeb, "web"},
    {Channel::kApp, "app"},
    {Channel::kPhone, "telefoon"},
    {Channel::kBoa, "boa"},
    {Channel::kPartner, "partner"},
    {Channel::kImport, "import"},
}};

constexpr std::array<std::pair<Priority, std::string_view>, 3> kPriorities = {{
    {Priority::kLow, "laag"},
    {Priority::kNormal, "normaal"},
    {Priority::kHigh, "hoog"},
}};

constexpr std::array<std::pair<HistoryKind, std::string_view>, 13> kHistoryKinds = {{
    {HistoryKind::kCreated, "aangemaakt"},
    {HistoryKind::kStatus, "status"},
    {HistoryKind::kCategory, "categorie"},
    {HistoryKind::kDepartment, "afdeling"},
    {HistoryKind::kAssignee, "behandelaar"},
    {HistoryKind::kNote, "notitie"},
    {HistoryKind::kPriority, "prioriteit"},
    {HistoryKind::kRouting, "routering"},
    {HistoryKind::kLocation, "locatie"},
    {HistoryKind::kSplit, "gesplitst"},
    {HistoryKind::kMerged, "samengevoegd"},
    {HistoryKind::kAttachment, "bijlage"},
    {HistoryKind::kFeedback, "tevredenheid"},
}};

}  // namespace

std::string_view ChannelCode(Channel c) {
  return CodeOf(c, kChannels);
}
StatusOr<Channel> ParseChannel(std::string_view code, std::string_view field) {
  return ParseCode(code, kChannels, "kanaal", field);
}

std::string_view PriorityCode(Priority p) {
  return CodeOf(p, kPriorities);
}
StatusOr<Priority> ParsePriority(std::string_view code, std::string_view field) {
  return ParseCode(code, kPriorities, "prioriteit", field);
}

std::string_view HistoryKindCode(HistoryKind k) {
  return CodeOf(k, kHistoryKinds);
}

Timeliness TimelinessAt(const Melding& m, Timestamp now) {
  const Timestamp end = m.closed_at.value_or(now);
  if (end <= m.deadline) return Timeliness::kOnTime;
  // "More than 3x late": handling took more than three times the time allowed.
  const auto allowed = m.deadline - m.received_at;
  const auto taken = end - m.received_at;
  if (allowed.count() > 0 && taken > 3 * allowed) return Timeliness::kVeryLate;
  return Timeliness::kLate;
}

}  // namespace baken::signals
