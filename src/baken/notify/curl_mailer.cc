#include "baken/notify/curl_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include "baken/notify/mime.h"

namespace baken::notify {

namespace {

// curl_global_init is not thread-safe; run it once, before the first handle.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// The message handed to curl piece by piece; curl dot-stuffs and ends it with ".".
struct Upload {
  std::string_view rest;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

std::string DomainOf(const std::string& address) {
  const size_t at = address.rfind('@');
  return at == std::string::npos ? "baken.localdomain" : address.substr(at + 1);
}

std::string Url(const SmtpOptions& o) {
  const std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  const char* scheme = o.tls == SmtpTls::kImplicit ? "smtps://" : "smtp://";
  return scheme + host + ":" + std::to_string(o.port) + "/" + o.helo_name;
}

// The Dutch reason for a failed transfer; `reply` is the last SMTP reply code (0 if none).
Status TransferError(CURLcode code, long reply, const char* detail) {
  const std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  switch (code) {
    case CURLE_USE_SSL_FAILED:
      return FailedPreconditionError(
          "De mailserver biedt geen STARTTLS aan: Baken verstuurt niets onversleuteld (smtp.tls). "
          "Kies een server met STARTTLS of smtps, of voor een relay zonder wachtwoord op deze "
          "machine smtp.tls = geen.");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return FailedPreconditionError(
          "Het certificaat van de mailserver is niet vertrouwd of hoort niet bij smtp.host; "
          "niets verstuurd. Controleer smtp.host en smtp.ca_bestand.");
    case CURLE_SSL_CONNECT_ERROR:
      return UnavailableError("De versleutelde verbinding met de mailserver mislukte: " + why);
    case CURLE_LOGIN_DENIED:
      return FailedPreconditionError(
          "De mailserver weigerde de aanmelding; controleer smtp.user en smtp.password.");
    case CURLE_OPERATION_TIMEDOUT:
      return UnavailableError("De mailserver antwoordde niet op tijd (smtp.timeout).");
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return UnavailableError("De mailserver is niet bereikbaar (smtp.host, smtp.port): " + why);
    default: break;
  }
  std::string message = "De mailserver weigerde het bericht: " + why;
  if (reply >= 500) return FailedPreconditionError(std::move(message));
  return UnavailableError(std::move(message));
}

}  // namespace

CurlMailer::CurlMailer(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {
  InitCurlOnce();
}

Status CurlMailer::Send(const Message& message, const std::string& message_id) {
  if (message.to_address.find_first_of("\r\n<> ") != std::string::npos ||
      message.to_address.find('@') == std::string::npos ||
      options_.from.find_first_of("\r\n<> ") != std::string::npos) {
    return InvalidArgumentError("Ongeldig e-mailadres.", "aan");
  }
  // Without TLS a password would cross the network readable by anyone on the path. Refuse
  // before connecting; the reason lands in the outbox and in `baken mail test`.
  if (options_.tls == SmtpTls::kNone && !options_.password.empty()) {
    return FailedPreconditionError(
        "Er is een wachtwoord ingesteld (smtp.password), maar deze verbinding is niet "
        "versleuteld (smtp.tls = geen): Baken stuurt het wachtwoord niet onversleuteld en "
        "verstuurt daarom niets. Kies smtp.tls = starttls (STARTTLS) of smtps.");
  }
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return InternalError("E-mail versturen kon niet worden voorbereid.");
  const std::string full_id = message_id + "@" + DomainOf(options_.from);
  const std::string text = FormatMessage(message, options_.from, clock_.Now(), full_id, false);
  Upload upload{text};
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + message.to_address + ">").c_str()));
  char error[CURL_ERROR_SIZE] = {};
  const std::string url = Url(options_);
  const std::string from = "<" + options_.from + ">";
  const long connect_ms = static_cast<long>(options_.timeout.count());
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 4 * connect_ms);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  if (options_.tls != SmtpTls::kNone) {
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  }
  if (!options_.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) return Status::Ok();
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  return TransferError(code, reply, error);
}

}  // namespace baken::notify
