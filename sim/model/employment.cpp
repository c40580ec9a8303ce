#include "sim/model/employment.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/population.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

namespace ittsim {

bool prefers_partnership_schools(Route route) noexcept {
  return route == Route::school_direct_fee || route == Route::school_direct_salaried || route == Route::teach_first;
}

double move_seeking_rate(const MoveParameters& moves, Phase phase, std::int32_t experience_years) noexcept {
  const double rate = phase == Phase::secondary ? moves.secondary_rate : moves.primary_rate;
  const double stage = experience_years < moves.early_career_years ? moves.early_career_ratio : 1.0;
  return std::min(1.0, rate * stage);
}

bool ranks_before(const ApplicantRank& a, const ApplicantRank& b) noexcept {
  if (a.score != b.score) return a.score > b.score;
  if (a.kind != b.kind) return a.kind < b.kind;
  return a.id < b.id;
}

double pupil_trend(const Parameters& p, std::int64_t year, Region region, Phase phase) {
  const auto r = static_cast<std::size_t>(region);
  switch (phase) {
    case Phase::primary: return p.employment.primary_pupil_trend + p.pupil_trends.primary_offset[r];
    case Phase::secondary: {
      const double national = year + 1 <= p.employment.secondary_pupil_peak_year ? p.employment.secondary_pupil_trend
                                                                                 : p.employment.secondary_pupil_trend_after_peak;
      return national + p.pupil_trends.secondary_offset[r];
    }
    default: return 0.0;
  }
}

void adjust_posts_to_pupils(World& world, const Parameters& p, std::int64_t academic_year) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  for_each_agent(schools.size(), [&](std::size_t school) {
    const Phase phase = schools.phase[school];
    const double trend = pupil_trend(p, academic_year, schools.region[school], phase);
    schools.pupils[school] = static_cast<std::int32_t>(std::max(10.0, std::round(schools.pupils[school] * (1.0 + trend))));
    const std::int32_t needed =
        std::min(posts_needed(schools.pupils[school], pupils_per_teacher(p.population, phase)), schools.post_count[school]);
    const TeacherId first = schools.first_post[school];
    const TeacherId end = schools.posts_end(static_cast<SchoolId>(school));
    std::int32_t established = 0;
    for (TeacherId post = first; post < end; ++post) established += teachers.established[post];
    for (TeacherId post = first; post < end && established < needed; ++post) {
      if (!teachers.established[post]) {
        teachers.established[post] = 1;
        ++established;
      }
    }
    // Falling rolls drop vacant posts first; a teacher in a post no longer needed stays
    // until they leave or move, and the post is not refilled.
    for (int pass = 0; pass < 2; ++pass) {
      for (TeacherId post = end; post-- > first && established > needed;) {
        if (teachers.established[post] && (pass == 1 || !teachers.filled[post])) {
          teachers.established[post] = 0;
          --established;
        }
      }
    }
  });
}

namespace {

// A vacant post has no roles left (Teachers::vacate); the hire brings only their own attributes.
void hire(Teachers& teachers, TeacherId post, std::int32_t experience, std::int32_t entry_year, double skill) {
  teachers.filled[post] = 1;
  teachers.experience_years[post] = experience;
  teachers.entry_year[post] = entry_year;
  teachers.wellbeing[post] = resting_wellbeing;
  teachers.skill[post] = skill;
  teachers.induction_support[post] = -1;
}

bool is_vacancy(const Teachers& teachers, TeacherId post) { return teachers.established[post] && !teachers.filled[post]; }

// Vacancies by region, phase and subject, each list in the order the posts fell vacant (post
// id order for those open when the market starts), with how many are still open, in all and
// in each school. A post taken by a nearest-school search is skipped when its turn comes.
class VacancyBoard {
 public:
  explicit VacancyBoard(const World& world) : world_(world), open_in_school_(world.schools.size() * subject_count, 0) {
    for (TeacherId post = 0; post < world.teachers.size(); ++post) {
      if (is_vacancy(world.teachers, post)) add(post);
    }
  }

