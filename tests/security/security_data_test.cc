// Attacks on stored data, the audit chain and the files Baken leaves on disk, as the review of the
// running server tried them: bytes that are not UTF-8 sent through Open311 (they broke the staff
// list until the row was repaired by hand), a stray byte already in the database, an audit chain
// recomputed the old unkeyed way, cut at its tail or with its head moved back, and database,
// backup, attachment and checkpoint files that others on the machine could read.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "../api/api_test_env.h"
#include "baken/security/audit_anchor.h"
#include "baken/security/audit_log.h"
#include "baken/security/internal/audit_hash.h"
#include "baken/store/backup.h"
#include "baken/store/migrations.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::AuditAnchor;
using security::AuditCheckpoint;
using security::AuditEntry;
using security::AuditLog;
using security::AuditProblem;
using security::AuditVerifyOptions;
using security::AuditVerifyResult;

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

unsigned Mode(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

class SecurityDataTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    auto key = services_->api_keys.Create("GM0014", "buitenbeter-app", security::Role::kResident,
                                          {security::Purpose::kMeldingAfhandelen});
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    api_key_ = *key;
    boa_ = MakeUser("boa", security::Role::kBoa, {"toezicht"});
  }

  httplib::Headers Staff() {
    httplib::Headers h = CookieHeaders(SessionFor(boa_));
    h.emplace("X-Baken-Doel", "melding_afhandelen");
    return h;
  }

  // A resident's melding through the public JSON form; returns its number.
  std::string CreateMelding(const std::string& text = "Er ligt al dagen grofvuil naast de bak.") {
    json form = {{"tekst", text},
                 {"categorie", "grofvuil"},
                 {"locatie", {{"type", "Point"}, {"coordinates", {6.5666, 53.2191}}}}};
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return Body(res).value("nummer", "");
  }

  void ExpectStaffViewsAnswer(const std::string& number, bool expect_replacement) {
    const std::vector<std::string> paths = {"/api/v1/meldingen", "/api/v1/meldingen?open=true",
                                            "/api/v1/meldingen/" + number};
    for (const std::string& path : paths) {
      auto res = client_->Get(path, Staff());
      ASSERT_TRUE(res) << path;
      EXPECT_EQ(res->status, 200) << path << ": " << res->body;
      EXPECT_FALSE(Body(res).is_discarded()) << path;
      if (expect_replacement) {
        EXPECT_NE(res->body.find(kReplacement), std::string::npos) << path << ": " << res->body;
      }
    }
  }

  std::string api_key_;
  security::User boa_;
};

