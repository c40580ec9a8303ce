#pragma once
// Which posts hold a mentor, school by school: the relation the placement market searches
// for a free place (and the teachers' weekly sums visit when a path can reach 0), since only a
// mentor carries mentoring load and fewer than one post in six holds one. Between the hosting
// decision and the year end no post becomes or stops being a filled mentor (mentors are made
// and leave at the year end and at the hosting decision), so the index is rebuilt once a year,
// after September's decisions (Simulation::start_academic_year), and is valid until the year
// ends.

#include "sim/core/agents.hpp"

#include <span>
#include <vector>

namespace ittsim {

class MentorPosts {
 public:
  // Every filled post with is_mentor set, each school's in post order, schools in id order.
  void build(const Schools& schools, const Teachers& teachers);

  std::span<const TeacherId> of(SchoolId school) const noexcept {
    return {posts_.data() + begin_[school], posts_.data() + begin_[school + 1]};
  }
  const std::vector<TeacherId>& all() const noexcept { return posts_; }
  // True once built for this many schools (a world built by hand must call build first).
  bool covers(const Schools& schools) const noexcept { return begin_.size() == schools.size() + 1; }

 private:
  std::vector<TeacherId> posts_;
  std::vector<std::size_t> begin_;  // school s's mentors are posts_[begin_[s], begin_[s + 1])
};

}  // namespace ittsim
