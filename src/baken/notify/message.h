// Message and EventForMail: what the notify module mails to a reporter, and the event it mails
// about.
//
// EventForMail is what the signals service knows at the moment a melding changes (intake, a status
// change with a text for the reporter, closing); ComposeMail (templates.h) turns it into a
// Message, or into nothing when no mail is due. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/signals/workflow.h"

namespace baken::notify {

enum class MailKind {
  kConfirmation,  // confirmation after intake
  kStatusChange,  // a status change with a text for the reporter
  kSatisfaction,  // satisfaction question after closing
};
std::string_view MailKindCode(MailKind kind);  // "bevestiging", "statuswijziging", "tevredenheid"
StatusOr<MailKind> ParseMailKind(std::string_view code, std::string_view field = "soort");

// One e-mail as stored in the outbox.
struct Message {
  std::string tenant;
  std::string melding_id;
  MailKind kind = MailKind::kConfirmation;
  std::string to_address;
  std::string subject;    // UTF-8, one line
  std::string body_text;  // UTF-8 plain text, '\n' line ends
  // Unique per mail that may be sent once: a replay of the same event finds it taken.
  std::string dedupe_key;
};

// What happened to a melding, as the signals service passes it inside its transaction.
struct EventForMail {
  MailKind kind = MailKind::kConfirmation;
  std::string tenant;
  std::string melding_id;
  std::string number;  // "M-2026-000123"
  // The history entry (seq) of the change; with kind and melding it forms the dedupe key, so a
  // replay of the same change never mails twice. 0 at intake.
  int64_t event_seq = 0;
  std::string reporter_email;  // empty: the reporter gave no address, nothing is mailed
  std::string reporter_name;   // empty: "Beste melder,"
  bool consent_to_contact = false;
  std::string category_public_name;  // "Container vol of kapot"
  std::string handling_message;      // the category's "afhandelbericht"
  std::optional<Timestamp> deadline;
  signals::State state = signals::State::kGemeld;
  std::string reporter_text;  // the text for the reporter with a status change
  // Where the melding is, in words ("bij Oude Boteringestraat, 9712 GH"); empty: not said.
  std::string place;
  // The private follow code. Only known at intake (afterwards only its hash is stored), so the
  // confirmation carries the personal link and later mails point to the follow page with the
  // number; when given for a later mail, the personal link is used there too.
  std::string follow_code;
};

}  // namespace baken::notify
