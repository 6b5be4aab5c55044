// A melding (signal) as the signals module sees it: what comes in (NewMelding), what is stored
// (Melding) and what happened to it (HistoryEntry). Plain values; validation is in intake.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/base/tenant.h"
#include "baken/security/roles.h"
#include "baken/signals/workflow.h"

namespace baken::signals {

enum class Channel { kWeb, kApp, kPhone, kBoa, kPartner, kImport };
std::string_view ChannelCode(Channel c);  // "web", "app", "telefoon", "boa", "partner", "import"
StatusOr<Channel> ParseChannel(std::string_view code, std::string_view field = "kanaal");

enum class Priority { kLow, kNormal, kHigh };
std::string_view PriorityCode(Priority p);  // "laag", "normaal", "hoog"
StatusOr<Priority> ParsePriority(std::string_view code, std::string_view field = "prioriteit");

struct Reporter {
  std::string name;
  std::string email;
  std::string phone;
  bool consent_to_contact = false;  // may the municipality contact them about this melding
  bool anonymous() const { return name.empty() && email.empty() && phone.empty(); }
};

// A location as given: WGS84 (lon, lat) or RD New (x, y metres).
struct GivenLocation {
  enum class Crs { kWgs84, kRd };
  Crs crs = Crs::kWgs84;
  double a = 0;  // lon or x
  double b = 0;  // lat or y
};

struct NewAttachment {
  std::string file_name;
  std::string content_type;  // image/jpeg, image/png, image/webp, application/pdf
  std::string bytes;
};

struct NewMelding {
  std::string tenant = kDefaultTenant;
  std::string text;
  std::string category;  // sub code; empty: let the classifier suggest one
  GivenLocation location;
  std::optional<Timestamp> occurred_at;  // when it happened; default: received
  Channel channel = Channel::kWeb;
  Reporter reporter;
  std::vector<NewAttachment> attachments;
  std::string idempotency_key;  // same key again: the first result, nothing new stored
  std::string source_id;        // imports: id in the source system; unique per tenant + channel
  std::optional<Priority> priority;
};

struct Attachment {
  std::string id;
  std::string file_name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;  // hex; the file is stored under this name outside the database
};

struct Melding {
  std::string id;      // UUID v7
  std::string number;  // "M-2026-000123"
  std::string tenant;
  std::string text;
  std::string category;
  std::string main_category;
  security::Sensitivity sensitivity = security::Sensitivity::kInternal;
  double x = 0, y = 0;      // RD New
  double lon = 0, lat = 0;  // WGS84
  std::string buurt;        // CBS code
  std::string wijk;
  // The nearest street and its postcode ("9712GH") from the address table, not stored: filled
  // by MeldingService on every read (empty without a table or when none lies within 250 m).
  // The table knows postcodes, not house numbers.
  std::string street;
  std::string postcode;
  Timestamp occurred_at;
  Timestamp received_at;
  Channel channel = Channel::kWeb;
  Reporter reporter;
  State state = State::kGemeld;
  std::string department;
  std::string assignee;
  Priority priority = Priority::kNormal;
  Timestamp deadline;
  std::optional<Timestamp> closed_at;
  std::string parent_id;     // set on a deelmelding
  std::string duplicate_of;  // set when merged into another melding
  std::string source_id;
  std::vector<Attachment> attachments;
  int64_t version = 0;  // increases with every change (optimistic concurrency, ETag)
};

// Handling time against the deadline.
enum class Timeliness { kOnTime, kLate, kVeryLate };  // very late: more than 3x the allowed time
Timeliness TimelinessAt(const Melding& m, Timestamp now);

enum class HistoryKind {
  kCreated,
  kStatus,
  kCategory,
  kDepartment,
  kAssignee,
  kNote,
  kPriority,
  kRouting,
  kLocation,
  kSplit,
  kMerged,
  kAttachment,
  kFeedback
};
std::string_view HistoryKindCode(HistoryKind k);

struct HistoryEntry {
  int64_t seq = 0;
  Timestamp at;
  std::string actor;  // user id, "api:<client>", "melder", "systeem"
  HistoryKind kind = HistoryKind::kCreated;
  std::string from;
  std::string to;
  std::string text;           // note or reporter text
  bool for_reporter = false;  // shown on the follow page and mailed
  std::string rule;           // routing rule that decided (kRouting)
};

}  // namespace baken::signals
