#include "baken/notify/mailer.h"

namespace baken::notify {

namespace {

constexpr std::string_view kSmtpsScheme = "smtps://";

StatusOr<SmtpTls> ParseTls(const std::string& value) {
  if (value == "starttls") return SmtpTls::kStartTls;
  if (value == "smtps") return SmtpTls::kImplicit;
  if (value == "geen") return SmtpTls::kNone;
  return InvalidArgumentError("Kies starttls, smtps of geen.", "smtp.tls");
}

}  // namespace

StatusOr<SmtpOptions> SmtpOptionsFromConfig(const Config& config) {
  SmtpOptions o;
  if (config.Has("smtp.host")) {
    ASSIGN_OR_RETURN(o.host, config.GetString("smtp.host"));
  }
  const bool smtps_host = o.host.rfind(kSmtpsScheme, 0) == 0;
  if (smtps_host) {
    o.host = o.host.substr(kSmtpsScheme.size());
    o.tls = SmtpTls::kImplicit;
    o.port = 465;
  }
  if (o.host.empty() || o.host.find_first_of("/@ \r\n") != std::string::npos) {
    return InvalidArgumentError("Ongeldige mailserver.", "smtp.host");
  }
  if (config.Has("smtp.tls")) {
    ASSIGN_OR_RETURN(std::string tls, config.GetString("smtp.tls"));
    ASSIGN_OR_RETURN(o.tls, ParseTls(tls));
    if (smtps_host && o.tls != SmtpTls::kImplicit) {
      return InvalidArgumentError("smtps:// in smtp.host vraagt smtp.tls = smtps.", "smtp.tls");
    }
  }
  if (config.Has("smtp.port")) {
    ASSIGN_OR_RETURN(int64_t port, config.GetInt("smtp.port"));
    if (port < 1 || port > 65535) {
      return InvalidArgumentError("Poort moet tussen 1 en 65535 liggen.", "smtp.port");
    }
    o.port = static_cast<int>(port);
  } else if (o.tls == SmtpTls::kImplicit) {
    o.port = 465;
  }
  if (config.Has("smtp.ca_bestand")) {
    ASSIGN_OR_RETURN(o.ca_file, config.GetString("smtp.ca_bestand"));
  }
  if (!config.Has("smtp.from")) {
    return InvalidArgumentError("Geef het afzenderadres op (smtp.from).", "smtp.from");
  }
  ASSIGN_OR_RETURN(o.from, config.GetString("smtp.from"));
  if (o.from.find('@') == std::string::npos ||
      o.from.find_first_of("\r\n<> ") != std::string::npos) {
    return InvalidArgumentError("Ongeldig afzenderadres.", "smtp.from");
  }
  if (config.Has("smtp.user")) {
    ASSIGN_OR_RETURN(o.user, config.GetString("smtp.user"));
  }
  if (config.Has("smtp.password")) {
    ASSIGN_OR_RETURN(o.password, config.GetString("smtp.password"));
  }
  if (config.Has("smtp.helo")) {
    ASSIGN_OR_RETURN(o.helo_name, config.GetString("smtp.helo"));
  }
  if (o.helo_name.empty() || o.helo_name.find_first_of("/?#@ \r\n") != std::string::npos) {
    return InvalidArgumentError("Ongeldige naam voor EHLO.", "smtp.helo");
  }
  if (config.Has("smtp.timeout")) {
    ASSIGN_OR_RETURN(std::chrono::microseconds t, config.GetDuration("smtp.timeout"));
    o.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(t);
    if (o.timeout < std::chrono::milliseconds(100) || o.timeout > std::chrono::minutes(5)) {
      return InvalidArgumentError("Kies een tijdslimiet tussen 100 ms en 5 minuten.",
                                  "smtp.timeout");
    }
  }
  return o;
}

}  // namespace baken::notify
