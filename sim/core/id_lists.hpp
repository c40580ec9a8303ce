#pragma once
// Finding and removing an id that must be in a list. The relation lists (a school's partners
// and networks, a provider's partner schools, a network's members) are kept in step with
// each other, so an id missing from its list is a bug: debug builds stop there, where
// erase(find(...)) would erase end() and corrupt the heap.

#include <algorithm>
#include <cassert>
#include <vector>

namespace ittsim {

// The position of id in list, which must hold it.
template <typename Id>
typename std::vector<Id>::iterator position_of(std::vector<Id>& list, Id id) {
  const auto position = std::find(list.begin(), list.end(), id);
  assert(position != list.end() && "the id must be in the list");
  return position;
}

// Removes the first occurrence of id from list, which must hold it.
template <typename Id>
void erase_present(std::vector<Id>& list, Id id) {
  list.erase(position_of(list, id));
}

}  // namespace ittsim
