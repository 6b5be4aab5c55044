// Subject access (security/subject_access.h) for meldingen: what Baken holds on a person as the
// reporter of meldingen, found by the reporter e-mail address (case-insensitive).
//
// MeldingenSubjectSource ("meldingen"): each melding with this reporter e-mail: number,
// municipality, received, category, text, state, closed, the reporter's own contact data and
// consent, attachment names, and the messages sent to the reporter (history entries for the
// reporter). Internal notes are not included: they are the municipality's working notes, and
// what an inzageverzoek owes about them is for the privacy officer to decide per case.
// FeedbackSubjectSource ("tevredenheid"): the reporter's satisfaction answers (KTO) on those
// meldingen, with their comments.
//
// Thread-safe; `db` must outlive the sources. Errors: store errors.
#pragma once

#include "baken/security/subject_access.h"
#include "baken/store/database.h"

namespace baken::signals {

security::SubjectSource MeldingenSubjectSource(store::Database& db);
security::SubjectSource FeedbackSubjectSource(store::Database& db);

}  // namespace baken::signals
