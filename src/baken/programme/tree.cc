#include "baken/programme/tree.h"

#include "baken/programme/indicators.h"
#include "baken/programme/repository.h"

namespace baken::programme {

StatusOr<ProgrammeTree> LoadTree(store::Database& db, const std::string& tenant,
                                 const std::string& programme_code, Timestamp as_of) {
  // The repositories read the clock only when writing; LoadTree writes nothing.
  SystemClock& unused_clock = SystemClock::Instance();
  ProgrammeRepository programmes(db, unused_clock);
  IndicatorStore indicators(db, unused_clock);
  ProgrammeTree tree;
  tree.as_of = as_of;
  ASSIGN_OR_RETURN(tree.programme, programmes.GetAsOf(tenant, programme_code, as_of));
  ASSIGN_OR_RETURN(tree.indicators, indicators.List(tenant, programme_code));
  for (Indicator& ind : tree.indicators) {
    ASSIGN_OR_RETURN(ind.values, indicators.ValuesAsOf(tenant, ind.code, as_of));
  }
  return tree;
}

std::vector<const Indicator*> IndicatorsOf(const ProgrammeTree& tree,
                                           const std::string& action_line) {
  std::vector<const Indicator*> out;
  for (const Indicator& ind : tree.indicators) {
    if (ind.action_line == action_line) out.push_back(&ind);
  }
  return out;
}

}  // namespace baken::programme