TEST_F(SecurityDataTest, Open311DescriptionWithFfFeIsRefusedAndTheListStillAnswers) {
  const std::string number = CreateMelding();
  // The form as the attacker sent it: description=%FF%FE.
  const std::string form = "api_key=" + api_key_ +
                           "&service_code=grofvuil&lat=53.2191&long=6.5666"
                           "&description=Kapotte%20bank%20%FF%FE%20bij%20het%20plein";
  auto res = client_->Post("/open311/v2/requests.json", form, "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 400) << res->body;
  const json errors = Body(res);
  ASSERT_TRUE(errors.is_array()) << res->body;
  const std::string description = errors[0]["description"];
  EXPECT_NE(description.find("description"), std::string::npos) << description;
  EXPECT_NE(description.find("UTF-8"), std::string::npos) << description;

  // Also a name that is not UTF-8 is refused, naming that field.
  auto name = client_->Post("/open311/v2/requests.json",
                            "api_key=" + api_key_ +
                                "&service_code=grofvuil&lat=53.2191&long=6.5666"
                                "&description=Kapotte%20bank%20bij%20het%20plein&first_name=J%C3",
                            "application/x-www-form-urlencoded");
  ASSERT_EQ(name->status, 400) << name->body;
  EXPECT_NE(name->body.find("first_name"), std::string::npos) << name->body;

  ExpectStaffViewsAnswer(number, /*expect_replacement=*/false);
  auto list = client_->Get("/api/v1/meldingen", Staff());
  EXPECT_EQ(Body(list)["meldingen"].size(), 1u) << list->body;  // nothing of the attack stored
}

TEST_F(SecurityDataTest, PublicFormTextNotUtf8IsRefusedNamingTheField) {
  // A JSON body cannot carry such bytes legally; an attachment's file name in a multipart or a
  // JSON string with a raw byte must not get stored either.
  std::string body = R"({"tekst":"Kapot )" + std::string("\xFF\xFE") +
                     R"( bij het plein","categorie":"grofvuil","locatie":{"type":"Point",)"
                     R"("coordinates":[6.5666,53.2191]}})";
  auto res = client_->Post("/api/v1/publiek/meldingen", body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  auto list = client_->Get("/api/v1/meldingen", Staff());
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_TRUE(Body(list)["meldingen"].empty()) << list->body;
}

TEST_F(SecurityDataTest, StoredInvalidByteIsAnsweredWithReplacementCharacters) {
  const std::string number = CreateMelding();
  // Written past every input check, as an old version or a hand repair may have done.
  Status s = db_->Write([&](store::Transaction& txn) -> Status {
    return txn
        .Execute("UPDATE meldingen SET text = ? WHERE number = ?",
                 {std::string("Kapot \xFF\xFE bij het plein, al dagen."), number})
        .status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectStaffViewsAnswer(number, /*expect_replacement=*/true);
  auto one = client_->Get("/api/v1/meldingen/" + number, Staff());
  EXPECT_EQ(Body(one)["tekst"], "Kapot \xEF\xBF\xBD\xEF\xBF\xBD bij het plein, al dagen.")
      << one->body;
}

// --- the audit chain -------------------------------------------------------------------------

class AuditChainAttackTest : public SecurityDataTest {
 protected:
  void SetUp() override {
    SecurityDataTest::SetUp();
    log_ = std::make_unique<AuditLog>(*db_, clock_, key_);
    // Setting up users wrote entries without a key (as an installation from before the key).
    first_keyed_ = log_->Head()->seq + 1;
    anchor_ =
        std::make_unique<AuditAnchor>((db_.dir().path() / "audit-ankers.jsonl").string(), key_);
    for (int i = 1; i <= 10; ++i) {
      AuditEntry e;
      e.tenant = "GM0014";
      e.actor = "user-" + std::to_string(i);
      e.action = "melding.read";
      e.object_type = "melding";
      e.object_id = "M-2026-00000" + std::to_string(i);
      ASSERT_TRUE(log_->Append(e).ok());
    }
    auto c = anchor_->Checkpoint(*log_, clock_);  // as the server does every minute
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    head_ = log_->Head()->seq;
    ASSERT_EQ(c->seq, head_);
  }

  AuditVerifyResult Verify() {
    auto checkpoints = anchor_->Read();
    EXPECT_TRUE(checkpoints.ok()) << checkpoints.status().ToString();
    AuditVerifyOptions options;
    options.key = key_;
    if (checkpoints.ok()) options.checkpoints = *checkpoints;
    auto r = log_->Verify(options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AuditVerifyResult{};
  }

  // An attacker with write access to the database file: the append-only triggers go first.
  void Tamper(const std::function<Status(store::Transaction&)>& fn) {
    Status s = db_->Write([&](store::Transaction& txn) -> Status {
      RETURN_IF_ERROR(
          txn.ExecuteScript("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS "
                            "audit_log_no_delete;"));
      return fn(txn);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Rewrites every entry from `from` on with the old, unkeyed hash and moves the head along.
  void RecomputeUnkeyedFrom(int64_t from) {
    Tamper([&](store::Transaction& txn) -> Status {
      ASSIGN_OR_RETURN(store::ResultSet rows,
                       txn.Query("SELECT seq, at, tenant, actor, actor_role, action, object_type, "
                                 "object_id, purpose, sensitivity, from_address, outcome, "
                                 "details, prev_hash FROM audit_log ORDER BY seq"));
      std::string prev(32, '\0');
      for (const store::Row& r : rows.rows) {
        AuditEntry e;
        e.seq = r.GetInt64(0);
        e.at = r.GetTimestamp(1);
        e.tenant = r.GetText(2);
        e.actor = e.seq == from ? "iemand-anders" : r.GetText(3);
        e.actor_role = r.GetText(4);
        e.action = r.GetText(5);
        e.object_type = r.GetText(6);
        e.object_id = r.GetText(7);
        e.purpose = r.GetText(8);
        e.sensitivity = r.GetText(9);
        e.from_address = r.GetText(10);
        e.outcome = r.GetText(11) == "allow" ? security::AuditOutcome::kAllow
                                             : security::AuditOutcome::kDeny;
        e.details = r.GetText(12);
        if (e.seq < from) {
          ASSIGN_OR_RETURN(store::Row h,
                           txn.QueryRow("SELECT hash FROM audit_log WHERE seq = ?", {e.seq}));
          prev = h.GetBlob(0).bytes;
          continue;
        }
        e.prev_hash = prev;
        e.hash = security::internal::AuditHash(e);
        RETURN_IF_ERROR(txn.Execute("UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? "
                                    "WHERE seq = ?",
                                    {e.actor, store::Blob{e.prev_hash}, store::Blob{e.hash}, e.seq})
                            .status());
        prev = e.hash;
      }
      return txn.Execute("UPDATE audit_head SET hash = ? WHERE id = 1", {store::Blob{prev}})
          .status();
    });
  }

  const std::string key_ = std::string(32, 'a');
  std::unique_ptr<AuditLog> log_;
  std::unique_ptr<AuditAnchor> anchor_;
  int64_t head_ = 0;
  int64_t first_keyed_ = 0;
};

TEST_F(AuditChainAttackTest, IntactChainVerifiesWithKeyAndCheckpoints) {
  const AuditVerifyResult r = Verify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_GE(r.entries_checked, 10);
}

TEST_F(AuditChainAttackTest, ChainRecomputedWithTheOldUnkeyedHashIsBroken) {
  const int64_t from = first_keyed_ + 3;
  RecomputeUnkeyedFrom(from);
  const AuditVerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, from);
  EXPECT_EQ(r.problem, AuditProblem::kHashMismatch) << r.reason;
  // Also without any checkpoint: the unkeyed entry after keyed ones is named.
  AuditVerifyOptions no_checkpoints;
  no_checkpoints.key = key_;
  auto bare = log_->Verify(no_checkpoints);
  ASSERT_TRUE(bare.ok());
  EXPECT_FALSE(bare->ok);
  EXPECT_EQ(bare->first_bad_seq, from);
}

TEST_F(AuditChainAttackTest, WholeChainRecomputedUnkeyedIsBrokenAtTheFirstKeyedEntry) {
  // Entries from before the key can be rewritten consistently, but the first keyed entry's MAC
  // covers its link to them, and the checkpoint says where the keyed part starts.
  RecomputeUnkeyedFrom(1);
  const AuditVerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, first_keyed_) << r.reason;
  EXPECT_EQ(r.problem, AuditProblem::kHashMismatch) << r.reason;
}

TEST_F(AuditChainAttackTest, TailCutWithTheHeadMovedBackIsBroken) {
  Tamper([&](store::Transaction& txn) -> Status {
    RETURN_IF_ERROR(txn.Execute("DELETE FROM audit_log WHERE seq > ?", {head_ - 3}).status());
    ASSIGN_OR_RETURN(store::Row h,
                     txn.QueryRow("SELECT hash FROM audit_log WHERE seq = ?", {head_ - 3}));
    return txn
        .Execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                 {head_ - 3, store::Blob{h.GetBlob(0).bytes}})
        .status();
  });
  const AuditVerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, AuditProblem::kCheckpointMissing) << r.reason;
  EXPECT_EQ(r.first_bad_seq, head_ - 2);
  EXPECT_NE(r.reason.find("ankerpunt"), std::string::npos) << r.reason;
}

TEST_F(AuditChainAttackTest, HeadMovedBackWithoutCuttingIsBroken) {
  Tamper([&](store::Transaction& txn) -> Status {
    return txn.Execute("UPDATE audit_head SET seq = 2 WHERE id = 1").status();
  });
  EXPECT_FALSE(Verify().ok);
}

TEST_F(AuditChainAttackTest, ForgedCheckpointLineIsRefused) {
  {
    std::ofstream out(anchor_->path(), std::ios::app);
    out << R"({"seq":3,"head":")" << std::string(64, '0') << R"(","at":0,"keyed_from":1,"mac":")"
        << std::string(64, '0') << "\"}\n";
  }
  auto read = anchor_->Read();
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("regel 2"), std::string::npos) << read.status().message();
}

TEST_F(AuditChainAttackTest, EntriesFromBeforeTheKeyStayVerifiableAndAreAnchored) {
  // An installation that gets its key now: its old entries carry the unkeyed hash.
  const std::string fresh_dir = (db_.dir().path() / "tweede").string();
  std::filesystem::create_directories(fresh_dir);
  auto db = store::OpenDatabase("sqlite:" + fresh_dir + "/baken.db");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(store::Migrate(**db).ok());
  AuditLog unkeyed(**db, clock_, "");
  AuditLog keyed(**db, clock_, key_);
  AuditEntry e;
  e.tenant = "GM0014";
  e.action = "login.success";
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(unkeyed.Append(e).ok());
  AuditAnchor anchor(fresh_dir + "/audit-ankers.jsonl", key_);
  auto first = anchor.Checkpoint(keyed, clock_);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->keyed_from, 4);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(keyed.Append(e).ok());
  ASSERT_TRUE(anchor.Checkpoint(keyed, clock_).ok());
  AuditVerifyOptions options;
  options.key = key_;
  options.checkpoints = *anchor.Read();
  ASSERT_EQ(options.checkpoints.size(), 2u);
  auto r = keyed.Verify(options);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_EQ(r->entries_checked, 6);
  // Appending without the key after the boundary is a downgrade, named at that entry.
  ASSERT_TRUE(unkeyed.Append(e).ok());
  r = keyed.Verify(options);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->first_bad_seq, 7);
}

