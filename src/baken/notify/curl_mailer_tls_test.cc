// Finding 10 (mail in clear text): CurlMailer and the outbox worker against a tiny SMTP server on
// 127.0.0.1 written here. It greets over plain TCP, advertises STARTTLS (or not) and AUTH PLAIN,
// upgrades with OpenSSL using a throwaway self-signed certificate made by the test, and records
// every command line and mail with whether it came over TLS. Every wait is bounded: the client by
// smtp.timeout, the server by a receive timeout on each connection.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "baken/base/time_zone.h"
#include "baken/notify/curl_mailer.h"
#include "baken/notify/outbox.h"
#include "baken/notify/outbox_worker.h"
#include "baken/notify/templates.h"
#include "baken/store/testing/test_database.h"

namespace baken::notify {
namespace {

constexpr char kUser[] = "baken";
constexpr char kPassword[] = "geheim-wachtwoord";

// A self-signed P-256 certificate for IP 127.0.0.1, written as PEM into `dir`.
struct TestCertificate {
  std::string cert_file;
  std::string key_file;
};

bool MakeCertificate(const std::string& dir, TestCertificate& out) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key != nullptr && cert != nullptr;
  if (ok) {
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                                     std::pair{NID_subject_key_identifier, "hash"},
                                     std::pair{NID_subject_alt_name, "IP:127.0.0.1"}}) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
      ok = ok && ext != nullptr && X509_add_ext(cert, ext, -1) == 1;
      X509_EXTENSION_free(ext);
    }
    ok = ok && X509_sign(cert, key, EVP_sha256()) > 0;
  }
  out.cert_file = dir + "/cert.pem";
  out.key_file = dir + "/key.pem";
  if (ok) {
    FILE* c = std::fopen(out.cert_file.c_str(), "w");
    FILE* k = std::fopen(out.key_file.c_str(), "w");
    ok = c != nullptr && k != nullptr && PEM_write_X509(c, cert) == 1 &&
         PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (c != nullptr) std::fclose(c);
    if (k != nullptr) std::fclose(k);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

struct Line {
  bool over_tls = false;
  std::string text;
};

struct Arrived {
  bool over_tls = false;
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string data;  // dot-unstuffed, CRLF line ends
};

// One client connection: plain TCP until Upgrade(), TLS after.
class Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {
    timeval tv{5, 0};  // a silent client ends the connection after 5 s
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  }
  ~Connection() {
    if (ssl_ != nullptr) {
      SSL_shutdown(ssl_);
      SSL_free(ssl_);
    }
    ::close(fd_);
  }
  bool tls() const { return ssl_ != nullptr; }

  bool Upgrade(SSL_CTX* ctx) {
    ssl_ = SSL_new(ctx);
    SSL_set_fd(ssl_, fd_);
    if (SSL_accept(ssl_) == 1) return true;
    ERR_clear_error();
    SSL_free(ssl_);
    ssl_ = nullptr;
    return false;
  }

  bool Write(const std::string& s) {
    if (ssl_ != nullptr) return SSL_write(ssl_, s.data(), static_cast<int>(s.size())) > 0;
    return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
  }

  // One line without CRLF; false on close, timeout or a line over 64 KiB.
  bool ReadLine(std::string& line) {
    for (;;) {
      const size_t end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return true;
      }
      if (buffer_.size() > 65536) return false;
      char chunk[4096];
      const int n = ssl_ != nullptr ? SSL_read(ssl_, chunk, sizeof(chunk))
                                    : static_cast<int>(::recv(fd_, chunk, sizeof(chunk), 0));
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  SSL* ssl_ = nullptr;
  std::string buffer_;
};

class StartTlsServer {
 public:
  // `implicit_tls`: TLS from the first byte (smtps) instead of STARTTLS.
  StartTlsServer(const TestCertificate& cert, bool offer_starttls, bool implicit_tls = false)
      : offer_starttls_(offer_starttls), implicit_tls_(implicit_tls) {
    ctx_ = SSL_CTX_new(TLS_server_method());
    ok_ = ctx_ != nullptr &&
          SSL_CTX_use_certificate_file(ctx_, cert.cert_file.c_str(), SSL_FILETYPE_PEM) == 1 &&
          SSL_CTX_use_PrivateKey_file(ctx_, cert.key_file.c_str(), SSL_FILETYPE_PEM) == 1;
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    ok_ = ok_ && ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
          ::listen(listen_fd_, 4) == 0 &&
          ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    port_ = ntohs(addr.sin_port);
    if (ok_) thread_ = std::thread([this] { AcceptLoop(); });
  }
  ~StartTlsServer() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
    SSL_CTX_free(ctx_);
  }

  bool ok() const { return ok_; }
  int port() const { return port_; }
  std::vector<Line> Lines() const {
    std::lock_guard lock(mu_);
    return lines_;
  }
  std::vector<Arrived> Mails() const {
    std::lock_guard lock(mu_);
    return mails_;
  }
  int failed_handshakes() const { return failed_handshakes_; }

 private:
  void AcceptLoop() {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd >= 0) Serve(fd);
    }
  }

  void Record(const Connection& c, const std::string& text) {
    std::lock_guard lock(mu_);
    lines_.push_back({c.tls(), text});
  }

  void Serve(int fd) {
    Connection c(fd);
    if (implicit_tls_ && !c.Upgrade(ctx_)) {
      ++failed_handshakes_;
      return;
    }
    if (!c.Write("220 test.localdomain ESMTP\r\n")) return;
    Arrived mail;
    std::string line;
    while (!stopping_ && c.ReadLine(line)) {
      Record(c, line);
      std::string verb = line.substr(0, line.find(' '));
      for (char& ch : verb) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      bool sent = true;
      if (verb == "EHLO") {
        sent =
            c.Write(std::string("250-test.localdomain\r\n") +
                    (offer_starttls_ && !c.tls() ? "250-STARTTLS\r\n" : "") + "250 AUTH PLAIN\r\n");
      } else if (verb == "STARTTLS" && offer_starttls_ && !c.tls()) {
        if (!c.Write("220 2.0.0 Ready to start TLS\r\n")) return;
        if (!c.Upgrade(ctx_)) {
          ++failed_handshakes_;
          return;
        }
      } else if (verb == "AUTH") {
        if (line.find(' ', 5) == std::string::npos) {  // "AUTH PLAIN" without initial response
          if (!c.Write("334 \r\n") || !c.ReadLine(line)) return;
          Record(c, line);
        }
        sent = c.Write("235 2.7.0 Authentication successful\r\n");
      } else if (verb == "MAIL") {
        mail = Arrived{};
        mail.mail_from = line.substr(line.find(':') + 1);
        sent = c.Write("250 2.1.0 Ok\r\n");
      } else if (verb == "RCPT") {
        mail.rcpt_to.push_back(line.substr(line.find(':') + 1));
        sent = c.Write("250 2.1.5 Ok\r\n");
      } else if (verb == "DATA") {
        if (!c.Write("354 End data with <CR><LF>.<CR><LF>\r\n")) return;
        while (c.ReadLine(line) && line != ".") {
          mail.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
        }
        mail.over_tls = c.tls();
        {
          std::lock_guard lock(mu_);
          mails_.push_back(mail);
        }
        sent = c.Write("250 2.0.0 Ok: queued\r\n");
      } else if (verb == "QUIT") {
        c.Write("221 2.0.0 Bye\r\n");
        return;
      } else if (verb == "RSET" || verb == "NOOP") {
        sent = c.Write("250 2.0.0 Ok\r\n");
      } else {
        sent = c.Write("502 5.5.2 Error: command not recognized\r\n");
      }
      if (!sent) return;
    }
  }

  const bool offer_starttls_;
  const bool implicit_tls_;
  SSL_CTX* ctx_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  bool ok_ = false;
  std::atomic<bool> stopping_{false};
  std::atomic<int> failed_handshakes_{0};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<Line> lines_;     // guarded by mu_
  std::vector<Arrived> mails_;  // guarded by mu_
};