  // A post that has just fallen vacant (a teacher moved out of it).
  void add(TeacherId post) {
    const SchoolId school = world_.teachers.school[post];
    const Subject subject = world_.teachers.subject[post];
    const auto key = index(world_.schools.region[school], world_.schools.phase[school], subject);
    lists_[key].push_back(post);
    open_[key] += 1;
    open_in_school_[in_school(school, subject)] += 1;
  }

  TeacherId take(Region region, Phase phase, Subject subject) {
    const auto key = index(region, phase, subject);
    auto& list = lists_[key];
    while (next_[key] < list.size()) {
      const TeacherId post = list[next_[key]++];
      if (is_vacancy(world_.teachers, post)) {
        taken(post);
        return post;
      }
    }
    return no_id;
  }

  // A post filled other than through take(), which must be open.
  void taken(TeacherId post) {
    const SchoolId school = world_.teachers.school[post];
    const Subject subject = world_.teachers.subject[post];
    open_[index(world_.schools.region[school], world_.schools.phase[school], subject)] -= 1;
    open_in_school_[in_school(school, subject)] -= 1;
  }

  std::int64_t open(Region region, Phase phase, Subject subject) const { return open_[index(region, phase, subject)]; }
  bool open_in(SchoolId school, Subject subject) const { return open_in_school_[in_school(school, subject)] > 0; }

 private:
  static std::size_t index(Region region, Phase phase, Subject subject) {
    return (static_cast<std::size_t>(region) * 3 + static_cast<std::size_t>(phase)) * subject_count +
           static_cast<std::size_t>(subject);
  }
  static std::size_t in_school(SchoolId school, Subject subject) {
    return static_cast<std::size_t>(school) * subject_count + static_cast<std::size_t>(subject);
  }
  static constexpr std::size_t cells = region_count * 3 * subject_count;
  const World& world_;
  std::array<std::vector<TeacherId>, cells> lists_{};
  std::array<std::size_t, cells> next_{};
  std::array<std::int64_t, cells> open_{};
  std::vector<std::int32_t> open_in_school_;
};

TeacherId vacancy_in_school(const World& world, const VacancyBoard& board, SchoolId school, Subject subject, Phase phase) {
  if (school == no_id || world.schools.phase[school] != phase || !board.open_in(school, subject)) return no_id;
  const auto& teachers = world.teachers;
  const TeacherId end = world.schools.posts_end(school);
  for (TeacherId post = world.schools.first_post[school]; post < end; ++post) {
    if (is_vacancy(teachers, post) && teachers.subject[post] == subject) return post;
  }
  return no_id;
}

// An employment-based or school-led trainee's own schools: employer, last placement school,
// then the provider's partner schools in the trainee's region.
TeacherId partnership_vacancy(const World& world, const VacancyBoard& board, TraineeId id) {
  const auto& trainees = world.trainees;
  const Phase phase = trainees.phase[id];
  const Subject subject = trainees.subject[id];
  for (const SchoolId school : {trainees.employer[id], trainees.last_school[id]}) {
    if (const TeacherId post = vacancy_in_school(world, board, school, subject, phase); post != no_id) return post;
  }
  for (const auto& partner : world.local_partners[trainees.provider[id]][World::local_list(trainees.region[id], phase)]) {
    if (const TeacherId post = vacancy_in_school(world, board, partner.school, subject, phase); post != no_id) return post;
  }
  return no_id;
}

// Someone seeking a post, and what schools see of them.
struct Applicant {
  ApplicantRank rank;
  Phase phase;
  Subject subject;
  Region region;
  double easting_km;  // where they search from: home, or a moving teacher's school
  double northing_km;
  std::int32_t local_authority;
  std::int32_t experience;  // returners and other entrants
  Route route;              // QTS holders
  SchoolId own_school;      // a moving teacher's school, else no_id
};

// The first vacancy of the applicant's phase and subject in the nearest school of its region
// with one within radius of where it searches from (not its own school), or no_id.
TeacherId nearest_vacancy(const World& world, const VacancyBoard& board, const Applicant& applicant, double radius_km) {
  // Once the region's vacancies of the kind run out, later applicants need not search.
  if (board.open(applicant.region, applicant.phase, applicant.subject) == 0) return no_id;
  const SchoolId nearest =
      world.school_grid.nearest(world.schools, applicant.region, applicant.phase, applicant.easting_km, applicant.northing_km,
                                radius_km, [&](SchoolId school) {
                                  return school != applicant.own_school && board.open_in(school, applicant.subject);
                                });
  return vacancy_in_school(world, board, nearest, applicant.subject, applicant.phase);
}

// A special school's vacancy within radius, for an applicant with none of its own phase:
// special schools recruit teachers of both phases (their posts have no subject group).
TeacherId nearest_special_vacancy(const World& world, const VacancyBoard& board, const Applicant& applicant, double radius_km) {
  if (applicant.phase == Phase::special) return no_id;
  Applicant special = applicant;
  special.phase = Phase::special;
  special.subject = Subject::general;
  return nearest_vacancy(world, board, special, radius_km);
}

// A QTS holder with no post within reach who is willing to move takes the next vacancy of its
// region, or else of the region with most such vacancies open (lowest index on ties).
TeacherId vacancy_after_moving(VacancyBoard& board, const Applicant& applicant) {
  TeacherId post = board.take(applicant.region, applicant.phase, applicant.subject);
  if (post != no_id) return post;
  Region best = applicant.region;
  for (std::size_t r = 0; r < region_count; ++r) {
    const auto region = static_cast<Region>(r);
    if (board.open(region, applicant.phase, applicant.subject) > board.open(best, applicant.phase, applicant.subject)) best = region;
  }
  return board.take(best, applicant.phase, applicant.subject);
}

std::size_t experience_band(std::int32_t experience) {
  std::size_t band = 0;
  while (band < move_experience_band_ends.size() && experience >= move_experience_band_ends[band]) ++band;
  return band;
}

}  // namespace

