// The Dutch e-mail texts for reporters, compiled in, and how an event becomes a Message.
//
// Templates are plain text (no HTML) with {{placeholder}} fields. Every template is checked when a
// Templates object is made: a placeholder the kind does not provide is an error at start-up
// (kInvalidArgument naming the template), never a half-filled mail later.
//
// When mails go out (decided here, documented in docs/notify.md):
//  - bevestiging and statuswijziging are texts the reporter needs to read about their own melding;
//    they are sent whenever the reporter gave an e-mail address. A statuswijziging is only mailed
//    when the change carries a text for the reporter (HistoryEntry::for_reporter).
//  - tevredenheid is a survey, not part of handling the melding: only with consent_to_contact.
// Thread-safe once made (const).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"
#include "baken/notify/message.h"

namespace baken::notify {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// The placeholder names used in `text`, in order of appearance (duplicates kept). An unclosed
// "{{" or an empty or malformed name is kInvalidArgument naming `field`.
StatusOr<std::vector<std::string>> Placeholders(std::string_view text,
                                                std::string_view field = "sjabloon");

// Fills every {{name}} from `values`; a name that is missing is kInvalidArgument naming `field`.
StatusOr<std::string> Render(std::string_view text, const TemplateValues& values,
                             std::string_view field = "sjabloon");

// Checks that `text` only uses names in `allowed`.
Status CheckTemplate(std::string_view text, const std::vector<std::string>& allowed,
                     std::string_view field);

class Templates {
 public:
  // `base_url` is the public address of the follow pages, e.g. "https://meldingen.groningen.nl"
  // (a trailing '/' is dropped); `sender_name` signs the mails. Checks every compiled-in template.
  static StatusOr<Templates> Create(std::string base_url,
                                    const std::string& sender_name = "Gemeente Groningen");

  // The mail for `event`, or nullopt when none is due (no address, no consent for a survey, a
  // status change without text). kInvalidArgument for an event that lacks what its kind needs.
  StatusOr<std::optional<Message>> Compose(const EventForMail& event) const;

  const std::string& base_url() const { return base_url_; }

 private:
  Templates(std::string base_url, std::string sender_name)
      : base_url_(std::move(base_url)), sender_name_(std::move(sender_name)) {}
  std::string base_url_;
  std::string sender_name_;
};

}  // namespace baken::notify
