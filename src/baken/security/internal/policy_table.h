// The grant table: the single source of who may do what. Internal to the security module; read it
// through policy.h. Constant data, thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "baken/security/roles.h"

namespace baken::security::internal {

// A set of actions as a bit mask.
class ActionSet {
 public:
  constexpr ActionSet() = default;  // no actions
  constexpr ActionSet(std::initializer_list<Action> actions) {
    for (Action a : actions) bits_ |= Bit(a);
  }
  constexpr bool Contains(Action a) const { return (bits_ & Bit(a)) != 0; }

 private:
  static constexpr uint32_t Bit(Action a) { return 1u << static_cast<uint32_t>(a); }
  uint32_t bits_ = 0;
};

struct Grant {
  Role role;
  Purpose purpose;
  Resource resource;
  ActionSet actions;
  Sensitivity max_sensitivity;
  bool personal_data;     // may see persons unmasked
  bool department_bound;  // confidential/special records only of own departments
  std::string_view note;  // Dutch explanation for the rendered model
  // Actions allowed only on records of the principal's own departments, whatever their class
  // (e.g. updating a programme: a coordinator keeps the programme of their own department).
  ActionSet own_department_actions = {};
};

std::span<const Grant> Grants();

}  // namespace baken::security::internal