std::string Header(const std::string& data, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  const size_t at = ("\r\n" + data).find(key);
  if (at == std::string::npos) return "";
  const size_t start = at + key.size() - 2;
  return data.substr(start, data.find("\r\n", start) - start);
}

// The body after the headers, quoted-printable decoded when the mail says so.
std::string Body(const std::string& data) {
  const size_t split = data.find("\r\n\r\n");
  std::string body = split == std::string::npos ? "" : data.substr(split + 4);
  if (Header(data, "Content-Transfer-Encoding") != "quoted-printable") return body;
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '=') {
      out += body[i];
    } else if (body.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (i + 2 < body.size()) {
      out += static_cast<char>(std::stoi(body.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

class CurlMailerTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = db_.dir().path().string();
    std::filesystem::create_directory(dir_ + "/server");
    std::filesystem::create_directory(dir_ + "/other");
    ASSERT_TRUE(MakeCertificate(dir_ + "/server", cert_));
    ASSERT_TRUE(MakeCertificate(dir_ + "/other", other_cert_));
    const Status opened = db_.Open(store::Dialect::kSqlite, "");
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    // The public address (--publiek-adres), not the address the server listens on.
    auto templates = Templates::Create("https://meldingen.groningen.nl");
    ASSERT_TRUE(templates.ok());
    templates_ = std::make_unique<Templates>(*templates);
    outbox_ = std::make_unique<Outbox>(*db_, clock_, *templates_);
  }
  void TearDown() override {
    outbox_.reset();
    db_.Close();
  }

  SmtpOptions Options(int port, const std::string& ca_file) {
    SmtpOptions o;
    o.host = "127.0.0.1";
    o.port = port;
    o.ca_file = ca_file;
    o.from = "noreply@groningen.nl";
    o.user = kUser;
    o.password = kPassword;
    o.timeout = std::chrono::milliseconds(3000);
    return o;  // tls: the default, STARTTLS required
  }

  void EnqueueIntake() {
    EventForMail e;
    e.kind = MailKind::kConfirmation;
    e.tenant = "GM0014";
    e.melding_id = "melding-1";
    e.number = "M-2026-100001";
    e.event_seq = 0;
    e.reporter_email = "melder1@example.nl";
    e.category_public_name = "Container vol of kapot";
    e.handling_message = "Wij legen of repareren de container meestal binnen drie werkdagen.";
    e.deadline = clock_.Now() + std::chrono::hours(72);
    e.follow_code = "code1";
    ASSERT_TRUE(
        db_->Write([&](store::Transaction& txn) { return outbox_->EnqueueForEvent(txn, e); }).ok());
  }

  // One worker round through `mailer`; the single message's outbox entry afterwards.
  OutboxEntry RunWorker(Mailer& mailer) {
    WorkerOptions w;
    w.worker_id = "w1";
    OutboxWorker worker(*db_, clock_, mailer, w);
    auto round = worker.RunOnce();
    EXPECT_TRUE(round.ok()) << round.status().ToString();
    auto all = outbox_->List(OutboxFilter::kAll);
    EXPECT_TRUE(all.ok() && all->size() == 1u);
    return all.ok() && !all->empty() ? all->front() : OutboxEntry{};
  }

  // True when nothing but EHLO and STARTTLS crossed the plain connection.
  static bool OnlyEhloAndStartTlsInClear(const std::vector<Line>& lines) {
    for (const Line& l : lines) {
      if (!l.over_tls && l.text.rfind("EHLO ", 0) != 0 && l.text != "STARTTLS" &&
          l.text != "QUIT") {
        return false;
      }
    }
    return true;
  }

  std::string dir_;
  TestCertificate cert_;
  TestCertificate other_cert_;
  FakeClock clock_{*ParseRfc3339("2026-11-28T13:00:00Z")};
  store::testing::TestDatabase db_{"baken_mail_tls"};
  std::unique_ptr<Templates> templates_;
  std::unique_ptr<Outbox> outbox_;
};

// The review saw AUTH PLAIN and the mail cross plain TCP although the server offered STARTTLS.
TEST_F(CurlMailerTlsTest, MailWithPasswordTravelsOnlyAfterStartTls) {
  StartTlsServer server(cert_, /*offer_starttls=*/true);
  ASSERT_TRUE(server.ok());
  EnqueueIntake();
  CurlMailer mailer(Options(server.port(), cert_.cert_file), clock_);
  const OutboxEntry entry = RunWorker(mailer);
  EXPECT_TRUE(entry.sent_at.has_value()) << entry.last_error;

  const auto mails = server.Mails();
  ASSERT_EQ(mails.size(), 1u);
  const Arrived& mail = mails[0];
  EXPECT_TRUE(mail.over_tls);
  ASSERT_EQ(mail.rcpt_to.size(), 1u);
  EXPECT_EQ(mail.rcpt_to[0], "<melder1@example.nl>");
  EXPECT_EQ(Header(mail.data, "To"), "melder1@example.nl");
  EXPECT_EQ(Header(mail.data, "Subject"), "Uw melding M-2026-100001 is ontvangen");
  const std::string body = Body(mail.data);
  EXPECT_NE(body.find("M-2026-100001"), std::string::npos) << body;
  EXPECT_NE(body.find("https://meldingen.groningen.nl/volgen/code1"), std::string::npos) << body;
  EXPECT_EQ(body.find("127.0.0.1"), std::string::npos) << body;

  // Nothing but EHLO and STARTTLS in clear; the password went inside TLS only.
  const auto lines = server.Lines();
  EXPECT_TRUE(OnlyEhloAndStartTlsInClear(lines));
  bool auth_over_tls = false;
  for (const Line& l : lines) {
    if (l.text.rfind("AUTH", 0) == 0) auth_over_tls = l.over_tls;
  }
  EXPECT_TRUE(auth_over_tls);
}

TEST_F(CurlMailerTlsTest, SmtpsSpeaksTlsFromTheFirstByte) {
  StartTlsServer server(cert_, /*offer_starttls=*/false, /*implicit_tls=*/true);
  ASSERT_TRUE(server.ok());
  EnqueueIntake();
  SmtpOptions o = Options(server.port(), cert_.cert_file);
  o.tls = SmtpTls::kImplicit;
  CurlMailer mailer(o, clock_);
  const OutboxEntry entry = RunWorker(mailer);
  EXPECT_TRUE(entry.sent_at.has_value()) << entry.last_error;
  const auto mails = server.Mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails[0].over_tls);
  EXPECT_EQ(mails[0].rcpt_to.at(0), "<melder1@example.nl>");
  for (const Line& l : server.Lines()) EXPECT_TRUE(l.over_tls) << l.text;
}

TEST_F(CurlMailerTlsTest, ServerWithoutStartTlsGetsNothingAndTheOutboxSaysWhy) {
  StartTlsServer server(cert_, /*offer_starttls=*/false);
  ASSERT_TRUE(server.ok());
  EnqueueIntake();
  CurlMailer mailer(Options(server.port(), cert_.cert_file), clock_);
  const OutboxEntry entry = RunWorker(mailer);
  EXPECT_FALSE(entry.sent_at.has_value());
  EXPECT_TRUE(server.Mails().empty());
  const auto lines = server.Lines();
  EXPECT_TRUE(OnlyEhloAndStartTlsInClear(lines));  // no AUTH, no MAIL FROM, no DATA
  for (const Line& l : lines) EXPECT_EQ(l.text.find("AUTH"), std::string::npos) << l.text;
  EXPECT_NE(entry.last_error.find("biedt geen STARTTLS"), std::string::npos) << entry.last_error;
  EXPECT_NE(entry.last_error.find("smtp.tls"), std::string::npos) << entry.last_error;
  EXPECT_EQ(entry.last_error.find(kPassword), std::string::npos);
}

TEST_F(CurlMailerTlsTest, UntrustedCertificateFailsWithAClearReason) {
  StartTlsServer server(cert_, /*offer_starttls=*/true);
  ASSERT_TRUE(server.ok());
  Message m;
  m.to_address = "melder1@example.nl";
  m.subject = "Test";
  m.body_text = "Test\n";
  // Trusting another certificate than the server's: as with a man in the middle.
  CurlMailer mailer(Options(server.port(), other_cert_.cert_file), clock_);
  const Status s = mailer.Send(m, "1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find("certificaat"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("smtp.ca_bestand"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.message().find(dir_), std::string::npos) << s.ToString();  // no file paths
  EXPECT_TRUE(server.Mails().empty());
  for (const Line& l : server.Lines()) {
    EXPECT_EQ(l.text.find("AUTH"), std::string::npos) << l.text;
    EXPECT_FALSE(l.over_tls) << l.text;
  }
}

TEST_F(CurlMailerTlsTest, WithoutACaFileTheSelfSignedServerIsNotTrusted) {
  StartTlsServer server(cert_, /*offer_starttls=*/true);
  ASSERT_TRUE(server.ok());
  Message m;
  m.to_address = "melder1@example.nl";
  m.subject = "Test";
  m.body_text = "Test\n";
  SmtpOptions o = Options(server.port(), "");
  o.user.clear();
  o.password.clear();  // even without a password: STARTTLS and verification are the default
  const Status s = CurlMailer(o, clock_).Send(m, "1");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_TRUE(server.Mails().empty());
}

}  // namespace
}  // namespace baken::notify