JobMarket run_job_market(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  JobMarket result;
  auto& teachers = world.teachers;
  const auto& trainees = world.trainees;
  const auto& schools = world.schools;
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);
  const auto next_year = static_cast<std::int32_t>(clock.academic_year + 1);
  const double job_radius = scaled_km(p.population, p.employment.job_search_km);
  const double move_radius = scaled_km(p.population, p.moves.search_km);
  // A distribution of its own for each draw: no state is shared between posts or threads.
  const auto interview_term = [&](RandomStream& rng) {
    return p.employment.hiring_noise_sd * boost::random::normal_distribution<double>(0.0, 1.0)(rng);
  };
  // Per post: the returner and other entrant it draws, and (grouped) whether its vacancy is open out of field.
  const auto vacancy_stream = [&](StreamKey key) { return streams.stream(Purpose::vacancy_filling, key, week); };
  // The year end has changed partnerships since September.
  list_local_partners(world);
  build_school_grid(world, p);
  VacancyBoard board(world);
  // Which posts' holders seek a move and which posts draw a returner or other entrant, from
  // each post's streams (in parallel), as the market opens: before anyone is hired.
  constexpr std::uint8_t draws_mover = 1;
  constexpr std::uint8_t draws_entrant = 2;
  const auto teacher_count = teachers.size();
  // Each post's move stream, read twice: in the parallel pass and again for the movers.
  const auto move_stream = [&](TeacherId post) { return streams.stream(Purpose::teacher_move, post, week); };
  const auto seeks_move = [&](RandomStream& rng, TeacherId post) {
    return rng.uniform() < move_seeking_rate(p.moves, schools.phase[teachers.school[post]], teachers.experience_years[post]);
  };
  const auto entrant_rates = std::array<double, 2>{p.employment.returner_applicant_rate, p.employment.other_entrant_applicant_rate};
  std::vector<std::uint8_t> draws(teacher_count, 0);
  for_each_agent(teacher_count, [&](std::size_t id) {
    const auto post = static_cast<TeacherId>(id);
    if (!teachers.filled[post]) return;
    auto move_rng = move_stream(post);
    auto entrant_rng = vacancy_stream(post);
    // The chance that either entrant is drawn: the second draw below then decides between them.
    const bool entrant = entrant_rng.uniform() < 1.0 - (1.0 - entrant_rates[0]) * (1.0 - entrant_rates[1]);
    draws[post] = static_cast<std::uint8_t>((seeks_move(move_rng, post) ? draws_mover : 0) | (entrant ? draws_entrant : 0));
  });

  // 1. This year's QTS holders: who seeks a post, and school-led and employment-based trainees
  //    placed first in their partnership's schools, in a random order.
  std::vector<Applicant> applicants;
  std::vector<std::pair<std::uint64_t, TraineeId>> partnership_first;
  std::vector<double> qts_score(trainees.size(), 0.0);
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    if (trainees.status[id] != TraineeStatus::qts) continue;
    auto rng = streams.stream(Purpose::job_market_order, id, week);
    const std::uint64_t priority = rng();
    const auto route = static_cast<std::size_t>(trainees.route[id]);
    if (rng.uniform() >= p.employment.qts_job_seeking_rate) {
      result.new_qts_not_seeking.add(trainees.region[id], trainees.phase[id]);
      result.new_qts_not_seeking_by_route[route] += 1;
      continue;
    }
    qts_score[id] = p.cpd.new_teacher_skill + interview_term(rng);
    if (prefers_partnership_schools(trainees.route[id])) {
      partnership_first.emplace_back(priority, id);
    } else {
      applicants.push_back({{qts_score[id], ApplicantKind::new_qts, id}, trainees.phase[id], trainees.subject[id],
                            trainees.region[id], trainees.home_easting_km[id], trainees.home_northing_km[id],
                            trainees.home_local_authority[id], 0, trainees.route[id], no_id});
    }
  }
  std::sort(partnership_first.begin(), partnership_first.end());
  const auto count_new_teacher = [&](TeacherId post, double home_easting_km, double home_northing_km) {
    const SchoolId school = teachers.school[post];
    const double distance = std::hypot(schools.easting_km[school] - home_easting_km, schools.northing_km[school] - home_northing_km);
    result.new_teachers_by_distance[travel_distance_band(england_km(p.population, distance))] += 1;
    result.new_teachers.add(schools.region[school], schools.phase[school]);
    result.new_teachers_by_authority[static_cast<std::size_t>(schools.local_authority[school])] += 1;
    result.filled_by_source[0][static_cast<std::size_t>(teachers.subject[post])] += 1;
  };
  const auto count_new_qts_employed = [&](TraineeId id) {
    result.new_qts_employed.add(trainees.region[id], trainees.phase[id]);
    result.new_qts_employed_by_route[static_cast<std::size_t>(trainees.route[id])] += 1;
  };
  for (const auto& [priority, id] : partnership_first) {
    const TeacherId post = partnership_vacancy(world, board, id);
    if (post == no_id) {
      applicants.push_back({{qts_score[id], ApplicantKind::new_qts, id}, trainees.phase[id], trainees.subject[id],
                            trainees.region[id], trainees.home_easting_km[id], trainees.home_northing_km[id],
                            trainees.home_local_authority[id], 0, trainees.route[id], no_id});
      continue;
    }
    board.taken(post);
    hire(teachers, post, 0, next_year, p.cpd.new_teacher_skill);
    count_new_teacher(post, trainees.home_easting_km[id], trainees.home_northing_km[id]);
    count_new_qts_employed(id);
  }

  // 2. Earlier years' QTS holders still seeking, if they try again.
  const auto& seekers = world.job_seekers;
  for (std::uint32_t id = 0; id < seekers.size(); ++id) {
    auto rng = streams.stream(Purpose::job_seeker_retry, id, week);
    if (rng.uniform() >= p.employment.unemployed_retry_rate) {
      result.qts_gave_up += 1;
      continue;
    }
    applicants.push_back({{p.cpd.new_teacher_skill + interview_term(rng), ApplicantKind::earlier_qts, id}, seekers.phase[id],
                          seekers.subject[id], seekers.region[id], seekers.home_easting_km[id], seekers.home_northing_km[id],
                          seekers.home_local_authority[id], 0, seekers.route[id], no_id});
  }

  // 3. Teachers seeking a move, returners and entrants new to the state sector, in post
  //    order, as drawn above. A returner or other entrant lives near the school whose post
  //    drew them and teaches its phase and subject.
  for (TeacherId post = 0; post < teacher_count; ++post) {
    if (draws[post] == 0) continue;
    const SchoolId school = teachers.school[post];
    const Phase phase = schools.phase[school];
    const Subject subject = teachers.subject[post];
    const auto applicant = [&](ApplicantRank rank, std::int32_t experience, SchoolId own_school) {
      return Applicant{rank, phase, subject, schools.region[school], schools.easting_km[school], schools.northing_km[school],
                       schools.local_authority[school], experience, Route::hei, own_school};
    };
    if (draws[post] & draws_mover) {
      auto rng = move_stream(post);
      seeks_move(rng, post);  // the draw made above
      result.moves_sought += 1;
      applicants.push_back(applicant({teachers.skill[post] + interview_term(rng), ApplicantKind::mover, post},
                                     teachers.experience_years[post], school));
    }
    if (draws[post] & draws_entrant) {
      auto rng = vacancy_stream(post);
      rng.uniform();  // the draw made above
      // A returner or another entrant, each in proportion to its rate; both past induction.
      const double returner_share = entrant_rates[0] / (entrant_rates[0] + entrant_rates[1]);
      const auto kind = rng.uniform() < returner_share ? ApplicantKind::returner : ApplicantKind::other_entrant;
      const std::int32_t experience = std::max(2, draw_experience(rng, p));
      const double score = skill_for_experience(p.cpd, experience, 0.0) + interview_term(rng);
      applicants.push_back(applicant({score, kind, post}, experience, no_id));
    }
  }

  // 4. Schools choose: applicants in rank order each take the nearest open vacancy within reach.
  std::sort(applicants.begin(), applicants.end(),
            [](const Applicant& a, const Applicant& b) { return ranks_before(a.rank, b.rank); });
  JobSeekers still_seeking;
  std::int64_t posts_freed = 0;  // by movers, onto the board
  // Fills the post (or, with none, leaves a QTS holder seeking and anyone else where they were).
  const auto settle = [&](const Applicant& applicant, TeacherId post) {
    const ApplicantKind kind = applicant.rank.kind;
    if (post == no_id) {
      if (kind != ApplicantKind::new_qts && kind != ApplicantKind::earlier_qts) return;
      result.qts_unemployed += 1;
      const auto year = kind == ApplicantKind::new_qts ? static_cast<std::int32_t>(clock.academic_year)
                                                       : seekers.qualified_year[applicant.rank.id];
      still_seeking.add(applicant.phase, applicant.subject, applicant.region, applicant.route, applicant.easting_km,
                        applicant.northing_km, applicant.local_authority, year);
      if (kind == ApplicantKind::new_qts) {
        result.new_qts_unemployed.add(applicant.region, applicant.phase);
        result.new_qts_unemployed_by_route[static_cast<std::size_t>(applicant.route)] += 1;
      }
      return;
    }
    const auto subject = static_cast<std::size_t>(teachers.subject[post]);
    if (teachers.subject[post] != applicant.subject && schools.phase[teachers.school[post]] == Phase::secondary)
      result.out_of_field_by_subject[subject] += 1;
    switch (kind) {
      case ApplicantKind::new_qts:
      case ApplicantKind::earlier_qts:
        hire(teachers, post, 0, next_year, p.cpd.new_teacher_skill);
        count_new_teacher(post, applicant.easting_km, applicant.northing_km);
        if (kind == ApplicantKind::new_qts) {
          count_new_qts_employed(applicant.rank.id);
        } else {
          result.earlier_qts_employed += 1;
        }
        break;
      case ApplicantKind::mover: {
        const TeacherId from = applicant.rank.id;
        const SchoolId to_school = teachers.school[post];
        const double east = schools.easting_km[to_school] - applicant.easting_km;
        const double north = schools.northing_km[to_school] - applicant.northing_km;
        result.moves.add(applicant.region, applicant.phase);
        result.moves_by_distance[travel_distance_band(england_km(p.population, std::hypot(east, north)))] += 1;
        result.moves_by_experience[experience_band(teachers.experience_years[from])] += 1;
        result.filled_by_source[1][subject] += 1;
        teachers.move(from, post);
        // The school's early-career teachers the mover inducted look for another mentor in September.
        const SchoolId from_school = applicant.own_school;
        for (TeacherId colleague = schools.first_post[from_school]; colleague < schools.posts_end(from_school); ++colleague) {
          if (teachers.induction_mentor[colleague] == from) teachers.induction_mentor[colleague] = no_id;
        }
        if (teachers.established[from]) {
          board.add(from);
          posts_freed += 1;
        }
        break;
      }
      case ApplicantKind::returner:
      case ApplicantKind::other_entrant: {
        const double collaborative = schools.collaborative_cpd[teachers.school[post]];
        hire(teachers, post, applicant.experience, -1, skill_for_experience(p.cpd, applicant.experience, collaborative));
        if (kind == ApplicantKind::returner) {
          result.returners += 1;
          result.filled_by_source[2][subject] += 1;
        } else {
          result.other_entrants += 1;
          result.filled_by_source[3][subject] += 1;
        }
        break;
      }
    }
  };
  // The nearest open vacancy within reach, of the applicant's phase and subject or else a
  // special school's, taken off the board; or no_id.
  const auto within_reach = [&](const Applicant& applicant) {
    const double radius = applicant.rank.kind == ApplicantKind::mover ? move_radius : job_radius;
    TeacherId post = nearest_vacancy(world, board, applicant, radius);
    if (post == no_id) post = nearest_special_vacancy(world, board, applicant, radius);
    if (post != no_id) board.taken(post);
    return post;
  };
  std::vector<const Applicant*> left;  // without a post, in rank order
  const std::int64_t freed_before = posts_freed;
  for (const Applicant& applicant : applicants) {
    const ApplicantKind kind = applicant.rank.kind;
    TeacherId post = within_reach(applicant);
    if (post == no_id && (kind == ApplicantKind::new_qts || kind == ApplicantKind::earlier_qts)) {
      // Earlier years' holders draw from streams of their own, apart from this year's trainees'.
      const StreamKey key = kind == ApplicantKind::new_qts ? StreamKey(applicant.rank.id) : StreamKey::member(1, applicant.rank.id);
      auto rng = streams.stream(Purpose::job_choice, key, week);
      if (rng.uniform() < p.employment.mobility) post = vacancy_after_moving(board, applicant);
    }
    if (post == no_id) {
      left.push_back(&applicant);
      continue;
    }
    settle(applicant, post);
  }
  // Posts freed by movers served only the applicants ranked below them: they are offered to
  // those still without a post, in rank order, until a round frees none.
  for (std::int64_t freed = posts_freed - freed_before; freed > 0 && !left.empty();) {
    const std::int64_t before = posts_freed;
    std::vector<const Applicant*> still_left;
    for (const Applicant* applicant : left) {
      const TeacherId post = within_reach(*applicant);
      if (post == no_id) {
        still_left.push_back(applicant);
      } else {
        settle(*applicant, post);
      }
    }
    left = std::move(still_left);
    freed = posts_freed - before;
  }
  std::vector<const Applicant*> without_post;  // secondary applicants left, in rank order, for step 5
  for (const Applicant* applicant : left) {
    if (applicant->phase == Phase::secondary && applicant->rank.kind != ApplicantKind::mover) {
      without_post.push_back(applicant);
    } else {
      settle(*applicant, no_id);
    }
  }

  // 5. Out of field: each secondary vacancy no specialist took is open to a teacher of another
  //    subject with probability employment.out_of_field_rate; the secondary applicants left
  //    take the nearest such post within reach, in rank order.
  std::vector<std::int32_t> open_to_others(schools.size(), 0);
  std::vector<std::uint8_t> post_open_to_others(teacher_count, 0);
  for (TeacherId post = 0; post < teacher_count; ++post) {
    if (!is_vacancy(teachers, post) || schools.phase[teachers.school[post]] != Phase::secondary) continue;
    auto rng = vacancy_stream(StreamKey::member(1, post));
    if (rng.uniform() >= p.employment.out_of_field_rate) continue;
    post_open_to_others[post] = 1;
    open_to_others[teachers.school[post]] += 1;
  }
  std::array<std::int64_t, region_count> open_to_others_in_region{};
  for (SchoolId school = 0; school < schools.size(); ++school)
    open_to_others_in_region[static_cast<std::size_t>(schools.region[school])] += open_to_others[school];
  for (const Applicant* applicant : without_post) {
    if (open_to_others_in_region[static_cast<std::size_t>(applicant->region)] == 0) {
      settle(*applicant, no_id);
      continue;
    }
    const SchoolId school = world.school_grid.nearest(schools, applicant->region, Phase::secondary, applicant->easting_km,
                                                      applicant->northing_km, job_radius,
                                                      [&](SchoolId candidate) { return open_to_others[candidate] > 0; });
    TeacherId post = no_id;
    if (school != no_id) {
      for (TeacherId candidate = schools.first_post[school]; candidate < schools.posts_end(school) && post == no_id; ++candidate) {
        if (post_open_to_others[candidate] && is_vacancy(teachers, candidate)) post = candidate;
      }
      open_to_others[school] -= 1;
      open_to_others_in_region[static_cast<std::size_t>(schools.region[school])] -= 1;
      post_open_to_others[post] = 0;
      board.taken(post);
    }
    settle(*applicant, post);
  }
  world.job_seekers = std::move(still_seeking);

  // Each school's vacancies and teachers, then both by region and phase.
  auto& vacancies_by_school = world.schools.vacancies_last_year;
  std::vector<std::int32_t> in_post(schools.size(), 0);
  for_each_agent(schools.size(), [&](std::size_t school) {
    std::int32_t vacancies = 0;
    std::int32_t filled = 0;
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(static_cast<SchoolId>(school)); ++post) {
      vacancies += is_vacancy(teachers, post);
      filled += teachers.filled[post];
    }
    vacancies_by_school[school] = vacancies;
    in_post[school] = filled;
  });
  const auto by_region_phase = [&](const std::vector<std::int32_t>& per_school) {
    return parallel_tally<RegionPhaseCounts>(schools.size(), [&](std::size_t school, RegionPhaseCounts& counts) {
      counts.add(schools.region[school], schools.phase[school], per_school[school]);
    });
  };
  result.vacancies_unfilled = by_region_phase(vacancies_by_school);
  for (SchoolId school = 0; school < schools.size(); ++school)
    result.vacancies_unfilled_by_authority[static_cast<std::size_t>(schools.local_authority[school])] += vacancies_by_school[school];
  for (TeacherId post = 0; post < teacher_count; ++post) {
    if (is_vacancy(teachers, post)) result.unfilled_by_subject[static_cast<std::size_t>(teachers.subject[post])] += 1;
  }
  result.teachers_in_post = by_region_phase(in_post);
  return result;
}

}  // namespace ittsim
