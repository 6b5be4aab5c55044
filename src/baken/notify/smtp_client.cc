#include "baken/notify/smtp_client.h"

#include <cstdio>
#include <vector>

#include "baken/base/time_zone.h"
#include "baken/notify/internal/socket.h"

namespace baken::notify {

namespace {

using internal::Socket;

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (static_cast<uint8_t>(in[i]) << 16) |
                       (static_cast<uint8_t>(in[i + 1]) << 8) | static_cast<uint8_t>(in[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool IsPrintableAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) > 0x7F) return false;
  }
  return true;
}

// Text with every line end made CRLF, ending in CRLF.
std::string ToCrlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

bool HasLongLine(std::string_view crlf_text) {
  size_t start = 0;
  while (start < crlf_text.size()) {
    size_t end = crlf_text.find("\r\n", start);
    if (end == std::string_view::npos) end = crlf_text.size();
    if (end - start > 998) return true;
    start = end + 2;
  }
  return false;
}

std::string Rfc5322Date(Timestamp t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const LocalDateTime local = ToAmsterdam(t);
  const int offset = AmsterdamOffsetMinutes(t);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %u %s %d %02d:%02d:%02d +%02d%02d",
                kDays[AmsterdamWeekday(t).c_encoding()], static_cast<unsigned>(local.date.day()),
                kMonths[static_cast<unsigned>(local.date.month()) - 1],
                static_cast<int>(local.date.year()), local.hour, local.minute, local.second,
                offset / 60, offset % 60);
  return buf;
}

std::string DomainOf(const std::string& address) {
  const size_t at = address.rfind('@');
  return at == std::string::npos ? "baken.localdomain" : address.substr(at + 1);
}

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // text after the code
  std::string Text() const {
    std::string t = std::to_string(code);
    for (const std::string& l : lines) t += " " + l;
    return t;
  }
};

class Session {
 public:
  Session(Socket socket, std::chrono::milliseconds timeout)
      : socket_(std::move(socket)), timeout_(timeout) {}

  StatusOr<Reply> Read() {
    Reply reply;
    for (;;) {
      ASSIGN_OR_RETURN(std::string line, socket_.ReadLine(timeout_, 4096));
      if (line.size() < 3 || line[0] < '2' || line[0] > '5') {
        return UnavailableError("Onverwacht antwoord van de mailserver.");
      }
      reply.code = std::stoi(line.substr(0, 3));
      reply.lines.push_back(line.size() > 4 ? line.substr(4) : "");
      if (line.size() == 3 || line[3] == ' ') return reply;
      if (line[3] != '-') return UnavailableError("Onverwacht antwoord van de mailserver.");
    }
  }

  // Sends `command` (shown as `shown` in errors, so AUTH never shows a credential) and expects
  // a reply with code `expected`.
  StatusOr<Reply> Command(const std::string& command, int expected, const std::string& shown) {
    RETURN_IF_ERROR(socket_.WriteAll(command + "\r\n", timeout_));
    return Expect(expected, shown);
  }

  StatusOr<Reply> Expect(int expected, const std::string& step) {
    ASSIGN_OR_RETURN(Reply reply, Read());
    if (reply.code == expected) return reply;
    std::string message = "De mailserver weigerde " + step + ": " + reply.Text();
    if (reply.code >= 500) return FailedPreconditionError(std::move(message));
    return UnavailableError(std::move(message));
  }

  Status Write(const std::string& data) { return socket_.WriteAll(data, timeout_); }