// --- files on disk -------------------------------------------------------------------------------

TEST_F(AuditChainAttackTest, DatabaseWalBackupAttachmentsAndCheckpointsAreOwnerOnly) {
  const std::filesystem::path db = db_.dir().path() / "baken.db";
  EXPECT_EQ(Mode(db), 0600u);
  EXPECT_EQ(Mode(db.string() + "-wal"), 0600u);
  EXPECT_EQ(Mode(db.string() + "-shm"), 0600u);
  EXPECT_EQ(Mode(anchor_->path()), 0600u);

  const std::string backup = (db_.dir().path() / "backup.db").string();
  ASSERT_TRUE(store::BackupDatabase(*db_, backup).ok());
  EXPECT_EQ(Mode(backup), 0600u);

  // A photo with a melding: the folder and the file.
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "foto";
  std::string b64;
  {
    static constexpr char kB64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 2 < png.size(); i += 3) {
      const uint32_t n = (static_cast<uint8_t>(png[i]) << 16) |
                         (static_cast<uint8_t>(png[i + 1]) << 8) | static_cast<uint8_t>(png[i + 2]);
      b64 += kB64[n >> 18], b64 += kB64[(n >> 12) & 63], b64 += kB64[(n >> 6) & 63],
          b64 += kB64[n & 63];
    }
    if (i + 1 == png.size()) {
      const uint32_t n = static_cast<uint8_t>(png[i]) << 16;
      b64 += kB64[n >> 18], b64 += kB64[(n >> 12) & 63], b64 += "==";
    } else if (i + 2 == png.size()) {
      const uint32_t n =
          (static_cast<uint8_t>(png[i]) << 16) | (static_cast<uint8_t>(png[i + 1]) << 8);
      b64 += kB64[n >> 18], b64 += kB64[(n >> 12) & 63], b64 += kB64[(n >> 6) & 63], b64 += '=';
    }
  }
  json form = {{"tekst", "Er ligt al dagen grofvuil naast de bak."},
               {"categorie", "grofvuil"},
               {"locatie", {{"type", "Point"}, {"coordinates", {6.5666, 53.2191}}}},
               {"bijlagen", {{{"naam", "foto.png"}, {"type", "image/png"}, {"inhoud", b64}}}}};
  auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const std::filesystem::path folder = signals_options_.attachment_dir;
  EXPECT_EQ(Mode(folder), 0700u);
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(folder)) {
    EXPECT_EQ(Mode(f.path()), 0600u) << f.path();
    ++files;
  }
  EXPECT_EQ(files, 1);
}

}  // namespace
}  // namespace baken::api::testing
