#include "sim/core/mentor_posts.hpp"

namespace ittsim {

void MentorPosts::build(const Schools& schools, const Teachers& teachers) {
  posts_.clear();
  begin_.assign(schools.size() + 1, 0);
  for (SchoolId school = 0; school < schools.size(); ++school) {
    begin_[school] = posts_.size();
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(school); ++post) {
      if (teachers.filled[post] && teachers.is_mentor[post]) posts_.push_back(post);
    }
  }
  begin_[schools.size()] = posts_.size();
}

}  // namespace ittsim