 private:
  Socket socket_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

StatusOr<SmtpOptions> SmtpOptionsFromConfig(const Config& config) {
  SmtpOptions o;
  if (config.Has("smtp.host")) {
    ASSIGN_OR_RETURN(o.host, config.GetString("smtp.host"));
  }
  if (config.Has("smtp.port")) {
    ASSIGN_OR_RETURN(int64_t port, config.GetInt("smtp.port"));
    if (port < 1 || port > 65535) {
      return InvalidArgumentError("Poort moet tussen 1 en 65535 liggen.", "smtp.port");
    }
    o.port = static_cast<int>(port);
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
  if (config.Has("smtp.timeout")) {
    ASSIGN_OR_RETURN(std::chrono::microseconds t, config.GetDuration("smtp.timeout"));
    o.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(t);
  }
  return o;
}

std::string EncodeHeaderValue(const std::string& text) {
  if (IsPrintableAscii(text)) return text;
  // Encoded-words of at most 75 characters: 45 bytes of UTF-8 give 60 base64 characters plus
  // 12 for "=?UTF-8?B?" and "?=". A character is never split over two words (RFC 2047 5).
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + 45);
    while (end < text.size() && end > start && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(text).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string QuotedPrintable(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  const std::string crlf = ToCrlf(text);
  size_t start = 0;
  while (start < crlf.size()) {
    const size_t end = crlf.find("\r\n", start);
    std::string line;
    size_t width = 0;
    for (size_t i = start; i < end; ++i) {
      const auto c = static_cast<uint8_t>(crlf[i]);
      const bool last = i + 1 == end;
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
        piece = std::string(1, static_cast<char>(c));
      } else {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      if (width + piece.size() > 75) {  // soft line break: at most 76 characters with the '='
        line += "=\r\n";
        width = 0;
      }
      line += piece;
      width += piece.size();
    }
    out += line + "\r\n";
    start = end + 2;
  }
  return out;
}

std::string DotStuff(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string FormatMessage(const Message& message, const std::string& from, Timestamp date,
                          const std::string& message_id, bool allow_8bit) {
  const std::string body = ToCrlf(message.body_text);
  std::string encoding = "7bit";
  std::string encoded_body = body;
  if (!IsAscii(body) || HasLongLine(body)) {
    if (allow_8bit && !HasLongLine(body)) {
      encoding = "8bit";
    } else {
      encoding = "quoted-printable";
      encoded_body = QuotedPrintable(message.body_text);
    }
  }
  std::string out;
  out += "Date: " + Rfc5322Date(date) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + message.to_address + "\r\n";
  out += "Subject: " + EncodeHeaderValue(message.subject) + "\r\n";
  out += "Message-ID: <" + message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: " + encoding + "\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += encoded_body;
  return out;
}

SmtpClient::SmtpClient(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

Status SmtpClient::Send(const Message& message, const std::string& message_id) {
  if (message.to_address.find_first_of("\r\n<> ") != std::string::npos ||
      options_.from.find_first_of("\r\n<> ") != std::string::npos) {
    return InvalidArgumentError("Ongeldig e-mailadres.", "aan");
  }
  // This client speaks plain TCP only: a password would cross the network readable by anyone
  // on the path. Refuse before connecting; the reason lands in the outbox and in `mail test`.
  if (!options_.password.empty()) {
    return FailedPreconditionError(
        "Er is een wachtwoord ingesteld (smtp.password), maar deze verbinding is niet "
        "versleuteld (geen STARTTLS): Baken stuurt het wachtwoord niet onversleuteld en verstuurt "
        "daarom niets. Gebruik een relay zonder wachtwoord op deze machine of een versleutelde "
        "verbinding.");
  }
  ASSIGN_OR_RETURN(Socket socket, Socket::Connect(options_.host, options_.port, options_.timeout));
  Session s(std::move(socket), options_.timeout);
  RETURN_IF_ERROR(s.Expect(220, "de verbinding"));
  ASSIGN_OR_RETURN(Reply ehlo, s.Command("EHLO " + options_.helo_name, 250, "EHLO"));
  bool eight_bit = false;
  bool auth_plain = false;
  for (const std::string& line : ehlo.lines) {
    std::string upper;
    for (char c : line) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "8BITMIME") eight_bit = true;
    if (upper.rfind("AUTH", 0) == 0 && upper.find(" PLAIN") != std::string::npos) {
      auth_plain = true;
    }
  }
  if (!options_.user.empty()) {
    if (!auth_plain) {
      return FailedPreconditionError(
          "De mailserver biedt geen AUTH PLAIN aan (zonder STARTTLS); aanmelden kan niet.");
    }
    const std::string credentials = std::string(1, '\0') + options_.user + '\0' + options_.password;
    RETURN_IF_ERROR(s.Command("AUTH PLAIN " + Base64(credentials), 235, "de aanmelding"));
  }
  const std::string domain = DomainOf(options_.from);
  const std::string full_id = message_id + "@" + domain;
  const std::string text = FormatMessage(message, options_.from, clock_.Now(), full_id, eight_bit);
  const bool is_8bit = text.find("Content-Transfer-Encoding: 8bit") != std::string::npos;
  RETURN_IF_ERROR(s.Command("MAIL FROM:<" + options_.from + ">" + (is_8bit ? " BODY=8BITMIME" : ""),
                            250, "de afzender"));
  RETURN_IF_ERROR(s.Command("RCPT TO:<" + message.to_address + ">", 250, "de ontvanger"));
  RETURN_IF_ERROR(s.Command("DATA", 354, "DATA"));
  RETURN_IF_ERROR(s.Write(DotStuff(text) + ".\r\n"));
  RETURN_IF_ERROR(s.Expect(250, "het bericht"));
  // The message is accepted; a failing QUIT changes nothing about that.
  (void)s.Command("QUIT", 221, "QUIT");
  return Status::Ok();
}

}  // namespace baken::notify
